"""Reading the audit trail."""

from __future__ import annotations

import json

from storage.models import Role
from storage.store import Store
from storage.workflow import Action
from tests.conftest import FakeClock


async def test_for_application_lists_its_rows_oldest_first(store: Store,
                                                           clock: FakeClock) -> None:
    await store.staff.bootstrap([7])
    await store.staff.add(8, Role.OPERATOR, "Kadek Sri", by=7)
    first, _ = await store.applications.create("PBG", "Ni Made Ayu", staff_id=8)
    other, _ = await store.applications.create("SIP", "dr. Komang Sari", staff_id=8)
    clock.advance(hours=1)
    await store.applications.change(first.number, Action.ADVANCE, staff_id=7)

    entries = await store.audit.for_application(first.id)
    assert [(e.action, e.staff_id, e.staff_name, e.application_number) for e in entries] == [
        ("create", 8, "Kadek Sri", "JBR-2026-000001"),
        ("advance", 7, "Admin 7", "JBR-2026-000001"),
    ]
    assert entries[1].at == clock.now
    assert json.loads(entries[1].arguments)["stage"] == "document_check"
    assert [e.action for e in await store.audit.for_application(first.id, limit=1)] == [
        "advance"]
    assert [e.application_number for e in await store.audit.for_application(other.id)] == [
        "JBR-2026-000002"]


async def test_latest_lists_the_newest_rows_oldest_first(store: Store) -> None:
    await store.staff.bootstrap([7])
    await store.staff.add(8, Role.OPERATOR, "Kadek Sri", by=7)
    await store.applications.create("PBG", "Ni Made Ayu", staff_id=8)
    await store.staff.remove(8, by=7)
    assert [e.action for e in await store.audit.latest()] == ["staff_add", "create",
                                                              "staff_remove"]
    assert [e.action for e in await store.audit.latest(limit=2)] == ["create", "staff_remove"]


async def test_a_staff_member_unknown_to_the_roster_has_an_empty_name(store: Store) -> None:
    await store.applications.create("PBG", "Ni Made Ayu", staff_id=99)
    [entry] = await store.audit.latest()
    assert (entry.staff_id, entry.staff_name) == (99, "")
