"""Shared settings and checks for the hypothesis fuzz tests.

Every fuzz test states its number of cases (``max_examples``) and runs them
derandomized, so CI sees the same cases each run and the counts in the README
are exact. ``FUZZ_CASES`` adds them up for the report.

To hunt for new failures, set ``BONEWISE_FUZZ_EXPLORE=10``: ten times the cases,
freshly random on every run.
"""

from __future__ import annotations

import os
import unicodedata

from hypothesis import HealthCheck, settings

from bonewise.errors import BonewiseError

FUZZ_CASES: dict[str, int] = {}


def fuzz(name: str, cases: int) -> settings:
    """Hypothesis settings for ``cases`` derandomized examples, counted under ``name``."""
    FUZZ_CASES[name] = cases
    explore = int(os.environ.get("BONEWISE_FUZZ_EXPLORE", "0") or 0)
    return settings(
        max_examples=cases * explore if explore > 0 else cases,
        deadline=None,
        derandomize=explore <= 0,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                               HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
    )  # fmt: skip


def assert_clear_message(exc: BaseException) -> None:
    """A user-facing failure: a BonewiseError whose message is one non-empty line."""
    assert isinstance(exc, BonewiseError), f"{type(exc).__name__}: {exc}"
    message = str(exc)
    assert message.strip(), "empty message"
    # One line, and nothing a terminal acts on (a carriage return, an escape sequence).
    controls = [c for c in message if unicodedata.category(c) == "Cc"]
    assert not controls, f"control characters {controls!r} in the message {message!r}"
    assert "Traceback" not in message
    assert len(message) <= 1000, f"message of {len(message)} characters"
