"""How a bill reads to the applicant: the amount in rupiah, the billing code, the due date.

Shared by the status card (bot/) and the notices (notifications/), which must say the same.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from office.dates import format_date
from office.texts import Html, text
from storage.fees import Fee


def format_amount(amount: int, language: str) -> str:
    """`Rp 1.250.000` in Indonesian, `IDR 1,250,000` in English."""
    grouped = f"{amount:,}"
    return f"IDR {grouped}" if language == "en" else f"Rp {grouped.replace(',', '.')}"


def fee_lines(fee: Fee, language: str, zone: ZoneInfo, instructions: str = "") -> list[Html]:
    """Amount, billing code, due date, and where and how to pay when given."""
    lines = [text(language, "fee.amount", amount=format_amount(fee.amount, language)),
             text(language, "fee.billing_code", code=fee.billing_code),
             text(language, "fee.due", date=format_date(fee.due_at, language, zone))]
    if instructions:
        lines.append(text(language, "fee.how", instructions=instructions))
    return lines
