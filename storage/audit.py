"""Reading the audit trail (rows are written inside each change's transaction)."""

from __future__ import annotations

from storage.database import Database
from storage.models import AuditEntry
from storage.rows import audit_from


class AuditLog:
    """Who did what to which application."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def for_application(self, application_id: int, limit: int = 50) -> list[AuditEntry]:
        """The latest audit rows of one application, oldest first."""
        rows = await self.database.fetch_all(
            "SELECT * FROM (SELECT u.*, s.name AS staff_name, a.number FROM audit u "
            "LEFT JOIN staff s ON s.user_id = u.staff_id "
            "LEFT JOIN applications a ON a.id = u.application_id "
            "WHERE u.application_id = ? ORDER BY u.id DESC LIMIT ?) AS latest ORDER BY id",
            (application_id, limit))
        return [audit_from(row) for row in rows]

    async def latest(self, limit: int = 50) -> list[AuditEntry]:
        """The latest audit rows of the whole office, oldest first."""
        rows = await self.database.fetch_all(
            "SELECT * FROM (SELECT u.*, s.name AS staff_name, a.number FROM audit u "
            "LEFT JOIN staff s ON s.user_id = u.staff_id "
            "LEFT JOIN applications a ON a.id = u.application_id "
            "ORDER BY u.id DESC LIMIT ?) AS latest ORDER BY id", (limit,))
        return [audit_from(row) for row in rows]
