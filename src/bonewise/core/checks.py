"""Bone-health checks on a planned day or week; each finding is a sentence that names its source.

Checks: calcium per sitting, every upper limit with its scope, protein at main
meals, vitamin K consistency and natto for people on warfarin, the planned
vitamin D intake against a recorded blood level, and intakes read against their
targets by kind (``core.status``): below a target, above a band (a note), above
a ceiling (a warning); a floor exceeded says nothing. Where some foods lack data
the values are lower bounds and the sentences say "at least"; a nutrient with no
data at all is never compared with a target.

Every kind of finding has one severity and one group title (``KINDS``), so the
lists in the window, the command line and the PDF put the same things first.

Findings describe the plan and point to the care team; they never suggest a
drug or a dose.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bonewise.core.diet import DIET_SOURCE, profile_conflicts
from bonewise.core.foods import Food, FoodLookup, LookupOnce
from bonewise.core.nutrients import VITAMIN_K_TOTAL, label_of
from bonewise.core.plan import DayPlan, Entry, Person, Recipe, WeekPlan
from bonewise.core.recipes import RecipeBook
from bonewise.core.status import Severity, Status, status_of
from bonewise.core.targets import (
    ESCEO_2014,
    HEANEY_1990,
    HEANEY_1991,
    IOM_2001,
    SCHURGERS_2007,
    LimitScope,
    Source,
    Target,
    vitamin_d_lab_reading,
)
from bonewise.core.totals import (
    PLAN_KEYS,
    Total,
    Totals,
    WeekTotals,
    day_totals,
    format_amount,
    slot_totals,
    week_totals,
)
from bonewise.errors import BonewiseError

SUPPLEMENT_CALCIUM_PER_SITTING_MG = 500.0  # Heaney 1991: ≤ 500 mg elemental calcium per dose
MEAL_CALCIUM_PER_SITTING_MG = 600.0  # soft cap from the absorption-vs-load curve (Heaney 1990)
PROTEIN_PER_MAIN_MEAL_G = 20.0  # ESCEO 2014: 20–25 g per main meal
WARFARIN_K2_SUPPLEMENT_UG = 50.0  # Schurgers 2007: from about 50 µg/day MK-7 may interfere
VITAMIN_K_SWING_SOURCE = Source(
    "IOM 2001; Schurgers 2007",
    f"{IOM_2001.citation}\n{SCHURGERS_2007.citation}\n"
    "The IOM notes that people on anticoagulants should watch their vitamin K intake: what "
    "matters on warfarin is a steady amount from day to day, not a low one. Bonewise keeps each "
    "planned day within 30 % of the person's usual daily vitamin K (K1 + K2), by default the "
    "90 µg adequate intake, and flags a planned day outside that band. The 30 % is an app "
    "default, a planning aid and not a clinical rule; the usual intake is best agreed with the "
    "care team.",
)

# On warfarin the planner keeps every day's vitamin K (K1 + K2) within this share of the
# person's usual intake, and a planned day outside it is flagged. An app default, said as
# such: IOM 2001 asks people on anticoagulants to keep vitamin K steady, not for a number.
VITAMIN_K_BAND_FRACTION = 0.30
VITAMIN_K_ADEQUATE_UG = 90.0  # IOM 2001: adequate intake, women 19 and over


@dataclass(frozen=True)
class VitaminKBand:
    """The daily vitamin K (K1 + K2, µg) a person on warfarin is kept within."""

    usual: float
    low: float
    high: float
    personal: bool  # the usual intake was set for the person (else the adequate intake)

    @property
    def text(self) -> str:
        """ "63–117 µg (90 µg ± 30 %, an app default around the adequate intake)"."""
        around = "your usual intake" if self.personal else "the 90 µg adequate intake, IOM 2001"
        return (
            f"{self.low:,.0f}–{self.high:,.0f} µg ({self.usual:,.0f} µg ± "
            f"{VITAMIN_K_BAND_FRACTION * 100:.0f} %, an app default around {around})"
        )


def vitamin_k_band(person: Person) -> VitaminKBand:
    """The band around the person's usual vitamin K intake (default: the adequate intake)."""
    usual = person.vitamin_k_usual_ug or VITAMIN_K_ADEQUATE_UG
    spread = usual * VITAMIN_K_BAND_FRACTION
    return VitaminKBand(usual, usual - spread, usual + spread, person.vitamin_k_usual_ug is not None)


MEAL_KEYS = ("calcium_mg", "protein_g")  # what the per-meal checks read
_NATTO = re.compile(r"\bnatto\b", re.IGNORECASE)

_W, _B, _N = Severity.WARNING, Severity.BELOW, Severity.NOTE
# Every kind of finding, heaviest first: its severity and the title of its group.
KINDS: Mapping[str, tuple[Severity, str]] = {
    "upper_limit": (_W, "Days over an upper limit"),
    "above_ceiling": (_W, "Above a ceiling"),
    "natto_warfarin": (_W, "Meals with natto, which may interfere with warfarin"),
    "k2_supplement_warfarin": (_W, "Days with 50 µg or more of vitamin K2 from supplements"),
    "vitamin_k_swing": (_W, "Days whose vitamin K is outside the steady band"),
    "vitamin_d_lab": (_W, "Vitamin D blood level"),
    "below_target": (_B, "Below target"),
    "calcium_per_sitting": (_N, "Meals with more calcium than the body takes up well at once"),
    "protein_per_meal": (_N, "Main meals with less than 20 g of protein"),
    "above_target": (_N, "Above target"),
    "diet": (_N, "Foods the diet, allergies or dislikes leave out"),
}
_KIND_ORDER = {kind: i for i, kind in enumerate(KINDS)}
PER_SITTING_KINDS = frozenset({"calcium_per_sitting"})  # marked on the meal they concern
# The mark on a meal with a heavy calcium sitting: the mark of its finding (a note, not an alarm),
# the same in the findings list, the week grid, the sittings strip and the printed plan.
SITTING_SEVERITY = KINDS["calcium_per_sitting"][0]
SITTING_MARK = SITTING_SEVERITY.symbol


@dataclass(frozen=True)
class Finding:
    """Something about the plan worth telling the user; ``kind`` is a key of ``KINDS``."""

    kind: str
    message: str  # a whole sentence that names its source
    source: Source
    date: dt.date | None  # None for the week as a whole
    slot_id: str | None  # the meal it concerns, if one
    nutrient: str | None  # nutrient key, if one
    entry_id: str | None = None  # the item it concerns, if one (natto)

    @property
    def severity(self) -> Severity:
        return KINDS[self.kind][0]


@dataclass(frozen=True)
class FindingGroup:
    """Findings of one kind, as the lists show them: "Below target: 3"."""

    kind: str
    findings: tuple[Finding, ...]

    @property
    def severity(self) -> Severity:
        return KINDS[self.kind][0]

    @property
    def title(self) -> str:
        return KINDS[self.kind][1]

    @property
    def count(self) -> int:
        return len(self.findings)

    @property
    def heading(self) -> str:
        """ "Below target: 3"."""
        return f"{self.title}: {self.count}"

    @property
    def nutrient_words(self) -> tuple[str, ...]:
        """The nutrients the findings are about, each once, as in a sentence: ("calcium", "vitamin D")."""
        keys = dict.fromkeys(f.nutrient for f in self.findings if f.nutrient is not None)
        return tuple(_nutrient_word(key) for key in keys)


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """``findings`` heaviest first, kinds in ``KINDS`` order, each kind in its given order."""
    return sorted(findings, key=lambda f: (f.severity.rank, _KIND_ORDER[f.kind]))


def grouped(findings: Iterable[Finding]) -> tuple[FindingGroup, ...]:
    """``findings`` gathered by kind, heaviest first (over a limit, below a target, notes)."""
    by_kind: dict[str, list[Finding]] = {}
    for finding in ordered(findings):
        by_kind.setdefault(finding.kind, []).append(finding)
    return tuple(FindingGroup(kind, tuple(items)) for kind, items in by_kind.items())


# ----------------------------------------------------------------------------- wording


def _day_text(date: dt.date) -> str:
    return f"{date:%A} {date.day} {date:%B}"


def _amount(total: Total) -> str:
    """ "1,210 mg", or "at least 850 mg" when some foods lack data."""
    return total.amount_text()


def _coverage(total: Total) -> str:
    """ " (2 foods have no data for it)": distinct foods, not planned items (a cake eaten on
    five days is one food without data)."""
    if total.complete:
        return ""
    count = len(total.unknown_names) or total.unknown
    foods = "food has" if count == 1 else "foods have"
    return f" ({count} {foods} no data for it)"


_SHORT = (Status.BELOW, Status.BELOW_SO_FAR)


def _below_target(total: Total, target: Target) -> str:
    """ "below the target of 1,200–1,500 mg", with "so far" when foods without data may make it up."""
    so_far = "" if total.complete else " so far"
    return f"below the target of {target.range_text()}{so_far}"


def _slot_name(person: Person, slot_id: str) -> str:
    for slot in person.slots:
        if slot.id == slot_id:
            return slot.name
    return slot_id


def _main_meals(person: Person) -> set[str]:
    return {slot.id for slot in person.slots if slot.main_meal}


def _nutrient_word(key: str) -> str:
    """The nutrient as it reads in a sentence: "calcium", "vitamin D", "vitamin K (K1 + K2)"."""
    name = label_of(key)
    if key == VITAMIN_K_TOTAL:
        return "vitamin K (K1 + K2)"
    name = name.partition(" (")[0]
    return "vitamin" + name[len("Vitamin"):] if name.startswith("Vitamin") else name.lower()


def _sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]


# ----------------------------------------------------------------------------- single checks


def _calcium_per_sitting(person: Person, day: DayPlan, slot_id: str, calcium: Total) -> Finding | None:
    where = f"{_slot_name(person, slot_id)} on {_day_text(day.date)}"
    if calcium.from_supplements > SUPPLEMENT_CALCIUM_PER_SITTING_MG:
        supp = format_amount(calcium.from_supplements, "calcium_mg")
        message = (
            f"{where} has {supp} of calcium from supplements in one sitting; the body takes up a "
            f"smaller share of a bigger dose, so doses of {SUPPLEMENT_CALCIUM_PER_SITTING_MG:g} mg or "
            f"less spread over the day work better ({HEANEY_1991.short})."
        )
        source = HEANEY_1991
    elif calcium.value > MEAL_CALCIUM_PER_SITTING_MG:
        message = (
            f"{where} has {_amount(calcium)} of calcium in one meal; the body takes up a smaller "
            f"share of a bigger load, so spreading calcium over the day's meals, about "
            f"{MEAL_CALCIUM_PER_SITTING_MG:g} mg or less each, helps ({HEANEY_1990.short})."
        )
        source = HEANEY_1990
    else:
        return None
    return Finding("calcium_per_sitting", message, source, day.date, slot_id, "calcium_mg")


def _upper_limits(day: DayPlan, totals: Mapping[str, Total], targets: Mapping[str, Target]) -> list[Finding]:
    findings = []
    for key, target in targets.items():
        if target.upper_limit is None or key not in totals or target.limit_source is None:
            continue
        total = totals[key]
        if status_of(total, target) is not Status.OVER_LIMIT:
            continue
        limit = format_amount(target.upper_limit, key)
        cite = target.limit_source.short
        applies = f", the limit for {target.limit_note}" if target.limit_note else ""
        label = _nutrient_word(key)
        if target.limit_scope is LimitScope.SUPPLEMENTS:
            message = (
                f"On {_day_text(day.date)} supplements give "
                f"{format_amount(total.from_supplements, key)} of {label}, over the upper limit of "
                f"{limit} a day for {label} from supplements (what food gives does not count toward "
                f"it) ({cite})."
            )
        else:
            message = (
                f"On {_day_text(day.date)} the plan gives {_amount(total)} of {label}, over the upper "
                f"limit of {limit} a day from food and supplements together{applies} ({cite})."
            )
        findings.append(Finding("upper_limit", message, target.limit_source, day.date, None, key))
    return findings


def _protein_per_meal(
    person: Person, day: DayPlan, slot_id: str, protein: Total, only_supplements: bool
) -> Finding | None:
    if slot_id not in _main_meals(person) or protein.known == 0 or only_supplements:
        return None  # not a meal: nothing with protein data, or just supplements
    if protein.value >= PROTEIN_PER_MAIN_MEAL_G:
        return None
    message = (
        f"{_slot_name(person, slot_id)} on {_day_text(day.date)} has {_amount(protein)} of protein"
        f"{_coverage(protein)}; about 20–25 g at each main meal helps keep muscle and bone "
        f"({ESCEO_2014.short})."
    )
    return Finding("protein_per_meal", message, ESCEO_2014, day.date, slot_id, "protein_g")


def _foods_in(entry: Entry, foods: FoodLookup, recipes: Mapping[str, Recipe]) -> Iterable[Food]:
    """The food of an entry, or the foods in a recipe (each recipe flattened once: core.recipes)."""
    if entry.recipe_id is not None:
        ids = [food_id for food_id, _ in RecipeBook.of(recipes).flat(entry.recipe_id).grams]
    else:
        ids = [entry.food_id] if entry.food_id is not None else []
    for food_id in ids:
        food = foods.get(food_id)
        if food is not None:
            yield food


def _only_supplements(entries: Iterable[Entry], foods: FoodLookup, recipes: Mapping[str, Recipe]) -> bool:
    found = [food for entry in entries for food in _foods_in(entry, foods, recipes)]
    return bool(found) and all(food.is_supplement for food in found)


def is_natto(food: Food) -> bool:
    """True for natto (by its name, or the K2 table row it is linked to)."""
    return bool(_NATTO.search(food.name) or (food.k2 is not None and _NATTO.search(food.k2.description)))


def _warfarin_day(
    person: Person, day: DayPlan, totals: Mapping[str, Total], foods: FoodLookup, recipes: Mapping[str, Recipe]
) -> list[Finding]:
    findings = []
    for slot_id, entries in day.meals.items():
        for entry in entries:
            if any(is_natto(food) for food in _foods_in(entry, foods, recipes)):
                message = (
                    f"{_slot_name(person, slot_id)} on {_day_text(day.date)} has natto, which is very "
                    "rich in vitamin K2 (MK-7): from about 50 µg a day, some 5 g of natto, MK-7 may "
                    "interfere with warfarin. Talk to your care team before eating it "
                    f"({SCHURGERS_2007.short})."
                )
                findings.append(
                    Finding("natto_warfarin", message, SCHURGERS_2007, day.date, slot_id,
                            "vitamin_k2_ug", entry.id)
                )  # fmt: skip
    k2 = totals.get("vitamin_k2_ug")
    if k2 is not None and k2.from_supplements >= WARFARIN_K2_SUPPLEMENT_UG:
        message = (
            f"On {_day_text(day.date)} supplements give {format_amount(k2.from_supplements, k2.key)} "
            "of vitamin K2; from about 50 µg a day MK-7 may interfere with warfarin. Talk to your "
            f"care team before taking it ({SCHURGERS_2007.short})."
        )
        findings.append(
            Finding("k2_supplement_warfarin", message, SCHURGERS_2007, day.date, None, "vitamin_k2_ug")
        )
    return findings


def _diet_day(person: Person, day: DayPlan, foods: FoodLookup, recipes: Mapping[str, Recipe]) -> list[Finding]:
    """Foods in the day that the person's diet, allergies, dislikes or soy choice leave out.

    Flagged, never refused: people make exceptions, and a food's contents are judged
    from its name and group (the label is the full list).
    """
    findings = []
    for slot_id, entries in day.meals.items():
        for entry in entries:
            seen: set[str] = set()
            for food in _foods_in(entry, foods, recipes):
                conflicts = () if food.id in seen else profile_conflicts(person, food)
                seen.add(food.id)
                if not conflicts:
                    continue
                reasons = "; it ".join(c.reason for c in conflicts)
                message = (
                    f"{_slot_name(person, slot_id)} on {_day_text(day.date)} has {food.name}, which "
                    f"{reasons}. It stays in the plan; the check goes by the food's name and group, "
                    f"so the label is the final word ({DIET_SOURCE.short})."
                )
                findings.append(Finding("diet", message, DIET_SOURCE, day.date, slot_id, None, entry.id))
    return findings


def _vitamin_k_swing(person: Person, day: DayPlan, totals: Mapping[str, Total]) -> Finding | None:
    """On warfarin: the day's vitamin K (K1 + K2) outside the steady band, or None."""
    total = totals[VITAMIN_K_TOTAL]
    if total.amount is None:
        return None  # nothing planned with vitamin K data: the day cannot be judged
    band = vitamin_k_band(person)
    if total.value > band.high:
        side = "more"
    elif total.value < band.low and total.complete:
        side = "less"  # a lower bound below the band may still be inside it
    else:
        return None
    about = "" if total.complete else "at least "
    message = (
        f"On {_day_text(day.date)} the plan has {about}{total.value:,.0f} µg of vitamin K (K1 + K2), "
        f"{side} than the steady band of {band.text}; on warfarin a similar amount every day "
        "keeps its effect steady, so a day like this is a swing to talk over with your care "
        f"team ({VITAMIN_K_SWING_SOURCE.short})."
    )
    return Finding("vitamin_k_swing", message, VITAMIN_K_SWING_SOURCE, day.date, None, VITAMIN_K_TOTAL)


def _vitamin_d_lab(
    person: Person, intake: Total, targets: Mapping[str, Target], date: dt.date | None, period: str
) -> Finding | None:
    if person.vitamin_d_lab_ng_ml is None or intake.items == 0:
        return None
    try:
        reading = vitamin_d_lab_reading(person.vitamin_d_lab_ng_ml)
    except BonewiseError:
        return None  # an implausible stored value is refused where it is entered
    target = targets.get("vitamin_d_iu")
    when = f" (measured {_day_text(person.vitamin_d_lab_date)} {person.vitamin_d_lab_date.year})" if (
        person.vitamin_d_lab_date
    ) else ""
    level = f"Your recorded vitamin D blood level of {reading.ng_ml:g} ng/mL{when}"
    planned = f"{period} {_amount(intake)} of vitamin D{_coverage(intake)}"
    if reading.status == "low":
        if target is None or status_of(intake, target) not in _SHORT:
            return None  # the plan meets the target, or nothing is known to compare
        message = (
            f"{level} is below 30 ng/mL, and {planned}, {_below_target(intake, target)}. "
            f"Talk to your care team about your vitamin D ({reading.source.short})."
        )
    elif reading.status == "high":
        also = "" if intake.is_unknown else f", and {planned}"
        message = (
            f"{level} is above 50 ng/mL, the top of the range Bonewise reads against{also}. "
            f"Talk to your care team about it ({reading.source.short})."
        )
    else:
        return None
    return Finding("vitamin_d_lab", message, reading.source, date, None, "vitamin_d_iu")


def _target_findings(
    totals: Mapping[str, Total], targets: Mapping[str, Target], date: dt.date | None, period: str
) -> list[Finding]:
    """Each intake read against its target by kind: below a target, above a band (a note),
    above a ceiling (a warning). Upper limits are checked day by day (``_upper_limits``)."""
    findings = []
    for key, target in targets.items():
        total = totals.get(key)
        if total is None:
            continue
        status = status_of(total, target)
        label = _nutrient_word(key)
        if status in _SHORT:
            kind = "below_target"
            message = (
                f"{period} {_amount(total)} of {label}{_coverage(total)}, "
                f"{_below_target(total, target)} ({target.source.short})."
            )
        elif status is Status.ABOVE:
            kind = "above_target"
            message = (
                f"{period} {_amount(total)} of {label}, above the target of {target.range_text()}; "
                f"more brings no extra benefit ({target.source.short})."
            )
        elif status is Status.OVER_CEILING:
            kind = "above_ceiling"
            ceiling = format_amount(target.high, key) if target.high is not None else ""
            message = (
                f"{period} {_amount(total)} of {label}, above the ceiling of {ceiling} a day "
                f"({target.source.short})."
            )
        else:
            continue
        findings.append(Finding(kind, _sentence_start(message), target.source, date, None, key))
    return findings


# ----------------------------------------------------------------------------- public


def day_findings(
    person: Person,
    day: DayPlan,
    foods: FoodLookup,
    recipes: Mapping[str, Recipe],
    targets: Mapping[str, Target],
    totals: Mapping[str, Total],
    meals: Mapping[str, Totals],
) -> list[Finding]:
    """The findings about one day that stand on their own (meals, limits, diet, warfarin), in
    the order found; ``check_week`` adds the week's own and puts them heaviest first."""
    findings: list[Finding] = []
    order = {slot.id: i for i, slot in enumerate(person.slots)}
    for slot_id in sorted(meals, key=lambda s: (order.get(s, len(order)), s)):
        per_slot = meals[slot_id]
        for finding in (
            _calcium_per_sitting(person, day, slot_id, per_slot["calcium_mg"]),
            _protein_per_meal(person, day, slot_id, per_slot["protein_g"],
                              _only_supplements(day.entries(slot_id), foods, recipes)),  # fmt: skip
        ):
            if finding is not None:
                findings.append(finding)
    findings += _upper_limits(day, totals, targets)
    findings += _diet_day(person, day, foods, recipes)
    if person.on_warfarin:
        findings += _warfarin_day(person, day, totals, foods, recipes)
        swing = _vitamin_k_swing(person, day, totals)
        if swing is not None:
            findings.append(swing)
    return findings


def check_day(
    person: Person,
    day: DayPlan,
    foods: FoodLookup,
    recipes: Mapping[str, Recipe],
    targets: Mapping[str, Target],
    totals: Mapping[str, Total] | None = None,
    meals: Mapping[str, Totals] | None = None,
) -> list[Finding]:
    """Every finding about ``day`` (per meal, per day, the day against its targets), heaviest first.

    ``totals`` (``day_totals`` over at least PLAN_KEYS) and ``meals``
    (``slot_totals`` over at least calcium and protein) save recomputing them.
    """
    foods = LookupOnce(foods)
    totals = day_totals(day, foods, recipes, keys=PLAN_KEYS) if totals is None else totals
    meals = slot_totals(day, foods, recipes, keys=MEAL_KEYS) if meals is None else meals
    findings = day_findings(person, day, foods, recipes, targets, totals, meals)
    if any(day.meals.values()):
        period = f"On {_day_text(day.date)} the plan gives"
        lab = _vitamin_d_lab(person, totals["vitamin_d_iu"], targets, day.date, "this day gives")
        if lab is not None:
            findings.append(lab)
        findings += _target_findings(totals, targets, day.date, period)
    return ordered(findings)


def planned_period(days_planned: int) -> str:
    """How week-level findings start: "On average, your 5 planned days give"."""
    if days_planned == 1:
        return "your planned day gives"
    return f"on average, your {days_planned} planned days give"


def check_week(
    person: Person,
    week: WeekPlan,
    foods: FoodLookup,
    recipes: Mapping[str, Recipe],
    targets: Mapping[str, Target],
    totals: WeekTotals | None = None,
) -> list[Finding]:
    """Findings for each day (meals, limits, warfarin) and for the week as a whole, heaviest first.

    Intakes are judged against targets once, on the average of the planned days
    (days with at least one item), rather than seven times over; so is the
    vitamin D lab value. On warfarin, each planned day's vitamin K is checked against the
    band around the person's usual intake. ``totals`` (``week_totals`` of this week over at
    least PLAN_KEYS) saves recomputing them when the caller already has them.
    """
    foods = LookupOnce(foods)
    if totals is None or not set(MEAL_KEYS) <= set(totals.meal_keys):
        totals = week_totals(week, foods, recipes, keys=PLAN_KEYS, meal_keys=MEAL_KEYS)
    findings: list[Finding] = []
    for day, day_total, day_meals in zip(week.days, totals.days, totals.meals, strict=True):
        findings += day_findings(person, day, foods, recipes, targets, day_total, day_meals)
    return ordered(findings + week_findings(person, targets, totals))


def week_findings(person: Person, targets: Mapping[str, Target], totals: WeekTotals) -> list[Finding]:
    """The findings about the week as a whole: the average of its planned days against the
    targets and the vitamin D lab value (none when nothing is planned)."""
    if not totals.planned_days:
        return []
    findings: list[Finding] = []
    period = planned_period(totals.planned_days)
    lab = _vitamin_d_lab(person, totals.average["vitamin_d_iu"], targets, None, period)
    if lab is not None:
        findings.append(lab)
    return findings + _target_findings(totals.average, targets, None, period)
