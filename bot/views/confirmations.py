"""The question a clerk answers before a change that cannot simply be taken back."""

from __future__ import annotations

from bot.views.cards import mask_name
from office.texts import Html, join, text
from storage.models import Application
from storage.workflow import Action, PermitType


def render_confirmation(application: Application, permit_type: PermitType, action: Action,
                        note: str, minutes: int, language: str) -> Html:
    """The card summary (number, masked name, type, stage), the note, and how long it holds.

    The name is masked as on the public card: the staff group may be shown over a shoulder,
    and the number and type are what tell one file from another.
    """
    lines = [text(language, "staff.confirm",
                  action=text(language, f"staff.confirm.{action.value}"),
                  number=application.number, permit_type=permit_type.name(language),
                  name=mask_name(application.applicant_name),
                  stage=permit_type.stage(application.stage).name(language))]
    if note:
        key = "staff.confirm.note" if action == Action.ISSUE else "staff.confirm.reason"
        lines.append(text(language, key, note=note))
    lines.append(text(language, "staff.confirm.lifetime", minutes=minutes))
    return join(lines)
