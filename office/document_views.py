"""Documents in words and buttons: the receipt, the staff forward and its review buttons,
the lines of `/view`, the notices to the sender.

Callback data: `dr:a:<document id>` (accept) and `dr:r:<document id>` (ask again) under the
staff forward; `dc:<choice id>:<application id>` under the applicant's "which application?".
The store checks who may do what, so forged data names nothing it did not already allow.
"""

from __future__ import annotations

import math
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from office.dates import format_date
from office.texts import Html, join, label, text
from storage.documents import Document

REVIEW_PREFIX = "dr"
CHOICE_PREFIX = "dc"
MEGABYTE = 1024 * 1024


def format_size(size: int, language: str) -> str:
    """`840 KB`, `1.2 MB` (`1,2 MB` in Indonesian): what people read on their phones."""
    if size < MEGABYTE:
        return f"{max(1, math.ceil(size / 1024))} KB"
    shown = f"{size / MEGABYTE:.1f}"
    return f"{shown.replace('.', ',') if language == 'id' else shown} MB"


def what(kind: str, mime_type: str, language: str) -> str:
    """`photo`, `PDF document`…"""
    return label(language, "documents.what.photo" if kind == "photo"
                 else f"documents.what.{mime_type}")


def receipt(document: Document, number: str, language: str) -> Html:
    """What the sender reads once the file is kept."""
    return text(language, "documents.received", number=number, document=document.id,
                what=what(document.kind, document.mime_type, language),
                size=format_size(document.size, language))


def staff_forward(document_id: int, number: str, stage: str, name: str, kind: str,
                  mime_type: str, size: int, language: str) -> tuple[Html, InlineKeyboardMarkup]:
    """The caption and buttons under the file as staff receive it."""
    caption = text(language, "documents.staff.forward", document=document_id, number=number,
                   stage=stage, name=name, what=what(kind, mime_type, language),
                   size=format_size(size, language))
    return caption, InlineKeyboardMarkup([[
        InlineKeyboardButton(label(language, "documents.staff.accept"),
                             callback_data=f"{REVIEW_PREFIX}:a:{document_id}"),
        InlineKeyboardButton(label(language, "documents.staff.again"),
                             callback_data=f"{REVIEW_PREFIX}:r:{document_id}")]])


def choice_keyboard(choice_id: int, options: list[tuple[int, str]]) -> InlineKeyboardMarkup:
    """One button per eligible application (id, number)."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(
        number, callback_data=f"{CHOICE_PREFIX}:{choice_id}:{application_id}")]
        for application_id, number in options])


def document_lines(documents: list[Document], language: str, zone: ZoneInfo) -> Html:
    """The documents section of the staff view (empty when there are none)."""
    if not documents:
        return Html("")
    return join([text(language, "documents.view.heading", count=len(documents)),
                 *[text(language, "documents.view.line", document=d.id,
                        date=format_date(d.received_at, language, zone),
                        what=what(d.kind, d.mime_type, language),
                        size=format_size(d.size, language),
                        status=label(language, f"documents.status.{d.status}"))
                   for d in documents]])


def review_notice(document_id: int, number: str, status: str, note: str,
                  language: str) -> Html:
    """What the sender is told after staff accept the document or ask for it again."""
    if status == "accepted":
        return text(language, "documents.notify.accepted", document=document_id, number=number)
    return text(language, "documents.notify.again", document=document_id, number=number,
                reason=note)

