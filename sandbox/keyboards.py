"""Reply markup checks: the keyboard errors Telegram gives for malformed buttons."""

from __future__ import annotations

from typing import Any

from sandbox.protocol import JsonDict, Params, bad_request

# Fields of an InlineKeyboardButton that make it do something; exactly one must be present.
BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
MAX_CALLBACK_DATA = 64
MAX_BUTTONS = 100


def reply_markup(params: Params) -> JsonDict | None:
    """The validated reply_markup parameter, or None when absent."""
    markup: Any = params.structured("reply_markup", "can't parse reply keyboard markup JSON object")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        _check_inline(markup["inline_keyboard"])
    elif "keyboard" in markup:
        _check_rows(markup["keyboard"], "keyboard", "KeyboardButton")
    elif not (markup.get("remove_keyboard") or markup.get("force_reply")):
        raise bad_request("can't parse reply keyboard markup JSON object")
    return markup


def _check_rows(rows: Any, field: str, kind: str) -> None:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(f'field "{field}" of the {kind}Markup must be an Array of Arrays')
    if sum(len(row) for row in rows) > MAX_BUTTONS:
        raise bad_request("reply markup is too long")


def _check_inline(rows: Any) -> None:
    _check_rows(rows, "inline_keyboard", "InlineKeyboard")
    for row in rows:
        for button in row:
            _check_button(button)


def _check_button(button: Any) -> None:
    def fail(reason: str) -> None:
        raise bad_request(f"can't parse inline keyboard button: {reason}")

    if not isinstance(button, dict):
        fail("InlineKeyboardButton must be an Object")
    if not isinstance(button.get("text"), str):
        fail('Field "text" must be of type String')
    actions = [name for name in BUTTON_ACTIONS if name in button]
    if not actions:
        fail("Text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        # Telegram silently picks one; a button with two actions is a bot bug worth surfacing.
        fail(f"exactly one optional field must be used, found {', '.join(actions)}")
    data = button.get("callback_data")
    if "callback_data" in button and (
        not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA
    ):
        raise bad_request("BUTTON_DATA_INVALID")
    url = button.get("url")
    if "url" in button and (not isinstance(url, str) or not url.strip() or " " in url.strip()):
        raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")
