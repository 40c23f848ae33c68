"""Store at scale: a generated office of 1,000,000 applications and 10,000,000 history rows.

`python -m bench.store_scale [--applications N --history M]` creates a fresh database with the
project's migrations, fills it with plain sqlite3 (big transactions, synchronous off), then
measures in a separate process — one that only opens the store and runs the queries, so the
generator's memory does not count — the project's own code paths: lookup by number, `/queue`,
`/overdue` and `/stats` for a year, against a bare sqlite3 lookup on the same file.

The generator is also what `bench.lookups` seeds its smaller database with.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.common import (
    Cell,
    Latencies,
    peak_rss_mb,
    print_machine,
    print_table,
    process_peak_rss_mb,
    ratio,
)
from office.settings import Settings, load_settings
from storage.access_codes import hash_access_code
from storage.clock import system_clock
from storage.engines import open_database
from storage.numbers import format_number
from storage.store import Store
from storage.workdays import WorkingCalendar
from storage.workflow import ISSUED, REJECTED, RETURNED, WITHDRAWN, Catalogue, PermitType

EXAMPLE_CONFIG = Path(__file__).resolve().parent.parent / "config.example.toml"
DAY = 86_400.0
YEARS = 3
CHUNK = 20_000
LOOKUPS = 10_000
BATCH = 1_000
BOT_LOOKUPS = 200
STAFF_IDS = (7001, 7002, 7003, 7004, 7005)
# How the office's work is spread over permit types (building approvals dominate).
TYPE_WEIGHTS = {"PBG": 4, "SIP": 3, "REKLAME": 1, "TDUP": 2}
# About 5 % open: most of the last 40 days' applications, and a few stuck older ones.
RECENT_DAYS = 40
OPEN_IF_RECENT = 0.9
OPEN_IF_OLDER = 0.0176
OUTCOMES = ((ISSUED, 0.86), (REJECTED, 0.08), (WITHDRAWN, 0.06))
DECISIONS = {ISSUED: "advance", REJECTED: "reject", WITHDRAWN: "withdraw"}
RETURN_SHARE = 0.12
FOLLOWED_SHARE = 0.25
FIRST_NAMES = ("I Wayan", "Ni Made", "I Nyoman", "Ni Ketut", "I Gede", "Ni Luh Putu", "Kadek",
               "Komang", "I Putu", "Ni Kadek", "dr.", "CV", "PT", "Desak", "Anak Agung")
LAST_NAMES = ("Sudarma", "Lestari", "Sukerta", "Ariani", "Pranata", "Wulandari", "Suartana",
              "Dwipa", "Astawa", "Mahendra", "Yuliantari", "Bali Dwipa Reklame", "Santika")
NOTES = ("", "", "", "Berkas lengkap, diteruskan ke tim teknis",
         "Survei lapangan dijadwalkan Kamis pukul 08.00 WITA",
         "SKRD terbit: silakan bayar di Bank BPD Bali", "Rekomendasi teknis sudah diterima")
RETURN_NOTE = "Mohon lengkapi dokumen yang kurang"


@dataclass(frozen=True)
class Generated:
    """What the generator wrote and how long it took."""

    applications: int
    history: int
    followers: int
    outbox: int
    open: int
    seconds: float
    sample: tuple[str, ...]
    schema_version: int


@dataclass
class _Office:
    """The catalogue and calendar, precomputed for speed (the loop runs millions of times)."""

    catalogue: Catalogue
    calendar: WorkingCalendar
    offset: float  # the office's UTC offset in seconds (WITA has no daylight saving)
    types: list[PermitType] = field(default_factory=list)
    stages: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _due: dict[tuple[int, int], float] = field(default_factory=dict)
    _year: dict[int, int] = field(default_factory=dict)

    def due(self, at: float, service_days: int) -> float:
        """The due moment of work received at `at`, by the office's calendar (cached by day)."""
        day = int((at + self.offset) // DAY)
        key = (day, service_days)
        if key not in self._due:
            moment = datetime.fromtimestamp(at, UTC)
            self._due[key] = self.calendar.add_working_days(moment, service_days).timestamp()
        return self._due[key]

    def year(self, at: float) -> int:
        """The local calendar year of a moment."""
        day = int((at + self.offset) // DAY)
        if day not in self._year:
            self._year[day] = (date(1970, 1, 1) + timedelta(days=day)).year
        return self._year[day]


def office_model(settings: Settings, now: datetime) -> _Office:
    """The generator's view of the configured office."""
    offset = now.astimezone(settings.office.zone).utcoffset()
    assert offset is not None
    catalogue = settings.catalogue()
    office = _Office(catalogue, settings.calendar(), offset.total_seconds())
    for permit_type in catalogue.permit_types:
        office.types += [permit_type] * TYPE_WEIGHTS.get(permit_type.code, 1)
        office.stages[permit_type.code] = permit_type.stage_codes
    return office


def create_schema(path: Path) -> None:
    """A fresh database file with the project's migrations applied (Database.open)."""
    async def migrate() -> None:
        database = await open_database(path)
        await database.close()

    asyncio.run(migrate())


def _outcome(rng: random.Random) -> str:
    """How a decided application ended, by OUTCOMES' shares."""
    pick = rng.random()
    for outcome, share in OUTCOMES:
        pick -= share
        if pick < 0:
            return outcome
    return ISSUED


Step = tuple[str, str | None, str, float, str]


def _events(rng: random.Random, permit_type: PermitType, created: float, is_open: bool,
            target: int, now: float, stages: tuple[str, ...] | None = None) -> list[Step]:
    """One application's steps as (action, from, to, at, public note).

    There are `target` steps, or as many as the path through the workflow needs if more.
    """
    stages = permit_type.stage_codes if stages is None else stages
    path: list[tuple[str, str | None, str]] = [("create", None, stages[0])]
    last = len(stages) - 1
    stop = int(rng.random() * len(stages)) if is_open else last
    outcome = ISSUED if is_open else _outcome(rng)
    if outcome != ISSUED:
        stop = int(rng.random() * len(stages))
    returned_at = 1 if rng.random() < RETURN_SHARE and stop >= 1 else -1
    for index in range(1, stop + 1):
        path.append(("advance", stages[index - 1], stages[index]))
        if index == returned_at:
            path.append(("return", stages[index], RETURNED))
            path.append(("advance", RETURNED, permit_type.resubmit_to))
    if not is_open:
        path.append((DECISIONS[outcome], stages[stop], outcome))
    elif rng.random() < 0.1 and stop >= 1:
        path.append(("return", stages[stop], RETURNED))
    # Notes fill up to the target, spread between the steps (never after a decision).
    notes = max(0, target - len(path))
    steps: list[tuple[str, str | None, str, str]] = []
    slots = len(path) - (0 if is_open else 1)
    placed = sorted(1 + int(rng.random() * slots) for _ in range(notes))
    cursor = 0
    for index, (action, source, goal) in enumerate(path):
        while cursor < len(placed) and placed[cursor] == index:
            stage = path[index - 1][2]
            steps.append(("note", stage, stage, NOTES[3 + int(rng.random() * (len(NOTES) - 3))]))
            cursor += 1
        note = RETURN_NOTE if action in ("return", "reject", "withdraw") else (
            NOTES[int(rng.random() * len(NOTES))] if action == "advance" else "")
        steps.append((action, source, goal, note))
    while cursor < len(placed):
        stage = path[-1][2]
        steps.append(("note", stage, stage, NOTES[3 + int(rng.random() * (len(NOTES) - 3))]))
        cursor += 1
    # Slow and fast cases: most steps take a day or two, some files sit for weeks.
    pace = DAY * (0.4 + rng.random() * 1.6) * (4 if rng.random() < 0.08 else 1)
    moments = [created]
    for _ in steps[1:]:
        moments.append(moments[-1] + pace * (0.2 + rng.random() * 1.6))
    if len(moments) > 1 and moments[-1] > now - 60:
        # A recent application cannot have its future steps yet: squeeze them before now.
        squeeze = max(0.0, (now - 60 - created) / (moments[-1] - created))
        moments = [created + (moment - created) * squeeze for moment in moments]
    return [(action, source, goal, at, note)
            for (action, source, goal, note), at in zip(steps, moments, strict=True)]


def generate(path: Path, applications: int, history: int, *, settings: Settings,
             now: datetime, followed_share: float = FOLLOWED_SHARE, seed: int = 2026,
             sample: int = LOOKUPS, progress: bool = True) -> Generated:
    """Fill a fresh database at `path`; returns counts and a random sample of numbers."""
    started = time.perf_counter()
    create_schema(path)
    office = office_model(settings, now)
    rng = random.Random(seed)
    sampled = set(rng.sample(range(1, applications + 1), min(sample, applications)))
    numbers: list[str] = []
    code_hash = hash_access_code("123456")  # one hash for all: PBKDF2 per row would dominate
    prefix = settings.office.registration_prefix
    end = now.timestamp()
    start = end - YEARS * 365 * DAY
    span = end - start
    sequences: dict[int, int] = {}
    counts = {"history": 0, "followers": 0, "outbox": 0, "open": 0}
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("PRAGMA synchronous = OFF")
    connection.execute("PRAGMA cache_size = -262144")  # 256 MB: index pages stay in memory
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO staff (user_id, name, role, added_at) VALUES (?, ?, 'operator', ?)",
        [(user_id, f"Petugas {n}", start) for n, user_id in enumerate(STAFF_IDS, 1)])
    history_id = 0
    for first in range(1, applications + 1, CHUNK):
        rows: list[tuple[Any, ...]] = []
        steps: list[tuple[Any, ...]] = []
        chats: list[tuple[Any, ...]] = []
        follows: list[tuple[Any, ...]] = []
        outbox: list[tuple[Any, ...]] = []
        for application_id in range(first, min(first + CHUNK, applications + 1)):
            created = start + (application_id - 1 + rng.random()) * span / applications
            permit_type = office.types[int(rng.random() * len(office.types))]
            is_open = rng.random() < (OPEN_IF_RECENT if end - created < RECENT_DAYS * DAY
                                      else OPEN_IF_OLDER)
            left_apps = applications - application_id + 1
            wanted = (history - counts["history"]) / left_apps
            target = (history - counts["history"] if left_apps == 1
                      else round(wanted * (0.6 + 0.8 * rng.random())))
            events = _events(rng, permit_type, created, is_open, target, end,
                             office.stages[permit_type.code])
            year = office.year(created)
            sequences[year] = sequences.get(year, 0) + 1
            number = format_number(prefix, year, sequences[year])
            if application_id in sampled:
                numbers.append(number)
            due = office.due(created, permit_type.service_days)
            stage_entered = max(at for action, _, _, at, _ in events if action != "note")
            stage = next(goal for action, _, goal, _, _ in reversed(events) if action != "note")
            decided = None if is_open else events[-1][3]
            counts["open"] += is_open
            rows.append((application_id, number, permit_type.code,
                         f"{FIRST_NAMES[int(rng.random() * len(FIRST_NAMES))]} "
                         f"{LAST_NAMES[int(rng.random() * len(LAST_NAMES))]}",
                         f"08{int(rng.random() * 9e9) + 10**9}", code_hash, stage, stage_entered,
                         created, events[-1][3], due, decided, len(events)))
            followed = rng.random() < followed_share
            chat_id = 6_000_000_000 + application_id
            if followed:
                chats.append((chat_id, None, created))
                follows.append((application_id, chat_id, created))
            for action, source, goal, at, note in events:
                history_id += 1
                staff_id = STAFF_IDS[history_id % len(STAFF_IDS)]
                steps.append((history_id, application_id, action, source, goal, note, "",
                              staff_id, at, due))
                if followed and action != "create":
                    outbox.append((f"history:{history_id}", chat_id,
                                   "note" if action == "note" else "change", application_id,
                                   history_id, at, at, at + 1.5))
            counts["history"] += len(events)
        connection.executemany(
            "INSERT INTO applications (id, number, permit_type, applicant_name, contact, "
            "access_code_hash, stage, stage_entered_at, created_at, updated_at, due_at, "
            "decided_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        connection.executemany(
            "INSERT INTO history (id, application_id, action, from_stage, to_stage, public_note, "
            "internal_note, staff_id, at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", steps)
        connection.executemany(
            "INSERT INTO chats (chat_id, language, first_seen) VALUES (?, ?, ?)", chats)
        connection.executemany(
            "INSERT INTO followers (application_id, chat_id, since) VALUES (?, ?, ?)", follows)
        connection.executemany(
            "INSERT INTO outbox (event_key, chat_id, kind, application_id, history_id, status, "
            "attempts, next_attempt_at, created_at, sent_at) "
            "VALUES (?, ?, ?, ?, ?, 'sent', 1, ?, ?, ?)", outbox)
        counts["followers"] += len(follows)
        counts["outbox"] += len(outbox)
        if progress and (first - 1) % (CHUNK * 10) == 0:
            print(f"  generated {first - 1:>10,} applications "
                  f"({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    connection.executemany(
        "INSERT INTO sequences (prefix, year, last) VALUES (?, ?, ?)",
        [(prefix, year, last) for year, last in sequences.items()])
    connection.execute("COMMIT")
    connection.execute("PRAGMA journal_mode = WAL")
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    connection.close()
    rng.shuffle(numbers)
    return Generated(applications, counts["history"], counts["followers"], counts["outbox"],
                     counts["open"], time.perf_counter() - started, tuple(numbers), version)


# ---------------------------------------------------------------------------------------------
# Measuring (in a child process)


async def _timed(call: Callable[[], Awaitable[Any]], repeat: int) -> tuple[list[float], Any]:
    """Run an awaitable factory `repeat` times; the timings and the last result."""
    timings, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = await call()
        timings.append(time.perf_counter() - began)
    return timings, result


def bare_lookups(connection: sqlite3.Connection, numbers: Sequence[str]) -> list[float]:
    """The baseline: stdlib sqlite3, the same unique-index lookup, no async, no objects."""
    timings = []
    for number in numbers:
        began = time.perf_counter()
        row = connection.execute("SELECT * FROM applications WHERE number = ?",
                                 (number,)).fetchone()
        timings.append(time.perf_counter() - began)
        assert row is not None
    return timings


async def bare_async_lookups(store: Store, numbers: Sequence[str]) -> list[float]:
    """The same lookup over the store's own aiosqlite connection, without building objects."""
    timings = []
    for number in numbers:
        began = time.perf_counter()
        row = await store.database.fetch_one("SELECT * FROM applications WHERE number = ?",
                                             (number,))
        timings.append(time.perf_counter() - began)
        assert row is not None
    return timings


async def our_lookups(store: Store, numbers: Sequence[str]) -> list[float]:
    """The project's own lookup: `store.applications.get`, an Application out."""
    timings = []
    for number in numbers:
        began = time.perf_counter()
        await store.applications.get(number)
        timings.append(time.perf_counter() - began)
    return timings


async def measure(path: Path, numbers: Sequence[str], settings: Settings,
                  year: str, repeat: int) -> dict[str, Any]:
    """Every measured query, timed with the project's code; seconds per call."""
    now = system_clock()
    calendar = settings.calendar()
    bare = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    # Warm the operating system's cache the same way for everyone (a running server's state).
    bare_lookups(bare, numbers)
    results: dict[str, Any] = {"bare": [], "aiosqlite": [], "lookup": [], "batches": []}
    store = await Store.open(path, settings.catalogue(), calendar,
                             prefix=settings.office.registration_prefix)
    try:
        # Batches take turns, so a noisy neighbour on the machine hits every path alike.
        for first in range(0, len(numbers), BATCH):
            batch = numbers[first:first + BATCH]
            timings = {"bare": bare_lookups(bare, batch),
                       "aiosqlite": await bare_async_lookups(store, batch),
                       "lookup": await our_lookups(store, batch)}
            for key, found in timings.items():
                results[key] += found
            results["batches"].append({key: Latencies.of(found).p99
                                       for key, found in timings.items()})
        bare.close()
        worklists, catalogue = store.worklists, store.catalogue
        waiting = catalogue.waiting_stages

        async def queue() -> int:
            await worklists.queue(None, 30, waiting)
            return await worklists.count_open(None)

        async def queue_stage() -> int:
            await worklists.queue("document_check", 30, waiting)
            return await worklists.count_open("document_check")

        async def overdue() -> int:
            await worklists.overdue(now, 30, waiting)
            return await worklists.count_overdue(now, waiting)

        async def find_phone() -> int:
            # Nothing matches: the whole table is read, the worst case of a /find by phone.
            return (await worklists.search("+62 899-0000-0000", 30))[1]

        results["queue"], results["open"] = await _timed(queue, repeat)
        results["find_phone"], _ = await _timed(find_phone, max(1, repeat // 3))
        results["queue_stage"], _ = await _timed(queue_stage, repeat)
        results["overdue"], results["overdue_count"] = await _timed(overdue, repeat)
        results["stats"], results["stats_month"], results["received"] = [], [], 0
        try:
            from storage.periods import parse_period
            from storage.statistics import office_figures
        except ImportError:  # /stats is being written; its rows then read "pending"
            pass
        else:
            period = parse_period([year], calendar.local_date(now), calendar.timezone)

            async def stats() -> int:
                figures = await office_figures(store.database, catalogue, calendar, period, now)
                return figures.received_total

            results["stats"], results["received"] = await _timed(stats, max(1, repeat // 3))
            month = parse_period([], calendar.local_date(now), calendar.timezone)
            results["stats_month"], _ = await _timed(
                lambda: office_figures(store.database, catalogue, calendar, month, now), repeat)
    finally:
        await store.close()
    results["peak_rss_mb"] = peak_rss_mb()
    return results


async def run_bot(path: Path, numbers: Sequence[str], year: str) -> list[list[Cell]]:
    """The real bot (`python -m bot run`) on the database, through the sandbox: a clerk's
    `/queue`, `/overdue` and `/stats` and an applicant's lookups end to end, and the bot
    process's peak memory (matplotlib's chart for /stats included)."""
    from bench.common import BOT_USERNAME, TOKEN, started, stop
    from sandbox import FloodLimits, Sandbox

    rows: list[list[Cell]] = []
    async with Sandbox(TOKEN, BOT_USERNAME, limits=FloodLimits(enabled=False)) as sandbox:
        clerk = sandbox.add_user("Made", language_code="id")
        applicant = sandbox.add_user("Ayu", language_code="id")
        env = {**os.environ, "PTB_TIMEDELTA": "1", "ETRACK_CONFIG": str(EXAMPLE_CONFIG),
               "ETRACK_TELEGRAM__TOKEN": TOKEN, "ETRACK_TELEGRAM__BASE_URL": sandbox.base_url,
               "ETRACK_TELEGRAM__BASE_FILE_URL": sandbox.base_file_url,
               "ETRACK_DATABASE__PATH": str(path), "ETRACK_STAFF__ADMIN_IDS": f"[{clerk.id}]"}
        log = path.with_name("bot.log")
        with log.open("wb") as output:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", env=env, stdout=output,
                stderr=asyncio.subprocess.STDOUT)
        try:
            began = time.perf_counter()
            await started(sandbox, process, log)
            rows.append(["start-up until polling", 1, (time.perf_counter() - began) * 1000,
                         None])
            timings = []
            for number in numbers[:BOT_LOOKUPS]:
                began = time.perf_counter()
                await applicant.send(number)
                await applicant.next_message(timeout=60)
                timings.append(time.perf_counter() - began)
            lookups = Latencies.of(timings)
            rows.append(["applicant's lookup (status card)", lookups.count, lookups.p50,
                         lookups.p99])
            for command, replies in (("/queue", 1), ("/overdue", 1), (f"/stats {year}", 2)):
                began = time.perf_counter()
                await clerk.send(command)
                for _ in range(replies):  # /stats: the figures, then the chart
                    await clerk.next_message(timeout=120)
                rows.append([f"clerk's {command}", 1, (time.perf_counter() - began) * 1000,
                             None])
            rss = process_peak_rss_mb(process.pid)
            rows.append(["bot process peak RSS, MB", None, rss, None])
        finally:
            await stop(process)
    return rows


def measure_in_child(path: Path, numbers: Sequence[str], year: str, repeat: int,
                     work: Path) -> dict[str, Any]:
    """Run `measure` in a fresh interpreter and return what it found."""
    numbers_file = work / "numbers.json"
    numbers_file.write_text(json.dumps(list(numbers)))
    env = {**os.environ, "ETRACK_CONFIG": str(EXAMPLE_CONFIG)}
    done = subprocess.run(
        [sys.executable, "-m", "bench.store_scale", "--measure", str(path),
         "--numbers", str(numbers_file), "--year", year, "--repeat", str(repeat)],
        env=env, capture_output=True, text=True, check=True)
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def database_size_mb(path: Path) -> float:
    """The database file plus its WAL, in MB."""
    wal = path.with_name(path.name + "-wal")
    return (path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)) / 1e6


def query_plans(path: Path) -> list[tuple[str, str]]:
    """EXPLAIN QUERY PLAN of the /stats and worklist queries that touch many rows."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    bounds = {"start": 0.0, "end": 1.0, "offset": 28800.0, "width": 86400}
    queries: dict[str, tuple[str, Any]] = {
        "/stats received": (
            "SELECT permit_type, CAST((created_at + :offset) / :width AS INTEGER) AS day, "
            "COUNT(*), SUM(EXISTS (SELECT 1 FROM followers f WHERE f.application_id = a.id)) "
            "FROM applications a WHERE created_at >= :start AND created_at < :end "
            "GROUP BY permit_type, day", bounds),
        "/stats decided": (
            "SELECT permit_type, stage, decided_at <= due_at AS on_time, "
            "CAST((created_at + :offset) / :width AS INTEGER) AS received_day, "
            "CAST((decided_at + :offset) / :width AS INTEGER) AS decided_day, COUNT(*) "
            "FROM applications WHERE decided_at >= :start AND decided_at < :end "
            "GROUP BY permit_type, stage, on_time, received_day, decided_day", bounds),
        "/stats open": (
            "SELECT permit_type, stage, CAST((stage_entered_at + :offset) / :width AS INTEGER) "
            "AS day, COUNT(*) FROM applications WHERE decided_at IS NULL "
            "GROUP BY permit_type, stage, day", bounds),
        "/stats delivery": (
            "SELECT status, COUNT(*) FROM outbox WHERE status IN ('sent', 'dead') "
            "AND created_at >= :start AND created_at < :end GROUP BY status", bounds),
        "/overdue count": (
            "SELECT COUNT(*) FROM applications a WHERE a.decided_at IS NULL AND a.due_at < ? "
            "AND a.permit_type || ':' || a.stage NOT IN (?, ?)", (1.0, "A:b", "C:d")),
        "/queue": (
            "SELECT * FROM applications a WHERE a.decided_at IS NULL "
            "ORDER BY a.stage_entered_at, a.id LIMIT 30", ()),
    }
    plans = []
    for name, (sql, params) in queries.items():
        rows = connection.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
        plans.append((name, "; ".join(str(row[-1]) for row in rows)))
    connection.close()
    return plans


# ---------------------------------------------------------------------------------------------
# The command


def arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.store_scale", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--applications", type=int, default=1_000_000)
    parser.add_argument("--history", type=int, default=10_000_000)
    parser.add_argument("--followed-share", type=float, default=FOLLOWED_SHARE,
                        help="share of applications followed by a chat (their changes "
                             "leave sent rows in the outbox)")
    parser.add_argument("--year", default=None,
                        help="the /stats year (default: last full calendar year)")
    parser.add_argument("--repeat", type=int, default=9, help="runs of each list query")
    parser.add_argument("--keep", type=Path, default=None,
                        help="write the database here and keep it (default: a temp dir)")
    parser.add_argument("--reuse", action="store_true",
                        help="with --keep: measure an existing database, do not generate")
    parser.add_argument("--try-sql", action="append", default=[], metavar="SQL",
                        help="after measuring, apply this SQL (e.g. CREATE INDEX …) to the "
                             "throwaway database and measure again (before/after)")
    parser.add_argument("--no-bot", dest="bot", action="store_false",
                        help="skip running the real bot on the database (staff commands end "
                             "to end and the bot process's peak memory)")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--numbers", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _summaries(found: dict[str, Any]) -> dict[str, Latencies]:
    return {key: Latencies.of(found[key]) for key in (
        "bare", "aiosqlite", "lookup", "queue", "queue_stage", "overdue", "find_phone",
        "stats", "stats_month")}


def batch_p99(found: dict[str, Any], key: str) -> float:
    """The median over the batches of each batch's p99 (one hiccup spoils only one batch)."""
    return float(statistics.median(batch[key] for batch in found["batches"]))


def report(found: dict[str, Any], label: str) -> None:
    """Print one measurement's tables."""
    summary = _summaries(found)
    lookup = summary["lookup"]
    rows: list[list[Cell]] = []
    for key, name in (("lookup", "store.applications.get (ours)"),
                      ("bare", "bare sqlite3, same query (baseline)"),
                      ("aiosqlite", "aiosqlite fetch_one, no objects")):
        timing = summary[key]
        rows.append([name, timing.p50, timing.p99, batch_p99(found, key), timing.mean,
                     timing.max, f"{ratio(lookup.p50, timing.p50):.1f}",
                     f"{ratio(lookup.p99, timing.p99):.1f}"])
    print_table(f"Lookup by number, {lookup.count:,} random numbers in "
                f"{len(found['batches'])} alternating batches ({label})",
                ["path", "p50 ms", "p99 ms", "p99 ms, median of batches", "mean ms", "max ms",
                 "ours/this p50", "ours/this p99"], rows, digits=3)
    rows = []
    for key, name, what in (("queue", "/queue (queue + count_open)", f"{found['open']:,} open"),
                            ("queue_stage", "/queue document_check", ""),
                            ("overdue", "/overdue (overdue + count_overdue)",
                             f"{found['overdue_count']:,} overdue"),
                            ("find_phone", "/find +62 899… (no match: every row)", ""),
                            ("stats", f"/stats {found['year']} (office_figures)",
                             f"{found['received']:,} received"),
                            ("stats_month", "/stats this month", "")):
        timing = summary[key]
        if not timing.count:
            rows.append([name, "pending", None, None, "storage/statistics.py not there yet"])
        else:
            rows.append([name, timing.count, timing.p50, timing.max, what])
    print_table(f"Staff views ({label})", ["query", "runs", "p50 ms", "max ms", "rows"],
                rows, digits=1)


def targets(found: dict[str, Any], size_mb: float) -> list[list[Cell]]:
    """The issue's targets against what was measured."""
    summary = _summaries(found)
    lookup_p99, batches_p99 = summary["lookup"].p99, batch_p99(found, "lookup")
    rss = float(found["peak_rss_mb"])
    rows: list[list[Cell]] = [
        ["lookup p99 (all lookups)", f"{lookup_p99:.3f} ms", "< 2 ms",
         "met" if lookup_p99 < 2 else "MISSED"],
        ["lookup p99 (median of batches)", f"{batches_p99:.3f} ms", "< 2 ms",
         "met" if batches_p99 < 2 else "MISSED"],
    ]
    if summary["stats"].count:
        stats_s = summary["stats"].p50 / 1000
        rows.append([f"/stats {found['year']}", f"{stats_s:.2f} s", "< 2 s",
                     "met" if stats_s < 2 else "MISSED"])
    else:
        rows.append([f"/stats {found['year']}", "pending", "< 2 s", "pending"])
    rows += [["peak RSS of the querying process", f"{rss:.0f} MB", "< 200 MB",
              "met" if rss < 200 else "MISSED"],
             ["database size", f"{size_mb:,.0f} MB", "-", "-"]]
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Generate, measure in a child, print the tables."""
    options = arguments(argv)
    settings = load_settings(os.environ.get("ETRACK_CONFIG") or EXAMPLE_CONFIG)
    if options.measure is not None:
        numbers = json.loads(options.numbers.read_text())
        found = asyncio.run(measure(options.measure, numbers, settings, options.year,
                                    options.repeat))
        print(json.dumps(found))
        return 0
    began = time.perf_counter()
    print_machine()
    now = system_clock()
    year = options.year or str(settings.calendar().local_date(now).year - 1)
    with tempfile.TemporaryDirectory(prefix="etrack-scale-") as temporary:
        work = Path(temporary)
        path = options.keep or work / "office.db"
        if options.reuse:
            numbers = sample_numbers(path)
            generated = None
        else:
            for suffix in ("", "-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
            print(f"generating {options.applications:,} applications and "
                  f"{options.history:,} history rows into {path} …", file=sys.stderr)
            generated = generate(path, options.applications, options.history,
                                 settings=settings, now=now,
                                 followed_share=options.followed_share)
            numbers = list(generated.sample)
        size = database_size_mb(path)
        found = measure_in_child(path, numbers, year, options.repeat, work)
        found["year"] = year
        if generated is not None:
            print_table("Generated", ["what", "count"], [
                ["applications", generated.applications],
                ["open (not decided)", generated.open],
                ["history rows", generated.history],
                ["followers", generated.followers],
                ["outbox rows (sent)", generated.outbox],
                ["schema version (migrations applied)", generated.schema_version],
                ["generation time, s", round(generated.seconds, 1)],
                ["database size, MB", round(size)]])
        report(found, "as shipped")
        print_table("Targets", ["what", "measured", "target", ""], targets(found, size))
        print_table("Query plans (EXPLAIN QUERY PLAN)", ["query", "plan"], query_plans(path))
        if options.bot:
            print_table("The real bot on this database (python -m bot run, through the sandbox)",
                        ["what", "count", "ms (p50) or MB", "p99 ms"],
                        asyncio.run(run_bot(path, numbers, year)), digits=1)
        if options.try_sql:
            connection = sqlite3.connect(path, isolation_level=None)
            for sql in options.try_sql:
                applied = time.perf_counter()
                connection.execute(sql)
                print(f"applied in {time.perf_counter() - applied:.1f} s: {sql}")
            connection.close()
            after = measure_in_child(path, numbers, year, options.repeat, work)
            after["year"] = year
            report(after, "after --try-sql")
            _before_after(found, after)
            print_table("Query plans after --try-sql", ["query", "plan"], query_plans(path))
    print(f"\ntotal time: {time.perf_counter() - began:.0f} s")
    return 0


def _before_after(before: dict[str, Any], after: dict[str, Any]) -> None:
    first, second = _summaries(before), _summaries(after)
    rows: list[list[Cell]] = []
    for key, name in (("lookup", "lookup p50"), ("queue", "/queue"), ("overdue", "/overdue"),
                      ("stats", f"/stats {before['year']}"), ("stats_month", "/stats month")):
        rows.append([name, first[key].p50, second[key].p50,
                     ratio(second[key].p50, first[key].p50)])
    print_table("Before and after --try-sql (p50 ms)", ["query", "before", "after",
                                                        "after/before"], rows, digits=2)


def sample_numbers(path: Path) -> list[str]:
    """Numbers of up to 10,000 applications of an existing database, in random order."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    count = int(connection.execute("SELECT MAX(id) FROM applications").fetchone()[0])
    ids = random.Random(7).sample(range(1, count + 1), min(LOOKUPS, count))
    numbers = [str(row[0]) for row in connection.execute(
        f"SELECT number FROM applications WHERE id IN ({','.join(map(str, ids))})")]
    connection.close()
    random.Random(8).shuffle(numbers)
    return numbers


if __name__ == "__main__":
    raise SystemExit(main())
