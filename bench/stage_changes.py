"""What migration 11's indexes cost the writes: the stage-change path with and without them.

`python -m bench.stage_changes [--applications N --rounds R] [--postgres URL]` opens two
fresh stores per backend, one as shipped and one with migration 11 taken back (its two
indexes dropped, migration 2's received index restored), and on each, in alternating rounds,
registers applications, moves each stage by stage to its decision (issued) and undoes the
decision, timing every call of the project's own store (`applications.create`,
`applications.change`, `undo.undo`). Prints p50 and mean per kind of write and the ratio of
as shipped to without. SQLite runs on a file (WAL, as the bot runs it); PostgreSQL on a fresh
schema of the server given (default `$ETRACK_TEST_POSTGRES_URL`; skipped without one).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

from bench.common import Cell, Latencies, print_machine, print_table, ratio
from bench.pg_seed import fresh_schema
from bench.store_scale import EXAMPLE_CONFIG
from office.settings import Settings, load_settings
from storage.store import Store
from storage.workflow import Action

WITHOUT_MIGRATION_11 = (
    "DROP INDEX applications_received_by_type",
    "DROP INDEX applications_decided_by_stage",
    "CREATE INDEX applications_received_figures ON applications (created_at, permit_type)",
)
CONTENDERS = ("without migration 11", "as shipped")
STAFF = 7001
KINDS = ("create", "move", "decision", "undo of the decision")


@asynccontextmanager
async def opened(target: str, settings: Settings, *, shipped: bool) -> AsyncIterator[Store]:
    """A store on `target`, with migration 11's indexes or with them taken back."""
    store = await Store.open(target, settings.catalogue(), settings.calendar(),
                             prefix=settings.office.registration_prefix)
    try:
        if not shipped:
            async with store.database.transaction() as conn:
                for sql in WITHOUT_MIGRATION_11:
                    await conn.execute(sql)
        yield store
    finally:
        await store.close()


async def one_round(store: Store, applications: int,
                    timings: dict[str, list[float]]) -> None:
    """Register, move to the decision and undo it, for each application; every call timed."""
    permit_types = [permit_type.code for permit_type in store.catalogue.permit_types]
    for n in range(applications):
        began = time.perf_counter()
        application, _ = await store.applications.create(
            permit_types[n % len(permit_types)], f"Pemohon {n}", staff_id=STAFF)
        timings["create"].append(time.perf_counter() - began)
        stage = application.stage
        while stage != "issued":
            began = time.perf_counter()
            change = await store.applications.change(application.number, Action.ADVANCE,
                                                     staff_id=STAFF)
            stage = change.application.stage
            timings["decision" if stage == "issued" else "move"].append(
                time.perf_counter() - began)
        began = time.perf_counter()
        await store.undo.undo(application.number, staff_id=STAFF, admin=True,
                              window=timedelta(hours=1))
        timings["undo of the decision"].append(time.perf_counter() - began)


async def measure(targets: dict[str, str], settings: Settings, applications: int,
                  rounds: int) -> dict[str, dict[str, Latencies]]:
    """Rounds on the two stores, in alternating order; the first warms up, not counted."""
    timings: dict[str, dict[str, list[float]]] = {name: defaultdict(list) for name in targets}
    async with opened(targets[CONTENDERS[0]], settings, shipped=False) as without, \
            opened(targets[CONTENDERS[1]], settings, shipped=True) as shipped:
        stores = dict(zip(CONTENDERS, (without, shipped), strict=True))
        for round_number in range(rounds + 1):
            # Turns taken in alternating order, so that neither always follows the other.
            order = list(stores.items())[::-1 if round_number % 2 else 1]
            for name, store in order:
                kept: dict[str, list[float]] = defaultdict(list)
                await one_round(store, applications, kept)
                if round_number:
                    for kind, seconds in kept.items():
                        timings[name][kind].extend(seconds)
    return {name: {kind: Latencies.of(found[kind]) for kind in KINDS}
            for name, found in timings.items()}


def rows_for(backend: str, found: dict[str, dict[str, Latencies]]) -> list[list[Cell]]:
    """One row per kind of write and contender, with the ratio to the store without."""
    rows: list[list[Cell]] = []
    for kind in KINDS:
        base = found[CONTENDERS[0]][kind]
        for name in CONTENDERS:
            latencies = found[name][kind]
            rows.append([backend, kind, name, latencies.count, latencies.p50, latencies.mean,
                         ratio(latencies.p50, base.p50), ratio(latencies.mean, base.mean)])
    return rows


async def run(options: argparse.Namespace) -> int:
    """Both backends, one table."""
    began = time.perf_counter()
    print_machine()
    settings = load_settings(EXAMPLE_CONFIG)
    rows: list[list[Cell]] = []
    with tempfile.TemporaryDirectory(prefix="etrack-changes-") as temporary:
        files = {name: str(Path(temporary) / f"{n}.db") for n, name in enumerate(CONTENDERS)}
        rows += rows_for("SQLite", await measure(files, settings, options.applications,
                                                 options.rounds))
    if options.postgres:
        async with fresh_schema(options.postgres) as first, \
                fresh_schema(options.postgres) as second:
            urls = dict(zip(CONTENDERS, (first, second), strict=True))
            rows += rows_for("PostgreSQL", await measure(urls, settings, options.applications,
                                                         options.rounds))
    print_table(f"Stage changes: {options.applications:,} applications per round, "
                f"{options.rounds} rounds counted",
                ["backend", "write", "schema", "calls", "p50 ms", "mean ms",
                 "p50 ratio to without", "mean ratio to without"], rows, digits=3)
    print(f"\ntotal time: {time.perf_counter() - began:.0f} s")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(prog="python -m bench.stage_changes", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--applications", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres", default=os.environ.get("ETRACK_TEST_POSTGRES_URL", ""),
                        metavar="URL", help="default: $ETRACK_TEST_POSTGRES_URL")
    return asyncio.run(run(parser.parse_args(argv)))


if __name__ == "__main__":
    raise SystemExit(main())
