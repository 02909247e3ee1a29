"""One week, three readers: the window, ``plan totals --week --json`` and the PDF say the same thing.

The week mixes what used to disagree: empty days (the average is over the planned
days), a custom food without most nutrients (no data, never zero), protein above
its range (a floor: target met), a day over the calcium upper limit (the serious
warning first) and light main meals (notes, grouped with a count).
"""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess

import pytest

from bonewise.cli import main
from bonewise.core import edits, phrases
from bonewise.core.foods import Measure
from bonewise.core.nutrients import TARGET_KEYS, label_of
from bonewise.core.plan import IsoWeek, Person, WeekPlan
from bonewise.core.summary import LINE_KEYS, summarize_week
from bonewise.paths import reference_db_path
from bonewise.store.foodstore import FoodStore
from bonewise.store.repository import Repository

from bonewise.ui import app
from bonewise.ui.gauges.findings import FindingRole, SymbolRole
from bonewise.ui.settings import SettingsStore

WEEK = IsoWeek(2026, 49)
MON, TUE, _, THU = WEEK.dates()[:4]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def folder(data_dir):
    """Ana's week 49: Monday, Tuesday and Thursday planned, the other days empty."""
    with Repository.open(data_dir) as repo, FoodStore(reference_db_path(), repo.custom_foods) as foods:
        ana = repo.save_person(Person(name="Ana", weight_kg=64.0, birth_year=1985))
        drink = foods.add_custom("Oma's calcium drink", {"calcium_mg": 120.0}, [Measure("glass", 250.0)])
        food = foods.get
        plan = WeekPlan.empty(ana.id, WEEK)
        for date, slot, food_id, text in [
            (MON, "breakfast", "01079", "1 cup"),  # milk
            (MON, "breakfast", drink.id, "1 glass"),  # calcium only: the rest unknown
            (MON, "lunch", "05064", "250 g"),  # chicken: protein above 64.0–76.8 g
            (MON, "dinner", "11233", "1 cup"),  # kale
            (TUE, "breakfast", "01009", "30 g"),  # cheddar: a light main meal
            (TUE, "breakfast", "sup-calcium-carbonate-600", "1 tablet"),
            (TUE, "lunch", "sup-calcium-carbonate-600", "1 tablet"),
            (TUE, "dinner", "sup-calcium-carbonate-600", "1 tablet"),
            (TUE, "bedtime", "sup-calcium-carbonate-600", "1 tablet"),  # 2,400 mg + cheese
            (TUE, "lunch", "05064", "250 g"),
            (THU, "lunch", "05064", "250 g"),
            (THU, "lunch", "15088", "1 can"),  # sardines
            (THU, "dinner", "16113", "20 g"),  # natto
        ]:
            plan, _ = edits.place(plan, date, slot, phrases.entry_from_text(food(food_id), text))
        repo.save_week(plan)
    store = SettingsStore.in_folder(data_dir)
    store.save(dataclasses.replace(store.load(), last_person_id=ana.id, last_week=WEEK, gauge_view="week"))
    return data_dir


def window_reading(window, key):
    """What the window shows for one line: its reading and its accessible sentence."""
    widget = window.gauges.gauge(key) if key in TARGET_KEYS else window.gauges.chip(key)
    return widget.reading, widget.accessibleDescription()


def window_warnings(window) -> list[tuple[str, str, list[str]]]:
    """Each row of the warnings list as shown (its mark, a heading or a lone finding) with its findings."""
    model = window.gauges.findings_model()
    rows = []
    for row in range(model.rowCount()):
        top = model.index(row, 0)
        children = [model.index(i, 0, top).data() for i in range(model.rowCount(top))]
        rows.append((top.data(SymbolRole), top.data(), children or [top.data(FindingRole).message]))
    return rows


def totals_json(capsys, folder, person: str) -> dict:
    """What ``bonewise plan totals --json`` says of the person's week 49."""
    assert main(["--data-dir", str(folder), "plan", "totals", "--person", person, "--week", str(WEEK),
                 "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_window_the_json_and_the_pdf_agree(qtbot, folder, capsys, tmp_path):
    session = app.open_window(folder, today=lambda: TUE)  # week 49 is the week being planned
    window = session.window
    qtbot.add_widget(window)
    try:
        assert window.gauges.showing_week()
        shown = {key: window_reading(window, key) for key in LINE_KEYS}
        warnings = window_warnings(window)
        caption = window.gauges._caption.text()
    finally:
        window.close()
        session.close()

    data = totals_json(capsys, folder, "Ana")
    pdf = tmp_path / "week.pdf"
    assert main(["--data-dir", str(folder), "export", "pdf", "--person", "Ana", "--week", str(WEEK),
                 "--out", str(pdf), "--sections", "plan,report,summary"]) == 0
    text = flat(subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
                               capture_output=True, check=True).stdout.decode())

    # Averages over the same planned days.
    assert data["days_planned"] == 3 and caption == data["averaged_over"] == "Daily average of 3 planned days"
    assert "Weekly averages Averaged over the 3 planned days" in text
    assert "Average intake over 3 planned days" in text
    table = text.split("Weekly averages", 1)[1].split("Notes on data coverage", 1)[0]
    headings = [label_of(key).partition(" (")[0] for key in LINE_KEYS]
    for i, key in enumerate(LINE_KEYS):
        line = data["nutrients"][key]
        reading, sentence = shown[key]
        # The same value (null when unknown) and the same status in every reader.
        assert reading.value == line["value"] or reading.value == pytest.approx(line["value"]), key
        assert reading.status.value == line["status"], key
        assert reading.amount_text == line["text"] and line["text"].lower() in sentence.lower(), key
        assert line["status_text"] in sentence.lower() and line["symbol"] in sentence, key
        end = headings[i + 1] if i + 1 < len(headings) else "IOM 2001"
        printed = table.split(headings[i], 1)[1].split(end, 1)[0]
        assert line["text"] in printed and f"{line['symbol']} {line['status_text']}" in printed, key

    # What the issue found: unknown is null, a floor above its range is met, one limit first.
    assert data["nutrients"]["vitamin_d_iu"]["value"] is not None  # milk and kale have data…
    protein = data["nutrients"]["protein_g"]
    assert protein["value"] > protein["target"]["high"] and protein["status"] == "met"
    assert data["nutrients"]["calcium_mg"]["status"] != "no_data"
    assert data["warnings"][0]["kind"] == "upper_limit"
    limit = data["nutrients"]["calcium_mg"]["limit"]
    assert (limit["value"], limit["applies_to"]) == (2500.0, "ages 19–50")  # born 1985
    assert "limit 2,500 mg (ages 19–50)" in table

    # The same warnings, in the same order, grouped the same way.
    assert len(warnings) == len(data["warnings"])
    points = text.split("Points to talk about", 1)[1]
    place = -1
    for (mark, heading, messages), group in zip(warnings, data["warnings"], strict=True):
        assert mark == group["symbol"]
        assert messages == [f["message"] for f in group["findings"]]
        expected = f"{group['title']}: {group['count']}" if group["count"] > 1 else messages[0]
        assert heading == expected
        # On paper a kind found on several days is one line with its count; a lone finding prints whole.
        dated = [f for f in group["findings"] if f["date"]]
        said = f"{group['title']}: {len(dated)}" if len(dated) > 1 else flat(messages[0])
        printed = f"{mark} {said}"
        assert printed in points, printed
        assert points.index(printed) > place  # heaviest first on paper too
        place = points.index(printed)

    # A heavy calcium sitting is a note: the week plan on paper marks its meal as the list does.
    sitting = next(g for g in data["warnings"] if g["kind"] == "calcium_per_sitting")
    assert sitting["symbol"] == "ℹ"
    plan_page = text.split("Week plan for Ana", 1)[1].split("Nutrient report", 1)[0]
    assert re.search(rf"{sitting['symbol']} [\d,]+ mg calcium in one sitting", plan_page)
    assert f"{sitting['symbol']} more calcium in one sitting than the body absorbs well" in plan_page  # legend


@pytest.fixture
def partly_known(data_dir):
    """Bea's Monday: calcium inside its band and sodium under its ceiling from the foods with data,
    vitamin D short of its floor, and a cake with no data for any of them."""
    with Repository.open(data_dir) as repo, FoodStore(reference_db_path(), repo.custom_foods) as foods:
        bea = repo.save_person(Person(name="Bea", weight_kg=60.0, birth_year=1960))
        cake = foods.add_custom("Auntie's cake", {"energy_kcal": 380.0}, [Measure("slice", 80.0)])
        plan = WeekPlan.empty(bea.id, WEEK)
        for slot, food_id, text in [
            ("breakfast", "01079", "1 cup"),  # milk
            ("breakfast", cake.id, "1 slice"),  # nothing known but its energy
            ("lunch", "15088", "1 can"),  # sardines
            ("dinner", "sup-calcium-carbonate-600", "1 tablet"),
        ]:
            plan, _ = edits.place(plan, MON, slot, phrases.entry_from_text(foods.get(food_id), text))
        repo.save_week(plan)
    store = SettingsStore.in_folder(data_dir)
    store.save(dataclasses.replace(store.load(), last_person_id=bea.id, last_week=WEEK, gauge_view="week"))
    return data_dir


SO_FAR = {"calcium_mg": "met_so_far", "sodium_mg": "under_so_far", "vitamin_d_iu": "below_so_far"}


def test_what_foods_without_data_could_change_reads_so_far_in_every_reader(qtbot, partly_known, capsys, tmp_path):
    session = app.open_window(partly_known, today=lambda: MON)
    window = session.window
    qtbot.add_widget(window)
    try:
        shown = {key: window_reading(window, key) for key in SO_FAR}
        warnings = window_warnings(window)
    finally:
        window.close()
        session.close()

    week = ["--data-dir", str(partly_known), "plan", "totals", "--person", "Bea", "--week", str(WEEK)]
    assert main([*week, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert main(week) == 0
    table = capsys.readouterr().out
    pdf = tmp_path / "week.pdf"
    assert main(["--data-dir", str(partly_known), "export", "pdf", "--person", "Bea", "--week", str(WEEK),
                 "--out", str(pdf), "--sections", "report"]) == 0
    text = flat(subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
                               capture_output=True, check=True).stdout.decode())

    for key, status in SO_FAR.items():
        line = data["nutrients"][key]
        reading, sentence = shown[key]
        assert line["status"] == reading.status.value == status, key
        said = f"{line['symbol']} {line['status_text']}"
        assert line["status_text"].endswith("so far") and line["coverage"]["unknown"] > 0, key
        assert said.lower() in sentence.lower() and said in table and said in text, key
        assert line["text"].startswith("at least"), key
    # The shortfall is still a finding, said as one that the cake may make up.
    below = next(g for g in data["warnings"] if g["kind"] == "below_target")
    vitamin_d = next(f["message"] for f in below["findings"] if f["nutrient"] == "vitamin_d_iu")
    assert "below the target of at least 800–1,000 IU (20–25 µg) so far" in vitamin_d
    assert any(vitamin_d in messages for _, _, messages in warnings)
    assert vitamin_d in flat(table)  # the command line prints each finding whole


def test_after_edits_undo_and_changed_foods_the_window_shows_the_week_afresh(qtbot, folder, capsys):
    """The window summarises again only the days an edit changed; whatever else changed (undo,
    redo, the person, a custom food that untouched days use), it shows what a summary made
    from scratch over the stored week shows, and so does ``plan totals``."""
    session = app.open_window(folder, today=lambda: TUE)
    window = session.window
    qtbot.add_widget(window)
    doc = window.document
    drink = next(e.food_id for e in doc.week.day(MON).entries("breakfast") if e.food_id.startswith("u"))

    def shown_is_fresh():
        stored = doc.repo.week(doc.person.saved_id, WEEK)
        fresh = summarize_week(doc.person, stored, FoodStore(reference_db_path(), doc.repo.custom_foods), {})
        assert window.presenter.summary == fresh
        assert {key: window_reading(window, key)[0] for key in LINE_KEYS} == dict(fresh.average)
        return fresh

    try:
        first = shown_is_fresh()
        chicken = doc.week.day(THU).entries("lunch")[0]
        assert doc.change_entry(chicken.id, dataclasses.replace(chicken, grams=100.0))
        edited = shown_is_fresh()
        assert edited.day(THU)["protein_g"] != first.day(THU)["protein_g"]
        doc.undo_stack.undo()
        assert shown_is_fresh() == first
        doc.undo_stack.redo()
        assert shown_is_fresh() == edited
        # The drink is on Monday only; the edits were on Thursday.
        food = doc.foods.get(drink)
        doc.foods.update_custom(dataclasses.replace(food, nutrients={"calcium_mg": 480.0, "protein_g": 9.0}))
        window.browser.foods_changed.emit(drink)
        richer = shown_is_fresh()
        assert richer.day(MON)["calcium_mg"].total.value > edited.day(MON)["calcium_mg"].total.value
        doc.save_person(dataclasses.replace(doc.person, on_warfarin=True, weight_kg=80.0))
        warfarin = shown_is_fresh()
        assert any(f.kind == "natto_warfarin" for f in warfarin.findings)
        shown = {key: window_reading(window, key)[0] for key in LINE_KEYS}
    finally:
        window.close()
        session.close()

    data = totals_json(capsys, folder, "Ana")
    for key in LINE_KEYS:
        line = data["nutrients"][key]
        assert shown[key].value == line["value"] or shown[key].value == pytest.approx(line["value"]), key
        assert (shown[key].status.value, shown[key].amount_text) == (line["status"], line["text"]), key
