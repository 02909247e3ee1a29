"""Writing a plan bundle: a person's weeks with the recipes and custom foods they use."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from bonewise import APP_NAME, __version__
from bonewise.core.foods import Food
from bonewise.core.plan import Entry, IsoWeek, Person, Recipe
from bonewise.core.record import RecordEntry
from bonewise.errors import BonewiseError
from bonewise.store.bundles.foods import BundleFoods, default_foods
from bonewise.store.bundles.schema import FORMAT, MAX_WEEKS, VERSION, is_custom_id
from bonewise.store.repository import Repository
from bonewise.store.userfiles import write_user_file

BUNDLE_SUFFIX = ".json"  # the only kind of file a bundle export may leave in a data folder


def export_bundle(
    repo: Repository, person_id: int, weeks: Iterable[IsoWeek], *, foods: BundleFoods | None = None
) -> dict[str, Any]:
    """The person's ``weeks`` with the recipes and custom foods they use, as a JSON-ready dict.

    Raises BonewiseError if a planned custom food or recipe no longer exists (the
    bundle would not be complete).
    """
    person = repo.person(person_id)
    foods = foods if foods is not None else default_foods(repo)
    weeks = sorted(set(weeks), key=lambda w: (w.year, w.week))
    if len(weeks) > MAX_WEEKS:
        raise BonewiseError(f"A bundle holds at most {MAX_WEEKS} weeks, not {len(weeks)}.")
    slot_order = [s.id for s in person.slots]
    all_recipes = repo.recipes()
    used_recipes: dict[str, Recipe] = {}
    food_ids: set[str] = set()

    def note_entries(entries: Iterable[Entry]) -> None:
        for entry in entries:
            if entry.recipe_id is None:
                food_ids.add(entry.food_id)  # type: ignore[arg-type]
            elif entry.recipe_id not in used_recipes:
                recipe = all_recipes.get(entry.recipe_id)
                if recipe is None:
                    raise BonewiseError(f"The plan uses a recipe that no longer exists ({entry.recipe_id}).")
                used_recipes[recipe.id] = recipe
                note_entries(recipe.entries)

    out_weeks = []
    for week in weeks:
        plan = repo.week(person_id, week)
        days = []
        for day in plan.days:
            meals = {}
            for slot_id in slot_order + sorted(set(day.meals) - set(slot_order)):
                entries = day.entries(slot_id)
                if entries:
                    note_entries(entries)
                    meals[slot_id] = [_entry_json(e) for e in entries]
            days.append({"date": day.date.isoformat(), "note": day.note, "meals": meals})
        out_weeks.append({"week": str(week), "days": days})

    custom = []
    for food_id in sorted(f for f in food_ids if is_custom_id(f)):
        food = foods.get(food_id)
        if food is None:
            raise BonewiseError(f"The plan uses a custom food that no longer exists ({food_id}).")
        custom.append(_food_json(food))

    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "generator": f"{APP_NAME} {__version__}",
        "person": person_json(person),
        "weeks": out_weeks,
        "recipes": [
            {"id": r.id, "name": r.name, "portions": r.portions,
             "entries": [_entry_json(e) for e in r.entries]}
            for r in used_recipes.values()
        ],
        "custom_foods": custom,
        "record": [record_entry_json(e) for e in repo.record(person_id).entries],
    }


def write_bundle(bundle: Mapping[str, Any], path: Path, *, data_dir: Path | None) -> Path:
    """Write ``bundle`` to ``path`` as UTF-8 JSON through the guarded writer; returns the path."""
    text = json.dumps(bundle, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
    return write_user_file(text.encode("utf-8"), path, data_dir=data_dir, suffix=BUNDLE_SUFFIX)


def _entry_json(entry: Entry) -> dict[str, Any]:
    if entry.recipe_id is not None:
        return {"recipe_id": entry.recipe_id, "portions": entry.count}
    out: dict[str, Any] = {"food_id": entry.food_id, "grams": entry.grams}
    if entry.measure is not None:
        out["measure"] = entry.measure
    if entry.count is not None:
        out["count"] = entry.count
    return out


def person_json(person: Person) -> dict[str, Any]:
    """A person as the bundle format writes them (also what `person list --json` prints)."""
    return {
        "name": person.name,
        "weight_kg": person.weight_kg,
        "birth_year": person.birth_year,
        "t_score": person.t_score,
        "vitamin_d_lab_ng_ml": person.vitamin_d_lab_ng_ml,
        "vitamin_d_lab_date": (
            None if person.vitamin_d_lab_date is None else person.vitamin_d_lab_date.isoformat()
        ),
        "on_warfarin": person.on_warfarin,
        "soy": person.soy.value,
        "diet": person.diet.value,
        "allergies": sorted(a.value for a in person.allergies),
        "dislikes": sorted(person.dislikes),
        "eats_natto": person.eats_natto,
        "vitamin_k_usual_ug": person.vitamin_k_usual_ug,
        "slots": [{"id": s.id, "name": s.name, "main_meal": s.main_meal} for s in person.slots],
        "target_overrides": {k: list(v) for k, v in person.target_overrides.items()},
    }


def record_entry_json(entry: RecordEntry) -> dict[str, Any]:
    """A health-record entry as bundles and `person record --json` write it (no data: key left out)."""
    out: dict[str, Any] = {"id": entry.id, "kind": entry.kind.value, "date": entry.date.isoformat()}
    if entry.item:
        out["item"] = entry.item
    for key in ("value", "value2"):
        if getattr(entry, key) is not None:
            out[key] = getattr(entry, key)
    if entry.interval is not None:
        out["interval"] = str(entry.interval)
    return out


def _food_json(food: Food) -> dict[str, Any]:
    return {
        "id": food.id,
        "name": food.name,
        "kind": food.kind.value,
        "nutrients": dict(food.nutrients),
        "measures": [{"name": m.name, "grams": m.grams, "amount": m.amount} for m in food.measures],
    }

