"""Fake users and groups that talk to the bot the way Telegram clients do.

Every failure is an AssertionError that says what the chat did contain, so a failing end-to-end
test reads like a transcript rather than a timeout.
"""

from __future__ import annotations

import re
import secrets

from sandbox.media import store
from sandbox.profile import menu
from sandbox.protocol import ApiError, JsonDict
from sandbox.records import CallbackAnswer, Chat, MessageRecord, SentMessage, User
from sandbox.world import CallbackQuery, World

_COMMAND = re.compile(r"(?<![\w/<>])/([a-zA-Z0-9_]{1,64})(?:@([a-zA-Z0-9_]{3,32}))?(?![\w/<>])")
_MENTION = re.compile(r"(?<!\w)@([a-zA-Z0-9_]{2,32})(?!\w)")


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def detected_entities(text: str) -> list[JsonDict]:
    """The bot_command and mention entities Telegram adds to what a user types."""
    found = [(m, "bot_command") for m in _COMMAND.finditer(text)]
    found += [(m, "mention") for m in _MENTION.finditer(text)]
    found.sort(key=lambda pair: pair[0].start())
    return [
        {"type": kind, "offset": _utf16(text[: m.start()]), "length": _utf16(m.group())}
        for m, kind in found
    ]


class Conversation:
    """One chat as a test reads it: the bot's messages and a cursor over its sends and edits."""

    def __init__(self, world: World, chat_id: int) -> None:
        self.world = world
        self.id = chat_id

    @property
    def chat(self) -> Chat:
        """The live chat record."""
        return self.world.chats[self.id]

    @property
    def messages(self) -> list[SentMessage]:
        """Every message the bot has sent here, as it looks now (edited, deleted…)."""
        return [m.snapshot() for m in self.chat.messages.values() if m.sender is None]

    @property
    def last_message(self) -> SentMessage:
        """The bot's newest message that is still there."""
        alive = [m for m in self.messages if not m.deleted]
        if not alive:
            raise AssertionError(f"the bot has sent nothing to {self._name()} yet")
        return alive[-1]

    async def next_message(self, timeout: float = 5.0) -> SentMessage:  # noqa: ASYNC109
        """The next message the bot sent or edited here since the last call."""
        chat = self.chat
        if not await self.world.signal.wait_for(lambda: chat.cursor < len(chat.events), timeout):
            raise AssertionError(self._transcript(f"no new bot message within {timeout} s"))
        chat.cursor += 1
        return chat.events[chat.cursor - 1]

    def _name(self) -> str:
        chat = self.chat
        return f"{chat.title or (chat.user.first_name if chat.user else '?')} ({chat.id})"

    def _transcript(self, problem: str) -> str:
        chat = self.chat
        seen = "\n".join(f"  {event}".replace("\n", "\n  ") for event in chat.events) or "  none"
        failures = [
            f"  {r.method} -> {r.status} {r.description}"
            for r in self.world.log
            if r.chat_id == chat.id and r.status != 200
        ][-5:]
        report = f"{self._name()}: {problem}.\nBot messages and edits so far:\n{seen}"
        if failures:
            report += "\nRecent failed requests for this chat:\n" + "\n".join(failures)
        return report


class Group(Conversation):
    """A group or supergroup with members."""

    @property
    def title(self) -> str:
        """The group's title."""
        return self.chat.title or ""

    def add_member(self, person: Person, status: str = "member") -> None:
        """Add a user to the group ("member", "administrator" or "creator")."""
        self.chat.members[person.id] = status

    def remove_bot(self, by: Person) -> None:
        """Kick the bot: it gets a my_chat_member update and 403 on every later send."""
        self.chat.bot_status = "kicked"
        member_update(self.world, self.chat, by.user, "member", "kicked")

    def migrate(self) -> Group:
        """Upgrade to a supergroup: the old id answers "group chat was upgraded" from now on."""
        old = self.chat
        new_id = -(1_000_000_000_000 + self.world.next_id())
        new = Chat(new_id, "supergroup", old.title, members=dict(old.members))
        self.world.chats[new_id] = new
        old.migrated_to = new_id
        for chat, field, other in ((old, "migrate_to_chat_id", new_id),
                                   (new, "migrate_from_chat_id", old.id)):  # fmt: skip
            record = self.world.post(chat, _any_member(self.world, old), extra={field: other})
            self.world.enqueue("message", record.as_json(self.world.bot))
        return Group(self.world, new_id)


def _any_member(world: World, chat: Chat) -> User:
    for user_id in chat.members:
        if user_id in world.users:
            return world.users[user_id]
    raise AssertionError(f"{chat.title} needs a member to be migrated")


class Person(Conversation):
    """A user with a private chat with the bot (chat id == user id)."""

    def __init__(self, world: World, user: User) -> None:
        super().__init__(world, user.id)
        self.user = user

    @property
    def first_name(self) -> str:
        """The user's first name."""
        return self.user.first_name

    def __repr__(self) -> str:
        return f"Person({self.user.first_name!r}, id={self.id})"

    async def send(
        self, text: str, *, chat: Group | None = None, reply_to: int | SentMessage | None = None
    ) -> JsonDict:
        """Type a message; returns the Message object the bot receives."""
        target = self._writable(chat)
        reply = None
        if reply_to is not None:
            reply_id = reply_to if isinstance(reply_to, int) else reply_to.message_id
            reply = target.messages.get(reply_id)
        entities = detected_entities(text)
        record = self.world.post(target, self.user, text=text, entities=entities, reply_to=reply)
        return self._deliver(target, record, text)

    async def upload(
        self,
        filename: str,
        data: bytes,
        *,
        caption: str | None = None,
        chat: Group | None = None,
        as_photo: bool = False,
    ) -> JsonDict:
        """Send a file as a document (or, `as_photo`, a compressed photo); returns the Message
        object the bot receives."""
        target = self._writable(chat)
        kind = "photo" if as_photo else "document"
        try:
            sent = store(self.world, kind, data, filename)
        except ApiError as error:
            raise ValueError(f"Telegram would refuse this upload: {error.description}") from None
        entities = detected_entities(caption or "")
        record = self.world.post(
            target, self.user, caption=caption, entities=entities, **{kind: sent}
        )
        return self._deliver(target, record, caption or "")

    async def press(
        self,
        button: str,
        *,
        chat: Group | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109 - the deadline for the bot's answer
    ) -> CallbackAnswer:
        """Press an inline button (exact text, else a unique substring) and await the answer."""
        target = self._writable(chat)
        record, data = self._find_button(target, button)
        query_id = f"{self.world.next_id()}{secrets.randbelow(10**9):09d}"
        query = CallbackQuery(query_id, self.world.clock())
        self.world.callbacks[query_id] = query
        self.world.enqueue("callback_query", {
            "id": query_id, "from": self.user.as_json(),
            "message": record.as_json(self.world.bot),
            "chat_instance": str(abs(target.id) * 7919 % 10**12), "data": data,
        })  # fmt: skip
        answered = await self.world.signal.wait_for(lambda: query.answer is not None, timeout)
        if not answered or query.answer is None:
            view = Conversation(self.world, target.id)
            raise AssertionError(
                view._transcript(f"the bot did not answer the press of {button!r} in {timeout} s")
            )
        return query.answer

    def block(self) -> None:
        """Block the bot: it gets a my_chat_member update and 403 on every later send."""
        if not self.user.blocked:
            self.user.blocked = True
            member_update(self.world, self.chat, self.user, "member", "kicked")

    def unblock(self) -> None:
        """Unblock the bot again."""
        if self.user.blocked:
            self.user.blocked = False
            member_update(self.world, self.chat, self.user, "kicked", "member")

    def menu(self, chat: Group | None = None) -> list[tuple[str, str]]:
        """The command menu this user sees in the chat, per the bot's setMyCommands scopes."""
        target = chat.chat if chat else self.chat
        return [(c["command"], c["description"]) for c in menu(self.world, target, self.user)]

    async def next_message(
        self,
        timeout: float = 5.0,  # noqa: ASYNC109 - the deadline is part of the helper's contract
        *,
        chat: Group | None = None,
    ) -> SentMessage:
        """The next message the bot sent or edited in this chat (default: the private one)."""
        if chat is not None:
            return await chat.next_message(timeout)
        return await super().next_message(timeout)

    def _writable(self, chat: Group | None) -> Chat:
        if chat is None:
            if self.user.blocked:
                raise AssertionError(f"{self.first_name} has blocked the bot; unblock() first")
            return self.chat
        target = chat.chat
        if target.migrated_to is not None:
            raise AssertionError(f"{target.title} became supergroup {target.migrated_to}")
        if self.id not in target.members:
            raise AssertionError(f"{self.first_name} is not a member of {target.title}")
        return target

    def _deliver(self, chat: Chat, record: MessageRecord, text: str) -> JsonDict:
        message = record.as_json(self.world.bot)
        if chat.user is not None:
            self.user.started = True
        if chat.user is not None or self._bot_sees(chat, record, text):
            self.world.enqueue("message", message)
        return message

    def _bot_sees(self, chat: Chat, record: MessageRecord, text: str) -> bool:
        # Privacy mode: in groups the bot only gets commands for it, replies to it, mentions.
        if chat.bot_status != "member":
            return False
        username = (self.world.bot.username or "").lower()
        command = _COMMAND.match(text)
        if command:
            return command.group(2) is None or command.group(2).lower() == username
        if record.reply_to is not None and record.reply_to.sender is None:
            return True
        return any(m.group(1).lower() == username for m in _MENTION.finditer(text))

    def _find_button(self, chat: Chat, wanted: str) -> tuple[MessageRecord, str]:
        candidates = [
            m for m in reversed(chat.messages.values()) if m.sender is None and not m.deleted
        ]
        for exact in (True, False):
            for record in candidates:
                rows = (record.reply_markup or {}).get("inline_keyboard", [])
                hits = [
                    b for row in rows for b in row
                    if (b["text"] == wanted if exact else wanted in b["text"])
                ]  # fmt: skip
                if len(hits) > 1 and not exact:
                    raise AssertionError(f"{wanted!r} matches several buttons: {hits}")
                if hits and "callback_data" not in hits[0]:
                    raise AssertionError(f"button {wanted!r} sends no callback: {hits[0]}")
                if hits:
                    return record, str(hits[0]["callback_data"])
        shown = [str(m.snapshot()) for m in candidates[:3]]
        raise AssertionError(f"no button {wanted!r} in the last messages:\n" + "\n".join(shown))


def member_update(world: World, chat: Chat, by: User, old: str, new: str) -> None:
    """Tell the bot its own membership of a chat changed (a my_chat_member update)."""

    def member(status: str) -> JsonDict:
        kicked = {"until_date": 0} if status == "kicked" else {}
        return {"user": world.bot.as_json(), "status": status, **kicked}

    world.enqueue("my_chat_member", {
        "chat": chat.as_json(), "from": by.as_json(), "date": world.now(),
        "old_chat_member": member(old), "new_chat_member": member(new),
    })  # fmt: skip
