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
INPUTS = ("food_groups.csv", "sr24_group_rules.csv", "k2_menaquinones.csv", "supplements.csv")

spec = importlib.util.spec_from_file_location("rebuild_foods", ROOT / "tools" / "rebuild_foods.py")
rebuild_foods = importlib.util.module_from_spec(spec)
sys.modules["rebuild_foods"] = rebuild_foods  # dataclasses look their module up here
spec.loader.exec_module(rebuild_foods)


def tiny_jar() -> bytes:
    """A zip laid out like usda_sr24.jar, holding only the fixture files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as jar:
        for path in sorted(FIXTURES.iterdir()):
            jar.writestr(zipfile.ZipInfo(f"usda_sr24/{path.name}", (2021, 8, 26, 5, 49, 0)), path.read_bytes())
    return buffer.getvalue()


def tiny_resources(folder: Path, k2_lines: list[str] | None = None) -> Path:
    """The reviewed inputs, with the K2 map cut down to the fixture foods."""
    folder.mkdir()
    for name in INPUTS:
        shutil.copy(RESOURCES / name, folder / name)
    fixture_ids = {p.stem for p in FIXTURES.glob("*.xml")}
    with (RESOURCES / "k2_food_map.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["food_id"] in fixture_ids]
    with (folder / "k2_food_map.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["row_id", "food_id", "factor", "reason"])
        writer.writeheader()
        writer.writerows(rows)
        for line in k2_lines or []:
            handle.write(line + "\n")
    return folder


def build(tmp_path: Path, name: str = "foods.sqlite", resources: Path | None = None) -> Path:
    resources = resources or tiny_resources(tmp_path / f"res-{name}")
    out = tmp_path / name
    jar = tiny_jar()
    rebuild_foods.rebuild(jar, "tiny.jar", hashlib.sha256(jar).hexdigest(), resources, out, "test")
    return out


def test_tiny_rebuild_stores_what_the_xml_says(tmp_path):
    out = build(tmp_path)
    with FoodStore(out) as store:
        assert store.meta["food_count"] == "16"
        assert store.meta["deprecated_skipped"] == "1"  # 03266; 13156 is listed in both and kept
        assert store.get("03266") is None and store.get("13156") is not None
        milk = store.get("01079")
        assert milk.nutrients["calcium_mg"] == 120.0 and milk.nutrients["vitamin_d_iu"] == 49.0
        assert milk.nutrients["vitamin_k1_ug"] == 0.2 and "vitamin_k2_ug" not in milk.nutrients
        assert "vitamin_k1_ug" not in store.get("20038").nutrients  # absent stays unknown
        assert store.get("43130").group == "Legumes and Legume Products"
        assert store.get("23572").group == "Beef Products"
        natto = store.get("16113")
        assert (natto.k2.row_id, natto.k2.ug_per_100g) == (23, 939.0)  # verified beats unverified
        assert store.get("01123").k2.ug_per_100g == pytest.approx(0.34 * 15.5)
        assert len(store.supplements()) == 12
        assert store.search("cheddar")[0].food_id == "01009"
    provenance = (tmp_path / "res-foods.sqlite" / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "public domain" in provenance and "16 current foods" in provenance


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
    with pytest.raises(rebuild_foods.RebuildError, match="no SR24 food"):
        build(tmp_path, resources=tiny_resources(tmp_path / "b", ["1,99999,,no such food"]))


def test_unknown_sr_nutrient_is_refused():
    xml = b'<food uid="01001" name="Butter"><nutrient amount="1.0" name="Vitamin Q"/></food>'
    with pytest.raises(rebuild_foods.RebuildError, match="Vitamin Q"):
        rebuild_foods.parse_food_xml(xml, "01001")
    with pytest.raises(rebuild_foods.RebuildError, match="does not describe"):
        rebuild_foods.parse_food_xml(xml, "01002")


def test_k2_choice_rule():
    rows = {
        "unverified total": {"row_id": "1", "verification": "unverified", "country_of_sample": "Netherlands",
                             "total_mk_ug_per_100g": "10"},
        "verified part": {"row_id": "2", "verification": "verified (abstract)", "country_of_sample": "Japan",
                          "total_mk_ug_per_100g": ""},
        "unverified US part": {"row_id": "3", "verification": "unverified", "country_of_sample": "USA",
                               "total_mk_ug_per_100g": ""},
    }
    candidates = [(r, 1.0) for r in rows.values()]
    assert rebuild_foods.choose_k2(candidates) == 1  # evidence first
    assert rebuild_foods.choose_k2([candidates[0], candidates[2]]) == 1  # then a US sample


def test_shipped_store_was_built_from_the_committed_inputs():
    """Editing a reviewed CSV without rebuilding would leave the shipped store stale."""
    with FoodStore(reference_db_path()) as store:
        meta = store.meta
        kinds = {f.kind for f in store.supplements()}
    for key, name in (("k2_table_sha256", "k2_menaquinones.csv"), ("k2_map_sha256", "k2_food_map.csv"),
                      ("supplements_sha256", "supplements.csv")):
        assert meta[key] == hashlib.sha256((RESOURCES / name).read_bytes()).hexdigest(), name
    assert kinds == {FoodKind.SUPPLEMENT}
    provenance = (RESOURCES / "PROVENANCE.md").read_text(encoding="utf-8")
    assert meta["content_sha256"] in provenance
    assert meta["rebuild_command"] in provenance
    assert hashlib.sha256(reference_db_path().read_bytes()).hexdigest() in provenance


def test_every_mapped_k2_food_exists_and_every_line_has_a_reason():
    with (RESOURCES / "k2_food_map.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    conn = sqlite3.connect(reference_db_path().resolve().as_uri() + "?mode=ro", uri=True)
    known = {r[0] for r in conn.execute("SELECT id FROM foods")}
    conn.close()
    assert rows and all(r["food_id"] in known and r["reason"].strip() for r in rows)
