"""The printed documents Bonewise offers: a week's PDF with chosen sections, and a shopping list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from bonewise.core.foods import FoodLookup
from bonewise.core.plan import Person, Recipe, WeekPlan
from bonewise.core.record import HealthRecord
from bonewise.core.shopping import NO_PANTRY, Pantry, build_shopping_list
from bonewise.core.targets import Source
from bonewise.errors import BonewiseError
from bonewise.export.document import Section, render
from bonewise.export.labels import people_label, week_label
from bonewise.export.options import SECTION_NAMES, SECTION_TITLES, PageSetup, parse_sections  # noqa: F401
from bonewise.export.plan import PlanSection
from bonewise.export.references import ReferencesSection, unique_sources
from bonewise.export.report import ReportSection
from bonewise.export.shopping import ShoppingSection
from bonewise.export.summary import SummarySection
from bonewise.export.week import week_facts

DEFAULT_SETUP = PageSetup()
def weeks_pdf(
    weeks: Sequence[tuple[Person, WeekPlan]],
    foods: FoodLookup,
    recipes: Mapping[str, Recipe],
    *,
    sections: Sequence[str] = SECTION_NAMES,
    setup: PageSetup = DEFAULT_SETUP,
    pantry: Pantry = NO_PANTRY,
    prepared: dt.date | None = None,
    shop_from: dt.date | None = None,
    records: Mapping[int | None, HealthRecord] | None = None,
) -> bytes:
    """One PDF with the chosen sections, in the order given, for each (person, week).

    ``records`` holds each person's health record (by person id) for the
    appointment summary; ``prepared`` is the day it is prepared (today) and also
    the day a bone-drug dose is counted from. ``shop_from`` leaves the days
    before it off the shopping list (usually today). Every source cited is
    listed once in the references at the end.
    """
    chosen = parse_sections(sections)
    prepared = prepared or dt.date.today()
    parts: list[Section] = []
    cited: list[list[Source]] = []
    for person, plan in weeks:
        facts = week_facts(person, plan, foods, recipes)
        for name in chosen:
            if name == "plan":
                parts.append(PlanSection(facts))
            elif name == "report":
                parts.append(ReportSection(facts))
            elif name == "summary":
                record = (records or {}).get(person.id, HealthRecord())
                summary = SummarySection(facts, record, prepared)
                parts.append(summary)
                cited.append(summary.sources())
            else:
                shopping = build_shopping_list([(person, plan)], foods, recipes, pantry=pantry,
                                               from_day=shop_from)  # fmt: skip
                parts.append(ShoppingSection(shopping))
            if name != "shopping":
                cited.append(facts.sources())
    if not parts:
        raise BonewiseError("Nothing to export: no week was given.")
    names = people_label(list(dict.fromkeys(person.name for person, _ in weeks)))
    sources = unique_sources(cited)
    if sources:
        parts.append(ReferencesSection(sources, header=f"{names} · {week_label(weeks[0][1].week)}"))
    return render(parts, setup, title=f"Bonewise — {names} — {weeks[0][1].week}")


def week_pdf(
    person: Person,
    plan: WeekPlan,
    foods: FoodLookup,
    recipes: Mapping[str, Recipe],
    **options: Any,
) -> bytes:
    """One person's week as a PDF; options as for ``weeks_pdf``."""
    return weeks_pdf([(person, plan)], foods, recipes, **options)


def shopping_pdf(
    plans: Sequence[tuple[Person, WeekPlan]],
    foods: FoodLookup,
    recipes: Mapping[str, Recipe],
    *,
    setup: PageSetup = DEFAULT_SETUP,
    pantry: Pantry = NO_PANTRY,
    dates: Collection[dt.date] | None = None,
    from_day: dt.date | None = None,
) -> bytes:
    """One merged shopping list for several people's weeks; days before ``from_day`` left out."""
    if not plans:
        raise BonewiseError("Choose at least one person for the shopping list.")
    shopping = build_shopping_list(plans, foods, recipes, pantry=pantry, dates=dates, from_day=from_day)
    return render([ShoppingSection(shopping)], setup, title=f"Shopping list — {people_label(shopping.people)}")
