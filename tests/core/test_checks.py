"""Each check fires just past its boundary and stays quiet at it; messages name their sources."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bonewise.core import amounts, edits, rules
from bonewise.core.checks import (
    KINDS,
    Finding,
    check_day,
    check_week,
    grouped,
    is_natto,
)
from bonewise.core.plan import DayPlan, Entry, IsoWeek, Person, WeekPlan
from bonewise.core.status import Severity
from bonewise.core.targets import targets_for

from .sr_foods import (
    ALL_FOODS,
    ALMONDS,
    CALCIUM_CARBONATE_600,
    CALCIUM_CITRATE_250,
    CHEDDAR,
    CHICKEN,
    K2_MK7_180,
    KALE,
    MILK,
    NATTO,
    SALMON,
    VITAMIN_D3_1000,
    sr_food,
    supplement,
)

WEEK = IsoWeek(2026, 49)
MON = WEEK.monday()
ZOE = Person("Zoë", id=1, weight_kg=65)
ON_WARFARIN = dataclasses.replace(ZOE, on_warfarin=True)

# A test food of pure calcium so amounts can sit exactly on a boundary: 1 g = 1 mg.
CALCIUM_POWDER = sr_food("t-ca", "Calcium test food", {"calcium_mg": 100.0}, [])
CALCIUM_DOSE = supplement("t-ca-sup", "Calcium test supplement", {"calcium_mg": 1.0}, "mg dose")
PROTEIN_POWDER = sr_food("t-prot", "Protein test food", {"protein_g": 100.0}, [])
VITAMIN_D_DOSE = supplement("t-d", "Vitamin D test supplement", {"vitamin_d_iu": 1.0}, "IU dose")
MAGNESIUM_DOSE = supplement("t-mg", "Magnesium test supplement", {"magnesium_mg": 1.0}, "mg dose")
MAGNESIUM_FOOD = sr_food("t-mg-food", "Magnesium test food", {"magnesium_mg": 100.0}, [])
K1_FOOD = sr_food("t-k1", "Vitamin K1 test food", {"vitamin_k1_ug": 100.0}, [])
# Vitamin K fully known (K2 measured as none), so a low day is truly low: 1 g = 1 µg.
K_FOOD = sr_food("t-k", "Vitamin K test food", {"vitamin_k1_ug": 100.0, "vitamin_k2_ug": 0.0}, [])


@pytest.fixture
def foods(foods):
    extra = (CALCIUM_POWDER, CALCIUM_DOSE, PROTEIN_POWDER, VITAMIN_D_DOSE, MAGNESIUM_DOSE,
             MAGNESIUM_FOOD, K1_FOOD, K_FOOD)  # fmt: skip
    return {**foods, **{f.id: f for f in extra}}


def day_with(meals: dict[str, list[Entry]], date: dt.date = MON) -> DayPlan:
    return DayPlan(date, MappingProxyType({slot: tuple(es) for slot, es in meals.items()}))


def g(food, grams) -> Entry:
    return amounts.entry_for(food, grams=grams)


def dose(food, count) -> Entry:
    """``count`` doses (the test supplements' doses weigh 1 g, so large counts go through ``g``)."""
    return amounts.entry_for(food, measure=food.measures[0].name, count=count)


def run(day: DayPlan, foods, person: Person = ZOE) -> list[Finding]:
    return check_day(person, day, foods, {}, targets_for(person))


def kinds(findings: list[Finding], kind: str) -> list[Finding]:
    return [f for f in findings if f.kind == kind]


def test_every_finding_is_a_sentence_naming_its_source(foods):
    day = day_with({"breakfast": [dose(CALCIUM_CARBONATE_600, 3), g(MILK, 244)], "lunch": [g(NATTO, 20)]})
    findings = run(day, foods, ON_WARFARIN)
    assert {f.kind for f in findings} >= {"calcium_per_sitting", "upper_limit", "natto_warfarin"}
    for f in findings:
        assert f.message.endswith(".") and f.message[0].isupper()
        assert f"({f.source.short})" in f.message
        assert f.severity in Severity and f.kind in KINDS


# ----------------------------------------------------------------------------- calcium per sitting


@pytest.mark.parametrize(("mg", "fires"), [(500, False), (501, True)])
def test_supplement_calcium_per_sitting_boundary(foods, mg, fires):
    findings = kinds(run(day_with({"breakfast": [dose(CALCIUM_DOSE, mg)]}), foods), "calcium_per_sitting")
    assert bool(findings) == fires
    if fires:
        (f,) = findings
        assert (f.date, f.slot_id, f.nutrient, f.severity) == (MON, "breakfast", "calcium_mg", Severity.NOTE)
        assert "501 mg of calcium from supplements" in f.message and "Heaney 1991" in f.message
        assert f.message.startswith("Breakfast on Monday 30 November")


@pytest.mark.parametrize(("mg", "fires"), [(600, False), (601, True)])
def test_meal_calcium_per_sitting_boundary(foods, mg, fires):
    findings = kinds(run(day_with({"lunch": [g(CALCIUM_POWDER, mg)]}), foods), "calcium_per_sitting")
    assert bool(findings) == fires
    if fires:
        assert findings[0].source.short == "Heaney 1990" and "601 mg of calcium in one meal" in findings[0].message


def test_calcium_per_sitting_is_per_meal_not_per_day(foods):
    day = day_with({"breakfast": [g(CALCIUM_POWDER, 450)], "dinner": [g(CALCIUM_POWDER, 450)],
                    "bedtime": [dose(CALCIUM_CITRATE_250, 2)]})  # fmt: skip
    assert kinds(run(day, foods), "calcium_per_sitting") == []


def test_supplement_and_food_over_both_limits_give_one_finding(foods):
    day = day_with({"dinner": [dose(CALCIUM_CARBONATE_600, 1), g(CHEDDAR, 50)]})
    (f,) = kinds(run(day, foods), "calcium_per_sitting")
    assert f.source.short == "Heaney 1991"


def test_milk_cup_and_cheddar_breakfast_by_hand(foods):
    # 292.8 (milk, 1 cup) + 721 × 0.45 = 324.45 (45 g cheddar) = 617.25 mg > 600
    day = day_with({"breakfast": [amounts.entry_for(MILK, measure="cup"), g(CHEDDAR, 45)]})
    (f,) = kinds(run(day, foods), "calcium_per_sitting")
    assert "617 mg of calcium in one meal" in f.message


# ----------------------------------------------------------------------------- upper limits


@pytest.mark.parametrize(("mg", "fires"), [(2000, False), (2001, True)])
def test_calcium_upper_limit_counts_total_intake(foods, mg, fires):
    half = mg / 4  # spread over four meals so only the daily limit matters
    day = day_with({s: [g(CALCIUM_POWDER, half)] for s in ("breakfast", "lunch", "dinner", "bedtime")})
    findings = kinds(run(day, foods), "upper_limit")
    assert bool(findings) == fires
    if fires:
        (f,) = findings
        assert (f.nutrient, f.slot_id, f.date) == ("calcium_mg", None, MON)
        assert "2,001 mg of calcium" in f.message and "2,000 mg" in f.message and "(IOM 2011)" in f.message


@pytest.mark.parametrize(("iu", "fires"), [(4000, False), (4001, True)])
def test_vitamin_d_upper_limit(foods, iu, fires):
    findings = kinds(run(day_with({"breakfast": [g(VITAMIN_D_DOSE, iu)]}), foods), "upper_limit")
    assert bool(findings) == fires
    if fires:
        assert "4,001 IU" in findings[0].message and "4,000 IU" in findings[0].message


@pytest.mark.parametrize(("mg", "fires"), [(350, False), (351, True)])
def test_magnesium_limit_counts_supplements_only(foods, mg, fires):
    # 500 mg of magnesium from food on top never counts toward the supplement limit.
    day = day_with({"lunch": [g(MAGNESIUM_FOOD, 500)], "dinner": [dose(MAGNESIUM_DOSE, mg)]})
    findings = kinds(run(day, foods), "upper_limit")
    assert bool(findings) == fires
    if fires:
        (f,) = findings
        assert "supplements give 351 mg of magnesium" in f.message and "IOM 1997" in f.message


def test_food_magnesium_alone_never_crosses_the_supplement_limit(foods):
    day = day_with({"lunch": [g(ALMONDS, 300)]})  # 804 mg magnesium from food
    assert kinds(run(day, foods), "upper_limit") == []


def test_the_calcium_limit_follows_the_year_of_birth(foods):
    day = day_with({s: [g(CALCIUM_POWDER, 700)] for s in ("breakfast", "lunch", "dinner")})
    older = run(day, foods, dataclasses.replace(ZOE, birth_year=1960))
    (f,) = kinds(older, "upper_limit")
    assert "over the upper limit of 2,000 mg a day" in f.message and "ages 51 and over" in f.message
    younger = dataclasses.replace(ZOE, birth_year=1985)
    assert kinds(check_day(younger, day, foods, {}, targets_for(younger, MON)), "upper_limit") == []


def test_limit_crossed_with_unknown_foods_says_at_least(foods):
    day = day_with({"breakfast": [g(CALCIUM_POWDER, 400)], "lunch": [g(CALCIUM_POWDER, 400)],
                    "dinner": [g(CALCIUM_POWDER, 400)],
                    "bedtime": [g(CALCIUM_POWDER, 400)],
                    "morning-snack": [g(CALCIUM_POWDER, 401), Entry("gone", 50.0)]})  # fmt: skip
    (f,) = kinds(run(day, foods), "upper_limit")
    assert "at least 2,001 mg" in f.message


# ----------------------------------------------------------------------------- protein per meal


@pytest.mark.parametrize(("grams", "fires"), [(20, False), (19.9, True)])
def test_protein_per_main_meal_boundary(foods, grams, fires):
    findings = kinds(run(day_with({"lunch": [g(PROTEIN_POWDER, grams)]}), foods), "protein_per_meal")
    assert bool(findings) == fires
    if fires:
        (f,) = findings
        assert (f.slot_id, f.severity, f.source.short) == ("lunch", Severity.NOTE, "ESCEO 2014")
        assert "19.9 g of protein" in f.message


def test_protein_check_skips_snacks_empty_meals_and_supplement_only_meals(foods):
    day = day_with({"morning-snack": [g(ALMONDS, 10)], "breakfast": [dose(VITAMIN_D3_1000, 1)]})
    assert kinds(run(day, foods), "protein_per_meal") == []


def test_protein_check_follows_the_persons_main_meals(foods):
    person = dataclasses.replace(ZOE, slots=tuple(
        dataclasses.replace(s, main_meal=s.id == "bedtime") for s in ZOE.slots))  # fmt: skip
    day = day_with({"lunch": [g(ALMONDS, 10)], "bedtime": [g(ALMONDS, 10)]})
    assert [f.slot_id for f in kinds(run(day, foods, person), "protein_per_meal")] == ["bedtime"]


def test_chicken_dinner_has_enough_protein(foods):
    # 31.02 g/100 g × 86 g = 26.68 g
    assert kinds(run(day_with({"dinner": [g(CHICKEN, 86)]}), foods), "protein_per_meal") == []


# ----------------------------------------------------------------------------- warfarin


def test_natto_is_flagged_only_for_people_on_warfarin(foods):
    day = day_with({"lunch": [g(NATTO, 5)]})
    assert kinds(run(day, foods), "natto_warfarin") == []
    (f,) = kinds(run(day, foods, ON_WARFARIN), "natto_warfarin")
    assert (f.slot_id, f.entry_id, f.source.short) == ("lunch", day.meals["lunch"][0].id, "Schurgers 2007")
    assert "care team" in f.message


def test_natto_inside_a_recipe_is_flagged(foods):
    recipe = rules.make_recipe("Natto rice", [g(NATTO, 40)], portions=2)
    day = day_with({"dinner": [amounts.entry_for_recipe(recipe)]})
    findings = check_day(ON_WARFARIN, day, foods, {recipe.id: recipe}, targets_for(ON_WARFARIN))
    assert len(kinds(findings, "natto_warfarin")) == 1


def test_is_natto():
    assert is_natto(NATTO) and not is_natto(MILK)
    assert not is_natto(sr_food("x", "Nattokinase-free tea", {}, []))


@pytest.mark.parametrize(("capsules", "fires"), [(49 / 180, False), (50 / 180, True)])
def test_k2_supplement_on_warfarin_from_50_ug(foods, capsules, fires):
    day = day_with({"breakfast": [dose(K2_MK7_180, capsules)]})
    assert bool(kinds(run(day, foods, ON_WARFARIN), "k2_supplement_warfarin")) == fires
    assert kinds(run(day, foods), "k2_supplement_warfarin") == []


def _week_with_k(amounts_ug: list[float | None]) -> WeekPlan:
    week = WeekPlan.empty(1, WEEK)
    for date, ug in zip(WEEK.dates(), amounts_ug, strict=False):
        if ug is not None:
            week, _ = edits.place(week, date, "dinner", g(K_FOOD, ug))
    return week


def swing_days(person: Person, week: WeekPlan, foods) -> list[dt.date]:
    findings = kinds(check_week(person, week, foods, {}, targets_for(person)), "vitamin_k_swing")
    return [f.date for f in findings]


def test_on_warfarin_a_day_outside_90_ug_plus_or_minus_30_percent_is_a_swing(foods):
    # The app default band is 63–117 µg (90 µg ± 30 %); both ends are inside it.
    week = _week_with_k([63, 117, 62, 118, 90, None, 900])
    days = WEEK.dates()
    assert swing_days(ON_WARFARIN, week, foods) == [days[2], days[3], days[6]]
    messages = {f.date: f.message for f in check_week(ON_WARFARIN, week, foods, {}, targets_for(ON_WARFARIN))
                if f.kind == "vitamin_k_swing"}  # fmt: skip
    assert "62 µg of vitamin K (K1 + K2), less than the steady band of 63–117 µg" in messages[days[2]]
    assert "90 µg ± 30 %, an app default around the 90 µg adequate intake, IOM 2001" in messages[days[3]]
    assert all("(IOM 2001; Schurgers 2007)" in m for m in messages.values())
    assert swing_days(ZOE, week, foods) == []  # only on warfarin


def test_the_band_follows_the_usual_intake_agreed_with_the_care_team(foods):
    person = dataclasses.replace(ON_WARFARIN, vitamin_k_usual_ug=200.0)  # 140–260 µg
    week = _week_with_k([140, 260, 139, 261])
    assert swing_days(person, week, foods) == [WEEK.dates()[2], WEEK.dates()[3]]
    message = kinds(check_week(person, week, foods, {}, targets_for(person)), "vitamin_k_swing")[0].message
    assert "140–260 µg (200 µg ± 30 %, an app default around your usual intake)" in message


def test_vitamin_k_swing_counts_k1_and_k2_and_skips_days_without_data(foods):
    # Kale: 817 µg K1/100 g; a day of salmon alone has no K1 data and is left out.
    person = dataclasses.replace(ON_WARFARIN, vitamin_k_usual_ug=160.0)  # 112–208 µg
    week = WeekPlan.empty(1, WEEK)
    week, _ = edits.place(week, WEEK.dates()[0], "dinner", g(KALE, 20))  # 163.4 µg
    week, _ = edits.place(week, WEEK.dates()[1], "dinner", g(KALE, 20))
    week, _ = edits.place(week, WEEK.dates()[2], "dinner", g(SALMON, 150))
    assert swing_days(person, week, foods) == []
    week, _ = edits.place(week, WEEK.dates()[1], "lunch", g(NATTO, 20))  # +187.8 K2 +4.62 K1
    assert swing_days(person, week, foods) == [WEEK.dates()[1]]


def test_a_day_whose_vitamin_k_is_only_a_lower_bound_is_not_called_low(foods):
    week = WeekPlan.empty(1, WEEK)
    week, _ = edits.place(week, WEEK.dates()[0], "dinner", g(K1_FOOD, 30))  # K2 unknown
    assert swing_days(ON_WARFARIN, week, foods) == []


# ----------------------------------------------------------------------------- vitamin D lab


def _lab(ng: float) -> Person:
    return dataclasses.replace(ZOE, vitamin_d_lab_ng_ml=ng, vitamin_d_lab_date=dt.date(2026, 11, 2))


@pytest.mark.parametrize(
    ("ng", "iu", "fires"),
    [(29.9, 799, True), (29.9, 800, False), (30, 400, False), (50, 400, False), (50.1, 1000, True)],
)
def test_vitamin_d_lab(foods, ng, iu, fires):
    person = _lab(ng)
    findings = kinds(run(day_with({"breakfast": [g(VITAMIN_D_DOSE, iu)]}), foods, person), "vitamin_d_lab")
    assert bool(findings) == fires
    if fires:
        (f,) = findings
        assert "talk to your care team" in f.message.lower()
        assert f"{ng:g} ng/mL" in f.message and "measured Monday 2 November 2026" in f.message
        for advice in ("take", "dose", "increase", "reduce", "stop"):
            assert advice not in f.message.lower()


def test_vitamin_d_lab_without_a_plan_or_value_is_quiet(foods):
    assert kinds(run(day_with({}), foods, _lab(12)), "vitamin_d_lab") == []
    assert kinds(run(day_with({"breakfast": [g(MILK, 100)]}), foods), "vitamin_d_lab") == []


def test_week_lab_check_uses_the_planned_average(foods):
    week = WeekPlan.empty(1, WEEK)
    for date in WEEK.dates()[:2]:
        week, _ = edits.place(week, date, "breakfast", dose(VITAMIN_D_DOSE, 900))
    findings = check_week(_lab(20), week, foods, {}, targets_for(ZOE))
    assert kinds(findings, "vitamin_d_lab") == []  # 900 IU a day on the 2 planned days is on target
    week, _ = edits.place(week, WEEK.dates()[2], "breakfast", g(MILK, 100))
    (f,) = kinds(check_week(_lab(20), week, foods, {}, targets_for(ZOE)), "vitamin_d_lab")
    assert f.date is None and "3 planned days" in f.message


# ----------------------------------------------------------------------------- targets


def test_below_target_is_its_own_severity_for_the_day(foods):
    findings = kinds(run(day_with({"breakfast": [g(MILK, 244)]}), foods), "below_target")
    by_key = {f.nutrient: f for f in findings}
    assert "vitamin_k2_ug" not in by_key  # tracked only, never "below"
    calcium = by_key["calcium_mg"]
    assert calcium.severity is Severity.BELOW and calcium.date == MON
    assert calcium.message == (
        "On Monday 30 November the plan gives 293 mg of calcium, below the target of 1,200–1,500 mg "
        "(NCCN 2009; NIH 1994)."
    )
    assert "below the target of at least 320 mg" in by_key["magnesium_mg"].message
    assert "below the target of at least 800–1,000 IU (20–25 µg)" in by_key["vitamin_d_iu"].message


@pytest.mark.parametrize(("mg", "fires"), [(1200, False), (1199, True)])
def test_below_target_boundary(foods, mg, fires):
    day = day_with({s: [g(CALCIUM_POWDER, mg / 3)] for s in ("breakfast", "lunch", "dinner")})
    assert any(f.nutrient == "calcium_mg" for f in kinds(run(day, foods), "below_target")) == fires


def test_protein_below_target_only_with_a_weight(foods):
    day = day_with({"lunch": [g(CHICKEN, 86)]})
    assert any(f.nutrient == "protein_g" for f in kinds(run(day, foods), "below_target"))
    no_weight = dataclasses.replace(ZOE, weight_kg=None)
    assert not any(f.nutrient == "protein_g" for f in kinds(run(day, foods, no_weight), "below_target"))


def test_sodium_above_its_ceiling_is_a_warning(foods):
    salty = sr_food("t-na", "Salt test food", {"sodium_mg": 100.0}, [])
    foods = {**foods, salty.id: salty}
    assert kinds(run(day_with({"dinner": [g(salty, 2300)]}), foods), "above_ceiling") == []
    (f,) = kinds(run(day_with({"dinner": [g(salty, 2301)]}), foods), "above_ceiling")
    assert "2,301 mg of sodium, above the ceiling of 2,300 mg a day (NASEM 2019)" in f.message
    assert f.severity is Severity.WARNING


@pytest.mark.parametrize("grams", [300, 1000])
def test_a_floor_exceeded_says_nothing(foods, grams):
    # Protein far above 1.0–1.2 g/kg: a floor is met, never "more than advised" (targets.md §1b).
    findings = run(day_with({"lunch": [g(PROTEIN_POWDER, grams)]}), foods)
    assert not [f for f in findings if f.nutrient == "protein_g" and f.kind != "protein_per_meal"]


def test_calcium_above_its_band_is_a_note_not_an_alarm(foods):
    day = day_with({s: [g(CALCIUM_POWDER, 560)] for s in ("breakfast", "lunch", "dinner")})
    (f,) = kinds(run(day, foods), "above_target")
    assert f.nutrient == "calcium_mg" and f.severity is Severity.NOTE
    assert "1,680 mg of calcium, above the target of 1,200–1,500 mg" in f.message
    assert kinds(run(day, foods), "upper_limit") == []


def test_no_data_is_never_compared_with_a_target(foods):
    # A custom food with only calcium: vitamin D is unknown, so no "at least 0 IU … below".
    custom = sr_food("t-ca-drink", "My calcium drink", {"calcium_mg": 120.0}, [])
    findings = run(day_with({"breakfast": [g(custom, 250)]}), {**foods, custom.id: custom})
    assert not [f for f in findings if f.nutrient == "vitamin_d_iu"]
    assert not [f for f in findings if "at least 0 " in f.message]


def test_a_lower_bound_names_how_many_foods_lack_data_not_how_many_servings(foods):
    # The same calcium-only drink on three days: one food without magnesium data, not three.
    custom = sr_food("t-ca-drink", "My calcium drink", {"calcium_mg": 120.0}, [])
    week = WeekPlan.empty(1, WEEK)
    for date in WEEK.dates()[:3]:
        week, _ = edits.place(week, date, "breakfast", g(MILK, 200))
        week, _ = edits.place(week, date, "breakfast", g(custom, 250))
    findings = check_week(ZOE, week, {**foods, custom.id: custom}, {}, targets_for(ZOE))
    (magnesium,) = [f for f in findings if f.nutrient == "magnesium_mg"]
    assert "give at least " in magnesium.message and "(1 food has no data for it)" in magnesium.message


def test_findings_come_heaviest_first_and_group_by_kind(foods):
    day = day_with({"breakfast": [g(MILK, 100)], "lunch": [g(PROTEIN_POWDER, 5)],
                    "dinner": [g(CALCIUM_POWDER, 2001)]})  # fmt: skip
    findings = run(day, foods)
    ranks = [f.severity.rank for f in findings]
    assert ranks == sorted(ranks) and findings[0].kind == "upper_limit"
    groups = grouped(findings)
    assert [g.kind for g in groups] == list(dict.fromkeys(f.kind for f in findings))
    below = next(g for g in groups if g.kind == "below_target")
    assert below.heading == f"Below target: {below.count}" and below.count >= 2
    assert all(f.date == MON for g in groups for f in g.findings)


def test_empty_day_has_no_findings(foods):
    assert run(day_with({}), foods, ON_WARFARIN) == []


def test_week_judges_targets_once_on_the_planned_average(foods):
    week = WeekPlan.empty(1, WEEK)
    week, _ = edits.place(week, MON, "breakfast", g(MILK, 244))
    week, _ = edits.place(week, MON + dt.timedelta(days=1), "breakfast", g(MILK, 244))
    findings = check_week(ZOE, week, foods, {}, targets_for(ZOE))
    below = [f for f in kinds(findings, "below_target") if f.nutrient == "calcium_mg"]
    assert len(below) == 1 and below[0].date is None
    assert below[0].message.startswith("On average, your 2 planned days give 293 mg of calcium")
    # Per-day limit checks still run for every day.
    week, _ = edits.place(week, MON, "lunch", g(CALCIUM_DOSE, 2000))
    limits = kinds(check_week(ZOE, week, foods, {}, targets_for(ZOE)), "upper_limit")
    assert [f.date for f in limits] == [MON]


# ----------------------------------------------------------------------------- any plan


_SLOTS = [s.id for s in ZOE.slots]
_placements = st.lists(
    st.tuples(
        st.integers(0, 6),
        st.sampled_from(_SLOTS),
        st.sampled_from([f.id for f in ALL_FOODS] + ["missing"]),
        st.floats(min_value=0.5, max_value=3000),
    ),
    max_size=25,
)


@settings(max_examples=100, deadline=None)
@given(_placements, st.booleans(), st.none() | st.floats(min_value=1, max_value=120))
def test_any_plan_gives_well_formed_findings(placements, warfarin, lab):
    foods = {f.id: f for f in ALL_FOODS}
    person = dataclasses.replace(ZOE, on_warfarin=warfarin, vitamin_d_lab_ng_ml=lab)
    week = WeekPlan.empty(1, WEEK)
    for day, slot, food_id, grams in placements:
        week, _ = edits.place(week, WEEK.dates()[day], slot, Entry(food_id, grams))
    findings = check_week(person, week, foods, {}, targets_for(person))
    for f in findings:
        assert f.message.endswith(".") and f"({f.source.short})" in f.message
        assert f.date is None or f.date in WEEK.dates()
        assert f.slot_id is None or f.slot_id in _SLOTS


def test_week_totals_passed_in_give_the_same_findings(foods):
    from bonewise.core.totals import week_totals

    week = _week_with_k([100, 100, 100, 167])
    targets = targets_for(ON_WARFARIN)
    given_totals = week_totals(week, foods, {})
    assert check_week(ON_WARFARIN, week, foods, {}, targets, given_totals) == check_week(
        ON_WARFARIN, week, foods, {}, targets
    )
