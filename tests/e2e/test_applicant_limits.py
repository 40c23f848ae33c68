"""Limits and safety: long histories fit one message, and people's text shows literally."""

from __future__ import annotations

from bot.handlers.context import BotApplication
from sandbox import Person
from storage.workflow import Action
from tests.conftest import FakeClock
from tests.e2e.applicant_steps import (
    LANGUAGES,
    NUMBER,
    ask,
    fresh_card,
    register,
    speak,
    staff_id,
    stage_guide,
    store_of,
)
from tests.e2e.conftest import BotFactory

NOTES = 300
NAME = '<b>Wayan & "Sons"</b>'
NOTE = '<script>alert("hi")</script> & <i>Tom & Jerry</i>'
HISTORY = {"id": "Riwayat", "en": "History"}
NOTE_STEP = {"id": "Catatan", "en": "Note"}


def long_note(step: int, length: int = 900) -> str:
    """A public note of `length` characters that says which step it is."""
    return f"{step:03d} " + "x" * (length - 4)


async def with_long_history(bot: BotApplication, person: Person, notes: int = NOTES,
                            length: int = 900) -> None:
    """An application with many long notes, followed (quietly) by the person."""
    application, _ = await register(bot)
    store = store_of(bot)
    for step in range(1, notes + 1):
        await store.applications.change(NUMBER, Action.NOTE, staff_id=staff_id(bot),
                                        public_note=long_note(step, length))
    await store.followers.follow(application, person.id, 20)


def earlier(lang: str, count: int) -> str:
    """The line standing for the steps left out."""
    return f"…dan {count} langkah sebelumnya" if lang == "id" else f"…and {count} earlier steps"


def last_steps(lang: str, count: int, notes: int = NOTES, length: int = 900) -> list[str]:
    """The newest `count` note lines of the long history, oldest first."""
    return [f"2 Nov 2026 · {NOTE_STEP[lang]} — {long_note(step, length)}"
            for step in range(notes - count + 1, notes + 1)]


@LANGUAGES
async def test_card_with_a_very_long_history_fits_one_message(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    await with_long_history(bot_with_clock, alice)
    await speak(alice, lang)
    card = await ask(alice, NUMBER)
    summary = fresh_card(lang, follower=True).split(f"\n\n{HISTORY[lang]}\n")[0]
    # The Indonesian estimate line is longer: one step fewer fits.
    left_out, shown = {"id": (298, 3), "en": (297, 4)}[lang]
    assert card.text == "\n".join([summary, "", HISTORY[lang], earlier(lang, left_out),
                                   *last_steps(lang, shown)])
    assert len(card.text) <= 4096


@LANGUAGES
async def test_full_history_of_a_very_long_history_fits_one_message(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    await with_long_history(bot_with_clock, alice)
    await speak(alice, lang)
    card = await ask(alice, NUMBER)
    await alice.press({"id": "Riwayat", "en": "History"}[lang])
    history = await alice.next_message()
    assert (history.message_id, history.edited) == (card.message_id, True)
    title = {"id": "Persetujuan Bangunan Gedung", "en": "Building approval"}[lang]
    # Every stage with its description comes first, then as much history as fits.
    assert history.text == "\n".join([f"📄 {NUMBER}", title, "", *stage_guide(lang, 1), "",
                                      HISTORY[lang], earlier(lang, 298), *last_steps(lang, 3)])
    assert len(history.text) <= 4096


@LANGUAGES
async def test_full_history_leaves_room_for_its_title(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    # Notes of this length overflowed 4096 characters when the history forgot the title.
    length = {"id": 981, "en": 987}[lang]
    await with_long_history(bot_with_clock, alice, notes=10, length=length)
    await speak(alice, lang)
    await ask(alice, NUMBER)
    await alice.press({"id": "Riwayat", "en": "History"}[lang])
    history = await alice.next_message()
    assert history.edited
    assert history.text is not None
    assert history.text.split("\n\n")[-1] == "\n".join(
        [HISTORY[lang], earlier(lang, 8), *last_steps(lang, 3, notes=10, length=length)])


@LANGUAGES
async def test_card_shows_the_configured_number_of_history_lines(
        start_bot: BotFactory, clock: FakeClock, alice: Person, lang: str) -> None:
    bot = await start_bot(clock=clock, history_lines=3)
    await register(bot)
    for _ in range(5):
        clock.advance(days=1)
        await store_of(bot).applications.change(NUMBER, Action.ADVANCE, staff_id=staff_id(bot))
    await speak(alice, lang)
    card = await ask(alice, NUMBER)
    assert card.text is not None
    assert card.text.split("\n\n")[-1] == "\n".join({
        "id": ["Riwayat", "…dan 3 langkah sebelumnya", "5 Nov 2026 · Rekomendasi teknis (TPA/TPT)",
               "6 Nov 2026 · Pembayaran retribusi (SKRD)", "7 Nov 2026 · Penandatanganan"],
        "en": ["History", "…and 3 earlier steps", "5 Nov 2026 · Technical review",
               "6 Nov 2026 · Fee payment", "7 Nov 2026 · Signing"],
    }[lang])


@LANGUAGES
async def test_name_and_note_with_markup_show_literally_to_a_follower(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    await register(bot_with_clock, NAME, code="482913")
    await store_of(bot_with_clock).applications.change(
        NUMBER, Action.NOTE, staff_id=staff_id(bot_with_clock), public_note=NOTE)
    await speak(alice, lang)
    await ask(alice, f"/follow {NUMBER} 482913")
    card = await ask(alice, NUMBER)
    assert card.text == "\n".join([
        *fresh_card(lang, follower=True, name=NAME).splitlines(),
        f"2 Nov 2026 · {NOTE_STEP[lang]} — {NOTE}"])
    assert card.html is not None
    assert "&lt;b&gt;Wayan &amp; &quot;Sons&quot;&lt;/b&gt;" in card.html
    assert "&lt;script&gt;" in card.html
    assert [entity["type"] for entity in card.entities] == ["bold", "bold", "bold", "italic"]


@LANGUAGES
async def test_masked_name_with_markup_shows_literally_to_a_stranger(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    await register(bot_with_clock, NAME)
    await store_of(bot_with_clock).applications.change(
        NUMBER, Action.NOTE, staff_id=staff_id(bot_with_clock), public_note=NOTE)
    await speak(alice, lang)
    card = await ask(alice, NUMBER)
    expected = fresh_card(lang, follower=False).replace("I***** W*****", "****** ****** ******")
    assert card.text == expected
    assert card.text is not None
    assert "script" not in card.text
