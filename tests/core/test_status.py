"""Status words by target kind, row by row of targets.md §1b, and readings that never call unknown zero."""

from __future__ import annotations

import dataclasses

import pytest

from bonewise.core.nutrients import VITAMIN_K_TOTAL
from bonewise.core.plan import Person
from bonewise.core.status import Severity, Status, legend, read, status_of
from bonewise.core.targets import TargetKind, default_targets, targets_for
from bonewise.core.totals import Total

TARGETS = targets_for(Person("Zoë", weight_kg=64, birth_year=1960))  # protein 64.0–76.8 g


def total(key, value, known=1, unknown=0, supp=0.0):
    return Total(key, value, known, unknown, tuple(f"food {i}" for i in range(unknown)), supp)


def status(key, value, **kw) -> Status:
    return status_of(total(key, value, **kw), TARGETS[key])


# ----------------------------------------------------------------------------- §1b, row by row


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("protein_g", TargetKind.FLOOR),
        ("vitamin_d_iu", TargetKind.FLOOR),
        ("calcium_mg", TargetKind.BAND),
        ("magnesium_mg", TargetKind.FLOOR),
        ("fiber_g", TargetKind.FLOOR),
        ("omega3_g", TargetKind.FLOOR),
        ("sodium_mg", TargetKind.CEILING),
        ("caffeine_mg", TargetKind.CEILING),
        (VITAMIN_K_TOTAL, TargetKind.FLOOR),
        ("vitamin_k2_ug", TargetKind.REFERENCE),
    ],
)
def test_each_target_has_the_kind_targets_md_gives_it(key, kind):
    assert default_targets()[key].kind is kind


@pytest.mark.parametrize(
    ("value", "expected"),
    [(63.9, Status.BELOW), (64.0, Status.MET), (76.8, Status.MET), (77.0, Status.MET), (150, Status.MET)],
)
def test_protein_is_a_floor_above_its_range_is_still_met(value, expected):
    # The case: 77 g against 64–77 g was "above target"; a floor exceeded is met.
    assert status("protein_g", value) is expected


@pytest.mark.parametrize(
    ("iu", "expected"),
    [(799, Status.BELOW), (800, Status.MET), (1000, Status.MET), (3999, Status.MET),
     (4000, Status.MET), (4001, Status.OVER_LIMIT)],
)  # fmt: skip
def test_vitamin_d_is_a_floor_up_to_its_upper_limit(iu, expected):
    assert status("vitamin_d_iu", iu) is expected


@pytest.mark.parametrize(
    ("mg", "expected"),
    [(1199, Status.BELOW), (1200, Status.MET), (1500, Status.MET), (1501, Status.ABOVE),
     (2000, Status.ABOVE), (2001, Status.OVER_LIMIT)],
)  # fmt: skip
def test_calcium_is_a_band_above_it_is_a_note_over_the_limit_a_warning(mg, expected):
    assert status("calcium_mg", mg) is expected
    assert Status.ABOVE.severity is Severity.NOTE and Status.OVER_LIMIT.severity is Severity.WARNING


def test_magnesium_is_a_floor_whose_limit_counts_supplements_only():
    assert status("magnesium_mg", 319) is Status.BELOW
    assert status("magnesium_mg", 900) is Status.MET  # food magnesium never counts toward 350 mg
    assert status("magnesium_mg", 900, supp=350) is Status.MET
    assert status("magnesium_mg", 900, supp=351) is Status.OVER_LIMIT


@pytest.mark.parametrize("key", ["fiber_g", "omega3_g", VITAMIN_K_TOTAL])
def test_other_floors_are_met_however_far_above(key):
    low = TARGETS[key].low
    assert status(key, low * 0.99) is Status.BELOW
    assert status(key, low) is Status.MET and status(key, low * 100) is Status.MET


@pytest.mark.parametrize(("key", "ceiling"), [("sodium_mg", 2300), ("caffeine_mg", 400)])
def test_sodium_and_caffeine_are_ceilings(key, ceiling):
    assert status(key, 0) is Status.UNDER_CEILING and status(key, ceiling) is Status.UNDER_CEILING
    assert status(key, ceiling + 1) is Status.OVER_CEILING
    assert Status.OVER_CEILING.severity is Severity.WARNING


@pytest.mark.parametrize(("key", "ceiling"), [("sodium_mg", 2300), ("caffeine_mg", 400)])
def test_a_ceiling_not_crossed_by_some_foods_is_only_under_it_so_far(key, ceiling):
    assert status(key, ceiling * 0.35, known=3, unknown=1) is Status.UNDER_SO_FAR
    assert status(key, ceiling + 1, known=3, unknown=1) is Status.OVER_CEILING  # surely over
    assert Status.UNDER_SO_FAR.severity is None  # nothing to warn about, nothing to promise
    assert Status.UNDER_SO_FAR.text == "? under the ceiling so far"


@pytest.mark.parametrize("mg", [1200, 1350, 1500])
def test_a_band_met_by_some_foods_is_only_met_so_far(mg):
    # The unknown foods cannot undo the low end, but they could take calcium above the band.
    assert status("calcium_mg", mg) is Status.MET
    assert status("calcium_mg", mg, known=4, unknown=1) is Status.MET_SO_FAR
    assert Status.MET_SO_FAR.text == "? target met so far" and Status.MET_SO_FAR.severity is None


def test_surely_above_a_band_or_over_a_limit_stays_firm_with_unknown_foods():
    assert status("calcium_mg", 1600, known=4, unknown=1) is Status.ABOVE
    assert status("calcium_mg", 2100, known=4, unknown=1) is Status.OVER_LIMIT


@pytest.mark.parametrize(("key", "value"), [("calcium_mg", 900), ("protein_g", 40), ("vitamin_d_iu", 300),
                                            ("fiber_g", 5), (VITAMIN_K_TOTAL, 10)])
def test_short_of_a_target_with_unknown_foods_is_only_below_so_far(key, value):
    assert status(key, value) is Status.BELOW
    assert status(key, value, known=2, unknown=1) is Status.BELOW_SO_FAR
    assert Status.BELOW_SO_FAR.severity is Severity.BELOW  # still worth saying: the known part falls short
    assert Status.BELOW_SO_FAR.text == "▽ below target so far"


@pytest.mark.parametrize("key", ["protein_g", "vitamin_d_iu", "magnesium_mg", "fiber_g", VITAMIN_K_TOTAL])
def test_a_floor_met_by_some_foods_is_surely_met(key):
    # More foods can only add to a floor: met stays met.
    assert status(key, TARGETS[key].low * 1.1, known=2, unknown=3) is Status.MET


def test_no_status_claims_certainty_that_unknown_foods_could_change():
    """Every status reachable with foods missing data is either "so far" or cannot be changed by adding more."""
    can_change = set()
    for key, target in TARGETS.items():
        if target.per_kg and target.low is None:
            continue
        for value in (0.5, 1, 10, 50, 100, 300, 800, 1000, 1250, 1600, 2100, 2600, 4100, 5000):
            partial = status_of(total(key, value, known=2, unknown=1), target)
            words = partial.words
            firm = partial in (Status.MET, Status.ABOVE, Status.OVER_LIMIT, Status.OVER_CEILING, Status.TRACKED,
                               Status.NEEDS_WEIGHT)
            if not firm:
                can_change.add(partial)
                assert words.endswith("so far"), (key, value, words)
            if partial is Status.MET:
                assert target.kind is TargetKind.FLOOR, (key, value)
    assert {Status.MET_SO_FAR, Status.BELOW_SO_FAR, Status.UNDER_SO_FAR} <= can_change


def test_k2_is_tracked_never_judged():
    assert status("vitamin_k2_ug", 0) is Status.TRACKED and status("vitamin_k2_ug", 5000) is Status.TRACKED
    assert Status.TRACKED.severity is None


def test_only_limits_and_ceilings_are_warnings():
    warnings = {s for s in Status if s.severity is Severity.WARNING}
    assert warnings == {Status.OVER_LIMIT, Status.OVER_CEILING}
    assert Status.MET.severity is None and Status.BELOW.severity is Severity.BELOW


# ----------------------------------------------------------------------------- unknown is not zero


def test_no_data_at_all_is_no_data_not_below():
    unknown = total("vitamin_d_iu", 0.0, known=0, unknown=3)
    assert status_of(unknown, TARGETS["vitamin_d_iu"]) is Status.NO_DATA
    reading = read(unknown, TARGETS["vitamin_d_iu"])
    assert reading.value is None and reading.amount_text == "no data"
    assert reading.label == "no data · 3 of 3 foods unknown"


def test_a_lower_bound_of_zero_is_no_data_too():
    # An apple (0 IU known) beside a custom food without vitamin D: "at least 0" says nothing.
    zero = total("vitamin_d_iu", 0.0, known=1, unknown=1)
    assert status_of(zero, TARGETS["vitamin_d_iu"]) is Status.NO_DATA
    assert read(zero, TARGETS["vitamin_d_iu"]).value is None


def test_some_foods_known_reads_at_least():
    partial = total("calcium_mg", 850, known=7, unknown=2)
    reading = read(partial, TARGETS["calcium_mg"])
    assert reading.status is Status.BELOW_SO_FAR and reading.value == 850
    assert reading.label == "at least 850 mg · target 1,200–1,500 mg · 2 of 9 foods unknown"


def test_a_lower_bound_over_a_limit_is_surely_over_it():
    reading = read(total("vitamin_d_iu", 4100, known=2, unknown=1), TARGETS["vitamin_d_iu"])
    assert reading.status is Status.OVER_LIMIT
    assert reading.label.startswith("at least 4,100 IU (102 µg) · over the 4,000 IU (100 µg) upper limit")


def test_nothing_planned_is_neither_zero_nor_below():
    reading = read(total("vitamin_d_iu", 0.0, known=0), TARGETS["vitamin_d_iu"])
    assert reading.status is Status.NOTHING_PLANNED and reading.value is None
    assert reading.label == "nothing planned"


# ----------------------------------------------------------------------------- labels and words


def test_labels_name_the_target_by_its_kind():
    assert read(total("calcium_mg", 1210.4, known=9), TARGETS["calcium_mg"]).label == (
        "1,210 mg · target 1,200–1,500 mg")
    assert read(total("protein_g", 77), TARGETS["protein_g"]).label == "77 g · target at least 64.0–76.8 g"
    assert read(total("vitamin_d_iu", 920), TARGETS["vitamin_d_iu"]).label == (
        "920 IU (23 µg) · target at least 800–1,000 IU (20–25 µg)")
    assert read(total("sodium_mg", 913), TARGETS["sodium_mg"]).label == "913 mg · ceiling 2,300 mg"
    assert read(total("vitamin_k2_ug", 95), TARGETS["vitamin_k2_ug"]).label == "95 µg · trial reference 180 µg"


def test_supplement_limit_label():
    reading = read(total("magnesium_mg", 600, supp=351), TARGETS["magnesium_mg"])
    assert reading.label == "600 mg · 351 mg from supplements, over the 350 mg from supplements limit"


def test_protein_without_weight_says_why():
    target = targets_for(Person("Ann"))["protein_g"]
    reading = read(total("protein_g", 62.5), target)
    assert reading.status is Status.NEEDS_WEIGHT and reading.status.words == "no body weight recorded"
    assert reading.label == "62.5 g · target at least 1.0–1.2 g per kg body weight (no body weight recorded)"


def test_every_status_has_words_and_a_symbol_and_the_legend_lists_them_all():
    text = legend()
    for s in Status:
        assert s.words and s.symbol and s.words in text
        assert s.text == f"{s.symbol} {s.words}"
    assert text.count("✓") == 1  # one entry per symbol: "✓ target met, under the ceiling"


def test_a_personal_floor_keeps_its_kind():
    person = Person("Zoë", weight_kg=64, target_overrides={"vitamin_d_iu": (1500.0, None)})
    target = targets_for(person)["vitamin_d_iu"]
    assert target.kind is TargetKind.FLOOR and target.personal
    assert status_of(total("vitamin_d_iu", 3000), target) is Status.MET


def test_mismatched_keys_are_a_programming_error():
    with pytest.raises(ValueError):
        read(total("calcium_mg", 1), TARGETS["protein_g"])


def test_limit_of_a_changed_target_is_read_from_the_target():
    lower = dataclasses.replace(TARGETS["calcium_mg"], upper_limit=1800.0)
    assert status_of(total("calcium_mg", 1801), lower) is Status.OVER_LIMIT
