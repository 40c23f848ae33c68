"""Several instances on one PostgreSQL database: fan-out and lookups with 1 and with 3.

`python -m bench.instances [--postgres URL]` (default `$ETRACK_TEST_POSTGRES_URL`) seeds a
fresh schema, starts N `python -m bot run` processes on it against a sandbox in this process
that enforces Telegram's limits (30 messages/s overall for the token, about 1/s per chat), and
measures, for N = 1 and N = 3:

(a) fan-out: a staff member's `/advance` to an application with `--followers` followers; the
    sandbox's request log gives every send's arrival. Telegram's limit is per token, so the
    sum over all instances must stay at 30/s with no 429: only the holder of the sender lease
    sends (bot/runtime/roles.py). Reported: the overall rate, the busiest one-second window of
    every send (the staff reply included; the sandbox's bucket, like Telegram's, lets a full
    bucket's burst through) and the 429 answers, the breach itself.
(b) lookups: `--applicants` people each sending `--lookups` registration numbers in a closed
    loop, flood limits lifted as in bench/lookups.py. In polling mode only the poller lease's
    holder receives updates, so a second and third instance add availability, not throughput
    (behind a load balancer in webhook mode every instance would serve).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from contextlib import AsyncExitStack
from pathlib import Path

from bench.common import BOT_USERNAME, TOKEN, Cell, Latencies, print_machine, print_table
from bench.fanout import bot_environment, reply_to, seed, sends, subprocess_in
from bench.pg_seed import fresh_schema
from office.settings import Settings, load_settings
from sandbox import FloodLimits, Person, Sandbox

EXAMPLE_CONFIG = Path(__file__).resolve().parent.parent / "config.example.toml"
TELEGRAM_RATE = 30.0


def busiest_second(moments: Sequence[float]) -> int:
    """The most sends that fell within any one second (a sliding window)."""
    ordered = sorted(moments)
    most, start = 0, 0
    for end, moment in enumerate(ordered):
        while moment - ordered[start] >= 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


async def one_setup(work: Path, settings: Settings, postgres: str, instances: int,
                    options: argparse.Namespace) -> list[Cell]:
    """Start `instances` processes on a fresh schema; measure (a) then (b); one table row."""
    async with AsyncExitStack() as stack:
        database = await stack.enter_async_context(fresh_schema(postgres))
        sandbox = await stack.enter_async_context(
            Sandbox(TOKEN, BOT_USERNAME, limits=FloodLimits()))
        staff = sandbox.add_user("Made", language_code="id")
        followers = [sandbox.add_user(f"Pengikut {index}", language_code="id")
                     for index in range(options.followers)]
        applicants = [sandbox.add_user(f"Pemohon {index}", language_code="id")
                      for index in range(options.applicants)]
        [number] = await seed(database, settings, staff.id, [followers])
        env = bot_environment(sandbox, database, staff.id)
        for index in range(instances):
            await stack.enter_async_context(subprocess_in(
                sandbox, ["-m", "bot", "run"], env, work / f"bot-{instances}-{index}.log",
                polls=index == 0))

        # (a) fan-out at Telegram's limits.
        await staff.send(f"/advance {number}")
        chats = {person.id for person in followers}
        await sandbox.wait_for(lambda: len(sends(sandbox.requests, chats)) >= len(chats),
                               timeout=len(chats) / TELEGRAM_RATE * 2 + 60)
        delivered = [record.at for record in sends(sandbox.requests, chats)]
        refused = sum(1 for record in sends(sandbox.requests, status=429))
        every_send = [record.at for record in sends(sandbox.requests, status=None)]
        seconds = max(delivered) - min(delivered)
        rate = (len(delivered) - 1) / seconds if seconds > 0 else float("nan")

        # (b) lookups, limits lifted.
        sandbox.limits = FloodLimits(enabled=False)
        started = time.monotonic()
        timings = await asyncio.gather(*(lookups(sandbox, person, number, options.lookups)
                                         for person in applicants))
        elapsed = time.monotonic() - started
        latencies = Latencies.of([answer - sent for person in timings for sent, answer in person])
        answered = sum(len(person) for person in timings)
    return [instances, len(delivered), round(seconds, 1), round(rate, 2),
            busiest_second(every_send), refused, answered, round(answered / elapsed, 1),
            round(latencies.p50, 1), round(latencies.p99, 1)]


async def lookups(sandbox: Sandbox, person: Person, number: str,
                  count: int) -> list[tuple[float, float]]:
    """One applicant's closed loop: send the number, wait for the card, again."""
    return [await reply_to(sandbox, person, number) for _ in range(count)]


def arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m bench.instances", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgres", default=os.environ.get("ETRACK_TEST_POSTGRES_URL", ""),
                        help="a PostgreSQL server URL (default $ETRACK_TEST_POSTGRES_URL)")
    parser.add_argument("--followers", type=int, default=600)
    parser.add_argument("--applicants", type=int, default=20)
    parser.add_argument("--lookups", type=int, default=20)
    parser.add_argument("--instances", type=int, nargs="+", default=[1, 3])
    return parser.parse_args(argv)


async def run(options: argparse.Namespace) -> int:
    """Both setups, one table; exit 1 if the limit did not hold."""
    if not options.postgres:
        print("bench.instances needs a PostgreSQL server: --postgres URL or "
              "$ETRACK_TEST_POSTGRES_URL (`source .ci/postgres` starts one)", file=sys.stderr)
        return 2
    print_machine()
    settings = load_settings(EXAMPLE_CONFIG)
    rows: list[list[Cell]] = []
    rates: list[float] = []
    refused: list[int] = []
    with tempfile.TemporaryDirectory(prefix="bench-instances-") as work:
        for count in options.instances:
            row = await one_setup(Path(work), settings, options.postgres, count, options)
            rows.append(row)
            rates.append(float(row[3] or 0.0))
            refused.append(int(row[5] or 0))
    print_table(
        "Fan-out and lookups with several instances on one PostgreSQL database "
        f"(limit: {TELEGRAM_RATE:.0f} sends/s per token)",
        ["instances", "notices delivered", "fan-out s", "sends/s", "busiest second",
         "429", "lookups", "replies/s", "p50 ms", "p99 ms"], rows)
    # The sandbox enforces the limit as Telegram's token bucket does (a full bucket allows a
    # short burst, so one second may hold a few more): a 429 is the breach; the overall rate
    # is allowed 1 % for the first bucket.
    held = max(rates) <= TELEGRAM_RATE * 1.01 and sum(refused) == 0
    print(f"limit held (sends/s ≤ {TELEGRAM_RATE:.0f} within 1 %, no 429): "
          f"{'yes' if held else 'NO'}")
    return 0 if held else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point."""
    return asyncio.run(run(arguments(argv)))


if __name__ == "__main__":
    sys.exit(main())
