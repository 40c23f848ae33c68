"""The IKM by Permenpan RB 14/2017, checked against an example worked by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from storage.models import Application
from storage.satisfaction import band, period_index, satisfaction_index
from storage.store import Store
from storage.workflow import ISSUED, Action
from tests.conftest import FakeClock

STAFF = 7
# Three responses; None is a skipped question.
#             U1 U2    U3 U4 U5 U6 U7 U8 U9
RESPONSES = ((3, 3,    3, 3, 3, 4, 4, 3, 3),
             (3, 3,    3, 3, 3, 3, 3, 2, 3),
             (3, None, 2, 2, 3, 3, 3, 1, 2))
# Worked by hand, element by element (mean over those who answered; x 25 for the scale):
#   U1 (3+3+3)/3 = 3      -> 75.00     U6 (4+3+3)/3 = 10/3 -> 83.33
#   U2 (3+3)/2   = 3      -> 75.00     U7 (4+3+3)/3 = 10/3 -> 83.33
#      (the skip counts in neither sum nor divisor)
#   U3 (3+3+2)/3 = 8/3    -> 66.67     U8 (3+2+1)/3 = 2    -> 50.00
#   U4 (3+3+2)/3 = 8/3    -> 66.67     U9 (3+3+2)/3 = 8/3  -> 66.67
#   U5 (3+3+3)/3 = 3      -> 75.00
# Sum of means = 3+3+3 + 2 + (8+8+10+10+8)/3 = 11 + 44/3 = 77/3; x 1/9 = 77/27 = 2.8519;
# x 25 = 1925/27 = 71.2963 -> 71.30, which lies in 65.00-76.60: band C (Kurang Baik).
ELEMENT_INDEX = ("75.00", "75.00", "66.67", "66.67", "75.00", "83.33", "83.33", "50.00",
                 "66.67")


def counted(responses: tuple[tuple[int | None, ...], ...]) -> dict[int, dict[int, int]]:
    """Answer counts per element and value, as the store returns them."""
    counts = {element: dict.fromkeys(range(1, 5), 0) for element in range(1, 10)}
    for response in responses:
        for element, value in enumerate(response, start=1):
            if value is not None:
                counts[element][value] += 1
    return counts


def test_the_hand_worked_example_gives_71_30_band_c() -> None:
    index = satisfaction_index(counted(RESPONSES), responses=3, invitations=4)
    assert index.mean == Fraction(77, 27)
    assert index.index == Decimal("71.30")
    assert band(Decimal("71.30")) == "C"
    assert [str(score.index) for score in index.elements] == list(ELEMENT_INDEX)
    assert index.elements[1].answered == 2
    assert index.elements[1].mean == 3


@pytest.mark.parametrize(("value", "letter"), [
    ("100.00", "A"), ("88.31", "A"), ("88.30", "B"), ("76.61", "B"), ("76.60", "C"),
    ("65.00", "C"), ("64.99", "D"), ("25.00", "D")])
def test_the_bands_meet_at_the_regulations_bounds(value: str, letter: str) -> None:
    assert band(Decimal(value)) == letter


def test_without_responses_there_is_no_index_and_no_division() -> None:
    index = satisfaction_index(counted(()), responses=0, invitations=0)
    assert (index.mean, index.index) == (None, None)
    assert all(score.index is None for score in index.elements)


def test_an_element_nobody_answered_leaves_the_others_their_weight() -> None:
    # All fours but U9 skipped by everyone: the index is 100, not 100 x 8/9.
    index = satisfaction_index(counted(((4,) * 8 + (None,),)), responses=1, invitations=1)
    assert index.index == Decimal("100.00")
    assert index.elements[8].index is None


def test_all_ones_is_the_bottom_of_the_scale() -> None:
    assert satisfaction_index(counted(((1,) * 9,)), 1, 1).index == Decimal("25.00")


async def answered(store: Store, clock: FakeClock,
                   responses: tuple[tuple[int | None, ...], ...]) -> Application:
    """One issued application followed by one chat per response, each finishing its survey."""
    application, _ = await store.applications.create("PBG", "Ni Made Ayu", staff_id=STAFF)
    chats = [1001 + n for n in range(len(responses) + 1)]
    for chat in chats:
        await store.followers.follow(application, chat, 20)
    await store.surveys.invite_decided([ISSUED])
    clock.advance(minutes=1)
    while application.stage != ISSUED:
        application = (await store.applications.change(application.number, Action.ADVANCE,
                                                       staff_id=STAFF)).application
    clock.advance(minutes=1)
    await store.surveys.invite_decided([ISSUED])
    for chat, response in zip(chats, responses, strict=False):
        for step, value in enumerate(response):
            await store.surveys.answer(application.id, chat, step, value)
        await store.surveys.stop(application.id, chat, len(response), "ok")
    return application


async def test_the_store_gives_the_hand_worked_index_with_the_response_rate(
        store: Store, clock: FakeClock) -> None:
    await answered(store, clock, RESPONSES)
    # Four invitations, one per follower; three delivered ones count (the fourth is pending).
    async with store.database.transaction() as conn:
        await conn.execute("UPDATE outbox SET status = 'sent' "
                           "WHERE kind = 'survey_invite' AND chat_id < 1004")
    now = clock()
    today = now.date()
    index = await period_index(store.database, today, today, now - timedelta(days=1),
                               now + timedelta(days=1))
    assert (index.index, index.responses, index.invitations) == (Decimal("71.30"), 3, 3)
    assert [str(score.index) for score in index.elements] == list(ELEMENT_INDEX)
    before = await period_index(store.database, today - timedelta(days=9),
                                today - timedelta(days=1), now - timedelta(days=9),
                                now - timedelta(days=1))
    assert (before.index, before.responses, before.invitations) == (None, 0, 0)


async def test_a_response_counts_on_the_offices_day_not_utcs(store: Store,
                                                            clock: FakeClock) -> None:
    # 23:00 UTC on 30 November is 07:00 on 1 December in Jembrana (WITA, UTC+8).
    clock.now = datetime(2026, 11, 30, 22, 58, tzinfo=UTC)
    await answered(store, clock, RESPONSES[:1])
    december, november = date(2026, 12, 1), date(2026, 11, 30)
    assert (await store.surveys.element_counts(december, december)).responses == 1
    assert (await store.surveys.element_counts(november, november)).responses == 0
