"""Retry delays: doubling per attempt, half jitter, capped."""

from __future__ import annotations

import random

import pytest

from notifications.backoff import retry_delay


@pytest.mark.parametrize(("attempt", "low", "high"), [
    (1, 1.0, 2.0), (2, 2.0, 4.0), (3, 4.0, 8.0), (4, 8.0, 16.0), (8, 128.0, 256.0),
])
def test_the_delay_doubles_with_each_attempt_and_keeps_a_floor_of_half(
        attempt: int, low: float, high: float) -> None:
    rng = random.Random(attempt)
    delays = [retry_delay(attempt, 2.0, 900.0, rng) for _ in range(500)]
    assert all(low <= delay <= high for delay in delays)
    # Jitter spreads the retries over the whole range, not one instant.
    assert min(delays) < low + (high - low) * 0.05
    assert max(delays) > high - (high - low) * 0.05


def test_the_delay_is_the_seeded_draw_between_half_and_the_ceiling() -> None:
    expected = random.Random(42)
    rng = random.Random(42)
    assert [retry_delay(attempt, 2.0, 900.0, rng) for attempt in (1, 2, 3)] == [
        expected.uniform(1.0, 2.0), expected.uniform(2.0, 4.0), expected.uniform(4.0, 8.0)]


def test_the_same_seed_gives_the_same_delays() -> None:
    first, second = random.Random(7), random.Random(7)
    assert ([retry_delay(3, 2.0, 900.0, first) for _ in range(5)]
            == [retry_delay(3, 2.0, 900.0, second) for _ in range(5)])


@pytest.mark.parametrize("attempt", [10, 11, 30, 1024, 1025, 5000])
def test_the_cap_bounds_the_delay_however_many_attempts(attempt: int) -> None:
    rng = random.Random(attempt)
    delays = [retry_delay(attempt, 2.0, 900.0, rng) for _ in range(200)]
    assert all(450.0 <= delay <= 900.0 for delay in delays)


def test_a_cap_below_the_base_wins() -> None:
    rng = random.Random(1)
    assert all(0.25 <= retry_delay(1, 2.0, 0.5, rng) <= 0.5 for _ in range(100))


@pytest.mark.parametrize("attempt", [0, -3])
def test_an_attempt_below_one_counts_as_the_first(attempt: int) -> None:
    rng = random.Random(3)
    assert all(1.0 <= retry_delay(attempt, 2.0, 900.0, rng) <= 2.0 for _ in range(100))


def test_without_a_generator_the_module_random_is_used() -> None:
    assert all(4.0 <= retry_delay(3, 2.0, 900.0) <= 8.0 for _ in range(100))
