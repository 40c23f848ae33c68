"""What applicants can do: look up, follow and unfollow, with the guards that protect data.

Plain Python over the store; the Telegram handlers only parse, call this, and reply.
"""

from __future__ import annotations

import asyncio
import math
from datetime import timedelta

from bot.cards import StatusView
from bot.settings import LANGUAGES, Settings
from storage.errors import AccessCodeRejected, ApplicationNotFound, Throttled
from storage.models import Application, FollowedApplication
from storage.numbers import normalise_number
from storage.store import Store

UNKNOWN_LOOKUP = "unknown_lookup"
WRONG_CODE = "wrong_code"


class AccessCodeLocked(Throttled):
    """Too many wrong access codes for one application."""


class Tracking:
    """Applicant use cases over the store."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.limits = settings.applicants
        self._code_checks = asyncio.Lock()
        # Chats with unknown-number lookups in the current window (loaded on first use, so a
        # restart keeps them): only these need the throttle's count from the database.
        self._missed: set[str] | None = None

    async def status(self, chat_id: int, raw_number: str) -> StatusView:
        """The status of an application as this chat may see it.

        A throttled chat still sees what it follows (it gave the access code); anything else
        gets the throttle's answer, whether the number exists or not.
        """
        try:
            application, following = await self.store.applications.get_seen_by(raw_number,
                                                                                chat_id)
        except ApplicationNotFound:
            await self._refuse_if_throttled(chat_id)
            await self._missed_one(chat_id)
            raise
        if not following:
            await self._refuse_if_throttled(chat_id)
        return await self.view(application, chat_id, following)

    async def find(self, chat_id: int, raw_number: str) -> Application:
        """The application, counting unknown numbers per chat against enumeration."""
        await self._refuse_if_throttled(chat_id)
        try:
            return await self.store.applications.get(raw_number)
        except ApplicationNotFound:
            await self._missed_one(chat_id)
            raise

    async def _refuse_if_throttled(self, chat_id: int) -> None:
        subject = str(chat_id)
        if self._missed is None:
            window = timedelta(minutes=self.limits.unknown_lookup_window_minutes)
            self._missed = set(await self.store.attempts.subjects(UNKNOWN_LOOKUP, window))
        if subject in self._missed:
            await self._refuse_if_over(
                UNKNOWN_LOOKUP, subject, self.limits.unknown_lookup_limit,
                timedelta(minutes=self.limits.unknown_lookup_window_minutes), Throttled)

    async def _missed_one(self, chat_id: int) -> None:
        await self.store.attempts.record(UNKNOWN_LOOKUP, str(chat_id))
        if self._missed is not None:
            self._missed.add(str(chat_id))

    async def view(self, application: Application, chat_id: int,
                   is_follower: bool | None = None) -> StatusView:
        """Gather what the status card shows for this chat."""
        if is_follower is None:
            is_follower = await self.store.followers.is_following(application, chat_id)
        return StatusView(
            application=application,
            permit_type=self.store.catalogue.get(application.permit_type),
            history=await self.store.applications.history(application.id),
            is_follower=is_follower,
            now=self.store.clock(), calendar=self.store.calendar,
            office_name=self.settings.office.name,
            pickup_hours={language: self.settings.office.pickup(language)
                          for language in LANGUAGES},
            history_lines=self.limits.history_lines)

    async def follow(self, chat_id: int, raw_number: str, code: str) -> tuple[Application, bool]:
        """Follow with the access code; returns the application and whether it is new.

        The right code passes even a chat throttled for unknown numbers (someone with typos
        and a real receipt); to a throttled chat a wrong code says no more than an unknown
        number would, so the throttle still stops enumeration.
        """
        throttled: Throttled | None = None
        try:
            await self._refuse_if_throttled(chat_id)
        except Throttled as refused:
            throttled = refused
        try:
            application = await self.store.applications.get(raw_number)
        except ApplicationNotFound:
            if throttled is not None:
                raise throttled from None
            await self._missed_one(chat_id)
            raise
        window = timedelta(minutes=self.limits.wrong_code_window_minutes)
        # One check at a time: updates are handled concurrently, and a burst of guesses must
        # not all pass the lock-out count before the first wrong one is recorded.
        async with self._code_checks:
            await self._refuse_if_over(WRONG_CODE, application.number,
                                       self.limits.wrong_code_limit, window, AccessCodeLocked)
            if not await self.store.applications.verify_access_code(application.number, code):
                await self.store.attempts.record(WRONG_CODE, application.number)
                raise throttled or AccessCodeRejected(application.number)
        added = await self.store.followers.follow(application, chat_id,
                                                  self.limits.max_followed)
        return application, added

    async def follow_link(self, chat_id: int, payload: str) -> tuple[Application, bool]:
        """Follow from the receipt's QR code (`/start JBR-2026-000123_482913`)."""
        number, _, code = payload.rpartition("_")
        if not normalise_number(number) or not code.isdigit():
            raise AccessCodeRejected(payload)
        return await self.follow(chat_id, number, code)

    async def unfollow(self, chat_id: int, raw_number: str) -> tuple[Application, bool]:
        """Stop following; returns the application and whether the chat was following it."""
        # Through find(): an unknown number here must count against enumeration like a lookup.
        application = await self.find(chat_id, raw_number)
        return application, await self.store.followers.unfollow(application, chat_id)

    async def followed(self, chat_id: int) -> list[FollowedApplication]:
        """What the chat follows."""
        return await self.store.followers.followed_by(chat_id)

    async def _refuse_if_over(self, kind: str, subject: str, limit: int, window: timedelta,
                              error: type[Throttled]) -> None:
        count, oldest = await self.store.attempts.recent(kind, subject, window)
        if count >= limit:
            left = oldest + window.total_seconds() - self.store.clock().timestamp()
            raise error(max(1, math.ceil(left / 60)))


def deep_link_payload(application: Application, access_code: str) -> str:
    """What the receipt's QR code carries after `?start=` (64 characters at most)."""
    return f"{application.number}_{access_code}"
