"""Rebuild the shipped reference food store from USDA SR24 as packaged by Debian.

One command (run from the repository root)::

    apt-get download cronometer          # cronometer_0.9.9+dfsg1-1_all.deb
    .venv/bin/python tools/rebuild_foods.py --deb cronometer_0.9.9+dfsg1-1_all.deb

``--jar usr/share/cronometer/usda_sr24.jar`` takes the jar from an unpacked package
instead. Inputs besides SR24, all reviewed by hand and kept in ``resources/``:
``food_groups.csv`` (SR24 groups and shopping aisles), ``sr24_group_rules.csv`` (groups
for ids outside the numbered group ranges), ``k2_menaquinones.csv`` with
``k2_food_map.csv`` (vitamin K2), and ``supplements.csv``. Output:
``resources/foods.sqlite`` and ``resources/PROVENANCE.md``. The same inputs give the
same file.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import math
import sys
import tarfile
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from bonewise.core.foods import FoodKind, Measure  # noqa: E402
from bonewise.core.nutrients import BY_KEY, BY_SR_NAME  # noqa: E402
from bonewise.store.foodbuild import (  # noqa: E402
    BuildFood,
    FoodGroup,
    K2Link,
    write_reference_db,
)
from bonewise.store.foodtext import fold  # noqa: E402

JAR_IN_DEB = "usr/share/cronometer/usda_sr24.jar"
SR_DIR = "usda_sr24/"
SR_SOURCE = "USDA SR24"
SUPPLEMENT_SOURCE = "Typical label dose (Bonewise supplement list)"
SUPPLEMENT_GROUP = "sup"

# Which K2 row wins when several describe one food (see PROVENANCE.md).
EVIDENCE_RANK = {
    "verified (abstract)": 0,
    "verified (secondary)": 1,
    "derived from secondary": 2,
    "unverified": 3,
}
MK_FORMS = ("mk4", "mk5", "mk6", "mk7", "mk8", "mk9", "mk10")


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


# ---------------------------------------------------------------------------- K2


def k2_value(row: Mapping[str, str]) -> tuple[float, str] | None:
    """Menaquinone content of one K2 table row and a note on what it covers.

    Rows whose only number includes K1 (total vitamin K) or is a range give no K2
    value: counting them would count phylloquinone as K2.
    """
    total = row.get("total_mk_ug_per_100g", "").strip()
    if total:
        return float(total), ""
    forms = [(f, row.get(f"{f}_ug_per_100g", "").strip()) for f in MK_FORMS]
    given = [(f, float(v)) for f, v in forms if v]
    if not given:
        return None
    names = ", ".join(f"MK-{f[2:]}" for f, _ in given)
    value = round(sum(v for _, v in given), 4)
    if len(given) == 1:
        return value, f"Only {names} was reported; any other menaquinones are not included."
    return value, f"Sum of {names}; any other menaquinones were not reported and are not included."


def choose_k2(candidates: Sequence[tuple[Mapping[str, str], float]]) -> int:
    """Index of the winning candidate (row, value): best evidence, then a US sample
    (SR24 describes US foods), then a reported total over a partial sum, then the lowest row."""

    def key(item: tuple[int, tuple[Mapping[str, str], float]]):
        _, (row, _) = item
        return (
            EVIDENCE_RANK[row["verification"]],
            not row["country_of_sample"].startswith("USA"),
            not row["total_mk_ug_per_100g"].strip(),
            int(row["row_id"]),
        )

    return min(enumerate(candidates), key=key)[0]


def build_k2_links(
    source_rows: Sequence[Mapping[str, str]], mapping_rows: Sequence[Mapping[str, str]], food_ids: set[str]
) -> list[K2Link]:
    by_row = {int(r["row_id"]): r for r in source_rows}
    per_food: dict[str, list[tuple[Mapping[str, str], float, str, str, float]]] = {}
    for line, m in enumerate(mapping_rows, start=2):
        row_id, food_id = int(m["row_id"]), m["food_id"].strip()
        if row_id not in by_row:
            raise RebuildError(f"k2_food_map.csv line {line}: no K2 row {row_id}")
        if food_id not in food_ids:
            raise RebuildError(f"k2_food_map.csv line {line}: no SR24 food {food_id}")
        row = by_row[row_id]
        if row["verification"] not in EVIDENCE_RANK:
            raise RebuildError(f"k2_food_map.csv line {line}: row {row_id} has no value ({row['verification']})")
        found = k2_value(row)
        if found is None:
            raise RebuildError(
                f"k2_food_map.csv line {line}: row {row_id} gives no menaquinone value "
                "(only total vitamin K including K1, or a range)"
            )
        factor = float(m["factor"]) if m["factor"].strip() else 1.0
        if not (0 < factor <= 1):
            raise RebuildError(f"k2_food_map.csv line {line}: factor must be in (0, 1]")
        value, coverage = found
        if any(existing[0] is row for existing in per_food.get(food_id, [])):
            raise RebuildError(f"k2_food_map.csv line {line}: row {row_id} mapped twice to {food_id}")
        per_food.setdefault(food_id, []).append((row, value, coverage, m["reason"].strip(), factor))

    links = []
    for food_id, entries in sorted(per_food.items()):
        winner = choose_k2([(row, value) for row, value, *_ in entries])
        for i, (row, value, coverage, reason, factor) in enumerate(entries):
            country = row["country_of_sample"].replace("?", " (uncertain)").strip()
            notes = [f"Sample: {country or 'not stated'}."]
            if factor != 1.0:
                notes.append(f"Derived: {factor:g} × the value for “{row['food_description']}”.")
            if coverage:
                notes.append(coverage)
            if value == 0:
                notes.append("0 means below the detection limit of that study.")
            if i == winner:
                others = [
                    f"{round(v * f, 2):g} ({r['source_short']}, {r['verification']})"
                    for j, (r, v, _, _, f) in enumerate(entries)
                    if j != winner
                ]
                if others:
                    notes.append("Other sources for this food: " + "; ".join(others) + ".")
            links.append(
                K2Link(
                    food_id=food_id,
                    row_id=int(row["row_id"]),
                    ug_per_100g=round(value * factor, 3),
                    source=row["source_short"],
                    evidence=row["verification"],
                    description=row["food_description"],
                    note=" ".join(notes),
                    reason=reason,
                    chosen=i == winner,
                )
            )
    return links


# ---------------------------------------------------------------------------- supplements


def read_supplements(path: Path) -> tuple[list[BuildFood], list[K2Link]]:
    """Supplements as foods: each dose weighs a nominal 1 g, so per 100 g = 100 × per dose."""
    foods, links = [], []
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
            links.append(
                K2Link(r["id"], 0, nutrients["vitamin_k2_ug"], "Product label (nominal dose)",
                       "label", f"Menaquinone-7 (MK-7), {per_dose:g} µg per {dose}",
                       r["note"], "supplement label", True)
            )
    return foods, links


# ---------------------------------------------------------------------------- main


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def rebuild(
    jar_bytes: bytes, archive_name: str, archive_sha: str, resources: Path, out: Path, command: str
) -> dict[str, str]:
    """Read every input, write the store and PROVENANCE.md; returns the store's meta table."""
    jar = zipfile.ZipFile(io.BytesIO(jar_bytes))
    sr_foods, deprecated_skipped = read_sr24(jar)
    groups = read_groups(resources / "food_groups.csv")
    codes = {g.code for g in groups}
    rules = read_group_rules(resources / "sr24_group_rules.csv")
    used_rules: set[GroupRule] = set()
    foods = []
    for f in sr_foods:
        code, rule = group_of(f.id, f.name, rules, codes)
        if code not in codes:
            raise RebuildError(f"{f.id}: group {code} is not in food_groups.csv")
        if rule is not None:
            used_rules.add(rule)
        foods.append(BuildFood(f.id, f.name, FoodKind.REFERENCE, code, SR_SOURCE, f.nutrients, f.measures))
    k2_csv = resources / "k2_menaquinones.csv"
    k2_map = resources / "k2_food_map.csv"
    supplements_csv = resources / "supplements.csv"
    k2_rows = read_csv(k2_csv)
    k2_links = build_k2_links(k2_rows, read_csv(k2_map), {f.id for f in foods})
    supplements, supplement_links = read_supplements(supplements_csv)
    meta = {
        "source": "USDA National Nutrient Database for Standard Reference, Release 24 (SR24)",
        "source_package": archive_name,
        "source_package_sha256": archive_sha,
        "sr24_jar_sha256": sha256(jar_bytes),
        "deprecated_skipped": str(deprecated_skipped),
        "k2_table_sha256": sha256(k2_csv.read_bytes()),
        "k2_map_sha256": sha256(k2_map.read_bytes()),
        "supplements_sha256": sha256(supplements_csv.read_bytes()),
        "rebuild_command": command,
    }
    info = write_reference_db(
        out, [*foods, *supplements], groups,
        k2_links=[*k2_links, *supplement_links], k2_source_rows=k2_rows, meta=meta,
    )
    unused = [r for r in rules if r not in used_rules]
    for r in unused:
        print(f"note: group rule {r.id_prefix},{r.name_head} matched no food", file=sys.stderr)
    write_provenance(resources / "PROVENANCE.md", info, k2_links, out)
    return info


def write_provenance(path: Path, info: Mapping[str, str], k2_links: Iterable[K2Link], db: Path) -> None:
    chosen = [k for k in k2_links if k.chosen]
    by_evidence: dict[str, int] = {}
    for k in chosen:
        by_evidence[k.evidence] = by_evidence.get(k.evidence, 0) + 1
    evidence_lines = "\n".join(f"| {e} | {n} |" for e, n in sorted(by_evidence.items(), key=lambda x: EVIDENCE_RANK[x[0]]))
    text = PROVENANCE_TEMPLATE.format(
        evidence_lines=evidence_lines,
        db_size=f"{db.stat().st_size / 1_048_576:.1f} MB",
        db_sha=sha256(db.read_bytes()),
        **info,
    )
    path.write_text(text, encoding="utf-8")


PROVENANCE_TEMPLATE = """\
# Where the shipped food data comes from

`foods.sqlite` is generated; do not edit it. Rebuild it with the command below.

## USDA SR24

- **Source:** {source}, by the US Department of Agriculture, Agricultural Research Service.
- **Licence:** public domain. USDA food composition data is not copyrighted; Debian's
  `cronometer` package (its `debian/copyright`) records the same.
- **As packaged:** Debian's `cronometer` package, file `usr/share/cronometer/usda_sr24.jar`, a zip
  with one XML file per food (nutrients per 100 g and household measures) and `foods.index`.
  - package: `{source_package}`, SHA-256 `{source_package_sha256}`
  - jar: SHA-256 `{sr24_jar_sha256}`
- **Foods:** {food_count} current foods from `foods.index`; the {deprecated_skipped} retired ids that
  only `deprecated.index` lists are left out.
- **Kept:** every nutrient SR24 gives, under a key that names its unit (`core/nutrients.py`), and
  every household measure with its grams. A nutrient missing from a food's XML is stored as NULL,
  meaning *unknown*, never 0. SR24 "Vitamin D" is in IU (µg = IU / 40). SR24 "Vitamin K" is
  phylloquinone (K1) and is stored as `vitamin_k1_ug`; it is never counted as K2.
  The calorie conversion factors in the XML (`fcf`, `pcf`, `ccf`) are not kept.
- **Food groups:** the SR24 group is the first two digits of the id (`food_groups.csv`, which also
  maps each group to a shopping aisle). The jar has no group file, so ids outside the numbered
  ranges (23…, 27…, 31…, 42–44…, 48…, 80…–93…) get their group from the reviewed table
  `sr24_group_rules.csv`.

## Vitamin K2 (menaquinones)

- **Table:** `k2_menaquinones.csv`, a literature compilation with a `verification` column per row;
  `K2_SOURCES.md` summarises its sources and what each evidence level means.
- **Link to foods:** `k2_food_map.csv`, written by hand after reading the SR24 names, one line per
  (K2 row, SR24 food) with the reason. Nothing is matched by name at run time.
- **Value of a row:** its total menaquinones; if only single forms are given, their sum (a lower
  bound, said so in the note). Rows that give only total vitamin K *including K1* (Fu 2017,
  Koivu-Tikkanen 2000), only a range (Walther 2021), or no data are never used as K2.
- **When several rows describe one food:** best evidence wins (verified from an abstract >
  verified on a secondary page > derived from a secondary page > unverified); then a US sample,
  since SR24 describes US foods; then a reported total over a partial sum; then the lower row id.
  The other values are listed in the food's K2 note. A factor (e.g. 0.34 for the yolk share of a
  whole egg) is applied where the map says so.
- **Foods without a K2 row** are unknown for K2 (NULL), not zero.
- {k2_food_count} foods carry a K2 estimate, by the evidence of the chosen value:

| evidence | foods |
|---|---|
{evidence_lines}

## Supplements

`supplements.csv` lists typical products (calcium carbonate and citrate, vitamin D3, K2 as MK-7,
magnesium) with the elemental amount per dose. Each dose is a measure of nominal weight 1 g, and
the stored values per 100 g are 100 × the amount per dose, so every total is value × grams / 100.
{supplement_count} supplements are included.

## Rebuild

```sh
apt-get download cronometer
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
    parser.add_argument("--resources", type=Path, default=REPO / "resources",
                        help="folder with the reviewed CSV inputs (default: resources/)")
    parser.add_argument("--out", type=Path, help="output database (default: RESOURCES/foods.sqlite)")
    args = parser.parse_args(argv)
    archive: Path = args.deb or args.jar
    data = archive.read_bytes()
    jar_bytes = jar_from_deb(data) if args.deb else data
    option = "--deb" if args.deb else "--jar"
    command = f".venv/bin/python tools/rebuild_foods.py {option} {archive.name}"
    out = args.out or args.resources / "foods.sqlite"
    try:
        info = rebuild(jar_bytes, archive.name, sha256(data), args.resources, out, command)
    except RebuildError as exc:
        print(f"rebuild_foods: {exc}", file=sys.stderr)
        return 1
    print(
        f"wrote {out}: {info['food_count']} foods, {info['supplement_count']} supplements, "
        f"{info['k2_food_count']} with K2; content {info['content_sha256'][:12]}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
