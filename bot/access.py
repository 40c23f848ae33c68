"""Who may use which command: staff roles cached in memory for synchronous handler filters.

python-telegram-bot's filters cannot await, so the roster is mirrored here at start-up and
after every staff change. Filters are attached where handlers are registered.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import filters

from storage.models import Role, StaffMember

_RANK = {Role.OPERATOR: 1, Role.ADMIN: 2}


class StaffDirectory:
    """Active staff by Telegram user id."""

    def __init__(self) -> None:
        self._roles: dict[int, Role] = {}

    def load(self, members: list[StaffMember]) -> None:
        """Replace the cache with the store's active staff."""
        self._roles = {m.user_id: m.role for m in members if m.active}

    def role_of(self, user_id: int | None) -> Role | None:
        """The user's role, or None."""
        return None if user_id is None else self._roles.get(user_id)

    def allows(self, user_id: int | None, needed: Role) -> bool:
        """Whether the user holds `needed` or a higher role."""
        role = self.role_of(user_id)
        return role is not None and _RANK[role] >= _RANK[needed]

    @property
    def user_ids(self) -> list[int]:
        """Every active staff member."""
        return list(self._roles)


class StaffFilter(filters.UpdateFilter):
    """Passes updates from staff holding at least `needed`."""

    def __init__(self, directory: StaffDirectory, needed: Role) -> None:
        super().__init__(name=f"StaffFilter({needed.value})")
        self.directory = directory
        self.needed = needed

    def filter(self, update: Update) -> bool:
        """Whether the update's user may act."""
        user = update.effective_user
        return self.directory.allows(user.id if user else None, self.needed)


Callback = Callable[[Update, Any], Coroutine[Any, Any, None]]


def restricted(callback: Callback, directory: StaffDirectory, needed: Role,
               refuse: Callback) -> Callback:
    """Wrap a button callback so only staff with `needed` run it; others get `refuse`."""

    async def guarded(update: Update, context: Any) -> None:
        user = update.effective_user
        if directory.allows(user.id if user else None, needed):
            await callback(update, context)
        else:
            await refuse(update, context)

    guarded.__name__ = getattr(callback, "__name__", "guarded")
    return guarded
