"""The staff's views over many applications: queue, overdue list and search."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import datetime

from storage.clock import to_timestamp
from storage.database import Database
from storage.models import Application
from storage.numbers import normalise_number
from storage.rows import APPLICATION_COLUMNS, application_from

# A phone number as typed: digits with spaces, dashes, dots, brackets, perhaps a leading `+`.
_PHONE = re.compile(r"^\s*\+?[0-9\s\-.()]+$")
MIN_PHONE_DIGITS = 4
# The contact with the usual phone separators taken out (REPLACE reads the same on SQLite and
# PostgreSQL). A search contains-matches, which no index serves, so it reads every row, as the
# name search always did: run apart from the bot (storage/reading.py) and with a LIMIT. On
# 300,000 applications one pass of this expression takes ~0.4 s, so it is evaluated once per
# row wherever it can be (see `_matching`).
# A `+` needs no stripping: `+62812…` contains `62812…` as it is.
_CONTACT_DIGITS = ("REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(a.contact, ' ', ''), '-', ''), "
                   "'.', ''), '(', ''), ')', '')")


class Worklists:
    """Read-only lists of applications for staff."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def queue(self, stage: str | None = None, limit: int = 30,
                    waiting: Collection[str] = ()) -> list[Application]:
        """Open applications, longest in their stage first, optionally at one stage; those
        at `waiting` (`PERMIT:stage` pairs that wait on the applicant) after the office's own
        work. Two reads, each in index order and stopped at its LIMIT."""
        where, params = ("AND a.stage = ?", (stage,)) if stage else ("", ())
        select = (f"SELECT {APPLICATION_COLUMNS} FROM applications a "
                  f"WHERE a.decided_at IS NULL {where} ")
        order = "ORDER BY a.stage_entered_at, a.id LIMIT ?"
        excluded, pairs = _excluding(waiting)
        rows = await self.database.fetch_all(f"{select}{excluded} {order}",
                                             (*params, *pairs, limit))
        if waiting and len(rows) < limit:
            marks = ", ".join("?" for _ in waiting)
            rows += await self.database.fetch_all(
                f"{select}AND a.permit_type || ':' || a.stage IN ({marks}) {order}",
                (*params, *waiting, limit - len(rows)))
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
            "ORDER BY a.stage_entered_at, a.id LIMIT ?", (*waiting, to_timestamp(before), limit))
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
            "ORDER BY a.stage_entered_at, a.id LIMIT ?", (*waiting, to_timestamp(before), limit))
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
            "AND a.due_at >= ? AND a.due_at < ? ORDER BY a.due_at, a.id LIMIT ?",
            (to_timestamp(start), to_timestamp(end), limit))
        return [application_from(row) for row in rows]

    async def created_between(self, start: datetime, end: datetime,
                              limit: int = 30) -> list[Application]:
        """Applications registered in [start, end), oldest first."""
        rows = await self.database.fetch_all(
            f"SELECT {APPLICATION_COLUMNS} FROM applications a "
            "WHERE a.created_at >= ? AND a.created_at < ? ORDER BY a.created_at, a.id LIMIT ?",
            (to_timestamp(start), to_timestamp(end), limit))
        return [application_from(row) for row in rows]

    async def registered_alike(self, permit_type: str, name: str, since: datetime,
                               limit: int = 5) -> list[Application]:
        """Applications of that permit type registered since the moment under the same name,
        whatever its case or spacing, newest first (a registration typed twice)."""
        compact = "".join(name.split())
        if not compact:
            return []
        # LOWER on both sides: each database folds the two alike, whatever it takes for case.
        rows = await self.database.fetch_all(
            f"SELECT {APPLICATION_COLUMNS} FROM applications a "
            "WHERE a.created_at >= ? AND a.permit_type = ? "
            "AND LOWER(REPLACE(a.applicant_name, ' ', '')) = LOWER(?) "
            "ORDER BY a.created_at DESC, a.id DESC LIMIT ?",
            (to_timestamp(since), permit_type, compact, limit))
        return [application_from(row) for row in rows]

    async def find(self, text: str, limit: int = 20) -> list[Application]:
        """Applications whose number, applicant name or contact contains the text (any case);
        a phone number matches however it was typed or stored (`0812…`, `+62 812-…`)."""
        number = normalise_number(text)
        if number:
            rows = await self.database.fetch_all(
                f"SELECT {APPLICATION_COLUMNS} FROM applications a WHERE a.number = ?", (number,))
            if rows:
                return [application_from(row) for row in rows]
        where, params = _matching(text)
        rows = await self.database.fetch_all(
            f"SELECT {APPLICATION_COLUMNS} FROM applications a WHERE {where} "
            "ORDER BY a.created_at DESC, a.id DESC LIMIT ?", (*params, limit))
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
        where, params = _matching(text)
        return int(await self.database.fetch_value(
            f"SELECT COUNT(*) FROM applications a WHERE {where}", params, 0))


def phone_forms(text: str) -> tuple[str, ...]:
    """The digit strings a phone number typed as `text` may be stored as, or () when the text
    is not a phone number of at least four digits.

    `0812 3456`, `+62 812-3456` and `62812 3456` are one number: with the trunk `0` or the
    country code `62` in front, each is also looked for in the other form.
    """
    if not _PHONE.match(text):
        return ()
    digits = "".join(c for c in text if c in "0123456789")
    if len(digits) < MIN_PHONE_DIGITS:
        return ()
    if digits.startswith("0"):
        national = digits[1:]
    elif digits.startswith("62"):
        national = digits[2:]
    else:
        return (digits,)
    return tuple(dict.fromkeys((digits, "0" + national, "62" + national)))


def _matching(text: str) -> tuple[str, tuple[str, ...]]:
    """The WHERE condition of a search: number, name or contact contains the text, or the
    contact's digits contain one of the text's phone forms."""
    pattern = _contains(text)
    conditions = ["a.number LIKE ? ESCAPE '\\'", "a.applicant_name LIKE ? ESCAPE '\\'",
                  "a.contact LIKE ? ESCAPE '\\'"]
    params = [pattern, pattern, pattern]
    forms = phone_forms(text)
    if len(forms) == 1:
        conditions.append(f"{_CONTACT_DIGITS} LIKE ?")
        params.append(f"%{forms[0]}%")
    elif forms:
        # Every form ends in the national number: that one test rules out nearly every row
        # before the forms are tried (each test strips the contact again).
        national = next(form for form in forms if form.startswith("0"))[1:]
        conditions.append(f"({_CONTACT_DIGITS} LIKE ? AND ("
                          + " OR ".join(f"{_CONTACT_DIGITS} LIKE ?" for _ in forms) + "))")
        params += [f"%{national}%", *(f"%{form}%" for form in forms)]
    return " OR ".join(conditions), tuple(params)


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
