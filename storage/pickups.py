"""Pickups: whether an issued permit was collected, and the one reminder when it was not.

A permit waits at the counter; after N working days its followers are reminded once (the
reminder and its outbox rows commit together), and `/collected` by staff ends the matter.
"""

from __future__ import annotations

from datetime import datetime

from storage.applications import enqueue_for_followers, record_audit
from storage.clock import optional_from_timestamp, to_timestamp
from storage.errors import NotIssued
from storage.models import Application
from storage.repository import ApplicationRepository
from storage.rows import APPLICATION_COLUMNS, application_from
from storage.workflow import ISSUED


class Pickups(ApplicationRepository):
    """Collection of issued permits."""

    async def awaiting_reminder(self, issued_before: datetime, limit: int) -> list[Application]:
        """Issued before the moment, neither collected nor reminded yet; oldest first."""
        rows = await self.database.fetch_all(
            f"SELECT {APPLICATION_COLUMNS} FROM applications a "
            "LEFT JOIN pickups p ON p.application_id = a.id "
            "WHERE a.stage = ? AND a.decided_at <= ? AND p.reminded_at IS NULL "
            "AND p.collected_at IS NULL ORDER BY a.decided_at LIMIT ?",
            (ISSUED, to_timestamp(issued_before), limit))
        return [application_from(row) for row in rows]

    async def remind(self, application: Application) -> int:
        """Queue the reminder for the followers and note that it was sent, together."""
        now = self.clock()
        async with self.database.transaction() as conn:
            queued = await enqueue_for_followers(conn, f"collect:{application.id}",
                                                 "collect_reminder", application.id, None, now)
            await conn.execute(
                "INSERT INTO pickups (application_id, reminded_at) VALUES (?, ?) "
                "ON CONFLICT (application_id) DO UPDATE SET reminded_at = excluded.reminded_at",
                (application.id, to_timestamp(now)))
        if queued:
            self._on_outbox()
        return queued

    async def collected(self, number: str, *, staff_id: int) -> Application:
        """Staff saw the permit collected: no reminder will go out."""
        application = await self.applications.get(number)
        if application.stage != ISSUED:
            raise NotIssued(application.number, application.stage,
                            self.applications.catalogue.get(application.permit_type))
        now = self.clock()
        async with self.database.transaction() as conn:
            await conn.execute(
                "INSERT INTO pickups (application_id, collected_at, collected_by) VALUES (?, ?, ?) "
                "ON CONFLICT (application_id) DO UPDATE SET collected_at = excluded.collected_at, "
                "collected_by = excluded.collected_by",
                (application.id, to_timestamp(now), staff_id))
            await record_audit(conn, staff_id, "collected", application.id, {}, now)
        return application

    async def collected_at(self, application_id: int) -> datetime | None:
        """When the permit was collected, or None."""
        value = await self.database.fetch_value(
            "SELECT collected_at FROM pickups WHERE application_id = ?", (application_id,))
        return optional_from_timestamp(None if value is None else float(value))
