"""Applicants' lookups while a clerk's `/stats` runs: do they wait for it?

`python -m bench.stats_contention [--applications N --history M --year YYYY --rounds R]`
fills a database with `bench.store_scale`'s generator (100,000 applications and 1,000,000
history rows by default, about 15 s), opens the store as the bot does, and in one process
times one applicant looking numbers up one after another (`store.applications.get`, closed
loop) in three situations, alternating over the rounds:

- idle: nothing else running (the baseline);
- before: `/stats` for a year as it ran before, on the bot's own connection and event loop
  (`office_figures(store.database, …)`), then the chart drawn in a default-executor thread;
- now: `/stats` as the bot runs it, on a read-only connection in a worker thread with its own
  event loop (`office_figures_apart`), then the chart on that same worker thread.

It prints lookup latency (p50, p99, the longest wait) with ratios to the idle baseline, and how
long `/stats` itself took. The issue's target: no lookup waits more than a second.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

from bench.common import Latencies, print_machine, print_table, ratio
from bench.store_scale import EXAMPLE_CONFIG, generate
from bot.views.charts import render_chart
from office.settings import Settings, load_settings
from storage.clock import system_clock
from storage.periods import parse_period
from storage.reading import run_apart
from storage.statistics import OfficeFigures, office_figures, office_figures_apart
from storage.store import Store

MINIMUM_IDLE_LOOKUPS = 2_000


async def lookups_while(store: Store, numbers: Sequence[str],
                        heavy: Callable[[], Coroutine[Any, Any, object]] | None,
                        ) -> tuple[list[float], float]:
    """Closed-loop lookups until `heavy` is done (or a fixed number when idle); their timings
    and how long `heavy` took."""
    task = asyncio.create_task(heavy()) if heavy else None
    began = time.perf_counter()
    timings: list[float] = []
    while (len(timings) < MINIMUM_IDLE_LOOKUPS) if task is None else not task.done():
        number = numbers[len(timings) % len(numbers)]
        start = time.perf_counter()
        await store.applications.get(number)
        timings.append(time.perf_counter() - start)
    if task is not None:
        await task
    return timings, time.perf_counter() - began


async def measure(path: Path, numbers: Sequence[str], settings: Settings, year: str,
                  rounds: int) -> dict[str, tuple[list[float], list[float]]]:
    """Lookup timings and /stats durations for each situation, over alternating rounds."""
    calendar, catalogue = settings.calendar(), settings.catalogue()
    office, language = settings.office.name, settings.office.default_language
    now = system_clock()
    period = parse_period([year], calendar.local_date(now), calendar.timezone)
    store = await Store.open(path, catalogue, calendar,
                             prefix=settings.office.registration_prefix)

    async def before() -> None:
        figures = await office_figures(store.database, catalogue, calendar, period, now)
        await asyncio.to_thread(render_chart, figures, office, language)

    async def now_apart() -> None:
        figures: OfficeFigures = await office_figures_apart(store.database, catalogue,
                                                            calendar, period, now)
        await run_apart(lambda: render_chart(figures, office, language))

    found: dict[str, tuple[list[float], list[float]]] = {
        name: ([], []) for name in ("idle", "before", "now")}
    try:
        await lookups_while(store, numbers, None)  # warm the cache alike for everyone
        for _ in range(rounds):
            for name, heavy in (("idle", None), ("before", before), ("now", now_apart)):
                timings, took = await lookups_while(store, numbers, heavy)
                found[name][0].extend(timings)
                found[name][1].append(took)
    finally:
        await store.close()
    return found


def report(found: dict[str, tuple[list[float], list[float]]], year: str) -> None:
    """The lookups' latency in each situation, against idle."""
    idle = Latencies.of(found["idle"][0])
    rows: list[list[str | int | float | None]] = []
    for name, label in (("idle", "idle (baseline)"),
                        ("before", f"during /stats {year}, on the bot's connection and loop"),
                        ("now", f"during /stats {year}, apart (as shipped)")):
        timing = Latencies.of(found[name][0])
        stats = "-" if name == "idle" else f"{sum(found[name][1]) / len(found[name][1]):.2f}"
        rows.append([label, timing.count, timing.p50, timing.p99, timing.max,
                     f"{ratio(timing.p99, idle.p99):.1f}", f"{ratio(timing.max, idle.max):.1f}",
                     stats])
    print_table("An applicant's lookups while /stats runs", [
        "situation", "lookups", "p50 ms", "p99 ms", "longest ms", "p99 / idle",
        "longest / idle", "/stats s (mean)"], rows, digits=2)
    longest = Latencies.of(found["now"][0]).max / 1000
    print(f"\nlongest wait during /stats as shipped: {longest:.3f} s (target < 1 s: "
          f"{'met' if longest < 1 else 'MISSED'})")


def main(argv: Sequence[str] | None = None) -> int:
    """Generate, measure, print."""
    parser = argparse.ArgumentParser(prog="python -m bench.stats_contention",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--history", type=int, default=1_000_000)
    parser.add_argument("--year", default=None, help="default: last full calendar year")
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args(argv)
    settings = load_settings(os.environ.get("ETRACK_CONFIG") or EXAMPLE_CONFIG)
    print_machine()
    now = system_clock()
    year = options.year or str(settings.calendar().local_date(now).year - 1)
    with tempfile.TemporaryDirectory(prefix="etrack-contention-") as temporary:
        path = Path(temporary) / "office.db"
        print(f"generating {options.applications:,} applications …", file=sys.stderr)
        generated = generate(path, options.applications, options.history, settings=settings,
                             now=now, sample=2_000, progress=False)
        found = asyncio.run(measure(path, generated.sample, settings, year, options.rounds))
    report(found, year)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
