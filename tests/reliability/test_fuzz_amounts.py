"""Hostile amounts and measures: a sane entry or a clear BonewiseError, never anything else.

Covers the core's ``phrases.read_phrase``, ``phrases.entry_from_text`` and ``amounts.entry_for``
with any text and any Python value, and ``bonewise plan add`` with any --grams,
--measure and --count text, where a refusal must also leave the store unchanged.
"""

from __future__ import annotations

import decimal
import fractions
import math

import pytest
from fuzzing import assert_clear_message, fuzz
from hypothesis import given
from hypothesis import strategies as st
from reliability_data import CALCIUM_TABLET, KALE, MILK, dump, fill_store, foods_for

from bonewise import cli
from bonewise.core import amounts, phrases
from bonewise.core.foods import Food
from bonewise.core.plan import Entry
from bonewise.errors import BonewiseError
from bonewise.store.repository import Repository

MAX_GRAMS = 100_000.0
NUMBERISH = "0123456789.,/ ½¼¾⅓⅛⁄-−+eE_xX×*٣３１５０"
AMOUNT_TEXT = (
    st.text()
    | st.text(alphabet=NUMBERISH, max_size=12)
    | st.builds(lambda n, u: n + u, st.text(alphabet=NUMBERISH, min_size=1, max_size=10),
                st.sampled_from(["", " g", "g", " kg", " oz", " lb", " cup", " cups", " tablet",
                                 " tablets", " bowl", " 1 cup", " x cup", " × tablet", " cup.",
                                 " 🥛", " <b>", " g\n", " \x00"]))
    | st.sampled_from(["1" * 400, "9" * 5000 + " g", "1e309", "1e-400", "inf", "nan", "NaN g", "0x10",
                       "-5 g", "−5 g", "0", "0/0", "1/0", "1 1/0", "1,500", "1,5 cup", ".5", "5.",
                       "½", "1½ cups", "１５０ g", "٣ cups", "\u00a0150\u2009g", ""])
)  # fmt: skip
ANY_VALUE = (
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
    | st.fractions() | st.decimals() | st.complex_numbers() | st.binary(max_size=8)
    | st.sampled_from([10**400, -(10**400), 2**1024, math.inf, -0.0, 5e-324, [], {}, object()])
)  # fmt: skip


@pytest.fixture(scope="module")
def foods(tmp_path_factory):
    """Milk and kale (household measures), a tablet (a dose), a custom food with a measure."""
    repo = Repository.open(tmp_path_factory.mktemp("store"))
    fill_store(repo)
    store = foods_for(repo)
    own = [h for h in store.search("kefir") if h.food_id.startswith("u")]
    yield [store.get(MILK), store.get(KALE), store.get(CALCIUM_TABLET), store.get(own[0].food_id)]
    store.close()
    repo.close()


def assert_sane(entry: Entry, food: Food) -> None:
    assert isinstance(entry, Entry) and entry.food_id == food.id
    assert type(entry.grams) is float and math.isfinite(entry.grams) and 0 < entry.grams <= MAX_GRAMS
    if entry.count is not None:
        assert math.isfinite(entry.count) and entry.count > 0
    if entry.measure is not None:
        assert food.measure(entry.measure) is not None or any(
            m.name == entry.measure for m in food.measures
        )


@fuzz("amount: read_phrase on any text", 2000)
@given(AMOUNT_TEXT)
def test_read_phrase_gives_a_positive_number_or_a_clear_error(text):
    try:
        phrase = phrases.read_phrase(text)
    except Exception as exc:  # noqa: BLE001
        assert_clear_message(exc)
        return
    quantity = phrase.quantity
    assert quantity is None or (type(quantity) is float and math.isfinite(quantity) and quantity > 0)
    assert phrase.unit is None or (phrase.unit.strip() == phrase.unit and phrase.unit[:1].isalpha())
    assert phrase.food == phrase.food.strip()


@fuzz("amount: read_phrase on written numbers", 300)
@given(st.floats(min_value=0.001, max_value=99_999), st.sampled_from(["g", "cup", "cups", "tablets", ""]))
def test_read_phrase_reads_numbers_as_written(value, unit):
    text = f"{value:.3f} {unit}".strip()
    if float(f"{value:.3f}") == 0:
        return
    phrase = phrases.read_phrase(text)
    assert phrase.quantity == float(f"{value:.3f}")
    # A unit word is a unit; any other word after the number names the food ("2 tablets").
    assert (phrase.unit, phrase.food) == {"g": ("g", ""), "cup": ("cup", ""), "cups": ("cup", ""),
                                          "tablets": (None, "tablets"), "": (None, "")}[unit]


@fuzz("amount: read_phrase on non-text values", 200)
@given(ANY_VALUE.filter(lambda v: not isinstance(v, str)))
def test_read_phrase_refuses_what_is_not_text(value):
    with pytest.raises(BonewiseError) as caught:
        phrases.read_phrase(value)
    assert_clear_message(caught.value)


@fuzz("amount: entry_from_text for four kinds of food", 1000)
@given(st.integers(0, 3), AMOUNT_TEXT)
def test_typed_amounts_give_a_sane_entry_or_a_clear_error(foods, which, text):
    food = foods[which]
    try:
        entry = phrases.entry_from_text(food, text)
    except Exception as exc:  # noqa: BLE001
        assert_clear_message(exc)
        return
    assert_sane(entry, food)


@fuzz("amount: entry_for with any grams", 500)
@given(st.integers(0, 3), ANY_VALUE)
def test_entry_for_any_grams(foods, which, grams):
    food = foods[which]
    if grams is None:
        grams = math.nan  # None means "by measure" in entry_for's signature
    try:
        entry = amounts.entry_for(food, grams=grams)
    except Exception as exc:  # noqa: BLE001
        assert_clear_message(exc)
        return
    assert_sane(entry, food)
    assert isinstance(grams, (int, float, fractions.Fraction, decimal.Decimal))


@fuzz("amount: entry_for with any measure and count", 500)
@given(st.integers(0, 3), st.text(max_size=30) | st.sampled_from(["cup", "CUP ", "cups", "1 cup",
       "tablet", "tablets", "1 tablet", "bowl", "bowls", "1 cup, chopped", "fl oz"]), ANY_VALUE)
def test_entry_for_any_measure_and_count(foods, which, measure, count):
    food = foods[which]
    try:
        entry = amounts.entry_for(food, measure=measure, count=count)
    except Exception as exc:  # noqa: BLE001
        assert_clear_message(exc)
        return
    assert_sane(entry, food)


# -- the command line -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    with Repository.open(folder) as repo:
        fill_store(repo)
    return folder


CLI_TEXT = AMOUNT_TEXT.filter(lambda t: not t.startswith("-") and "\x00" not in t)


@fuzz("amount: bonewise plan add --grams/--measure/--count", 150)
@given(st.sampled_from(["grams", "measure"]), CLI_TEXT, CLI_TEXT)
def test_plan_add_with_any_amount_text(cli_store, capsys, how, amount, count):
    args = ["--data-dir", str(cli_store), "plan", "add", "--person", "Zoë", "--date", "2026-12-02",
            "--meal", "Lunch", "--food", MILK]  # fmt: skip
    args += [f"--{how}", amount] + (["--count", count] if how == "measure" else [])
    with Repository.open(cli_store) as repo:
        before = dump(repo.db.conn)
    code = cli.main(args)
    out, err = capsys.readouterr()
    if code == 0:
        assert out.startswith("Added ") and err == ""
        return
    assert code == 1, err
    assert err.startswith("bonewise: error: ") and err.count("\n") == 1, err
    with Repository.open(cli_store) as repo:
        assert dump(repo.db.conn) == before
