"""In the staff group a question belongs to the clerk it was asked of: a colleague's press on
its buttons changes nothing, leaves them in place, and tells only the colleague why."""

from __future__ import annotations

from pathlib import Path

from office.settings import Settings
from sandbox import Person, Sandbox
from storage.models import Role
from tests.e2e.applicant_steps import LANGUAGES
from tests.e2e.conftest import services_of
from tests.e2e.office import CONFIRM, hire, office_bot, register, snapshot

NOT_YOURS = {"id": "Pertanyaan ini untuk rekan Anda: hanya dia yang bisa menjawabnya.",
             "en": "This question was asked of a colleague: only they can answer it."}
REJECTED = {"id": "✅ {number}: Berkas diterima → Ditolak. Pengikut dikabari: 0.",
            "en": "✅ {number}: Received → Rejected. Followers told: 0."}


@LANGUAGES
async def test_a_colleague_cannot_confirm_or_cancel_someone_elses_question(
        sandbox: Sandbox, admin: Person, settings: Settings, e2e_database: Path | str,
        lang: str) -> None:
    kadek = sandbox.add_user("Kadek", language_code="id")
    group = sandbox.add_group("Petugas DPMPTSP", [kadek], admins=[admin])
    async with office_bot(sandbox, admin, settings, e2e_database,
                          group_chat_id=group.id) as bot:
        store = services_of(bot).store
        await store.followers.set_language(group.id, lang)
        await hire(bot, kadek.id, Role.OPERATOR, "Kadek Dwi", by=admin.id)
        number = (await register(store, admin.id)).number
        await admin.send("/reject 1 Lokasi di jalur hijau", chat=group)
        question = await group.next_message()
        before = await snapshot(store, number)

        for button in (CONFIRM[lang], {"id": "Batal", "en": "Cancel"}[lang]):
            answer = await kadek.press(button, chat=group)
            assert (answer.text, answer.show_alert) == (NOT_YOURS[lang], True)
        assert await snapshot(store, number) == before
        assert question.buttons  # still there for the one who asked

        await admin.press(CONFIRM[lang], chat=group)
        assert (await group.next_message()).buttons == []
        assert (await group.next_message()).text == REJECTED[lang].format(number=number)
