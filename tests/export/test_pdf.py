"""Whole documents: every section present, names as typed, numbers as core.totals, sources named."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from types import MappingProxyType

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pdf_helpers import pdf_pages, pdf_text
from sample_week import CALCIUM_600, FOODS, KALE, RECIPES, WEEK, ZOE, e, sample_week

from bonewise.core.plan import DayPlan, Person, WeekPlan
from bonewise.core.targets import targets_for
from bonewise.core.totals import week_totals
from bonewise.errors import BonewiseError
from bonewise.export.document import PageSetup
from bonewise.export.pdf import SECTION_TITLES, parse_sections, week_pdf, weeks_pdf

ODD_NAME = "Zoë <b>&amp;</b> \"Ørsted\" Łódź Ψ Иван"
PREPARED = dt.date(2026, 11, 26)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def document():
    person = dataclasses.replace(ZOE, name=ODD_NAME)
    data = week_pdf(person, sample_week(person), FOODS, RECIPES, prepared=PREPARED)
    return data, pdf_pages(data)


def test_all_sections_appear_in_order_each_on_its_own_pages(document):
    _, pages = document
    firsts = []
    for page in pages:
        for name, title in SECTION_TITLES.items():
            if title in page[:300] and (not firsts or firsts[-1] != name):
                firsts.append(name)
                break
    assert firsts == ["summary", "plan", "report", "shopping"]  # the appointment page first
    assert "References" in pages[-1][:300] and "ASCO 2019" in pages[-1]  # the citations at the end


def test_every_page_is_numbered_and_carries_the_disclaimer(document):
    _, pages = document
    for number, page in enumerate(pages, 1):
        assert f"page {number} of {len(pages)}" in page
        assert "A planning aid, not medical advice." in page


def test_the_name_prints_as_typed_in_headers_and_titles(document):
    _, pages = document
    for page in pages:
        week_or_dates = "Shopping list" if "Shopping list" in page[:300] else "week 49, 2026"
        assert f"Bonewise · {ODD_NAME} · " in flat(page)
        assert week_or_dates in page.split("\n", 1)[0] or "30 Nov – 6 Dec 2026" in page.split("\n", 1)[0]
    text = flat("\n".join(pages))
    for title in ("Week plan for", "Nutrient report for", "Bone health summary for", "Shopping list for"):
        assert f"{title} {ODD_NAME}" in text


def test_the_week_grid_shows_days_meals_items_and_calcium_flags():
    data = week_pdf(ZOE, sample_week(), FOODS, RECIPES, sections=["plan"])
    text = flat(pdf_text(data))
    for day in ("Mon 30 Nov", "Tue 1 Dec", "Sun 6 Dec"):
        assert day in text
    for meal in ("Breakfast", "Lunch", "Dinner", "Bedtime"):
        assert meal in text
    assert "• Calcium carbonate 600 mg 1 tablet" in text
    assert "• Natto ½ cup" in text  # half a cup, as a kitchen fraction
    assert "• Kale & tofu salad 1 portion" in text
    assert "calcium in one sitting" in text and "ℹ" in text  # a note, marked as the findings list marks it
    assert "Zoë's note <b>&</b>" in text  # the day's note, markup printed as typed
    assert "Day totals" in text


def test_every_target_shown_names_its_source():
    data = week_pdf(ZOE, sample_week(), FOODS, RECIPES, sections=["plan", "report", "summary"],
                    prepared=PREPARED)  # fmt: skip
    text = flat(pdf_text(data))
    for target in targets_for(ZOE).values():
        assert target.source.short in text
        first_line = target.source.citation.splitlines()[0]
        assert flat(first_line)[:60] in text  # the full citation is in the report's sources
        if target.limit_source:
            assert f"limit: {target.limit_source.short}" in text or target.limit_source.short in text


def test_report_numbers_are_core_totals():
    plan = sample_week()
    totals = week_totals(plan, FOODS, RECIPES)
    # -raw keeps each table cell's lines together.
    text = flat(pdf_text(week_pdf(ZOE, plan, FOODS, RECIPES, sections=["report"]), raw=True))
    average = totals.average
    for key in ("calcium_mg", "vitamin_d_iu", "vitamin_k2_ug", "magnesium_mg", "protein_g", "fiber_g",
                "vitamin_k_total_ug"):
        assert average[key].describe() in text, key
    assert not average["vitamin_k2_ug"].complete  # so the report says "at least" for it
    assert f"at least {average['vitamin_k2_ug'].describe().split('at least ')[1]}" in text
    assert "Average of 6 planned days" in text


def test_unknown_is_printed_as_unknown_never_as_zero():
    days = [DayPlan(d) for d in WEEK.dates()]
    days[0] = DayPlan(WEEK.dates()[0], MappingProxyType({"lunch": (e(KALE),)}))
    no_k2 = WeekPlan(ZOE.id, WEEK, tuple(days))
    text = flat(pdf_text(week_pdf(ZOE, no_k2, FOODS, RECIPES, sections=["plan", "report"])))
    assert "? no data" in text  # kale has no K2 value: unknown, with the "no data" symbol
    # Kale's vitamin D is a known 0 IU (0 µg); its K2 must never print as 0 µg.
    assert not re.search(r"(?<![\d,.(])0 µg", text)
    assert "no data for Kale, raw" in text


def test_summary_fits_two_pages_with_person_schedule_and_question_box():
    person = dataclasses.replace(ZOE, on_warfarin=True)
    data = week_pdf(person, sample_week(person), FOODS, RECIPES, sections=["summary"],
                    prepared=PREPARED)  # fmt: skip
    pages = [p for p in pdf_pages(data) if "Appointment summary" in p[:300]]
    assert len(pages) <= 2
    text = flat(" ".join(pages))
    assert "−1.8, no date or site recorded: osteopenia (WHO 1994)" in text
    assert "Latest: 27 ng/mL (67 nmol/L) is below the 30 ng/mL" in text and "14 Oct 2026 27 67" in text
    assert "Takes warfarin" in text
    assert "Prepared with Bonewise on 26 Nov 2026" in text
    schedule = re.search(r"Supplement schedule as planned(.*)Points to talk about", text)[1]
    assert "Calcium carbonate 600 mg 1 tablet (600 mg calcium) Bedtime Mon–Sat" in schedule
    assert "Vitamin D3 1,000 IU 1 softgel (1,000 IU (25 µg) vitamin D) Bedtime Mon, Wed, Thu, Sat" in schedule
    assert "natto" in text.split("Points to talk about")[1]
    assert "Questions for my care team" in text


def test_summary_says_what_is_not_recorded():
    bare = Person("Mum", id=2)
    text = flat(pdf_text(week_pdf(bare, sample_week(bare), FOODS, RECIPES, sections=["summary"]), raw=True))
    # the aromatase inhibitor, the bone drug, FRAX, falls, exercise, weight, T-score, blood level
    assert text.count("not recorded") == 8
    assert "g per kg body weight" in text  # protein stays per kg without a weight


def test_an_empty_week_prints_every_section_without_error():
    empty = WeekPlan.empty(ZOE.id, WEEK)
    text = flat(pdf_text(week_pdf(ZOE, empty, FOODS, RECIPES, prepared=PREPARED)))
    assert "Nothing is planned for this week yet." in text
    assert "Nothing to buy" in text
    assert "No supplements are planned this week." in text


def test_several_weeks_follow_one_another():
    weeks = [(ZOE, sample_week(ZOE, WEEK.shifted(i))) for i in range(3)]
    pages = pdf_pages(weeks_pdf(weeks, FOODS, RECIPES, sections=["plan", "shopping"]))
    headers = [page.split("\n", 1)[0] for page in pages]
    for i in range(3):
        assert any(f"week {WEEK.shifted(i).week}, 2026" in h for h in headers)


def test_large_print_and_letter_paper():
    plan = sample_week()
    normal = pdf_pages(week_pdf(ZOE, plan, FOODS, RECIPES, sections=["report"]))
    large = pdf_pages(week_pdf(ZOE, plan, FOODS, RECIPES, sections=["report"],
                               setup=PageSetup("Letter", large_print=True)))  # fmt: skip
    assert len(large) > len(normal)


def test_supplement_only_meal_gets_the_supplement_sitting_flag():
    days = [DayPlan(d) for d in WEEK.dates()]
    days[0] = DayPlan(WEEK.dates()[0], MappingProxyType({"bedtime": (e(CALCIUM_600, 2),)}))
    plan = WeekPlan(ZOE.id, WEEK, tuple(days))
    text = flat(pdf_text(week_pdf(ZOE, plan, FOODS, RECIPES, sections=["plan"])))
    assert "ℹ 1,200 mg calcium in one sitting" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("plan,report", ("plan", "report")), ("Shopping, plan", ("shopping", "plan")),
     ("summary", ("summary",)), ("report,summary,report", ("report", "summary"))],
)  # fmt: skip
def test_sections_are_parsed_in_the_order_given(text, expected):
    assert parse_sections(text) == expected


def test_unknown_or_no_sections_are_clear_errors():
    with pytest.raises(BonewiseError, match="Unknown section “menu”"):
        parse_sections("plan,menu")
    with pytest.raises(BonewiseError, match="at least one section"):
        parse_sections(" , ")


def test_huge_amounts_and_a_meal_taller_than_a_page_still_print():
    from sample_week import CHEDDAR, MILK

    days = [DayPlan(d) for d in WEEK.dates()]
    days[0] = DayPlan(WEEK.dates()[0], MappingProxyType({
        "lunch": (e(CHEDDAR, grams=100_000),),
        "dinner": tuple(e(MILK, 1 + i) for i in range(40)),
    }))  # fmt: skip
    plan = WeekPlan(ZOE.id, WEEK, tuple(days))
    for setup in (PageSetup(), PageSetup("Letter", large_print=True)):
        text = flat(pdf_text(week_pdf(ZOE, plan, FOODS, RECIPES, setup=setup, prepared=PREPARED)))
        assert "721,000 mg" in text  # 100 kg of cheddar: shown, flagged, not clipped away
        assert "• Milk, whole 40 cups" in text


@settings(max_examples=15, deadline=None)
@example(name="0\u0640", note="", slot="0")  # right-to-left: prints, not compared
@example(name="שרה כהן", note="ملاحظة", slot="ארוחת בוקר")
@given(name=st.text(min_size=1, max_size=40), note=st.text(max_size=60), slot=st.text(min_size=1, max_size=20))
def test_any_text_prints_without_error(name, note, slot):
    from bonewise.core.plan import MealSlot
    from bonewise.export.fonts import printable

    person = Person(name, id=1, slots=(MealSlot("s1", slot, True),))
    days = [DayPlan(d) for d in WEEK.dates()]
    days[0] = DayPlan(WEEK.dates()[0], MappingProxyType({"s1": (e(KALE),)}), note=note)
    plan = WeekPlan(1, WEEK, tuple(days))
    text = flat(pdf_text(week_pdf(person, plan, FOODS, RECIPES, sections=["plan", "shopping"])))
    shown = flat(printable(name))
    # Right-to-left scripts print without bidi shaping (a documented limit), and pdftotext
    # reorders them, so for those only "prints without error" is checked.
    if shown and not any(unicodedata.bidirectional(c) in ("R", "AL") for c in shown):
        assert shown in text
