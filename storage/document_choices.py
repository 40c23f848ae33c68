"""A file waiting for its chat to say which application it is for.

Kept in the database, not in a process's memory, so whichever bot process gets the button
press finds it. A choice is taken at most once (deleted as it is read), only by its own chat,
and only before it expires; a chat keeps at most MAX_WAITING of them.
"""

from __future__ import annotations

from datetime import timedelta

from storage.clock import Clock, to_timestamp
from storage.database import Database
from storage.documents import Upload
from storage.errors import DocumentRefused

MAX_WAITING = 10  # an album holds at most ten files


class DocumentChoices:
    """Files waiting for the choice of an application."""

    def __init__(self, database: Database, clock: Clock) -> None:
        self.database = database
        self.clock = clock

    async def offer(self, chat_id: int, upload: Upload, expires_in: timedelta) -> int:
        """Keep the file's description until the chat chooses; returns the choice's id."""
        now = self.clock()
        async with self.database.transaction() as conn:
            await conn.execute("DELETE FROM document_choices WHERE chat_id = ? AND expires_at < ?",
                               (chat_id, to_timestamp(now)))
            waiting = await conn.fetch_value(
                "SELECT COUNT(*) FROM document_choices WHERE chat_id = ?", (chat_id,), 0)
            if int(waiting) >= MAX_WAITING:
                raise DocumentRefused("choices", limit=MAX_WAITING)
            return await conn.insert(
                "INSERT INTO document_choices (chat_id, file_id, file_unique_id, kind, "
                "mime_type, size, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (chat_id, upload.file_id, upload.file_unique_id, upload.kind, upload.mime_type,
                 upload.size, to_timestamp(now + expires_in)))

    async def take(self, choice_id: int, chat_id: int) -> Upload:
        """The file waiting under `choice_id` for this chat, removed; DocumentRefused("expired")
        when it is not there (taken already, expired, or another chat's)."""
        async with self.database.transaction() as conn:
            rows = await conn.fetch_all(
                "DELETE FROM document_choices WHERE id = ? AND chat_id = ? AND expires_at >= ? "
                "RETURNING file_id, file_unique_id, kind, mime_type, size",
                (choice_id, chat_id, to_timestamp(self.clock())))
        if not rows:
            raise DocumentRefused("expired")
        row = rows[0]
        return Upload(str(row[0]), str(row[1]), str(row[2]), str(row[3]), int(row[4]))
