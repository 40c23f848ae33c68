"""Staff buttons: the valid next steps of an application, and confirmations.

Stages travel in callback data as short tokens (index of a configured stage, or a letter for
the built-in ones) so every button stays within Telegram's 64 bytes.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from office.texts import label
from storage.models import Application
from storage.workflow import ISSUED, REJECTED, RETURNED, WITHDRAWN, PermitType

_BUILT_IN_TOKENS = {RETURNED: "R", ISSUED: "I", REJECTED: "X", WITHDRAWN: "W"}
_TOKEN_STAGES = {token: code for code, token in _BUILT_IN_TOKENS.items()}
MOVE_PREFIX = "m"      # apply at once
PROMPT_PREFIX = "p"    # ask for a reason first
CONFIRM_PREFIX = "c"
REPEAT_PREFIX = "ra"   # advance with the note a repeated /advance carried
UNDO_PREFIX = "u"      # undo the move this reply reports (bot/handlers/undo.py)
NEEDS_REASON = (RETURNED, REJECTED, WITHDRAWN)


def stage_token(permit_type: PermitType, code: str) -> str:
    """The short form of a stage code."""
    return _BUILT_IN_TOKENS.get(code) or str(permit_type.stage_codes.index(code))


def stage_from_token(permit_type: PermitType, token: str) -> str:
    """The stage code a token stands for."""
    if token in _TOKEN_STAGES:
        return _TOKEN_STAGES[token]
    return permit_type.stage_codes[int(token)]


def next_steps_keyboard(application: Application, permit_type: PermitType,
                        language: str) -> InlineKeyboardMarkup | None:
    """Buttons for the usual next stage, return, reject and withdraw."""
    current = application.stage
    following = permit_type.next_stage(current)
    if following is None:
        return None
    here = stage_token(permit_type, current)

    def button(label: str, target: str) -> InlineKeyboardButton:
        prefix = PROMPT_PREFIX if target in NEEDS_REASON else MOVE_PREFIX
        data = f"{prefix}:{application.id}:{here}:{stage_token(permit_type, target)}"
        return InlineKeyboardButton(label, callback_data=data)

    first = (label(language, "staff.button.issue") if following == ISSUED else
             label(language, "staff.button.move",
                  stage=permit_type.stage(following).name(language)))
    rows = [[button(first, following)]]
    second = []
    if current != RETURNED:
        second.append(button(label(language, "staff.button.return"), RETURNED))
    second += [button(label(language, "staff.button.reject"), REJECTED),
               button(label(language, "staff.button.withdraw"), WITHDRAWN)]
    rows.append(second)
    return InlineKeyboardMarkup(rows)


def with_undo(markup: InlineKeyboardMarkup | None, history_id: int,
              language: str) -> InlineKeyboardMarkup:
    """The next-step buttons with one more row: undo the move just reported."""
    rows = [list(row) for row in markup.inline_keyboard] if markup else []
    rows.append([InlineKeyboardButton(label(language, "staff.button.undo"),
                                      callback_data=f"{UNDO_PREFIX}:{history_id}")])
    return InlineKeyboardMarkup(rows)


def repeat_keyboard(application: Application, permit_type: PermitType, following: str,
                    language: str) -> InlineKeyboardMarkup:
    """Advance with the held note (the button carries the stage it was shown at), or cancel."""
    here, there = stage_token(permit_type, application.stage), stage_token(permit_type, following)
    return InlineKeyboardMarkup([[
        InlineKeyboardButton(label(language, "staff.button.advance_note",
                                   stage=permit_type.stage(following).name(language)),
                             callback_data=f"{REPEAT_PREFIX}:{application.id}:{here}:{there}"),
        InlineKeyboardButton(label(language, "staff.button.cancel"),
                             callback_data=f"{REPEAT_PREFIX}:no"),
    ]])


def confirm_keyboard(language: str) -> InlineKeyboardMarkup:
    """Confirm or cancel the pending change."""
    return InlineKeyboardMarkup([[
        InlineKeyboardButton(label(language, "staff.button.confirm"),
                             callback_data=f"{CONFIRM_PREFIX}:yes"),
        InlineKeyboardButton(label(language, "staff.button.cancel"),
                             callback_data=f"{CONFIRM_PREFIX}:no"),
    ]])
