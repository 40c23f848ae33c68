"""What applicants can do: look up, follow and unfollow, with the guards that protect data.

Plain Python over the store; the Telegram handlers only parse, call this, and reply.

Every guard counts against the chat that failed, never against an application: one chat that
guesses only ever locks itself out. A chat's attempts are checked and counted one at a time
(`ChatLocks`), so a burst of simultaneous updates cannot all pass the count before the first
failure is recorded; other chats never wait on that lock.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta

from bot.views.cards import StatusView
from office.settings import LANGUAGES, ApplicantSettings, Settings
from storage import access_codes
from storage.attempts import UNKNOWN_LOOKUP, WRONG_CODE, Tally
from storage.errors import AccessCodeRejected, ApplicationNotFound, Throttled
from storage.models import Application, FollowedApplication
from storage.numbers import normalise_number
from storage.store import Store
from storage.workflow import FEE_STAGE

__all__ = ["UNKNOWN_LOOKUP", "WRONG_CODE", "AccessCodeLocked", "FollowPaused", "Tracking",
           "WrongAccessCode", "deep_link_payload"]


class AccessCodeLocked(Throttled):
    """This chat sent too many wrong access codes for one application."""


class FollowPaused(Throttled):
    """This chat sent too many wrong access codes across all applications."""


class WrongAccessCode(AccessCodeRejected):
    """The code does not match; the chat has `tries_left` more before it is refused."""

    def __init__(self, number: str, tries_left: int) -> None:
        super().__init__(number)
        self.number = number
        self.tries_left = tries_left


class ChatLocks:
    """One lock per chat that has work in flight; a chat without work holds no memory."""

    def __init__(self) -> None:
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def hold(self, chat_id: int) -> AsyncIterator[None]:
        """Run the block while no other attempt of the same chat runs."""
        lock, users = self._locks.get(chat_id, (asyncio.Lock(), 0))
        self._locks[chat_id] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[chat_id]
            if users == 1:
                del self._locks[chat_id]
            else:
                self._locks[chat_id] = (lock, users - 1)


class Tracking:
    """Applicant use cases over the store."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self.limits = settings.applicants
        # Serialises one chat's attempts in this process. Several instances behind a load
        # balancer may each run one at once: a chat can then pass a budget's check N - 1 times
        # beyond its limit, once (the counts themselves are in the database and exact).
        self._chats = ChatLocks()

    async def status(self, chat_id: int, raw_number: str) -> StatusView:
        """The status of an application as this chat may see it.

        A throttled chat still sees what it follows (it gave the access code); anything else
        gets the throttle's answer, whether the number exists or not, after the same one query.
        """
        async with self._chats.hold(chat_id):
            application, following = await self._seen_by(chat_id, raw_number)
        return await self.view(application, chat_id, following)

    async def unfollow(self, chat_id: int, raw_number: str) -> tuple[Application, bool]:
        """Stop following; returns the application and whether the chat was following it.

        What the chat follows it may always leave, throttled or not.
        """
        async with self._chats.hold(chat_id):
            application, following = await self._seen_by(chat_id, raw_number)
            if not following:
                return application, False
            return application, await self.store.followers.unfollow(application, chat_id)

    async def _seen_by(self, chat_id: int, raw_number: str) -> tuple[Application, bool]:
        """The application and whether the chat follows it; an unknown number is counted, and
        a throttled chat learns nothing about numbers it does not follow."""
        try:
            application, following = await self.store.applications.get_seen_by(raw_number,
                                                                                chat_id)
        except ApplicationNotFound:
            await self._refuse_if_throttled(chat_id)
            await self._missed_one(chat_id)
            raise
        if not following:
            await self._refuse_if_throttled(chat_id)
        return application, following

    async def follow(self, chat_id: int, raw_number: str, code: str) -> tuple[Application, bool]:
        """Follow with the access code; returns the application and whether it is new.

        The right code passes for any chat not locked out by its own wrong codes, even one
        throttled for unknown numbers (someone with typos and a real receipt). To a throttled
        chat a wrong code or an unknown number gets the same answer after the same work.
        """
        async with self._chats.hold(chat_id):
            throttled = await self._throttled(chat_id)
            await self._refuse_if_over(self._chat_budget(chat_id), FollowPaused)
            try:
                application = await self.store.applications.get(raw_number)
            except ApplicationNotFound as missing:
                if throttled is None:
                    await self._missed_one(chat_id)
                    raise
                await asyncio.to_thread(access_codes.verify_access_code, code,
                                        access_codes.DECOY_HASH)
                await self.store.attempts.record(WRONG_CODE, missing.number, chat_id)
                raise throttled from None
            try:
                await self._refuse_if_over(
                    self._application_budget(chat_id, application.number), AccessCodeLocked)
            except AccessCodeLocked as locked:
                # A throttled chat must not learn that the number exists from a lock-out.
                raise (throttled or locked) from None
            if not await self.store.applications.verify_access_code(application.number, code):
                await self.store.attempts.record(WRONG_CODE, application.number, chat_id)
                raise throttled or await self._wrong(chat_id, application.number)
        added = await self.store.followers.follow(application, chat_id,
                                                  self.limits.max_followed)
        return application, added

    async def follow_link(self, chat_id: int, payload: str) -> tuple[Application, bool]:
        """Follow from the receipt's QR code (`/start JBR-2026-000123_482913`)."""
        number, _, code = payload.rpartition("_")
        if not normalise_number(number) or not code.isdigit():
            raise AccessCodeRejected(payload)
        return await self.follow(chat_id, number, code)

    async def followed(self, chat_id: int) -> list[FollowedApplication]:
        """What the chat follows."""
        return await self.store.followers.followed_by(chat_id)

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
            history_lines=self.limits.history_lines,
            # The bill is the follower's business only.
            fee=(await self.store.fees.find(application.id)
                 if is_follower and application.stage == FEE_STAGE else None),
            estimate=await self.store.estimates.estimate(
                application, min_sample=self.settings.guidance.estimate_min_sample,
                months=self.settings.guidance.estimate_months))

    async def _wrong(self, chat_id: int, number: str) -> Throttled | WrongAccessCode:
        """The answer to a wrong code just counted: how many tries are left, or the lock-out
        it has just caused."""
        left = []
        for budget, error in ((self._chat_budget(chat_id), FollowPaused),
                              (self._application_budget(chat_id, number), AccessCodeLocked)):
            count, oldest = await budget.count()
            if count >= budget.limit:
                return error(self._minutes_left(oldest, budget.window))
            left.append(budget.limit - count)
        return WrongAccessCode(number, min(left))

    def _chat_budget(self, chat_id: int) -> _Budget:
        window = timedelta(hours=self.limits.chat_wrong_code_window_hours)
        return _Budget(lambda: self.store.attempts.recent_by_chat(WRONG_CODE, chat_id, window),
                       self.limits.chat_wrong_code_limit, window)

    def _application_budget(self, chat_id: int, number: str) -> _Budget:
        window = timedelta(minutes=self.limits.wrong_code_window_minutes)
        return _Budget(
            lambda: self.store.attempts.recent(WRONG_CODE, number, window, chat_id=chat_id),
            self.limits.wrong_code_limit, window)

    async def _throttled(self, chat_id: int) -> Throttled | None:
        try:
            await self._refuse_if_throttled(chat_id)
        except Throttled as refused:
            return refused
        return None

    async def _refuse_if_throttled(self, chat_id: int) -> None:
        subject = str(chat_id)
        window = timedelta(minutes=self.limits.unknown_lookup_window_minutes)
        # Counted in the database every time (one indexed count): a list of throttled chats
        # kept in memory would miss the lookups another instance counted.
        await self._refuse_if_over(_Budget(
            lambda: self.store.attempts.recent(UNKNOWN_LOOKUP, subject, window),
            self.limits.unknown_lookup_limit, window), Throttled)

    async def _missed_one(self, chat_id: int) -> None:
        await self.store.attempts.record(UNKNOWN_LOOKUP, str(chat_id), chat_id)

    async def _refuse_if_over(self, budget: _Budget, error: type[Throttled]) -> None:
        count, oldest = await budget.count()
        if count >= budget.limit:
            raise error(self._minutes_left(oldest, budget.window))

    def _minutes_left(self, oldest: float, window: timedelta) -> int:
        left = oldest + window.total_seconds() - self.store.clock().timestamp()
        return max(1, math.ceil(left / 60))


@dataclass(frozen=True)
class _Budget:
    """A limit of failed attempts over a window, and how to count the attempts against it."""

    count: Callable[[], Awaitable[tuple[int, float]]]
    limit: int
    window: timedelta


async def wrong_code_alert(store: Store, limits: ApplicantSettings, number: str) -> Tally | None:
    """Wrong codes for one application from all chats, if they reached the staff alert."""
    tally = await store.attempts.tally(WRONG_CODE, number,
                                       timedelta(hours=limits.wrong_code_alert_window_hours))
    return tally if tally.attempts >= limits.wrong_code_alert else None


def deep_link_payload(application: Application, access_code: str) -> str:
    """What the receipt's QR code carries after `?start=` (64 characters at most)."""
    return f"{application.number}_{access_code}"
