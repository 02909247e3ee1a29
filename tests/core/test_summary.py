"""WeekSummary: one set of averages, statuses and warnings for every view, and its JSON."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest

from bonewise.core import amounts, edits
from bonewise.core.checks import KINDS
from bonewise.core.nutrients import VITAMIN_K_TOTAL
from bonewise.core.plan import IsoWeek, Person, WeekPlan
from bonewise.core.status import Severity, Status
from bonewise.core.summary import LINE_KEYS, summarize_day, summarize_week, summary_json
from bonewise.core.targets import TargetKind

from .sr_foods import CALCIUM_CARBONATE_600, CHEDDAR, KALE, MILK, NATTO, SALMON, sr_food

WEEK = IsoWeek(2026, 49)
MON, TUE, WED = WEEK.dates()[:3]
ZOE = Person("Zoë", id=1, weight_kg=64, birth_year=1962)
SCHEMA = json.loads((Path(__file__).parents[2] / "docs" / "plan-totals.schema.json").read_text("utf-8"))


def g(food, grams):
    return amounts.entry_for(food, grams=grams)


def week_with(*placements) -> WeekPlan:
    plan = WeekPlan.empty(ZOE.id, WEEK)
    for date, slot, entry in placements:
        plan, _ = edits.place(plan, date, slot, entry)
    return plan


@pytest.fixture
def two_days(foods):
    plan = week_with(
        (MON, "breakfast", amounts.entry_for(MILK, measure="cup")),
        (MON, "dinner", g(CHEDDAR, 100)),
        (WED, "lunch", g(SALMON, 150)),
        (WED, "bedtime", amounts.entry_for(CALCIUM_CARBONATE_600, measure="tablet", count=4)),
    )
    return summarize_week(ZOE, plan, foods, {})


def test_the_week_averages_over_its_planned_days(two_days):
    s = two_days
    assert (s.period, s.days_planned, s.dates) == ("week", 2, WEEK.dates())
    assert s.average_text == "Daily average of 2 planned days"
    monday, wednesday = s.day(MON)["calcium_mg"].value, s.day(WED)["calcium_mg"].value
    assert s.average["calcium_mg"].value == pytest.approx((monday + wednesday) / 2)
    assert s.day(TUE)["calcium_mg"].status is Status.NOTHING_PLANNED


def test_every_line_has_value_unit_coverage_target_limit_status_and_sources(two_days):
    assert tuple(two_days.average) == LINE_KEYS == two_days.keys
    for key, reading in two_days.average.items():
        assert reading.key == key and reading.unit and reading.sources
        assert reading.status is not None and reading.target.kind in TargetKind
    calcium = two_days.average["calcium_mg"]
    assert calcium.target.upper_limit == 2000.0 and [s.short for s in calcium.sources] == [
        "NCCN 2009; NIH 1994", "IOM 2011"]


def test_warnings_are_grouped_and_ordered_by_severity(two_days):
    groups = two_days.warnings
    assert [g.kind for g in groups][0] == "upper_limit"  # 2,400 mg of supplements on Wednesday
    assert [g.severity.rank for g in groups] == sorted(g.severity.rank for g in groups)
    assert sum(g.count for g in groups) == len(two_days.findings)
    assert list(two_days.findings) == [f for g in groups for f in g.findings]
    assert all(g.title == KINDS[g.kind][1] for g in groups)


def test_findings_still_point_at_their_meal(two_days):
    (sitting,) = [f for f in two_days.findings if f.kind == "calcium_per_sitting" and f.date == WED]
    assert sitting.slot_id == "bedtime"
    assert two_days.findings_for(WED, "bedtime") == [sitting]


def test_a_day_summary_is_that_day(two_days, foods):
    day = summarize_day(ZOE, two_days.plan, MON, foods, {})
    assert (day.period, day.days_planned, day.dates) == ("day", 1, (MON,))
    assert day.average == two_days.day(MON) and day.average_text == "Monday 30 November 2026"
    assert all(f.date == MON for f in day.findings)
    assert set(day.meals_on(MON)) == {"breakfast", "dinner"}


def test_an_empty_week_has_nothing_planned_and_no_findings(foods):
    s = summarize_week(ZOE, WeekPlan.empty(ZOE.id, WEEK), foods, {})
    assert s.days_planned == 0 and not s.findings and s.warnings == ()
    assert {r.status for r in s.average.values()} == {Status.NOTHING_PLANNED}
    assert s.average_text == "Nothing planned this week yet"


def test_targets_follow_the_week_the_person_is_in(foods):
    young = dataclasses.replace(ZOE, birth_year=1980)
    plan = week_with(*[(MON, slot, g(CHEDDAR, 100)) for slot in ("breakfast", "lunch", "dinner")])
    summary = summarize_week(young, plan, foods, {})  # 2,163 mg of calcium on Monday
    assert summary.targets["calcium_mg"].upper_limit == 2500.0
    assert summary.day(MON)["calcium_mg"].status is Status.ABOVE
    assert not [f for f in summary.findings if f.kind == "upper_limit"]
    older = summarize_week(dataclasses.replace(ZOE, birth_year=1960), plan, foods, {})
    assert older.day(MON)["calcium_mg"].status is Status.OVER_LIMIT
    assert [f.kind for f in older.findings][0] == "upper_limit"


def test_total_vitamin_k_line(foods):
    plan = week_with((MON, "lunch", g(KALE, 50)), (MON, "dinner", g(NATTO, 10)))
    k = summarize_week(ZOE, plan, foods, {}).average[VITAMIN_K_TOTAL]
    assert k.value == pytest.approx(817.0 * 0.5 + (23.1 + 939.0) * 0.1)
    assert k.total.unknown_names == (KALE.name,)  # kale: K1 known, K2 unknown: a lower bound
    assert (k.status, k.target.low, k.target.source.short) == (Status.MET, 90.0, "IOM 2001")


# ----------------------------------------------------------------------------- JSON


def test_the_json_follows_the_schema_and_says_null_for_unknown(two_days, foods):
    data = summary_json(two_days)
    jsonschema.validate(data, SCHEMA)
    assert data["period"] == "week" and data["days_planned"] == 2
    k2 = data["nutrients"]["vitamin_k2_ug"]
    # Milk, salmon and the tablet have no K2 value... but cheddar has one: a lower bound.
    assert k2["value"] is not None and k2["coverage"]["complete"] is False
    custom = sr_food("t-ca-only", "Calcium-only custom food", {"calcium_mg": 100.0}, [])
    alone = summarize_week(ZOE, week_with((MON, "lunch", g(custom, 100))), {custom.id: custom}, {})
    data = summary_json(alone)
    jsonschema.validate(data, SCHEMA)
    for key in ("vitamin_d_iu", "vitamin_k2_ug", "protein_g", VITAMIN_K_TOTAL):
        assert data["nutrients"][key]["value"] is None and data["nutrients"][key]["status"] == "no_data"
    assert "at least 0 " not in json.dumps(data, ensure_ascii=False)


def test_the_schema_lists_exactly_the_codes_words(two_days):
    defs = SCHEMA["$defs"]
    assert defs["nutrient_key"]["enum"] == list(LINE_KEYS)
    assert defs["status"]["enum"] == [s.value for s in Status]
    assert defs["severity"]["enum"] == [s.value for s in Severity]
    assert defs["severity_symbol"]["enum"] == [s.symbol for s in Severity]
    assert defs["target_kind"]["enum"] == [k.value for k in TargetKind]
    assert defs["finding_kind"]["enum"] == list(KINDS)
