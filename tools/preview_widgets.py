"""Show the gauge panel and the food browser with realistic data, to look at them.

    .venv/bin/python tools/preview_widgets.py [--font-size PT] [--scenario full|empty|over]
        [--data-dir DIR] [--screenshot FILE]

The gauge panel gets a week planned from a handful of foods (values per 100 g
rounded from USDA SR24; the natto and cheese K2 figures from the K2 table), read
by the real core (totals, targets, gauge readings, checks). The food browser
opens the real food store when one is available.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QSplitter, QWidget

from bonewise.core.foods import Food, FoodKind, K2Estimate, Measure
from bonewise.core.plan import DayPlan, Entry, IsoWeek, Person, WeekPlan
from bonewise.core.summary import summarize_week

from bonewise.ui.gauges.panel import GaugePanel

SR = "USDA SR24"


def _food(fid, name, group, nutrients, measures=(), kind=FoodKind.REFERENCE, k2=None):
    return Food(fid, name, kind, group, group, nutrients, tuple(measures), k2, SR)


FOODS = {
    f.id: f
    for f in (
        _food("01118", "Yogurt, plain, low fat", "Dairy and Egg Products",
              {"calcium_mg": 183, "vitamin_d_iu": 1, "magnesium_mg": 17, "protein_g": 5.3,
               "sodium_mg": 70, "fiber_g": 0, "caffeine_mg": 0},
              [Measure("cup (8 fl oz)", 245)]),
        _food("12061", "Nuts, almonds", "Nut and Seed Products",
              {"calcium_mg": 269, "vitamin_d_iu": 0, "magnesium_mg": 270, "protein_g": 21.2,
               "fiber_g": 12.5, "omega3_g": 0.003, "sodium_mg": 1, "caffeine_mg": 0},
              [Measure("oz (23 whole kernels)", 28.4)]),
        _food("14209", "Coffee, brewed from grounds", "Beverages",
              {"calcium_mg": 2, "vitamin_d_iu": 0, "magnesium_mg": 3, "protein_g": 0.1,
               "caffeine_mg": 40, "sodium_mg": 2, "fiber_g": 0},
              [Measure("cup (8 fl oz)", 237)]),
        _food("15088", "Sardines, canned in oil, drained", "Finfish and Shellfish Products",
              {"calcium_mg": 382, "vitamin_d_iu": 193, "magnesium_mg": 39, "protein_g": 24.6,
               "omega3_g": 1.48, "sodium_mg": 307, "fiber_g": 0, "caffeine_mg": 0},
              [Measure("can (3.75 oz)", 92)]),
        _food("11233", "Kale, raw", "Vegetables and Vegetable Products",
              {"calcium_mg": 150, "vitamin_d_iu": 0, "magnesium_mg": 47, "protein_g": 4.3,
               "vitamin_k1_ug": 705, "fiber_g": 3.6, "sodium_mg": 38, "caffeine_mg": 0},
              [Measure("cup, chopped", 67)]),
        _food("16127", "Tofu, firm, prepared with calcium sulfate", "Legumes and Legume Products",
              {"calcium_mg": 683, "magnesium_mg": 58, "protein_g": 15.8, "fiber_g": 2.3,
               "sodium_mg": 14, "omega3_g": 0.58, "caffeine_mg": 0},
              [Measure("cup", 252, 2.0)]),
        _food("16113", "Natto", "Legumes and Legume Products",
              {"calcium_mg": 217, "vitamin_d_iu": 0, "magnesium_mg": 115, "protein_g": 19.4,
               "fiber_g": 5.4, "sodium_mg": 7, "caffeine_mg": 0},
              [Measure("tablespoon", 20)],
              k2=K2Estimate(939, "Kamao et al. 2007", "verified (abstract)", 23,
                            "Natto (fermented soybeans)")),
        _food("01022", "Cheese, gouda", "Dairy and Egg Products",
              {"calcium_mg": 700, "vitamin_d_iu": 20, "magnesium_mg": 29, "protein_g": 24.9,
               "sodium_mg": 819, "fiber_g": 0, "caffeine_mg": 0},
              [Measure("oz", 28.35)],
              k2=K2Estimate(75.9, "Schurgers & Vermeer 2000", "unverified", 2, "Hard cheese")),
        _food("15236", "Salmon, Atlantic, farmed, cooked", "Finfish and Shellfish Products",
              {"calcium_mg": 15, "vitamin_d_iu": 526, "magnesium_mg": 30, "protein_g": 22.1,
               "omega3_g": 2.59, "sodium_mg": 61, "fiber_g": 0, "caffeine_mg": 0},
              [Measure("fillet", 178)]),
        _food("u1", "Oma’s lentil soup", "Soups", {"protein_g": 6.1, "calcium_mg": 22, "fiber_g": 4.0},
              [Measure("bowl", 250)], kind=FoodKind.CUSTOM),
        _food("sup-caco3-600", "Calcium carbonate 600 mg", "Supplements",
              {"calcium_mg": 60_000}, [Measure("tablet", 1)], kind=FoodKind.SUPPLEMENT),  # 600 mg/tablet
    )
}

def e(food_id: str, grams: float) -> Entry:
    return Entry(food_id, grams)


def full_day(date: dt.date, heavy_dinner: bool = True) -> DayPlan:
    meals = {
        "breakfast": (e("01118", 170), e("12061", 28.4), e("14209", 237)),
        "morning-snack": (e("sup-caco3-600", 0.5),),
        "lunch": (e("15088", 46), e("11233", 67), e("16113", 10)),
        "afternoon-snack": (e("01022", 28),),
        "dinner": ((e("16127", 60), e("15236", 120), e("u1", 250)) if heavy_dinner
                   else (e("15236", 120), e("u1", 250))),
    }
    return DayPlan(date, meals)


def build_week(scenario: str) -> WeekPlan:
    week = IsoWeek(2026, 49)
    days = []
    for i, date in enumerate(week.dates()):
        if scenario == "empty":
            days.append(DayPlan(date))
        elif scenario == "over":
            day = full_day(date)
            days.append(DayPlan(date, {**day.meals, "bedtime": (e("sup-caco3-600", 1),)}))
        else:
            days.append(full_day(date, heavy_dinner=i % 2 == 0) if i < 5 else DayPlan(date))
    return WeekPlan(1, week, tuple(days))


def feed_panel(panel: GaugePanel, scenario: str) -> None:
    person = Person("Zoë", 1, weight_kg=64.0)
    week = build_week(scenario)
    panel.set_view(summarize_week(person, week, FOODS, {}), week.days[0].date)


def open_store(data_dir: Path | None):
    try:
        from bonewise.store.foodstore import FoodStore
    except ImportError:
        return None
    try:
        return FoodStore.open(data_dir)
    except Exception as error:  # the preview runs without a store if none is built yet
        print(f"food store not available: {error}", file=sys.stderr)
        return None


def show_dialog(store, parent) -> None:
    from bonewise.ui.foodbrowser.customfood import CustomFoodDialog

    dialog = CustomFoodDialog(store, None, parent)
    dialog._name.setText("Oma’s Linsensuppe")
    dialog._fields["calcium_mg"].setText("38")
    dialog._fields["protein_g"].setText("6,1")
    dialog._fields["vitamin_d_iu"].setText("lots")
    dialog._measures.rows()[0][0].setText("bowl")
    dialog._measures.rows()[0][1].setText("250")
    dialog.show()
    dialog.accept()  # shows the message about "lots" and keeps the dialog open
    parent._dialog = dialog


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--font-size", type=float, default=0.0)
    parser.add_argument("--scenario", choices=("full", "empty", "over"), default="full")
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--search", default="yogurt")
    parser.add_argument("--dialog", action="store_true",
                        help="also open the custom-food dialog, with a typing mistake in it")
    parser.add_argument("--screenshot", type=Path, help="save a PNG of the window and quit")
    args = parser.parse_args(argv)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    if args.font_size:
        font = QFont(app.font())
        font.setPointSizeF(args.font_size)
        app.setFont(font)
    window = QWidget()
    window.setWindowTitle("Bonewise — widget preview")
    splitter = QSplitter()
    store = open_store(args.data_dir)
    if store is not None:
        from bonewise.ui.foodbrowser.browser import FoodBrowser

        browser = FoodBrowser(store)
        browser.search_field().setText(args.search)
        browser.search_now()
        browser.food_activated.connect(lambda fid: print("activated", fid))
        splitter.addWidget(browser)
        if args.dialog:
            QTimer.singleShot(200, lambda: show_dialog(store, window))
    else:
        splitter.addWidget(QLabel("(no food store yet)"))
    panel = GaugePanel()
    panel.finding_activated.connect(lambda d, s: print("finding", d, s))
    feed_panel(panel, args.scenario)
    splitter.addWidget(panel)
    splitter.setSizes([700, 480])
    layout = QHBoxLayout(window)
    layout.addWidget(splitter)
    window.resize(1300, 860)
    window.show()
    if args.screenshot:
        QTimer.singleShot(400, lambda: (window.grab().save(str(args.screenshot)), app.quit()))
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
