"""Failed attempts counted in a sliding window."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.attempts import Attempts, Tally
from storage.clock import system_clock, to_timestamp
from storage.engines import open_database
from storage.store import Store
from tests.conftest import FakeClock

HOUR = timedelta(minutes=60)


async def test_nothing_recorded(store: Store) -> None:
    assert await store.attempts.recent("code", "JBR-2026-000001", HOUR) == (0, 0.0)


async def test_recent_counts_attempts_in_the_window(store: Store, clock: FakeClock) -> None:
    start = clock.now
    for _ in range(3):
        await store.attempts.record("code", "JBR-2026-000001")
        clock.advance(minutes=10)
    # Now start + 30 min: all three are within the hour; the oldest is the first.
    assert await store.attempts.recent("code", "JBR-2026-000001", HOUR) == (
        3, to_timestamp(start))


async def test_attempts_leave_the_window(store: Store, clock: FakeClock) -> None:
    start = clock.now
    for _ in range(3):
        await store.attempts.record("code", "JBR-2026-000001")
        clock.advance(minutes=10)
    clock.now = start + HOUR
    # Exactly an hour after the first, it still counts.
    assert await store.attempts.recent("code", "JBR-2026-000001", HOUR) == (
        3, to_timestamp(start))
    clock.advance(seconds=1)
    assert await store.attempts.recent("code", "JBR-2026-000001", HOUR) == (
        2, to_timestamp(start + timedelta(minutes=10)))
    clock.now = start + timedelta(minutes=81)
    assert await store.attempts.recent("code", "JBR-2026-000001", HOUR) == (0, 0.0)


async def test_kinds_and_subjects_are_counted_apart(store: Store) -> None:
    await store.attempts.record("code", "JBR-2026-000001")
    await store.attempts.record("code", "JBR-2026-000001")
    await store.attempts.record("code", "JBR-2026-000002")
    await store.attempts.record("lookup", "chat:100")
    assert (await store.attempts.recent("code", "JBR-2026-000001", HOUR))[0] == 2
    assert (await store.attempts.recent("code", "JBR-2026-000002", HOUR))[0] == 1
    assert (await store.attempts.recent("lookup", "chat:100", HOUR))[0] == 1
    assert (await store.attempts.recent("lookup", "JBR-2026-000001", HOUR))[0] == 0


async def test_prune_forgets_old_attempts(store: Store, clock: FakeClock) -> None:
    for _ in range(4):
        await store.attempts.record("code", "JBR-2026-000001")
        clock.advance(minutes=10)
    # Now start + 40 min; pruning older than 25 min keeps the attempts at +20 and +30.
    assert await store.attempts.prune(timedelta(minutes=25)) == 2
    assert (await store.attempts.recent("code", "JBR-2026-000001", HOUR))[0] == 2
    assert await store.attempts.prune(timedelta(minutes=25)) == 0


async def test_attempts_are_counted_per_chat_too(store: Store) -> None:
    for chat in (1, 1, 2):
        await store.attempts.record("code", "JBR-2026-000001", chat)
    await store.attempts.record("code", "JBR-2026-000002", 1)
    assert (await store.attempts.recent("code", "JBR-2026-000001", HOUR))[0] == 3
    assert (await store.attempts.recent("code", "JBR-2026-000001", HOUR, chat_id=1))[0] == 2
    assert (await store.attempts.recent("code", "JBR-2026-000001", HOUR, chat_id=3))[0] == 0
    assert (await store.attempts.recent_by_chat("code", 1, HOUR))[0] == 3
    assert (await store.attempts.recent_by_chat("lookup", 1, HOUR))[0] == 0


async def test_busiest_lists_subjects_at_or_over_the_alert(store: Store, clock: FakeClock) -> None:
    for chat in range(4):
        await store.attempts.record("code", "JBR-2026-000001", chat)
    for chat in (7, 7, 7):
        await store.attempts.record("code", "JBR-2026-000002", chat)
    await store.attempts.record("code", "JBR-2026-000003", 9)
    assert await store.attempts.busiest("code", HOUR, at_least=3) == [
        Tally("JBR-2026-000001", 4, 4), Tally("JBR-2026-000002", 3, 1)]
    clock.advance(minutes=61)
    assert await store.attempts.busiest("code", HOUR, at_least=3) == []


async def test_attempts_from_before_chats_were_recorded_keep_their_meaning(
        tmp_path: Path) -> None:
    """Migration 4: old lookups belong to their chat; old wrong codes lock nobody but still
    count for the office-wide alert."""
    path = tmp_path / "old.db"
    database = await open_database(path)
    await database.close()
    raw = sqlite3.connect(path)
    # Back to the schema of version 3: what migrations 4 and later added is taken away.
    raw.executescript("DROP INDEX history_undoes; ALTER TABLE history DROP COLUMN undoes; "
                      "DROP INDEX attempts_by_chat; ALTER TABLE attempts DROP COLUMN cleared; "
                      "ALTER TABLE attempts DROP COLUMN chat_id; DROP TABLE fees; "
                      "DROP TABLE pickups; DROP TABLE survey_answers; DROP TABLE survey_responses; "
                      "DROP TABLE survey_invitations; DROP TABLE question_answers; "
                      "DROP TABLE question_posts; DROP TABLE question_drafts; "
                      "DROP TABLE questions; DROP TABLE documents; DROP TABLE document_choices; "
                      "DROP TABLE conversations; DROP TABLE leases; "
                      "ALTER TABLE outbox DROP COLUMN claimed_by; PRAGMA user_version = 3;")
    raw.executescript("DROP INDEX applications_received_by_type; "
                      "DROP INDEX applications_decided_by_stage; CREATE INDEX "
                      "applications_received_figures ON applications (created_at, permit_type);")
    now = datetime.now(UTC).timestamp()
    raw.executemany("INSERT INTO attempts (kind, subject, at) VALUES (?, ?, ?)",
                    [("wrong_code", "JBR-2026-000001", now), ("unknown_lookup", "4242", now)])
    raw.commit()
    raw.close()

    database = await open_database(path)
    try:
        attempts = Attempts(database, system_clock)
        assert (await attempts.recent_by_chat("unknown_lookup", 4242, HOUR))[0] == 1
        assert (await attempts.recent("unknown_lookup", "4242", HOUR))[0] == 1
        assert (await attempts.tally("wrong_code", "JBR-2026-000001", HOUR)).attempts == 1
        assert (await attempts.recent("wrong_code", "JBR-2026-000001", HOUR,
                                      chat_id=4242))[0] == 0
    finally:
        await database.close()
