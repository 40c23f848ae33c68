"""Every list fits one Telegram message, however many and however long the names.

500 applications whose applicant names are 200 characters full of `&` (5 characters each in
HTML): `/find`, `/queue`, `/overdue` and an applicant's `/mine` stay within 4096 characters of
final HTML and say how many more there are, in the chat's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest

from bot.handlers.context import BotApplication
from sandbox import Person, SentMessage
from storage import access_codes
from storage.models import Application
from tests.conftest import FakeClock
from tests.e2e.conftest import BotFactory, services_of
from tests.e2e.office import ask, register

COUNT = 500
FOLLOWED = 200
LIMIT = 4096


def long_name(index: int) -> str:
    """A 200-character applicant name that grows when escaped."""
    return (f"PT Maju & Jaya {index:03d} " + "& " * 100)[:200]


@dataclass(frozen=True)
class Crowd:
    """The bot and the 500 applications, oldest first."""

    bot: BotApplication
    applications: list[Application]


@pytest.fixture
async def crowd(start_bot: BotFactory, clock: FakeClock, admin: Person, alice: Person,
                monkeypatch: pytest.MonkeyPatch) -> Crowd:
    """500 open applications registered a minute apart, all overdue by now; Alice follows 200."""
    real = access_codes.hash_access_code
    monkeypatch.setattr(access_codes, "hash_access_code",
                        lambda code: real(code, iterations=1))  # 500 receipts, quickly
    bot = await start_bot(clock=clock, max_followed=FOLLOWED)
    store = services_of(bot).store
    registered = []
    for index in range(COUNT):
        registered.append(await register(store, admin.id, "SIP", long_name(index)))
        clock.advance(minutes=1)
    for application in registered[:FOLLOWED]:
        await store.followers.follow(application, alice.id, limit=FOLLOWED)
    clock.advance(days=60)
    return Crowd(bot, registered)


class _Balanced(HTMLParser):
    """Fails on a tag or entity cut in half: every tag closes, no `<` or `&` is left bare."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag

    def handle_data(self, data: str) -> None:
        assert not set(data) & {"<", "&", ">"}


def fits(message: SentMessage) -> str:
    """The message's text, after checking its HTML fits and is whole."""
    assert message.html is not None
    assert len(message.html.encode("utf-16-le")) // 2 <= LIMIT
    parser = _Balanced()
    parser.feed(message.html)
    parser.close()
    assert parser.open == []
    assert message.text is not None
    return message.text


def shown_numbers(text: str) -> list[str]:
    """The registration numbers a list shows, in order."""
    return re.findall(r"^• (\S+)", text, re.MULTILINE)


async def test_find_with_500_long_names_fits_and_says_how_many_more(crowd: Crowd,
                                                                    admin: Person) -> None:
    text = fits(await ask(admin, "/find maju & jaya"))
    shown = shown_numbers(text)
    newest_first = [application.number for application in reversed(crowd.applications)]
    assert text.startswith(f"Hasil pencarian ({COUNT})\n• {newest_first[0]} {long_name(499)} ")
    assert shown == newest_first[:len(shown)]
    assert text.endswith(f"\n…dan {COUNT - len(shown)} lainnya")
    assert len(shown) >= 5  # about 600 characters of HTML each


async def test_queue_and_overdue_fit_and_count_the_rest(crowd: Crowd, admin: Person) -> None:
    queue = fits(await ask(admin, "/queue"))
    overdue = fits(await ask(admin, "/overdue"))
    oldest_first = [application.number for application in crowd.applications]

    assert queue.startswith(f"Antrean ({COUNT} terbuka, terlama dulu)\n")
    assert shown_numbers(queue) == oldest_first[:30]
    assert queue.endswith(f"\n…dan {COUNT - 30} lainnya")
    assert overdue.startswith(f"Terlambat ({COUNT})\n")
    assert shown_numbers(overdue) == oldest_first[:30]
    assert overdue.endswith(f"\n…dan {COUNT - 30} lainnya")


async def test_mine_with_200_followed_fits_in_english(crowd: Crowd, alice: Person) -> None:
    await services_of(crowd.bot).store.followers.set_language(alice.id, "en")
    message = await ask(alice, "/mine")
    text = fits(message)
    shown = shown_numbers(text)

    assert text.startswith(f"Applications you follow ({FOLLOWED})\n")
    assert shown == [application.number for application in crowd.applications[:len(shown)]]
    assert text.endswith(f"\n…and {FOLLOWED - len(shown)} more")
    assert [[label for label, _ in row] for row in message.buttons] == [
        [f"📄 {number}"] for number in shown]


async def test_what_staff_typed_is_repeated_only_in_part(bot: BotApplication,
                                                          admin: Person) -> None:
    typed = "&" * 4000
    nothing = fits(await ask(admin, f"/find {typed}"))
    unknown = fits(await ask(admin, f"/queue {typed}"))

    assert nothing == f"Tidak ada yang cocok dengan «{'&' * 99}…»."
    assert f"{'&' * 39}…" in unknown
    assert "&" * 40 not in unknown
