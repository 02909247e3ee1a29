"""Daily targets and limits for bone health on aromatase-inhibitor therapy, each with its source.

The numbers and references come from ``shared/reference/targets.md``. Where
that table marks a value UNVERIFIED (or read only in a secondary copy), the
citation says so, so the app never shows a number as firmer than it is.
Bonewise records and explains; it never gives drug advice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType

from bonewise.core.nutrients import (
    NMOL_PER_NG_25OHD,
    SUPPORTING_KEYS,
    TARGET_KEYS,
    VITAMIN_K_TOTAL,
    label_of,
    unit_of,
    vitamin_d_ug,
)
from bonewise.core.plan import Person
from bonewise.errors import BonewiseError


class LimitScope(Enum):
    """What counts toward an upper limit."""

    TOTAL = "total"  # food and supplements
    SUPPLEMENTS = "supplements"  # supplements (and medicines) only


class TargetKind(Enum):
    """How a target reads (targets.md §1b); the status words follow from it."""

    FLOOR = "floor"  # "at least": above the range is still met, never an alarm (protein, vitamin D)
    BAND = "band"  # a range: above it is more than needed, a note (calcium)
    CEILING = "ceiling"  # "at most": above it is a warning (sodium, caffeine)
    REFERENCE = "reference"  # a value to compare with, not a target (K2's trial dose)


@dataclass(frozen=True)
class Source:
    """Where a number comes from: a short name to show, and the full reference."""

    short: str  # "IOM 2011"
    citation: str  # full reference(s); notes on how firm the value is


# ----------------------------------------------------------------------------- references
# Full references as in targets.md section 4; notes say how each value was checked.

_IOM_2011_REF = (
    "Institute of Medicine. Dietary Reference Intakes for Calcium and Vitamin D. Washington, DC: "
    "National Academies Press; 2011. doi:10.17226/13050."
)
_ROSS_2011_REF = (
    "Ross AC, Manson JE, Abrams SA, et al. The 2011 report on dietary reference intakes for calcium "
    "and vitamin D from the Institute of Medicine: what clinicians need to know. J Clin Endocrinol "
    "Metab 2011;96(1):53–58. doi:10.1210/jc.2010-2704."
)
_SHAPIRO_2019_REF = (
    "Shapiro CL, Van Poznak C, Lacchetti C, et al. Management of osteoporosis in survivors of adult "
    "cancers with nonmetastatic disease: ASCO clinical practice guideline. J Clin Oncol "
    "2019;37(31):2916–2946. doi:10.1200/JCO.19.01696."
)
_GRALOW_REF = (
    "Gralow JR, Biermann JS, Farooki A, et al. NCCN Task Force Report: Bone Health in Cancer Care. "
    "J Natl Compr Canc Netw 2009;7(Suppl 3):S1–S32. doi:10.6004/jnccn.2009.0076; updated in JNCCN "
    "2013;11(Suppl 3)."
)
_NIH_1994_REF = (
    "NIH Consensus Development Panel on Optimal Calcium Intake. Optimal calcium intake. NIH Consens "
    "Statement 1994;12(4):1–31."
)
_NAMS_2006_REF = (
    "North American Menopause Society. The role of calcium in peri- and postmenopausal women: 2006 "
    "position statement. Menopause 2006;13(6):862–877. doi:10.1097/01.gme.0000243566.25205.0b."
)
_HOLICK_2011_REF = (
    "Holick MF, Binkley NC, Bischoff-Ferrari HA, et al. Evaluation, treatment, and prevention of "
    "vitamin D deficiency: an Endocrine Society clinical practice guideline. J Clin Endocrinol Metab "
    "2011;96(7):1911–1930. doi:10.1210/jc.2011-0385."
)
_IOM_MACRO_REF = (
    "Institute of Medicine. Dietary Reference Intakes for Energy, Carbohydrate, Fiber, Fat, Fatty "
    "Acids, Cholesterol, Protein, and Amino Acids (Macronutrients). National Academies Press; "
    "2002/2005."
)

IOM_2011 = Source("IOM 2011", f"{_IOM_2011_REF}\n{_ROSS_2011_REF}")
IOM_1997 = Source(
    "IOM 1997",
    "Institute of Medicine. Dietary Reference Intakes for Calcium, Phosphorus, Magnesium, Vitamin D, "
    "and Fluoride. National Academies Press; 1997 (NAP record 5776).\n"
    "The magnesium values (RDA 320 mg for women 31 and over; upper limit 350 mg from supplements "
    "and medicines only) were read in several secondary copies of the IOM table, not in the book.",
)
IOM_2001 = Source(
    "IOM 2001",
    "Institute of Medicine. Dietary Reference Intakes for Vitamin A, Vitamin K, Arsenic, Boron, "
    "Chromium, Copper, Iodine, Iron, Manganese, Molybdenum, Nickel, Silicon, Vanadium, and Zinc. "
    "National Academies Press; 2001.\n"
    "Adequate intake of vitamin K for women 19 and over: 90 µg a day. No upper limit was set (no "
    "adverse effects were reported); people on anticoagulants should watch their vitamin K intake.",
)
ASCO_2019 = Source("ASCO 2019", _SHAPIRO_2019_REF)
CALCIUM_BAND = Source(
    "NCCN 2009; NIH 1994",
    f"{_GRALOW_REF}\n{_NIH_1994_REF}\n{_SHAPIRO_2019_REF}\n"
    "The band runs from the NCCN Task Force's total of at least 1,200 mg a day for postmenopausal "
    "women at risk of treatment-related bone loss (read in a secondary page quoting it) to the NIH "
    "1994 consensus figure of 1,500 mg a day for postmenopausal women not taking estrogen, which "
    "predates the IOM 2011 upper limit of 2,000 mg. ASCO 2019 asks for 1,000–1,200 mg a day.",
)
HEANEY_1990 = Source(
    "Heaney 1990",
    "Heaney RP, Weaver CM, Fitzsimmons ML. Influence of calcium load on absorption fraction. "
    "J Bone Miner Res 1990;5(11):1135–1138. doi:10.1002/jbmr.5650051107.\n"
    "The share absorbed fell from 64.0 % at a 15 mg load to 28.6 % at 500 mg (abstract). The "
    "600 mg-per-meal line Bonewise uses is a soft cap derived from this, not a published limit.",
)
HEANEY_1991 = Source(
    "Heaney 1991",
    "Heaney RP. Calcium supplements: practical considerations. Osteoporos Int 1991;1:65–71 (year and "
    "pages unverified).\n"
    "Four doses a day were absorbed better than one (abstract). The common advice of at most "
    "500–600 mg of elemental calcium per dose was read only in secondary pages.",
)
HOLICK_2011 = Source("Endocrine Society 2011", _HOLICK_2011_REF)
LAB_RANGE = Source(
    "Endocrine Society 2011; NAMS 2006",
    f"{_HOLICK_2011_REF}\n{_NAMS_2006_REF}\n{_IOM_2011_REF}\n"
    "Low end: above 30 ng/mL (Endocrine Society 2011) and at least 30 ng/mL (NAMS 2006). IOM 2011 "
    "considers 20 ng/mL (50 nmol/L) enough for 97.5 % of people, so 30 is a guideline choice. High "
    "end: the IOM 2011 caution about levels above about 50 ng/mL (125 nmol/L) is UNVERIFIED in "
    "Bonewise's reference table. The 2024 Endocrine Society guideline is said to have dropped a "
    "target level (also UNVERIFIED).",
)
KNAPEN_2013 = Source(
    "Knapen 2013",
    "Knapen MHJ, Drummen NE, Smit E, Vermeer C, Theuwissen E. Three-year low-dose menaquinone-7 "
    "supplementation helps decrease bone loss in healthy postmenopausal women. Osteoporos Int "
    "2013;24(9):2499–2507. doi:10.1007/s00198-013-2325-6.\n"
    "180 µg of MK-7 a day was the dose used in this trial; there is no official K2 target and no "
    "upper limit.",
)
SCHURGERS_2007 = Source(
    "Schurgers 2007",
    "Schurgers LJ, Teunissen KJ, Hamulyák K, et al. Vitamin K-containing dietary supplements: "
    "comparison of synthetic vitamin K1 and natto-derived menaquinone-7. Blood 2007;109(8):3279–3283. "
    "doi:10.1182/blood-2006-08-040709.\n"
    "MK-7 from about 50 µg a day may interfere with oral anticoagulants; about 5 g of natto holds "
    "that much.",
)
ESPEN_2017 = Source(
    "ESPEN 2017",
    "Arends J, Bachmann P, Baracos V, et al. ESPEN guidelines on nutrition in cancer patients. "
    "Clin Nutr 2017;36(1):11–48. doi:10.1016/j.clnu.2016.07.015.\n"
    "If energy needs are not measured, about 25–30 kcal per kg body weight a day, as for healthy "
    "people (read in summaries of the guideline). A day within that band keeps the weight steady; "
    "a person and their care team may set another band.",
)
PROTEIN_SOURCE = Source(
    "PROT-AGE 2013; ESPEN 2014",
    "Bauer J, Biolo G, Cederholm T, et al. Evidence-based recommendations for optimal dietary protein "
    "intake in older people: a position paper from the PROT-AGE Study Group. J Am Med Dir Assoc "
    "2013;14(8):542–559. doi:10.1016/j.jamda.2013.05.021.\n"
    "Deutz NEP, Bauer JM, Barazzoni R, et al. Protein intake and exercise for optimal muscle function "
    "with aging: recommendations from the ESPEN Expert Group. Clin Nutr 2014;33(6):929–936. "
    "doi:10.1016/j.clnu.2014.04.007 (author list, volume and pages unverified).\n"
    "PROT-AGE makes an exception for severe kidney disease (eGFR below 30, not on dialysis).",
)
ESCEO_2014 = Source(
    "ESCEO 2014",
    "Rizzoli R, Stevenson JC, Bauer JM, et al. The role of dietary protein and vitamin D in "
    "maintaining musculoskeletal health in postmenopausal women: a consensus statement from ESCEO. "
    "Maturitas 2014;79(1):122–132. doi:10.1016/j.maturitas.2014.07.005.\n"
    "20–25 g of protein per main meal was read in a secondary page quoting it.",
)
FIBER_SOURCE = Source(
    "IOM 2002/2005",
    f"{_IOM_MACRO_REF}\nUNVERIFIED: the 21 g a day adequate intake for women 51 and over is the "
    "standard value, not checked against the source when Bonewise's reference table was compiled.",
)
OMEGA3_SOURCE = Source(
    "IOM 2002/2005",
    f"{_IOM_MACRO_REF}\nUNVERIFIED: the adequate intake of 1.1 g a day of alpha-linolenic acid (ALA) "
    "for women is the standard value, not checked against the source when Bonewise's reference table "
    "was compiled. Bonewise compares total omega-3 fatty acids (as USDA SR24 sums them) against it.",
)
SODIUM_SOURCE = Source(
    "NASEM 2019",
    "National Academies of Sciences, Engineering, and Medicine. Dietary Reference Intakes for Sodium "
    "and Potassium. National Academies Press; 2019.\n"
    "UNVERIFIED: 2,300 mg a day as the level above which to reduce intake was not checked against "
    "the source when Bonewise's reference table was compiled.\n"
    "Itoh R, Suyama Y. Sodium excretion in relation to calcium and hydroxyproline excretion in a "
    "healthy Japanese population. Am J Clin Nutr 1996;63:735–740.\n"
    "Devine A, Criddle RA, Dick IM, Kerr DA, Prince RL. A longitudinal study of the effect of sodium "
    "and calcium intakes on regional bone density in postmenopausal women. Am J Clin Nutr "
    "1995;62(4):740–745.",
)
CAFFEINE_SOURCE = Source(
    "EFSA 2015",
    "European Food Safety Authority, scientific opinion on the safety of caffeine, 2015.\n"
    "UNVERIFIED: the 400 mg a day adult figure was not checked against the source when Bonewise's "
    "reference table was compiled.\n"
    "Barger-Lux MJ, Heaney RP. Caffeine and the calcium economy revisited. Osteoporos Int "
    "1995;5(2):97–102. doi:10.1007/BF01623310.\n"
    "Heaney RP. Effects of caffeine on bone and the calcium economy. Food Chem Toxicol "
    "2002;40:1263–1270.",
)
WHO_1994 = Source(
    "WHO 1994",
    "WHO Study Group. Assessment of fracture risk and its application to screening for "
    "postmenopausal osteoporosis. WHO Technical Report Series 843. Geneva: WHO; 1994.\n"
    "The category limits were read in several secondary copies.",
)


# ----------------------------------------------------------------------------- targets


def finite_number(value: object) -> float | None:
    """``value`` as a finite float, or None for text, bools, NaN, infinities and huge ints."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


@dataclass(frozen=True)
class AgeLimit:
    """An upper limit for one age group (years, both ends included; None = no upper end)."""

    min_age: int
    max_age: int | None
    value: float

    @property
    def ages(self) -> str:
        """ "ages 19–50", "ages 51 and over"."""
        return f"ages {self.min_age} and over" if self.max_age is None else f"ages {self.min_age}–{self.max_age}"


@dataclass(frozen=True)
class Target:
    """A daily target for one nutrient: its kind, its range, its upper limit and sources.

    ``low``/``high`` are in the nutrient's unit, except while ``per_kg`` is true
    (protein before a body weight is known): then they are per kg body weight.
    A floor is judged by ``low`` only (``high`` completes the advised range), a
    ceiling by ``high`` only, a band by both.
    """

    key: str
    kind: TargetKind
    low: float | None
    high: float | None
    source: Source
    why: str  # plain-language "why it matters"
    upper_limit: float | None = None
    limit_scope: LimitScope | None = None
    limit_source: Source | None = None
    limits_by_age: tuple[AgeLimit, ...] = ()  # when the limit depends on age (calcium)
    limit_note: str = ""  # whom the limit applies to: "ages 51 and over"
    per_kg: bool = False  # low/high are per kg body weight and no weight is known yet
    note: str = ""  # what the number measures, or what is missing
    personal: bool = False  # set for this person, replacing the default

    @property
    def unit(self) -> str:
        """The unit of ``low`` and ``high`` ("mg", or "g/kg" for protein without a weight)."""
        return f"{unit_of(self.key)}/kg" if self.per_kg else unit_of(self.key)

    @property
    def tracked_only(self) -> bool:
        """True for a reference value (K2's trial dose): compared with, never judged."""
        return self.kind is TargetKind.REFERENCE

    @property
    def has_band(self) -> bool:
        """True when there is a range to judge a total against (not a reference, not per kg)."""
        return not self.tracked_only and not self.per_kg and (self.low is not None or self.high is not None)

    def range_text(self) -> str:
        """The target as a phrase that says its kind: "1,200–1,500 mg", "at least 800–1,000 IU",
        "at most 2,300 mg", "trial reference 180 µg"."""
        unit = self.unit.replace("/kg", " per kg body weight")
        if self.kind is TargetKind.REFERENCE:
            reference = self.low if self.low is not None else self.high
            if reference is None:
                return "tracked"
            return f"{'your' if self.personal else 'trial'} reference {_amount_text(reference, unit)}"
        if self.low is None and self.high is None:
            return "no target"
        text = band_text(self.low, self.high, unit)
        if self.key == "vitamin_d_iu":  # IU and µg both, so neither unit is guessed
            ug = [None if b is None else vitamin_d_ug(b) for b in (self.low, self.high)]
            text += f" ({band_text(ug[0], ug[1], 'µg').removeprefix('at least ').removeprefix('at most ')})"
        if self.kind is TargetKind.FLOOR and self.low is not None and self.high is not None:
            return f"at least {text}"
        return text

    def phrase(self) -> str:
        """The target named by its kind: "target 1,200–1,500 mg", "target at least 320 mg",
        "ceiling 2,300 mg", "trial reference 180 µg"."""
        if self.kind is TargetKind.REFERENCE:
            return self.range_text()
        if self.kind is TargetKind.CEILING and self.high is not None and self.low is None:
            return f"ceiling {_amount_text(self.high, self.unit)}"
        return f"target {self.range_text()}"

    def limit_text(self) -> str:
        """ "2,000 mg (ages 51 and over)", "350 mg from supplements", or "" without a limit."""
        if self.upper_limit is None:
            return ""
        text = _amount_text(self.upper_limit, unit_of(self.key))
        if self.key == "vitamin_d_iu":
            text += f" ({_amount_text(vitamin_d_ug(self.upper_limit), 'µg')})"
        if self.limit_scope is LimitScope.SUPPLEMENTS:
            text += " from supplements"
        return f"{text} ({self.limit_note})" if self.limit_note else text


_WHY = {
    "calcium_mg": (
        "Aromatase inhibitors lower estrogen, and bones lose calcium faster without it. Enough "
        "calcium every day gives bone the mineral it is made of; more than the upper limit brings "
        "no extra benefit and raises the risk of kidney stones. The body absorbs calcium best in "
        "smaller amounts spread over the day."
    ),
    "vitamin_d_iu": (
        "Vitamin D lets the gut take up calcium from food. Without enough of it, much of the "
        "calcium you eat passes through unused. Your care team may check the level in your blood."
    ),
    "vitamin_k2_ug": (
        "Vitamin K2 (menaquinones, from fermented foods, cheese and eggs) helps proteins in bone "
        "bind calcium. There is no official target; Bonewise compares your intake with the dose "
        "used in a three-year trial. Food values are estimates from a few studies. If you take "
        "warfarin, talk to your care team before changing how much vitamin K you eat."
    ),
    "magnesium_mg": (
        "Magnesium is part of bone and helps the body use vitamin D. Nuts, seeds, beans and whole "
        "grains supply it. The upper limit counts only magnesium from supplements and medicines, "
        "which can upset the gut; magnesium from food does not count toward it."
    ),
    "energy_kcal": (
        "Enough energy keeps body weight and muscle steady during treatment; much less is a "
        "weight-loss diet and much more a weight-gain diet, even when the bone targets are met. "
        "The band follows body weight; your care team may set another one."
    ),
    "protein_g": (
        "Protein is the framework that calcium is laid into, and it keeps the muscles that protect "
        "you from falls. Older adults need more per kilogram than younger ones, best spread as "
        "20–25 g at each main meal. The target is a minimum: more is fine with healthy kidneys, "
        "and 1.2–1.5 g per kg is advised during a long illness."
    ),
    "fiber_g": (
        "Fiber from vegetables, fruit, beans and whole grains is part of the eating pattern linked "
        "with healthy bones and heart, and it keeps digestion regular."
    ),
    "omega3_g": (
        "Omega-3 fats, from oily fish, walnuts, flax and rapeseed oil, are part of a "
        "Mediterranean-style diet. Bonewise counts all omega-3 fats together (the plant fat ALA and "
        "the fish fats EPA and DHA), as the USDA data does."
    ),
    "sodium_mg": (
        "Salt makes the kidneys let more calcium go: in adults over 50, about 40 mg more calcium "
        "leaves in the urine for every 2,300 mg more sodium. Keeping sodium down helps keep the "
        "calcium you eat."
    ),
    "caffeine_mg": (
        "Caffeine makes you lose a little calcium, about 5 mg per cup of coffee. A splash of milk "
        "makes up for it, so moderate coffee is fine when calcium intake is good."
    ),
    VITAMIN_K_TOTAL: (
        "Vitamin K (K1 from leafy greens, K2 from fermented foods, cheese and eggs) helps proteins "
        "in bone and blood work. The adequate intake counts both forms together. If you take "
        "warfarin, a similar amount every day matters more than the amount itself: talk to your "
        "care team before changing it."
    ),
}

# IOM 2011 sets the calcium upper limit by age; the app's profile is for 51 and over.
CALCIUM_LIMITS_BY_AGE = (AgeLimit(19, 50, 2500.0), AgeLimit(51, None, 2000.0))
FLOOR, BAND, CEILING, REFERENCE = TargetKind.FLOOR, TargetKind.BAND, TargetKind.CEILING, TargetKind.REFERENCE

_DEFAULTS: tuple[Target, ...] = (
    Target("calcium_mg", BAND, 1200.0, 1500.0, CALCIUM_BAND, _WHY["calcium_mg"],
           upper_limit=2000.0, limit_scope=LimitScope.TOTAL, limit_source=IOM_2011,
           limits_by_age=CALCIUM_LIMITS_BY_AGE, limit_note="ages 51 and over"),
    Target("vitamin_d_iu", FLOOR, 800.0, 1000.0, ASCO_2019, _WHY["vitamin_d_iu"],
           upper_limit=4000.0, limit_scope=LimitScope.TOTAL, limit_source=IOM_2011),
    Target("vitamin_k2_ug", REFERENCE, 180.0, None, KNAPEN_2013, _WHY["vitamin_k2_ug"],
           note="Trial reference (MK-7 180 µg a day), not a target; food K2 values are estimates."),
    Target("magnesium_mg", FLOOR, 320.0, None, IOM_1997, _WHY["magnesium_mg"],
           upper_limit=350.0, limit_scope=LimitScope.SUPPLEMENTS, limit_source=IOM_1997),
    Target("protein_g", FLOOR, 1.0, 1.2, PROTEIN_SOURCE, _WHY["protein_g"], per_kg=True,
           note="At least 1.0–1.2 g per kg body weight: add a body weight to see it in grams a day."),
    Target("fiber_g", FLOOR, 21.0, None, FIBER_SOURCE, _WHY["fiber_g"]),
    Target("omega3_g", FLOOR, 1.1, None, OMEGA3_SOURCE, _WHY["omega3_g"],
           note="Total omega-3 fatty acids (ALA, EPA, DHA and others, as summed in USDA SR24) "
                "against the adequate intake for ALA."),
    Target("energy_kcal", BAND, 25.0, 30.0, ESPEN_2017, _WHY["energy_kcal"], per_kg=True,
           note="25–30 kcal per kg body weight: add a body weight to see it in kcal a day."),
    Target("sodium_mg", CEILING, None, 2300.0, SODIUM_SOURCE, _WHY["sodium_mg"]),
    Target("caffeine_mg", CEILING, None, 400.0, CAFFEINE_SOURCE, _WHY["caffeine_mg"]),
    Target(VITAMIN_K_TOTAL, FLOOR, 90.0, None, IOM_2001, _WHY[VITAMIN_K_TOTAL],
           note="K1 from USDA data plus K2 estimates, never one counted as the other. Few foods "
                "have a K2 value, so the total is often a lower bound (“at least”)."),
)  # fmt: skip

assert tuple(t.key for t in _DEFAULTS) == TARGET_KEYS + SUPPORTING_KEYS


def default_targets() -> dict[str, Target]:
    """The default bone-health profile, in display order (protein still per kg body weight)."""
    return {t.key: t for t in _DEFAULTS}


MAX_TARGET_VALUE = 1_000_000.0  # far above any daily amount in any unit we use
MIN_WEIGHT_KG, MAX_WEIGHT_KG = 20.0, 400.0


def check_override(key: object, low: object, high: object) -> tuple[float | None, float | None]:
    """A validated personal band for ``key``; raises BonewiseError with a clear message.

    Bounds are in the units of ``default_targets()`` (protein in g per kg body
    weight). Either bound may be None (no bound), but not both.
    """
    defaults = default_targets()
    if key not in defaults:
        raise BonewiseError(f"Bonewise has no target for “{key}”.")
    label = defaults[key]
    bounds: list[float | None] = []
    for name, value in (("lower", low), ("upper", high)):
        if value is None:
            bounds.append(None)
            continue
        value = finite_number(value)
        if value is None:
            raise BonewiseError(f"The {name} end of the target must be a number.")
        if not 0 <= value <= MAX_TARGET_VALUE:
            raise BonewiseError(
                f"The {name} end of the target must be between 0 and {MAX_TARGET_VALUE:,.0f} {label.unit}."
            )
        bounds.append(float(value))
    new_low, new_high = bounds
    if new_low is None and new_high is None:
        raise BonewiseError("A target needs a lower end, an upper end, or both.")
    if new_low is not None and new_high is not None and new_low > new_high:
        raise BonewiseError("The lower end of a target cannot be above its upper end.")
    name = label_of(label.key).partition(" (")[0]
    if label.kind is TargetKind.FLOOR and new_low is None:
        raise BonewiseError(f"The {name.lower()} target is a minimum: give its lower end.")
    if label.kind is TargetKind.CEILING and new_low is not None:
        raise BonewiseError(f"The {name.lower()} target is a maximum: give only its upper end.")
    return new_low, new_high


def with_override(person: Person, key: str, low: float | None, high: float | None) -> Person:
    """``person`` with a personal band for ``key`` (validated)."""
    band = check_override(key, low, high)
    overrides = dict(person.target_overrides)
    overrides[key] = band
    return dataclasses.replace(person, target_overrides=MappingProxyType(overrides))


def reset_targets(person: Person, key: str | None = None) -> Person:
    """``person`` back on the defaults: for ``key`` only, or for every nutrient when None."""
    overrides = {} if key is None else {k: v for k, v in person.target_overrides.items() if k != key}
    return dataclasses.replace(person, target_overrides=MappingProxyType(overrides))


MIN_ADULT_AGE = 19  # the targets and limits are those for adults (IOM age groups from 19)
EARLIEST_BIRTH_YEAR = 1900


def check_birth_year(year: object, today: dt.date | None = None) -> int:
    """A plausible year of birth for an adult (1900 to 19 years ago); BonewiseError otherwise."""
    number = finite_number(year)
    if number is None or number != int(number):
        raise BonewiseError("The year of birth must be a whole year such as 1961.")
    latest = (today or dt.date.today()).year - MIN_ADULT_AGE
    if not EARLIEST_BIRTH_YEAR <= number <= latest:
        raise BonewiseError(
            f"The year of birth must be between {EARLIEST_BIRTH_YEAR} and {latest} (Bonewise's "
            f"targets are for adults aged {MIN_ADULT_AGE} and over), not {number:g}."
        )
    return int(number)


def check_weight(weight_kg: object) -> float:
    """A usable body weight in kg (20–400); raises BonewiseError otherwise."""
    value = finite_number(weight_kg)
    if value is None:
        raise BonewiseError("The body weight must be a number of kilograms.")
    if not MIN_WEIGHT_KG <= value <= MAX_WEIGHT_KG:
        raise BonewiseError(
            f"The body weight must be between {MIN_WEIGHT_KG:g} and {MAX_WEIGHT_KG:g} kg, not {value:g} kg."
        )
    return value


def _amount_text(value: float, unit: str) -> str:
    """ "2,000 mg", "1.1 g": up to two decimals, none when they are zero."""
    return f"{value:,.2f}".rstrip("0").rstrip(".") + f" {unit}"


def band_text(low: float | None, high: float | None, unit: str) -> str:
    """ "1,200–1,500 mg", "1.0–1.2 g per kg", "at least 320 mg", "at most 2,300 mg"."""
    bounds = [b for b in (low, high) if b is not None]
    digits = max(min(2, len(f"{b:.2f}".rstrip("0").partition(".")[2])) for b in bounds)
    low_text, high_text = (None if b is None else f"{b:,.{digits}f}" for b in (low, high))
    if low_text is not None and high_text is not None:
        return f"{low_text}–{high_text} {unit}"
    return f"at least {low_text} {unit}" if low_text is not None else f"at most {high_text} {unit}"


def age_limit(target: Target, birth_year: int | None, on: dt.date) -> tuple[float | None, str]:
    """The upper limit of ``target`` for someone born in ``birth_year``, on the date ``on``.

    With only a year of birth the age is known to within a year; the year a person
    turns 51 already counts as 51 (the lower, safer calcium limit). Without a year
    of birth, the limit is the oldest group's: the app is made for women of 51 and
    over, and that limit is the lowest.
    """
    groups = target.limits_by_age
    if not groups:
        return target.upper_limit, target.limit_note
    if birth_year is None:
        return groups[-1].value, f"{groups[-1].ages}, as no year of birth is recorded"
    age = on.year - birth_year
    chosen = next((g for g in groups if g.max_age is None or age <= g.max_age), groups[-1])
    return chosen.value, chosen.ages


def targets_for(person: Person, on: dt.date | None = None) -> dict[str, Target]:
    """The targets for ``person`` on the date ``on`` (today when None).

    Overrides are applied, limits that depend on age are chosen from the year of
    birth, and targets per kg body weight (protein) are turned into amounts.
    Without a recorded body weight such a target stays per kg (``per_kg``) and
    its note says a weight is needed; Bonewise never assumes one. An override for
    a key Bonewise does not know is ignored (it cannot be judged).
    """
    targets = default_targets()
    for key, (low, high) in person.target_overrides.items():
        if key not in targets:
            continue
        default = targets[key]
        low, high = check_override(key, low, high)
        citation = (
            f"Set for {person.name} in Bonewise, in place of the default "
            f"{default.range_text()} ({default.source.short}).\n"
            f"Default source: {default.source.citation}"
        )
        targets[key] = dataclasses.replace(
            default, low=low, high=high, personal=True, source=Source("Personal target", citation)
        )
    birth_year = person.birth_year
    when = on or dt.date.today()
    weight = None if person.weight_kg is None else check_weight(person.weight_kg)
    for key, target in targets.items():
        if target.limits_by_age:
            limit, note = age_limit(target, birth_year, when)
            target = dataclasses.replace(target, upper_limit=limit, limit_note=note)
        if target.per_kg and weight is not None:
            per_kg = band_text(target.low, target.high, f"{unit_of(key)} per kg")
            target = dataclasses.replace(
                target,
                low=None if target.low is None else target.low * weight,
                high=None if target.high is None else target.high * weight,
                per_kg=False,
                note=f"{per_kg} × {weight:g} kg body weight.",
            )
        targets[key] = target
    return targets


# ----------------------------------------------------------------------------- bone density

T_SCORE_CATEGORIES: Mapping[str, str] = MappingProxyType(
    {
        "normal": (
            "A T-score of −1.0 or higher is in the normal range: bone density is close to that of "
            "a healthy young adult."
        ),
        "osteopenia": (
            "A T-score between −1.0 and −2.5 means low bone mass (osteopenia): bones are thinner "
            "than average but not in the osteoporosis range."
        ),
        "osteoporosis": (
            "A T-score of −2.5 or lower is in the osteoporosis range. With a fracture from a minor "
            "fall it counts as severe osteoporosis. Your care team decides about treatment."
        ),
    }
)


MIN_T_SCORE, MAX_T_SCORE = -10.0, 10.0  # plausible bone-density T-scores (usually −5 to +3)


def t_score_category(t: float) -> tuple[str, Source]:
    """The WHO 1994 category of a bone-density T-score, with its source.

    normal: T ≥ −1.0; osteopenia: −2.5 < T < −1.0; osteoporosis: T ≤ −2.5.
    """
    if finite_number(t) is None:
        raise BonewiseError("A T-score must be a number such as −1.8.")
    if not MIN_T_SCORE <= t <= MAX_T_SCORE:
        raise BonewiseError(f"A T-score of {t:g} is not plausible; it is usually between −5 and +3.")
    if t >= -1.0:
        return "normal", WHO_1994
    if t > -2.5:
        return "osteopenia", WHO_1994
    return "osteoporosis", WHO_1994


# ----------------------------------------------------------------------------- 25(OH)D lab value

LAB_LOW_NG_ML = 30.0
LAB_HIGH_NG_ML = 50.0
MAX_LAB_NG_ML = 250.0  # a plausible 25(OH)D value (ng/mL); more is another unit or a typo


def nmol_per_l_from_ng(ng_ml: float) -> float:
    """Serum 25(OH)D in nmol/L from ng/mL (× 2.496)."""
    return ng_ml * NMOL_PER_NG_25OHD


def ng_per_ml_from_nmol(nmol_l: float) -> float:
    """Serum 25(OH)D in ng/mL from nmol/L (÷ 2.496)."""
    return nmol_l / NMOL_PER_NG_25OHD


def check_lab_value(ng_ml: object) -> float:
    """A plausible 25(OH)D value in ng/mL (above 0, at most 250); BonewiseError otherwise."""
    value = finite_number(ng_ml)
    if value is None:
        raise BonewiseError("The vitamin D blood level must be a number in ng/mL.")
    if not 0 < value <= MAX_LAB_NG_ML:
        raise BonewiseError(
            f"A vitamin D blood level of {value:g} ng/mL is not plausible; check the unit "
            "(ng/mL, not nmol/L: divide nmol/L by 2.5)."
        )
    return value


@dataclass(frozen=True)
class LabReading:
    """A 25(OH)D blood level read against the 30–50 ng/mL range clinicians aim for."""

    ng_ml: float
    nmol_l: float
    status: str  # "low" (below 30), "in_range" (30–50), "high" (above 50)
    text: str  # a plain sentence; never advice on what to take
    source: Source


def vitamin_d_lab_reading(ng_ml: float) -> LabReading:
    """Read a 25(OH)D value (ng/mL) against 30–50 ng/mL."""
    value = check_lab_value(ng_ml)
    nmol = nmol_per_l_from_ng(value)
    level = f"{value:g} ng/mL ({nmol:.0f} nmol/L)"
    if value < LAB_LOW_NG_ML:
        status = "low"
        text = f"{level} is below the 30 ng/mL that bone guidelines aim for."
    elif value > LAB_HIGH_NG_ML:
        status = "high"
        text = f"{level} is above 50 ng/mL, the top of the range Bonewise reads against."
    else:
        status = "in_range"
        text = f"{level} is within the 30–50 ng/mL range that bone guidelines aim for."
    return LabReading(value, nmol, status, text, LAB_RANGE)
