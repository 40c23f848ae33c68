"""`etracking backup` copies the database, not the file store, and says where the files are."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.cli.main import main
from office.settings import Settings
from storage.documents import DocumentRules, Upload
from storage.files import DirectoryFileStore
from storage.store import Store
from storage.workflow import Action
from tests.conftest import EXAMPLE_CONFIG

PDF = b"%PDF-1.7\n" + b"0" * 100


async def handed_in(settings: Settings, database: Path, kept: Path) -> int:
    """A database with one document handed in, its file in `kept`; the application's id."""
    store = await Store.open(database, settings.catalogue(), settings.calendar(),
                             files=DirectoryFileStore(kept))
    application, _ = await store.applications.create("PBG", "Ni Made Ayu", staff_id=7)
    await store.followers.follow(application, 1001, 20)
    application = (await store.applications.change(application.number, Action.RETURN,
                                                   staff_id=7, public_note="Denah")).application
    rules = DocumentRules(frozenset({"returned"}), 1000, frozenset({"application/pdf"}), 3)
    await store.documents.hand_in(application, 1001, Upload("f", "u", "document",
                                                            "application/pdf", len(PDF)),
                                  PDF, rules, forward_to=[], sender_name="N*****")
    await store.close()
    return application.id


async def sizes_in(settings: Settings, copy: Path, application_id: int,
                   elsewhere: Path) -> list[int]:
    """The sizes of the application's documents as the copied database lists them."""
    store = await Store.open(copy, settings.catalogue(), settings.calendar(),
                             files=DirectoryFileStore(elsewhere))
    sizes = [d.size for d in await store.documents.for_application(application_id)]
    await store.close()
    return sizes


def test_the_backup_holds_the_rows_and_names_the_directory_it_leaves_out(
        tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    database, kept = tmp_path / "office" / "etracking.db", tmp_path / "kept"
    database.parent.mkdir()
    application_id = asyncio.run(handed_in(settings, database, kept))
    monkeypatch.setenv("ETRACK_DATABASE__PATH", str(database))
    monkeypatch.setenv("ETRACK_DOCUMENTS__DIRECTORY", str(kept))
    target = tmp_path / "backups" / "copy.db"
    target.parent.mkdir()

    assert main(["--config", str(EXAMPLE_CONFIG), "backup", str(target)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"not in this file: the documents handed in by chat, in {kept}; back up that directory "
        "as well")
    assert sorted(p.name for p in target.parent.iterdir()) == ["copy.db"]
    assert asyncio.run(sizes_in(settings, target, application_id, tmp_path / "x")) == [len(PDF)]
