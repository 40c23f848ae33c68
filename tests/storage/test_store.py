"""The store facade: opening a file, small operational state, waking the dispatcher."""

from __future__ import annotations

from pathlib import Path

from office.settings import Settings
from storage.store import Store
from tests.conftest import FakeClock


async def test_a_store_keeps_its_data_in_the_file(tmp_path: Path, settings: Settings,
                                                  clock: FakeClock) -> None:
    path = tmp_path / "etracking.db"
    store = await Store.open(path, settings.catalogue(), settings.calendar(), clock=clock)
    application, _ = await store.applications.create("SIP", "dr. Komang Sari", staff_id=7)
    await store.close()
    store = await Store.open(path, settings.catalogue(), settings.calendar(), clock=clock)
    try:
        assert await store.applications.get("JBR-2026-000001") == application
    finally:
        await store.close()


async def test_meta_is_unset_then_remembered_and_replaced(store: Store) -> None:
    assert await store.get_meta("last_digest") is None
    await store.set_meta("last_digest", "2026-11-02")
    assert await store.get_meta("last_digest") == "2026-11-02"
    await store.set_meta("last_digest", "2026-11-03")
    assert await store.get_meta("last_digest") == "2026-11-03"


async def test_every_outbox_listener_is_woken(store: Store) -> None:
    calls: list[str] = []
    store.on_outbox(lambda: calls.append("sender"))
    store.on_outbox(lambda: calls.append("metrics"))
    await store.outbox.enqueue("notice", [100], "notice")
    assert calls == ["sender", "metrics"]


async def test_the_store_uses_the_configured_prefix(settings: Settings,
                                                    clock: FakeClock) -> None:
    store = await Store.open(":memory:", settings.catalogue(), settings.calendar(),
                             prefix="DPS", clock=clock)
    try:
        application, _ = await store.applications.create("SIP", "dr. Komang Sari", staff_id=7)
        assert application.number == "DPS-2026-000001"
    finally:
        await store.close()
