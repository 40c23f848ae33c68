"""The permit attached to /issue: sent as the notice's file, the notice cut to a caption."""

from __future__ import annotations

from typing import Any

import pytest

from notifications.composer import CAPTION_LIMIT, Composed, send_composed, with_attachment
from office.texts import Html


def test_a_short_notice_is_the_caption_whole() -> None:
    composed = with_attachment(Composed(Html("🎉 terbit\nCatatan"), None),
                               {"kind": "document", "file_id": "F1"})
    assert (composed.text, composed.attachment) == ("🎉 terbit\nCatatan", ("document", "F1"))


def test_a_long_note_is_dropped_to_fit_a_caption() -> None:
    body = Html("🎉 terbit\n📍 Ambil di loket\n" + "Catatan petugas: " + "x" * 1000)
    composed = with_attachment(Composed(body, None), {"kind": "photo", "file_id": "P1"})
    assert composed.text == "🎉 terbit\n📍 Ambil di loket"
    assert len(composed.text) <= CAPTION_LIMIT
    assert composed.attachment == ("photo", "P1")


@pytest.mark.parametrize("payload", [{}, {"kind": "video", "file_id": "V"},
                                     {"kind": "document", "file_id": ""}, {"days": 5}])
def test_anything_else_in_the_payload_attaches_nothing(payload: dict[str, object]) -> None:
    composed = Composed(Html("🎉 terbit"), None)
    assert with_attachment(composed, payload) is composed


class RecordingBot:
    """Records which Bot API method a notice went out with."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int, Any, str | None]] = []

    async def send_message(self, chat_id: int, text: str, **_: object) -> None:
        self.calls.append(("message", chat_id, None, text))

    async def send_photo(self, chat_id: int, photo: str, caption: str, **_: object) -> None:
        self.calls.append(("photo", chat_id, photo, caption))

    async def send_document(self, chat_id: int, document: str, caption: str,
                            **_: object) -> None:
        self.calls.append(("document", chat_id, document, caption))


@pytest.mark.parametrize(("attachment", "call"), [
    (None, ("message", 5, None, "hi")), (("photo", "P1"), ("photo", 5, "P1", "hi")),
    (("document", "D1"), ("document", 5, "D1", "hi")),
])
async def test_each_notice_is_one_call_of_the_right_kind(
        attachment: tuple[str, str] | None, call: tuple[str, int, Any, str | None]) -> None:
    bot = RecordingBot()
    await send_composed(bot, 5, Composed(Html("hi"), None, attachment))  # type: ignore[arg-type]
    assert bot.calls == [call]
