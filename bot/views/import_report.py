"""The import's reports as staff read them: the dry run's counts and refusals, then the result.

Shared by `/import` in chat and `etracking import` on the command line.
"""

from __future__ import annotations

from office.texts import Html, join, text
from storage import exchange

MAX_REFUSALS_SHOWN = 20


def render_plan(plan: exchange.ImportPlan, language: str, file: str) -> Html:
    """The dry-run report: counts, every refused row (up to a limit) and what happens next."""
    lines = [text(language, "staff.import.plan", file=file, rows=plan.rows,
                  created=len(plan.created), changed=len(plan.changed),
                  moves=plan.stage_changes, unchanged=plan.unchanged, refused=plan.refused)]
    if plan.history_steps:
        lines.append(text(language, "staff.import.history", steps=plan.history_steps))
    if plan.refusals:
        lines += [Html(""), text(language, "staff.import.refused")]
        lines += [render_refusal(refusal, language)
                  for refusal in plan.refusals[:MAX_REFUSALS_SHOWN]]
        if len(plan.refusals) > MAX_REFUSALS_SHOWN:
            lines.append(text(language, "staff.import.more",
                              count=len(plan.refusals) - MAX_REFUSALS_SHOWN))
        lines += [Html(""), text(language, "staff.import.fix")]
    elif not plan.ready:
        lines += [Html(""), text(language, "staff.import.nothing")]
    else:
        lines += [Html(""), text(language, "staff.import.confirm")]
    return join(lines)


def render_refusal(refusal: exchange.Refusal, language: str) -> Html:
    """One refused row: where, and why."""
    reason = text(language, f"staff.import.reason.{refusal.reason.value}", value=refusal.value,
                  detail=refusal.detail)
    if refusal.file:
        return text(language, "staff.import.refusal_in", file=refusal.file, row=refusal.row,
                    reason=reason)
    return text(language, "staff.import.refusal", row=refusal.row, reason=reason)


def render_result(result: exchange.ImportResult, language: str) -> Html:
    """What the confirmed import did."""
    lines = [text(language, "staff.import.done", created=result.created, changed=result.changed,
                  notified=result.notified)]
    if result.created:
        lines.append(text(language, "staff.import.receipts"))
    return join(lines)
