"""The staff list: bootstrap, adding and removing, and never losing the last admin."""

from __future__ import annotations

import json

import pytest

from storage.errors import InvalidInput, LastAdmin, StaffNotFound
from storage.models import Role, StaffMember
from storage.store import Store
from tests.conftest import FakeClock

ADMIN = 1001
OTHER_ADMIN = 1002
OPERATOR = 2001


async def audit_rows(store: Store) -> list[tuple[str, int, str, dict[str, object]]]:
    """(action, by, by's name, arguments) of every audit row."""
    return [(entry.action, entry.staff_id, entry.staff_name, json.loads(entry.arguments))
            for entry in await store.audit.latest()]


async def test_bootstrap_creates_active_admins(store: Store, clock: FakeClock) -> None:
    await store.staff.bootstrap([ADMIN, OTHER_ADMIN])
    assert await store.staff.get(ADMIN) == StaffMember(ADMIN, "Admin 1001", Role.ADMIN,
                                                       active=True, added_at=clock.now)
    assert await store.staff.role_of(OTHER_ADMIN) == Role.ADMIN


async def test_bootstrap_twice_changes_nothing(store: Store, clock: FakeClock) -> None:
    start = clock.now
    await store.staff.bootstrap([ADMIN])
    clock.advance(days=1)
    await store.staff.bootstrap([ADMIN])
    assert [m.user_id for m in await store.staff.members()] == [ADMIN]
    assert (await store.staff.get(ADMIN)).added_at == start


async def test_bootstrap_reactivates_and_promotes(store: Store) -> None:
    await store.staff.bootstrap([ADMIN])
    await store.staff.add(OPERATOR, Role.OPERATOR, "Kadek Operator", by=ADMIN)
    await store.staff.add(OTHER_ADMIN, Role.ADMIN, "Wayan Admin", by=ADMIN)
    await store.staff.remove(OTHER_ADMIN, by=ADMIN)
    await store.staff.bootstrap([OTHER_ADMIN, OPERATOR])
    assert await store.staff.role_of(OTHER_ADMIN) == Role.ADMIN
    assert await store.staff.role_of(OPERATOR) == Role.ADMIN
    # The names staff gave them are kept.
    assert (await store.staff.get(OPERATOR)).name == "Kadek Operator"


async def test_add_operator_is_audited(store: Store) -> None:
    await store.staff.bootstrap([ADMIN])
    member = await store.staff.add(OPERATOR, Role.OPERATOR, "  Kadek   Sri  ", by=ADMIN)
    assert (member.user_id, member.name, member.role, member.active) == (
        OPERATOR, "Kadek Sri", Role.OPERATOR, True)
    assert await store.staff.role_of(OPERATOR) == Role.OPERATOR
    assert await audit_rows(store) == [
        ("staff_add", ADMIN, "Admin 1001",
         {"user_id": OPERATOR, "role": "operator", "name": "Kadek Sri"})]
    [entry] = await store.audit.latest()
    assert entry.application_number is None


async def test_add_updates_an_existing_member(store: Store) -> None:
    await store.staff.bootstrap([ADMIN])
    await store.staff.add(OPERATOR, Role.OPERATOR, "Kadek", by=ADMIN)
    member = await store.staff.add(OPERATOR, Role.ADMIN, "Kadek Sri", by=ADMIN)
    assert (member.name, member.role) == ("Kadek Sri", Role.ADMIN)


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
async def test_add_refuses_a_bad_name(store: Store, name: str) -> None:
    await store.staff.bootstrap([ADMIN])
    with pytest.raises(InvalidInput) as caught:
        await store.staff.add(OPERATOR, Role.OPERATOR, name, by=ADMIN)
    assert (caught.value.field, caught.value.limit) == ("staff_name", 100)
    assert await store.staff.role_of(OPERATOR) is None
    assert await audit_rows(store) == []


async def test_remove_deactivates_and_is_audited(store: Store) -> None:
    await store.staff.bootstrap([ADMIN])
    await store.staff.add(OPERATOR, Role.OPERATOR, "Kadek Sri", by=ADMIN)
    removed = await store.staff.remove(OPERATOR, by=ADMIN)
    assert (removed.user_id, removed.active) == (OPERATOR, True)  # as it was
    assert await store.staff.role_of(OPERATOR) is None
    assert (await store.staff.get(OPERATOR)).active is False
    assert [m.user_id for m in await store.staff.members()] == [ADMIN]
    assert [m.user_id for m in await store.staff.members(active_only=False)] == [ADMIN,
                                                                                 OPERATOR]
    assert (await audit_rows(store))[-1] == ("staff_remove", ADMIN, "Admin 1001",
                                             {"user_id": OPERATOR})


async def test_removing_twice_or_a_stranger_raises_staff_not_found(store: Store) -> None:
    await store.staff.bootstrap([ADMIN])
    await store.staff.add(OPERATOR, Role.OPERATOR, "Kadek Sri", by=ADMIN)
    await store.staff.remove(OPERATOR, by=ADMIN)
    with pytest.raises(StaffNotFound) as caught:
        await store.staff.remove(OPERATOR, by=ADMIN)
    assert caught.value.user_id == OPERATOR
    with pytest.raises(StaffNotFound):
        await store.staff.remove(42, by=ADMIN)
    with pytest.raises(StaffNotFound):
        await store.staff.get(42)


async def test_a_removed_member_can_be_added_again(store: Store) -> None:
    await store.staff.bootstrap([ADMIN])
    await store.staff.add(OPERATOR, Role.OPERATOR, "Kadek Sri", by=ADMIN)
    await store.staff.remove(OPERATOR, by=ADMIN)
    await store.staff.add(OPERATOR, Role.OPERATOR, "Kadek Sri", by=ADMIN)
    assert await store.staff.role_of(OPERATOR) == Role.OPERATOR


async def test_the_last_admin_cannot_be_removed(store: Store) -> None:
    await store.staff.bootstrap([ADMIN])
    await store.staff.add(OPERATOR, Role.OPERATOR, "Kadek Sri", by=ADMIN)
    audit_before = await audit_rows(store)
    with pytest.raises(LastAdmin):
        await store.staff.remove(ADMIN, by=ADMIN)
    assert await store.staff.role_of(ADMIN) == Role.ADMIN
    assert await audit_rows(store) == audit_before


async def test_the_last_admin_cannot_be_demoted(store: Store) -> None:
    await store.staff.bootstrap([ADMIN])
    with pytest.raises(LastAdmin):
        await store.staff.add(ADMIN, Role.OPERATOR, "Putu Admin", by=ADMIN)
    assert (await store.staff.get(ADMIN)).name == "Admin 1001"
    assert await store.staff.role_of(ADMIN) == Role.ADMIN
    assert await audit_rows(store) == []


async def test_an_admin_may_go_while_another_remains(store: Store) -> None:
    await store.staff.bootstrap([ADMIN, OTHER_ADMIN])
    await store.staff.remove(ADMIN, by=OTHER_ADMIN)
    with pytest.raises(LastAdmin):
        await store.staff.remove(OTHER_ADMIN, by=OTHER_ADMIN)
    await store.staff.add(ADMIN, Role.ADMIN, "Putu Admin", by=OTHER_ADMIN)
    await store.staff.add(OTHER_ADMIN, Role.OPERATOR, "Wayan", by=ADMIN)
    assert await store.staff.role_of(OTHER_ADMIN) == Role.OPERATOR


async def test_an_inactive_admin_does_not_count(store: Store) -> None:
    await store.staff.bootstrap([ADMIN, OTHER_ADMIN])
    await store.staff.remove(OTHER_ADMIN, by=ADMIN)
    with pytest.raises(LastAdmin):
        await store.staff.remove(ADMIN, by=ADMIN)


async def test_members_lists_admins_first_then_by_name(store: Store) -> None:
    await store.staff.bootstrap([ADMIN])
    await store.staff.add(3, Role.OPERATOR, "Made", by=ADMIN)
    await store.staff.add(4, Role.OPERATOR, "Ketut", by=ADMIN)
    await store.staff.add(5, Role.ADMIN, "Wayan", by=ADMIN)
    members = await store.staff.members()
    assert [(m.name, m.role) for m in members] == [
        ("Admin 1001", Role.ADMIN), ("Wayan", Role.ADMIN),
        ("Ketut", Role.OPERATOR), ("Made", Role.OPERATOR)]


async def test_a_stranger_has_no_role(store: Store) -> None:
    assert await store.staff.role_of(42) is None
