"""The rate budget both flood limits keep per chat."""

from __future__ import annotations

import pytest

from bot.runtime.budget import Budget, forget_idle


def test_a_burst_goes_at_once_then_one_per_interval() -> None:
    budget = Budget(3, 2.0, now=100.0)
    assert [budget.reserve(100.0, 10.0) for _ in range(5)] == [0.0, 0.0, 0.0, 2.0, 4.0]


def test_a_slot_beyond_the_limit_is_refused_and_not_spent() -> None:
    budget = Budget(1, 3.0, now=0.0)
    assert budget.reserve(0.0, 0.0) == 0.0
    assert budget.reserve(0.0, 2.9) is None
    assert budget.wait(0.0) == 3.0
    assert budget.reserve(3.0, 0.0) == 0.0


def test_the_budget_refills_while_idle() -> None:
    budget = Budget(2, 1.0, now=0.0)
    budget.take(0.0)
    budget.take(0.0)
    assert budget.wait(0.5) == pytest.approx(0.5)
    assert not budget.idle(1.5)
    assert budget.idle(2.0)
    assert [budget.reserve(10.0, 0.0) for _ in range(3)] == [0.0, 0.0, None]


def test_a_pause_holds_everything_and_then_refills_from_empty() -> None:
    budget = Budget(20, 3.0, now=0.0)
    budget.pause(0.0, 5.0)
    assert budget.wait(0.0) == 5.0
    assert budget.reserve(5.0, 0.0) == 0.0
    assert budget.wait(5.0) == pytest.approx(3.0)


def test_only_full_budgets_are_forgotten_and_only_past_the_threshold() -> None:
    busy, calm = Budget(1, 10.0, now=0.0), Budget(1, 10.0, now=0.0)
    busy.take(0.0)
    budgets = {"busy": busy, "calm": calm}
    forget_idle(budgets, 1.0, keep=2)
    assert set(budgets) == {"busy", "calm"}
    forget_idle(budgets, 1.0, keep=1)
    assert budgets == {"busy": busy}
