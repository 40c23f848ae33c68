"""Change-to-notification latency: from a staff member's reply to the follower's message.

`python -m bench.latency` starts a sandbox with Telegram's default flood limits in this process
and the bot, as shipped (30 messages/s), in its own process on a seeded database: `--changes`
applications, each followed by one applicant. The system is idle: one thing happens at a time,
with a rest in between. Each round a staff member sends `/advance <number>` and the sandbox's
request log says when the staff reply and the follower's notification arrived; the notification
can arrive first, since the dispatcher is woken by the commit while the handler is still
writing its reply.

Baseline, in the same rounds and measured the same way: the round trip of a plain command, an
applicant's `/help`, from sending it to its reply arriving.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from collections.abc import Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import (
    BOT_USERNAME,
    TOKEN,
    Cell,
    Latencies,
    print_machine,
    print_table,
    ratio,
)
from bench.fanout import (
    EXAMPLE_CONFIG,
    bot_environment,
    reply_to,
    seed,
    sends,
    subprocess_in,
)
from bench.pg_seed import fresh_schema
from office.settings import Settings, load_settings
from sandbox import FloodLimits, Sandbox

TARGET_P50 = 0.5
NOTIFICATION_TIMEOUT = 30.0


@dataclass
class Timings:
    """Seconds measured in every round."""

    help_round_trip: list[float] = field(default_factory=list)
    command_to_reply: list[float] = field(default_factory=list)
    reply_to_notification: list[float] = field(default_factory=list)
    command_to_notification: list[float] = field(default_factory=list)


async def measure(work: Path, settings: Settings, changes: int, rest: float,
                  postgres: str = "") -> Timings:
    """Seed `changes` followed applications, start the bot, advance each once.

    With `postgres` (a server's URL), on a fresh schema there instead of a SQLite file.
    """
    async with AsyncExitStack() as stack:
        database: Path | str = (await stack.enter_async_context(fresh_schema(postgres))
                                if postgres else work / "latency.db")
        return await _measure(database, work, settings, changes, rest)
    raise AssertionError("unreachable")


async def _measure(database: Path | str, work: Path, settings: Settings, changes: int,
                   rest: float) -> Timings:
    timings = Timings()
    async with Sandbox(TOKEN, BOT_USERNAME, limits=FloodLimits()) as sandbox:
        staff = sandbox.add_user("Wayan", language_code="id")
        applicant = sandbox.add_user("Ayu", language_code="id")
        followers = [sandbox.add_user(f"Pemohon {n}", language_code="id")
                     for n in range(changes + 1)]
        numbers = await seed(database, settings, staff.id, [[f] for f in followers])
        env = bot_environment(sandbox, database, staff.id)
        async with subprocess_in(sandbox, ["-m", "bot", "run"], env, work / "bot.log"):
            # A first round warms every code path; it is not counted.
            for index, (number, follower) in enumerate(zip(numbers, followers, strict=True)):
                sent_at, answered_at = await reply_to(sandbox, applicant, "/help")
                await asyncio.sleep(rest)
                command_at, reply_at = await reply_to(sandbox, staff, f"/advance {number}")
                await follower.next_message(timeout=NOTIFICATION_TIMEOUT)
                [notified] = sends(sandbox.requests, {follower.id})
                await asyncio.sleep(rest)
                if index == 0:
                    continue
                timings.help_round_trip.append(answered_at - sent_at)
                timings.command_to_reply.append(reply_at - command_at)
                timings.reply_to_notification.append(notified.at - reply_at)
                timings.command_to_notification.append(notified.at - command_at)
    return timings


def rows(timings: Timings) -> list[list[Cell]]:
    """One row per measure, each with its p50 as a ratio to the /help round trip's."""
    baseline = Latencies.of(timings.help_round_trip)
    measures = [
        ("/help round trip (baseline)", timings.help_round_trip),
        ("/advance: command → staff reply", timings.command_to_reply),
        ("/advance: staff reply → follower's notification", timings.reply_to_notification),
        ("/advance: command → follower's notification", timings.command_to_notification),
    ]
    table: list[list[Cell]] = []
    for name, seconds in measures:
        summary = Latencies.of(seconds)
        table.append([name, summary.count, summary.p50, summary.p99, summary.mean, summary.max,
                      ratio(summary.p50, baseline.p50)])
    return table


def arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.latency", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--changes", type=int, default=50, help="changes measured (default 50)")
    parser.add_argument("--rest", type=float, default=0.5,
                        help="seconds of quiet before and after each change (default 0.5)")
    parser.add_argument("--postgres", default=os.environ.get("ETRACK_TEST_POSTGRES_URL", ""),
                        metavar="URL", help="measure again on a fresh schema on this "
                        "PostgreSQL server (default: $ETRACK_TEST_POSTGRES_URL)")
    return parser.parse_args(argv)


async def run(options: argparse.Namespace) -> int:
    """Measure and print the table."""
    began = time.perf_counter()
    print_machine()
    settings = load_settings(EXAMPLE_CONFIG)
    backends = {"SQLite": ""}
    if options.postgres:
        backends["PostgreSQL"] = options.postgres
    for backend, postgres in backends.items():
        with tempfile.TemporaryDirectory(prefix="etrack-latency-") as temporary:
            timings = await measure(Path(temporary), settings, options.changes, options.rest,
                                    postgres)
        print_table(f"Change-to-notification latency, {backend}, idle system, "
                    f"{options.changes} changes (milliseconds; Telegram's default limits on)",
                    ["measure", "n", "p50 ms", "p99 ms", "mean ms", "max ms",
                     "p50 ratio to /help"], rows(timings), digits=1)
        p50 = Latencies.of(timings.reply_to_notification).p50 / 1000
        verdict = "met" if p50 < TARGET_P50 else "MISSED"
        print(f"target ({backend}): staff reply → notification p50 < "
              f"{TARGET_P50 * 1000:.0f} ms: {p50 * 1000:.1f} ms, {verdict}")
    print(f"\ntotal time: {time.perf_counter() - began:.0f} s")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point."""
    return asyncio.run(run(arguments(argv)))


if __name__ == "__main__":
    raise SystemExit(main())
