"""`[questions]`: how much applicants may ask the office in chat, and how much staff see.

A question goes to the staff group (or each admin) as one message: its length is capped
below Telegram's 4,096 characters with room for the number, stage and name around it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class QuestionSettings(BaseModel):
    """Limits on questions to the office (`/ask` and the card's button)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: Questions one chat may send in 24 hours, over all its applications.
    per_day: int = Field(5, ge=1, le=100)
    #: Characters in one question; a longer one is refused, never cut.
    max_length: int = Field(1000, ge=20, le=3000)
    #: Minutes the bot waits for the question after the button is pressed.
    draft_minutes: int = Field(15, ge=1, le=1440)
    #: Latest question threads shown in `/view`.
    view_threads: int = Field(3, ge=1, le=10)
