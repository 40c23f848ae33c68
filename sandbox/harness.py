"""The Sandbox: a fake Telegram Bot API server on 127.0.0.1 and the controls tests drive it by."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Mapping, Sequence
from types import TracebackType
from typing import Self

from aiohttp import web

from sandbox import media, messages, profile, updates
from sandbox.control import control_routes
from sandbox.faults import Faults
from sandbox.limits import Clock, FloodLimits
from sandbox.people import Group, Person, member_update
from sandbox.profile import scope_key
from sandbox.protocol import JsonDict
from sandbox.records import CallbackAnswer, Chat, RequestRecord, User
from sandbox.server import MAX_BODY, BotApi
from sandbox.updates import WebhookDelivery
from sandbox.world import World

HOST = "127.0.0.1"
METHODS = {**messages.METHODS, **media.METHODS, **updates.METHODS, **profile.METHODS}


class Sandbox:
    """A Telegram stand-in that PTB talks to over real HTTP, with fake users to drive it."""

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",
        bot_username: str = "etracking_test_bot",
        *,
        bot_name: str = "E-Tracking Test",
        limits: FloodLimits | None = None,
        faults: Faults | None = None,
        host: str = HOST,
        port: int = 0,
        strict_html: bool = True,
        clock: Clock = time.monotonic,
        webhook_retry_delay: float = 0.5,
    ) -> None:
        if host != HOST:
            raise ValueError(f"the sandbox listens on {HOST} only, not {host!r}")
        bot_id, _, secret = token.partition(":")
        if not bot_id.isdigit() or not secret:
            raise ValueError("a bot token looks like <digits>:<secret>")
        bot = User(int(bot_id), bot_name, username=bot_username, is_bot=True)
        self.world = World(token, bot, clock=clock, strict_html=strict_html)
        self.world.flood.limits = limits or FloodLimits()
        self.world.faults.faults = faults or Faults()
        self.port = port
        self._api = BotApi(self.world, METHODS)
        self._delivery = WebhookDelivery(self.world, webhook_retry_delay)
        self._delivery_task: asyncio.Task[None] | None = None
        self._runner: web.AppRunner | None = None
        self._people: dict[int, Person] = {}
        self._groups: dict[int, Group] = {}

    async def start(self) -> None:
        """Start listening; with port=0 a free port is chosen."""
        app = web.Application(client_max_size=MAX_BODY)
        app.add_routes(self._api.routes())
        app.add_routes(control_routes(self))
        # handler_cancellation ends a long poll whose client went away.
        self._runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=1.0
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, HOST, self.port)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        self._delivery_task = asyncio.create_task(self._delivery.run())

    async def stop(self) -> None:
        """Answer pending long polls and shut the server down."""
        self.world.closing = True
        self.world.signal.notify()
        if self._delivery_task is not None:
            self._delivery_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._delivery_task
        await self._api.cancel()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        """The server's root URL."""
        return f"http://{HOST}:{self.port}"

    @property
    def base_url(self) -> str:
        """PTB's base_url; PTB appends the token."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """PTB's base_file_url."""
        return f"{self.url}/file/bot"

    @property
    def token(self) -> str:
        """The only token the server accepts."""
        return self.world.token

    @property
    def bot(self) -> User:
        """The bot's own account."""
        return self.world.bot

    def add_user(
        self,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
        started: bool = True,
    ) -> Person:
        """A new user with a private chat; started=False means they never pressed Start."""
        user_id = 5_000_000_000 + self.world.next_id()  # above 2**32, like many real ids
        user = User(user_id, first_name, last_name, username, language_code, started=started)
        self.world.users[user_id] = user
        self.world.chats[user_id] = Chat(user_id, "private", user=user)
        self._people[user_id] = Person(self.world, user)
        return self._people[user_id]

    def add_group(
        self,
        title: str,
        members: Sequence[Person] = (),
        *,
        admins: Sequence[Person] = (),
        supergroup: bool = False,
    ) -> Group:
        """A group (or supergroup) with the bot in it; the bot gets a my_chat_member update."""
        n = self.world.next_id()
        chat_id = -(1_000_000_000_000 + n) if supergroup else -(4_000_000_000 + n)
        statuses = {p.id: "member" for p in members} | {p.id: "administrator" for p in admins}
        chat = Chat(chat_id, "supergroup" if supergroup else "group", title, members=statuses)
        self.world.chats[chat_id] = chat
        adder = next(iter([*admins, *members]), None)
        if adder is not None:
            member_update(self.world, chat, adder.user, "left", "member")
        self._groups[chat_id] = Group(self.world, chat_id)
        return self._groups[chat_id]

    def person(self, user_id: int) -> Person:
        """The Person with this id."""
        if user_id not in self._people:
            raise KeyError(f"no user {user_id} in the sandbox")
        return self._people[user_id]

    def group(self, chat_id: int) -> Group:
        """The Group with this chat id (including supergroups made by migrate())."""
        if chat_id not in self.world.chats or not self.world.chats[chat_id].is_group:
            raise KeyError(f"no group {chat_id} in the sandbox")
        return self._groups.setdefault(chat_id, Group(self.world, chat_id))

    @property
    def limits(self) -> FloodLimits:
        """Flood limits in force; assign to change them at run time."""
        return self.world.flood.limits

    @limits.setter
    def limits(self, limits: FloodLimits) -> None:
        self.world.flood.limits = limits

    @property
    def faults(self) -> Faults:
        """Injected faults in force; assign to change them at run time."""
        return self.world.faults.faults

    @faults.setter
    def faults(self, faults: Faults) -> None:
        self.world.faults.faults = faults

    def outage(self, seconds: float) -> None:
        """Drop every connection for the next `seconds`."""
        self.world.outage.start(seconds)
        self.world.signal.notify()

    def outage_start(self) -> None:
        """Drop every connection until outage_end()."""
        self.world.outage.start()
        self.world.signal.notify()

    def outage_end(self) -> None:
        """End an outage."""
        self.world.outage.end()
        self.world.signal.notify()

    def inject_retry_after(self, chat_id: int | None, seconds: int, count: int = 1) -> None:
        """Answer the next `count` sends to chat_id (any chat if None) with 429 retry_after."""
        self.world.flood.inject(chat_id, seconds, count)

    @property
    def requests(self) -> list[RequestRecord]:
        """Every request so far, in order, with its outcome."""
        return list(self.world.log)

    def count(self, method: str | None = None, status: int | None = None) -> int:
        """How many logged requests match the method and status (None matches any)."""
        return sum(
            1
            for r in self.world.log
            if (method is None or r.method.lower() == method.lower())
            and (status is None or r.status == status)
        )

    @property
    def polls_started(self) -> int:
        """How many getUpdates calls have begun, including one still waiting."""
        return self.world.poll_generation

    @property
    def callback_answers(self) -> list[CallbackAnswer]:
        """Every answerCallbackQuery so far."""
        return list(self.world.answers)

    @property
    def pending_updates(self) -> list[JsonDict]:
        """Updates queued and not yet confirmed by the bot."""
        return list(self.world.updates)

    def commands(
        self,
        scope: str | Mapping[str, object] = "default",
        language_code: str = "",
        *,
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> list[tuple[str, str]]:
        """The command list the bot set for exactly this scope and language."""
        given: dict[str, object] = {"type": scope} if isinstance(scope, str) else dict(scope)
        if chat_id is not None:
            given["chat_id"] = chat_id
        if user_id is not None:
            given["user_id"] = user_id
        stored = self.world.commands.get((scope_key(self.world, given), language_code), [])
        return [(c["command"], c["description"]) for c in stored]

    async def wait_for(
        self,
        predicate: Callable[[], bool],
        timeout: float = 5.0,  # noqa: ASYNC109 - a test helper's deadline, not an I/O timeout
        what: str = "",
    ) -> None:
        """Wait until predicate() holds, re-checking on every change; AssertionError on timeout."""
        if not await self.world.signal.wait_for(predicate, timeout):
            raise AssertionError(f"condition {what or predicate!r} not met within {timeout} s")
