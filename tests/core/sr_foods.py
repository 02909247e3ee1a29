"""Foods for the planning-core tests, with values copied from USDA SR24 (per 100 g).

Each food lists only what SR24 gives; a key that SR24 leaves out stays out
(salmon 15076 has no vitamin D or vitamin K value), so the tests see real gaps.
Supplements follow the food store's convention: a dose weighs 1 g and the
nutrients are 100 × the per-dose content.
"""

from __future__ import annotations

from bonewise.core.foods import Food, FoodKind, K2Estimate, Measure

SR = "USDA SR24"


def sr_food(food_id, name, nutrients, measures, k2=None):
    return Food(
        id=food_id, name=name, kind=FoodKind.REFERENCE, group="SR", aisle="SR",
        nutrients=nutrients, measures=tuple(Measure(n, g, a) for a, n, g in measures), k2=k2, source=SR,
    )  # fmt: skip


def supplement(food_id, name, per_dose, dose="tablet"):
    return Food(
        id=food_id, name=name, kind=FoodKind.SUPPLEMENT, group="Supplements", aisle="Pharmacy",
        nutrients={k: v * 100 for k, v in per_dose.items()}, measures=(Measure(dose, 1.0),),
    )  # fmt: skip


MILK = sr_food(
    "01079", "Milk, reduced fat, fluid, 2% milkfat, with added vitamin A and vitamin D",
    {"protein_g": 3.3, "fiber_g": 0.0, "caffeine_mg": 0.0, "calcium_mg": 120.0, "magnesium_mg": 11.0,
     "sodium_mg": 47.0, "vitamin_d_iu": 49.0, "vitamin_k1_ug": 0.2, "omega3_g": 0.008},
    [(1.0, "cup", 244.0), (1.0, "fl oz", 30.5), (1.0, "quart", 976.0)],
)  # fmt: skip
YOGURT = sr_food(
    "01117", "Yogurt, plain, low fat, 12 grams protein per 8 ounce",
    {"protein_g": 5.25, "fiber_g": 0.0, "caffeine_mg": 0.0, "calcium_mg": 183.0, "magnesium_mg": 17.0,
     "sodium_mg": 70.0, "vitamin_d_iu": 1.0, "vitamin_k1_ug": 0.2, "omega3_g": 0.013},
    [(1.0, "cup (8 fl oz)", 245.0), (1.0, "container (8 oz)", 227.0), (0.5, "container (4 oz)", 113.0)],
)  # fmt: skip
CHEDDAR = sr_food(
    "01009", "Cheese, cheddar",
    {"protein_g": 24.9, "fiber_g": 0.0, "caffeine_mg": 0.0, "calcium_mg": 721.0, "magnesium_mg": 28.0,
     "sodium_mg": 621.0, "vitamin_d_iu": 24.0, "vitamin_k1_ug": 2.8, "omega3_g": 0.365},
    [(1.0, "cup, diced", 132.0), (1.0, "cup, shredded", 113.0), (1.0, "oz", 28.35), (1.0, "cubic inch", 17.0)],
    # Hard cheese K2 (Schurgers & Vermeer 2000 in k2_menaquinones.csv, row 2).
    k2=K2Estimate(76.3, "Schurgers & Vermeer 2000", "unverified", 2, "Hard cheeses (Dutch; mean of types)"),
)  # fmt: skip
NATTO = sr_food(
    "16113", "Natto",
    {"protein_g": 17.72, "fiber_g": 5.4, "caffeine_mg": 0.0, "calcium_mg": 217.0, "magnesium_mg": 115.0,
     "sodium_mg": 7.0, "vitamin_d_iu": 0.0, "vitamin_k1_ug": 23.1, "omega3_g": 0.734},
    [(1.0, "cup", 175.0)],
    k2=K2Estimate(939.0, "Kamao et al. 2007", "verified (abstract)", 23, "Natto (fermented soybeans)"),
)  # fmt: skip
SALMON = sr_food(
    "15076", "Fish, salmon, Atlantic, wild, raw",
    {"protein_g": 19.84, "fiber_g": 0.0, "calcium_mg": 12.0, "magnesium_mg": 29.0, "sodium_mg": 44.0,
     "omega3_g": 2.018},
    [(0.5, "fillet", 198.0), (3.0, "oz", 85.0)],
)  # fmt: skip
ALMONDS = sr_food(
    "12061", "Nuts, almonds",
    {"protein_g": 21.22, "fiber_g": 12.2, "caffeine_mg": 0.0, "calcium_mg": 264.0, "magnesium_mg": 268.0,
     "sodium_mg": 1.0, "vitamin_d_iu": 0.0, "vitamin_k1_ug": 0.0, "omega3_g": 0.006},
    [(1.0, "cup, whole", 143.0), (1.0, "oz (23 whole kernels)", 28.35)],
)  # fmt: skip
KALE = sr_food(
    "11233", "Kale, raw",
    {"protein_g": 3.3, "fiber_g": 2.0, "calcium_mg": 135.0, "magnesium_mg": 34.0, "sodium_mg": 43.0,
     "vitamin_d_iu": 0.0, "vitamin_k1_ug": 817.0, "omega3_g": 0.18},
    [(1.0, "cup, chopped", 67.0)],
)  # fmt: skip
CHICKEN = sr_food(
    "05064", "Chicken, broilers or fryers, breast, meat only, cooked, roasted",
    {"protein_g": 31.02, "fiber_g": 0.0, "caffeine_mg": 0.0, "calcium_mg": 15.0, "magnesium_mg": 29.0,
     "sodium_mg": 74.0, "vitamin_d_iu": 5.0, "vitamin_k1_ug": 0.3, "omega3_g": 0.07},
    [(1.0, "cup, chopped or diced", 140.0), (0.5, "breast, bone and skin removed", 86.0)],
)  # fmt: skip
EGG = sr_food(
    "01123", "Egg, whole, raw, fresh",
    {"protein_g": 12.56, "fiber_g": 0.0, "caffeine_mg": 0.0, "calcium_mg": 56.0, "magnesium_mg": 12.0,
     "sodium_mg": 142.0, "vitamin_d_iu": 82.0, "vitamin_k1_ug": 0.3, "omega3_g": 0.102},
    [(1.0, "large", 50.0), (1.0, "medium", 44.0)],
)  # fmt: skip
COFFEE = sr_food(
    "14209", "Coffee, brewed from grounds, prepared with tap water",
    {"protein_g": 0.12, "fiber_g": 0.0, "caffeine_mg": 40.0, "calcium_mg": 2.0, "magnesium_mg": 3.0,
     "sodium_mg": 2.0, "vitamin_d_iu": 0.0, "vitamin_k1_ug": 0.1, "omega3_g": 0.0},
    [(1.0, "cup (8 fl oz)", 237.0), (6.0, "fl oz", 178.0)],
)  # fmt: skip

CALCIUM_CARBONATE_600 = supplement("sup-ca-carb-600", "Calcium carbonate 600 mg", {"calcium_mg": 600})
CALCIUM_CITRATE_250 = supplement("sup-ca-cit-250", "Calcium citrate 250 mg", {"calcium_mg": 250})
VITAMIN_D3_1000 = supplement("sup-d3-1000", "Vitamin D3 1,000 IU", {"vitamin_d_iu": 1000}, "softgel")
K2_MK7_180 = supplement("sup-k2-180", "Vitamin K2 MK-7 180 µg", {"vitamin_k2_ug": 180}, "capsule")
MAGNESIUM_250 = supplement("sup-mg-250", "Magnesium 250 mg", {"magnesium_mg": 250})

ALL_FOODS = (
    MILK, YOGURT, CHEDDAR, NATTO, SALMON, ALMONDS, KALE, CHICKEN, EGG, COFFEE,
    CALCIUM_CARBONATE_600, CALCIUM_CITRATE_250, VITAMIN_D3_1000, K2_MK7_180, MAGNESIUM_250,
)  # fmt: skip
