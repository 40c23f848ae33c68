"""The records handlers keep in the database come back exactly as they were, and a row can
name nothing but our own record types."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bot.conversation import decode, encode
from bot.handlers.bulk import BulkMove
from bot.handlers.casework import HeldNote
from bot.handlers.confirming import PendingChange
from bot.handlers.duplicates import Registration
from bot.handlers.staff_input import NoteParts
from bot.views.bulk_moves import Outcome, Planned
from office.texts import Html
from storage.exchange.plan import HistoryStep, ImportPlan, NewApplication, Reason, Refusal
from storage.workflow import Action

NOW = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
NOTE = NoteParts("Berkas lengkap", "cek RTRW")


@pytest.mark.parametrize("value", [
    "JBR-2026-000001", True, ("JBR-2026-000001", "JBR-2026-000002"),
    PendingChange("JBR-2026-000001", Action.REJECT, "received", "Lokasi // cek",
                  asked_at=NOW, payload='{"file": "x"}'),
    HeldNote(3, "JBR-2026-000003", NOTE, "Berkas lengkap // cek RTRW"),
    Registration("PBG", "I Wayan <Sudarma>", "0812"),
    BulkMove(Action.ADVANCE, (Planned("JBR-2026-000001", "PBG", "received", "document_check", 2),),
             (Outcome("JBR-2026-000009", refusal=Html("<b>tidak ada</b>")),), NOTE, NOW),
    ImportPlan(1, (NewApplication(
        2, "JBR-2026-000004", "PBG", "Ni Made", "", "received", NOW, NOW, NOW, NOW, None,
        (HistoryStep(NOW, "new", None, "received", "", "", 7),)),), (), 0,
        (Refusal(3, Reason.PERMIT_TYPE, "XYZ"),)),
    {"a": 1, 2: [None, 1.5]},
])
def test_a_value_comes_back_as_it_was(value: object) -> None:
    back = decode(encode(value))
    assert back == value
    assert type(back) is type(value)


def test_html_stays_html() -> None:
    outcome = decode(encode(Outcome("JBR-2026-000009", refusal=Html("<b>x</b>"))))
    assert type(outcome.refusal) is Html


@pytest.mark.parametrize("name", ["os:system", "subprocess:Popen", "builtins:dict",
                                  "bot.conversation:Conversation", "storage.models:os.path"])
def test_a_row_cannot_name_anything_else(name: str) -> None:
    with pytest.raises(TypeError):
        decode(json.dumps({"~dc": name, "fields": {}}))


def test_something_that_is_not_a_record_is_refused() -> None:
    with pytest.raises(TypeError):
        encode(object())
