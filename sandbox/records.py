"""The sandbox's records: users, chats, messages and files, rendered as Bot API JSON.

Live records are mutable (a message gets edited); tests see frozen SentMessage snapshots so an
assertion about an earlier event never changes under their feet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sandbox.protocol import JsonDict

Button = tuple[str, str]


@dataclass
class User:
    """A Telegram account talking to the bot."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False
    blocked: bool = False
    started: bool = True

    def as_json(self) -> JsonDict:
        """The Bot API User object."""
        data: JsonDict = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        return data


@dataclass
class FileRecord:
    """Bytes stored by Telegram, addressed by file_id and by file_path."""

    file_id: str
    file_unique_id: str
    kind: str  # "photo" or "document"
    data: bytes
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None
    width: int = 0
    height: int = 0

    def as_json(self) -> JsonDict:
        """The PhotoSize or Document object describing this file."""
        data: JsonDict = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
        }
        if self.kind == "photo":
            data.update(width=self.width, height=self.height)
        else:
            data.update(file_name=self.file_name, mime_type=self.mime_type)
        return data


@dataclass
class MessageRecord:
    """A message in a chat, sent by a user or (sender None) by the bot."""

    message_id: int
    chat: Chat
    sender: User | None
    date: int
    text: str | None = None
    entities: list[JsonDict] = field(default_factory=list)
    caption: str | None = None
    html: str | None = None  # the text or caption exactly as the bot sent it
    parse_mode: str | None = None
    reply_markup: JsonDict | None = None
    photo: FileRecord | None = None
    document: FileRecord | None = None
    reply_to: MessageRecord | None = None
    edit_date: int | None = None
    deleted: bool = False
    extra: JsonDict = field(default_factory=dict)  # service fields such as migrate_to_chat_id

    def as_json(self, bot: User, *, with_reply: bool = True) -> JsonDict:
        """The Bot API Message object."""
        data: JsonDict = {
            "message_id": self.message_id,
            "from": (self.sender or bot).as_json(),
            "chat": self.chat.as_json(),
            "date": self.date,
        }
        if self.text is not None:
            data["text"] = self.text
            if self.entities:
                data["entities"] = self.entities
        if self.photo is not None:
            data["photo"] = [self.photo.as_json()]
        if self.document is not None:
            data["document"] = self.document.as_json()
        if self.caption is not None:
            data["caption"] = self.caption
            if self.entities:
                data["caption_entities"] = self.entities
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            # Telegram echoes only inline keyboards back in Message objects.
            data["reply_markup"] = self.reply_markup
        if self.edit_date is not None:
            data["edit_date"] = self.edit_date
        if with_reply and self.reply_to is not None:
            data["reply_to_message"] = self.reply_to.as_json(bot, with_reply=False)
        data.update(self.extra)
        return data

    def snapshot(self) -> SentMessage:
        """A frozen view of the message as it is now."""
        return SentMessage(
            message_id=self.message_id,
            chat_id=self.chat.id,
            text=self.text,
            html=self.html,
            parse_mode=self.parse_mode,
            entities=[dict(e) for e in self.entities],
            buttons=buttons(self.reply_markup),
            reply_markup=self.reply_markup,
            caption=self.caption,
            photo=self.photo.data if self.photo else None,
            document=self.document.data if self.document else None,
            filename=self.document.file_name if self.document else None,
            reply_to_message_id=self.reply_to.message_id if self.reply_to else None,
            date=self.date,
            edited=self.edit_date is not None,
            deleted=self.deleted,
        )


@dataclass
class Chat:
    """A private chat, group or supergroup, with its messages and the tests' reading cursor."""

    id: int
    type: str
    title: str | None = None
    user: User | None = None  # the other party of a private chat
    members: dict[int, str] = field(default_factory=dict)  # user id -> chat member status
    bot_status: str = "member"
    migrated_to: int | None = None
    messages: dict[int, MessageRecord] = field(default_factory=dict)
    events: list[SentMessage] = field(default_factory=list)  # bot sends and edits, in order
    cursor: int = 0
    next_message_id: int = 1

    def as_json(self) -> JsonDict:
        """The Bot API Chat object."""
        if self.user is not None:
            data = self.user.as_json()
            data.pop("is_bot")
            data.pop("language_code", None)
            return {**data, "type": self.type}
        return {"id": self.id, "type": self.type, "title": self.title}

    @property
    def is_group(self) -> bool:
        """Whether this is a group or supergroup."""
        return self.type in {"group", "supergroup"}


@dataclass(frozen=True)
class SentMessage:
    """What a user sees of one bot message at one moment."""

    message_id: int
    chat_id: int
    text: str | None
    html: str | None
    parse_mode: str | None
    entities: list[JsonDict]
    buttons: list[list[Button]]
    reply_markup: JsonDict | None
    caption: str | None
    photo: bytes | None
    document: bytes | None
    filename: str | None
    reply_to_message_id: int | None
    date: int
    edited: bool
    deleted: bool

    def __str__(self) -> str:
        lines = []
        if self.photo is not None:
            lines.append(f"[photo, {len(self.photo)} bytes]")
        if self.document is not None:
            lines.append(f"[document {self.filename}, {len(self.document)} bytes]")
        body = self.text if self.text is not None else self.caption
        if body:
            lines.append(body)
        for row in self.buttons:
            lines.append(" ".join(f"[{text}]" for text, _ in row))
        flags = [flag for flag in ("edited", "deleted") if getattr(self, flag)]
        head = f"#{self.message_id}" + (f" ({', '.join(flags)})" if flags else "")
        return "\n".join([head, *lines])

    def as_json(self) -> JsonDict:
        """A JSON form for the HTTP control API (file contents reduced to their sizes)."""
        data: dict[str, Any] = {
            k: v for k, v in vars(self).items() if k not in {"photo", "document"}
        }
        data["photo_size"] = len(self.photo) if self.photo is not None else None
        data["document_size"] = len(self.document) if self.document is not None else None
        data["rendered"] = str(self)
        return data


@dataclass(frozen=True)
class CallbackAnswer:
    """The bot's answerCallbackQuery for one button press."""

    query_id: str
    text: str | None
    show_alert: bool
    url: str | None
    cache_time: int


@dataclass(frozen=True)
class RequestRecord:
    """One Bot API request and its outcome; status 0 means the connection was reset."""

    at: float
    method: str
    chat_id: int | None
    status: int
    description: str


def buttons(markup: JsonDict | None) -> list[list[Button]]:
    """Inline keyboard rows as (text, callback_data or url) pairs."""
    if not markup or "inline_keyboard" not in markup:
        return []
    return [
        [(b["text"], b.get("callback_data") or b.get("url") or "") for b in row]
        for row in markup["inline_keyboard"]
    ]
