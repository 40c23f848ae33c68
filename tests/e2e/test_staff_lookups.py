"""Clerk-friendly lookups: a typed number opens the staff view, /find reads phone numbers."""

from __future__ import annotations

import pytest

from bot.handlers.context import BotApplication
from sandbox import Person
from tests.e2e.conftest import services_of
from tests.e2e.office import ask, register


@pytest.mark.parametrize(("language", "typed", "title", "applicant"), [
    ("id", "#1", "🗂 JBR-2026-000001 · Persetujuan Bangunan Gedung",
     "Pemohon: I Wayan Sudarma"),
    ("en", "jbr 2026 1", "🗂 JBR-2026-000001 · Building approval",
     "Applicant: I Wayan Sudarma"),
])
async def test_a_clerk_typing_a_number_gets_the_staff_view(
        bot_with_clock: BotApplication, admin: Person, alice: Person, language: str,
        typed: str, title: str, applicant: str) -> None:
    store = services_of(bot_with_clock).store
    await register(store, admin.id)
    await store.followers.set_language(admin.id, language)

    view = await ask(admin, typed)

    assert (view.text or "").splitlines()[:2] == [title, applicant]
    assert view.buttons  # the next steps, as /view gives them
    # An applicant typing the same number keeps the public card, the name masked.
    card = (await ask(alice, "JBR-2026-000001")).text or ""
    assert card.startswith("📄 JBR-2026-000001")
    assert "I Wayan Sudarma" not in card


async def test_a_short_number_is_only_for_staff(bot_with_clock: BotApplication,
                                                admin: Person, alice: Person) -> None:
    await register(services_of(bot_with_clock).store, admin.id)
    assert "Pemohon: I Wayan Sudarma" in ((await ask(admin, "# 1")).text or "")
    assert not ((await ask(alice, "#1")).text or "").startswith("📄")  # explained instead
    assert (await ask(admin, "#999")).text == "Nomor JBR-2026-000999 tidak ditemukan."
