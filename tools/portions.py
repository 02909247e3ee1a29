"""Household measures, density and the usual serving of every food, from two reviewed tables.

``resources/measures.csv`` adds household measures to foods that lack them (FNDDS
foods come without any): a measure with its grams, or every measure of an SR24 food
named in ``from`` (the same food as USDA measured it). Every matching row adds its
measures after the food's own; a name the food already has is not added again. Rows
for a WWEIA category apply to FoodData Central foods only; rows for an SR group (a
handful of nuts) apply to SR24 foods too.

``resources/servings.csv`` gives each food its usual serving: the FDA reference
amount customarily consumed (RACC, 21 CFR 101.12) for its kind of food, a factor for
lunch and dinner (main protein foods: 1.5 servings), the measure a bare count refers
to ("2 eggs" = 2 × large), and a density for foods that have no volume measure of
their own. The first matching row wins.

A row matches a food by ``scope`` (``category:<WWEIA category>``, ``group:<SR group
code>``) and by ``pattern``, a regular expression searched in the food's name as
lower-case words separated by single spaces ("cheese cottage lowfat 2 milkfat").
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from bonewise.core.foods import Measure, Serving
from bonewise.core.units import ML_PER_UNIT, measure_head
from bonewise.store.foodtext import stem, tokens

DENSITY_RANGE = (0.2, 2.0)  # g/mL; outside it a "volume" measure is not one


class PortionError(Exception):
    """A reviewed table does not fit the foods; the message says which line."""


def name_text(name: str) -> str:
    """The text patterns are searched in: "Cheese, cottage, 2%" -> "cheese cottage 2"."""
    return " ".join(tokens(name))


def same_food_key(name: str) -> str:
    """Names that differ only in case, punctuation or plurals name the same food:
    "Rutabaga, raw" and "Rutabagas, raw" give the same key."""
    return " ".join(stem(w) for w in tokens(name))


@dataclass(frozen=True)
class Rule:
    line: int
    kind: str  # "category", "group"
    value: str
    pattern: re.Pattern[str] | None

    def matches(self, category: str, group_code: str, text: str) -> bool:
        if self.kind == "category" and self.value != category:
            return False
        if self.kind == "group" and self.value != group_code:
            return False
        return self.pattern is None or self.pattern.search(text) is not None


def _rule(line: int, scope: str, pattern: str, table: str, categories: set[str], groups: set[str]) -> Rule:
    kind, _, value = scope.partition(":")
    if kind == "category" and value not in categories:
        raise PortionError(f"{table} line {line}: no WWEIA category {value!r}")
    if kind == "group" and value not in groups:
        raise PortionError(f"{table} line {line}: no food group {value!r}")
    if kind not in ("category", "group"):
        raise PortionError(f"{table} line {line}: scope must be category:… or group:…, not {scope!r}")
    try:
        compiled = re.compile(pattern) if pattern.strip() else None
    except re.error as exc:
        raise PortionError(f"{table} line {line}: pattern {pattern!r}: {exc}") from exc
    return Rule(line, kind, value, compiled)


@dataclass(frozen=True)
class MeasureRule:
    rule: Rule
    measure: Measure | None
    from_food: str | None


@dataclass(frozen=True)
class ServingRule:
    rule: Rule
    amount: float | None  # None: the food gets no serving (supplements)
    unit: str  # "g", "ml", a volume unit ("cup", "tbsp", "tsp") or "each"
    fallback_g: float | None  # for a food without that measure or a density
    main_meal: float
    natural_units: tuple[str, ...]
    density: float | None
    basis: str


def _read(path: Path) -> list[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(enumerate(csv.DictReader(handle), start=2))


def read_measure_rules(path: Path, categories: set[str], groups: set[str], sr_ids: set[str]) -> list[MeasureRule]:
    rules = []
    for line, r in _read(path):
        rule = _rule(line, r["scope"], r["pattern"], path.name, categories, groups)
        source = r["from"].strip() or None
        if source is not None:
            if source not in sr_ids:
                raise PortionError(f"{path.name} line {line}: no SR24 food {source}")
            rules.append(MeasureRule(rule, None, source))
            continue
        try:
            grams = float(r["grams"])
        except ValueError:
            raise PortionError(f"{path.name} line {line}: grams must be a number") from None
        if not (0 < grams <= 5000 and r["measure"].strip()):
            raise PortionError(f"{path.name} line {line}: needs a measure name and grams in (0, 5000]")
        counted = re.fullmatch(r"(\d+(?:\.\d+)?) (.+)", r["measure"].strip())  # "3 oz" = 3 × oz
        name, amount = (counted[2], float(counted[1])) if counted else (r["measure"].strip(), 1.0)
        rules.append(MeasureRule(rule, Measure(name, grams, amount), None))
    return rules


def read_serving_rules(path: Path, categories: set[str], groups: set[str]) -> list[ServingRule]:
    rules = []
    for line, r in _read(path):
        rule = _rule(line, r["scope"], r["pattern"], path.name, categories, groups)
        if not r["racc"].strip():
            rules.append(ServingRule(rule, None, "", None, 1.0, (), None, ""))
            continue
        amount = float(Fraction(r["racc"].strip()))
        unit = r["unit"].strip()
        if unit not in ("g", "ml", "each", *ML_PER_UNIT) or amount <= 0:
            raise PortionError(f"{path.name} line {line}: racc {r['racc']!r} {unit!r} is not an amount")
        main_meal = float(r["main_meal"] or 1)
        density = float(r["density_g_ml"]) if r["density_g_ml"].strip() else None
        if density is not None and not DENSITY_RANGE[0] <= density <= DENSITY_RANGE[1]:
            raise PortionError(f"{path.name} line {line}: density {density} g/mL is not plausible")
        if not (1 <= main_meal <= 2 and r["basis"].strip()):
            raise PortionError(f"{path.name} line {line}: needs main_meal in [1, 2] and a basis")
        units = tuple(u.strip() for u in r["natural_unit"].split("|") if u.strip())
        fallback = float(r["fallback_g"]) if r["fallback_g"].strip() else None
        if unit in ("g", "ml") and fallback is not None:
            raise PortionError(f"{path.name} line {line}: a fallback is for household units only")
        rules.append(ServingRule(rule, amount, unit, fallback, main_meal, units, density, r["basis"].strip()))
    return rules


# ---------------------------------------------------------------------------- per food


def measures_for(
    own: Sequence[Measure],
    category: str,
    group_code: str,
    text: str,
    rules: Iterable[MeasureRule],
    sr_measures: Callable[[str], Sequence[Measure]],
) -> tuple[Measure, ...]:
    """The food's own measures, then those the reviewed rows add: every measure of a named
    SR24 food, and a single measure only where the food has none of that kind yet (a cup
    from a row for all cooked greens does not join the "cup, chopped" of cooked kale)."""
    result = list(own)
    seen = {m.name.casefold() for m in result}
    for r in rules:
        if not r.rule.matches(category, group_code, text):
            continue
        if r.measure is not None and measure_head(r.measure.name) in {measure_head(m.name) for m in result}:
            continue
        for m in [r.measure] if r.measure is not None else sr_measures(r.from_food or ""):
            if m.name.casefold() not in seen:
                seen.add(m.name.casefold())
                result.append(m)
    return tuple(result)


def volume_ml(measure: Measure) -> float | None:
    """The volume of one unit of a plain volume measure ("cup", "fl oz", "cup (8 fl oz)"),
    None for anything else ("cup, chopped" is a cup of pieces, not of the food's own density)."""
    name = measure.name.casefold().strip()
    plain = re.fullmatch(r"([a-z ]+?)(?: \((?:\d+ )?(?:fl oz|ml)[^)]*\))?", name)
    if plain is None:
        return None
    unit = plain.group(1).strip()
    return ML_PER_UNIT.get(unit)


def own_density(measures: Sequence[Measure]) -> tuple[float, str] | None:
    """g/mL from the food's own plain volume measures (the larger volume first, it is
    the more precise), with the measure it came from."""
    found = []
    for m in measures:
        ml = volume_ml(m)
        if ml is not None:
            density = m.grams_per_unit / ml
            if DENSITY_RANGE[0] <= density <= DENSITY_RANGE[1]:
                found.append((ml, density, m))
    if not found:
        return None
    ml, density, m = max(found, key=lambda item: item[0])
    return round(density, 4), f"{m.label} = {m.grams:g} g"


def volume_measures(density: float, measures: Sequence[Measure]) -> tuple[Measure, ...]:
    """A cup and a fluid ounce from the density, for a food without any volume measure."""
    if any(measure_head(m.name) in ML_PER_UNIT for m in measures):
        return ()
    return (
        Measure("cup (8 fl oz)", round(ML_PER_UNIT["cup"] * density, 1)),
        Measure("fl oz", round(ML_PER_UNIT["fl oz"] * density, 2)),
    )


def first_serving_rule(rules: Iterable[ServingRule], category: str, group_code: str, text: str) -> ServingRule | None:
    return next((r for r in rules if r.rule.matches(category, group_code, text)), None)


def natural_unit(measures: Sequence[Measure], preferred: Sequence[str], head_words: Sequence[str]) -> str | None:
    """The measure a bare count refers to: one named after the food itself ("1 prune",
    "potato, medium" before "potato, large"), else the first preferred one ("large" for
    eggs; a medium one or a whole fruit when the table names none), else None."""
    stems = {stem(w) for w in head_words}
    named = [m for m in measures if stem(measure_head(m.name)) in stems]
    if named:
        return next((m.name for m in named if "medium" in m.name.casefold()), named[0].name)
    for word in preferred or ("medium", "fruit", "whole", "each", "piece", "biscuit", "bar", "cookie", "slice"):
        for m in measures:
            if measure_head(m.name) == word or stem(measure_head(m.name)) == stem(word):
                return m.name
    return None


def serving_for(
    rule: ServingRule,
    measures: Sequence[Measure],
    density: float | None,
    unit_name: str | None,
    describe: str,
) -> Serving | None:
    """The usual serving in grams under ``rule``; PortionError when the food lacks what it needs."""
    if rule.amount is None:
        return None
    if rule.unit == "g":
        grams = rule.amount
    elif rule.unit == "ml":
        if density is None:
            raise PortionError(f"servings.csv line {rule.rule.line}: {describe} has no density for mL")
        grams = rule.amount * density
    elif rule.unit == "each":
        unit = next((m for m in measures if m.name == unit_name), None)
        if unit is not None:
            grams = unit.grams_per_unit * rule.amount
        elif rule.fallback_g is not None:
            grams = rule.fallback_g
        else:
            raise PortionError(f"servings.csv line {rule.rule.line}: {describe} has no {'/'.join(rule.natural_units)} measure")
    else:
        own = next((m for m in measures if measure_head(m.name) == measure_head(rule.unit)), None)
        if own is not None:
            grams = own.grams_per_unit * rule.amount
        elif density is not None:
            grams = ML_PER_UNIT[rule.unit] * rule.amount * density
        elif rule.fallback_g is not None:
            grams = rule.fallback_g
        else:
            raise PortionError(
                f"servings.csv line {rule.rule.line}: {describe} has no {rule.unit} measure and no density"
            )
    grams = round(grams, 1)
    main = grams if rule.main_meal == 1 else 5 * round(grams * rule.main_meal / 5)
    return Serving(grams, float(main), rule.basis)


def density_for(
    measures: Sequence[Measure], rule: ServingRule | None
) -> tuple[float | None, str]:
    """The food's density and where it came from: its own volume measures, else the reviewed rule."""
    own = own_density(measures)
    if own is not None:
        return own[0], f"from its measure {own[1]}"
    if rule is not None and rule.density is not None:
        return rule.density, f"servings.csv line {rule.rule.line}"
    return None, ""

