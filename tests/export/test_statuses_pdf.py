"""The printed words follow targets.md §1b: floors, bands, ceilings, no data, age, total vitamin K."""

from __future__ import annotations

import dataclasses
import re
from types import MappingProxyType

from pdf_helpers import pdf_text
from sample_week import (
    CALCIUM_600,
    CHEDDAR,
    FOODS,
    KALE,
    NATTO,
    RECIPES,
    SALMON,
    VITAMIN_D_1000,
    WEEK,
    ZOE,
    _food,
    e,
    sample_week,
)

from bonewise.core.plan import DayPlan, WeekPlan
from bonewise.core.status import Status
from bonewise.core.summary import summarize_week, summary_json
from bonewise.export.pdf import week_pdf

CHICKEN = _food("05064", "Chicken, breast, roasted", "Meat", {"protein_g": 31.02, "sodium_mg": 74})
ONLY_CALCIUM = dataclasses.replace(
    _food("c1", "My calcium drink", "Drinks", {}, kind=CHEDDAR.kind),
    nutrients=MappingProxyType({"calcium_mg": 120.0}),  # a custom food: nothing else is known
)
MORE = {**FOODS, CHICKEN.id: CHICKEN, ONLY_CALCIUM.id: ONLY_CALCIUM}


def flat(text: str) -> str:
    return " ".join(text.split())


def plan_of(*days: dict) -> WeekPlan:
    """A week whose first days hold ``days`` (slot -> entries); the rest left empty."""
    plan = [DayPlan(d, MappingProxyType({s: tuple(es) for s, es in (days[i] if i < len(days) else {}).items()}))
            for i, d in enumerate(WEEK.dates())]  # fmt: skip
    return WeekPlan(ZOE.id, WEEK, tuple(plan))


def averages(person, plan, foods=MORE) -> str:
    """The report's "Weekly averages" table, as text."""
    text = flat(pdf_text(week_pdf(person, plan, foods, RECIPES, sections=["report"]), raw=True))
    return text.split("Weekly averages", 1)[1].split("Notes on data coverage", 1)[0]


def row(table: str, label: str, following: str) -> str:
    return table.split(label, 1)[1].split(following, 1)[0]


def test_protein_above_its_range_prints_target_met():
    # 64 kg: at least 64.0–76.8 g; 77.6 g (250 g chicken) is met, not "above target".
    plan = plan_of({"lunch": [e(CHICKEN, grams=250)]})
    table = averages(ZOE, plan)
    protein = row(table, "Protein", "Fiber")
    assert "77.5 g" in protein and "target at least 64.0–76.8 g" in protein
    assert "✓ target met" in protein and "above" not in protein


def test_floors_exceeded_are_met_in_the_json_the_report_and_the_appointment_page():
    # 2,000 IU of vitamin D and 31 g of protein above 64.0–76.8 g: both minimums, neither an alarm.
    plan = plan_of({"lunch": [e(CHICKEN, grams=350), e(VITAMIN_D_1000, 2)], "dinner": [e(SALMON, grams=100)]})
    data = summary_json(summarize_week(ZOE, plan, MORE, RECIPES))
    for key in ("vitamin_d_iu", "protein_g"):
        line = data["nutrients"][key]
        assert line["value"] > line["target"]["high"] and line["target"]["kind"] == "floor", key
        assert (line["status"], line["symbol"], line["status_text"]) == ("met", "✓", "target met"), key
    assert not any(f["nutrient"] in ("vitamin_d_iu", "protein_g") for g in data["warnings"] for f in g["findings"])

    text = flat(pdf_text(week_pdf(ZOE, plan, MORE, RECIPES, sections=["summary", "report"]), raw=True))
    table = text.split("Weekly averages", 1)[1].split("Notes on data coverage", 1)[0]
    intake = text.split("Average intake over 1 planned day", 1)[1].split("Supplement schedule", 1)[0]
    for printed in (table, intake):
        assert "✓ target met" in row(printed, "Vitamin D", "Vitamin K2" if printed is table else "Protein")
        assert "✓ target met" in row(printed, "Protein", "Fiber" if printed is table else "Magnesium")
        assert "above" not in printed.split("Calcium", 1)[1]  # calcium is below its band here
    points = text.split("Points to talk about", 1)[1].split("Questions for my care team", 1)[0]
    assert "vitamin D" not in points and "protein" not in points


def test_calcium_above_its_band_prints_a_note_and_over_its_limit_an_alarm():
    above = averages(ZOE, plan_of({"lunch": [e(CALCIUM_600, 2)], "dinner": [e(CALCIUM_600, 1)]}))
    assert "△ above target" in row(above, "Calcium", "Vitamin D")
    over = averages(ZOE, plan_of({s: [e(CALCIUM_600, 1)] for s in ("breakfast", "lunch", "dinner", "bedtime")}))
    assert "▲ over the upper limit" in row(over, "Calcium", "Vitamin D")


def test_sodium_is_a_ceiling():
    table = averages(ZOE, plan_of({"lunch": [e(CHEDDAR, grams=100)]}))
    assert "ceiling 2,300 mg" in row(table, "Sodium", "Caffeine")
    assert "✓ under the ceiling" in row(table, "Sodium", "Caffeine")


def test_unknown_prints_no_data_never_at_least_zero():
    plan = plan_of({"breakfast": [e(ONLY_CALCIUM, grams=250)]})
    data = week_pdf(ZOE, plan, MORE, RECIPES, sections=["plan", "report", "summary"])
    text = flat(pdf_text(data))
    assert "at least 0 " not in text and not re.search(r"(?<![\d,.])0 IU", text)
    table = averages(ZOE, plan)
    assert "no data · 1 of 1 food unknown" in row(table, "Vitamin D", "Vitamin K2")
    assert "? no data" in row(table, "Vitamin D", "Vitamin K2")
    points = text.split("Points to talk about", 1)[1].split("Questions for my care team")[0]
    assert "of calcium, below the target" in points and "vitamin D" not in points


def test_averages_are_over_the_planned_days():
    plan = sample_week()  # Sunday empty
    summary = summarize_week(ZOE, plan, FOODS, RECIPES)
    text = flat(pdf_text(week_pdf(ZOE, plan, FOODS, RECIPES, sections=["report", "summary"]), raw=True))
    assert summary.days_planned == 6
    assert "Average of 6 planned days" in text and "Average intake over 6 planned days" in text
    assert summary.average["calcium_mg"].total.describe() in text


def test_warnings_print_heaviest_first():
    plan = plan_of(
        {"breakfast": [e(CHEDDAR, grams=30)], "lunch": [e(CHEDDAR, grams=30)]},  # light main meals
        {s: [e(CALCIUM_600, 1)] for s in ("breakfast", "lunch", "dinner", "bedtime")},  # 2,400 mg
    )
    text = flat(pdf_text(week_pdf(ZOE, plan, MORE, RECIPES, sections=["summary"])))
    points = text.split("Points to talk about", 1)[1]
    # The one day over a limit prints whole, with its amount; the two light meals are gathered.
    over = points.index("⚠ On Tuesday 1 December the plan gives 2,4")
    assert "of calcium, over the upper limit of 2,000 mg" in points[over:]
    assert over < points.index("ℹ Main meals with less than 20 g of protein: 2, on Mon (ESCEO 2014).")


def test_days_over_a_limit_are_gathered_with_the_nutrients_they_concern():
    tablets = {s: [e(CALCIUM_600, 1)] for s in ("breakfast", "lunch", "dinner", "bedtime")}
    text = flat(pdf_text(week_pdf(ZOE, plan_of(tablets, tablets, {}, tablets), MORE, RECIPES, sections=["summary"])))
    points = text.split("Points to talk about", 1)[1]
    assert "⚠ Days over an upper limit: 3 (calcium), on Mon, Tue, Thu (IOM 2011)." in points


def test_the_calcium_limit_follows_the_year_of_birth():
    plan = plan_of({"lunch": [e(CHEDDAR, grams=100)]})
    young = dataclasses.replace(ZOE, birth_year=1985)
    old = dataclasses.replace(ZOE, birth_year=1958)
    assert "limit 2,500 mg (ages 19–50)" in averages(young, plan)
    assert "limit 2,000 mg (ages 51 and over)" in averages(old, plan)
    assert "ages 51 and over, as no year of birth is recorded" in averages(ZOE, plan)


def test_total_vitamin_k_is_its_own_line_and_k2_stays_k2():
    plan = plan_of({"lunch": [e(KALE)], "dinner": [e(NATTO, 0.1)]})
    summary = summarize_week(ZOE, plan, MORE, RECIPES)
    table = averages(ZOE, plan)
    total = row(table, "Vitamin K, total", "IOM 2001")
    assert summary.average["vitamin_k_total_ug"].total.describe() in total
    assert "target at least 90 µg" in total and Status.MET.text in total
    k2 = row(table, "Vitamin K2", "Magnesium")
    assert summary.average["vitamin_k2_ug"].total.describe() in k2  # natto's K2 only, no K1


def test_the_k2_of_each_planned_food_is_footnoted_with_its_source_and_evidence():
    from bonewise.core.foods import K2Estimate

    gouda = dataclasses.replace(CHEDDAR, k2=K2Estimate(
        76.3, "Schurgers & Vermeer 2000", "unverified", 2, "Hard cheeses", country="Netherlands"))
    chicken = dataclasses.replace(CHICKEN, k2=K2Estimate(
        8.9, "USDA FoodData Central (MK-4)", "measured (USDA)", 0, "Chicken, breast", complete=False,
        country="US"))
    natto = dataclasses.replace(NATTO, k2=K2Estimate(1103.4, "Schurgers & Vermeer 2000", "unverified", 1, "Natto"))
    foods = {**MORE, gouda.id: gouda, chicken.id: chicken, natto.id: natto}
    plan = plan_of({"lunch": [e(gouda, grams=30)], "dinner": [e(chicken, grams=120)]})
    text = flat(pdf_text(week_pdf(ZOE, plan, foods, RECIPES, sections=["report"]), raw=True))
    notes = text.split("Vitamin K2 of the planned foods", 1)[1]
    assert "Cheese, cheddar: 76.3 µg; Schurgers & Vermeer 2000, Netherlands; evidence: unverified" in notes
    assert "Chicken, breast, roasted: at least 8.9 µg; USDA FoodData Central (MK-4), US; evidence: measured" in notes
    assert "Natto" not in notes  # only the foods planned this week
