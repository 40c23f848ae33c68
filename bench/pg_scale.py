"""Store at scale on both backends: the same generated office on SQLite and on PostgreSQL.

`python -m bench.pg_scale [--applications N --history M] [--postgres URL]` generates an office
with bench/store_scale.py's generator into a SQLite file, copies it into a fresh schema on the
PostgreSQL server (COPY, then VACUUM ANALYZE), and times the project's own lookup
(`store.applications.get`) and `/stats` for the last full year on each, with the ratio
PostgreSQL/SQLite. Targets on PostgreSQL: lookup p99 < 5 ms, `/stats` for a year < 3 s.

A national year takes a quarter of an hour to generate and copy: `--seed PATH` keeps the
generated file (and reuses it when it exists), `--schema NAME` keeps the server's copy in that
schema (and measures it as it is when it exists). Opening either migrates it to the current
schema first.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg

from bench.common import Cell, Latencies, print_machine, print_table, ratio
from bench.pg_seed import copy_rows, schema_copy
from bench.store_scale import EXAMPLE_CONFIG, generate, our_lookups, sample_numbers
from office.settings import Settings, load_settings
from storage.clock import system_clock
from storage.engines import open_database
from storage.periods import parse_period
from storage.statistics import office_figures
from storage.store import Store

LOOKUP_P99_MS = 5.0
STATS_SECONDS = 3.0


async def measure(target: str, numbers: Sequence[str], settings: Settings,
                  year: str) -> tuple[Latencies, list[float], object]:
    """Lookups (twice: the first pass warms the caches) and three `/stats` for the year."""
    calendar = settings.calendar()
    now = system_clock()
    store = await Store.open(target, settings.catalogue(), calendar,
                             prefix=settings.office.registration_prefix)
    try:
        await our_lookups(store, numbers)
        lookups = Latencies.of(await our_lookups(store, numbers))
        period = parse_period([year], calendar.local_date(now), calendar.timezone)
        stats: list[float] = []
        figures: object = None
        for _ in range(3):
            began = time.perf_counter()
            figures = await office_figures(store.database, store.catalogue, calendar, period,
                                           now)
            stats.append(time.perf_counter() - began)
    finally:
        await store.close()
    return lookups, stats, figures


async def run(options: argparse.Namespace) -> int:
    """Generate, copy, measure both, print the table."""
    began = time.perf_counter()
    print_machine()
    settings = load_settings(EXAMPLE_CONFIG)
    year = str(system_clock().year - 1)
    with tempfile.TemporaryDirectory(prefix="etrack-pgscale-") as temporary:
        path = options.seed or Path(temporary) / "office.db"
        if options.seed is None or not path.exists():
            generated = await asyncio.to_thread(
                generate, path, options.applications, options.history, settings=settings,
                now=system_clock(), progress=False)
            print(f"generated {generated.applications:,} applications, {generated.history:,} "
                  f"history rows in {time.perf_counter() - began:.0f} s", flush=True)
        numbers = sample_numbers(path)
        results = {"SQLite": await measure(str(path), numbers, settings, year)}
        copied = time.perf_counter()
        async with _server_copy(path, options) as url:
            print(f"copied into PostgreSQL in {time.perf_counter() - copied:.0f} s", flush=True)
            results["PostgreSQL"] = await measure(url, numbers, settings, year)
    rows: list[list[Cell]] = []
    sqlite_lookups, sqlite_stats, sqlite_figures = results["SQLite"]
    size = sqlite3.connect(f"file:{path}?mode=ro", uri=True).execute(
        "SELECT (SELECT COUNT(*) FROM applications), (SELECT COUNT(*) FROM history)").fetchone()
    for backend, (lookups, stats, _) in results.items():
        rows.append([backend, lookups.count, lookups.p50, lookups.p99,
                     ratio(lookups.p99, sqlite_lookups.p99), min(stats), max(stats),
                     ratio(min(stats), min(sqlite_stats))])
    print_table(f"Store at scale: {size[0]:,} applications, {size[1]:,} history rows; "
                f"/stats {year}",
                ["backend", "lookups", "lookup p50 ms", "lookup p99 ms", "p99 ratio to SQLite",
                 "/stats best s", "/stats worst s", "/stats ratio to SQLite"], rows, digits=3)
    lookups, stats, figures = results["PostgreSQL"]
    # Time buckets, counts and on-time shares must not differ between the engines.
    same = "yes" if figures == sqlite_figures else "NO"
    print(f"the year's figures are the same on both: {same}")
    verdict = "met" if lookups.p99 < LOOKUP_P99_MS and min(stats) < STATS_SECONDS else "MISSED"
    print(f"targets (PostgreSQL): lookup p99 < {LOOKUP_P99_MS} ms: {lookups.p99:.2f} ms; "
          f"/stats for a year < {STATS_SECONDS} s: {min(stats):.2f} s; {verdict}")
    print(f"\ntotal time: {time.perf_counter() - began:.0f} s")
    return 0


@asynccontextmanager
async def _server_copy(seed: Path, options: argparse.Namespace) -> AsyncIterator[str]:
    """The seed in a fresh schema, dropped afterwards; with `--schema`, in that schema, kept
    (copied only if the schema does not exist yet)."""
    if not options.schema:
        async with schema_copy(seed, options.postgres) as url:
            await _vacuum(url)
            yield url
        return
    url = f"{options.postgres}{'&' if '?' in options.postgres else '?'}" \
          f"search_path={options.schema}"
    server = await asyncpg.connect(options.postgres)
    try:
        if not await server.fetchval("SELECT count(*) FROM pg_namespace WHERE nspname = $1",
                                     options.schema):
            await server.execute(f"CREATE SCHEMA {options.schema}")
            await (await open_database(url)).close()
            await copy_rows(seed, server, options.schema)
            await _vacuum(url)
    finally:
        await server.close()
    yield url


async def _vacuum(url: str) -> None:
    # As autovacuum leaves a live database: without it every index-only scan of freshly
    # copied rows reads their table pages too (and autovacuum may start mid-measurement).
    server = await asyncpg.connect(url)
    try:
        await server.execute("VACUUM ANALYZE")
    finally:
        await server.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(prog="python -m bench.pg_scale", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--applications", type=int, default=1_000_000)
    parser.add_argument("--history", type=int, default=4_000_000)
    parser.add_argument("--postgres", default=os.environ.get("ETRACK_TEST_POSTGRES_URL", ""),
                        metavar="URL", help="default: $ETRACK_TEST_POSTGRES_URL")
    parser.add_argument("--seed", type=Path, default=None, metavar="PATH",
                        help="generate the SQLite office here and keep it, or reuse it if it "
                             "exists (then --applications and --history are not used)")
    parser.add_argument("--schema", default="", metavar="NAME",
                        help="copy the seed into this schema on the server and keep it, or "
                             "measure it as it is if it exists")
    return asyncio.run(run(parser.parse_args(argv)))


if __name__ == "__main__":
    raise SystemExit(main())
