"""The audit trail in sentences: every action the store records, in both languages."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bot.views.audit_trail import audit_line, render_audit
from office.settings import Settings
from storage.models import AuditEntry

AT = datetime(2026, 11, 2, 1, 5, tzinfo=UTC)  # 09.05 WITA


def entry(action: str, staff_name: str = "Kadek Dwi", **arguments: object) -> AuditEntry:
    """An audit row as the store reads it."""
    return AuditEntry(id=1, at=AT, staff_id=42, staff_name=staff_name, action=action,
                      application_number="JBR-2026-000001", arguments=json.dumps(arguments))


@pytest.mark.parametrize(("language", "row", "expected"), [
    ("id", entry("create", permit_type="PBG", applicant_name="Ayu <b>", contact=""),
     "2 Nov 2026 09.05 · Kadek Dwi mendaftarkan permohonan Persetujuan Bangunan Gedung atas "
     "nama Ayu &lt;b&gt;"),
    ("en", entry("create", permit_type="PBG", applicant_name="Ayu", contact="0812"),
     "2 Nov 2026 09:05 · Kadek Dwi registered a Building approval application for Ayu, "
     "contact 0812"),
    ("id", entry("advance", stage="document_check", public_note="", internal_note="cek"),
     "2 Nov 2026 09.05 · Kadek Dwi memajukan ke tahap «Verifikasi berkas»\n"
     "   internal: <i>cek</i>"),
    ("en", entry("move", stage="received", public_note="Ulang", internal_note=""),
     "2 Nov 2026 09:05 · Kadek Dwi moved it to «Received»\n   public: <i>Ulang</i>"),
    ("en", entry("return", stage="returned", public_note="IMB"),
     "2 Nov 2026 09:05 · Kadek Dwi returned it to the applicant\n   public: <i>IMB</i>"),
    ("id", entry("reject", stage="rejected", public_note="Jalur hijau"),
     "2 Nov 2026 09.05 · Kadek Dwi menolak permohonan\n   publik: <i>Jalur hijau</i>"),
    ("en", entry("issue", stage="issued"), "2 Nov 2026 09:05 · Kadek Dwi issued the permit"),
    ("id", entry("withdraw", stage="withdrawn", public_note="Pindah"),
     "2 Nov 2026 09.05 · Kadek Dwi mencatat pembatalan oleh pemohon\n   publik: <i>Pindah</i>"),
    ("en", entry("note", stage="received", public_note="Survei Kamis"),
     "2 Nov 2026 09:05 · Kadek Dwi added a note\n   public: <i>Survei Kamis</i>"),
    ("id", entry("import", permit_type="PBG", applicant_name="Ayu", contact="",
                 stage="signing"),
     "2 Nov 2026 09.05 · Kadek Dwi mengimpor data dari berkas CSV: jenis PBG, nama Ayu, "
     "tahap «Penandatanganan»"),
    ("en", entry("receipt", followers_removed=2),
     "2 Nov 2026 09:05 · Kadek Dwi made a new receipt and access code; followers removed: 2"),
    ("en", entry("unlock", attempts=1, chats=1),
     "2 Nov 2026 09:05 · Kadek Dwi lifted the wrong-code lock-outs: 1 wrong code from 1 chat"),
    ("id", entry("unlock", attempts=5, chats=2),
     "2 Nov 2026 09.05 · Kadek Dwi membuka kunci kode akses: 5 kode salah dari 2 obrolan"),
    ("en", entry("undo", undone="advance", stage="received", from_stage="document_check",
                 history_id=9, corrected=2, cancelled=1),
     "2 Nov 2026 09:05 · Kadek Dwi undid the last move: back to «Received» "
     "(corrections sent: 2, notices cancelled: 1)"),
    ("id", entry("undo", undone="advance", stage="received", from_stage="document_check",
                 history_id=9, corrected=0, cancelled=3),
     "2 Nov 2026 09.05 · Kadek Dwi membatalkan perubahan terakhir: kembali ke «Berkas diterima» "
     "(koreksi dikirim: 0, kabar dibatalkan: 3)"),
    # An action this version has no sentence for still says what it carried.
    ("en", entry("archive", "", history_id=9, stage="received"),
     "2 Nov 2026 09:05 · 42 · archive (history_id: 9): stage «Received»"),
    ("id", entry("move", stage="archived"),
     "2 Nov 2026 09.05 · Kadek Dwi memindahkan ke tahap «archived»"),
])
def test_each_action_reads_as_a_sentence(settings: Settings, language: str, row: AuditEntry,
                                         expected: str) -> None:
    permit_type = settings.catalogue().get("PBG")
    assert audit_line(row, permit_type, settings.calendar(), language) == expected


def test_a_long_note_is_cut_and_the_trail_fits_one_message(settings: Settings) -> None:
    rows = [entry("note", public_note="p" * 1000, internal_note="i" * 1000)] * 30
    trail = render_audit("JBR-2026-000001", settings.catalogue().get("PBG"), rows,
                         settings.calendar(), "en")
    assert "p" * 299 + "…" in trail
    assert "p" * 300 not in trail
    assert len(trail) <= 4096
    assert trail.startswith("<b>Audit trail of JBR-2026-000001</b>\n…and ")
