"""Documents handed in: checks before and after download, one row per file, review, deletion."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from office.settings import Settings
from storage.documents import DocumentRules, Upload
from storage.errors import DocumentDuplicate, DocumentRefused, DocumentReviewed
from storage.files import DirectoryFileStore
from storage.models import Application
from storage.store import Store
from storage.workflow import RETURNED, Action
from tests.conftest import FakeClock

STAFF = 7
CHAT = 1001
GROUP = -4001
PDF = b"%PDF-1.7\n" + b"x" * 100
RULES = DocumentRules(frozenset({RETURNED}), 1000, frozenset({"application/pdf", "image/jpeg"}),
                      3)


@pytest.fixture
async def files(tmp_path: Path) -> DirectoryFileStore:
    """The file store in the test's own directory."""
    return DirectoryFileStore(tmp_path / "documents")


@pytest.fixture
async def store(settings: Settings, clock: FakeClock, database_target: str,
                files: DirectoryFileStore) -> AsyncIterator[Store]:
    """A fresh store whose documents go to the test's directory."""
    opened = await Store.open(database_target, settings.catalogue(), settings.calendar(),
                              prefix=settings.office.registration_prefix, clock=clock,
                              files=files)
    yield opened
    await opened.close()


def upload(unique: str = "u1", mime: str = "application/pdf", size: int = len(PDF)) -> Upload:
    """A file as Telegram describes it."""
    return Upload(f"file-{unique}", unique, "document", mime, size)


async def returned(store: Store, chat: int = CHAT) -> Application:
    """A followed application returned for completion."""
    application, _ = await store.applications.create("PBG", "Ni Made Ayu", staff_id=STAFF)
    await store.followers.follow(application, chat, 20)
    change = await store.applications.change(application.number, Action.RETURN,
                                             staff_id=STAFF, public_note="Denah belum ada")
    return change.application


async def hand_in(store: Store, application: Application, given: Upload | None = None,
                  data: bytes = PDF) -> int:
    """Hand in a PDF; returns the document's id."""
    document = await store.documents.hand_in(application, CHAT, given or upload(), data, RULES,
                                             forward_to=[GROUP], sender_name="N*****")
    return document.id


async def test_a_handed_in_file_is_kept_with_its_row_and_forwarded(
        store: Store, files: DirectoryFileStore) -> None:
    application = await returned(store)
    document = await store.documents.get(await hand_in(store, application))
    assert (document.application_id, document.chat_id, document.file_id, document.mime_type,
            document.size, document.sha256, document.status) == (
        application.id, CHAT, "file-u1", "application/pdf", len(PDF),
        hashlib.sha256(PDF).hexdigest(), "received")
    assert files.kept() == [document.storage_key]
    assert await files.open(document.storage_key) == PDF
    rows = await store.database.fetch_all(
        "SELECT chat_id, kind, event_key FROM outbox WHERE kind = 'document'")
    assert [tuple(row) for row in rows] == [(GROUP, "document", f"document:{document.id}")]


@pytest.mark.parametrize(("given", "data", "reason"), [
    (upload(mime="application/x-msdownload"), PDF, "type"),
    (upload(size=2 * 1024**3), PDF, "size"),
    (upload(), b"x" * 2000, "size"),
    (upload(), b"<html><script>", "type"),
    (upload(), b"PK\x03\x04", "type"),
    (upload(mime="image/jpeg"), PDF, "type"),
])
async def test_a_refused_file_leaves_no_row_and_no_file(
        store: Store, files: DirectoryFileStore, given: Upload, data: bytes,
        reason: str) -> None:
    application = await returned(store)
    with pytest.raises(DocumentRefused) as refused:
        await hand_in(store, application, given, data)
    assert refused.value.reason == reason
    assert await store.database.fetch_value("SELECT COUNT(*) FROM documents") == 0
    assert await store.database.fetch_value(
        "SELECT COUNT(*) FROM outbox WHERE kind = 'document'") == 0
    assert files.kept() == []


async def test_only_a_follower_of_an_application_at_an_allowed_stage(
        store: Store, files: DirectoryFileStore) -> None:
    application = await returned(store, chat=2002)
    with pytest.raises(DocumentRefused, match="not_follower"):
        await hand_in(store, application)
    await store.followers.follow(application, CHAT, 20)
    await store.applications.change(application.number, Action.ADVANCE, staff_id=STAFF)
    with pytest.raises(DocumentRefused, match="stage"):
        await hand_in(store, application)
    assert files.kept() == []


async def test_the_same_file_twice_is_one_row(store: Store, files: DirectoryFileStore) -> None:
    application = await returned(store)
    first = await hand_in(store, application)
    with pytest.raises(DocumentDuplicate) as duplicate:
        await hand_in(store, application)
    assert duplicate.value.document_id == first
    assert len(files.kept()) == 1


async def test_a_burst_cannot_pass_the_daily_limit(store: Store, files: DirectoryFileStore,
                                                   clock: FakeClock) -> None:
    application = await returned(store)
    outcomes = await asyncio.gather(*[hand_in(store, application, upload(f"u{n}"))
                                      for n in range(6)], return_exceptions=True)
    assert sum(isinstance(o, int) for o in outcomes) == 3
    assert {o.reason for o in outcomes if isinstance(o, DocumentRefused)} == {"limit"}
    assert len(files.kept()) == 3
    clock.advance(hours=24, minutes=1)
    await hand_in(store, application, upload("u9"))


async def test_accepting_resumes_a_returned_application_once(store: Store) -> None:
    application = await returned(store)
    document_id = await hand_in(store, application)
    reviewed = await store.documents.review(document_id, accept=True, staff_id=STAFF)
    assert (reviewed.resumed, reviewed.document.status, reviewed.application.stage) == (
        True, "accepted", "document_check")
    with pytest.raises(DocumentReviewed):
        await store.documents.review(document_id, accept=False, staff_id=STAFF, note="x")
    history = await store.applications.history(application.id)
    assert history[-1].action == "advance"


async def test_asking_again_tells_only_the_sender(store: Store) -> None:
    application = await returned(store)
    await store.followers.follow(application, 3003, 20)
    document_id = await hand_in(store, application)
    reviewed = await store.documents.review(document_id, accept=False, staff_id=STAFF,
                                            note="Halaman 2 buram")
    assert (reviewed.resumed, reviewed.document.status, reviewed.document.review_note) == (
        False, "again", "Halaman 2 buram")
    rows = await store.database.fetch_all(
        "SELECT chat_id, payload FROM outbox WHERE kind = 'document_review'")
    assert [row[0] for row in rows] == [CHAT]
    assert (await store.applications.get(application.number)).stage == RETURNED


async def test_forget_chat_deletes_rows_files_and_unsent_forwards(
        store: Store, files: DirectoryFileStore) -> None:
    application = await returned(store)
    await hand_in(store, application)
    await store.document_choices.offer(CHAT, upload("u2"), timedelta(minutes=5))
    assert await store.documents.forget_chat(CHAT) == 1
    assert files.kept() == []
    assert await store.database.fetch_value("SELECT COUNT(*) FROM documents") == 0
    assert await store.database.fetch_value("SELECT COUNT(*) FROM document_choices") == 0
    assert await store.database.fetch_value(
        "SELECT status FROM outbox WHERE kind = 'document'") == "dropped"


async def test_retention_deletes_documents_of_long_decided_applications(
        store: Store, files: DirectoryFileStore, clock: FakeClock) -> None:
    application = await returned(store)
    await hand_in(store, application)
    await store.applications.change(application.number, Action.REJECT, staff_id=STAFF,
                                    public_note="Tidak lengkap")
    assert await store.documents.purge_decided(clock() - timedelta(days=1)) == 0
    clock.advance(days=2)
    assert await store.documents.purge_decided(clock() - timedelta(days=1)) == 1
    assert files.kept() == []


async def test_a_choice_is_taken_once_by_its_own_chat_before_it_expires(
        store: Store, clock: FakeClock) -> None:
    choice = await store.document_choices.offer(CHAT, upload(), timedelta(minutes=5))
    with pytest.raises(DocumentRefused, match="expired"):
        await store.document_choices.take(choice, 2002)
    assert await store.document_choices.take(choice, CHAT) == upload()
    with pytest.raises(DocumentRefused, match="expired"):
        await store.document_choices.take(choice, CHAT)
    late = await store.document_choices.offer(CHAT, upload(), timedelta(minutes=5))
    clock.advance(minutes=6)
    with pytest.raises(DocumentRefused, match="expired"):
        await store.document_choices.take(late, CHAT)
    for n in range(10):
        await store.document_choices.offer(CHAT, upload(f"c{n}"), timedelta(minutes=5))
    with pytest.raises(DocumentRefused, match="choices"):
        await store.document_choices.offer(CHAT, upload(), timedelta(minutes=5))
