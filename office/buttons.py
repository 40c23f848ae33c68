"""Inline keyboards and the callback data they carry (at most 64 bytes each)."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from office.texts import text

STATUS_PREFIX = "s"
LANGUAGE_PREFIX = "lang"
FORGET_PREFIX = "forget"


def status_data(action: str, number: str) -> str:
    """Callback data of a status-card button: `s:<r|f|u|h|a>:<number>`."""
    return f"{STATUS_PREFIX}:{action}:{number}"


def status_keyboard(number: str, *, is_follower: bool, language: str) -> InlineKeyboardMarkup:
    """Refresh, History, and Follow; or for a follower Unfollow and Ask the office."""
    follow = ([InlineKeyboardButton(text(language, "button.unfollow"),
                                    callback_data=status_data("u", number)),
               InlineKeyboardButton(text(language, "button.ask"),
                                    callback_data=status_data("a", number))]
              if is_follower else
              [InlineKeyboardButton(text(language, "button.follow"),
                                    callback_data=status_data("f", number))])
    return InlineKeyboardMarkup([
        [InlineKeyboardButton(text(language, "button.refresh"),
                              callback_data=status_data("r", number)),
         InlineKeyboardButton(text(language, "button.history"),
                              callback_data=status_data("h", number))],
        follow,
    ])


def open_status_keyboard(number: str, language: str) -> InlineKeyboardMarkup:
    """A single button that opens the full status card (used in notifications and /mine)."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(
        text(language, "button.status"), callback_data=status_data("o", number))]])


def numbers_keyboard(numbers: list[str]) -> InlineKeyboardMarkup:
    """One button per application, opening its status card."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(f"📄 {number}",
                                                       callback_data=status_data("o", number))]
                                 for number in numbers])


def language_keyboard() -> InlineKeyboardMarkup:
    """Buttons to choose Indonesian or English."""
    return InlineKeyboardMarkup([[
        InlineKeyboardButton(text("id", "button.lang_id"), callback_data=f"{LANGUAGE_PREFIX}:id"),
        InlineKeyboardButton(text("en", "button.lang_en"), callback_data=f"{LANGUAGE_PREFIX}:en"),
    ]])


def confirm_keyboard(prefix: str, confirm_label: str, cancel_label: str,
                     payload: str = "") -> InlineKeyboardMarkup:
    """Confirm / cancel buttons: `<prefix>:yes[:payload]` and `<prefix>:no`."""
    suffix = f":{payload}" if payload else ""
    return InlineKeyboardMarkup([[
        InlineKeyboardButton(confirm_label, callback_data=f"{prefix}:yes{suffix}"),
        InlineKeyboardButton(cancel_label, callback_data=f"{prefix}:no"),
    ]])
