"""Parsing what staff type: short numbers, notes with an internal part."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from telegram import Update

from bot.handlers.error_replies import UsageError
from storage.numbers import format_number, normalise_number

INTERNAL_MARK = "//"
# `scheme://` opens a link: its `//` belong to the link, not to the note's internal part.
_LINK = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://")
_WORD = re.compile(r"\S+")
# A full number as people type it, separators and all: `jbr 2026 123`, `JBR-2026-000123`.
_LEADING_NUMBER = re.compile(
    r"\s*([A-Za-z]{2,10}[\s\-_./]*\d{4}[\s\-_./]*\d{1,6})(?:\s+(.*)|\s*$)", re.DOTALL)
# `#12`: the short form staff write in chat for this year's application 12.
SHORT_NUMBER = re.compile(r"^\s*#\s*(\d{1,6})\s*$")


@dataclass(frozen=True)
class NoteParts:
    """A note as typed: what followers see, and what stays in the office."""

    public: str
    internal: str


def command_text(update: Update) -> str:
    """The message text after the command word (spacing inside kept)."""
    message = update.effective_message
    text = (message.text or message.caption or "") if message else ""
    parts = text.split(maxsplit=1)
    return parts[1] if len(parts) > 1 else ""


def staff_number(token: str, prefix: str, now: datetime) -> str:
    """A number as staff type it: full (any form) or just the sequence of this year.

    `now` must be in the office's time zone: on New Year's morning in Bali, UTC is still in
    the old year.
    """
    if token.isdigit() and len(token) <= 6:
        return format_number(prefix, now.year, int(token))
    return normalise_number(token) or token.upper()


def typed_number(text: str, prefix: str, now: datetime) -> str | None:
    """The number a staff member's plain message names (`#12` or a full number), or None."""
    short = SHORT_NUMBER.match(text)
    if short:
        return staff_number(short.group(1), prefix, now)
    return normalise_number(text)


def split_note(text: str) -> NoteParts:
    """`public text // internal text` → the two parts, stripped.

    The first `//` outside a link (`https://…`, any `scheme://…` up to the next space) starts
    the internal part, spaces around it or not. Only `//` standing alone between spaces would
    also keep links whole, but then `Berkas lengkap //cek IMB` — typed as notes always were —
    would go to the applicant: a cut link is a nuisance, a leaked internal note is not.
    """
    cut = _internal_mark(text)
    if cut is None:
        return NoteParts(text.strip(), "")
    return NoteParts(text[:cut].strip(), text[cut + len(INTERNAL_MARK):].strip())


def _internal_mark(text: str) -> int | None:
    """Where the first `//` outside a link is, if anywhere."""
    for word in _WORD.finditer(text):
        link = _LINK.search(word.group())
        before_link = link.start() if link else len(word.group())
        found = word.group().find(INTERNAL_MARK, 0, before_link)
        if found != -1:
            return word.start() + found
    return None


def number_and_rest(update: Update, usage: UsageError, prefix: str,
                    now: datetime) -> tuple[str, str]:
    """The leading registration number (spaces inside allowed), and the rest of the text."""
    text = command_text(update)
    spaced = _LEADING_NUMBER.match(text)
    if spaced:
        return staff_number(spaced.group(1), prefix, now), spaced.group(2) or ""
    parts = text.split(maxsplit=1)
    if not parts:
        raise usage
    return staff_number(parts[0], prefix, now), parts[1] if len(parts) > 1 else ""
