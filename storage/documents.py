"""Documents applicants hand in by chat: the checks, the row, the forward to staff, the review.

A file is taken only from a chat that follows the application, while the application is at a
stage the office allows (returned for completion, by default), within the size, type and daily
limits. The checks run twice: before the download (nothing fetched for a refused file) and again
inside the transaction that writes the row, under a lock on the application, so a burst of
uploads (an album) cannot pass the daily limit. The bytes go to the file store first; if the
row is then refused, they are deleted again: a refused file leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.applications import Applications, record_audit
from storage.clock import Clock, from_timestamp, optional_from_timestamp, to_timestamp
from storage.database import Database, Transaction
from storage.errors import DocumentDuplicate, DocumentRefused, DocumentReviewed
from storage.files import FileStore, sniff
from storage.models import Application
from storage.workflow import RETURNED, Action

_COLUMNS = ("id, application_id, chat_id, file_id, file_unique_id, kind, mime_type, size, "
            "sha256, storage_key, received_at, status, reviewed_by, reviewed_at, review_note")
DAY = timedelta(days=1)


@dataclass(frozen=True)
class DocumentRules:
    """What the office takes: at which stages, how big, which types, how many a day."""

    stages: frozenset[str]
    max_bytes: int
    types: frozenset[str]
    per_day: int


@dataclass(frozen=True)
class Upload:
    """A file as Telegram describes it, before its bytes are fetched."""

    file_id: str
    file_unique_id: str
    kind: str  # "photo" or "document"
    mime_type: str  # as claimed (a photo is always JPEG)
    size: int  # as claimed; 0 when Telegram did not say


@dataclass(frozen=True)
class Document:
    """A document handed in for an application."""

    id: int
    application_id: int
    chat_id: int
    file_id: str
    file_unique_id: str
    kind: str
    mime_type: str
    size: int
    sha256: str
    storage_key: str
    received_at: datetime
    status: str  # received, accepted, again
    reviewed_by: int | None
    reviewed_at: datetime | None
    review_note: str


@dataclass(frozen=True)
class Reviewed:
    """A review's outcome: the document, its application as it is now, whether it resumed."""

    document: Document
    application: Application
    resumed: bool


def _document(row: Sequence[object]) -> Document:
    values = list(row)
    return Document(int(str(values[0])), int(str(values[1])), int(str(values[2])),
                    str(values[3]), str(values[4]), str(values[5]), str(values[6]),
                    int(str(values[7])), str(values[8]), str(values[9]),
                    from_timestamp(float(str(values[10]))), str(values[11]),
                    None if values[12] is None else int(str(values[12])),
                    optional_from_timestamp(None if values[13] is None
                                            else float(str(values[13]))),
                    str(values[14]))


def too_large(rules: DocumentRules) -> DocumentRefused:
    """The refusal of a file over the size limit, saying the limit in megabytes."""
    return DocumentRefused("size", megabytes=f"{rules.max_bytes / (1024 * 1024):g}")


def check_upload(upload: Upload, rules: DocumentRules) -> None:
    """Refuse by what Telegram says, before anything is downloaded."""
    if upload.mime_type not in rules.types:
        raise DocumentRefused("type")
    if upload.size > rules.max_bytes:
        raise too_large(rules)


class Documents:
    """Handing in, listing, reviewing and deleting documents."""

    def __init__(self, database: Database, applications: Applications, clock: Clock,
                 on_outbox: Callable[[], None], files: FileStore) -> None:
        self.database = database
        self.applications = applications
        self.clock = clock
        self.files = files
        self._on_outbox = on_outbox

    async def targets(self, chat_id: int, stages: frozenset[str]) -> list[Application]:
        """The applications this chat follows that take documents now, by number."""
        if not stages:
            return []
        marks = ", ".join("?" for _ in stages)
        rows = await self.database.fetch_all(
            f"SELECT a.id FROM applications a JOIN followers f ON f.application_id = a.id "
            f"WHERE f.chat_id = ? AND a.stage IN ({marks}) ORDER BY a.number",
            (chat_id, *sorted(stages)))
        return [await self.applications.get_by_id(int(row[0])) for row in rows]

    async def check(self, application: Application, chat_id: int, upload: Upload,
                    rules: DocumentRules) -> None:
        """Every refusal that needs no download: type, size, follower, stage, repeat, limit."""
        check_upload(upload, rules)
        async with self.database.transaction() as conn:
            await self._admissible(conn, application, chat_id, upload, rules)

    async def hand_in(self, application: Application, chat_id: int, upload: Upload,
                      data: bytes, rules: DocumentRules, *, forward_to: Sequence[int],
                      sender_name: str) -> Document:
        """Keep the downloaded file and its row, and queue its forward to `forward_to`.

        `sender_name` (already masked) rides on the forward for staff to read.
        """
        check_upload(upload, rules)
        if len(data) > rules.max_bytes:
            raise too_large(rules)
        if sniff(data) != upload.mime_type:
            raise DocumentRefused("type")
        key = await self.files.put(data, upload.mime_type)
        now = self.clock()
        try:
            async with self.database.transaction() as conn:
                await self._admissible(conn, application, chat_id, upload, rules)
                document_id = await conn.insert(
                    "INSERT INTO documents (application_id, chat_id, file_id, file_unique_id, "
                    "kind, mime_type, size, sha256, storage_key, received_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (application.id, chat_id, upload.file_id, upload.file_unique_id,
                     upload.kind, upload.mime_type, len(data),
                     hashlib.sha256(data).hexdigest(), key, to_timestamp(now)))
                payload = json.dumps({"document_id": document_id, "kind": upload.kind,
                                      "file_id": upload.file_id, "name": sender_name,
                                      "mime_type": upload.mime_type, "size": len(data)})
                await conn.execute_many(
                    "INSERT INTO outbox (event_key, chat_id, kind, application_id, payload, "
                    "status, next_attempt_at, created_at) "
                    "VALUES (?, ?, 'document', ?, ?, 'pending', ?, ?) ON CONFLICT DO NOTHING",
                    [(f"document:{document_id}", staff_chat, application.id, payload,
                      to_timestamp(now), to_timestamp(now)) for staff_chat in forward_to])
        except BaseException:
            await self.files.delete(key)
            raise
        if forward_to:
            self._on_outbox()
        return await self.get(document_id)

    async def _admissible(self, conn: Transaction, application: Application, chat_id: int,
                          upload: Upload, rules: DocumentRules) -> None:
        # The lock makes every hand-in for one application wait its turn on PostgreSQL, so
        # the count below is not read by two at once; SQLite writes one at a time anyway.
        lock = " FOR UPDATE" if conn.dialect == "postgresql" else ""
        stage = await conn.fetch_value(
            f"SELECT stage FROM applications WHERE id = ?{lock}", (application.id,))
        if not await conn.fetch_value(
                "SELECT COUNT(*) FROM followers WHERE application_id = ? AND chat_id = ?",
                (application.id, chat_id), 0):
            raise DocumentRefused("not_follower", number=application.number)
        if stage not in rules.stages:
            raise DocumentRefused("stage", number=application.number, stage=str(stage),
                                  permit_type=self.applications.catalogue.get(
                                      application.permit_type))
        earlier = await conn.fetch_value(
            "SELECT id FROM documents WHERE application_id = ? AND file_unique_id = ?",
            (application.id, upload.file_unique_id))
        if earlier is not None:
            raise DocumentDuplicate(application.number, int(earlier))
        today = await conn.fetch_value(
            "SELECT COUNT(*) FROM documents WHERE application_id = ? AND received_at > ?",
            (application.id, to_timestamp(self.clock() - DAY)), 0)
        if int(today) >= rules.per_day:
            raise DocumentRefused("limit", number=application.number, limit=rules.per_day)

    async def get(self, document_id: int) -> Document:
        """One document by id (DocumentRefused("gone") if it was deleted)."""
        row = await self.database.fetch_one(
            f"SELECT {_COLUMNS} FROM documents WHERE id = ?", (document_id,))
        if row is None:
            raise DocumentRefused("gone")
        return _document(list(row))

    async def for_application(self, application_id: int) -> list[Document]:
        """The application's documents, oldest first."""
        rows = await self.database.fetch_all(
            f"SELECT {_COLUMNS} FROM documents WHERE application_id = ? ORDER BY id",
            (application_id,))
        return [_document(list(row)) for row in rows]

    async def review(self, document_id: int, *, accept: bool, staff_id: int,
                     note: str = "") -> Reviewed:
        """Accept the document (an application returned for completion resumes, its followers
        told through the usual stage notice) or ask for it again with `note` (the sender is
        told). Either at most once per document."""
        document = await self.get(document_id)
        if document.status != "received":
            raise DocumentReviewed(document.id, document.status)
        application = await self.applications.get_by_id(document.application_id)
        status = "accepted" if accept else "again"

        async def mark(conn: Transaction, before: Application, now: datetime) -> None:
            changed = await conn.execute(
                "UPDATE documents SET status = ?, reviewed_by = ?, reviewed_at = ?, "
                "review_note = ? WHERE id = ? AND status = 'received'",
                (status, staff_id, to_timestamp(now), note, document.id))
            if not changed:
                raise DocumentReviewed(document.id, status)
            await record_audit(conn, staff_id, f"document_{status}", before.id,
                               {"document": document.id, "note": note}, now)

        if accept and application.stage == RETURNED:
            change = await self.applications.change(
                application.number, Action.ADVANCE, staff_id=staff_id,
                expected_stage=RETURNED, along_with=mark)
            return Reviewed(await self.get(document.id), change.application, True)
        now = self.clock()
        async with self.database.transaction() as conn:
            await mark(conn, application, now)
            # Only the chat that sent it hears, and only if it still talks to the bot.
            queued = await conn.fetch_all(
                "INSERT INTO outbox (event_key, chat_id, kind, application_id, payload, status, "
                "next_attempt_at, created_at) SELECT ?, chat_id, 'document_review', ?, ?, "
                "CASE WHEN blocked <> 0 THEN 'paused' ELSE 'pending' END, ?, ? "
                "FROM chats WHERE chat_id = ? ON CONFLICT DO NOTHING RETURNING status",
                (f"document_review:{document.id}", application.id,
                 json.dumps({"document_id": document.id, "status": status, "note": note}),
                 to_timestamp(now), to_timestamp(now), document.chat_id))
        if any(row[0] == "pending" for row in queued):
            self._on_outbox()
        return Reviewed(await self.get(document.id), application, False)

    async def forget_chat(self, chat_id: int) -> int:
        """Delete every document the chat handed in (rows and files) and its pending choices;
        forwards not yet sent to staff are dropped. Returns how many documents."""
        async with self.database.transaction() as conn:
            rows = await conn.fetch_all(
                "SELECT id, storage_key FROM documents WHERE chat_id = ?", (chat_id,))
            await self._drop(conn, [int(row[0]) for row in rows])
            await conn.execute("DELETE FROM document_choices WHERE chat_id = ?", (chat_id,))
        for row in rows:
            await self.files.delete(str(row[1]))
        return len(rows)

    async def purge_decided(self, cutoff: datetime) -> int:
        """Delete the documents of applications decided before `cutoff` (the retention rule),
        and choices that expired; returns how many documents."""
        async with self.database.transaction() as conn:
            rows = await conn.fetch_all(
                "SELECT d.id, d.storage_key FROM documents d JOIN applications a "
                "ON a.id = d.application_id WHERE a.decided_at IS NOT NULL "
                "AND a.decided_at < ?", (to_timestamp(cutoff),))
            await self._drop(conn, [int(row[0]) for row in rows])
            await conn.execute("DELETE FROM document_choices WHERE expires_at < ?",
                               (to_timestamp(self.clock()),))
        for row in rows:
            await self.files.delete(str(row[1]))
        return len(rows)

    @staticmethod
    async def _drop(conn: Transaction, ids: list[int]) -> None:
        for document_id in ids:
            await conn.execute(
                "UPDATE outbox SET status = 'dropped' WHERE event_key IN (?, ?) "
                "AND status IN ('pending', 'paused', 'sending')",
                (f"document:{document_id}", f"document_review:{document_id}"))
            await conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))
