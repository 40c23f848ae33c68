"""The texts of a bulk move: the one question before it, and the results after it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.views.fitting import TELEGRAM_TEXT_LIMIT, fit_message, telegram_length
from office.texts import Html, text
from storage.workflow import Catalogue


@dataclass(frozen=True)
class Planned:
    """One application of a bulk move as the question shows it: where it is and goes."""

    number: str
    permit_type: str
    stage: str
    target: str
    followers: int


@dataclass(frozen=True)
class Outcome:
    """One number's result: the stages it moved between, or why nothing was done."""

    number: str
    moved: tuple[str, str] | None = None
    notified: int = 0
    refusal: Html | None = None


def render_question(command: str, planned: Sequence[Planned], refused: Sequence[Outcome],
                    note: str, minutes: int, catalogue: Catalogue, language: str) -> Html:
    """How many applications, how many followers will be told, each move, the note."""
    head = text(language, "staff.bulk.question", command=command, count=len(planned),
                followers=sum(p.followers for p in planned))
    tail = [text(language, "staff.confirm.note", note=note)] if note else []
    tail.append(text(language, "staff.confirm.lifetime", minutes=minutes))
    lines = [_planned_line(p, catalogue, language) for p in planned]
    lines += [_refused_line(r, language) for r in refused]
    # The note and lifetime go last but must always show: fitted as part of the budget.
    body, _ = fit_message(head, lines, language, limit=TELEGRAM_TEXT_LIMIT - sum(
        telegram_length(line) + 1 for line in tail))
    return Html("\n".join([body, *tail]))


def render_results(command: str, outcomes: Sequence[Outcome], language: str) -> Html:
    """Successes and refusals per number, within one message."""
    done = [o for o in outcomes if o.refusal is None]
    head = text(language, "staff.bulk.results", command=command, done=len(done),
                refused=len(outcomes) - len(done))
    lines = [_refused_line(o, language) if o.refusal is not None
             else _done_line(o, language) for o in outcomes]
    return fit_message(head, lines, language)[0]


def _stage(catalogue: Catalogue, permit_type: str, code: str, language: str) -> str:
    return catalogue.get(permit_type).stage(code).name(language)


def _planned_line(planned: Planned, catalogue: Catalogue, language: str) -> Html:
    here = _stage(catalogue, planned.permit_type, planned.stage, language)
    if planned.target == planned.stage:
        return text(language, "staff.bulk.note_line", number=planned.number, stage=here)
    return text(language, "staff.bulk.move_line", number=planned.number, from_stage=here,
                to_stage=_stage(catalogue, planned.permit_type, planned.target, language))


def _done_line(outcome: Outcome, language: str) -> Html:
    assert outcome.moved is not None
    return text(language, "staff.bulk.done_line", number=outcome.number,
                what=text(language, "staff.bulk.moved_between", from_stage=outcome.moved[0],
                          to_stage=outcome.moved[1]) if outcome.moved[0] != outcome.moved[1]
                else text(language, "staff.bulk.noted"), notified=outcome.notified)


def _refused_line(outcome: Outcome, language: str) -> Html:
    return text(language, "staff.bulk.refused_line", number=outcome.number,
                reason=outcome.refusal or Html(""))
