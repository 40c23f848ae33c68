"""The nightly retention also deletes the documents of long-decided applications."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.jobs import run_retention
from office.settings import Settings
from storage.documents import DocumentRules, Upload
from storage.files import DirectoryFileStore
from storage.store import Store
from storage.workflow import Action
from tests.conftest import FakeClock

PDF = b"%PDF-1.7\n" + b"0" * 100
RULES = DocumentRules(frozenset({"returned"}), 1000, frozenset({"application/pdf"}), 3)


@pytest.fixture
async def store(settings: Settings, clock: FakeClock, database_target: str,
                tmp_path: Path) -> AsyncIterator[Store]:
    """A store whose documents go to the test's directory."""
    opened = await Store.open(database_target, settings.catalogue(), settings.calendar(),
                              clock=clock, files=DirectoryFileStore(tmp_path))
    yield opened
    await opened.close()


async def test_retention_deletes_the_rows_and_files_of_long_decided_applications(
        store: Store, clock: FakeClock, tmp_path: Path) -> None:
    application, _ = await store.applications.create("PBG", "Ni Made Ayu", staff_id=7)
    await store.followers.follow(application, 1001, 20)
    application = (await store.applications.change(application.number, Action.RETURN,
                                                   staff_id=7, public_note="Denah")).application
    await store.documents.hand_in(application, 1001, Upload("f", "u", "document",
                                                            "application/pdf", len(PDF)),
                                  PDF, RULES, forward_to=[], sender_name="N*****")
    await store.applications.change(application.number, Action.WITHDRAW, staff_id=7,
                                    public_note="Batal")
    clock.advance(days=364)
    await run_retention(store, 365)
    assert len(DirectoryFileStore(tmp_path).kept()) == 1
    clock.advance(days=2)
    await run_retention(store, 365)
    assert DirectoryFileStore(tmp_path).kept() == []
    assert await store.documents.for_application(application.id) == []
