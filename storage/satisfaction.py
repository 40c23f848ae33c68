"""The satisfaction index (IKM) of a period, by the formula of Permenpan RB No. 14/2017.

Each element's mean answer (1-4, skipped answers left out of that element) is weighted 1/9,
the weighted sum is the index on the 1-4 scale and times 25 the 25-100 index offices report. An
element nobody answered is left out and the others share its weight, so one unanswered
question does not drag the index towards 0. Computed with exact fractions and rounded half up
to two decimals once, as the regulation's worked tables show two decimals.

The response rate is responses finished in the period over survey invitations delivered in
it (outbox rows, which `/forgetme` marks but never deletes, so the rate survives it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from storage.clock import to_timestamp
from storage.database import Database

#: The nine SKM elements, in the regulation's order.
ELEMENTS = 9
#: The quality bands (mutu pelayanan) on the 25-100 scale, lowest value of each, best first.
#: From the regulation's appendix table "Nilai Persepsi, Interval IKM, Interval Konversi IKM,
#: Mutu Pelayanan dan Kinerja Unit Pelayanan": A Sangat Baik 88,31-100; B Baik 76,61-88,30;
#: C Kurang Baik 65,00-76,60; D Tidak Baik 25,00-64,99. (The regulation's own text could not
#: be fetched here; these are the values quoted by offices' SKM reports that cite it.)
BANDS = ((Decimal("88.31"), "A"), (Decimal("76.61"), "B"), (Decimal("65.00"), "C"),
         (Decimal("25.00"), "D"))
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class ElementScore:
    """One element's answers in the period: how many of each value 1-4, and its index."""

    element: int
    counts: tuple[int, int, int, int]

    @property
    def answered(self) -> int:
        """Responses that answered this element (skips left out)."""
        return sum(self.counts)

    @property
    def mean(self) -> Fraction | None:
        """The mean answer on the 1-4 scale; None when nobody answered."""
        if not self.answered:
            return None
        return Fraction(sum(value * n for value, n in enumerate(self.counts, start=1)),
                        self.answered)

    @property
    def index(self) -> Decimal | None:
        """The element's mean on the 25-100 scale, to two decimals."""
        return None if self.mean is None else to_scale(self.mean)


@dataclass(frozen=True)
class SatisfactionIndex:
    """The IKM of a period: per element and overall, with responses and invitations."""

    elements: tuple[ElementScore, ...] = ()
    responses: int = 0
    invitations: int = 0

    @property
    def mean(self) -> Fraction | None:
        """The weighted sum of element means (1-4); None without any answer."""
        means = [score.mean for score in self.elements if score.mean is not None]
        if not means:
            return None
        return sum(means, Fraction(0)) / len(means)

    @property
    def index(self) -> Decimal | None:
        """The IKM on the 25-100 scale, to two decimals; None without any answer."""
        return None if self.mean is None else to_scale(self.mean)


def to_scale(mean: Fraction) -> Decimal:
    """A 1-4 mean times 25, rounded half up to two decimals."""
    scaled = mean * 25
    return (Decimal(scaled.numerator) / Decimal(scaled.denominator)).quantize(
        _CENT, rounding=ROUND_HALF_UP)


def band(index: Decimal) -> str:
    """The quality band A-D of a 25-100 index (already rounded to two decimals)."""
    for lowest, letter in BANDS:
        if index >= lowest:
            return letter
    return BANDS[-1][1]


def satisfaction_index(counts: dict[int, dict[int, int]], responses: int,
                       invitations: int) -> SatisfactionIndex:
    """The index from answer counts per element and value."""
    scores = []
    for element in range(1, ELEMENTS + 1):
        given = counts.get(element, {})
        scores.append(ElementScore(element, (given.get(1, 0), given.get(2, 0), given.get(3, 0),
                                             given.get(4, 0))))
    return SatisfactionIndex(tuple(scores), responses, invitations)


async def answer_counts(database: Database, first: date,
                        last: date) -> tuple[int, dict[int, dict[int, int]]]:
    """Responses of days first..last, and how often each element got each answer."""
    period = (first.isoformat(), last.isoformat())
    responses = await database.fetch_value(
        "SELECT COUNT(*) FROM survey_responses WHERE answered_on BETWEEN ? AND ?", period, 0)
    rows = await database.fetch_all(
        "SELECT a.element, a.answer, COUNT(*) FROM survey_answers a "
        "JOIN survey_responses r ON r.id = a.response_id "
        "WHERE r.answered_on BETWEEN ? AND ? GROUP BY a.element, a.answer", period)
    counts = {element: dict.fromkeys(range(1, 5), 0) for element in range(1, ELEMENTS + 1)}
    for element, answer, count in rows:
        counts[int(element)][int(answer)] = int(count)
    return int(responses), counts


async def period_index(database: Database, first: date, last: date, start: datetime,
                       end: datetime) -> SatisfactionIndex:
    """The index of responses of days first..last, invitations delivered in [start, end)."""
    responses, counts = await answer_counts(database, first, last)
    invitations = await database.fetch_value(
        "SELECT COUNT(*) FROM outbox WHERE kind = 'survey_invite' AND status = 'sent' "
        "AND created_at >= ? AND created_at < ?", (to_timestamp(start), to_timestamp(end)), 0)
    return satisfaction_index(counts, responses, int(invitations))
