"""Writing the reference food store: schema, search index and checksum.

Used by ``tools/rebuild_foods.py`` (USDA SR24 + K2 + supplements) and by the search
benchmark (a generated store of a million foods), so both have the very same layout.
The app only reads these files; see ``bonewise.store.foodstore``.

Layout, chosen to be compact and fast to read:

- ``foods``: one row per food, one REAL column per nutrient key (NULL = unknown).
  Its integer key ``rank`` is the food's place in a query-independent ranking, so
  the full-text index, whose rowids are these ranks, returns good foods first.
  Beside the nutrients: where the food comes from (``data_type`` and the name the
  source gives it), its WWEIA food category (FNDDS foods), its density for mL → g,
  its usual serving (FDA reference amount, and a larger one at lunch and dinner for
  protein foods) and the household measure a bare count refers to ("2 eggs").
- ``measures``: household measures (amount × name weighs grams).
- ``food_groups``: group code → SR24 group name and shopping aisle.
- ``k2_sources``: the literature K2 table, verbatim; ``k2_estimates``: which rows
  were linked to which food, and the one chosen.
- ``food_fts``: contentless FTS5 index over the head and the rest of each name;
  ``terms``: its vocabulary with document counts and singular stems;
  ``term_deletes``: one-letter deletions of each term, for typo-tolerant search.
- ``aliases``: the reviewed groups of words that name the same food ("courgette",
  "zucchini"), read by search.
- ``meta``: schema version, counts, checksums and provenance.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bonewise.core.foods import FoodKind, Measure, Serving
from bonewise.core.nutrients import KEYS
from bonewise.store.foodtext import MIN_FUZZY_LENGTH, NameWords, deletions, name_words, prior, stem

SCHEMA_VERSION = "3"


@dataclass(frozen=True)
class FoodGroup:
    code: str  # "01", or "sup" for supplements
    name: str  # "Dairy and Egg Products"
    aisle: str  # "Dairy & eggs"


@dataclass(frozen=True)
class BuildFood:
    """A food as the rebuild hands it over; nutrients per 100 g, absent = unknown."""

    id: str
    name: str
    kind: FoodKind
    group_code: str
    source: str
    nutrients: Mapping[str, float] = field(default_factory=dict)
    measures: Sequence[Measure] = ()
    data_type: str = ""  # "SR24", "FNDDS", "FDC branded", "supplement label"
    source_name: str = ""  # the food's name in its source, when the store shows another
    category: str = ""  # WWEIA food category (FNDDS foods and their SR24 twins)
    density_g_ml: float | None = None
    serving: Serving | None = None
    natural_unit: str | None = None  # the measure a bare count means ("large" for eggs)


@dataclass(frozen=True)
class K2Link:
    """A K2 value proposed for a food by one literature row (or a product label)."""

    food_id: str
    row_id: int  # row of k2_menaquinones.csv; 0 for USDA data and a supplement's label
    ug_per_100g: float
    source: str
    evidence: str
    description: str
    note: str
    reason: str
    chosen: bool
    complete: bool = True  # covers every menaquinone the source measured (a reported total)
    country: str = ""  # where the sample came from


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE food_groups (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, aisle TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE foods (
    rank INTEGER PRIMARY KEY,          -- place in the static ranking; rowid of food_fts
    id TEXT NOT NULL UNIQUE,           -- SR number "01079", or "sup-…"
    name TEXT NOT NULL,
    kind TEXT NOT NULL,                -- FoodKind value
    group_code TEXT NOT NULL REFERENCES food_groups(code),
    source TEXT NOT NULL,
    words TEXT NOT NULL,               -- folded words of the name, space-separated
    head_len INTEGER NOT NULL,         -- how many of them form the head
    parts TEXT NOT NULL,               -- where each comma part starts (word indexes)
    places TEXT NOT NULL,              -- each word's place for ranking (foodtext.NameWords)
    prior REAL NOT NULL,               -- static ranking score (lower first)
    data_type TEXT NOT NULL,           -- "SR24", "FNDDS", "FDC branded", "supplement label"
    source_name TEXT NOT NULL,         -- name in the source ("" = same as name)
    category TEXT NOT NULL,            -- WWEIA food category, "" if none
    density_g_ml REAL,                 -- g per mL, NULL = unknown
    serving_g REAL,                    -- usual serving (FDA reference amount) in grams
    main_serving_g REAL,               -- the same at lunch and dinner
    serving_basis TEXT NOT NULL,       -- which reference amount
    natural_unit TEXT,                 -- measure name a bare count refers to
    {nutrient_columns}
);
CREATE TABLE measures (
    rank INTEGER NOT NULL REFERENCES foods(rank),
    seq INTEGER NOT NULL,
    amount REAL NOT NULL,
    name TEXT NOT NULL,
    grams REAL NOT NULL,
    PRIMARY KEY (rank, seq)
) WITHOUT ROWID;
CREATE TABLE k2_estimates (
    food_id TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    ug_per_100g REAL NOT NULL,
    source TEXT NOT NULL,
    evidence TEXT NOT NULL,
    description TEXT NOT NULL,
    note TEXT NOT NULL,
    reason TEXT NOT NULL,
    chosen INTEGER NOT NULL,
    complete INTEGER NOT NULL,         -- 1 = a total of all forms measured, 0 = some forms only
    country TEXT NOT NULL,
    PRIMARY KEY (food_id, source, row_id)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE food_fts USING fts5(
    head, rest, content='', detail=column, prefix='1 2 3 4',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TABLE terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL, stem TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX terms_by_stem ON terms(stem);
CREATE TABLE term_deletes (variant TEXT NOT NULL, term TEXT NOT NULL, PRIMARY KEY (variant, term))
    WITHOUT ROWID;
CREATE TABLE aliases (group_id INTEGER NOT NULL, phrase TEXT NOT NULL, PRIMARY KEY (group_id, phrase))
    WITHOUT ROWID;
"""


def write_reference_db(
    path: Path,
    foods: Iterable[BuildFood],
    groups: Iterable[FoodGroup],
    *,
    k2_links: Iterable[K2Link] = (),
    k2_source_rows: Sequence[Mapping[str, str]] = (),
    aliases: Sequence[Sequence[str]] = (),
    meta: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Write a complete reference store to ``path`` (replacing it) and return its meta table.

    The same input gives the same file: rows go in a fixed order and the file is
    vacuumed. The file is written beside ``path`` and renamed into place at the end.
    """
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp, isolation_level=None)
    try:
        conn.execute("PRAGMA page_size = 4096")
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        nutrient_columns = ",\n    ".join(f"{key} REAL" for key in KEYS)
        conn.executescript(_SCHEMA.format(nutrient_columns=nutrient_columns))
        conn.execute("BEGIN")
        group_list = sorted(groups, key=lambda g: g.code)
        conn.executemany(
            "INSERT INTO food_groups VALUES (?, ?, ?)", [(g.code, g.name, g.aisle) for g in group_list]
        )
        known_groups = {g.code for g in group_list}
        ranked = _rank(foods)
        _insert_foods(conn, ranked, known_groups)
        _insert_terms(conn)
        conn.executemany(
            "INSERT OR IGNORE INTO aliases VALUES (?, ?)",
            [(i, phrase) for i, group in enumerate(aliases) for phrase in group],
        )
        links = sorted(k2_links, key=lambda k: (k.food_id, k.source, k.row_id))
        _insert_k2(conn, links, k2_source_rows, {f.id for _, f, _ in ranked})
        info = {
            "schema_version": SCHEMA_VERSION,
            "food_count": str(sum(1 for _, f, _ in ranked if f.kind is FoodKind.REFERENCE)),
            "supplement_count": str(sum(1 for _, f, _ in ranked if f.kind is FoodKind.SUPPLEMENT)),
            "k2_food_count": str(sum(1 for k in links if k.chosen)),
            **(meta or {}),
        }
        info["content_sha256"] = content_checksum(conn)
        conn.executemany("INSERT INTO meta VALUES (?, ?)", sorted(info.items()))
        conn.execute("INSERT INTO food_fts(food_fts) VALUES ('optimize')")
        conn.execute("COMMIT")
        conn.execute("VACUUM")
    finally:
        conn.close()
    os.replace(tmp, path)
    return info


_Ranked = tuple[int, "BuildFood", tuple[float, NameWords]]  # rank, food, (prior, name words)


def _rank(foods: Iterable[BuildFood]) -> list[_Ranked]:
    scored = []
    seen: set[str] = set()
    for food in foods:
        if food.id in seen:
            raise ValueError(f"food id {food.id} occurs twice")
        seen.add(food.id)
        words = name_words(food.name)
        static = prior(
            food.name,
            words,
            group_code=food.group_code,
            nutrient_count=len(food.nutrients),
            measure_count=len(food.measures),
            # USDA analysed staple SR foods for more nutrients: a hint of commonness among SR foods only.
            reference=food.kind is FoodKind.REFERENCE and food.data_type in ("SR24", ""),
            # An SR24 food that stands for a survey food of the same name is reported eaten too.
            data_type="survey_fndds_food" if food.data_type == "SR24" and food.category else food.data_type,
        )
        scored.append((static, food, words))
    scored.sort(key=lambda item: (item[0], item[1].name.casefold(), item[1].id))
    return [(rank, food, (static, words)) for rank, (static, food, words) in enumerate(scored, 1)]


def _insert_foods(conn: sqlite3.Connection, ranked: Sequence[_Ranked], known_groups: set[str]) -> None:
    base = ("rank", "id", "name", "kind", "group_code", "source", "words", "head_len", "parts", "places", "prior",
            "data_type", "source_name", "category", "density_g_ml", "serving_g", "main_serving_g",
            "serving_basis", "natural_unit")
    placeholders = ", ".join("?" * (len(base) + len(KEYS)))
    columns = ", ".join((*base, *KEYS))
    food_sql = f"INSERT INTO foods ({columns}) VALUES ({placeholders})"
    for rank, food, (static, words) in ranked:
        if food.group_code not in known_groups:
            raise ValueError(f"food {food.id} has unknown group {food.group_code!r}")
        unknown = set(food.nutrients) - set(KEYS)
        if unknown:
            raise ValueError(f"food {food.id} has unknown nutrient keys {sorted(unknown)}")
        values = [food.nutrients.get(key) for key in KEYS]
        serving = food.serving
        conn.execute(
            food_sql,
            (rank, food.id, food.name, food.kind.value, food.group_code, food.source,
             " ".join(words.words), words.head_len, " ".join(map(str, words.parts)),
             " ".join(map(str, words.places)), static,
             food.data_type, food.source_name, food.category, food.density_g_ml,
             serving and serving.grams, serving and serving.main_meal_grams,
             serving.basis if serving else "", food.natural_unit, *values),
        )
        conn.executemany(
            "INSERT INTO measures VALUES (?, ?, ?, ?, ?)",
            [(rank, seq, m.amount, m.name, m.grams) for seq, m in enumerate(food.measures)],
        )
        conn.execute(
            "INSERT INTO food_fts(rowid, head, rest) VALUES (?, ?, ?)",
            (rank, " ".join(words.head), " ".join(words.rest)),
        )


def _insert_terms(conn: sqlite3.Connection) -> None:
    # The vocabulary is read back from the index itself, so every term the search
    # sends to MATCH is one the index really holds.
    conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, food_fts, 'row')")
    rows = conn.execute("SELECT term, doc FROM temp.vocab ORDER BY term").fetchall()
    conn.execute("DROP TABLE temp.vocab")
    conn.executemany("INSERT INTO terms VALUES (?, ?, ?)", [(t, df, stem(t)) for t, df in rows])
    variants = sorted(
        {(v, t) for t, _ in rows if len(t) >= MIN_FUZZY_LENGTH - 1 for v in deletions(t)}
    )
    conn.executemany("INSERT INTO term_deletes VALUES (?, ?)", variants)


def _insert_k2(conn: sqlite3.Connection, links: Sequence[K2Link],
               source_rows: Sequence[Mapping[str, str]], food_ids: set[str]) -> None:
    chosen_per_food: dict[str, int] = {}
    for link in links:
        if link.food_id not in food_ids:
            raise ValueError(f"K2 link for unknown food {link.food_id}")
        if link.chosen:
            chosen_per_food[link.food_id] = chosen_per_food.get(link.food_id, 0) + 1
        conn.execute(
            "INSERT INTO k2_estimates VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (link.food_id, link.row_id, link.ug_per_100g, link.source, link.evidence,
             link.description, link.note, link.reason, int(link.chosen), int(link.complete),
             link.country),
        )
    if any(n != 1 for n in chosen_per_food.values()):
        raise ValueError("each food needs exactly one chosen K2 estimate")
    linked = {link.food_id for link in links}
    if linked - set(chosen_per_food):
        raise ValueError(f"foods with K2 links but no chosen value: {sorted(linked - set(chosen_per_food))}")
    for link in links:
        if link.chosen:
            conn.execute(
                "UPDATE foods SET vitamin_k2_ug = ? WHERE id = ?", (link.ug_per_100g, link.food_id)
            )
    if source_rows:
        columns = list(source_rows[0].keys())
        if columns[0] != "row_id":
            raise ValueError("the K2 source table must start with row_id")
        column_sql = ", ".join(f'"{c}" TEXT' for c in columns[1:])
        conn.execute(f"CREATE TABLE k2_sources (row_id INTEGER PRIMARY KEY, {column_sql})")
        marks = ", ".join("?" * len(columns))
        conn.executemany(
            f"INSERT INTO k2_sources VALUES ({marks})",
            [[int(r["row_id"]), *(r[c] for c in columns[1:])] for r in source_rows],
        )


def content_checksum(conn: sqlite3.Connection) -> str:
    """SHA-256 over the store's content in a canonical text form.

    Independent of SQLite's file format, so it identifies the data across SQLite
    versions; the tests recompute it from the shipped file.
    """
    digest = hashlib.sha256()
    key_list = ", ".join(KEYS)
    food_rows = conn.execute(
        "SELECT rank, id, name, kind, group_code, source, data_type, source_name, category, "
        f"density_g_ml, serving_g, main_serving_g, serving_basis, natural_unit, {key_list} "
        "FROM foods ORDER BY id"
    )
    for row in food_rows.fetchall():
        rank, food_id, name, kind, group, source, *described = row[:14]
        values = row[14:]
        nutrients = {k: v for k, v in zip(KEYS, values, strict=True) if v is not None}
        measures = conn.execute(
            "SELECT amount, name, grams FROM measures WHERE rank = ? ORDER BY seq", (rank,)
        ).fetchall()
        record = [food_id, name, kind, group, source, nutrients, [list(m) for m in measures], described]
        digest.update(json.dumps(record, sort_keys=True, ensure_ascii=False).encode())
        digest.update(b"\n")
    for row in conn.execute("SELECT group_id, phrase FROM aliases ORDER BY group_id, phrase").fetchall():
        digest.update(json.dumps(list(row), ensure_ascii=False).encode())
        digest.update(b"\n")
    for row in conn.execute(
        "SELECT food_id, row_id, ug_per_100g, source, evidence, chosen, complete, country FROM k2_estimates "
        "ORDER BY food_id, source, row_id"
    ).fetchall():
        digest.update(json.dumps(list(row), ensure_ascii=False).encode())
        digest.update(b"\n")
    return digest.hexdigest()
