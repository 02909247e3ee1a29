"""``bonewise person …``: add, list, change and remove the people you plan for."""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from bonewise.cli._userargs import (
    editing_folder,
    open_repository,
    parse_date,
    parse_number,
    parse_optional_number,
    print_json,
    print_table,
)
from bonewise.cli.pantry import register_pantry
from bonewise.cli.record import register_record
from bonewise.core.diet import combine_diets, profile_text
from bonewise.core.plan import Allergen, Diet, Person, SoyPreference
from bonewise.core.targets import check_birth_year, reset_targets, t_score_category, with_override
from bonewise.core.totals import format_number
from bonewise.errors import BonewiseError
from bonewise.paths import data_dir
from bonewise.store.bundles import person_json
from bonewise.store.foodstore import FoodStore


def register(subparsers: Any) -> None:
    person = subparsers.add_parser("person", help="add, list, change or remove people",
                                   description="The people you plan meals for.")
    verbs = person.add_subparsers(dest="person_command", metavar="ACTION")

    add = verbs.add_parser("add", help="add a person", description="Add a person to plan for.")
    add.add_argument("name", metavar="NAME", help="any name; unique, ignoring upper/lower case")
    add.add_argument("--weight-kg", metavar="KG", help="body weight, for the protein target")
    add.add_argument("--birth-year", metavar="YYYY",
                     help="year of birth, for limits that depend on age (calcium)")
    add.set_defaults(handler=add_person)

    show = verbs.add_parser("list", help="list everyone", description="List the people in the store.")
    show.add_argument("--json", action="store_true", help="print JSON instead of a table")
    show.set_defaults(handler=list_people)

    change = verbs.add_parser(
        "set", help="change a person's details",
        description="Change a person's details. Give \"none\" to clear a number or date.",
    )
    change.add_argument("name", metavar="NAME")
    change.add_argument("--name", dest="new_name", metavar="NEW", help="rename")
    change.add_argument("--weight-kg", metavar="KG")
    change.add_argument("--birth-year", metavar="YYYY",
                        help="year of birth: the calcium upper limit is 2,500 mg at 19-50, 2,000 mg from 51")
    change.add_argument("--t-score", metavar="T", help="bone density T-score, e.g. -1.8")
    change.add_argument("--vitamin-d", metavar="NG_ML", help="latest 25(OH)D blood level in ng/mL")
    change.add_argument("--vitamin-d-date", metavar="YYYY-MM-DD", help="date of that blood test")
    change.add_argument("--warfarin", action=argparse.BooleanOptionalAction,
                        help="takes warfarin (turns on the vitamin K checks)")
    change.add_argument("--soy", choices=[s.value for s in SoyPreference])
    change.add_argument("--diet", choices=[d.value for d in Diet], action="append",
                        help="a diet the planner and suggestions keep to; repeat to combine "
                             "(--diet pescatarian --diet lactose-free)")
    change.add_argument("--allergy", action="append", metavar="ALLERGEN", type=_allergen,
                        help=f"add an allergy ({', '.join(a.value for a in Allergen)}); repeat for more")
    change.add_argument("--no-allergy", action="append", metavar="ALLERGEN", type=_allergen_or_all,
                        help="remove an allergy (\"all\" for every one)")
    change.add_argument("--dislike", action="append", metavar="FOOD_ID",
                        help="a food never to plan or suggest, by id (bonewise foods search NAME); "
                             "repeat for more")
    change.add_argument("--no-dislike", action="append", metavar="FOOD_ID",
                        help="plan a food again (\"all\" for every one)")
    change.add_argument("--natto", action=argparse.BooleanOptionalAction,
                        help="eats natto (never planned on warfarin)")
    change.add_argument("--vitamin-k-usual", metavar="UG",
                        help="on warfarin: usual vitamin K (K1 + K2) a day in µg, as agreed with the care "
                             "team (\"none\" for the app default, 90 µg)")
    # The flags of earlier versions, still accepted: --vegetarian is --diet vegetarian and
    # --dairy-free a milk allergy (both leave out the same foods).
    change.add_argument("--vegetarian", action=argparse.BooleanOptionalAction, help=argparse.SUPPRESS)
    change.add_argument("--dairy-free", action=argparse.BooleanOptionalAction, help=argparse.SUPPRESS)
    change.add_argument(
        "--target", nargs=3, action="append", metavar=("KEY", "LOW", "HIGH"),
        help="a personal target band, e.g. --target calcium_mg 1000 1300 (\"none\" for no bound; "
             "protein_g in g per kg)",
    )
    change.add_argument("--reset-targets", action="store_true", help="back to the default targets")
    change.set_defaults(handler=set_person)

    remove = verbs.add_parser("remove", help="remove a person and all their plans")
    remove.add_argument("name", metavar="NAME")
    remove.add_argument("--yes", action="store_true", help="confirm: their plans are deleted too")
    remove.set_defaults(handler=remove_person)

    register_pantry(verbs)
    register_record(verbs)


def add_person(args: argparse.Namespace) -> int:
    weight = None if args.weight_kg is None else parse_number(args.weight_kg, "--weight-kg", example="62.5")
    born = None if args.birth_year is None else _birth_year(args.birth_year)
    with editing_folder(args), open_repository(args) as repo:
        person = repo.save_person(Person(args.name, weight_kg=weight, birth_year=born))
    print(f"Added {person.name}.")
    return 0


def list_people(args: argparse.Namespace) -> int:
    with open_repository(args) as repo:
        people = repo.people()
    if args.json:
        print_json([{"id": p.id, **person_json(p)} for p in people])
        return 0
    if not people:
        print("No one yet. Add someone with: bonewise person add NAME")
        return 0
    rows = [
        [p.name, _or_dash(p.weight_kg, " kg"), "–" if p.birth_year is None else str(p.birth_year),
         _t_score_text(p.t_score), _lab_text(p), _flags(p)]
        for p in people
    ]  # fmt: skip
    print_table(["Name", "Weight", "Born", "T-score", "Vitamin D (blood)", "Notes"], rows, right={1, 2})
    return 0


def set_person(args: argparse.Namespace) -> int:
    with editing_folder(args), open_repository(args) as repo:
        person = repo.person_by_name(args.name)
        changes: dict[str, Any] = {}
        if args.new_name is not None:
            changes["name"] = args.new_name
        if args.weight_kg is not None:
            changes["weight_kg"] = parse_optional_number(args.weight_kg, "--weight-kg", example="62.5")
        if args.birth_year is not None:
            changes["birth_year"] = _birth_year(args.birth_year)
        if args.t_score is not None:
            changes["t_score"] = parse_optional_number(args.t_score, "--t-score", example="-1.8")
        if args.vitamin_d is not None:
            changes["vitamin_d_lab_ng_ml"] = parse_optional_number(args.vitamin_d, "--vitamin-d", example="32")
        if args.vitamin_d_date is not None:
            text = args.vitamin_d_date.strip()
            changes["vitamin_d_lab_date"] = (
                None if text.casefold() in ("none", "-", "") else parse_date(text, "--vitamin-d-date")
            )
        if args.warfarin is not None:
            changes["on_warfarin"] = args.warfarin
        if args.soy is not None:
            changes["soy"] = SoyPreference(args.soy)
        if args.natto is not None:
            changes["eats_natto"] = args.natto
        if args.vitamin_k_usual is not None:
            changes["vitamin_k_usual_ug"] = parse_optional_number(
                args.vitamin_k_usual, "--vitamin-k-usual", example="120")
        changes.update(_diet_changes(args, person))
        if args.dislike:
            changes["dislikes"] = person.dislikes | _known_foods(args, args.dislike)
        if args.no_dislike:
            gone = {food_id.strip() for food_id in args.no_dislike}
            kept = changes.get("dislikes", person.dislikes)
            changes["dislikes"] = frozenset() if "all" in gone else frozenset(kept - gone)
        updated = dataclasses.replace(person, **changes)
        if args.reset_targets:
            updated = reset_targets(updated)
        for key, low, high in args.target or ():
            updated = with_override(
                updated, key,
                parse_optional_number(low, f"--target {key} LOW", example="1000"),
                parse_optional_number(high, f"--target {key} HIGH", example="1300"),
            )
        if updated == person:
            raise BonewiseError("Nothing to change: give at least one option, e.g. --weight-kg 62.")
        saved = repo.save_person(updated)
    print(f"Updated {saved.name}.")
    return 0


def _birth_year(text: str) -> int | None:
    """--birth-year: a year such as 1961, or "none" to clear it."""
    year = parse_optional_number(text, "--birth-year", example="1961")
    try:
        return None if year is None else check_birth_year(year)
    except BonewiseError as exc:
        raise BonewiseError(f"--birth-year: {exc}") from None


def _allergen(text: str) -> Allergen:
    try:
        return Allergen(text.strip().casefold().replace(" ", "-"))
    except ValueError:
        choices = ", ".join(a.value for a in Allergen)
        raise argparse.ArgumentTypeError(f"not an allergen: {text!r} (choose from {choices})") from None


def _allergen_or_all(text: str) -> Allergen | str:
    return "all" if text.strip().casefold() == "all" else _allergen(text)


def _diet_changes(args: argparse.Namespace, person: Person) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if args.vegetarian is not None:
        changes["diet"] = Diet.VEGETARIAN if args.vegetarian else Diet.NONE
    if args.diet is not None:
        changes["diet"] = combine_diets(Diet(d) for d in args.diet)
    allergies = set(person.allergies)
    if args.dairy_free is not None:
        (allergies.add if args.dairy_free else allergies.discard)(Allergen.MILK)
    allergies |= set(args.allergy or ())
    removed = set(args.no_allergy or ())
    allergies = set() if "all" in removed else allergies - removed
    if allergies != set(person.allergies):
        changes["allergies"] = frozenset(allergies)
    return changes


def _known_foods(args: argparse.Namespace, food_ids: list[str]) -> frozenset[str]:
    """The ids given, each checked against the food store so that a typo is not kept."""
    wanted = [food_id.strip() for food_id in food_ids]
    with FoodStore.open(data_dir(args.data_dir)) as foods:
        for food_id in wanted:
            if foods.get(food_id) is None:
                raise BonewiseError(
                    f"There is no food with id {food_id!r}; find its id with: bonewise foods search NAME"
                )
    return frozenset(wanted)


def remove_person(args: argparse.Namespace) -> int:
    with editing_folder(args), open_repository(args) as repo:
        person = repo.person_by_name(args.name)
        if not args.yes:
            raise BonewiseError(
                f"Removing {person.name} also deletes all their plans; add --yes to confirm."
            )
        repo.delete_person(person.saved_id)
    print(f"Removed {person.name} and their plans.")
    return 0


def _or_dash(value: float | None, unit: str = "") -> str:
    return "–" if value is None else f"{format_number(value)}{unit}"


def _t_score_text(t: float | None) -> str:
    if t is None:
        return "–"
    category, _ = t_score_category(t)
    return f"{t:+.1f} ({category})"


def _lab_text(person: Person) -> str:
    if person.vitamin_d_lab_ng_ml is None:
        return "–"
    when = "" if person.vitamin_d_lab_date is None else f" on {person.vitamin_d_lab_date.isoformat()}"
    return f"{format_number(person.vitamin_d_lab_ng_ml)} ng/mL{when}"


def _flags(person: Person) -> str:
    flags = []
    if person.on_warfarin:
        flags.append("on warfarin")
    if person.soy is SoyPreference.WHOLE_FOODS:
        flags.append("soy: whole foods only")
    elif person.soy is SoyPreference.AVOID:
        flags.append("no soy")
    profile = profile_text(person)
    if profile:
        flags.append(profile)
    return ", ".join(flags)
