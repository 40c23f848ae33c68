"""Backups taken while the bot writes are whole; restoring checks the file and the bot's lock."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from contextlib import closing
from pathlib import Path

import pytest

from bot.cli import data as data_cli
from bot.runtime.instance import InstanceLock
from office.settings import Settings
from storage.backup import BackupRejected, backup, check_backup, restore
from storage.store import Store
from storage.workflow import Action
from tests.conftest import FakeClock

STAFF = 7
WRITERS = 8
NOTES = 5


def with_database(settings: Settings, path: Path) -> Settings:
    """The settings pointed at another database file."""
    return settings.model_copy(update={"database": settings.database.model_copy(
        update={"path": path})})


@pytest.fixture
async def office(tmp_path: Path, settings: Settings,
                 clock: FakeClock) -> AsyncIterator[Store]:
    """A store in a file (backups read the file), with a few applications."""
    opened = await Store.open(tmp_path / "office.db", settings.catalogue(), settings.calendar(),
                              clock=clock)
    for name in ("Made Satu", "Made Dua", "Made Tiga"):
        await opened.applications.create("PBG", name, staff_id=STAFF)
    yield opened
    await opened.close()


async def reopen(path: Path, settings: Settings) -> Store:
    """A store over a restored file."""
    return await Store.open(path, settings.catalogue(), settings.calendar())


def integrity(path: Path) -> list[str]:
    """PRAGMA integrity_check on a file."""
    with closing(sqlite3.connect(path)) as db:
        return [str(row[0]) for row in db.execute("PRAGMA integrity_check")]


async def test_a_backup_taken_during_concurrent_writes_is_whole_and_restores(
        office: Store, tmp_path: Path, settings: Settings) -> None:
    numbers = [(await office.applications.create("SIP", f"Pemohon {i}", staff_id=STAFF))[0].number
               for i in range(WRITERS)]

    midway = asyncio.Event()

    async def write(number: str) -> None:
        # One writer per application: notes on one application are serialised by its version.
        for note in range(NOTES):
            await office.applications.change(number, Action.NOTE, staff_id=STAFF,
                                              public_note=f"catatan {note}")
            if note == NOTES // 2:
                midway.set()

    async def back_up_midway() -> None:
        await midway.wait()
        await backup(tmp_path / "office.db", copy)

    copy = tmp_path / "copy.db"
    await asyncio.gather(*(write(number) for number in numbers), back_up_midway())

    assert integrity(copy) == ["ok"]
    restored = await reopen(copy, settings)
    try:
        history = int(await restored.database.fetch_value("SELECT COUNT(*) FROM history"))
        versions = int(await restored.database.fetch_value(
            "SELECT SUM(version) FROM applications"))
        applications = int(await restored.database.fetch_value(
            "SELECT COUNT(*) FROM applications"))
    finally:
        await restored.close()
    # Each note adds one history row and one version together: a torn copy would differ.
    assert history == versions
    assert applications == 3 + WRITERS
    assert 3 + WRITERS < history <= 3 + WRITERS * (1 + NOTES)

    target = tmp_path / "restored" / "etracking.db"
    result = restore(copy, target)
    assert (result.applications, result.kept_previous, result.removed) == (applications, None,
                                                                           ())
    again = await reopen(target, settings)
    try:
        assert int(await again.database.fetch_value("SELECT COUNT(*) FROM history")) == history
    finally:
        await again.close()


async def test_restore_keeps_the_replaced_database_and_removes_its_log(
        office: Store, tmp_path: Path, settings: Settings) -> None:
    copy = tmp_path / "copy.db"
    await backup(tmp_path / "office.db", copy)
    live = tmp_path / "live.db"
    newer = await reopen(live, settings)
    await newer.applications.create("SIP", "Made Baru", staff_id=STAFF)
    await newer.close()
    (tmp_path / "live.db-shm").write_bytes(b"stale")

    result = restore(copy, live)

    assert result.kept_previous == tmp_path / "live.db.before-restore"
    assert result.removed == (tmp_path / "live.db-shm",)
    assert not (tmp_path / "live.db-wal").exists()
    restored = await reopen(live, settings)
    kept = await reopen(tmp_path / "live.db.before-restore", settings)
    try:
        assert int(await restored.database.fetch_value("SELECT COUNT(*) FROM applications")) == 3
        assert int(await kept.database.fetch_value("SELECT COUNT(*) FROM applications")) == 1
    finally:
        await restored.close()
        await kept.close()


@pytest.mark.parametrize(("content", "problem"), [
    (b"this is not a database at all, just text" * 200, "not a readable SQLite database"),
    (None, "not an etracking database"),
])
def test_restore_refuses_a_file_that_is_not_a_good_backup(
        tmp_path: Path, content: bytes | None, problem: str) -> None:
    source = tmp_path / "backup.db"
    if content is None:
        with closing(sqlite3.connect(source)) as db:
            db.execute("CREATE TABLE notes (text TEXT)")
    else:
        source.write_bytes(content)
    live = tmp_path / "live.db"
    live.write_bytes(b"untouched")

    with pytest.raises(BackupRejected, match=problem):
        restore(source, live)
    assert live.read_bytes() == b"untouched"


async def test_restore_refuses_a_damaged_database(office: Store, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    await backup(tmp_path / "office.db", copy)
    with closing(sqlite3.connect(copy)) as db:
        page_size = int(db.execute("PRAGMA page_size").fetchone()[0])
        root = int(db.execute("SELECT rootpage FROM sqlite_master "
                              "WHERE name = 'history_by_application'").fetchone()[0])
    data = bytearray(copy.read_bytes())
    start = (root - 1) * page_size
    data[start:start + 12] = b"\x0d\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"
    copy.write_bytes(bytes(data))

    with pytest.raises(BackupRejected, match=r"integrity check failed|not a readable"):
        check_backup(copy)


async def test_the_command_line_backs_up_and_restores(
        office: Store, tmp_path: Path, settings: Settings,
        capsys: pytest.CaptureFixture[str]) -> None:
    configured = with_database(settings, tmp_path / "office.db")
    copy = tmp_path / "backups" / "copy.db"
    copy.parent.mkdir()

    assert await data_cli.backup_command(configured, copy) == 0
    assert "3 applications, integrity ok" in capsys.readouterr().out

    fresh = with_database(settings, tmp_path / "fresh" / "etracking.db")
    assert data_cli.restore_command(fresh, copy) == 0
    out = capsys.readouterr().out
    assert f"restored {copy} to {tmp_path / 'fresh' / 'etracking.db'}" in out
    assert integrity(tmp_path / "fresh" / "etracking.db") == ["ok"]


async def test_restore_refuses_while_the_bot_holds_the_database(
        office: Store, tmp_path: Path, settings: Settings,
        capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "copy.db"
    await backup(tmp_path / "office.db", copy)
    live = tmp_path / "live.db"
    live.write_bytes(b"the running bot's database")
    configured = with_database(settings, live)

    with InstanceLock(live):
        assert data_cli.restore_command(configured, copy) == 3

    assert "stop the bot first" in capsys.readouterr().err
    assert live.read_bytes() == b"the running bot's database"
