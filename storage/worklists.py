"""The staff's views over many applications: queue, overdue list and search."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from storage.clock import to_timestamp
from storage.database import Database
from storage.models import Application
from storage.numbers import normalise_number
from storage.rows import APPLICATION_COLUMNS, application_from


class Worklists:
    """Read-only lists of applications for staff."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def queue(self, stage: str | None = None, limit: int = 30) -> list[Application]:
        """Open applications, longest in their stage first, optionally at one stage."""
        where, params = ("AND a.stage = ?", (stage,)) if stage else ("", ())
        rows = await self.database.fetch_all(
            f"SELECT {APPLICATION_COLUMNS} FROM applications a WHERE a.decided_at IS NULL {where} "
            "ORDER BY a.stage_entered_at, a.id LIMIT ?", (*params, limit))
        return [application_from(row) for row in rows]

    async def count_open(self, stage: str | None = None) -> int:
        """How many open applications there are (at one stage, if given)."""
        where, params = ("AND stage = ?", (stage,)) if stage else ("", ())
        return int(await self.database.fetch_value(
            f"SELECT COUNT(*) FROM applications WHERE decided_at IS NULL {where}", params, 0))

    async def overdue(self, now: datetime, limit: int = 30,
                      waiting: Collection[str] = ()) -> list[Application]:
        """Open applications past their due date, most overdue first.

        `waiting` lists `PERMIT:stage` pairs that wait on the applicant: the office's clock is
        stopped there, so they are not overdue.
        """
        clause, params = _excluding(waiting)
        rows = await self.database.fetch_all(
            f"SELECT {APPLICATION_COLUMNS} FROM applications a "
            f"WHERE a.decided_at IS NULL AND a.due_at < ? {clause} ORDER BY a.due_at, a.id "
            "LIMIT ?", (to_timestamp(now), *params, limit))
        return [application_from(row) for row in rows]

    async def count_overdue(self, now: datetime, waiting: Collection[str] = ()) -> int:
        """How many open applications are past their due date (waits excluded)."""
        clause, params = _excluding(waiting)
        return int(await self.database.fetch_value(
            f"SELECT COUNT(*) FROM applications a WHERE a.decided_at IS NULL AND a.due_at < ? "
            f"{clause}", (to_timestamp(now), *params), 0))

    async def waiting_since(self, before: datetime, waiting: Collection[str],
                            limit: int = 1000) -> list[Application]:
        """Open applications waiting on the applicant since before the given moment."""
        if not waiting:
            return []
        marks = ", ".join("?" for _ in waiting)
        rows = await self.database.fetch_all(
            f"SELECT {APPLICATION_COLUMNS} FROM applications a WHERE a.decided_at IS NULL "
            f"AND a.permit_type || ':' || a.stage IN ({marks}) AND a.stage_entered_at < ? "
            "ORDER BY a.stage_entered_at LIMIT ?", (*waiting, to_timestamp(before), limit))
        return [application_from(row) for row in rows]

    async def awaiting_reminder(self, before: datetime, waiting: Collection[str],
                                limit: int = 500) -> list[Application]:
        """Followed applications waiting on the applicant since before the moment, whose
        current wait has had no reminder (event key `reminder:<id>:<entered, whole seconds>`)."""
        if not waiting:
            return []
        marks = ", ".join("?" for _ in waiting)
        rows = await self.database.fetch_all(
            f"SELECT {APPLICATION_COLUMNS} FROM applications a WHERE a.decided_at IS NULL "
            f"AND a.permit_type || ':' || a.stage IN ({marks}) AND a.stage_entered_at < ? "
            "AND EXISTS (SELECT 1 FROM followers f WHERE f.application_id = a.id) "
            "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.event_key = 'reminder:' || a.id "
            "|| ':' || CAST(a.stage_entered_at AS INTEGER)) "
            "ORDER BY a.stage_entered_at LIMIT ?", (*waiting, to_timestamp(before), limit))
        return [application_from(row) for row in rows]

    async def awaiting_overdue_notice(self, now: datetime, waiting: Collection[str],
                                      limit: int = 500) -> list[Application]:
        """Followed overdue applications (waits excluded) not yet given their overdue notice."""
        clause, params = _excluding(waiting)
        rows = await self.database.fetch_all(
            f"SELECT {APPLICATION_COLUMNS} FROM applications a "
            f"WHERE a.decided_at IS NULL AND a.due_at < ? {clause} "
            "AND EXISTS (SELECT 1 FROM followers f WHERE f.application_id = a.id) "
            "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.event_key = 'overdue:' || a.id) "
            "ORDER BY a.due_at, a.id LIMIT ?", (to_timestamp(now), *params, limit))
        return [application_from(row) for row in rows]

    async def due_between(self, start: datetime, end: datetime,
                          limit: int = 30) -> list[Application]:
        """Open applications due in [start, end), soonest first."""
        rows = await self.database.fetch_all(
            f"SELECT {APPLICATION_COLUMNS} FROM applications a WHERE a.decided_at IS NULL "
            "AND a.due_at >= ? AND a.due_at < ? ORDER BY a.due_at LIMIT ?",
            (to_timestamp(start), to_timestamp(end), limit))
        return [application_from(row) for row in rows]

    async def created_between(self, start: datetime, end: datetime,
                              limit: int = 30) -> list[Application]:
        """Applications registered in [start, end), oldest first."""
        rows = await self.database.fetch_all(
            f"SELECT {APPLICATION_COLUMNS} FROM applications a "
            "WHERE a.created_at >= ? AND a.created_at < ? ORDER BY a.created_at LIMIT ?",
            (to_timestamp(start), to_timestamp(end), limit))
        return [application_from(row) for row in rows]

    async def find(self, text: str, limit: int = 20) -> list[Application]:
        """Applications whose number or applicant name contains the text (any case)."""
        number = normalise_number(text)
        if number:
            rows = await self.database.fetch_all(
                f"SELECT {APPLICATION_COLUMNS} FROM applications a WHERE a.number = ?", (number,))
            if rows:
                return [application_from(row) for row in rows]
        pattern = _contains(text)
        rows = await self.database.fetch_all(
            f"SELECT {APPLICATION_COLUMNS} FROM applications a "
            "WHERE a.number LIKE ? ESCAPE '\\' OR a.applicant_name LIKE ? ESCAPE '\\' "
            "ORDER BY a.created_at DESC LIMIT ?", (pattern, pattern, limit))
        return [application_from(row) for row in rows]

    async def search(self, text: str, limit: int = 20) -> tuple[list[Application], int]:
        """`find`, and how many there are in all (counted only when the limit was reached)."""
        found = await self.find(text, limit)
        return found, len(found) if len(found) < limit else await self.count_found(text)

    async def count_found(self, text: str) -> int:
        """How many applications `find` would list without a limit."""
        number = normalise_number(text)
        if number and await self.database.fetch_one(
                "SELECT 1 FROM applications WHERE number = ?", (number,)):
            return 1
        pattern = _contains(text)
        return int(await self.database.fetch_value(
            "SELECT COUNT(*) FROM applications a WHERE a.number LIKE ? ESCAPE '\\' "
            "OR a.applicant_name LIKE ? ESCAPE '\\'", (pattern, pattern), 0))


def _contains(text: str) -> str:
    """A LIKE pattern matching any value that contains the text (wildcards taken literally)."""
    return "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace(
        "_", "\\_") + "%"


def _excluding(pairs: Collection[str]) -> tuple[str, tuple[str, ...]]:
    """A WHERE fragment leaving out applications at the given `PERMIT:stage` pairs."""
    if not pairs:
        return "", ()
    marks = ", ".join("?" for _ in pairs)
    return f"AND a.permit_type || ':' || a.stage NOT IN ({marks})", tuple(pairs)
