"""The menu that needs no typing: persistent reply keyboards for applicants and for staff.

A reply-keyboard button sends its own label as an ordinary message, so the labels are also what
the bot reads back: `menu_choice` maps a label in either language to its action (a chat that
changed its language may still show the old keyboard until the next one arrives).
"""

from __future__ import annotations

import re

from telegram import KeyboardButton, ReplyKeyboardMarkup

from office.texts import CATALOGUES, label

APPLICANT_ROWS = (("menu.check_status", "menu.mine"), ("menu.help",))
# Staff buttons are the commands themselves: each goes through the same handler and access
# filter as when typed, and nothing new has to be recognised.
STAFF_ROWS = (("/queue", "/overdue"), ("/new", "/help"))
APPLICANT_CHOICES = {"menu.check_status": "check_status", "menu.mine": "mine",
                     "menu.help": "help"}


def _keyboard(rows: list[list[str]], language: str, hint: str) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [[KeyboardButton(caption) for caption in row] for row in rows],
        resize_keyboard=True, is_persistent=True, input_field_placeholder=label(language, hint))


def applicant_keyboard(language: str) -> ReplyKeyboardMarkup:
    """Check status · My applications · Help, in the chat's language."""
    rows = [[label(language, key) for key in row] for row in APPLICANT_ROWS]
    return _keyboard(rows, language, "menu.placeholder")


def staff_keyboard(language: str) -> ReplyKeyboardMarkup:
    """/queue · /overdue · /new · /help, with a placeholder in the chat's language."""
    return _keyboard([list(row) for row in STAFF_ROWS], language, "menu.staff_placeholder")


_APPLICANT_LABELS = {catalogue[key]: action for catalogue in CATALOGUES.values()
                     for key, action in APPLICANT_CHOICES.items()}
# What the handler filter matches: exactly one label, in either language.
MENU_PATTERN = "^(" + "|".join(re.escape(item) for item in sorted(_APPLICANT_LABELS)) + r")\s*$"


def menu_choice(typed: str) -> str | None:
    """The applicant action a menu label stands for, or None."""
    return _APPLICANT_LABELS.get(typed.strip())
