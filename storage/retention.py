"""Retention: the applicant's name and contact are not kept for ever.

Once an application has been decided for longer than the office's retention period, its
personal fields are blanked (in the audit trail's copies too) and its survey invitations, the
link between a chat and the application, are deleted; the registration number, permit type,
stages, dates and anonymous survey responses stay for the office's figures. Running it again
changes nothing.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from storage.clock import to_timestamp
from storage.database import Database

BLANKED_NAME = "(dihapus)"


async def blank_personal_data(database: Database, now: datetime, retention_days: int) -> int:
    """Blank name and contact of applications decided over `retention_days` ago; how many."""
    cutoff = to_timestamp(now - timedelta(days=retention_days))
    async with database.transaction() as conn:
        expired = [row[0] for row in await conn.fetch_all(
            "SELECT id FROM applications WHERE decided_at IS NOT NULL AND decided_at < ? "
            "AND (applicant_name != ? OR contact != '')", (cutoff, BLANKED_NAME))]
        await conn.execute_many(
            "UPDATE applications SET applicant_name = ?, contact = '' WHERE id = ?",
            [(BLANKED_NAME, application_id) for application_id in expired])
        # A survey invitation ties a chat to an application; finished answers live on apart
        # from it (anonymous responses), so only the link goes, unfinished answers with it.
        await conn.execute(
            "DELETE FROM survey_invitations WHERE application_id IN (SELECT id FROM "
            "applications WHERE decided_at IS NOT NULL AND decided_at < ?)", (cutoff,))
        # Registration and imports copied the name and contact into the audit arguments.
        # Rewritten here rather than by SQLite's json_set so both engines write the same text
        # (json_set's: compact, keys in their order, the contact added if it was missing).
        for application_id in expired:
            for audit_id, arguments in await conn.fetch_all(
                    "SELECT id, arguments FROM audit WHERE application_id = ?",
                    (application_id,)):
                blanked = _blanked(str(arguments))
                if blanked is not None:
                    await conn.execute("UPDATE audit SET arguments = ? WHERE id = ?",
                                       (blanked, audit_id))
    return len(expired)


def _blanked(arguments: str) -> str | None:
    """The audit arguments with name and contact blanked, or None if they hold no name."""
    try:
        values = json.loads(arguments)
    except ValueError:
        return None
    if not isinstance(values, dict) or "applicant_name" not in values:
        return None
    values["applicant_name"] = BLANKED_NAME
    values["contact"] = ""
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))
