"""Receipts: the deep link that follows an application in one tap, as a printable QR code."""

from __future__ import annotations

import io

import segno
from telegram.helpers import create_deep_linked_url


def follow_link(bot_username: str, payload: str) -> str:
    """`https://t.me/<bot>?start=<payload>`."""
    return create_deep_linked_url(bot_username, payload)


def qr_png(link: str) -> bytes:
    """A PNG QR code of the link, large enough to print on a receipt."""
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=8, border=4)
    return buffer.getvalue()
