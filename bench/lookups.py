"""Lookups: applicants asking for their status through the sandbox, ours against a bare echo bot.

`python -m bench.lookups` seeds a database (2,000 applications with their histories), then for
each contender starts a sandbox without flood limits in this process and the bot in its own
process (`python -m bot run`, or `python -m bench.echo_bot`), so each bot has a core to itself.
Simulated applicants send plain registration numbers, closed loop: each waits for the reply
before sending the next. Replies per second and send-to-reply latency are measured per
contender; contenders alternate over the rounds so a noisy neighbour hurts them alike.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import (
    BOT_USERNAME,
    TOKEN,
    Cell,
    Latencies,
    own_cpu_seconds,
    print_machine,
    print_table,
    process_cpu_seconds,
    process_peak_rss_mb,
    ratio,
    started,
    stop,
)
from bench.pg_seed import schema_copy
from bench.store_scale import EXAMPLE_CONFIG, generate
from office.settings import load_settings
from sandbox import FloodLimits, Person, Sandbox
from storage.clock import system_clock

TARGET = 0.8
REPLY_TIMEOUT = 60.0
SAMPLE_RATE = 200  # py-spy samples per second


@dataclass(frozen=True)
class Contender:
    """A bot to measure: how to start it and what a right answer to a lookup looks like."""

    name: str
    arguments: tuple[str, ...]
    environment: dict[str, str] = field(default_factory=dict)
    answers: Callable[[str, str], bool] = lambda sent, reply: sent in reply
    # Run on a copy of the seed in a fresh schema on this PostgreSQL server, not on the file.
    postgres: str = ""


@dataclass(frozen=True)
class Run:
    """One contender's measured round."""

    name: str
    replies: int
    wrong: int
    seconds: float
    latencies: tuple[float, ...]
    bot_cpu_seconds: float
    load_cpu_seconds: float
    bot_rss_mb: float | None

    @property
    def throughput(self) -> float:
        """Replies per second."""
        return self.replies / self.seconds


CONTENDERS = ("echo", "echo-aiohttp", "echo-like-ours", "ours", "ours-httpx")


def contenders(database: Path, postgres: str = "") -> dict[str, Contender]:
    """The echo baselines and our bot (on SQLite, and on PostgreSQL if given), by short name."""
    # Simulated applicants type faster than people: the per-chat inbound allowance is lifted,
    # as in the end-to-end tests (otherwise the 11th lookup of each is refused).
    ours_env = {"ETRACK_CONFIG": str(EXAMPLE_CONFIG), "ETRACK_DATABASE__PATH": str(database),
                "ETRACK_FLOOD__UPDATES_BURST": "100000"}
    ours = ("-m", "bot", "run")
    return {
        "echo": Contender("echo bot, PTB defaults (baseline)", ("-m", "bench.echo_bot"),
                          answers=lambda sent, reply: sent == reply),
        "echo-like-ours": Contender("echo bot, our transport, 64 updates at once (as ours)", (
            "-m", "bench.echo_bot", "--transport", "aiohttp", "--concurrent-updates", "64"),
            answers=lambda sent, reply: sent == reply),
        "echo-aiohttp": Contender("echo bot, our aiohttp transport", (
            "-m", "bench.echo_bot", "--transport", "aiohttp"),
            answers=lambda sent, reply: sent == reply),
        "ours": Contender("ours, as shipped", ours, ours_env),
        "ours-httpx": Contender("ours, transport = httpx (8 updates at once)", ours,
                                {**ours_env, "ETRACK_TELEGRAM__TRANSPORT": "httpx"}),
        "ours-postgresql": Contender("ours, on PostgreSQL (same machine)", ours, ours_env,
                                     postgres=postgres),
    }


async def ask(person: Person, number: str) -> tuple[float, str]:
    """Send a number and wait for the bot's answer; the latency and the answer's text."""
    began = time.perf_counter()
    await person.send(number)
    reply = await person.next_message(timeout=REPLY_TIMEOUT)
    return time.perf_counter() - began, reply.text or ""


async def applicant(person: Person, numbers: Sequence[str], answers: Callable[[str, str], bool],
                    ) -> tuple[list[float], int]:
    """One applicant's closed loop: latencies and how many answers were wrong."""
    latencies, wrong = [], 0
    for number in numbers:
        latency, text = await ask(person, number)
        latencies.append(latency)
        wrong += not answers(number, text)
    return latencies, wrong


async def start_sampler(pid: int, output: Path) -> asyncio.subprocess.Process:
    """py-spy sampling every thread of the bot until SIGINT, as collapsed stacks."""
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    sampler = await asyncio.create_subprocess_exec(
        py_spy, "record", "--pid", str(pid), "--format", "raw", "--threads", "--nolineno",
        "--rate", str(SAMPLE_RATE), "--output", str(output),
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
    await asyncio.sleep(0.5)  # attached before the load begins
    return sampler


async def measure(contender: Contender, seed_database: Path, work: Path, numbers: Sequence[str],
                  users: int, queries: int, seed: int, sampler: Path | None = None) -> Run:
    """Start a sandbox and the bot, warm up, run the applicants, stop the bot."""
    database = work / "office.db"
    for suffix in ("", "-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(seed_database, database)
    rng = random.Random(seed)
    async with AsyncExitStack() as stack:
        environment = dict(contender.environment)
        if contender.postgres:
            environment["ETRACK_DATABASE__URL"] = await stack.enter_async_context(
                schema_copy(seed_database, contender.postgres))
        return await _measure(contender, environment, work, numbers, users, queries, rng,
                              sampler)
    raise AssertionError("unreachable")


async def _measure(contender: Contender, environment: dict[str, str], work: Path,
                   numbers: Sequence[str], users: int, queries: int, rng: random.Random,
                   sampler: Path | None) -> Run:
    async with Sandbox(TOKEN, BOT_USERNAME, limits=FloodLimits(enabled=False)) as sandbox:
        people = [sandbox.add_user(f"Pemohon {n}", language_code="id") for n in range(users)]
        log = work / "bot.log"
        env = {**os.environ, "PTB_TIMEDELTA": "1", "ETRACK_TELEGRAM__TOKEN": TOKEN,
               "ETRACK_TELEGRAM__BASE_URL": sandbox.base_url,
               "ETRACK_TELEGRAM__BASE_FILE_URL": sandbox.base_file_url,
               **environment}
        command = [*contender.arguments]
        if command[:2] == ["-m", "bench.echo_bot"]:
            command += ["--token", TOKEN, "--base-url", sandbox.base_url]
        with log.open("wb") as output:
            process = await asyncio.create_subprocess_exec(
                sys.executable, *command, env=env, stdout=output, stderr=asyncio.subprocess.STDOUT)
        spy = None
        try:
            await started(sandbox, process, log)
            # One lookup each first: the chats become known and every code path is warm.
            await asyncio.gather(*(ask(person, rng.choice(numbers)) for person in people))
            plans = [[rng.choice(numbers) for _ in range(queries)] for _ in people]
            spy = await start_sampler(process.pid, sampler) if sampler else None
            bot_cpu, load_cpu = process_cpu_seconds(process.pid), own_cpu_seconds()
            began = time.perf_counter()
            outcomes = await asyncio.gather(*(
                applicant(person, plan, contender.answers)
                for person, plan in zip(people, plans, strict=True)))
            seconds = time.perf_counter() - began
            bot_cpu = process_cpu_seconds(process.pid) - bot_cpu
            load_cpu = own_cpu_seconds() - load_cpu
            rss = process_peak_rss_mb(process.pid)
        finally:
            if spy is not None:
                await stop(spy, signal.SIGINT)  # py-spy writes its file on SIGINT
            await stop(process)
    latencies = tuple(latency for found, _ in outcomes for latency in found)
    return Run(contender.name, len(latencies), sum(wrong for _, wrong in outcomes), seconds,
               latencies, bot_cpu, load_cpu, rss)


@dataclass
class Tally:
    """All rounds of one contender."""

    name: str
    runs: list[Run] = field(default_factory=list)

    @property
    def throughput(self) -> float:
        """The median round's replies per second."""
        return statistics.median(run.throughput for run in self.runs)

    @property
    def cpu_per_reply_ms(self) -> float:
        """The bot's CPU time per reply, all rounds together (robust to noisy neighbours)."""
        return 1000 * sum(run.bot_cpu_seconds for run in self.runs) / sum(
            run.replies for run in self.runs)

    def row(self, baseline: Tally | None) -> list[Cell]:
        """A table row, with ratios to the baseline."""
        latencies = Latencies.of([latency for run in self.runs for latency in run.latencies])
        rss = [run.bot_rss_mb for run in self.runs if run.bot_rss_mb is not None]
        seconds = sum(run.seconds for run in self.runs)
        throughput_ratio = ratio(self.throughput, baseline.throughput) if baseline else math.nan
        cpu_ratio = ratio(self.cpu_per_reply_ms, baseline.cpu_per_reply_ms) if baseline else (
            math.nan)
        return [self.name, sum(run.replies for run in self.runs),
                sum(run.wrong for run in self.runs), self.throughput,
                f"{throughput_ratio:.2f}", latencies.p50, latencies.p99,
                self.cpu_per_reply_ms, f"{cpu_ratio:.2f}",
                100 * sum(run.bot_cpu_seconds for run in self.runs) / seconds,
                100 * sum(run.load_cpu_seconds for run in self.runs) / seconds,
                max(rss) if rss else None]


HEADERS = ["bot", "replies", "wrong", "replies/s (median round)", "ratio to baseline",
           "p50 ms", "p99 ms", "bot CPU ms/reply", "CPU ratio to baseline", "bot CPU %",
           "sandbox+load CPU %", "bot peak RSS MB"]

# Where a sample of the bot's main thread is attributed: the first entry whose marker is in
# one of the frames below the event loop's task step (so the bot's own entry frames do not
# count); anything else is the event loop itself.
CATEGORIES = (
    ("fetching updates: getUpdates, JSON to Update objects", ("(telegram/ext/_updater.py)",)),
    ("sending the reply: PTB request, rate limiter, HTTP client",
     ("send_message (telegram/_chat.py)",)),
    ("database calls, event-loop side (aiosqlite hand-off)", ("(aiosqlite/",)),
    ("status card and keyboard (bot/cards, keyboards, texts)",
     ("(bot/views/cards.py)", "(office/buttons.py)", "(office/texts/")),
    ("handlers and store logic (bot/, storage/)", ("(bot/", "(storage/")),
    ("PTB dispatch: handler selection, filters, tasks", ("(telegram/",)),
)
LOOP = "event loop: select, callbacks, other"
SNIFFIO = "  of which: httpcore's failed `import sniffio` (every request)"
WORKER = "aiosqlite worker thread: running SQL"
MAIN = "main thread busy, in all"


def samples_by_category(path: Path) -> dict[str, int]:
    """Count py-spy's collapsed stacks by where the time went."""
    counts: dict[str, int] = {}
    for line in path.read_text().splitlines():
        stack, _, number = line.rpartition(" ")
        frames = stack.split(";")
        thread, samples = frames[0], int(number)
        if "_connection_worker_thread" in thread:
            counts[WORKER] = counts.get(WORKER, 0) + samples
            continue
        if "MainThread" not in thread:
            continue
        counts[MAIN] = counts.get(MAIN, 0) + samples
        steps = [n for n, frame in enumerate(frames) if frame.startswith("Handle._run ")]
        task = frames[steps[0] + 1:] if steps else []
        name = next((name for name, markers in CATEGORIES
                     if any(marker in frame for frame in task for marker in markers)), LOOP)
        counts[name] = counts.get(name, 0) + samples
        if any("current_async_library (httpcore" in frame for frame in task) and any(
                "<frozen importlib" in frame for frame in task):
            counts[SNIFFIO] = counts.get(SNIFFIO, 0) + samples
    return counts


def print_profile(profiles: dict[str, tuple[Run, dict[str, int]]]) -> None:
    """Milliseconds of sampled time per reply, by category, for each profiled bot."""
    names = [name for name, _ in CATEGORIES] + [LOOP, SNIFFIO, MAIN, WORKER]
    rows: list[list[Cell]] = []
    for name in names:
        row: list[Cell] = [name]
        for run, counts in profiles.values():
            row.append(1000 * counts.get(name, 0) / SAMPLE_RATE / run.replies)
        rows.append(row)
    headers = ["where the time goes (py-spy, every thread)",
               *(f"{label}: ms/reply" for label in profiles)]
    print_table("Profile: sampled time per reply", headers, rows, digits=2)
    for label, (run, _) in profiles.items():
        print(f"  {label} under py-spy: {run.throughput:,.1f} replies/s")


def arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.lookups", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--applications", type=int, default=2_000)
    parser.add_argument("--history", type=int, default=20_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--queries", type=int, default=20, help="lookups per user")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds; each round runs every contender once, in turn")
    parser.add_argument("--contenders", default=",".join(CONTENDERS),
                        help=f"comma-separated, of: {', '.join(CONTENDERS)}")
    parser.add_argument("--postgres", default=os.environ.get("ETRACK_TEST_POSTGRES_URL", ""),
                        metavar="URL", help="the server for the ours-postgresql contender "
                        "(default: $ETRACK_TEST_POSTGRES_URL)")
    parser.add_argument("--profile", action="store_true",
                        help="also sample ours and the echo bot with py-spy "
                             "(.venv/bin/pip install py-spy) and show where the time goes")
    parser.add_argument("--keep-profiles", type=Path, default=None, metavar="DIR",
                        help="with --profile: keep py-spy's collapsed stacks in DIR")
    return parser.parse_args(argv)


async def run(options: argparse.Namespace) -> int:
    """Seed, measure every contender round by round, print the tables."""
    began = time.perf_counter()
    print_machine()
    settings = load_settings(EXAMPLE_CONFIG)
    with tempfile.TemporaryDirectory(prefix="etrack-lookups-") as temporary:
        work = Path(temporary)
        seed_database = work / "seed.db"
        generated = await asyncio.to_thread(
            generate, seed_database, options.applications, options.history, settings=settings,
            now=system_clock(), sample=options.applications, progress=False)
        numbers = list(generated.sample)
        print(f"seeded {generated.applications:,} applications, {generated.history:,} history "
              f"rows; {options.users} users x {options.queries} lookups, closed loop; "
              f"{options.rounds} round(s)", flush=True)
        available = contenders(work / "office.db", options.postgres)
        chosen = [name.strip() for name in options.contenders.split(",") if name.strip()]
        tallies = {name: Tally(available[name].name) for name in chosen}
        for round_number in range(options.rounds):
            for name in chosen:
                result = await measure(available[name], seed_database, work, numbers,
                                       options.users, options.queries, seed=round_number)
                tallies[name].runs.append(result)
                print(f"  round {round_number + 1}: {result.name}: "
                      f"{result.throughput:,.1f} replies/s, "
                      f"p50 {Latencies.of(result.latencies).p50:,.1f} ms, "
                      f"{result.wrong} wrong", flush=True)
        baseline = tallies.get("echo") if options.rounds else None
        if options.rounds:
            print_table(f"Status lookups: {options.users} applicants x {options.queries} "
                        f"lookups, closed loop, {options.rounds} round(s)", HEADERS,
                        [tally.row(baseline) for tally in tallies.values()], digits=1)
        if "ours" in tallies and baseline is not None:
            share = ratio(tallies["ours"].throughput, baseline.throughput)
            verdict = "met" if share >= TARGET else "MISSED"
            print(f"target: ours >= {TARGET} x echo throughput: {share:.2f} x ({verdict})")
        if "ours" in tallies and "ours-postgresql" in tallies and options.rounds:
            share = ratio(tallies["ours-postgresql"].throughput, tallies["ours"].throughput)
            verdict = "met" if share >= TARGET else "MISSED"
            print(f"target: PostgreSQL >= {TARGET} x SQLite throughput: {share:.2f} x "
                  f"({verdict})")
        if options.profile:
            await profile(options, available, seed_database, work, numbers)
    print(f"\ntotal time: {time.perf_counter() - began:.0f} s")
    return 0


async def profile(options: argparse.Namespace, available: dict[str, Contender],
                  seed_database: Path, work: Path, numbers: Sequence[str]) -> None:
    """Sample ours and the baseline with py-spy; print the breakdown."""
    if not shutil.which("py-spy") and not Path(sys.executable).with_name("py-spy").exists():
        print("\n--profile needs py-spy: .venv/bin/pip install py-spy")
        return
    folder = options.keep_profiles or work
    folder.mkdir(parents=True, exist_ok=True)
    profiles = {}
    for label, name in (("ours", "ours"), ("echo", "echo")):
        stacks = (folder / f"{name}.stacks.txt").resolve()
        result = await measure(available[name], seed_database, work, numbers, options.users,
                               options.queries, seed=99, sampler=stacks)
        profiles[label] = (result, await asyncio.to_thread(samples_by_category, stacks))
    print_profile(profiles)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point."""
    return asyncio.run(run(arguments(argv)))


if __name__ == "__main__":
    raise SystemExit(main())
