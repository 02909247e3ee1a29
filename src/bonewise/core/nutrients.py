"""Nutrient keys, their units and unit conversions.

Every nutrient key carries its unit in its name (``calcium_mg``), so a number
can never be read in the wrong unit. SR24's "Vitamin K" is phylloquinone and is
stored as ``vitamin_k1_ug``; menaquinones (K2) come from a separate literature
table and live under ``vitamin_k2_ug``. K1 never counts as K2; their sum is a line
of its own, ``vitamin_k_total_ug`` (see ``SUMS``).
"""

from __future__ import annotations

from dataclasses import dataclass

IU_PER_UG_VITAMIN_D = 40.0  # 1 µg cholecalciferol = 40 IU (IOM 2011)
NMOL_PER_NG_25OHD = 2.496  # serum 25(OH)D: ng/mL × 2.496 = nmol/L


@dataclass(frozen=True)
class Nutrient:
    key: str  # e.g. "calcium_mg"
    label: str  # what a person reads: "Calcium"
    unit: str  # "mg", "g", "µg", "IU", "kcal"
    sr_name: str | None  # the name used in SR24's XML, None if not from SR24
    category: str  # "General", "Minerals", "Vitamins", "Lipids", "Amino acids"


# The order is the display order. sr_name maps SR24's XML names to our keys.
NUTRIENTS: tuple[Nutrient, ...] = (
    Nutrient("energy_kcal", "Energy", "kcal", "Energy", "General"),
    Nutrient("protein_g", "Protein", "g", "Protein", "General"),
    Nutrient("carbs_g", "Carbohydrate", "g", "Carbs", "General"),
    Nutrient("fiber_g", "Fiber", "g", "Fiber", "General"),
    Nutrient("starch_g", "Starch", "g", "Starch", "General"),
    Nutrient("sugars_g", "Sugars", "g", "Sugars", "General"),
    Nutrient("fat_g", "Fat", "g", "Fat", "General"),
    Nutrient("alcohol_g", "Alcohol", "g", "Alcohol", "General"),
    Nutrient("caffeine_mg", "Caffeine", "mg", "Caffeine", "General"),
    Nutrient("water_g", "Water", "g", "Water", "General"),
    Nutrient("ash_g", "Ash", "g", "Ash", "General"),
    Nutrient("calcium_mg", "Calcium", "mg", "Calcium", "Minerals"),
    Nutrient("copper_mg", "Copper", "mg", "Copper", "Minerals"),
    Nutrient("fluoride_ug", "Fluoride", "µg", "Fluoride", "Minerals"),
    Nutrient("iron_mg", "Iron", "mg", "Iron", "Minerals"),
    Nutrient("magnesium_mg", "Magnesium", "mg", "Magnesium", "Minerals"),
    Nutrient("manganese_mg", "Manganese", "mg", "Manganese", "Minerals"),
    Nutrient("phosphorus_mg", "Phosphorus", "mg", "Phosphorus", "Minerals"),
    Nutrient("potassium_mg", "Potassium", "mg", "Potassium", "Minerals"),
    Nutrient("selenium_ug", "Selenium", "µg", "Selenium", "Minerals"),
    Nutrient("sodium_mg", "Sodium", "mg", "Sodium", "Minerals"),
    Nutrient("zinc_mg", "Zinc", "mg", "Zinc", "Minerals"),
    Nutrient("vitamin_a_iu", "Vitamin A", "IU", "Vitamin A", "Vitamins"),
    Nutrient("retinol_ug", "Retinol", "µg", "Retinol", "Vitamins"),
    Nutrient("alpha_carotene_ug", "Alpha-carotene", "µg", "Alpha-carotene", "Vitamins"),
    Nutrient("beta_carotene_ug", "Beta-carotene", "µg", "Beta-carotene", "Vitamins"),
    Nutrient("beta_cryptoxanthin_ug", "Beta-cryptoxanthin", "µg", "Beta-cryptoxanthin", "Vitamins"),
    Nutrient("lycopene_ug", "Lycopene", "µg", "Lycopene", "Vitamins"),
    Nutrient("lutein_zeaxanthin_ug", "Lutein + zeaxanthin", "µg", "Lutein+Zeaxanthin", "Vitamins"),
    Nutrient("folate_ug", "Folate", "µg", "Folate", "Vitamins"),
    Nutrient("thiamin_mg", "Thiamin (B1)", "mg", "B1 (Thiamine)", "Vitamins"),
    Nutrient("riboflavin_mg", "Riboflavin (B2)", "mg", "B2 (Riboflavin)", "Vitamins"),
    Nutrient("niacin_mg", "Niacin (B3)", "mg", "B3 (Niacin)", "Vitamins"),
    Nutrient("pantothenic_acid_mg", "Pantothenic acid (B5)", "mg", "B5 (Pantothenic Acid)", "Vitamins"),
    Nutrient("vitamin_b6_mg", "Vitamin B6", "mg", "B6 (Pyridoxine)", "Vitamins"),
    Nutrient("vitamin_b12_ug", "Vitamin B12", "µg", "B12 (Cyanocobalamin)", "Vitamins"),
    Nutrient("vitamin_c_mg", "Vitamin C", "mg", "Vitamin C", "Vitamins"),
    Nutrient("vitamin_d_iu", "Vitamin D", "IU", "Vitamin D", "Vitamins"),
    Nutrient("vitamin_e_mg", "Vitamin E", "mg", "Vitamin E", "Vitamins"),
    Nutrient("beta_tocopherol_mg", "Beta-tocopherol", "mg", "Beta Tocopherol", "Vitamins"),
    Nutrient("delta_tocopherol_mg", "Delta-tocopherol", "mg", "Delta Tocopherol", "Vitamins"),
    Nutrient("gamma_tocopherol_mg", "Gamma-tocopherol", "mg", "Gamma Tocopherol", "Vitamins"),
    Nutrient("vitamin_k1_ug", "Vitamin K1 (phylloquinone)", "µg", "Vitamin K", "Vitamins"),
    Nutrient("vitamin_k2_ug", "Vitamin K2 (menaquinones)", "µg", None, "Vitamins"),
    Nutrient("choline_mg", "Choline", "mg", "Choline", "Vitamins"),
    Nutrient("saturated_fat_g", "Saturated fat", "g", "Saturated", "Lipids"),
    Nutrient("monounsaturated_fat_g", "Monounsaturated fat", "g", "Monounsaturated", "Lipids"),
    Nutrient("polyunsaturated_fat_g", "Polyunsaturated fat", "g", "Polyunsaturated", "Lipids"),
    Nutrient("omega3_g", "Omega-3 fatty acids", "g", "Omega-3", "Lipids"),
    Nutrient("omega6_g", "Omega-6 fatty acids", "g", "Omega-6", "Lipids"),
    Nutrient("trans_fat_g", "Trans fat", "g", "Trans-Fats", "Lipids"),
    Nutrient("cholesterol_mg", "Cholesterol", "mg", "Cholesterol", "Lipids"),
    Nutrient("phytosterol_mg", "Phytosterols", "mg", "Phytosterol", "Lipids"),
    Nutrient("alanine_g", "Alanine", "g", "ALA", "Amino acids"),
    Nutrient("arginine_g", "Arginine", "g", "ARG", "Amino acids"),
    Nutrient("aspartic_acid_g", "Aspartic acid", "g", "ASP", "Amino acids"),
    Nutrient("cystine_g", "Cystine", "g", "CYS", "Amino acids"),
    Nutrient("glutamic_acid_g", "Glutamic acid", "g", "GLU", "Amino acids"),
    Nutrient("glycine_g", "Glycine", "g", "GLY", "Amino acids"),
    Nutrient("histidine_g", "Histidine", "g", "HIS", "Amino acids"),
    Nutrient("hydroxyproline_g", "Hydroxyproline", "g", "HYP", "Amino acids"),
    Nutrient("isoleucine_g", "Isoleucine", "g", "ILE", "Amino acids"),
    Nutrient("leucine_g", "Leucine", "g", "LEU", "Amino acids"),
    Nutrient("lysine_g", "Lysine", "g", "LYS", "Amino acids"),
    Nutrient("methionine_g", "Methionine", "g", "MET", "Amino acids"),
    Nutrient("phenylalanine_g", "Phenylalanine", "g", "PHE", "Amino acids"),
    Nutrient("proline_g", "Proline", "g", "PRO", "Amino acids"),
    Nutrient("serine_g", "Serine", "g", "SER", "Amino acids"),
    Nutrient("threonine_g", "Threonine", "g", "THR", "Amino acids"),
    Nutrient("tryptophan_g", "Tryptophan", "g", "TRP", "Amino acids"),
    Nutrient("tyrosine_g", "Tyrosine", "g", "TYR", "Amino acids"),
    Nutrient("valine_g", "Valine", "g", "VAL", "Amino acids"),
)

BY_KEY: dict[str, Nutrient] = {n.key: n for n in NUTRIENTS}
BY_SR_NAME: dict[str, Nutrient] = {n.sr_name: n for n in NUTRIENTS if n.sr_name}
KEYS: tuple[str, ...] = tuple(n.key for n in NUTRIENTS)

# Sums that the totals work out from stored nutrients. A food never stores one, so
# they are not in NUTRIENTS (food pages, custom foods and bundles list stored ones);
# an item lacking any part is unknown for the sum, and its known parts still count
# toward the lower bound.
VITAMIN_K_TOTAL = "vitamin_k_total_ug"
SUMS: dict[str, tuple[str, ...]] = {VITAMIN_K_TOTAL: ("vitamin_k1_ug", "vitamin_k2_ug")}
SUM_NUTRIENTS: dict[str, Nutrient] = {
    VITAMIN_K_TOTAL: Nutrient(VITAMIN_K_TOTAL, "Vitamin K, total (K1 + K2)", "µg", None, "Vitamins"),
}

# The five nutrients Bonewise plans for, in display order.
TARGET_KEYS: tuple[str, ...] = (
    "calcium_mg",
    "vitamin_d_iu",
    "vitamin_k2_ug",
    "magnesium_mg",
    "protein_g",
)
# Tracked beside them in a compact row. A new line here (with its default target in
# core/targets.py) shows up in the window, the command line and the PDF.
SUPPORTING_KEYS: tuple[str, ...] = (
    "fiber_g",
    "omega3_g",
    "energy_kcal",
    "sodium_mg",
    "caffeine_mg",
    VITAMIN_K_TOTAL,
)


def vitamin_d_ug(iu: float) -> float:
    """Vitamin D in micrograms from international units (1 µg = 40 IU)."""
    return iu / IU_PER_UG_VITAMIN_D


def nutrient(key: str) -> Nutrient:
    """The stored nutrient or sum called ``key``; KeyError for anything else."""
    found = BY_KEY.get(key) or SUM_NUTRIENTS.get(key)
    if found is None:
        raise KeyError(key)
    return found


def unit_of(key: str) -> str:
    return nutrient(key).unit


def label_of(key: str) -> str:
    return nutrient(key).label
