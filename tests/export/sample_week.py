"""A realistic week for export tests and the export bench: foods with SR-like values.

Values per 100 g are close to USDA SR24 (rounded); K2 is present only where the
literature table has an estimate, so some totals are honestly incomplete.
"""

from __future__ import annotations

import datetime as dt
import itertools
from types import MappingProxyType

from bonewise.core.foods import Food, FoodKind, Measure
from bonewise.core.plan import DayPlan, Entry, IsoWeek, Person, Recipe, WeekPlan

REF = FoodKind.REFERENCE
SUP = FoodKind.SUPPLEMENT


# SR24 lists 0 for these where a food has none.
_ZEROS = ("calcium_mg", "vitamin_d_iu", "magnesium_mg", "protein_g", "fiber_g", "omega3_g",
          "sodium_mg", "caffeine_mg")  # fmt: skip


def _food(food_id, name, aisle, nutrients, *measures, kind=REF, group="group"):
    if kind is REF:
        nutrients = {**dict.fromkeys(_ZEROS, 0.0), **nutrients}
    return Food(food_id, name, kind, group, aisle, MappingProxyType(nutrients), tuple(measures),
                source="USDA SR24" if kind is REF else "label")  # fmt: skip


MILK = _food("01077", "Milk, whole, 3.25% milkfat", "Dairy & eggs",
             {"calcium_mg": 113, "vitamin_d_iu": 51, "magnesium_mg": 10, "protein_g": 3.15,
              "sodium_mg": 43, "fiber_g": 0, "vitamin_k1_ug": 0.3},
             Measure("cup", 244), Measure("fl oz", 30.5))  # fmt: skip
YOGURT = _food("01116", "Yogurt, plain, whole milk", "Dairy & eggs",
               {"calcium_mg": 121, "vitamin_d_iu": 2, "magnesium_mg": 12, "protein_g": 3.47,
                "sodium_mg": 46, "fiber_g": 0, "vitamin_k2_ug": 0.9},
               Measure("container (6 oz)", 170), Measure("cup", 245))  # fmt: skip
CHEDDAR = _food("01009", "Cheese, cheddar", "Dairy & eggs",
                {"calcium_mg": 721, "vitamin_d_iu": 24, "magnesium_mg": 28, "protein_g": 24.9,
                 "sodium_mg": 621, "fiber_g": 0, "vitamin_k2_ug": 76, "vitamin_k1_ug": 2.4},
                Measure("oz", 28.35), Measure("slice (1 oz)", 28), Measure("cup, shredded", 113))
EGG = _food("01123", "Egg, whole, raw, fresh", "Dairy & eggs",
            {"calcium_mg": 56, "vitamin_d_iu": 87, "magnesium_mg": 12, "protein_g": 12.56,
             "sodium_mg": 142, "fiber_g": 0, "vitamin_k2_ug": 15.5, "vitamin_k1_ug": 0.3},
            Measure("large", 50), Measure("medium", 44))  # fmt: skip
SALMON = _food("15237", "Fish, salmon, Atlantic, farmed, cooked", "Fish",
               {"calcium_mg": 15, "vitamin_d_iu": 526, "magnesium_mg": 30, "protein_g": 22.1,
                "omega3_g": 2.5, "sodium_mg": 61, "fiber_g": 0},
               Measure("fillet", 178), Measure("oz", 28.35))  # fmt: skip
SARDINES = _food("15088", "Fish, sardine, Atlantic, canned in oil, with bone", "Fish",
                 {"calcium_mg": 382, "vitamin_d_iu": 193, "magnesium_mg": 39, "protein_g": 24.6,
                  "omega3_g": 1.48, "sodium_mg": 307, "fiber_g": 0},
                 Measure("can (3.75 oz)", 92))  # fmt: skip
KALE = _food("11233", "Kale, raw", "Vegetables",
             {"calcium_mg": 150, "magnesium_mg": 47, "protein_g": 4.28, "fiber_g": 3.6,
              "vitamin_k1_ug": 704.8, "sodium_mg": 38},
             Measure("cup, chopped", 67))  # fmt: skip
ALMONDS = _food("12061", "Nuts, almonds", "Nuts & seeds",
                {"calcium_mg": 269, "magnesium_mg": 270, "protein_g": 21.15, "fiber_g": 12.5,
                 "sodium_mg": 1},
                Measure("oz (23 whole kernels)", 28.35), Measure("cup, whole", 143))
TOFU = _food("16427", "Tofu, firm, prepared with calcium sulfate", "Soy & legumes",
             {"calcium_mg": 683, "magnesium_mg": 58, "protein_g": 15.8, "fiber_g": 2.3,
              "sodium_mg": 14},
             Measure("cup", 252, 1), Measure("block", 81))  # fmt: skip
NATTO = _food("16113", "Natto", "Soy & legumes",
              {"calcium_mg": 217, "magnesium_mg": 115, "protein_g": 19.4, "fiber_g": 5.4,
               "vitamin_k2_ug": 939, "vitamin_k1_ug": 23.1, "sodium_mg": 7},
              Measure("cup", 175))  # fmt: skip
OATS = _food("08121", "Cereals, oats, regular, cooked with water", "Grains & bread",
             {"calcium_mg": 9, "magnesium_mg": 27, "protein_g": 2.54, "fiber_g": 1.7, "sodium_mg": 4},
             Measure("cup", 234))  # fmt: skip
OATS_DRY = _food("08120", "Cereals, oats, regular and quick, not fortified, dry", "Grains & bread",
                 {"calcium_mg": 52, "magnesium_mg": 138, "protein_g": 13.15, "fiber_g": 10.1,
                  "sodium_mg": 6},
                 Measure("cup", 81))  # fmt: skip
BREAD = _food("18075", "Bread, whole-wheat", "Grains & bread",
              {"calcium_mg": 161, "magnesium_mg": 76, "protein_g": 12.45, "fiber_g": 6,
               "sodium_mg": 450},
              Measure("slice", 28))  # fmt: skip
PRUNES = _food("09291", "Plums, dried (prunes), uncooked", "Fruit",
               {"calcium_mg": 43, "magnesium_mg": 41, "protein_g": 2.18, "fiber_g": 7.1,
                "vitamin_k1_ug": 59.5, "sodium_mg": 2},
               Measure("prune", 9.5))  # fmt: skip
COFFEE = _food("14209", "Coffee, brewed from grounds", "Drinks",
               {"calcium_mg": 2, "magnesium_mg": 3, "protein_g": 0.12, "caffeine_mg": 40,
                "sodium_mg": 2, "fiber_g": 0},
               Measure("cup (8 fl oz)", 237))  # fmt: skip
OLIVE_OIL = _food("04053", "Oil, olive, salad or cooking", "Oils & condiments",
                  {"calcium_mg": 1, "magnesium_mg": 0, "protein_g": 0, "fiber_g": 0,
                   "vitamin_k1_ug": 60.2, "sodium_mg": 2},
                  Measure("tbsp", 13.5))  # fmt: skip
CALCIUM_600 = _food("sup-calcium-carbonate-600", "Calcium carbonate 600 mg", "Supplements",
                    {"calcium_mg": 60000}, Measure("tablet", 1), kind=SUP)  # fmt: skip
VITAMIN_D_1000 = _food("sup-vitamin-d3-1000", "Vitamin D3 1,000 IU", "Supplements",
                       {"vitamin_d_iu": 100000}, Measure("softgel", 1), kind=SUP)  # fmt: skip
K2_MK7 = _food("sup-k2-mk7-100", "Vitamin K2 (MK-7) 100 µg", "Supplements",
               {"vitamin_k2_ug": 10000}, Measure("capsule", 1), kind=SUP)  # fmt: skip

FOODS: dict[str, Food] = {
    f.id: f for f in (MILK, YOGURT, CHEDDAR, EGG, SALMON, SARDINES, KALE, ALMONDS, TOFU, NATTO,
                      OATS, OATS_DRY, BREAD, PRUNES, COFFEE, OLIVE_OIL, CALCIUM_600, VITAMIN_D_1000, K2_MK7)
}  # fmt: skip

KALE_SALAD = Recipe("Kale & tofu salad", (
    Entry(KALE.id, 134, "cup, chopped", 2), Entry(TOFU.id, 162, "block", 2),
    Entry(OLIVE_OIL.id, 27, "tbsp", 2), Entry(ALMONDS.id, 28.35, "oz (23 whole kernels)", 1),
), portions=2, id="recipe-kale-salad")  # fmt: skip
RECIPES = {KALE_SALAD.id: KALE_SALAD}

WEEK = IsoWeek(2026, 49)
ZOE = Person("Zoë Ørsted", id=1, weight_kg=64, t_score=-1.8, vitamin_d_lab_ng_ml=27.0,
             vitamin_d_lab_date=dt.date(2026, 10, 14))  # fmt: skip


def e(food, count=1.0, measure=None, grams=None):
    """An entry of ``count`` × ``measure`` (or ``grams``) of ``food``."""
    if grams is not None:
        return Entry(food.id, grams)
    m = food.measure(measure) if measure else food.measures[0]
    return Entry(food.id, m.grams_per_unit * count, m.name, count)


def recipe(r, portions=1.0):
    return Entry(None, 0, None, portions, recipe_id=r.id)


_MENUS = [
    {"breakfast": [e(OATS), e(MILK), e(PRUNES, 4), e(COFFEE)],
     "morning-snack": [e(YOGURT)],
     "lunch": [e(BREAD, 2), e(CHEDDAR, 1, "slice (1 oz)"), e(KALE)],
     "afternoon-snack": [e(ALMONDS)],
     "dinner": [e(SALMON), e(KALE, 2), e(OLIVE_OIL)],
     "bedtime": [e(CALCIUM_600), e(VITAMIN_D_1000)]},
    {"breakfast": [e(EGG, 2), e(BREAD), e(COFFEE)],
     "lunch": [recipe(KALE_SALAD)],
     "dinner": [e(SARDINES), e(BREAD), e(MILK, 0.5)],
     "bedtime": [e(CALCIUM_600), e(K2_MK7)]},
    {"breakfast": [e(NATTO, 0.5), e(MILK), e(COFFEE, 2)],
     "lunch": [e(CHEDDAR, 1), e(BREAD, 2), e(PRUNES, 5)],
     "dinner": [e(TOFU, 1, "block"), e(KALE, 2), e(SALMON, 0.5)],
     "bedtime": [e(CALCIUM_600, 1), e(VITAMIN_D_1000)]},
]  # fmt: skip


def sample_week(person: Person = ZOE, week: IsoWeek = WEEK, *, empty_sunday: bool = True) -> WeekPlan:
    """Three menus over the week; Sunday left empty unless told otherwise."""
    days = []
    for i, date in enumerate(week.dates()):
        menu = _MENUS[i % len(_MENUS)] if (i < 6 or not empty_sunday) else {}
        meals = {slot: tuple(Entry(x.food_id, x.grams, x.measure, x.count, x.recipe_id)
                             for x in items) for slot, items in menu.items()}  # fmt: skip
        days.append(DayPlan(date, MappingProxyType(meals), note="Zoë's note <b>&</b>" if i == 2 else ""))
    return WeekPlan(person.id, week, tuple(days))


def full_week(person: Person = ZOE, week: IsoWeek = WEEK) -> WeekPlan:
    """The bench's heavy week: 6 slots × 7 days × 8 items."""
    pool = itertools.cycle([f for f in FOODS.values() if not f.is_supplement])
    days = []
    for date in week.dates():
        meals = {slot.id: tuple(e(next(pool)) for _ in range(8)) for slot in person.slots}
        days.append(DayPlan(date, MappingProxyType(meals)))
    return WeekPlan(person.id, week, tuple(days))
