"""Print quality: embedded fonts, hyphens where a word breaks, meals kept whole, one spelling per unit."""

from __future__ import annotations

import dataclasses
import shutil
from types import MappingProxyType

import pytest
from pdf_helpers import pdf_fonts, pdf_pages, pdf_text
from sample_week import FOODS, MILK, OLIVE_OIL, RECIPES, WEEK, ZOE, e, sample_week

from bonewise.core.foods import Food, FoodKind, Measure
from bonewise.core.plan import DayPlan, WeekPlan
from bonewise.export.document import PageSetup
from bonewise.export.hyphens import SOFT_HYPHEN, soft_hyphenate
from bonewise.export.pdf import shopping_pdf, week_pdf
from bonewise.export.plan import fit_in_height
from bonewise.export.styles import styles_for

LONG_WORDS = ["Dihydrophylloquinone", "Supercalifragilisticexpialidocious", "1234567890123456789012",
              "Kalbsleberwurstbrötchen"]  # fmt: skip


def custom(food_id: str, name: str, *measures: Measure) -> Food:
    return Food(food_id, name, FoodKind.CUSTOM, "", "Other", MappingProxyType({"calcium_mg": 50.0}),
                measures or (Measure("g", 100.0, 100.0),))  # fmt: skip


def test_pdffonts_finds_every_font_embedded():
    assert shutil.which("pdffonts"), "pdffonts (poppler-utils) is needed"
    for setup in (PageSetup(), PageSetup("Letter", large_print=True)):
        for data in (week_pdf(ZOE, sample_week(), FOODS, RECIPES, setup=setup),
                     shopping_pdf([(ZOE, sample_week())], FOODS, RECIPES, setup=setup)):  # fmt: skip
            fonts = pdf_fonts(data)
            assert fonts, "pdffonts listed no font at all"
            assert [name for name, embedded in fonts if not embedded] == []


def test_a_word_wider_than_its_column_breaks_with_a_hyphen():
    foods = dict(FOODS)
    days = [DayPlan(d) for d in WEEK.dates()]
    meals = {}
    for i, word in enumerate(LONG_WORDS):
        food = custom(f"u{i}", f"{word} spread")
        foods[food.id] = food
        meals[f"slot{i}"] = (e(food, grams=40),)
    days[2] = DayPlan(WEEK.dates()[2], MappingProxyType({"lunch": tuple(v[0] for v in meals.values())}))
    plan = WeekPlan(ZOE.id, WEEK, tuple(days))
    for setup in (PageSetup(), PageSetup("A4", large_print=True)):
        text = pdf_text(week_pdf(ZOE, plan, foods, RECIPES, sections=["plan"], setup=setup), raw=True)
        for word in LONG_WORDS:
            assert word in text.replace("-\n", ""), word  # printed whole, maybe over lines
            for cut in range(1, len(word)):
                assert f"{word[:cut]}\n{word[cut:]}" not in text, f"{word} broken without a hyphen"
        assert "Dihy-\n" in text or "Dihydrophyl-\n" in text or "Dihydro-\n" in text or "Dihydrophyllo-\n" in text


def test_soft_hyphens_go_at_syllables_first():
    def width(s):
        return len(s) * 5.0

    assert soft_hyphenate("approximate", width, 100) == "approximate"  # fits: untouched
    marked = soft_hyphenate("approximate", width, 40)
    assert marked == "ap\xadprox\xadi\xadmate"  # the dictionary's breaks, not any letter
    digits = soft_hyphenate("123456789012", width, 30)
    assert digits.count(SOFT_HYPHEN) >= 2  # no syllables in a number: between any two characters
    assert "-\xad" not in soft_hyphenate("whole-wheat-blend", width, 30)  # never "--"


def _meal_pages(pages: list[str], label: str) -> list[int]:
    return [n for n, page in enumerate(pages) if label in page]


@pytest.mark.parametrize("breakfast_items", [1, 4, 7, 10, 14])
def test_a_meal_row_never_splits_across_pages(breakfast_items):
    foods = dict(FOODS)
    dinner = []
    for i in range(4):
        food = custom(f"d{i}", f"Dinnerdish{i} stew")
        foods[food.id] = food
        dinner.append(e(food, grams=200))
    days = []
    for date in WEEK.dates():
        days.append(DayPlan(date, MappingProxyType({
            "breakfast": tuple(e(MILK, 1 + i) for i in range(breakfast_items)),
            "lunch": (e(OLIVE_OIL),) * 3,
            "dinner": tuple(dinner),
        })))  # fmt: skip
    plan = WeekPlan(ZOE.id, WEEK, tuple(days))
    pages = pdf_pages(week_pdf(ZOE, plan, foods, RECIPES, sections=["plan"]))
    [dinner_page] = [n for n in _meal_pages(pages, "Dinner") if "Dinner (continued)" not in pages[n]]
    for i in range(4):
        assert _meal_pages(pages, f"Dinnerdish{i}") == [dinner_page]
    assert "Mon 30 Nov" in pages[dinner_page]  # the day header repeats on the meal's page


def test_a_meal_taller_than_a_page_continues_under_its_name():
    days = [DayPlan(d) for d in WEEK.dates()]
    days[0] = DayPlan(WEEK.dates()[0], MappingProxyType({"dinner": tuple(e(MILK, 1 + i) for i in range(60))}))
    plan = WeekPlan(ZOE.id, WEEK, tuple(days))
    pages = pdf_pages(week_pdf(ZOE, plan, FOODS, RECIPES, sections=["plan"]))
    assert any("Dinner (continued)" in page for page in pages)
    assert "Milk, whole 60 cups" in " ".join(" ".join(pages).split())


def test_fit_in_height_splits_only_what_does_not_fit():
    styles = styles_for(False)
    paras = [styles.p(f"item {i} " * 8, styles.grid_item) for i in range(30)]
    assert len(fit_in_height(paras[:2], 100, 500)) == 1
    groups = fit_in_height(paras, 100, 200)
    assert len(groups) > 1 and sum(len(g) for g in groups) >= 30
    for group in groups:
        assert sum(p.wrap(100, 200)[1] + p.getSpaceBefore() + p.getSpaceAfter() for p in group) <= 200


def test_one_spelling_per_unit_and_labels_that_match_the_amount():
    spoon = custom("u-spoon", "Tahini", Measure("tablespoon", 15.0))
    foods = {**FOODS, spoon.id: spoon}
    days = [DayPlan(d) for d in WEEK.dates()]
    days[0] = DayPlan(WEEK.dates()[0], MappingProxyType({
        "breakfast": (dataclasses.replace(e(MILK), grams=366.0),),  # 1.5 cups with a stale count of 1
        "lunch": (e(spoon, 2), e(OLIVE_OIL, 2)),
    }))  # fmt: skip
    plan = WeekPlan(ZOE.id, WEEK, tuple(days))
    text = " ".join(pdf_text(week_pdf(ZOE, plan, foods, RECIPES, sections=["plan", "shopping"])).split())
    assert "Milk, whole 1½ cups" in text and "Milk, whole 1 cup" not in text
    assert "Tahini 2 tbsp" in text and "Oil, olive 2 tbsp" in text
    assert "tablespoon" not in text.casefold()
