"""Everything the fake Telegram knows: bot, users, chats, pending updates, files, answers, log.

Every change calls `signal.notify()`, so long polls and test waits wake up at once instead of
polling on a timer.
"""

from __future__ import annotations

import asyncio
import itertools
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from sandbox.faults import FaultInjector, Faults, Outage
from sandbox.limits import Clock, FloodControl, FloodLimits
from sandbox.protocol import JsonDict, Params, bad_request, forbidden
from sandbox.records import CallbackAnswer, Chat, FileRecord, MessageRecord, RequestRecord, User

# Telegram's default when allowed_updates was never given or given empty.
DEFAULT_UPDATES = frozenset(
    {"message", "edited_message", "callback_query", "my_chat_member", "chat_join_request"}
)


class Signal:
    """Wakes every waiter whenever the world changes."""

    def __init__(self) -> None:
        self._waiters: set[asyncio.Future[None]] = set()

    def notify(self) -> None:
        """Wake all current waiters."""
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._waiters.clear()

    async def wait_for(self, predicate: Callable[[], bool], timeout: float) -> bool:  # noqa: ASYNC109
        """Wait until predicate() holds (True) or timeout seconds pass (False)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            waiter = loop.create_future()
            self._waiters.add(waiter)
            try:
                await asyncio.wait({waiter}, timeout=remaining)
            finally:
                self._waiters.discard(waiter)
        return True


@dataclass
class Webhook:
    """The webhook set by setWebhook, and how delivery to it went."""

    url: str = ""
    secret_token: str | None = None
    max_connections: int = 40
    last_error_date: int | None = None
    last_error_message: str | None = None


@dataclass
class CallbackQuery:
    """A button press waiting for the bot's answerCallbackQuery."""

    id: str
    created: float
    answer: CallbackAnswer | None = None


@dataclass
class World:
    """The whole state of one sandbox."""

    token: str
    bot: User
    clock: Clock = time.monotonic
    strict_html: bool = True
    flood: FloodControl = field(init=False)
    faults: FaultInjector = field(default_factory=lambda: FaultInjector(Faults()))
    outage: Outage = field(init=False)
    users: dict[int, User] = field(default_factory=dict)
    chats: dict[int, Chat] = field(default_factory=dict)
    files: dict[str, FileRecord] = field(default_factory=dict)
    updates: list[JsonDict] = field(default_factory=list)
    allowed_updates: frozenset[str] = DEFAULT_UPDATES
    webhook: Webhook = field(default_factory=Webhook)
    callbacks: dict[str, CallbackQuery] = field(default_factory=dict)
    answers: list[CallbackAnswer] = field(default_factory=list)
    commands: dict[tuple[tuple[str, int | None, int | None], str], list[JsonDict]] = field(
        default_factory=dict
    )
    log: list[RequestRecord] = field(default_factory=list)
    signal: Signal = field(default_factory=Signal)
    poll_generation: int = 0
    closing: bool = False
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(100_000_001))

    def __post_init__(self) -> None:
        self.flood = FloodControl(FloodLimits(), self.clock)
        self.outage = Outage(self.clock)

    def next_id(self) -> int:
        """A fresh small integer for ids and file names."""
        return next(self._ids)

    def new_file_id(self, kind: str) -> tuple[str, str]:
        """A (file_id, file_unique_id) pair that looks like Telegram's."""
        n = self.next_id()
        prefix = "AgACAgIAAxk" if kind == "photo" else "BQACAgIAAxk"
        return f"{prefix}{n:06d}{secrets.token_urlsafe(12)}", f"AQAD{n:06d}"

    def now(self) -> int:
        """Telegram's dates: integer Unix seconds."""
        return int(time.time())

    def record(self, method: str, chat_id: int | None, status: int, description: str) -> None:
        """Append one request outcome to the log."""
        self.log.append(RequestRecord(self.clock(), method, chat_id, status, description))
        self.signal.notify()

    def enqueue(self, kind: str, payload: JsonDict) -> None:
        """Queue an update for the bot, unless its type is not in allowed_updates."""
        if kind not in self.allowed_updates:
            return
        self.updates.append({"update_id": next(self._update_ids), kind: payload})
        self.signal.notify()

    def confirm(self, offset: int | None) -> None:
        """Forget updates the bot has confirmed by asking for `offset`."""
        if offset is None:
            return
        if offset < 0:
            self.updates = self.updates[offset:]
        else:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]

    def chat(self, chat_id: int) -> Chat:
        """The chat with this id, or Telegram's "chat not found"."""
        chat = self.chats.get(chat_id)
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def writable_chat(self, chat_id: int) -> Chat:
        """The chat, if the bot may post in it; otherwise the error Telegram gives."""
        chat = self.chat(chat_id)
        if chat.migrated_to is not None:
            raise bad_request(
                "group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": chat.migrated_to},
            )
        if chat.user is not None:
            if chat.user.blocked:
                raise forbidden("bot was blocked by the user")
            if not chat.user.started:
                raise forbidden("bot can't initiate conversation with a user")
        elif chat.bot_status in {"left", "kicked"}:
            raise forbidden(f"bot was kicked from the {chat.type} chat")
        return chat

    def admit(self, chat: Chat) -> None:
        """Apply flood control to one send to this chat."""
        self.flood.admit(chat.id, chat.is_group)

    def post(self, chat: Chat, sender: User | None, **fields: object) -> MessageRecord:
        """Add a message to a chat; bot messages also become an event for next_message()."""
        record = MessageRecord(
            chat.next_message_id,
            chat,
            sender,
            self.now(),
            **fields,  # type: ignore[arg-type]
        )
        chat.next_message_id += 1
        chat.messages[record.message_id] = record
        if sender is None:
            chat.events.append(record.snapshot())
        self.signal.notify()
        return record

    def touched(self, record: MessageRecord) -> None:
        """Note that the bot edited a message."""
        record.edit_date = self.now()
        record.chat.events.append(record.snapshot())
        self.signal.notify()

    def message(self, chat: Chat, message_id: int | None, missing: str) -> MessageRecord:
        """A live message of the chat, or a 400 with the given description."""
        record = chat.messages.get(message_id) if message_id is not None else None
        if record is None or record.deleted:
            raise bad_request(missing)
        return record


Method = Callable[[World, Params], Awaitable[object]]
