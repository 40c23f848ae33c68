"""Fitting lines into one message: whole lines, final HTML measured, the rest counted."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from bot.views.fitting import (
    TELEGRAM_TEXT_LIMIT,
    first_that_fit,
    fit_message,
    newest_that_fit,
    one_message,
    telegram_length,
)
from bot.views.staff_cards import render_outbox, render_staff
from office.texts import Html, text
from storage.models import DeliveryStatus, OutboxMessage, Role, StaffMember


def lines_of(count: int, seed: int) -> list[Html]:
    """Lines of random length, with escaped ampersands and emoji (two UTF-16 units each)."""
    rng = random.Random(seed)
    return [text("en", "staff.find.line", number=f"JBR-2026-{n:06d}",
                 name="&📄" * rng.randint(0, 200), permit_type="SIP", stage="Received")
            for n in range(count)]


@pytest.mark.parametrize("seed", range(20))
def test_one_message_never_exceeds_the_limit_and_counts_what_it_leaves_out(seed: int) -> None:
    lines = lines_of(random.Random(seed).randint(0, 300), seed)
    head = text("en", "staff.find.header", count=len(lines) + 50)

    body, shown = fit_message(head, lines, "en", total=len(lines) + 50)

    assert telegram_length(body) <= TELEGRAM_TEXT_LIMIT
    assert body == "\n".join([head, *lines[:shown], f"…and {len(lines) + 50 - shown} more"])


def test_everything_that_fits_is_shown_without_a_more_line() -> None:
    lines = [Html(f"• line {n}") for n in range(3)]
    assert one_message(Html("<b>Head</b>"), lines, "id") == (
        "<b>Head</b>\n• line 0\n• line 1\n• line 2")
    assert first_that_fit(lines, "id", 25, total=3) == ["• line 0", "…dan 2 lainnya"]


def test_a_line_that_would_not_leave_room_for_the_more_line_is_left_out() -> None:
    lines = [Html("x" * 10), Html("y" * 10), Html("z" * 10)]
    # The second line would fit, but then "…dan 1 lainnya" (15 with its line break) would not.
    assert first_that_fit(lines, "id", 11 + 11 + 15 - 1) == ["x" * 10, "…dan 2 lainnya"]


def test_the_newest_lines_are_kept_oldest_first_after_the_earlier_count() -> None:
    lines = [Html(f"step {n}") for n in range(10)]
    assert newest_that_fit(lines, "en", 60, max_lines=3) == [
        "…and 7 earlier steps", "step 7", "step 8", "step 9"]


def test_the_outbox_shows_both_lists_within_one_message() -> None:
    def row(number: int, status: DeliveryStatus) -> OutboxMessage:
        moment = datetime(2026, 11, 2, tzinfo=UTC)
        return OutboxMessage(number, f"history:{number}", 5_000_000_000 + number, "change", 1,
                             number, "", status, 8, moment, "&" * 500, moment)

    counts = dict.fromkeys(DeliveryStatus, 0) | {DeliveryStatus.DEAD: 40}
    body = render_outbox(counts, [row(n, DeliveryStatus.PENDING) for n in range(10)],
                         [row(n, DeliveryStatus.DEAD) for n in range(100, 110)], "en")

    assert telegram_length(body) <= TELEGRAM_TEXT_LIMIT
    assert "\n<b>Retrying</b>\n• #0 to 5000000000" in body
    assert "\n<b>Dead</b> (admins: <code>/outbox retry</code>)\n• #100 to" in body
    assert "&amp;" * 119 + "…" in body  # an error is cut before escaping, never inside &amp;
    retrying, dead = body.split("<b>Dead</b>")
    assert retrying.endswith(f"\n…and {10 - retrying.count('• #')} more\n\n")
    assert dead.endswith(f"\n…and {40 - dead.count('• #')} more")


def test_a_long_staff_list_fits() -> None:
    members = [StaffMember(n, "&" * 100, Role.OPERATOR, True, datetime(2026, 1, 1, tzinfo=UTC))
               for n in range(100)]
    body = render_staff(members, "id")
    assert telegram_length(body) <= TELEGRAM_TEXT_LIMIT
    assert body.endswith(f"…dan {100 - body.count('• ')} lainnya")
