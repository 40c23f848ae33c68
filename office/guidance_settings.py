"""`[guidance]`: what notices tell applicants to do next, and by when.

Kept apart from `settings.py` (one model per TOML table) so the next-step wording an office
tunes — deadlines, how to pay — lives in one small table.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class GuidanceSettings(BaseModel):
    """Deadlines and instructions in the returned, fee and issued notices."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # Working days an applicant has to hand in what is missing (shown as a date).
    resubmit_days: int = Field(10, ge=1, le=250)
    # Working days to pay after the bill is recorded, unless staff give a date to /fee.
    fee_payment_days: int = Field(7, ge=1, le=250)
    # Where and how to pay, in each language (empty English: the Indonesian text serves both).
    payment_instructions: str = Field(
        "Bayar di bank yang tertera pada SKRD atau lewat kanal pembayaran daerah; simpan bukti "
        "bayar.", max_length=500)
    payment_instructions_en: str = Field(
        "Pay at the bank named on the SKRD or through the regional payment channels; keep the "
        "receipt.", max_length=500)
    # Working days after issue before followers are reminded that the permit awaits collection.
    collect_reminder_days: int = Field(5, ge=1, le=250)
    # "Usually done in 3 to 5 more working days": typical stage times from the last months of
    # the office's own record; a stage seen fewer times than the minimum uses its service days.
    estimate_months: int = Field(12, ge=1, le=60)
    estimate_min_sample: int = Field(5, ge=1, le=1000)

    def payment(self, language: str) -> str:
        """How to pay, in the reader's language."""
        english = language == "en" and self.payment_instructions_en
        return self.payment_instructions_en if english else self.payment_instructions
