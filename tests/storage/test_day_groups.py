"""The median over a histogram of working days."""

from __future__ import annotations

import pytest

from storage.day_groups import median


@pytest.mark.parametrize(("histogram", "expected"), [
    ({}, None),
    ({5: 0}, None),
    ({3: 1}, 3.0),
    ({1: 1, 4: 1}, 2.5),
    ({0: 2, 9: 1}, 0.0),
    ({9: 2, 1: 1, 4: 1}, 6.5),
])
def test_median_of_a_histogram(histogram: dict[int, int], expected: float | None) -> None:
    assert median(histogram) == expected

