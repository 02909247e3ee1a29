"""The food store: shipped reference foods (read-only SQLite) plus the user's custom foods.

Reference foods (USDA SR24 and a list of typical supplements) come from the file
written by ``tools/rebuild_foods.py``, opened read-only and immutable. Custom foods
live in the user store, never in the shipped file (``store/customfoods.py`` owns
their table). Search
treats both alike: same words, same ranking (see ``bonewise.store.foodtext``).
"""

from __future__ import annotations

import bisect
import heapq
import math
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from bonewise import paths
from bonewise.core.foods import (
    Food,
    FoodKind,
    K2Estimate,
    Measure,
    SearchHit,
    SearchResult,
    Serving,
)
from bonewise.core.nutrients import KEYS
from bonewise.core.portions import usual_portion
from bonewise.errors import BonewiseError
from bonewise.store.customfoods import CustomFoods, is_custom_id
from bonewise.store.foodbuild import SCHEMA_VERSION
from bonewise.store.foodtext import (
    FORM_WORDS,
    GENERIC_BONUS_MAX,
    MIN_FUZZY_LENGTH,
    PLAIN_FORM_WINDOW,
    Aliases,
    NameWords,
    QuerySlot,
    QueryWord,
    another_form,
    commonness,
    deletions,
    fold,
    match_kind,
    name_words,
    plainer_form,
    prior,
    query_words,
    score,
    stem,
    unsaid_words,
    within_one_edit,
)
from bonewise.store.userdb import open_user_db, user_db_path

MAX_SEARCH_LIMIT = 1000
_CACHE_SIZE = 512
_KINDS = {k.value: k for k in FoodKind}
_ENTRY_CACHE_SIZE = 20_000
_MAX_FUZZY_LENGTH = 30  # a longer "word" is not a misspelt food name
_ALL_MATCHES = 100  # up to this many matches, every match is ranked
_YOURS_PRIOR = -3.0
_CANDIDATES_PER_QUERY = 40  # else the first ones of each ranked FTS query; the exact ranking is in Python
# Household measures a person usually means by "one serving", best first.




@dataclass(frozen=True)
class _Entry:
    """A searchable food: what ranking needs and what a hit shows."""

    food_id: str
    name: str
    kind: FoodKind
    group: str
    words: NameWords
    prior: float


class _Vocabulary:
    """The reference index's words, for prefix and typo lookups (about 3,000 words)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        rows = conn.execute("SELECT term, df, stem FROM terms").fetchall()
        self._conn = conn
        self.terms = sorted(t for t, _, _ in rows)
        self.df = {t: df for t, df, _ in rows}
        self.common = {t: commonness(df) for t, df, _ in rows}
        self.by_stem: dict[str, list[str]] = {}
        for term, _, term_stem in rows:
            self.by_stem.setdefault(term_stem, []).append(term)
        self._aliases: Aliases | None = None

    @property
    def aliases(self) -> Aliases:
        if self._aliases is None:
            groups: dict[int, list[str]] = {}
            for group_id, phrase in self._conn.execute("SELECT group_id, phrase FROM aliases ORDER BY group_id, phrase"):
                groups.setdefault(group_id, []).append(phrase)
            self._aliases = Aliases(list(groups.values()))
        return self._aliases

    def knows(self, word: str) -> bool:
        """True when some food has this word, or a word starting with it."""
        return bool(self.by_stem.get(stem(word))) or self.has_prefix(word)

    def completions(self, prefix: str) -> Iterable[str]:
        i = bisect.bisect_left(self.terms, prefix)
        while i < len(self.terms) and self.terms[i].startswith(prefix):
            yield self.terms[i]
            i += 1

    def has_prefix(self, prefix: str) -> bool:
        return next(iter(self.completions(prefix)), None) is not None

    def top_completion(self, prefix: str, exclude: Iterable[str]) -> str | None:
        excluded = set(exclude)
        return max((t for t in self.completions(prefix) if t not in excluded), key=self.df.__getitem__, default=None)

    def one_edit_away(self, word: str, word_stem: str) -> list[str]:
        keys = sorted(deletions(word) | deletions(word_stem))
        marks = ", ".join("?" * len(keys))
        found = self._conn.execute(
            f"SELECT DISTINCT term FROM term_deletes WHERE variant IN ({marks}) ORDER BY term", keys
        ).fetchall()
        return [
            t for (t,) in found if within_one_edit(word, t) or within_one_edit(word_stem, stem(t))
        ]


@dataclass(frozen=True)
class _WordPlan:
    """FTS5 expressions for one query word, built only from words the index holds."""

    any_expr: str | None  # exact, prefix or typo matches; None = nothing in the index
    exact_expr: str | None
    top_completion: str | None


def _quoted(term: str) -> str:
    # Index words are runs of letters and digits, so they never contain a quote.
    return '"' + term + '"'


def _any_of(parts: Sequence[str]) -> str | None:
    return " OR ".join(parts) if parts else None


class FoodStore:
    """Finds foods by id or by name; stores the user's own foods. Implements ``FoodLookup``."""

    def __init__(self, reference_path: Path, own_foods: CustomFoods | None = None) -> None:
        self._ref = _open_reference(Path(reference_path))
        self._own = own_foods
        self._groups = {
            code: (name, aisle)
            for code, name, aisle in self._ref.execute("SELECT code, name, aisle FROM food_groups")
        }
        self._meta = dict(self._ref.execute("SELECT key, value FROM meta").fetchall())
        self._cache: OrderedDict[str, Food | None] = OrderedDict()
        self._entries: OrderedDict[int, _Entry] = OrderedDict()  # search data by rank
        self._vocab: _Vocabulary | None = None
        self._custom: list[_Entry] | None = None
        self._custom_stamp: tuple[int, int] | None = None
        self._custom_words: frozenset[str] = frozenset()

    @classmethod
    def open(cls, data_dir: Path | None = None) -> FoodStore:
        """The shipped store plus the user store in ``data_dir`` (default: the usual data folder)."""
        folder = paths.data_dir(data_dir)
        return cls(paths.reference_db_path(), CustomFoods(open_user_db(user_db_path(folder))))

    def close(self) -> None:
        self._ref.close()

    def __enter__(self) -> FoodStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def meta(self) -> Mapping[str, str]:
        """Provenance of the shipped data: source, counts, checksums."""
        return dict(self._meta)

    # ------------------------------------------------------------------ lookup

    def get(self, food_id: str) -> Food | None:
        """The food with this id, or None. Custom foods are returned even after deletion,
        so plans that used one keep their numbers."""
        if not isinstance(food_id, str):
            return None
        if is_custom_id(food_id):
            return None if self._own is None else self._own.get(food_id)
        if food_id in self._cache:
            self._cache.move_to_end(food_id)
            return self._cache[food_id]
        food = self._load_reference(food_id)
        self._cache[food_id] = food
        if len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        return food

    def get_many(self, ids: Iterable[str]) -> dict[str, Food]:
        """The foods found among ``ids``, by id; unknown ids are left out."""
        found = {}
        for food_id in ids:
            food = self.get(food_id)
            if food is not None:
                found[food_id] = food
        return found

    def supplements(self) -> list[Food]:
        """Shipped supplements, then the user's own, each by name."""
        ids = [r[0] for r in self._ref.execute("SELECT id FROM foods WHERE kind = ? ORDER BY name", (FoodKind.SUPPLEMENT.value,))]
        if self._own is not None:
            ids += self._own.supplement_ids()
        return [food for food in (self.get(i) for i in ids) if food is not None]

    def usual_serving(self, food: Food, meal: str | None = None) -> Measure:
        """One usual serving of ``food`` at ``meal`` as a measure ("1 cup", "2 large", "130 g");
        see ``core.portions.usual_portion``. ``amounts.entry_for`` takes its label."""
        portion = usual_portion(food, meal)
        if portion.measure is None:
            return Measure("g", portion.grams, portion.grams)
        return Measure(portion.measure, portion.grams, portion.count)

    def _load_reference(self, food_id: str) -> Food | None:
        row = self._ref.execute(
            "SELECT rank, id, name, kind, group_code, source, source_name, category, density_g_ml, "
            f"serving_g, main_serving_g, serving_basis, natural_unit, {', '.join(KEYS)} "
            "FROM foods WHERE id = ?",
            (food_id,),
        ).fetchone()
        if row is None:
            return None
        rank, food_id, name, kind, group_code, source, source_name, category, density = row[:9]
        serving_g, main_serving_g, serving_basis, natural_unit = row[9:13]
        nutrients = {k: v for k, v in zip(KEYS, row[13:], strict=True) if v is not None}
        measures = tuple(
            Measure(n, g, a)
            for a, n, g in self._ref.execute(
                "SELECT amount, name, grams FROM measures WHERE rank = ? ORDER BY seq", (rank,)
            )
        )
        k2_row = self._ref.execute(
            "SELECT ug_per_100g, source, evidence, row_id, description, note, complete, country "
            "FROM k2_estimates WHERE food_id = ? AND chosen = 1",
            (food_id,),
        ).fetchone()
        k2 = None
        if k2_row:
            ug, source_name_k2, evidence, row_id, description, note, complete, country = k2_row
            k2 = K2Estimate(ug, source_name_k2, evidence, row_id, description, note,
                            complete=bool(complete), country=country)
        group, aisle = self._groups[group_code]
        serving = None
        if serving_g is not None:
            serving = Serving(serving_g, main_serving_g if main_serving_g is not None else serving_g, serving_basis)
        return Food(
            id=food_id, name=name, kind=FoodKind(kind), group=group, aisle=aisle,
            nutrients=nutrients, measures=measures, k2=k2, source=source,
            source_name=source_name, category=category, density_g_ml=density,
            serving=serving, natural_unit=natural_unit,
        )

    # ------------------------------------------------------------------ search

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        """Foods matching ``text`` as typed so far, the most likely one first (see ``find``)."""
        return list(self.find(text, limit).hits)

    def find(self, text: str, limit: int = 20) -> SearchResult:
        """Foods matching ``text`` as typed so far, the most likely one first.

        Words match in any order, as whole words or word starts, ignoring case and
        accents, and by the other names the reviewed alias table gives them ("soya
        milk" finds soymilk). A word found nowhere may be one letter off; then
        ``corrected`` says how it was read. Never raises on any text.
        """
        limit = _clamp_limit(limit)
        if limit == 0 or not isinstance(text, str):
            return SearchResult(())
        custom = self._custom_entries()
        words = query_words(text)
        if not words:
            # A name made only of symbols ("🙂") can still be found by typing it exactly.
            wanted = fold(text).strip()
            return SearchResult(tuple(_hit(e, 0.0) for e in custom if wanted and fold(e.name).strip() == wanted)[:limit])
        vocab = self._vocabulary()
        # A word no food has may be a misspelt other name ("porrige"): read it as that name, and say so.
        read = [self._other_name_spelled(w, vocab) or w for w in words]
        if read != words:
            found = self._find_pieces(read, vocab.aliases.split(read), limit, custom, vocab)
            if found.hits:
                return SearchResult(found.hits, found.corrected or " ".join(read))
        return self._find_pieces(words, vocab.aliases.split(words), limit, custom, vocab)

    def _other_name_spelled(self, word: str, vocab: _Vocabulary) -> str | None:
        if not MIN_FUZZY_LENGTH <= len(word) <= _MAX_FUZZY_LENGTH or vocab.knows(word):
            return None
        if any(w.startswith(word) or stem(w) == stem(word) for w in self._custom_words):
            return None
        return vocab.aliases.spelled(word)

    def _find_pieces(
        self,
        words: Sequence[str],
        pieces: Sequence[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]],
        limit: int,
        custom: Sequence[_Entry],
        vocab: _Vocabulary,
    ) -> SearchResult:
        planned = [
            self._plan(typed, others, vocab, last=i == len(pieces) - 1) for i, (typed, others) in enumerate(pieces)
        ]
        query = [slot for slot, _ in planned]
        ranked: list[tuple[float, float, str, _Entry]] = []
        worst_kept: list[float] = []  # max-heap (negated) of the best ``limit`` scores so far
        candidates = sorted(self._reference_candidates([plan for _, plan in planned], limit), key=lambda e: e.prior)
        for entry in [*candidates, *custom]:
            # A score is never below prior − GENERIC_BONUS_MAX, and reference candidates come in
            # prior order: once that bound cannot beat the hits kept, no later one can either.
            if entry.kind is not FoodKind.CUSTOM and len(worst_kept) == limit and \
                    entry.prior - GENERIC_BONUS_MAX > -worst_kept[0]:
                continue
            value = score(query, entry.words, entry.prior, vocab.common)
            if value is not None:
                ranked.append((value, entry.prior, entry.food_id, entry))
                if len(worst_kept) < limit:
                    heapq.heappush(worst_kept, -value)
                elif value < -worst_kept[0]:
                    heapq.heapreplace(worst_kept, -value)
        # Ties: the name that says least beyond the words typed ("Croissant" before
        # "Croissants, cheese"), then the better prior, then the shorter name.
        ranked.sort(key=lambda item: (item[0], len(item[3].words.words), item[1], len(item[3].name), item[2]))
        hits = _plain_form_first([_hit(item[3], item[0]) for item in ranked[:limit]], query)
        return SearchResult(hits, _correction(words, query, hits[0] if hits else None, ranked))

    def _plan(
        self, typed: tuple[str, ...], others: tuple[tuple[str, ...], ...], vocab: _Vocabulary, *, last: bool
    ) -> tuple[QuerySlot, _WordPlan]:
        """How one typed word or phrase is matched: as typed (the last word also as a
        prefix), by its other names, and – when nothing knows it – as a word one letter away."""
        if last and not others and len(typed) == 1 and not vocab.knows(typed[0]) and len(typed[0]) >= 3:
            # A word still being typed that starts a known other name: "porrid" → oatmeal.
            others = tuple(p for p in vocab.aliases.completing(typed[0]) if p != typed)
        alternatives = []
        any_parts, exact_parts = [], []
        top_completion = None
        for index, phrase in enumerate((typed, *others)):
            words, word_plans = [], []
            for position, word in enumerate(phrase):
                as_typed = index == 0
                may_be_typo = as_typed and not others and len(typed) == 1
                qw, plan = self._plan_word(word, vocab, prefix_ok=as_typed, may_be_typo=may_be_typo,
                                           last=last and position == len(phrase) - 1)
                words.append(qw)
                word_plans.append(plan)
            alternatives.append(tuple(words))
            if all(p.any_expr for p in word_plans):
                any_parts.append(_all_of([p.any_expr for p in word_plans]))
            if all(p.exact_expr for p in word_plans):
                exact_parts.append(_all_of([p.exact_expr for p in word_plans]))
            if index == 0 and len(word_plans) == 1:
                top_completion = word_plans[0].top_completion
        plan = _WordPlan(_any_of(any_parts), _any_of(exact_parts), top_completion)
        return QuerySlot(tuple(alternatives)), plan

    def _plan_word(
        self, word: str, vocab: _Vocabulary, *, prefix_ok: bool, may_be_typo: bool, last: bool
    ) -> tuple[QueryWord, _WordPlan]:
        word_stem = stem(word)
        if word_stem not in vocab.by_stem and word.endswith("s") and stem(word[:-1]) in vocab.by_stem:
            word_stem = stem(word[:-1])  # a plural the stemmer leaves alone ("kiwis"), not a typo
        exact = vocab.by_stem.get(word_stem, [])
        prefixed = prefix_ok and vocab.has_prefix(word)
        known_to_custom = any(w.startswith(word) or stem(w) == word_stem for w in self._custom_words)
        fuzzy = (
            may_be_typo and not (exact or vocab.has_prefix(word) or known_to_custom)
            and MIN_FUZZY_LENGTH <= len(word) <= _MAX_FUZZY_LENGTH
        )
        near = vocab.one_edit_away(word, word_stem) if fuzzy else []
        # "word"* already covers exact forms that start with the word ("egg" → "eggs").
        extra = [t for t in exact if not (prefixed and t.startswith(word))] + near
        any_parts = ([f"{_quoted(word)}*"] if prefixed else []) + [_quoted(t) for t in extra]
        plan = _WordPlan(
            any_expr=_any_of(any_parts),
            exact_expr=_any_of([_quoted(t) for t in exact]),
            # Only the word still being typed is likely to be a prefix.
            top_completion=vocab.top_completion(word, exact) if prefixed and last else None,
        )
        return QueryWord(word, word_stem, fuzzy, complete=bool(exact)), plan

    def _vocabulary(self) -> _Vocabulary:
        if self._vocab is None:
            self._vocab = _Vocabulary(self._ref)
        return self._vocab

    def _reference_candidates(self, plans: Sequence[_WordPlan], limit: int) -> list[_Entry]:
        """Reference foods worth ranking: the first ones, in static order, of at most four
        FTS5 queries. Ranks follow the static prior, so each query can stop early."""
        exprs = [p.any_expr for p in plans]
        if any(e is None for e in exprs):
            return []
        every_word = _all_of(exprs)
        # When few foods match at all, rank every one of them.
        all_limit = max(_ALL_MATCHES, limit)
        ranks = set(self._ranks(every_word, all_limit))
        if len(ranks) == all_limit:
            # Else also the first foods that have a query word in their head: as typed,
            # exactly, or as the commonest completion of the word being typed.
            in_head = [
                _any_of([f"({{head}} : ({e}))" for e in alternatives if e])
                for alternatives in (
                    [p.any_expr for p in plans],
                    [p.exact_expr for p in plans],
                    [_quoted(p.top_completion) for p in plans if p.top_completion],
                )
            ]
            for head in dict.fromkeys(h for h in in_head if h):
                ranks.update(self._ranks(f"({head}) AND {every_word}", max(_CANDIDATES_PER_QUERY, limit)))
        if not ranks:
            return []
        missing = sorted(r for r in ranks if r not in self._entries)
        if missing:
            marks = ", ".join("?" * len(missing))
            rows = self._ref.execute(
                f"SELECT rank, id, name, kind, group_code, words, head_len, parts, places, prior FROM foods "
                f"WHERE rank IN ({marks})",
                missing,
            )
            for rank, food_id, name, kind, code, words, head_len, parts, places, static in rows:
                stored = NameWords(
                    tuple(words.split()), head_len, tuple(map(int, parts.split())), tuple(map(int, places.split()))
                )
                self._entries[rank] = _Entry(food_id, name, _KINDS[kind], self._groups[code][0], stored, static)
            while len(self._entries) > _ENTRY_CACHE_SIZE:
                self._entries.popitem(last=False)
        return [self._entries[r] for r in ranks]

    def _ranks(self, match: str, limit: int) -> list[int]:
        return [
            r for (r,) in self._ref.execute(
                "SELECT rowid FROM food_fts WHERE food_fts MATCH ? ORDER BY rowid LIMIT ?", (match, limit)
            )
        ]

    # ------------------------------------------------------------------ custom foods

    def add_custom(
        self,
        name: str,
        nutrients: Mapping[str, float],
        measures: Sequence[Measure],
        kind: FoodKind = FoodKind.CUSTOM,
        *,
        aisle: str = "",
    ) -> Food:
        """Save a food the user typed in (nutrients per 100 g) and return it with its new id.

        Raises BonewiseError with a one-sentence reason when anything is not plausible.
        """
        return self._writable().add(name, nutrients, measures, kind, aisle=aisle)

    def update_custom(self, food: Food) -> None:
        """Replace a custom food's name, kind, group, aisle, nutrients and measures."""
        self._writable().update(food)

    def delete_custom(self, food_id: str) -> None:
        """Remove a custom food from search. Its record stays so old plans keep their numbers."""
        self._writable().delete(food_id)

    def _writable(self) -> CustomFoods:
        if self._own is None:
            raise BonewiseError("No user database is open, so your own foods cannot be saved.")
        return self._own

    def _custom_entries(self) -> list[_Entry]:
        """Searchable custom foods, re-read only after the user store changed."""
        if self._own is None:
            return []
        stamp = self._own.stamp()
        if self._custom is None or stamp != self._custom_stamp:
            entries = []
            for food_id, name, kind, group in self._own.searchable():
                words = name_words(name)
                # Foods a person entered are foods she eats: they come before look-alikes.
                entries.append(_Entry(food_id, name, kind, group, words, prior(name, words) + _YOURS_PRIOR))
            self._custom, self._custom_stamp = entries, stamp
            self._custom_words = frozenset(w for e in entries for w in e.words.words)
        return self._custom


# ---------------------------------------------------------------------- helpers


def _open_reference(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise BonewiseError(
            f"The food store {path} is missing; reinstall Bonewise or rebuild it with tools/rebuild_foods.py."
        )
    uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise BonewiseError(f"The food store {path} cannot be read ({exc}).") from exc
    if row is None or row[0] != SCHEMA_VERSION:
        conn.close()
        raise BonewiseError(
            f"The food store {path} has layout {row[0] if row else 'unknown'}, but this Bonewise reads "
            f"layout {SCHEMA_VERSION}; rebuild it with tools/rebuild_foods.py."
        )
    return conn


def _all_of(parts: Sequence[str | None]) -> str:
    return " AND ".join(f"({p})" for p in parts if p)


def _hit(entry: _Entry, value: float) -> SearchHit:
    return SearchHit(entry.food_id, entry.name, entry.kind, entry.group, round(value, 4))


def _plain_form_first(hits: list[SearchHit], query: Sequence[QuerySlot]) -> tuple[SearchHit, ...]:
    """The hits with the plain form of a food first, and its other forms marked as such.

    Among the hits within PLAIN_FORM_WINDOW of the best, the one with the fewest words the
    person did not say, when the best hit says all of them too ("Cabbage, raw" before
    "Cabbage, red, raw"), comes first at the best score. Close hits that are only other
    forms of the first (``another_form``) get ``form_of``, so "2 eggs" is two eggs, not
    a choice between raw, cooked and duck eggs.
    """
    if len(hits) < 2:
        return tuple(hits)
    said = frozenset(w for slot in query for alternative in slot.alternatives for qw in alternative
                     for w in (qw.text, qw.stem))
    best = hits[0]
    close = [h for h in hits[1:] if h.score - best.score <= PLAIN_FORM_WINDOW]
    plainer = [h for h in close if plainer_form(best.name, h.name, said)]
    if plainer:
        plain = min(plainer, key=lambda h: (len(unsaid_words(h.name, said) - FORM_WORDS), h.score))
        hits.remove(plain)
        hits.insert(0, replace(plain, score=best.score))
        best = hits[0]
    return tuple(
        replace(h, form_of=best.food_id)
        if i and h.score - best.score <= PLAIN_FORM_WINDOW and another_form(best.name, h.name, said, h.group)
        else h
        for i, h in enumerate(hits)
    )


def _correction(
    words: Sequence[str],
    query: Sequence[QuerySlot],
    top: SearchHit | None,
    ranked: Sequence[tuple[float, float, str, _Entry]],
) -> str | None:
    """The query as the top hit read it, when a typed word was matched as a near spelling."""
    fuzzy = [slot.typed[0] for slot in query if slot.typed[0].fuzzy]
    if not fuzzy or top is None:
        return None
    name_words_ = ranked[0][3].words.words
    replaced = {}
    for qw in fuzzy:
        match = next((t for t in name_words_ if match_kind(qw, t) is not None), None)
        if match is not None and match != qw.text:
            replaced[qw.text] = match
    if not replaced:
        return None
    return " ".join(replaced.get(w, w) for w in words)


def _clamp_limit(limit: object) -> int:
    if isinstance(limit, bool) or not isinstance(limit, (int, float)) or not math.isfinite(limit):
        return 20
    return max(0, min(int(limit), MAX_SEARCH_LIMIT))


