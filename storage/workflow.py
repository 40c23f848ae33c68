"""Permit types, their stages, and which moves between stages are allowed.

Plain Python: the rules here are what the store enforces and what the bot explains.
Besides the stages each permit type configures, every workflow shares four built-in ones:
`returned` (back to the applicant for completion) and the final outcomes `issued`,
`rejected` and `withdrawn`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from storage.errors import PermitTypeUnknown, ReasonRequired, StageTransitionRejected, StageUnknown

RETURNED = "returned"
# The stage in which the applicant pays: the card asks for payment, /fee records the bill.
FEE_STAGE = "fee_payment"
ISSUED = "issued"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"
FINAL_STAGES = frozenset({ISSUED, REJECTED, WITHDRAWN})


class Action(StrEnum):
    """What a staff member does to an application; recorded in history and audit."""

    CREATE = "create"
    ADVANCE = "advance"
    MOVE = "move"
    RETURN = "return"
    REJECT = "reject"
    ISSUE = "issue"
    WITHDRAW = "withdraw"
    NOTE = "note"
    IMPORT = "import"
    UNDO = "undo"


REASON_REQUIRED = frozenset({Action.RETURN, Action.REJECT, Action.WITHDRAW, Action.NOTE})
# The steps /undo may take back: those that move an application (not notes, imports, undos).
UNDOABLE = frozenset({Action.ADVANCE, Action.MOVE, Action.RETURN, Action.REJECT, Action.ISSUE,
                      Action.WITHDRAW})


@dataclass(frozen=True)
class Stage:
    """One step of a workflow, with its service time in working days."""

    code: str
    name_id: str
    name_en: str
    service_days: int = 0
    waits_on_applicant: bool = False
    description_id: str = ""
    description_en: str = ""

    def name(self, language: str) -> str:
        """The stage's name in the given language (`id` or `en`)."""
        return self.name_en if language == "en" else self.name_id

    def description(self, language: str) -> str:
        """What happens at this stage, in the given language ("" when not configured)."""
        return self.description_en if language == "en" else self.description_id

    @property
    def is_final(self) -> bool:
        """Whether the application is decided once it reaches this stage."""
        return self.code in FINAL_STAGES


BUILT_IN_STAGES = {
    RETURNED: Stage(RETURNED, "Berkas dikembalikan untuk dilengkapi", "Returned for completion",
                    0, waits_on_applicant=True),
    ISSUED: Stage(ISSUED, "Izin terbit, siap diambil", "Issued, ready for pickup"),
    REJECTED: Stage(REJECTED, "Ditolak", "Rejected"),
    WITHDRAWN: Stage(WITHDRAWN, "Dibatalkan oleh pemohon", "Withdrawn by the applicant"),
}


@dataclass(frozen=True)
class PermitType:
    """A kind of permit: its names and its ordered stages."""

    code: str
    name_id: str
    name_en: str
    stages: tuple[Stage, ...]
    resubmit_to: str = ""
    _index: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.stages:
            raise ValueError(f"permit type {self.code}: needs at least one stage")
        codes = [stage.code for stage in self.stages]
        duplicates = sorted({code for code in codes if codes.count(code) > 1})
        if duplicates:
            raise ValueError(f"permit type {self.code}: duplicate stage code {duplicates[0]}")
        clashes = sorted(set(codes) & set(BUILT_IN_STAGES))
        if clashes:
            raise ValueError(f"permit type {self.code}: stage code {clashes[0]} is built in")
        for stage in self.stages:
            if stage.service_days < 0:
                raise ValueError(f"stage {stage.code}: service_days must not be negative")
        if not self.resubmit_to:
            # Returned files come back to the second stage (document check) by default.
            object.__setattr__(self, "resubmit_to", codes[min(1, len(codes) - 1)])
        elif self.resubmit_to not in codes:
            raise ValueError(f"permit type {self.code}: resubmit_to names unknown stage "
                             f"{self.resubmit_to}")
        object.__setattr__(self, "_index", {code: i for i, code in enumerate(codes)})

    def name(self, language: str) -> str:
        """The permit type's name in the given language."""
        return self.name_en if language == "en" else self.name_id

    @property
    def first_stage(self) -> Stage:
        """Where every new application starts."""
        return self.stages[0]

    @property
    def service_days(self) -> int:
        """The service standard: working days the office itself needs, waits excluded."""
        return sum(s.service_days for s in self.stages if not s.waits_on_applicant)

    def stage(self, code: str) -> Stage:
        """The stage with that code, configured or built in."""
        if code in self._index:
            return self.stages[self._index[code]]
        if code in BUILT_IN_STAGES:
            return BUILT_IN_STAGES[code]
        raise StageUnknown(code, self.stage_codes)

    @property
    def stage_codes(self) -> tuple[str, ...]:
        """The configured stage codes in order."""
        return tuple(stage.code for stage in self.stages)

    def position(self, code: str) -> int:
        """1-based position in the workflow; returned counts as its resubmit stage."""
        if code == RETURNED:
            return self._index[self.resubmit_to] + 1
        if code == ISSUED:
            return len(self.stages)
        if code in FINAL_STAGES:
            return 0
        return self._index[self.stage(code).code] + 1

    def next_stage(self, code: str) -> str | None:
        """Where `advance` leads from this stage; None when the application is decided."""
        if code in FINAL_STAGES:
            return None
        if code == RETURNED:
            return self.resubmit_to
        index = self._index[self.stage(code).code]
        return self.stages[index + 1].code if index + 1 < len(self.stages) else ISSUED

    def valid_targets(self, code: str) -> tuple[str, ...]:
        """Every stage an application at `code` may move to, the usual next step first."""
        if code in FINAL_STAGES:
            return ()
        targets = [t for t in (self.next_stage(code),) if t]
        targets += [s for s in self.stage_codes if s not in (code, *targets)]
        if code != RETURNED and RETURNED not in targets:
            targets.append(RETURNED)
        if code == self.stages[-1].code and ISSUED not in targets:
            targets.append(ISSUED)
        targets += [REJECTED, WITHDRAWN]
        return tuple(targets)

    def target_for(self, action: Action, current: str, requested: str = "") -> str:
        """The stage an action leads to from `current`, or a named error explaining why not."""
        target = {
            Action.ADVANCE: self.next_stage(current) or "",
            Action.RETURN: RETURNED,
            Action.REJECT: REJECTED,
            Action.WITHDRAW: WITHDRAWN,
            Action.ISSUE: ISSUED,
            Action.NOTE: current,
            Action.MOVE: requested,
            Action.IMPORT: requested,
        }.get(action, "")
        if action in (Action.NOTE, Action.IMPORT):
            return target
        if action == Action.MOVE:
            self.stage(requested)
        if target == current or target not in self.valid_targets(current):
            raise StageTransitionRejected(current, target or action.value,
                                          self.valid_targets(current), self)
        return target

    def is_backwards(self, current: str, target: str) -> bool:
        """Whether a move goes back to an earlier configured stage."""
        if target in FINAL_STAGES or target == RETURNED or current in FINAL_STAGES:
            return False
        return self.position(target) < self.position(current)

    def check_note(self, action: Action, current: str, target: str, note: str) -> None:
        """Raise ReasonRequired when the action needs a note and none was given."""
        # A move into returned, rejected or withdrawn needs the same reason as the action.
        needs = action in REASON_REQUIRED or (action == Action.MOVE and (
            target in (RETURNED, REJECTED, WITHDRAWN) or self.is_backwards(current, target)))
        if needs and not note.strip():
            raise ReasonRequired(action.value)


class Catalogue:
    """The office's permit types by code."""

    def __init__(self, permit_types: tuple[PermitType, ...]) -> None:
        if not permit_types:
            raise ValueError("at least one permit type is needed")
        self.permit_types = permit_types
        self._by_code = {p.code.upper(): p for p in permit_types}
        if len(self._by_code) != len(permit_types):
            raise ValueError("duplicate permit type code")

    def get(self, code: str) -> PermitType:
        """The permit type with that code (any case), or PermitTypeUnknown."""
        try:
            return self._by_code[code.upper()]
        except KeyError:
            raise PermitTypeUnknown(code, self.codes) from None

    @property
    def codes(self) -> tuple[str, ...]:
        """Every permit type code, in configuration order."""
        return tuple(p.code for p in self.permit_types)

    @property
    def waiting_stages(self) -> frozenset[str]:
        """`PERMIT:stage` pairs where the application waits on the applicant."""
        pairs = {f"{p.code}:{RETURNED}" for p in self.permit_types}
        pairs |= {f"{p.code}:{s.code}" for p in self.permit_types for s in p.stages
                  if s.waits_on_applicant}
        return frozenset(pairs)
