"""A demo office: realistic applications in different stages, as a Jembrana office has them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from storage.store import Store
from storage.workflow import Action


@dataclass
class ShiftingClock:
    """A clock the seeding moves forward step by step (the store reads it at each write)."""

    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __call__(self) -> datetime:
        return self.now


@dataclass(frozen=True)
class DemoCase:
    """One application: who, what, how many days ago, and the steps taken since."""

    permit_type: str
    applicant: str
    contact: str
    days_ago: int
    steps: tuple[tuple[Action, str, str], ...] = ()  # (action, stage, public note)


CASES = (
    DemoCase("PBG", "I Wayan Sudarma", "0812-3845-1170", 12, (
        (Action.ADVANCE, "", "Berkas lengkap, diteruskan ke tim teknis"),
        (Action.ADVANCE, "", "Survei lapangan dijadwalkan Kamis pukul 08.00 WITA"),
    )),
    DemoCase("SIP", "dr. Ni Made Ayu Lestari", "0813-3711-2290", 3, (
        (Action.ADVANCE, "", ""),
    )),
    DemoCase("REKLAME", "CV Bali Dwipa Reklame", "0361-412 877", 9, (
        (Action.ADVANCE, "", ""),
        (Action.ADVANCE, "", "Lokasi baliho di Jl. Ngurah Rai sudah ditinjau"),
        (Action.ADVANCE, "", "SKRD terbit: silakan bayar pajak reklame di Bank BPD Bali"),
    )),
    DemoCase("TDUP", "I Nyoman Sukerta (Pondok Wisata Medewi)", "0819-1622-4410", 6, (
        (Action.ADVANCE, "", ""),
        (Action.RETURN, "", "Mohon lengkapi foto kamar dan sertifikat laik sehat"),
    )),
    DemoCase("PBG", "Ni Luh Putu Ariani", "0877-6120-0931", 40, (
        (Action.ADVANCE, "", ""), (Action.ADVANCE, "", ""), (Action.ADVANCE, "", ""),
        (Action.ADVANCE, "", "Rekomendasi TPA sudah diterima"),
    )),
    DemoCase("SIP", "Kadek Dwi Lestari, A.Md.Keb.", "0852-3700-1288", 15, (
        (Action.ADVANCE, "", ""), (Action.ADVANCE, "", ""), (Action.ADVANCE, "", ""),
        (Action.ADVANCE, "", "Izin dapat diambil dengan membawa STR asli"),
    )),
    DemoCase("TDUP", "I Gede Agus Pranata (Warung Pantai Pekutatan)", "0821-4577-3016", 1),
)


@dataclass(frozen=True)
class SeededApplication:
    """What the demo needs to know about a seeded application."""

    number: str
    access_code: str
    applicant: str


async def seed(store: Store, clock: ShiftingClock, staff_id: int) -> list[SeededApplication]:
    """Create the demo cases, each started `days_ago` and moved a day per step."""
    start = clock.now
    seeded = []
    for case in CASES:
        clock.now = start - timedelta(days=case.days_ago)
        application, code = await store.applications.create(
            case.permit_type, case.applicant, contact=case.contact, staff_id=staff_id)
        for action, stage, note in case.steps:
            clock.now += timedelta(days=1, hours=2)
            await store.applications.change(application.number, action, staff_id=staff_id,
                                            stage=stage, public_note=note)
        seeded.append(SeededApplication(application.number, code, case.applicant))
    clock.now = start
    return seeded
