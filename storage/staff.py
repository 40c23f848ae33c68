"""The office's staff list: who may act, in which role."""

from __future__ import annotations

from collections.abc import Iterable

from storage.applications import record_audit
from storage.clock import Clock, to_timestamp
from storage.database import Database, Transaction
from storage.errors import InvalidInput, LastAdmin, StaffNotFound
from storage.models import Role, StaffMember
from storage.rows import staff_from


class StaffRoster:
    """Staff members and their roles."""

    def __init__(self, database: Database, clock: Clock) -> None:
        self.database = database
        self.clock = clock

    async def bootstrap(self, admin_ids: Iterable[int]) -> None:
        """Make sure every configured admin exists and is an active admin."""
        async with self.database.transaction() as conn:
            for user_id in admin_ids:
                await conn.execute(
                    "INSERT INTO staff (user_id, name, role, active, added_at) "
                    "VALUES (?, ?, 'admin', 1, ?) "
                    "ON CONFLICT (user_id) DO UPDATE SET role = 'admin', active = 1",
                    (user_id, f"Admin {user_id}", to_timestamp(self.clock())))

    async def role_of(self, user_id: int) -> Role | None:
        """The user's role, or None for someone who is not active staff."""
        value = await self.database.fetch_value(
            "SELECT role FROM staff WHERE user_id = ? AND active = 1", (user_id,))
        return Role(value) if value else None

    async def get(self, user_id: int) -> StaffMember:
        """The staff member with that id, or StaffNotFound."""
        row = await self.database.fetch_one("SELECT * FROM staff WHERE user_id = ?", (user_id,))
        if row is None:
            raise StaffNotFound(user_id)
        return staff_from(row)

    async def members(self, *, active_only: bool = True) -> list[StaffMember]:
        """Staff members, admins first, then by name."""
        where = "WHERE active = 1" if active_only else ""
        rows = await self.database.fetch_all(
            f"SELECT * FROM staff {where} ORDER BY role = 'operator', name, user_id")
        return [staff_from(row) for row in rows]

    async def add(self, user_id: int, role: Role, name: str, *, by: int) -> StaffMember:
        """Add or update a staff member (re-activating one who was removed)."""
        name = " ".join(name.split())
        if not name or len(name) > 100:
            raise InvalidInput("staff_name", 100)
        async with self.database.transaction() as conn:
            await _keep_an_admin(conn, user_id, role)
            await conn.execute(
                "INSERT INTO staff (user_id, name, role, active, added_at, added_by) "
                "VALUES (?, ?, ?, 1, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
                "name = excluded.name, role = excluded.role, active = 1",
                (user_id, name, role.value, to_timestamp(self.clock()), by))
            await record_audit(conn, by, "staff_add", None,
                               {"user_id": user_id, "role": role.value, "name": name},
                               self.clock())
        return await self.get(user_id)

    async def remove(self, user_id: int, *, by: int) -> StaffMember:
        """Deactivate a staff member; the last active admin cannot be removed."""
        member = await self.get(user_id)
        if not member.active:
            raise StaffNotFound(user_id)
        async with self.database.transaction() as conn:
            await _keep_an_admin(conn, user_id, None)
            await conn.execute("UPDATE staff SET active = 0 WHERE user_id = ?", (user_id,))
            await record_audit(conn, by, "staff_remove", None, {"user_id": user_id},
                               self.clock())
        return member



async def _keep_an_admin(conn: Transaction, user_id: int, new_role: Role | None) -> None:
    """LastAdmin if the change would leave no active admin, inside the change's transaction.

    On PostgreSQL the active admins' rows are locked (in one order, so two changes cannot
    deadlock): two admins removing each other at once are counted one after the other, and
    the second finds the first gone. SQLite's one writer at a time needs no lock.
    """
    if new_role == Role.ADMIN:
        return
    lock = " FOR UPDATE" if conn.dialect == "postgresql" else ""
    admins = {int(row[0]) for row in await conn.fetch_all(
        f"SELECT user_id FROM staff WHERE role = 'admin' AND active = 1 ORDER BY user_id{lock}")}
    if user_id in admins and not admins - {user_id}:
        raise LastAdmin()
