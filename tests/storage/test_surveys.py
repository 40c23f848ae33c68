"""The satisfaction survey: invitations once, answers only from invited followers, anonymous."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from storage.errors import SurveyNotInvited, SurveyStale
from storage.models import Application
from storage.retention import blank_personal_data
from storage.store import Store
from storage.workflow import ISSUED, REJECTED, Action
from tests.conftest import FakeClock

STAFF = 7
CHAT = 1001


async def issued(store: Store, clock: FakeClock) -> Application:
    """A followed application, issued after the survey job's first run set its watermark."""
    application, _ = await store.applications.create("PBG", "Ni Made Ayu", staff_id=STAFF)
    await store.followers.follow(application, CHAT, 20)
    await store.surveys.invite_decided([ISSUED])
    clock.advance(minutes=1)
    while application.stage != ISSUED:
        application = (await store.applications.change(application.number, Action.ADVANCE,
                                                       staff_id=STAFF)).application
    clock.advance(minutes=1)
    return application


async def test_followers_of_an_issued_application_are_invited_once(store: Store,
                                                                  clock: FakeClock) -> None:
    application = await issued(store, clock)
    assert await store.surveys.invite_decided([ISSUED, REJECTED]) == 1
    assert await store.surveys.invite_decided([ISSUED, REJECTED]) == 0
    rows = await store.database.fetch_all(
        "SELECT chat_id, kind, event_key FROM outbox WHERE kind = 'survey_invite'")
    assert [tuple(row) for row in rows] == [(CHAT, "survey_invite", f"survey:{application.id}")]


async def test_the_first_run_invites_nobody_for_files_decided_before(store: Store,
                                                                    clock: FakeClock) -> None:
    application, _ = await store.applications.create("PBG", "Ni Made Ayu", staff_id=STAFF)
    await store.followers.follow(application, CHAT, 20)
    await store.applications.change(application.number, Action.REJECT, staff_id=STAFF,
                                    public_note="incomplete")
    assert await store.surveys.invite_decided([ISSUED, REJECTED]) == 0
    assert await store.surveys.invite_decided([ISSUED, REJECTED]) == 0


async def test_a_finished_survey_counts_without_chat_or_application(store: Store,
                                                                   clock: FakeClock) -> None:
    application = await issued(store, clock)
    await store.surveys.invite_decided([ISSUED])
    for step, value in enumerate([4, 3, None, 2, 4, 4, 1, 3, 4]):
        await store.surveys.answer(application.id, CHAT, step, value)
    assert await store.surveys.awaiting_comment(CHAT) == application.id
    done = await store.surveys.comment(application.id, CHAT, "  Cepat <b>sekali</b> " + "x" * 2000)
    assert done.finished
    day = clock().date()
    figures = await store.surveys.element_counts(day, day)
    assert figures.responses == 1
    assert figures.counts[1] == {1: 0, 2: 0, 3: 0, 4: 1}
    assert figures.counts[3] == {1: 0, 2: 0, 3: 0, 4: 0}
    assert figures.counts[7] == {1: 1, 2: 0, 3: 0, 4: 0}
    before = await store.surveys.element_counts(date(2020, 1, 1), date(2020, 12, 31))
    assert before.responses == 0
    columns = await store.database.fetch_all("SELECT * FROM survey_responses")
    assert len(columns[0]) == 3
    assert str(columns[0][2]).startswith("Cepat <b>sekali</b> x")
    assert len(str(columns[0][2])) == 1000
    assert await store.database.fetch_value("SELECT answers FROM survey_invitations") == ""


async def test_repeated_stale_and_foreign_presses_change_nothing(store: Store,
                                                                clock: FakeClock) -> None:
    application = await issued(store, clock)
    await store.surveys.invite_decided([ISSUED])
    await store.surveys.answer(application.id, CHAT, 0, 4)
    with pytest.raises(SurveyStale):
        await store.surveys.answer(application.id, CHAT, 0, 1)
    with pytest.raises(SurveyNotInvited):
        await store.surveys.answer(application.id, 2002, 1, 1)
    await store.followers.unfollow(application, CHAT)
    with pytest.raises(SurveyNotInvited):
        await store.surveys.answer(application.id, CHAT, 1, 1)
    assert await store.database.fetch_value("SELECT answers FROM survey_invitations") == "4,"


async def test_stop_keeps_what_was_answered_and_ends_it(store: Store, clock: FakeClock) -> None:
    application = await issued(store, clock)
    await store.surveys.invite_decided([ISSUED])
    await store.surveys.answer(application.id, CHAT, 0, 2)
    await store.surveys.stop(application.id, CHAT, 1)
    with pytest.raises(SurveyStale):
        await store.surveys.answer(application.id, CHAT, 1, 3)
    with pytest.raises(SurveyStale):
        await store.surveys.stop(application.id, CHAT, 1)
    day = clock().date()
    figures = await store.surveys.element_counts(day, day)
    assert (figures.responses, figures.counts[1][2], sum(figures.counts[2].values())) == (1, 1, 0)


async def test_forget_me_removes_the_invitation_and_keeps_the_anonymous_response(
        store: Store, clock: FakeClock) -> None:
    application = await issued(store, clock)
    await store.surveys.invite_decided([ISSUED])
    await store.surveys.answer(application.id, CHAT, 0, 3)
    await store.surveys.stop(application.id, CHAT, 1)
    await store.followers.forget_chat(CHAT)
    assert await store.database.fetch_value("SELECT COUNT(*) FROM survey_invitations") == 0
    assert await store.database.fetch_value("SELECT COUNT(*) FROM survey_responses") == 1


async def test_retention_removes_the_link_and_keeps_the_anonymous_response(
        store: Store, clock: FakeClock) -> None:
    application = await issued(store, clock)
    await store.surveys.invite_decided([ISSUED])
    await store.surveys.answer(application.id, CHAT, 0, 3)
    await store.surveys.stop(application.id, CHAT, 1)
    recent, _ = await store.applications.create("PBG", "Made Baru", staff_id=STAFF)
    await store.followers.follow(recent, 2002, 20)
    clock.advance(days=200)
    await store.applications.change(recent.number, Action.REJECT, staff_id=STAFF,
                                    public_note="incomplete")
    await store.surveys.invite_decided([REJECTED])
    clock.advance(days=166)  # the first was decided 366 days ago, the second 166

    await blank_personal_data(store.database, clock.now, 365)

    rows = await store.database.fetch_all("SELECT application_id, chat_id FROM survey_invitations")
    assert [tuple(row) for row in rows] == [(recent.id, 2002)]
    day = (clock.now - timedelta(days=366)).date()
    figures = await store.surveys.element_counts(day, day)
    assert (figures.responses, figures.counts[1][3]) == (1, 1)
