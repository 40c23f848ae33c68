"""Fan-out: one change reaching 10,000 followers, at Telegram's limits and with them lifted.

`python -m bench.fanout` starts a sandbox in this process and the bot in its own process
(`python -m bot run` on a seeded database), so each has a core. A staff member sends
`/advance <number>` through the sandbox; every follower (a sandbox user who started the bot)
is owed one notification. The sandbox's request log says when each one arrived.

(a) Telegram's default limits enforced by the sandbox (30 messages/s overall, 1/s per chat):
    10,000 messages at 30/s take 333 s, more than the 5-minute budget, so the first `--window`
    seconds after the change are measured and the total is projected from the achieved rate.
    Baseline: the limit itself.
(b) Limits lifted, as for paid broadcasts: the sandbox without flood control and
    `notifications.messages_per_second = 5000`; all 10,000 messages are timed. Baseline: a bare
    python-telegram-bot loop (`Bot.send_message` under `asyncio.gather`, in chunks, no
    database) sending the same 10,000 messages through the same sandbox from its own process.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from bench.common import (
    BOT_USERNAME,
    TOKEN,
    Cell,
    own_cpu_seconds,
    print_machine,
    print_table,
    process_cpu_seconds,
    ratio,
)
from bench.pg_seed import fresh_schema
from notifications.composer import Composer
from office.settings import Settings, load_settings
from sandbox import FloodLimits, Person, Sandbox
from sandbox.records import RequestRecord
from storage.store import Store
from storage.workflow import Action

EXAMPLE_CONFIG = Path(__file__).resolve().parent.parent / "config.example.toml"
TELEGRAM_RATE = 30.0
LIFTED_RATE = 5000.0
SHARE_TARGET = 0.95
THROUGHPUT_TARGET = 1000.0
START_TIMEOUT = 60.0
# One follower in five reads English: both catalogues are exercised.
ENGLISH_EVERY = 5


def language_of(index: int) -> str:
    """The language of the index-th follower."""
    return "en" if index % ENGLISH_EVERY == 0 else "id"


# The office: a seeded database, a sandbox with its users, and the bot as a subprocess.

async def seed(database: Path | str, settings: Settings, staff_id: int,
               follows: Sequence[Sequence[Person]]) -> list[str]:
    """Create one application per group of people, followed by them; returns the numbers.

    Written with bulk INSERTs (the same rows `/follow` writes) so 10,000 followers take a
    moment, not a minute.
    """
    store = await Store.open(database, settings.catalogue(), settings.calendar(),
                             prefix=settings.office.registration_prefix,
                             default_language=settings.office.default_language)
    try:
        numbers = []
        now = time.time()
        for index, people in enumerate(follows):
            created, _ = await store.applications.create("PBG", f"Pemohon {index}",
                                                         staff_id=staff_id)
            numbers.append(created.number)
            async with store.database.transaction() as conn:
                await conn.execute_many(
                    "INSERT INTO chats (chat_id, language, first_seen) VALUES (?, ?, ?) "
                    "ON CONFLICT DO NOTHING",
                    [(p.id, p.user.language_code, now) for p in people])
                await conn.execute_many(
                    "INSERT INTO followers (application_id, chat_id, since) VALUES (?, ?, ?)",
                    [(created.id, p.id, now) for p in people])
    finally:
        await store.close()
    return numbers


def bot_environment(sandbox: Sandbox, database: Path | str, staff_id: int,
                    **notifications: float) -> dict[str, str]:
    """ETRACK_ overrides pointing the bot at the sandbox and the seeded database."""
    env = {**os.environ, "PTB_TIMEDELTA": "1", "ETRACK_CONFIG": str(EXAMPLE_CONFIG),
           "ETRACK_TELEGRAM__TOKEN": TOKEN, "ETRACK_TELEGRAM__BASE_URL": sandbox.base_url,
           "ETRACK_TELEGRAM__BASE_FILE_URL": sandbox.base_file_url,
           "ETRACK_STAFF__ADMIN_IDS": json.dumps([staff_id]),
           # The staff member here types faster than a person (bench/latency.py: two
           # messages a second): the per-chat inbound allowance is lifted, as in the tests.
           "ETRACK_FLOOD__UPDATES_BURST": "100000"}
    # A URL (a PostgreSQL schema) or the SQLite file.
    env["ETRACK_DATABASE__URL" if isinstance(database, str) else "ETRACK_DATABASE__PATH"] = (
        str(database))
    env.update({f"ETRACK_NOTIFICATIONS__{key.upper()}": str(value)
                for key, value in notifications.items()})
    return env


@asynccontextmanager
async def subprocess_in(sandbox: Sandbox, arguments: Sequence[str], env: dict[str, str],
                        log: Path, *, polls: bool = True,
                        ) -> AsyncIterator[asyncio.subprocess.Process]:
    """A Python subprocess logging to `log`; with `polls`, started once it polls the sandbox.

    On the way out it gets SIGTERM (the bot finishes its sends in flight) and, after 30 s,
    SIGKILL.
    """
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            sys.executable, *arguments, env=env, stdout=output, stderr=asyncio.subprocess.STDOUT)
    try:
        if polls:
            deadline = time.monotonic() + START_TIMEOUT
            while sandbox.polls_started == 0:
                if process.returncode is not None or time.monotonic() > deadline:
                    printed = await asyncio.to_thread(log.read_text)
                    raise RuntimeError(f"{arguments} did not start polling; its log:\n{printed}")
                with contextlib.suppress(AssertionError):
                    await sandbox.wait_for(lambda: sandbox.polls_started > 0, timeout=0.5)
        yield process
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
                await process.wait()


def sends(records: Sequence[RequestRecord], chats: set[int] | None = None,
          status: int | None = 200) -> list[RequestRecord]:
    """The sendMessage requests (to `chats`, with `status`; None matches any) in log order."""
    return [r for r in records if r.method == "sendMessage"
            and (chats is None or r.chat_id in chats)
            and (status is None or r.status == status)]


async def reply_to(sandbox: Sandbox, person: Person, text: str,
                   timeout: float = 30.0) -> tuple[float, float]:  # noqa: ASYNC109
    """Send `text`; (when it was sent, when the bot's answer reached the sandbox), monotonic."""
    before = len(person.messages)
    sent_at = time.monotonic()
    await person.send(text)
    await person.next_message(timeout=timeout)
    assert len(person.messages) > before
    answer = sends(sandbox.requests, {person.id})[-1]
    return sent_at, answer.at


# (a) and (b) for our bot.

@dataclass(frozen=True)
class FanOut:
    """One change fanned out by our bot, as the sandbox saw it."""

    followers: int
    command_at: float
    reply_at: float
    deliveries: tuple[float, ...]  # arrival times of the followers' messages
    refused: int  # 429 answers
    failed: int  # any other non-200 answer to a follower
    bot_cpu: float  # share of one core
    sandbox_cpu: float

    def delivered_by(self, moment: float) -> int:
        """How many followers had their message by `moment`."""
        return sum(1 for at in self.deliveries if at <= moment)

    @property
    def complete(self) -> bool:
        """Every follower got the message."""
        return len(self.deliveries) >= self.followers

    @property
    def seconds(self) -> float:
        """From the staff command to the last follower's message."""
        return (self.deliveries[-1] - self.command_at) if self.deliveries else math.nan

    @property
    def throughput(self) -> float:
        """Followers' messages per second, the staff command to the last message."""
        return len(self.deliveries) / self.seconds if self.deliveries else 0.0


async def fan_out(work: Path, settings: Settings, followers: int, *, limits: FloodLimits,
                  messages_per_second: float, window: float | None,
                  timeout: float, profile: Path | None = None,  # noqa: ASYNC109
                  postgres: str = "") -> FanOut:
    """Start the bot on a fresh database; one `/advance`; watch the deliveries.

    With `window`, watching stops `window` seconds after the staff reply arrived; otherwise
    when every follower has the message (or after `timeout`). With `postgres` (a server's
    URL), the database is a fresh schema there instead of a SQLite file.
    """
    async with AsyncExitStack() as stack:
        database: Path | str = (await stack.enter_async_context(fresh_schema(postgres))
                                if postgres else work / f"fanout-{int(messages_per_second)}.db")
        return await _fan_out(database, work, settings, followers, limits=limits,
                              messages_per_second=messages_per_second, window=window,
                              timeout=timeout, profile=profile)
    raise AssertionError("unreachable")


async def _fan_out(database: Path | str, work: Path, settings: Settings, followers: int, *,
                   limits: FloodLimits, messages_per_second: float, window: float | None,
                   timeout: float, profile: Path | None) -> FanOut:  # noqa: ASYNC109
    async with Sandbox(TOKEN, BOT_USERNAME, limits=limits) as sandbox:
        staff = sandbox.add_user("Wayan", language_code="id")
        people = [sandbox.add_user(f"Pemohon {n}", language_code=language_of(n))
                  for n in range(followers)]
        chats = {person.id for person in people}
        [number] = await seed(database, settings, staff.id, [people])
        env = bot_environment(sandbox, database, staff.id,
                              messages_per_second=messages_per_second, sweep_seconds=3600)
        command = ["-m", "bot", "run"]
        if profile is not None:
            command = ["-m", "cProfile", "-o", str(profile), *command]
        async with subprocess_in(sandbox, command, env, work / "bot.log") as bot:
            await reply_to(sandbox, staff, "/help")  # warm: the staff chat is known
            await asyncio.sleep(1.5)  # the staff chat's own 1/s slot is free again
            bot_cpu, own_cpu = process_cpu_seconds(bot.pid), own_cpu_seconds()
            command_at, reply_at = await reply_to(sandbox, staff, f"/advance {number}")
            deadline = reply_at + window if window is not None else command_at + timeout
            while time.monotonic() < deadline:
                if window is None and len(sends(sandbox.requests, chats)) >= followers:
                    break
                await asyncio.sleep(0.1)
            ended = min(time.monotonic(), deadline)
            bot_cpu = process_cpu_seconds(bot.pid) - bot_cpu
            own_cpu = own_cpu_seconds() - own_cpu
            records = [r for r in sandbox.requests if r.at <= ended]
    answers = sends(records, chats, status=None)
    return FanOut(followers, command_at, reply_at,
                  tuple(sorted(r.at for r in answers if r.status == 200)),
                  sum(1 for r in answers if r.status == 429),
                  sum(1 for r in answers if r.status not in (200, 429)),
                  bot_cpu / (ended - command_at), own_cpu / (ended - command_at))


# (b)'s baseline: a bare python-telegram-bot loop.

async def composed_messages(work: Path, settings: Settings, people: Sequence[Person],
                            staff_id: int) -> list[tuple[int, str, dict[str, Any]]]:
    """The exact (chat, text, buttons) our bot sends to each follower for the change."""
    database = work / "compose.db"
    [number] = await seed(database, settings, staff_id, [people])
    store = await Store.open(database, settings.catalogue(), settings.calendar(),
                             prefix=settings.office.registration_prefix,
                             default_language=settings.office.default_language)
    try:
        await store.applications.change(number, Action.ADVANCE, staff_id=staff_id)
        composer = Composer(store, settings)
        by_language: dict[str, tuple[str, dict[str, Any]]] = {}
        messages = []
        for row in await store.outbox.claim_due(len(people)):
            language = (await store.followers.chat(row.chat_id)).language
            if language not in by_language:
                composed = await composer.compose(row)
                assert composed.markup is not None
                by_language[language] = (composed.text, composed.markup.to_dict())
            messages.append((row.chat_id, *by_language[language]))
    finally:
        await store.close()
    return messages


@dataclass(frozen=True)
class Bare:
    """The bare loop's run, as the sandbox saw it."""

    messages: int
    chunk: int
    started_at: float  # its getMe came back
    deliveries: tuple[float, ...]
    failed: int
    sender_cpu: float
    sandbox_cpu: float

    @property
    def seconds(self) -> float:
        """From the first send to the last message."""
        return (self.deliveries[-1] - self.started_at) if self.deliveries else math.nan

    @property
    def throughput(self) -> float:
        """Messages per second."""
        return len(self.deliveries) / self.seconds if self.deliveries else 0.0


async def bare_loop(work: Path, settings: Settings, followers: int, chunk: int) -> Bare:
    """The same messages through the same sandbox, sent by `--bare-sender` in its own process."""
    async with Sandbox(TOKEN, BOT_USERNAME, limits=FloodLimits(enabled=False)) as sandbox:
        staff = sandbox.add_user("Wayan", language_code="id")
        people = [sandbox.add_user(f"Pemohon {n}", language_code=language_of(n))
                  for n in range(followers)]
        plan = work / "bare.json"
        plan.write_text(json.dumps({
            "token": TOKEN, "base_url": sandbox.base_url, "chunk": chunk,
            "messages": await composed_messages(work, settings, people, staff.id)}))
        own_cpu = own_cpu_seconds()
        async with subprocess_in(sandbox, ["-m", "bench.fanout", "--bare-sender", str(plan)],
                                 dict(os.environ), work / "bare.log", polls=False) as sender:
            sender_cpu = 0.0
            began = time.monotonic()
            while sender.returncode is None:
                with contextlib.suppress(OSError, IndexError):
                    sender_cpu = process_cpu_seconds(sender.pid)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(sender.wait(), 0.1)
            seconds = time.monotonic() - began
            own_cpu = own_cpu_seconds() - own_cpu
        if sender.returncode != 0:
            raise RuntimeError("the bare sender failed:\n" + (work / "bare.log").read_text())
        records = sandbox.requests
    started = next(r.at for r in records if r.method == "getMe")
    answers = sends(records, {person.id for person in people}, status=None)
    return Bare(followers, chunk, started,
                tuple(sorted(r.at for r in answers if r.status == 200)),
                sum(1 for r in answers if r.status != 200), sender_cpu / seconds,
                own_cpu / seconds)


async def bare_sender(plan: dict[str, Any]) -> None:
    """The bare loop itself: `Bot.send_message` for every message, `chunk` at a time."""
    from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions

    no_preview = LinkPreviewOptions(is_disabled=True)
    async with Bot(plan["token"], base_url=plan["base_url"]) as bot:
        messages = [(chat_id, text, InlineKeyboardMarkup.de_json(markup, bot))
                    for chat_id, text, markup in plan["messages"]]
        chunk = int(plan["chunk"])
        for start in range(0, len(messages), chunk):
            await asyncio.gather(*(
                bot.send_message(chat_id, text, parse_mode="HTML", reply_markup=markup,
                                 link_preview_options=no_preview)
                for chat_id, text, markup in messages[start:start + chunk]))


# The report.

def limited_rows(run: FanOut, window: float) -> list[list[Cell]]:
    """(a): what the first `window` seconds after the change achieved, against 30/s."""
    delivered = run.delivered_by(run.reply_at + window)
    rate = delivered / window
    first = run.deliveries[0] - run.reply_at if run.deliveries else math.nan
    projected = run.followers / rate if rate else math.nan
    return [
        ["followers", run.followers, None],
        ["window after the staff reply, s", window, None],
        ["delivered in the window", delivered, None],
        ["first follower's message after the staff reply, s", first, None],
        ["achieved rate, msg/s", rate, ratio(rate, TELEGRAM_RATE)],
        ["Telegram's limit (baseline), msg/s", TELEGRAM_RATE, 1.0],
        ["429 answers", run.refused, None],
        ["other failed sends", run.failed, None],
        [f"projected time for all {run.followers:,}, s", projected, None],
        ["bot CPU, % of a core", 100 * run.bot_cpu, None],
        ["sandbox + bench CPU, % of a core", 100 * run.sandbox_cpu, None],
    ]


def lifted_rows(ours: list[FanOut], bare: list[Bare]) -> list[list[Cell]]:
    """(b): ours against the bare loop, each the median of its rounds."""
    baseline = statistics.median(run.throughput for run in bare)
    rows: list[list[Cell]] = []
    for run in bare:
        rows.append([f"bare PTB loop, gather of {run.chunk} (baseline)", len(run.deliveries),
                     run.failed, run.seconds, run.throughput,
                     ratio(run.throughput, baseline), 100 * run.sender_cpu,
                     cpu_per_message(run.sender_cpu, run.seconds, len(run.deliveries)),
                     100 * run.sandbox_cpu])
    for fan in ours:
        rows.append(["ours, /advance to the last follower", len(fan.deliveries),
                     fan.failed + fan.refused, fan.seconds, fan.throughput,
                     ratio(fan.throughput, baseline), 100 * fan.bot_cpu,
                     cpu_per_message(fan.bot_cpu, fan.seconds, len(fan.deliveries)),
                     100 * fan.sandbox_cpu])
    return rows


def cpu_per_message(share: float, seconds: float, messages: int) -> float:
    """Milliseconds of the sender's CPU per message (steadier than msg/s on a busy machine)."""
    return 1000 * share * seconds / messages if messages else math.nan


def arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.fanout", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--followers", type=int, default=10_000)
    parser.add_argument("--window", type=float, default=60.0,
                        help="seconds of (a) measured after the change (default 60)")
    parser.add_argument("--rounds", type=int, default=2,
                        help="rounds of (b); each runs the bare loop and ours once")
    parser.add_argument("--chunk", type=int, default=16,
                        help="messages per asyncio.gather in the bare loop (default 16, the "
                             "fastest for python-telegram-bot's httpx client on loopback)")
    parser.add_argument("--parts", default="a,b", help="a, b or a,b")
    parser.add_argument("--postgres", default=os.environ.get("ETRACK_TEST_POSTGRES_URL", ""),
                        metavar="URL", help="(a) again on a fresh schema on this PostgreSQL "
                        "server (default: $ETRACK_TEST_POSTGRES_URL)")
    parser.add_argument("--bare-sender", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


async def run(options: argparse.Namespace) -> int:
    """Measure (b) then (a) and print their tables."""
    began = time.perf_counter()
    print_machine()
    print(f"sniffio installed: {'yes' if find_spec('sniffio') else 'NO'} (without it httpcore "
          f"1.0.9 retries a failed import on every request: about 0.7 ms more CPU per send)")
    settings = load_settings(EXAMPLE_CONFIG)
    parts = {part.strip() for part in options.parts.split(",")}
    with tempfile.TemporaryDirectory(prefix="etrack-fanout-") as temporary:
        work = Path(temporary)
        if "b" in parts:
            ours: list[FanOut] = []
            bare: list[Bare] = []
            for round_number in range(1, options.rounds + 1):
                bare.append(await bare_loop(work, settings, options.followers, options.chunk))
                print(f"  round {round_number}: bare loop {bare[-1].throughput:,.0f} msg/s",
                      flush=True)
                ours.append(await fan_out(work, settings, options.followers,
                                          limits=FloodLimits(enabled=False),
                                          messages_per_second=LIFTED_RATE, window=None,
                                          timeout=120))
                print(f"  round {round_number}: ours {ours[-1].throughput:,.0f} msg/s "
                      f"({len(ours[-1].deliveries):,} delivered)", flush=True)
            print_table(
                f"(b) Limits lifted: {options.followers:,} followers, one change, "
                f"messages_per_second = {LIFTED_RATE:,.0f}, sandbox without flood control",
                ["sender", "delivered", "failed", "seconds", "msg/s", "ratio to bare",
                 "sender CPU %", "sender CPU ms/msg", "sandbox CPU %"],
                lifted_rows(ours, bare), digits=2)
            median = statistics.median(run.throughput for run in ours)
            verdict = "met" if median >= THROUGHPUT_TARGET else "MISSED"
            print(f"target: >= {THROUGHPUT_TARGET:,.0f} msg/s: ours {median:,.0f} msg/s "
                  f"(median of {len(ours)}), {verdict}; ratio ours/bare "
                  f"{ratio(median, statistics.median(r.throughput for r in bare)):.2f}")
        backends = {"SQLite": ""}
        if options.postgres:
            backends["PostgreSQL"] = options.postgres
        for backend, postgres in backends.items() if "a" in parts else ():
            limited = await fan_out(work, settings, options.followers, limits=FloodLimits(),
                                    messages_per_second=TELEGRAM_RATE, window=options.window,
                                    timeout=options.window, postgres=postgres)
            print_table(
                f"(a) Telegram's limits (30/s overall, 1/s per chat) enforced, {backend}: "
                f"{options.followers:,} followers, first {options.window:.0f} s measured",
                ["measure", "value", "ratio to limit"], limited_rows(limited, options.window))
            share = ratio(limited.delivered_by(limited.reply_at + options.window)
                          / options.window, TELEGRAM_RATE)
            verdict = "met" if share >= SHARE_TARGET and limited.refused == 0 else "MISSED"
            print(f"target ({backend}): >= {SHARE_TARGET:.0%} of the limit and no 429: "
                  f"{share:.1%}, {limited.refused} x 429, {verdict}")
    print(f"\ntotal time: {time.perf_counter() - began:.0f} s")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point."""
    options = arguments(argv)
    if options.bare_sender is not None:
        asyncio.run(bare_sender(json.loads(options.bare_sender.read_text())))
        return 0
    return asyncio.run(run(options))


if __name__ == "__main__":
    raise SystemExit(main())
