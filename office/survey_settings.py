"""`[survey]`: the satisfaction survey (SKM, Permenpan RB 14/2017) an office adapts.

The nine elements are fixed by the regulation; their wording and the four answer labels are
the office's, in both languages, so they live in config rather than in the catalogues.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

QUESTIONS_ID = (
    "Bagaimana kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
    "Bagaimana kemudahan prosedur pelayanan di unit ini?",
    "Bagaimana kecepatan waktu dalam memberikan pelayanan?",
    "Bagaimana kewajaran biaya/tarif dalam pelayanan?",
    "Bagaimana kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan "
    "dengan hasil yang diberikan?",
    "Bagaimana kompetensi/kemampuan petugas dalam pelayanan?",
    "Bagaimana perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
    "Bagaimana kualitas penanganan pengaduan, saran dan masukan?",
    "Bagaimana kualitas sarana dan prasarana?",
)
QUESTIONS_EN = (
    "How well did the service requirements fit the kind of service?",
    "How easy was the service procedure at this office?",
    "How fast was the service?",
    "How fair was the cost or fee of the service?",
    "How well did the product you received match the service standard?",
    "How competent were the staff who served you?",
    "How courteous and friendly were the staff?",
    "How well are complaints, suggestions and feedback handled?",
    "How good are the facilities?",
)
# The elements' short names in the regulation, for the figures (/stats, etracking stats).
ELEMENTS_ID = (
    "Persyaratan", "Prosedur", "Waktu penyelesaian", "Biaya/tarif", "Produk layanan",
    "Kompetensi pelaksana", "Perilaku pelaksana", "Penanganan pengaduan",
    "Sarana dan prasarana",
)
ELEMENTS_EN = (
    "Requirements", "Procedure", "Time", "Cost", "Product", "Staff competence",
    "Staff behaviour", "Complaints handling", "Facilities",
)


class SurveySettings(BaseModel):
    """Who is invited, when, and the wording of the nine questions and four answers."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # Invite followers once an application reaches one of these final stages.
    invite_stages: tuple[str, ...] = ("issued",)
    # How often (minutes) the job looks for newly decided applications to invite.
    invite_every_minutes: int = Field(10, ge=1, le=1440)
    # The nine SKM elements in order: requirements, procedure, time, cost, product, staff
    # competence, staff behaviour, complaints handling, facilities.
    questions: tuple[str, ...] = QUESTIONS_ID
    questions_en: tuple[str, ...] = QUESTIONS_EN
    # The nine elements' short names as the figures show them (IKM per element).
    elements: tuple[str, ...] = ELEMENTS_ID
    elements_en: tuple[str, ...] = ELEMENTS_EN
    # The four answers, 1 (worst) to 4 (best), as on the SKM scale.
    answers: tuple[str, ...] = ("Tidak baik", "Kurang baik", "Baik", "Sangat baik")
    answers_en: tuple[str, ...] = ("Poor", "Fair", "Good", "Very good")

    @field_validator("questions", "questions_en")
    @classmethod
    def _nine(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(value) != 9 or not all(0 < len(item) <= 300 for item in value):
            raise ValueError("needs exactly 9 questions of 1 to 300 characters")
        return value

    @field_validator("elements", "elements_en")
    @classmethod
    def _nine_names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(value) != 9 or not all(0 < len(item) <= 40 for item in value):
            raise ValueError("needs exactly 9 names of 1 to 40 characters")
        return value

    @field_validator("answers", "answers_en")
    @classmethod
    def _four(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(value) != 4 or not all(0 < len(item) <= 30 for item in value):
            raise ValueError("needs exactly 4 answers of 1 to 30 characters")
        return value

    def question(self, language: str, step: int) -> str:
        """Question `step` (0-8) in the reader's language."""
        return (self.questions_en if language == "en" else self.questions)[step]

    def element(self, language: str, element: int) -> str:
        """The short name of element `element` (1-9) in the reader's language."""
        return (self.elements_en if language == "en" else self.elements)[element - 1]

    def answer(self, language: str, value: int) -> str:
        """The label of answer `value` (1-4) in the reader's language."""
        return (self.answers_en if language == "en" else self.answers)[value - 1]
