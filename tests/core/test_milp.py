"""The small HiGHS model builder: right answers, relaxations with prices, and silence."""

from __future__ import annotations

import pytest

from bonewise.core.milp import Model


def knapsack() -> tuple[Model, list[int]]:
    """Maximise 5a + 4b + 3c with 2a + 3b + c ≤ 5, integers 0..2."""
    m = Model()
    xs = [m.var(0, 2, cost=-v, integer=True) for v in (5.0, 4.0, 3.0)]
    m.row([(xs[0], 2.0), (xs[1], 3.0), (xs[2], 1.0)], upper=5.0)
    return m, xs


def test_integer_optimum():
    m, xs = knapsack()
    solution = m.solve()
    assert solution.status == "optimal"
    # a=1, c=2 gives 11 + room for nothing else; a=1,b=0,c=2 → 2+0+2=4 ≤ 5; a=2,c=1 → 13 with 5 used.
    assert [round(solution[x]) for x in xs] == [2, 0, 1]
    assert solution.objective == pytest.approx(-13.0)


def test_relaxation_gives_fractions_reduced_costs_and_row_prices():
    m, xs = knapsack()
    relaxed = m.solve(relaxed=True)
    assert relaxed.objective < -13.0  # the LP bound is better than any integer plan
    assert len(relaxed.reduced_costs) == 3 and len(relaxed.row_duals) == 1
    assert relaxed.row_duals[0] < 0  # the capacity row binds and has a price


def test_rows_without_terms_are_dropped_and_zero_terms_merged():
    m = Model()
    x = m.var(0, 1)
    assert m.row([(x, 0.0)], upper=1.0) is None
    assert m.row([(x, 1.0), (x, 1.0)], upper=1.0) == 0
    assert m.num_rows == 1
    assert m.solve().found


def test_infeasible_model_reports_no_values():
    m = Model()
    x = m.var(0, 1, integer=True)
    m.row([(x, 1.0)], lower=2.0)
    solution = m.solve()
    assert not solution.found and solution.status == "infeasible"


def test_solving_prints_nothing(capfd):
    m, _ = knapsack()
    m.solve()
    m.solve(relaxed=True)
    out, err = capfd.readouterr()
    assert out == "" and err == ""
