"""What a notification says: each kind of change, in both languages, escaped, with its button."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from notifications.composer import Composed, Composer, render_change
from office.settings import Settings
from office.texts import Html
from storage.models import Application, HistoryEntry, OutboxMessage
from storage.store import Store
from storage.workflow import Action
from tests.conftest import FakeClock

WITA = ZoneInfo("Asia/Makassar")
NUMBER = "JBR-2026-000123"
AT = datetime(2026, 11, 2, 9, 0, tzinfo=WITA)
DUE = datetime(2026, 12, 1, 23, 59, 59, tzinfo=WITA)
NOTE = '<b>Sons & "Co"</b>'
ESCAPED = "&lt;b&gt;Sons &amp; &quot;Co&quot;&lt;/b&gt;"
OFFICE = "DPMPTSP Kabupaten Jembrana"
ADDRESS = "Jl. Surapati No. 1, Negara, Jembrana, Bali"
PICKUP = "Senin\u2013Jumat 09.00\u201312.00 WITA, loket pengambilan izin"
OPENING = "Senin\u2013Kamis 08.00\u201315.00, Jumat 08.00\u201312.00 WITA"
PICKUP_EN = "Mon\u2013Fri 09.00\u201312.00 WITA, permit pickup counter"
OPENING_EN = "Mon\u2013Thu 08.00\u201315.00, Fri 08.00\u201312.00 WITA"
STAFF = 7


def application(stage: str) -> Application:
    """A PBG application at the given stage."""
    return Application(id=1, number=NUMBER, permit_type="PBG", applicant_name="Ni Made Ayu",
                       contact="", stage=stage, stage_entered_at=AT, created_at=AT,
                       updated_at=AT, due_at=DUE, decided_at=None, version=2)


def entry(action: str, from_stage: str | None, to_stage: str, note: str = "") -> HistoryEntry:
    """A history row as the store writes it."""
    return HistoryEntry(id=9, application_id=1, action=action, from_stage=from_stage,
                        to_stage=to_stage, public_note=note, internal_note="secret",
                        staff_id=STAFF, staff_name="Wayan", at=AT, due_at=DUE)


def render(settings: Settings, step: HistoryEntry, language: str) -> str:
    """The notice for one history row."""
    permit_type = settings.catalogue().get("PBG")
    return render_change(application(step.to_stage), step, permit_type, language, settings)


CASES = [
    pytest.param(
        entry("advance", "document_check", "field_inspection"), "id",
        f"🔔 <b>{NUMBER}</b> berpindah tahap\n"
        "Verifikasi berkas → <b>Survei lapangan</b>\n"
        "Target selesai: 1 Des 2026",
        id="change-id"),
    pytest.param(
        entry("advance", "document_check", "field_inspection"), "en",
        f"🔔 <b>{NUMBER}</b> moved to another stage\n"
        "Document check → <b>Field inspection</b>\n"
        "Due: 1 Dec 2026",
        id="change-en"),
    pytest.param(
        entry("move", "technical_review", "field_inspection", NOTE), "id",
        f"🔔 <b>{NUMBER}</b> berpindah tahap\n"
        "Rekomendasi teknis (TPA/TPT) → <b>Survei lapangan</b>\n"
        "Target selesai: 1 Des 2026\n"
        f"Catatan petugas: <i>{ESCAPED}</i>",
        id="change-with-note-id"),
    pytest.param(
        entry("move", "technical_review", "field_inspection", NOTE), "en",
        f"🔔 <b>{NUMBER}</b> moved to another stage\n"
        "Technical review → <b>Field inspection</b>\n"
        "Due: 1 Dec 2026\n"
        f"Staff note: <i>{ESCAPED}</i>",
        id="change-with-note-en"),
    pytest.param(
        entry("advance", "technical_review", "fee_payment"), "id",
        f"🔔 <b>{NUMBER}</b> berpindah tahap\n"
        "Rekomendasi teknis (TPA/TPT) → <b>Pembayaran retribusi (SKRD)</b>\n"
        "⏳ Langkah ini giliran Anda; waktu layanan kantor berhenti sementara sampai langkah ini "
        "selesai. Pertanyaan: DPMPTSP Kabupaten Jembrana, (0365) 41210.",
        id="into-a-wait-says-whose-turn-it-is-id"),
    pytest.param(
        entry("advance", "technical_review", "fee_payment"), "en",
        f"🔔 <b>{NUMBER}</b> moved to another stage\n"
        "Technical review → <b>Fee payment</b>\n"
        "⏳ This step is yours; the office's service clock is paused until it is done. "
        "Questions: DPMPTSP Kabupaten Jembrana, (0365) 41210.",
        id="into-a-wait-says-whose-turn-it-is-en"),
    pytest.param(
        entry("advance", "returned", "document_check"), "en",
        f"🔔 <b>{NUMBER}</b> moved to another stage\n"
        "Returned for completion → <b>Document check</b>\n"
        "Due: 1 Dec 2026",
        id="resubmitted-en"),
    pytest.param(
        entry("note", "field_inspection", "field_inspection", NOTE), "id",
        f"📝 Catatan baru untuk <b>{NUMBER}</b>\n"
        f"Catatan petugas: <i>{ESCAPED}</i>",
        id="note-id"),
    pytest.param(
        entry("note", "field_inspection", "field_inspection", NOTE), "en",
        f"📝 New note on <b>{NUMBER}</b>\n"
        f"Staff note: <i>{ESCAPED}</i>",
        id="note-en"),
    pytest.param(
        entry("issue", "signing", "issued"), "id",
        f"🎉 Persetujuan Bangunan Gedung Anda (<b>{NUMBER}</b>) sudah terbit dan bisa diambil.\n"
        f"📍 Ambil di {OFFICE}: {ADDRESS}\n"
        f"🕘 {PICKUP}\n"
        "Bawa tanda terima dan KTP.",
        id="issued-id"),
    pytest.param(
        entry("issue", "signing", "issued"), "en",
        f"🎉 Your Building approval (<b>{NUMBER}</b>) has been issued and can be collected.\n"
        f"📍 Collect at {OFFICE}: {ADDRESS}\n"
        f"🕘 {PICKUP_EN}\n"
        "Bring your receipt and ID card.",
        id="issued-en"),
    pytest.param(
        entry("issue", "signing", "issued", NOTE), "en",
        f"🎉 Your Building approval (<b>{NUMBER}</b>) has been issued and can be collected.\n"
        f"📍 Collect at {OFFICE}: {ADDRESS}\n"
        f"🕘 {PICKUP_EN}\n"
        "Bring your receipt and ID card.\n"
        f"Staff note: <i>{ESCAPED}</i>",
        id="issued-with-note-en"),
    pytest.param(
        entry("reject", "technical_review", "rejected", NOTE), "id",
        f"❌ Permohonan <b>{NUMBER}</b> (Persetujuan Bangunan Gedung) ditolak.\n"
        f"Alasan: <i>{ESCAPED}</i>\n"
        "Anda dapat mengajukan lagi setelah alasannya diselesaikan. Pertanyaan: DPMPTSP "
        "Kabupaten Jembrana, (0365) 41210.",
        id="rejected-id"),
    pytest.param(
        entry("reject", "technical_review", "rejected", NOTE), "en",
        f"❌ Application <b>{NUMBER}</b> (Building approval) was rejected.\n"
        f"Reason: <i>{ESCAPED}</i>\n"
        "You may apply again once the reason is resolved. Questions: DPMPTSP Kabupaten "
        "Jembrana, (0365) 41210.",
        id="rejected-en"),
    pytest.param(
        entry("withdraw", "document_check", "withdrawn", NOTE), "id",
        f"↩️ Permohonan Anda <b>{NUMBER}</b> (Persetujuan Bangunan Gedung) sudah ditarik atas "
        "permintaan Anda.\n"
        f"Catatan petugas: <i>{ESCAPED}</i>",
        id="withdrawn-id"),
    pytest.param(
        entry("withdraw", "document_check", "withdrawn", NOTE), "en",
        f"↩️ Your application <b>{NUMBER}</b> (Building approval) was withdrawn at your "
        "request.\n"
        f"Staff note: <i>{ESCAPED}</i>",
        id="withdrawn-en"),
    pytest.param(
        entry("return", "document_check", "returned", NOTE), "id",
        f"📎 Berkas <b>{NUMBER}</b> dikembalikan kepada Anda untuk dilengkapi.\n"
        f"Yang perlu dilengkapi: <i>{ESCAPED}</i>\n"
        f"📍 Serahkan kekurangannya bersama tanda terima ke loket {OFFICE}: {ADDRESS}\n"
        f"🕘 {OPENING}\n"
        "📅 Paling lambat 16 Nov 2026 (10 hari kerja)\n"
        "☎️ Pertanyaan: (0365) 41210\n"
        "⏸ Selama menunggu berkas Anda, waktu layanan kantor tidak dihitung.",
        id="returned-id"),
    pytest.param(
        entry("return", "document_check", "returned", NOTE), "en",
        f"📎 <b>{NUMBER}</b> was returned to you: documents are missing.\n"
        f"What is missing: <i>{ESCAPED}</i>\n"
        f"📍 Hand in what is missing, with your receipt, at the counter of {OFFICE}: "
        f"{ADDRESS}\n"
        f"🕘 {OPENING_EN}\n"
        "📅 By 16 Nov 2026 (10 working days)\n"
        "☎️ Questions: (0365) 41210\n"
        "⏸ While we wait for your documents, the office's service time is not counted.",
        id="returned-en"),
]


@pytest.mark.parametrize(("step", "language", "expected"), CASES)
def test_render_change_words_each_outcome(settings: Settings, step: HistoryEntry,
                                          language: str, expected: str) -> None:
    assert render(settings, step, language) == expected


def test_the_pickup_line_falls_back_to_the_office_name_and_opening_hours(
        settings: Settings) -> None:
    office = settings.office.model_copy(update={"address": "", "pickup_hours": "",
                                                "pickup_hours_en": ""})
    plain = settings.model_copy(update={"office": office})
    assert render(plain, entry("issue", "signing", "issued"), "en") == (
        f"🎉 Your Building approval (<b>{NUMBER}</b>) has been issued and can be collected.\n"
        f"📍 Collect at {OFFICE}: {OFFICE}\n"
        f"🕘 {OPENING_EN}\n"
        "Bring your receipt and ID card.")


def test_the_due_date_is_the_office_date_not_the_utc_one(settings: Settings) -> None:
    # 23:59:59 WITA on 1 December is still 1 December in Bali, though 15:59 UTC.
    assert render(settings, entry("advance", "received", "document_check"), "en").endswith(
        "Due: 1 Dec 2026")


# The Composer: rows from the store, rendered in the follower's current language.

async def registered(store: Store, *chats: int) -> Application:
    """A new PBG application (JBR-2026-000001) followed by the given chats."""
    created, _ = await store.applications.create("PBG", "Ni Made Ayu", staff_id=STAFF)
    for chat in chats:
        await store.followers.follow(created, chat, limit=20)
    return created


async def composed_by_chat(store: Store, settings: Settings) -> dict[int, Composed]:
    """Every due row, composed, by chat."""
    composer = Composer(store, settings)
    return {row.chat_id: await composer.compose(row) for row in await store.outbox.claim_due(100)}


def button(composed: Composed) -> tuple[str, object]:
    """The text and callback data of the single button."""
    assert composed.markup is not None
    [[only]] = composed.markup.inline_keyboard
    return only.text, only.callback_data


async def test_compose_uses_each_followers_language_and_adds_the_status_button(
        store: Store, settings: Settings) -> None:
    created = await registered(store, 100, 200)
    await store.followers.set_language(200, "en")
    await store.applications.change(created.number, Action.ADVANCE, staff_id=STAFF)

    messages = await composed_by_chat(store, settings)
    assert messages[100].text == (
        "🔔 <b>JBR-2026-000001</b> berpindah tahap\n"
        "Berkas diterima → <b>Verifikasi berkas</b>\n"
        "Target selesai: 1 Des 2026\n"
        "⏱ Biasanya selesai 20 hari kerja lagi, sekitar 30 Nov 2026")
    assert messages[200].text == (
        "🔔 <b>JBR-2026-000001</b> moved to another stage\n"
        "Received → <b>Document check</b>\n"
        "Due: 1 Dec 2026\n"
        "⏱ Usually done in 20 more working days, around 30 Nov 2026")
    assert button(messages[100]) == ("📄 Lihat status", "s:o:JBR-2026-000001")
    assert button(messages[200]) == ("📄 View status", "s:o:JBR-2026-000001")


async def test_compose_reads_the_language_at_sending_time(store: Store,
                                                          settings: Settings) -> None:
    created = await registered(store, 100)
    await store.applications.change(created.number, Action.NOTE, staff_id=STAFF,
                                    public_note=NOTE)
    await store.followers.set_language(100, "en")  # chosen after the note was queued
    messages = await composed_by_chat(store, settings)
    assert messages[100].text == (
        "📝 New note on <b>JBR-2026-000001</b>\n"
        f"Staff note: <i>{ESCAPED}</i>")
    assert button(messages[100]) == ("📄 View status", "s:o:JBR-2026-000001")


async def test_a_prepared_batch_reads_each_chats_language_again(store: Store,
                                                               settings: Settings) -> None:
    created = await registered(store, 100, 200)
    composer = Composer(store, settings)
    await store.applications.change(created.number, Action.ADVANCE, staff_id=STAFF)
    first = await store.outbox.claim_due(100)
    await composer.prepare(first)
    assert [button(await composer.compose(row))[0] for row in first] == ["📄 Lihat status"] * 2

    await store.followers.set_language(200, "en")  # chosen between two batches of one drain
    await store.applications.change(created.number, Action.ADVANCE, staff_id=STAFF)
    second = await store.outbox.claim_due(100)
    await composer.prepare(second)
    prepared = {row.chat_id: await composer.compose(row) for row in second}
    assert button(prepared[100])[0] == "📄 Lihat status"
    assert prepared[200].text.startswith("🔔 <b>JBR-2026-000001</b> moved to another stage")
    assert prepared == await composed_by_chat_of(second, Composer(store, settings))


async def composed_by_chat_of(rows: list[OutboxMessage], composer: Composer,
                              ) -> dict[int, Composed]:
    """These rows composed by a composer that was never prepared, by chat."""
    return {row.chat_id: await composer.compose(row) for row in rows}


async def test_compose_words_a_reminder_to_the_applicant(store: Store, settings: Settings,
                                                         clock: FakeClock) -> None:
    created = await registered(store, 100, 200)
    await store.followers.set_language(200, "en")
    await store.applications.change(created.number, Action.RETURN, staff_id=STAFF,
                                    public_note="KTP")
    await store.outbox.claim_due(100)  # the return notices themselves
    clock.advance(days=7)
    await store.outbox.enqueue_for_followers("reminder:1", "reminder", created.id,
                                             json.dumps({"days": 5}))
    messages = await composed_by_chat(store, settings)
    assert messages[100].text == (
        "⏳ Pengingat: <b>JBR-2026-000001</b> menunggu tindakan Anda sejak 2 Nov 2026 "
        "(5 hari kerja) — Berkas dikembalikan untuk dilengkapi.")
    assert messages[200].text == (
        "⏳ Reminder: <b>JBR-2026-000001</b> has been waiting for you since 2 Nov 2026 "
        "(5 working days) — Returned for completion.")
    assert button(messages[200]) == ("📄 View status", "s:o:JBR-2026-000001")


async def test_compose_words_an_overdue_notice_with_the_offices_contact(
        store: Store, settings: Settings) -> None:
    created = await registered(store, 100, 200)
    await store.followers.set_language(200, "en")
    await store.outbox.enqueue_for_followers("overdue:1", "overdue", created.id)
    messages = await composed_by_chat(store, settings)
    assert messages[100].text == (
        "⚠️ <b>JBR-2026-000001</b> telah melewati standar waktu layanan (1 Des 2026) tanpa "
        "keputusan. Mohon maaf atas keterlambatan. Hubungi DPMPTSP Kabupaten Jembrana, "
        "(0365) 41210.")
    assert messages[200].text == (
        "⚠️ <b>JBR-2026-000001</b> has passed its service time (1 Dec 2026) without a "
        "decision. We apologise for the delay. Contact DPMPTSP Kabupaten Jembrana, "
        "(0365) 41210.")
    assert button(messages[100]) == ("📄 Lihat status", "s:o:JBR-2026-000001")


async def test_the_overdue_notice_leaves_out_a_missing_phone(store: Store,
                                                             settings: Settings) -> None:
    office = settings.office.model_copy(update={"phone": ""})
    created = await registered(store, 100)
    await store.outbox.enqueue_for_followers("overdue:1", "overdue", created.id)
    messages = await composed_by_chat(store, settings.model_copy(update={"office": office}))
    assert messages[100].text.endswith("Hubungi DPMPTSP Kabupaten Jembrana.")


async def test_compose_words_a_broadcast_escaped_in_each_language_without_a_button(
        store: Store, settings: Settings) -> None:
    await store.followers.set_language(200, "en")
    await store.outbox.enqueue("broadcast:1", [100, 200], "broadcast",
                               payload=json.dumps({"text": "Tutup <Senin> & Selasa"}))
    messages = await composed_by_chat(store, settings)
    assert messages[100] == Composed(Html(
        "📢 <b>Pengumuman DPMPTSP Kabupaten Jembrana</b>\nTutup &lt;Senin&gt; &amp; Selasa"),
        None)
    assert messages[200] == Composed(Html(
        "📢 <b>Announcement from DPMPTSP Kabupaten Jembrana</b>\n"
        "Tutup &lt;Senin&gt; &amp; Selasa"), None)


async def test_compose_sends_a_digest_as_it_was_rendered(store: Store,
                                                         settings: Settings) -> None:
    await store.outbox.enqueue("digest:2026-11-02", [-1001], "digest",
                               payload=json.dumps({"html": "<b>Ringkasan</b>"}))
    messages = await composed_by_chat(store, settings)
    assert messages[-1001] == Composed(Html("<b>Ringkasan</b>"), None)

