"""The database, its -wal and -shm, backups, restores and exports are 0600 whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import data as data_cli
from office.settings import Settings
from storage.backup import backup, restore
from storage.store import Store
from tests.conftest import FakeClock

STAFF = 7


@pytest.fixture(autouse=True)
def common_umask() -> Iterator[None]:
    """The usual umask of a login shell or service: new files world-readable by default."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    """The permission bits of a file."""
    return stat.S_IMODE(path.stat().st_mode)


def with_database(settings: Settings, path: Path) -> Settings:
    """The settings pointed at another database file."""
    return settings.model_copy(update={"database": settings.database.model_copy(
        update={"path": path})})


async def office(path: Path, settings: Settings, clock: FakeClock) -> Store:
    """A store in a file holding one application."""
    store = await Store.open(path, settings.catalogue(), settings.calendar(), clock=clock)
    await store.applications.create("PBG", "Ni Made Ayu", staff_id=STAFF, contact="0812 1")
    return store


async def test_a_new_database_and_its_wal_and_shm_are_readable_by_the_owner_only(
        tmp_path: Path, settings: Settings, clock: FakeClock) -> None:
    path = tmp_path / "etracking.db"
    store = await office(path, settings, clock)
    try:
        files = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
        assert all(file.exists() for file in files)
        assert [oct(mode(file)) for file in files] == ["0o600"] * 3
    finally:
        await store.close()


async def test_a_database_left_world_readable_is_tightened_when_opened(
        tmp_path: Path, settings: Settings, clock: FakeClock) -> None:
    path = tmp_path / "etracking.db"
    await (await office(path, settings, clock)).close()
    path.chmod(0o644)

    store = await Store.open(path, settings.catalogue(), settings.calendar(), clock=clock)
    try:
        await store.set_meta("touched", "yes")
        assert [oct(mode(file)) for file in (path, Path(f"{path}-wal"))] == ["0o600"] * 2
    finally:
        await store.close()


async def test_a_backup_and_a_restored_database_are_readable_by_the_owner_only(
        tmp_path: Path, settings: Settings, clock: FakeClock) -> None:
    store = await office(tmp_path / "office.db", settings, clock)
    try:
        report = await backup(tmp_path / "office.db", tmp_path / "copy.db")
    finally:
        await store.close()
    assert oct(mode(report.path)) == "0o600"

    restored = restore(report.path, tmp_path / "restored" / "etracking.db")
    assert oct(mode(restored.database)) == "0o600"
    # Restoring over a database an older version left world-readable keeps that one private too.
    restored.database.chmod(0o644)
    again = restore(report.path, restored.database)
    assert again.kept_previous is not None
    assert [oct(mode(file)) for file in (again.database, again.kept_previous)] == ["0o600"] * 2


async def test_the_command_line_writes_backups_and_exports_readable_by_the_owner_only(
        tmp_path: Path, settings: Settings, clock: FakeClock) -> None:
    configured = with_database(settings, tmp_path / "office.db")
    await (await office(tmp_path / "office.db", settings, clock)).close()
    # An export over files a spreadsheet saved world-readable narrows them too.
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "history.csv").write_text("old")

    assert await data_cli.backup_command(configured, tmp_path / "backup.db") == 0
    assert await data_cli.export_command(configured, tmp_path / "out", []) == 0

    written = [tmp_path / "backup.db", tmp_path / "out" / "applications.csv",
               tmp_path / "out" / "history.csv"]
    assert [oct(mode(file)) for file in written] == ["0o600"] * 3
    assert (tmp_path / "out" / "history.csv").read_text(encoding="utf-8-sig").startswith(
        "number,at,")
