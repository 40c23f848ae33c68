"""What staff do with a receipt after registration: replace it, or lift wrong-code lock-outs.

A new receipt means the old one was lost or seen by someone else, so it cuts off everyone who
followed with the old code: followers are removed and told, in the same transaction as the new
code, so nobody keeps following on a code that no longer exists.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from storage import access_codes
from storage.applications import enqueue_for_followers, record_audit
from storage.attempts import WRONG_CODE, Tally, clear_attempts
from storage.clock import to_timestamp
from storage.models import Application
from storage.repository import ApplicationRepository

RECEIPT_REPLACED = "receipt_replaced"


@dataclass(frozen=True)
class NewReceipt:
    """A replaced receipt: the application, its new access code, and followers removed."""

    application: Application
    access_code: str
    removed: int


class Receipts(ApplicationRepository):
    """Replacing access codes and clearing lock-outs, each with its audit row."""

    async def replace(self, number: str, *, staff_id: int) -> NewReceipt:
        """A new access code; every follower is removed and told once; lock-outs are lifted
        (the wrong guesses were against a code that no longer exists)."""
        application = await self.applications.get(number)
        code = access_codes.new_access_code()
        code_hash = await asyncio.to_thread(access_codes.hash_access_code, code)
        now = self.clock()
        async with self.database.transaction() as conn:
            await conn.execute("UPDATE applications SET access_code_hash = ? WHERE id = ?",
                               (code_hash, application.id))
            # Told before being removed: the notice goes to whoever followed until now.
            await enqueue_for_followers(
                conn, f"{RECEIPT_REPLACED}:{application.id}:{to_timestamp(now)}",
                RECEIPT_REPLACED, application.id, None, now)
            removed = await conn.execute("DELETE FROM followers WHERE application_id = ?",
                                         (application.id,))
            await clear_attempts(conn, WRONG_CODE, application.number)
            await record_audit(conn, staff_id, "receipt", application.id,
                               {"followers_removed": removed}, now)
        if removed:
            self._on_outbox()
        return NewReceipt(application, code, removed)

    async def unlock(self, number: str, *, staff_id: int) -> tuple[Application, Tally]:
        """Lift every chat's wrong-code lock-out on the application; returns what was cleared."""
        application = await self.applications.get(number)
        async with self.database.transaction() as conn:
            cleared = await clear_attempts(conn, WRONG_CODE, application.number)
            await record_audit(conn, staff_id, "unlock", application.id,
                               {"attempts": cleared.attempts, "chats": cleared.chats},
                               self.clock())
        return application, cleared
