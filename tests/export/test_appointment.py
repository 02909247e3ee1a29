"""The appointment page read back through pdftotext: the record with its dates, trends, FRAX caveat,
food and supplements apart, points to discuss; one page or two; references at the end."""

from __future__ import annotations

import datetime as dt

from pdf_helpers import pdf_pages, pdf_text
from sample_week import FOODS, RECIPES, ZOE, sample_week

from bonewise.core.record import HealthRecord, Interval, Kind, RecordEntry, sorted_entries
from bonewise.export.document import PageSetup
from bonewise.export.pdf import week_pdf

PREPARED = dt.date(2026, 12, 5)
D = dt.date


def record() -> HealthRecord:
    entries = [RecordEntry(Kind.AROMATASE_INHIBITOR, D(2024, 2, 12), "letrozole")]
    for day, spine, hip in ((D(2024, 1, 15), -1.6, -0.9), (D(2025, 1, 20), -2.0, -1.1), (D(2026, 1, 22), -2.6, -1.3)):
        entries += [RecordEntry(Kind.DXA, day, "lumbar spine", spine), RecordEntry(Kind.DXA, day, "total hip", hip)]
    entries += [RecordEntry(Kind.VITAMIN_D, day, value=v) for day, v in ((D(2024, 7, 10), 24.0), (D(2025, 10, 2), 31.0))]
    entries.append(RecordEntry(Kind.FRAX, D(2026, 1, 22), value=14.0, value2=2.1))
    entries += [RecordEntry(Kind.BONE_DRUG_DOSE, day, "denosumab", interval=Interval.parse("6m"))
                for day in (D(2025, 11, 20), D(2026, 5, 20))]  # fmt: skip
    entries.append(RecordEntry(Kind.FALLS, D(2026, 10, 14), value=2.0))
    entries += [RecordEntry(Kind.EXERCISE, D(2026, 9, 1), "balance", 20.0),
                RecordEntry(Kind.EXERCISE, D(2026, 9, 1), "aerobic", 150.0)]  # fmt: skip
    return HealthRecord(sorted_entries(entries))


def appointment(setup=PageSetup(), rec=None, sections=("summary",)):  # noqa: B008
    data = week_pdf(ZOE, sample_week(), FOODS, RECIPES, sections=sections, setup=setup, prepared=PREPARED,
                    records={ZOE.id: record() if rec is None else rec})  # fmt: skip
    pages = [p for p in pdf_pages(data) if "Appointment summary" in p[:300]]
    return pages, " ".join(pdf_text(data, raw=True).split())


def test_the_record_prints_with_its_dates_and_values():
    pages, text = appointment()
    assert "Aromatase inhibitor letrozole, started 12 Feb 2024" in text
    # DXA by site and date, newest first, and the WHO category of the lowest latest value
    assert "22 Jan 2026 −2.6 −1.3 20 Jan 2025 −2.0 −1.1 15 Jan 2024 −1.6 −0.9" in text
    assert "Lowest at the latest scan: −2.6 at the lumbar spine: osteoporosis (WHO 1994)" in text
    # 25(OH)D history in both units, the person's own dated value included
    assert "14 Oct 2026 27 67 2 Oct 2025 31 77 10 Jul 2024 24 60" in text
    assert "every 6 months · last dose 20 May 2026 · next due 20 Nov 2026, 15 days overdue" in text
    assert "Falls in the last year 2 (as of 14 Oct 2026)" in text
    assert "balance 20 min · resistance: no data · aerobic 150 min (as of 1 Sep 2026)" in text


def test_frax_is_printed_with_its_caveat():
    _, text = appointment()
    assert ("major osteoporotic 14 %, hip 2.1 % (22 Jan 2026). FRAX is not validated in people with cancer "
            "(ASCO 2019).") in text  # fmt: skip


def test_trend_charts_of_dxa_and_vitamin_d_are_drawn():
    _, text = appointment()
    assert "T-score over time" in text and "ng/mL over time" in text
    assert "lumbar spine total hip" in text  # the legend of the two sites' lines


def test_calcium_and_vitamin_d_are_split_into_food_and_supplements():
    from bonewise.core.summary import summarize_week
    from bonewise.core.totals import format_amount

    _, text = appointment()
    intake = text.split("Average intake over 6 planned days", 1)[1].split("Supplement schedule", 1)[0]
    average = summarize_week(ZOE, sample_week(), FOODS, RECIPES).average
    calcium = average["calcium_mg"].total
    # Tablets on six nights: 3,600 mg over 6 planned days is 600 mg a day from supplements.
    assert calcium.from_supplements == 600
    food = format_amount(calcium.value - 600, "calcium_mg")
    assert f"Calcium {food} 600 mg {calcium.describe()}" in intake
    vitamin_d = average["vitamin_d_iu"].total
    assert f"{format_amount(vitamin_d.from_supplements, 'vitamin_d_iu')}" in intake.split("Protein")[0]
    assert "Protein" in intake and "none" in intake.split("Protein", 1)[1]  # no protein from supplements


def test_points_to_discuss_come_from_the_record_and_the_week():
    _, text = appointment()
    points = text.split("Points to talk about", 1)[1].split("Questions for my care team", 1)[0]
    assert "The next denosumab dose was due on 20 Nov 2026, 15 days ago." in points
    assert "T-score at or below −2.5 on 22 Jan 2026 (lumbar spine −2.6)" in points
    assert "Lumbar spine T-score −2.0 on 20 Jan 2025, −2.6 on 22 Jan 2026: a fall of 0.6." in points
    assert "2 falls in the year to 14 Oct 2026." in points
    assert "No resistance exercise recorded" in points
    assert "protein" not in points.split("Main meals with less than 20 g of protein")[0].casefold().replace(
        "main meals", "")  # a floor exceeded is never a point (protein above 1.2 g/kg)


def test_one_page_or_two_and_large_print_still_prints():
    pages, _ = appointment()
    assert 1 <= len(pages) <= 2
    assert "Questions for my care team" in pages[-1]
    large, text = appointment(PageSetup("A4", large_print=True))
    assert "Questions for my care team" in text and len(large) >= len(pages)


def test_nothing_recorded_says_so():
    _, text = appointment(rec=HealthRecord())
    for label in ("Aromatase inhibitor", "Bone-modifying drug", "FRAX 10-year risk", "Falls in the last year",
                  "Exercise a week"):  # fmt: skip
        assert f"{label} not recorded" in text


def test_the_summary_comes_first_and_the_references_last_on_one_page():
    data = week_pdf(ZOE, sample_week(), FOODS, RECIPES, prepared=PREPARED, records={ZOE.id: record()})
    pages = pdf_pages(data)
    assert "Appointment summary" in pages[0][:300]
    references = [p for p in pages if "References" in p[:300]]
    assert len(references) == 1 and references[0] is pages[-1]
    assert "1. ASCO 2019: Shapiro CL" in " ".join(references[0].split())
    assert "Sources of every target" not in " ".join(pages)  # no more pages of citations mid-document
