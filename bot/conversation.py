"""What a chat waits for next, for handlers: typed values in, typed values out, in the database.

The adapter between handlers and storage/conversations.py, used instead of PTB's chat_data and
user_data (which live in one process: behind a load balancer the answer to a question may reach
another instance than the question came from). Values are the handlers' own frozen records;
they are written as tagged JSON and read back only as dataclasses and enums of our own packages
(never pickle: a row is data, not code).
"""

from __future__ import annotations

import dataclasses
import importlib
import json
from datetime import datetime, timedelta
from enum import Enum
from typing import Any

from telegram import Message, Update

from storage.conversations import Conversations

# Applicants' questions (the code after Follow, the number after "Check status") are answered
# within minutes; staff confirmations check their own, shorter, lifetime and say "expired", so
# their rows stay long enough for that answer.
APPLICANT_LIFETIME = timedelta(hours=1)
STAFF_LIFETIME = timedelta(days=1)
_OURS = ("bot.", "storage.", "office.")


class Conversation:
    """The pending questions of the person behind an update."""

    def __init__(self, rows: Conversations, update: Update) -> None:
        self.rows = rows
        chat, user = update.effective_chat, update.effective_user
        assert chat is not None
        self.chat_id = chat.id
        self.user_id = user.id if user is not None else 0

    async def hold(self, key: str, value: object, *, question: Message | None = None,
                   lifetime: timedelta = STAFF_LIFETIME) -> None:
        """Keep `value` until answered (by a button under `question`, when given)."""
        await self.rows.hold(self.chat_id, self.user_id, key, encode(value), lifetime=lifetime,
                             question=question.message_id if question else 0)

    async def tie(self, key: str, question: Message) -> None:
        """Tie the value held under `key` to the question just sent about it."""
        await self.rows.tie(self.chat_id, self.user_id, key, question.message_id)

    async def peek(self, key: str) -> Any:
        """The value held under `key`, left in place; None if none."""
        waiting = await self.rows.peek(self.chat_id, self.user_id, key)
        return None if waiting is None else decode(waiting.value)

    async def take(self, key: str, question: int | None = None) -> Any:
        """The value held under `key` (tied to `question`, when given), taken out once."""
        waiting = await self.rows.take(self.chat_id, self.user_id, key, question)
        return None if waiting is None else decode(waiting.value)

    async def asked_someone_else(self, question: int) -> bool:
        """Whether the question waits on another person in this chat (a staff group)."""
        asker = await self.rows.asker(self.chat_id, question)
        return asker is not None and asker != self.user_id

    async def pop(self, key: str) -> Any:
        """The value held under `key`, taken out; read first, so nothing held costs no write."""
        if await self.rows.peek(self.chat_id, self.user_id, key) is None:
            return None
        return await self.take(key)

    async def drop(self, key: str) -> None:
        """Forget the value held under `key`, if any."""
        await self.rows.drop(self.chat_id, self.user_id, key)


def encode(value: object) -> str:
    """JSON for a value made of our dataclasses and enums, datetimes, tuples, lists, dicts."""
    return json.dumps(_tagged(value), ensure_ascii=False, separators=(",", ":"))


def decode(raw: str) -> Any:
    """The value `encode` wrote."""
    return _untagged(json.loads(raw))


def _tagged(value: object) -> Any:
    if isinstance(value, Enum):
        return {"~enum": _name(type(value)), "value": value.value}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"~dc": _name(type(value)), "fields": {
            field.name: _tagged(getattr(value, field.name)) for field in dataclasses.fields(value)}}
    if isinstance(value, str) and type(value) is not str:
        # Our text types (Html: already escaped) must come back as themselves.
        return {"~str": _name(type(value)), "value": str(value)}
    if isinstance(value, datetime):
        return {"~dt": value.isoformat()}
    if isinstance(value, tuple):
        return {"~tuple": [_tagged(item) for item in value]}
    if isinstance(value, list):
        return [_tagged(item) for item in value]
    if isinstance(value, dict):
        return {"~dict": [[_tagged(k), _tagged(v)] for k, v in value.items()]}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot keep a {type(value).__name__} in a conversation")


def _untagged(value: Any) -> Any:
    if isinstance(value, list):
        return [_untagged(item) for item in value]
    if not isinstance(value, dict):
        return value
    if "~enum" in value:
        return _ours(value["~enum"], Enum)(value["value"])
    if "~dc" in value:
        return _ours(value["~dc"], None)(**{k: _untagged(v) for k, v in value["fields"].items()})
    if "~str" in value:
        return _ours(value["~str"], str)(value["value"])
    if "~dt" in value:
        return datetime.fromisoformat(value["~dt"])
    if "~tuple" in value:
        return tuple(_untagged(item) for item in value["~tuple"])
    return {_untagged(k): _untagged(v) for k, v in value["~dict"]}


def _name(kind: type) -> str:
    return f"{kind.__module__}:{kind.__qualname__}"


def _ours(name: str, base: type | None) -> Any:
    """The class a row names, only if it is one of our dataclasses, enums or text types."""
    module, _, qualname = name.partition(":")
    if not module.startswith(_OURS) or "." in qualname:
        raise TypeError(f"not one of ours: {name}")
    kind = getattr(importlib.import_module(module), qualname)
    if not isinstance(kind, type) or not (
            issubclass(kind, base) if base else dataclasses.is_dataclass(kind)):
        raise TypeError(f"not a record: {name}")
    return kind
