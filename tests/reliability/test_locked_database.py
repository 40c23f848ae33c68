"""A fan-out while another process holds the database's write lock: no row stuck, none twice."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

import storage.sqlite
from sandbox import Faults, Sandbox
from storage.models import DeliveryStatus
from storage.workflow import Action
from tests.conftest import eventually, refusals_of
from tests.e2e.conftest import services_of
from tests.reliability.conftest import Launch, crowd, followed_application

FOLLOWERS = 30


async def test_a_fan_out_with_5xx_under_a_locked_database_reaches_everyone_once(
        sandbox: Sandbox, launch: Launch, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The bot waits 50 ms for a lock instead of 5 s, so the lock outlasts it quickly.
    monkeypatch.setattr(storage.sqlite, "BUSY_TIMEOUT_MS", 50)
    app = await launch(sweep_seconds=3600, backoff_base_seconds=0.2,
                               backoff_max_seconds=1.0)
    people = crowd(sandbox, FOLLOWERS)
    created = await followed_application(app, people)
    store = services_of(app).store
    refused = refusals_of(store, monkeypatch, "mark_sent", "mark_retry")
    sandbox.faults = Faults(error_rate=0.3, seed=13)
    # What `etracking import` of a large file does to the bot: holds the write lock.
    importer = sqlite3.connect(tmp_path / "reliability.db", check_same_thread=False,
                               isolation_level=None)

    await store.applications.change(created.number, Action.ADVANCE, staff_id=1)
    await sandbox.wait_for(lambda: sandbox.count("sendMessage") >= 1, timeout=10)
    await asyncio.to_thread(importer.execute, "BEGIN IMMEDIATE")

    async def both_refused() -> bool:
        return refused["mark_sent"] > 0 and refused["mark_retry"] > 0

    try:
        await eventually(both_refused, timeout=15, what="sent marks and retries refused")
    finally:
        importer.execute("COMMIT")
        importer.close()

    async def all_sent() -> bool:
        counts = await store.outbox.counts()
        return counts[DeliveryStatus.SENT] == FOLLOWERS

    await eventually(all_sent, timeout=30, what="every row marked sent")
    assert sandbox.count("sendMessage", 500) + sandbox.count("sendMessage", 502) > 0
    assert sandbox.count("sendMessage", 200) == FOLLOWERS
    for person in people:
        [notice] = person.messages
        assert (notice.text or "").startswith(f"🔔 {created.number} berpindah tahap")
