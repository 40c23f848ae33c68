"""Retention: the applicant's name and contact are not kept for ever.

Once an application has been decided for longer than the office's retention period, its
personal fields are blanked (in the audit trail's copies too); the registration number,
permit type, stages and dates stay for the office's figures. Running it again changes nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.clock import to_timestamp
from storage.database import Database

BLANKED_NAME = "(dihapus)"


async def blank_personal_data(database: Database, now: datetime, retention_days: int) -> int:
    """Blank name and contact of applications decided over `retention_days` ago; how many."""
    cutoff = to_timestamp(now - timedelta(days=retention_days))
    async with database.transaction() as conn:
        expired = [row[0] for row in await conn.execute_fetchall(
            "SELECT id FROM applications WHERE decided_at IS NOT NULL AND decided_at < ? "
            "AND (applicant_name != ? OR contact != '')", (cutoff, BLANKED_NAME))]
        await conn.executemany(
            "UPDATE applications SET applicant_name = ?, contact = '' WHERE id = ?",
            [(BLANKED_NAME, application_id) for application_id in expired])
        # Registration and imports copied the name and contact into the audit arguments.
        await conn.executemany(
            "UPDATE audit SET arguments = json_set(arguments, '$.applicant_name', ?, "
            "'$.contact', '') WHERE application_id = ? "
            "AND json_type(arguments, '$.applicant_name') IS NOT NULL",
            [(BLANKED_NAME, application_id) for application_id in expired])
    return len(expired)
