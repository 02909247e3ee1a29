"""A small mixed-integer model builder on top of HiGHS (``highspy``), silent and deterministic.

Variables and rows are added in a fixed order and passed to HiGHS as one
row-wise matrix, so the same inputs always give the same model and, with one
thread and a fixed seed, the same solution.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import highspy

INF = math.inf


@dataclass(frozen=True)
class Solution:
    status: str  # "optimal", "time limit", "infeasible", ...
    values: tuple[float, ...]  # one per variable; empty when nothing was found
    reduced_costs: tuple[float, ...]  # one per variable, for an LP (relaxed) solve; else empty
    row_duals: tuple[float, ...]  # one per row, for an LP (relaxed) solve; else empty
    objective: float
    gap: float  # relative MIP gap when stopped (0 when proven optimal)
    seconds: float

    @property
    def found(self) -> bool:
        return bool(self.values)

    def __getitem__(self, var: int) -> float:
        return self.values[var]


class Model:
    """Minimise a linear cost over integer and continuous variables and linear rows."""

    def __init__(self) -> None:
        self._cost: list[float] = []
        self._lower: list[float] = []
        self._upper: list[float] = []
        self._integer: list[bool] = []
        self._row_lower: list[float] = []
        self._row_upper: list[float] = []
        self._starts: list[int] = [0]
        self._index: list[int] = []
        self._value: list[float] = []

    @property
    def num_vars(self) -> int:
        return len(self._cost)

    @property
    def num_rows(self) -> int:
        return len(self._row_lower)

    def var(
        self, lower: float = 0.0, upper: float = INF, cost: float = 0.0, integer: bool = False
    ) -> int:
        """A new variable; returns its index."""
        self._cost.append(cost)
        self._lower.append(lower)
        self._upper.append(upper)
        self._integer.append(integer)
        return len(self._cost) - 1

    def add_cost(self, var: int, cost: float) -> None:
        self._cost[var] += cost

    def cost_of(self, var: int) -> float:
        return self._cost[var]

    def row(
        self, terms: Iterable[tuple[int, float]], lower: float = -INF, upper: float = INF
    ) -> int | None:
        """Add ``lower ≤ Σ coefficient × variable ≤ upper``; returns its index (None if it has no terms).

        Terms with a zero coefficient are dropped.
        """
        merged: dict[int, float] = {}
        for var, coef in terms:
            if coef:
                merged[var] = merged.get(var, 0.0) + coef
        if not merged:
            return None
        self._index.extend(merged)
        self._value.extend(merged.values())
        self._starts.append(len(self._index))
        self._row_lower.append(lower)
        self._row_upper.append(upper)
        return len(self._row_lower) - 1

    def _highs(self, time_limit: float, gap: float = 1e-4, abs_gap: float = 1e-6,
               max_nodes: int | None = None) -> Any:  # highspy._Highs
        import highspy

        # The bare binding: highspy.Highs() installs a logging callback that prints
        # HiGHS's banner on C stdout, which would corrupt `--json` output.
        highs = highspy._Highs()  # type: ignore[attr-defined]  # in highspy.__all__, not in its stub
        for name, value in (
            ("output_flag", False),
            ("log_to_console", False),
            ("threads", 1),
            ("random_seed", 0),
            ("time_limit", float(time_limit)),
            ("mip_rel_gap", float(gap)),
            ("mip_abs_gap", float(abs_gap)),
        ):
            highs.setOptionValue(name, value)
        if max_nodes is not None:  # a bound on the work, not the clock: the same answer every time
            highs.setOptionValue("mip_max_nodes", int(max_nodes))
        return highs

    def _lp(self, lower: list[float], upper: list[float], integral: bool) -> highspy.HighsLp:
        import highspy
        import numpy as np

        lp = highspy.HighsLp()
        lp.num_col_ = self.num_vars
        lp.num_row_ = self.num_rows
        lp.col_cost_ = np.array(self._cost, dtype=float)
        lp.col_lower_ = np.array(lower, dtype=float)
        lp.col_upper_ = np.array(upper, dtype=float)
        lp.row_lower_ = np.array(self._row_lower, dtype=float)
        lp.row_upper_ = np.array(self._row_upper, dtype=float)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.num_col_ = self.num_vars
        lp.a_matrix_.num_row_ = self.num_rows
        lp.a_matrix_.start_ = np.array(self._starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(self._index, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(self._value, dtype=float)
        if integral and any(self._integer):
            lp.integrality_ = [
                highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous
                for i in self._integer
            ]
        return lp

    def _completed(self, start: Mapping[int, float], time_limit: float) -> list[float] | None:
        """``start`` with every other variable at its best, when it names every integer one."""
        import highspy

        if not all(var in start for var, integer in enumerate(self._integer) if integer):
            return None
        lower, upper = list(self._lower), list(self._upper)
        for var, value in start.items():
            lower[var] = upper[var] = value
        highs = self._highs(time_limit)
        highs.passModel(self._lp(lower, upper, integral=False))
        highs.run()
        if highs.getInfo().primal_solution_status != highspy.kSolutionStatusFeasible:
            return None  # the start breaks a row
        return list(highs.getSolution().col_value)

    def complete(self, start: Mapping[int, float], time_limit: float = 5.0) -> Solution | None:
        """The plan ``start`` gives (every integer variable), the continuous ones at their best,
        without searching further; None when it breaks a row. Status "time limit reached":
        it is what there was time for, not a proven optimum."""
        started = time.perf_counter()
        values = self._completed(start, time_limit)
        if values is None:
            return None
        objective = sum(c * v for c, v in zip(self._cost, values, strict=True))
        return Solution("time limit reached", tuple(values), (), (), objective, INF,
                        time.perf_counter() - started)  # fmt: skip

    def solve(
        self,
        time_limit: float = 5.0,
        gap: float = 1e-4,
        abs_gap: float = 1e-6,
        relaxed: bool = False,
        start: Mapping[int, float] | None = None,
        max_nodes: int | None = None,
    ) -> Solution:
        """Solve with HiGHS, printing nothing; stops at ``time_limit`` seconds with the best found.

        ``relaxed`` solves the linear relaxation (integrality dropped) and also
        returns the reduced costs and row duals (the price of each row). ``start``
        gives values of some variables as a first solution to improve on (HiGHS
        works out the others); a start that breaks a row is ignored. ``max_nodes``
        stops the branch and bound after that many nodes, whatever the clock says.
        """
        # Imported here, not at the top: HiGHS and numpy cost ~0.2 s to load, and the
        # window and command line import this module long before anyone solves.
        import highspy
        import numpy as np

        started = time.perf_counter()
        highs = self._highs(time_limit, gap, abs_gap, max_nodes)
        highs.passModel(self._lp(self._lower, self._upper, integral=not relaxed))
        if start and not relaxed:
            completed = self._completed(start, time_limit)
            if completed is not None:  # a whole solution: HiGHS takes it as its first incumbent
                first = highspy.HighsSolution()
                first.col_value = completed
                first.value_valid = True
                highs.setSolution(first)
            else:  # HiGHS tries to complete it itself
                index = sorted(start)
                highs.setSolution(
                    len(index), np.array(index, dtype=np.int32), np.array([start[i] for i in index], dtype=float)
                )
        highs.run()
        status = highs.modelStatusToString(highs.getModelStatus()).lower()
        info = highs.getInfo()
        values: tuple[float, ...] = ()
        reduced: tuple[float, ...] = ()
        duals: tuple[float, ...] = ()
        if info.primal_solution_status == highspy.kSolutionStatusFeasible:
            solution = highs.getSolution()
            values = tuple(solution.col_value)
            if relaxed:
                reduced = tuple(solution.col_dual)
                duals = tuple(solution.row_dual)
        gap_value = float(info.mip_gap) if any(self._integer) and not relaxed else 0.0
        objective = float(info.objective_function_value) if values else INF
        return Solution(
            status, values, reduced, duals, objective, gap_value, time.perf_counter() - started
        )
