"""Dates as people in the office read them, in their language and the office's time zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

_MONTHS = {
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def format_date(moment: datetime, language: str, zone: ZoneInfo) -> str:
    """`24 Nov 2026` (Indonesian month abbreviations in `id`)."""
    local = moment.astimezone(zone)
    months = _MONTHS.get(language, _MONTHS["id"])
    return f"{local.day} {months[local.month - 1]} {local.year}"


def format_datetime(moment: datetime, language: str, zone: ZoneInfo) -> str:
    """`24 Nov 2026 14.05` in Indonesian, `24 Nov 2026 14:05` in English."""
    local = moment.astimezone(zone)
    separator = ":" if language == "en" else "."
    return f"{format_date(moment, language, zone)} {local.hour:02d}{separator}{local.minute:02d}"
