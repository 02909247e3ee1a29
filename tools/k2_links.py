"""Vitamin K2 per food: literature rows and USDA's measured menaquinone-4, one value chosen.

Candidates for a food come from two places:

- ``k2_food_map.csv``: a literature row of ``k2_menaquinones.csv`` linked by hand to a
  food, with the reason (and a factor such as 0.34 for the yolk share of a whole egg);
- USDA FoodData Central's measured "Vitamin K2 MK-4" (SR Legacy and Foundation Foods),
  linked to the SR24 food of the same name, or by hand in ``k2_fdc_map.csv``.

The chosen value: one that covers all the menaquinones its source measured (a reported
total) beats one that covers only some forms (a lower bound); then a sample from the
food's own country (USDA foods: the US first, then the Netherlands, then the rest);
then the better evidence; then the newer USDA table and the lower row. The others are
named in the food's K2 note.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from bonewise.store.foodbuild import K2Link

FDC_EVIDENCE = "measured (USDA FoodData Central)"
# Which evidence is better, best first (see K2_SOURCES.md).
EVIDENCE_RANK = {
    FDC_EVIDENCE: 0,
    "verified (abstract)": 0,
    "verified (secondary)": 1,
    "derived from secondary": 2,
    "unverified": 3,
}
MK_FORMS = ("mk4", "mk5", "mk6", "mk7", "mk8", "mk9", "mk10")
FDC_SOURCE = {
    "foundation_food": "USDA FoodData Central, Foundation Foods (nutrient 1183, menaquinone-4)",
    "sr_legacy_food": "USDA FoodData Central, SR Legacy (nutrient 1183, menaquinone-4)",
}
FDC_ORDER = {"foundation_food": 0, "sr_legacy_food": 1}  # the newer analyses first


class K2Error(Exception):
    """A K2 input does not fit; the message says which line."""


@dataclass(frozen=True)
class Candidate:
    """One K2 value proposed for one food."""

    value: float  # µg per 100 g, factor applied
    complete: bool
    coverage_note: str
    country: str
    evidence: str
    source: str
    description: str
    row_id: int  # k2_menaquinones.csv row; 0 for USDA data
    reason: str
    factor: float
    order: int  # tie-break: USDA table age, then row id


def k2_value(row: Mapping[str, str]) -> tuple[float, bool, str] | None:
    """Menaquinones of one literature row: (value, covers all forms, note).

    Rows whose only number includes K1 (total vitamin K) or is a range give no K2
    value: counting them would count phylloquinone as K2.
    """
    total = row.get("total_mk_ug_per_100g", "").strip()
    if total:
        return float(total), True, ""
    forms = [(f, row.get(f"{f}_ug_per_100g", "").strip()) for f in MK_FORMS]
    given = [(f, float(v)) for f, v in forms if v]
    if not given:
        return None
    names = ", ".join(f"MK-{f[2:]}" for f, _ in given)
    value = round(sum(v for _, v in given), 4)
    if len(given) == 1:
        return value, False, f"Only {names} was reported, so the value is a lower bound."
    return value, False, f"Sum of {names}; other menaquinones were not reported, so the value is a lower bound."


def country_rank(country: str) -> int:
    """USDA foods are US foods: a US sample first, then Dutch (the largest European
    menaquinone data), then any other country, then an unstated one."""
    if country.startswith("USA"):
        return 0
    if country.startswith("Netherlands"):
        return 1
    return 2 if country.strip() else 3


def choose(candidates: Sequence[Candidate]) -> int:
    """Index of the winning candidate (see the module docstring for the order)."""
    return min(
        range(len(candidates)),
        key=lambda i: (
            not candidates[i].complete,
            country_rank(candidates[i].country),
            EVIDENCE_RANK[candidates[i].evidence],
            candidates[i].order,
        ),
    )


def literature_candidates(
    source_rows: Sequence[Mapping[str, str]],
    mapping_rows: Sequence[Mapping[str, str]],
    resolve: Callable[[str], str | None],
) -> dict[str, list[Candidate]]:
    """Candidates from ``k2_food_map.csv``; ``resolve`` turns its food column into a food id."""
    by_row = {int(r["row_id"]): r for r in source_rows}
    per_food: dict[str, list[Candidate]] = {}
    for line, m in enumerate(mapping_rows, start=2):
        row_id, reference = int(m["row_id"]), m["food_id"].strip()
        if row_id not in by_row:
            raise K2Error(f"k2_food_map.csv line {line}: no K2 row {row_id}")
        food_id = resolve(reference)
        if food_id is None:
            raise K2Error(f"k2_food_map.csv line {line}: no food {reference}")
        row = by_row[row_id]
        if row["verification"] not in EVIDENCE_RANK:
            raise K2Error(f"k2_food_map.csv line {line}: row {row_id} has no value ({row['verification']})")
        found = k2_value(row)
        if found is None:
            raise K2Error(
                f"k2_food_map.csv line {line}: row {row_id} gives no menaquinone value "
                "(only total vitamin K including K1, or a range)"
            )
        factor = _factor(m.get("factor", ""), f"k2_food_map.csv line {line}")
        value, complete, note = found
        if any(c.row_id == row_id for c in per_food.get(food_id, [])):
            raise K2Error(f"k2_food_map.csv line {line}: row {row_id} mapped twice to {food_id}")
        per_food.setdefault(food_id, []).append(
            Candidate(
                value=round(value * factor, 3), complete=complete, coverage_note=note,
                country=row["country_of_sample"], evidence=row["verification"],
                source=row["source_short"], description=row["food_description"], row_id=row_id,
                reason=m["reason"].strip(), factor=factor, order=10 + row_id,
            )
        )
    return per_food


def fdc_candidate(data_type: str, fdc_name: str, mk4: float, reason: str, factor: float = 1.0) -> Candidate:
    return Candidate(
        value=round(mk4 * factor, 3),
        complete=False,
        coverage_note="USDA measured menaquinone-4 only, so the value is a lower bound.",
        country="USA",
        evidence=FDC_EVIDENCE,
        source=FDC_SOURCE[data_type],
        description=fdc_name,
        row_id=0,
        reason=reason,
        factor=factor,
        order=FDC_ORDER[data_type],
    )


def _factor(text: str, where: str) -> float:
    try:
        factor = float(text) if text.strip() else 1.0
    except ValueError:
        raise K2Error(f"{where}: factor {text!r} is not a number") from None
    if not (math.isfinite(factor) and 0 < factor <= 1):
        raise K2Error(f"{where}: factor must be in (0, 1]")
    return factor


def links(per_food: Mapping[str, Sequence[Candidate]]) -> list[K2Link]:
    """Every candidate as a stored link, the chosen one marked, the others named in its note."""
    result = []
    for food_id, candidates in sorted(per_food.items()):
        winner = choose(candidates)
        for i, c in enumerate(candidates):
            country = c.country.replace("?", " (uncertain)").strip()
            notes = [f"Sample: {country or 'not stated'}."]
            if c.factor != 1.0:
                notes.append(f"Derived: {c.factor:g} × the value for “{c.description}”.")
            if c.coverage_note:
                notes.append(c.coverage_note)
            if c.value == 0:
                notes.append("0 means below the detection limit of that analysis.")
            if i == winner:
                others = [
                    f"{o.value:g} ({o.source}, {o.evidence}{'' if o.complete else ', some forms only'})"
                    for j, o in enumerate(candidates) if j != winner
                ]
                if others:
                    notes.append("Other values for this food: " + "; ".join(others) + ".")
            result.append(
                K2Link(
                    food_id=food_id, row_id=c.row_id, ug_per_100g=c.value, source=c.source,
                    evidence=c.evidence, description=c.description, note=" ".join(notes),
                    reason=c.reason, chosen=i == winner, complete=c.complete, country=country,
                )
            )
    return result
