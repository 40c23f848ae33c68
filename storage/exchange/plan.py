"""Import, the plan: what a dry run found, and what applying it did."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from storage.models import Application


class Reason(StrEnum):
    """Why a row is refused."""

    NUMBER = "number"
    NUMBER_TOO_HIGH = "number_too_high"
    DUPLICATE = "duplicate"
    PERMIT_TYPE = "permit_type"
    PERMIT_TYPE_CHANGED = "permit_type_changed"
    STAGE = "stage"
    DATE = "date"
    NAME_MISSING = "name_missing"
    NAME_TOO_LONG = "name_too_long"
    CONTACT_TOO_LONG = "contact_too_long"
    DECIDED_OPEN = "decided_open"
    UNKNOWN_NUMBER = "unknown_number"
    ACTION = "action"
    STAFF_ID = "staff_id"


@dataclass(frozen=True)
class Refusal:
    """One problem in one row: the row, why, the offending value and a detail for the text."""

    row: int
    reason: Reason
    value: str = ""
    detail: str = ""
    file: str = ""


@dataclass(frozen=True)
class HistoryStep:
    """A history row copied verbatim from history.csv."""

    at: datetime
    action: str
    from_stage: str | None
    to_stage: str
    public_note: str
    internal_note: str
    staff_id: int | None


@dataclass(frozen=True)
class NewApplication:
    """An application the import would create, with the number the file gives it."""

    row: int
    number: str
    permit_type: str
    applicant_name: str
    contact: str
    stage: str
    stage_entered_at: datetime
    created_at: datetime
    updated_at: datetime
    due_at: datetime
    decided_at: datetime | None
    history: tuple[HistoryStep, ...] = ()


@dataclass(frozen=True)
class ApplicationUpdate:
    """An existing application whose name, contact or stage the import would change."""

    row: int
    current: Application
    applicant_name: str
    contact: str
    stage: str

    @property
    def moves(self) -> bool:
        """Whether the stage changes (followers are then notified)."""
        return self.stage != self.current.stage


@dataclass(frozen=True)
class ImportPlan:
    """The dry run: what applying the file would do."""

    rows: int
    created: tuple[NewApplication, ...]
    changed: tuple[ApplicationUpdate, ...]
    unchanged: int
    refusals: tuple[Refusal, ...]

    @property
    def refused(self) -> int:
        """How many rows have at least one problem."""
        return len({(refusal.file, refusal.row) for refusal in self.refusals})

    @property
    def stage_changes(self) -> int:
        """How many existing applications would move to another stage."""
        return sum(1 for update in self.changed if update.moves)

    @property
    def history_steps(self) -> int:
        """How many history rows would be copied for the new applications."""
        return sum(len(new.history) for new in self.created)

    @property
    def ready(self) -> bool:
        """Whether the plan can be applied: no refusals, and something to do."""
        return not self.refusals and bool(self.created or self.changed)


@dataclass(frozen=True)
class ImportResult:
    """What applying a plan did."""

    created: int
    changed: int
    notified: int
