"""The store: one database connection and the repositories that read and write through it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path

from storage.applications import Applications
from storage.attempts import Attempts
from storage.audit import AuditLog
from storage.clock import Clock, system_clock
from storage.conversations import Conversations
from storage.database import Database
from storage.document_choices import DocumentChoices
from storage.documents import Documents
from storage.engines import open_database
from storage.estimates import Estimates
from storage.fees import Fees
from storage.files import DirectoryFileStore, FileStore
from storage.followers import Followers
from storage.leases import Leases
from storage.outbox import Outbox
from storage.pickups import Pickups
from storage.questions import Questions
from storage.receipts import Receipts
from storage.staff import StaffRoster
from storage.surveys import Surveys
from storage.undo import Undo
from storage.workdays import WorkingCalendar
from storage.workflow import Catalogue
from storage.worklists import Worklists

log = logging.getLogger(__name__)


class Store:
    """Everything the bot keeps, behind one long-lived connection."""

    def __init__(self, database: Database, catalogue: Catalogue, calendar: WorkingCalendar, *,
                 prefix: str = "JBR", default_language: str = "id",
                 clock: Clock = system_clock, files: FileStore | None = None) -> None:
        self.database = database
        self.catalogue = catalogue
        self.calendar = calendar
        self.clock = clock
        self._outbox_listeners: list[Callable[[], None]] = []
        self._notifying: set[asyncio.Task[None]] = set()
        self.applications = Applications(database, catalogue, calendar, prefix, clock,
                                         self._outbox_changed)
        self.followers = Followers(database, clock, default_language)
        self.staff = StaffRoster(database, clock)
        self.outbox = Outbox(database, clock, self._outbox_changed)
        self.worklists = Worklists(database)
        self.attempts = Attempts(database, clock)
        self.receipts = Receipts(database, self.applications, clock, self._outbox_changed)
        self.audit = AuditLog(database)
        self.undo = Undo(database, clock, self._outbox_changed)
        self.fees = Fees(database, self.applications, clock, self._outbox_changed)
        self.estimates = Estimates(database, catalogue, calendar, clock)
        self.pickups = Pickups(database, self.applications, clock, self._outbox_changed)
        self.surveys = Surveys(database, clock, self._outbox_changed, calendar.local_date)
        self.questions = Questions(database, clock, self._outbox_changed)
        self.files = files or DirectoryFileStore(Path("documents"))
        self.documents = Documents(database, self.applications, clock, self._outbox_changed,
                                   self.files)
        self.document_choices = DocumentChoices(database, clock)
        self.conversations = Conversations(database, clock)
        self.leases = Leases(database, clock)

    @classmethod
    async def open(cls, path: str | Path, catalogue: Catalogue, calendar: WorkingCalendar, *,
                   prefix: str = "JBR", default_language: str = "id",
                   clock: Clock = system_clock, password: str | None = None,
                   files: FileStore | None = None) -> Store:
        """Open the database at `path` (a file or a URL), applying migrations; documents go
        to `files`."""
        database = await open_database(path, password=password)
        return cls(database, catalogue, calendar, prefix=prefix,
                   default_language=default_language, clock=clock, files=files)

    async def close(self) -> None:
        """Close the connection (once the last notifications went out)."""
        if self._notifying:
            await asyncio.gather(*self._notifying)
        await self.database.close()

    def on_outbox(self, listener: Callable[[], None]) -> None:
        """Call `listener` after every commit that queued messages (wakes the dispatcher)."""
        self._outbox_listeners.append(listener)

    def _outbox_changed(self) -> None:
        for listener in self._outbox_listeners:
            listener()
        if self.database.dialect == "postgresql":
            # The sender may be another process: wake it too (storage/listening.py).
            task = asyncio.get_running_loop().create_task(self._notify())
            self._notifying.add(task)
            task.add_done_callback(self._notifying.discard)

    async def _notify(self) -> None:
        try:
            await self.database.notify_outbox()
        except Exception as error:  # the sender's periodic sweep finds the rows anyway
            log.warning("could not notify other processes of new outbox rows (%s)", error)

    async def get_meta(self, key: str) -> str | None:
        """A small piece of operational state (last digest run, last contact…)."""
        value = await self.database.fetch_value("SELECT value FROM meta WHERE key = ?", (key,))
        return None if value is None else str(value)

    async def set_meta(self, key: str, value: str) -> None:
        """Remember a small piece of operational state."""
        async with self.database.transaction() as conn:
            await conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))
