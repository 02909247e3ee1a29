"""The user store's repository: people, week plans, recipes, settings."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bonewise.core.plan import (
    DEFAULT_SLOTS,
    Allergen,
    DayPlan,
    Diet,
    Entry,
    IsoWeek,
    MealSlot,
    Person,
    Recipe,
    SoyPreference,
)
from bonewise.core.rules import name_key, trim
from bonewise.errors import BonewiseError
from bonewise.store.repository import NotFoundError, Repository
from bonewise.store.userdb import open_user_db, user_db_path

WEEK = IsoWeek(2026, 49)
MONDAY = WEEK.monday()

NAMES = [
    '<b>Zoë & "Mum"</b>',
    "Людмила Петровна",
    "王小明",
    "山田 花子",
    "Grandma 👵🏽",
    "👩‍👧 family",
    "O'Brien; DROP TABLE people;--",
    "x" * 100,
]


@pytest.fixture
def repo():
    with Repository.in_memory() as r:
        yield r


def meals(**slots):
    return MappingProxyType({k: tuple(v) for k, v in slots.items()})


def full_week(person_id: int) -> list[DayPlan]:
    """6 slots × 7 days × 8 items, each with its own quantity."""
    days = []
    for d, date in enumerate(WEEK.dates()):
        days.append(
            DayPlan(
                date,
                meals(**{
                    s.id: [Entry(f"{i:05d}", 10.0 + d + i, "cup" if i % 2 else None,
                                 1.5 if i % 2 else None) for i in range(8)]
                    for s in DEFAULT_SLOTS
                }),
                note=f"day {d} ✓",
            )
        )
    return days


# -- people ----------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_any_unicode_or_markup_name_is_kept_as_typed(repo, name):
    saved = repo.save_person(Person(name, weight_kg=61.5))
    assert saved.id is not None
    assert repo.person(saved.id).name == name
    assert repo.person_by_name(name.upper()).id == saved.id
    assert [p.name for p in repo.people()] == [name]


def test_person_round_trip_keeps_every_field(repo):
    person = Person(
        "Zoë",
        weight_kg=58.2,
        birth_year=1979,
        t_score=-1.7,
        vitamin_d_lab_ng_ml=27.5,
        vitamin_d_lab_date=dt.date(2026, 10, 1),
        on_warfarin=True,
        soy=SoyPreference.WHOLE_FOODS,
        diet=Diet.LACTOSE_FREE,
        allergies=frozenset({Allergen.TREE_NUTS, Allergen.SESAME}),
        dislikes=frozenset({"15088", "u12"}),
        eats_natto=True,
        vitamin_k_usual_ug=140.0,
        slots=(MealSlot("b", "Früh­stück", True), MealSlot("x", "Snack 🍎")),
        target_overrides=MappingProxyType({"calcium_mg": (1000.0, None), "protein_g": (60.0, 80.0)}),
    )
    saved = repo.save_person(person)
    assert repo.person(saved.id) == replace(person, id=saved.id)


def test_surrounding_spaces_are_trimmed(repo):
    assert repo.save_person(Person("  Zoë  ")).name == "Zoë"


@pytest.mark.parametrize("other", ["zoë", "ZOË", " Zoë ", "Zoe\u0308"])  # the last is decomposed
def test_names_are_unique_ignoring_case_and_normalisation(repo, other):
    repo.save_person(Person("Zoë"))
    with pytest.raises(BonewiseError, match="already a person called"):
        repo.save_person(Person(other))
    assert len(repo.people()) == 1


def test_renaming_to_own_name_in_other_case_is_allowed(repo):
    zoe = repo.save_person(Person("zoë"))
    assert repo.save_person(replace(zoe, name="Zoë")).name == "Zoë"
    assert repo.person(zoe.id).name == "Zoë"


def test_cyrillic_names_differing_only_in_case_collide(repo):
    repo.save_person(Person("Людмила"))
    with pytest.raises(BonewiseError):
        repo.save_person(Person("ЛЮДМИЛА"))


@pytest.mark.parametrize(
    "person, message",
    [
        (Person(""), "must not be empty"),
        (Person("   "), "must not be empty"),
        (Person("a\nb"), "control characters"),
        (Person("x" * 101), "too long"),
        (Person("Zoë", weight_kg=-5), "body weight must be between 20 and 400 kg"),
        (Person("Zoë", weight_kg=19.9), "body weight must be between 20 and 400 kg"),
        (Person("Zoë", weight_kg=math.nan), "body weight must be a number"),
        (Person("Zoë", weight_kg=math.inf), "body weight must be a number"),
        (Person("Zoë", weight_kg="60"), "body weight must be a number"),
        (Person("Zoë", weight_kg=True), "body weight must be a number"),
        (Person("Zoë", birth_year=1850), "year of birth must be between 1900 and"),
        (Person("Zoë", birth_year=1961.5), "year of birth must be a whole year"),
        (Person("Zoë", birth_year="1961"), "year of birth must be a whole year"),
        (Person("Zoë", t_score=-20), "T-score of -20 is not plausible"),
        (Person("Zoë", vitamin_d_lab_ng_ml=0), "vitamin D blood level"),
        (Person("Zoë", vitamin_d_lab_date="2026-01-01"), "lab date"),
        (Person("Zoë", soy="pills"), "Soy preference"),
        (Person("Zoë", slots=()), "meal slots"),
        (Person("Zoë", slots=(MealSlot("a", "A"), MealSlot("a", "B"))), "share the id"),
        (Person("Zoë", slots=(MealSlot("a", "Lunch"), MealSlot("b", "LUNCH"))), "are called"),
        (Person("Zoë", target_overrides={"calcium": (1, 2)}), "no target for"),
        (Person("Zoë", target_overrides={"calcium_mg": (2000, 1000)}), "cannot be above its upper end"),
        (Person("Zoë", target_overrides={"calcium_mg": (math.nan, None)}), "lower end of the target must be a number"),
    ],
)
def test_invalid_people_are_refused_clearly(repo, person, message):
    with pytest.raises(BonewiseError, match=message):
        repo.save_person(person)
    assert repo.people() == []


def test_unknown_person_messages(repo):
    with pytest.raises(NotFoundError, match="No one has been added yet"):
        repo.person_by_name("Zoë")
    repo.save_person(Person("Ann"))
    with pytest.raises(NotFoundError, match="Known people: Ann"):
        repo.person_by_name("Zoë")
    with pytest.raises(NotFoundError, match="id 999"):
        repo.person(999)
    with pytest.raises(NotFoundError):
        repo.save_person(Person("Bea", id=999))
    with pytest.raises(NotFoundError):
        repo.delete_person(999)


def test_deleting_a_person_deletes_their_plans_only(repo):
    ann = repo.save_person(Person("Ann"))
    bea = repo.save_person(Person("Bea"))
    repo.save_days(ann.id, full_week(ann.id))
    repo.save_days(bea.id, full_week(bea.id))
    repo.delete_person(ann.id)
    assert [p.name for p in repo.people()] == ["Bea"]
    counts = repo.db.execute(
        "SELECT person_id, count(*) FROM plan_entries GROUP BY person_id"
    ).fetchall()
    assert counts == [(bea.id, 6 * 7 * 8)]
    assert repo.db.execute("SELECT DISTINCT person_id FROM day_notes").fetchall() == [(bea.id,)]


def test_removing_a_slot_that_holds_items_is_refused(repo):
    ann = repo.save_person(Person("Ann"))
    repo.save_days(ann.id, [DayPlan(MONDAY, meals(lunch=[Entry("01079", 244)]))])
    without_lunch = tuple(s for s in ann.slots if s.id != "lunch")
    with pytest.raises(BonewiseError, match="'Lunch' still holds 1 planned item"):
        repo.save_person(replace(ann, slots=without_lunch))
    without_bedtime = tuple(s for s in ann.slots if s.id != "bedtime")
    assert repo.save_person(replace(ann, slots=without_bedtime)).slots == without_bedtime


def test_renaming_and_reordering_slots_keeps_entries(repo):
    ann = repo.save_person(Person("Ann"))
    repo.save_days(ann.id, [DayPlan(MONDAY, meals(lunch=[Entry("01079", 244)]))])
    renamed = tuple(MealSlot(s.id, "Midday" if s.id == "lunch" else s.name, s.main_meal)
                    for s in reversed(ann.slots))
    repo.save_person(replace(ann, slots=renamed))
    assert repo.week(ann.id, WEEK).day(MONDAY).entries("lunch")[0].food_id == "01079"


# -- plans ---------------------------------------------------------------------------


def test_week_with_nothing_saved_is_seven_empty_days(repo):
    ann = repo.save_person(Person("Ann"))
    week = repo.week(ann.id, WEEK)
    assert week.person_id == ann.id and week.week == WEEK
    assert [d.date for d in week.days] == list(WEEK.dates())
    assert all(not d.meals and d.note == "" for d in week.days)


def test_full_week_round_trip(repo):
    ann = repo.save_person(Person("Ann"))
    days = full_week(ann.id)
    repo.save_days(ann.id, days)
    loaded = repo.week(ann.id, WEEK)
    assert loaded.days == tuple(days)


def test_save_replaces_only_the_given_days(repo):
    ann = repo.save_person(Person("Ann"))
    days = full_week(ann.id)
    repo.save_days(ann.id, days)
    tuesday = MONDAY + dt.timedelta(days=1)
    repo.save_days(ann.id, [DayPlan(tuesday, meals(dinner=[Entry("15076", 120)]))])
    week = repo.week(ann.id, WEEK)
    assert week.day(tuesday).meals == {"dinner": (week.day(tuesday).entries("dinner")[0],)}
    assert week.day(tuesday).note == ""
    assert week.day(MONDAY) == days[0]


def test_weeks_and_people_do_not_leak_into_each_other(repo):
    ann = repo.save_person(Person("Ann"))
    bea = repo.save_person(Person("Bea"))
    sunday_before = MONDAY - dt.timedelta(days=1)
    next_monday = MONDAY + dt.timedelta(days=7)
    repo.save_days(ann.id, [DayPlan(sunday_before, meals(lunch=[Entry("a", 1)])),
                            DayPlan(next_monday, meals(lunch=[Entry("b", 1)]), "n")])
    repo.save_days(bea.id, [DayPlan(MONDAY, meals(lunch=[Entry("c", 1)]))])
    assert all(not d.meals and not d.note for d in repo.week(ann.id, WEEK).days)
    assert repo.planned_weeks(ann.id) == [IsoWeek(2026, 48), IsoWeek(2026, 50)]


def test_recipe_entries_round_trip(repo):
    ann = repo.save_person(Person("Ann"))
    soup = repo.save_recipe(Recipe("Soup", (Entry("11090", 300), Entry("01079", 200)), 4))
    entry = Entry(None, 0.0, None, 2.0, soup.id)
    repo.save_days(ann.id, [DayPlan(MONDAY, meals(dinner=[entry]))])
    assert repo.week(ann.id, WEEK).day(MONDAY).entries("dinner") == (entry,)


@pytest.mark.parametrize(
    "entry, message",
    [
        (Entry("01079", -5), "grams"),
        (Entry("01079", 0), "grams"),
        (Entry("01079", math.nan), "grams"),
        (Entry("01079", math.inf), "grams"),
        (Entry("01079", 1e12), "grams"),
        (Entry("01079", "100"), "grams"),
        (Entry("01079", 100, "cup", -1), "count"),
        (Entry(None, 100), "needs a food or a recipe"),
        (Entry("", 100), "needs a food or a recipe"),
        (Entry(None, 0, None, 0, "r1"), "portions"),
        (Entry(None, 0, None, 1, "no-such-recipe"), "no recipe"),
        (Entry("01079", 100, "c\tup"), "control characters"),
    ],
)
def test_bad_entries_are_refused_and_nothing_changes(repo, entry, message):
    ann = repo.save_person(Person("Ann"))
    before = full_week(ann.id)
    repo.save_days(ann.id, before)
    bad_day = DayPlan(MONDAY + dt.timedelta(days=2), meals(lunch=[Entry("01079", 1), entry]))
    with pytest.raises(BonewiseError, match=message):
        repo.save_days(ann.id, [DayPlan(MONDAY), bad_day])
    assert repo.week(ann.id, WEEK).days == tuple(before)


def test_unknown_slot_and_person_are_refused(repo):
    ann = repo.save_person(Person("Ann"))
    with pytest.raises(BonewiseError, match="no meal slot with id 'elevenses'"):
        repo.save_days(ann.id, [DayPlan(MONDAY, meals(elevenses=[Entry("01079", 10)]))])
    with pytest.raises(NotFoundError):
        repo.save_days(999, [DayPlan(MONDAY)])
    with pytest.raises(NotFoundError):
        repo.week(999, WEEK)


def test_a_date_twice_in_one_save_is_refused(repo):
    ann = repo.save_person(Person("Ann"))
    with pytest.raises(BonewiseError, match="appears twice"):
        repo.save_days(ann.id, [DayPlan(MONDAY), DayPlan(MONDAY)])


def test_a_save_is_durable_at_once(tmp_path):
    repo = Repository.open(tmp_path)
    ann = repo.save_person(Person("Ann"))
    days = full_week(ann.id)
    repo.save_days(ann.id, days)
    # A second connection sees everything while the first is still open.
    other = Repository(open_user_db(user_db_path(tmp_path)))
    assert other.week(ann.id, WEEK).days == tuple(days)
    other.close()
    repo.close()


# -- recipes ------------------------------------------------------------------------


def test_recipe_round_trip_and_order(repo):
    b = repo.save_recipe(Recipe("bircher müsli", (Entry("20038", 40, "cup", 0.5),), 2))
    a = repo.save_recipe(Recipe("Apple crumble <3", (Entry("09003", 200),)))
    assert list(repo.recipes()) == [a.id, b.id]
    assert repo.recipe(b.id) == b


def test_recipe_update_and_nesting(repo):
    base = repo.save_recipe(Recipe("Stock", (Entry("06080", 500),), 5))
    soup = repo.save_recipe(Recipe("Soup", (Entry(None, 0, None, 1.0, base.id),), 2))
    with pytest.raises(BonewiseError, match="cannot contain itself"):
        repo.save_recipe(replace(base, entries=(Entry(None, 0, None, 1.0, soup.id),)))
    renamed = repo.save_recipe(replace(soup, name="Soup 2"))
    assert repo.recipe(soup.id).name == "Soup 2" == renamed.name
    assert len(repo.recipes()) == 2


def test_recipe_in_use_cannot_be_deleted(repo):
    ann = repo.save_person(Person("Ann"))
    stock = repo.save_recipe(Recipe("Stock", (Entry("06080", 500),), 5))
    soup = repo.save_recipe(Recipe("Soup", (Entry(None, 0, None, 1.0, stock.id),)))
    repo.save_days(ann.id, [DayPlan(MONDAY, meals(dinner=[Entry(None, 0, None, 1.0, soup.id)]))])
    with pytest.raises(BonewiseError, match="in 1 planned meal item"):
        repo.delete_recipe(soup.id)
    with pytest.raises(BonewiseError, match="part of the recipe 'Soup'"):
        repo.delete_recipe(stock.id)
    repo.save_days(ann.id, [DayPlan(MONDAY)])
    repo.delete_recipe(soup.id)
    repo.delete_recipe(stock.id)
    assert repo.recipes() == {}
    with pytest.raises(NotFoundError):
        repo.delete_recipe(stock.id)


@pytest.mark.parametrize(
    "recipe, message",
    [
        (Recipe("", (Entry("1", 1),)), "must not be empty"),
        (Recipe("Soup", ()), "no ingredients"),
        (Recipe("Soup", (Entry("1", 1),), portions=0), "portions"),
        (Recipe("Soup", (Entry("1", 1),), portions=math.nan), "portions"),
        (Recipe("Soup", (Entry("1", -1),)), "ingredient 1: grams"),
    ],
)
def test_invalid_recipes_are_refused(repo, recipe, message):
    with pytest.raises(BonewiseError, match=message):
        repo.save_recipe(recipe)
    assert repo.recipes() == {}


# -- settings ------------------------------------------------------------------------


def test_settings_round_trip(repo):
    repo.set_setting("font_scale", 1.25)
    repo.set_setting("last_week", {"person": "Zoë", "week": "2026-W49"})
    repo.set_setting("font_scale", 1.5)
    assert repo.settings() == {"font_scale": 1.5,
                               "last_week": {"person": "Zoë", "week": "2026-W49"}}
    assert repo.setting("missing", 3) == 3
    repo.set_setting("font_scale", None)
    assert "font_scale" not in repo.settings()


@pytest.mark.parametrize("key, value", [("", 1), ("x", math.nan), ("x", object())])
def test_bad_settings_are_refused(repo, key, value):
    with pytest.raises(BonewiseError):
        repo.set_setting(key, value)
    assert repo.settings() == {}


# -- properties ------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_name_either_round_trips_or_is_refused_clearly(name):
    with Repository.in_memory() as repo:
        try:
            saved = repo.save_person(Person(name))
        except BonewiseError as exc:
            assert str(exc)
            assert repo.people() == []
        else:
            assert saved.name == trim(name)
            assert repo.person(saved.id).name == trim(name)
            assert repo.find_person(name).id == saved.id


def test_name_key_folds_case_and_normalises():
    assert name_key(" ZOË ") == name_key("zoe\u0308") == name_key("Zoë")
    assert name_key("Straße") == name_key("STRASSE")
