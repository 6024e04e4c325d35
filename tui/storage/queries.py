"""Search queries, mixed into `Library`: matching ids in order, hit rows, titles, the
vocabulary behind typo tolerance, saved searches."""

from __future__ import annotations

import json
import sqlite3
import time
from array import array
from collections.abc import Callable, Iterable, Sequence
from itertools import groupby
from operator import itemgetter

from ..ingest.clean import sanitize
from .identity import now
from .schema import DATE_OF, TOKENIZE, date_condition, order_by

RANK_LIMIT = 20_000
"""Past this many matches (for one searched word), results come newest first instead of by
bm25: ranking costs about 1.2 µs per article per word at 100k articles."""


TIED_IN_SQL = 5_000
"""Up to this many tied ids are put in order by SQL when no whole order is cached."""

LOOK_UP_EACH = 16
"""Filters are checked match by match when the matches are fewer than 1/LOOK_UP_EACH of the
library (a row look-up costs 12 to 16 times a narrow index entry)."""

GROWN_SHARE = 0.25
"""The typo vocabulary is read whole again once this share of the library was added to it."""

PROBE_EACH = 4
"""Passing articles read per match before a filter counts as broad (see `_passing`)."""

SEEK_EACH = 150
"""bm25 is asked for each passing match alone when they are fewer than 1/SEEK_EACH of the
matches (a seek costs about 150 times ranking one match in the full pass)."""

Span = tuple[int, int, array]
"""`(start, stop, places)`: a stretch of the newest-first order and the places it refers to."""

SPARSE = 8
"""The places array is kept while the highest id is under SPARSE times the articles (plus
SPARSE_SLACK)."""
SPARSE_SLACK = 65_536

EARLY_AT = 200_000
"""A search matching at least this many articles, listed newest first, hands over a count and
its first page before the rest (every id of a million matches takes about 0.2 s to list)."""
EARLY_PAGE = 50
"""Ids in that first page: more than a terminal's rows."""
EARLY_BUDGET_S = 0.03
"""The first page is given up when finding it takes longer than this (an expression of many
words costs one seek per word and article)."""

CHUNK = 131_072
"""Matches are listed this many rowids at a time: each piece is parsed in a few milliseconds,
so the UI thread gets the GIL in between and a newer keystroke stops the listing early."""

SORT_FEW = 8
"""Ids fewer than 1/SORT_FEW of the library are sorted by their places (k log k) instead of
picked from the whole order (a pass over every article: 25 ms at 1M)."""


class SearchMixin:
    """Needs `conn`, `write()`, `generation()`, `ids()`, `readonly`, `_lock`, `_orders` and
    `_positions_cache` from `Library`."""

    def vocabulary(self) -> list[tuple[str, int]]:
        """Every indexed word with the number of articles holding it.

        Reading fts5vocab walks the whole index (0.6 s at 100k articles, 6.5-21 s at 1M), so the
        result is kept in `meta` for the current generation and read back in milliseconds.
        When the library has only grown since (no article's text rewritten), the words of the
        new articles are counted alone and added, until a quarter of the library came so.
        """
        generation = self.generation()
        row = self.conn.execute(
            "SELECT key, value FROM meta WHERE key LIKE 'vocabulary:%'").fetchone()
        stored = json.loads(row[1]) if row else None
        if isinstance(stored, list):  # the format before counts were added to
            stored = {"terms": stored} if row[0] == f"vocabulary:{generation}" else None
        if stored and row[0] == f"vocabulary:{generation}":
            return [tuple(pair) for pair in stored["terms"]]
        state = self._text_state()
        grown = self._grown_vocabulary(stored, state) if stored else None
        if grown is None:
            terms = [(r[0], r[1]) for r in self.conn.execute(
                "SELECT term, doc FROM articles_vocab")]
            state["since_full"] = 0
        else:
            terms, state["since_full"] = grown
        if not self.readonly:
            self._store_quietly(f"vocabulary:{generation}", json.dumps({**state, "terms": terms}))
        return terms

    def _text_state(self) -> dict[str, int]:
        """What the vocabulary was read from: the highest id, the articles, the rewrites."""
        highest, count = self.conn.execute("SELECT max(id), count(*) FROM articles").fetchone()
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'rewrites'").fetchone()
        return {"max_id": highest or 0, "count": count, "rewrites": int(row[0]) if row else 0}

    def _grown_vocabulary(self, stored: dict, state: dict,
                          ) -> tuple[list[tuple[str, int]], int] | None:
        """`stored` plus the words of the articles added since, with how many articles came
        so since the last whole read; None when that would not be exact enough (texts
        rewritten, articles gone, or too much added since a whole read)."""
        if "max_id" not in stored or stored["rewrites"] != state["rewrites"]:
            return None
        added = state["count"] - stored["count"]
        since_full = stored["since_full"] + added
        if added < 0 or since_full > GROWN_SHARE * state["count"]:
            return None
        conn = self.conn
        try:
            new = conn.execute("SELECT count(*) FROM articles WHERE id > ?",
                               (stored["max_id"],)).fetchone()[0]
            if new != added:  # some older article went: counts would drift
                return None
            conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocabulary_delta USING "
                         f"fts5(title, body, tokenize='{TOKENIZE}')")
            conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocabulary_delta_terms "
                         "USING fts5vocab(temp, vocabulary_delta, 'row')")
            conn.execute("DELETE FROM temp.vocabulary_delta")
            conn.execute("INSERT INTO temp.vocabulary_delta (title, body) "
                         "SELECT title, body FROM articles WHERE id > ?", (stored["max_id"],))
            delta = conn.execute("SELECT term, doc FROM temp.vocabulary_delta_terms").fetchall()
            conn.execute("DELETE FROM temp.vocabulary_delta")
        except sqlite3.Error:  # no room for the temporary index: read the whole one
            return None
        docs = dict(stored["terms"])
        for term, doc in delta:
            docs[term] = docs.get(term, 0) + doc
        return sorted(docs.items()), since_full

    def term_docs(self, term: str) -> int:
        """How many articles hold an indexed word (one fts5vocab look-up, ~1 ms)."""
        row = self.conn.execute(
            "SELECT doc FROM articles_vocab WHERE term = ?", (term,)).fetchone()
        return row[0] if row else 0

    def save_search(self, name: str, query: str) -> None:
        """Save (or replace) a named query (both are shown later: sanitized like notes)."""
        name, query = sanitize(name).strip(), sanitize(query).strip()
        with self.write() as conn:
            conn.execute(
                "INSERT INTO saved_searches (name, query, created) VALUES (?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET query = excluded.query", (name, query, now()))

    def delete_search(self, name: str) -> bool:
        name = sanitize(name).strip()
        with self.write() as conn:
            return conn.execute("DELETE FROM saved_searches WHERE name = ?", (name,)).rowcount > 0

    def saved_searches(self) -> list[tuple[str, str]]:
        """`(name, query)` pairs in the order they were saved."""
        return [(r[0], r[1]) for r in self.conn.execute(
            "SELECT name, query FROM saved_searches ORDER BY created, rowid")]

    # -- search ----------------------------------------------------------------------------

    def match_ids(
        self, match: str | None, where: str = "", params: Sequence = (), order: str = "relevance",
        rank_limit: int = RANK_LIMIT, dates: Sequence[tuple[str, str]] = (),
        early: Callable[[list[int], int], None] | None = None, count: int | None = None,
        rank_by: str | None = None,
    ) -> tuple[list[int], dict[int, float]]:
        """Every article id matching an FTS5 expression and/or SQL conditions, in order.

        `match` comes from `tui.search` (user words are always quoted there) and `where` from
        its filter table, with every user value in `params`. `dates` are date bounds
        (`(">=" or "<", ISO date)`, all to be met): with the newest-first order in memory they
        are a slice of it (an `after:` that every article passes costs nothing), else SQL.

        `early(first_ids, count)` is called before the whole list is made when the matches
        are so many that listing them takes a while (see `_early_page`); `count` is how many
        articles `match` matches, when the caller knows. `rank_by` is an expression that
        matches at least what `match` does and whose bm25 orders those matches the same but
        costs less (`match` without its words in half the library): used when it matches no
        more than `rank_limit`.

        Returns:
            The ids, and their bm25 scores when they are ranked by relevance (empty when not:
            past `rank_limit` matches they come newest first, since bm25 over 100k rows costs
            more than a keystroke may).
        """
        conn = self.conn
        listed = "newest" if order == "relevance" else order
        span = self._date_span(dates) if dates else None
        if dates and span is None:  # no order in memory (a one-off command): in SQL
            where = " AND ".join([*([where] if where else []),
                                  *(date_condition(op) for op, _ in dates)])
            params = (*params, *(when for _, when in dates))
        if not match:
            if span and not where and listed == "newest":
                return self._order()[span[0]:span[1]], {}
            passing = set(self._filtered(where, params)) if where else None
            if span:
                passing = self._in_span(span, passing if passing is not None else self._order())
            return self.in_order(passing, listed), {}
        if early is not None and not where and not dates:
            # A page of a list ranked by bm25 would not be the start of it: only past rank_limit.
            at = EARLY_AT if order != "relevance" else max(EARLY_AT, rank_limit + 1)
            self._early_page(match, listed, early, count, at)
        found = self._matching(match)
        passing = self._in_span(span, found) if span else None
        if where:
            allowed = self._passing(match, where, params, len(found))
            passing = allowed.intersection(found) if passing is None else passing & allowed
        few = passing is not None and len(passing) * SEEK_EACH < len(found)
        if order != "relevance" or (len(found) > rank_limit and not few):
            return self.in_order(_as_set(found) if passing is None else passing, listed), {}
        if few:
            # A few passing matches (a tag among a common word's articles): bm25 for each
            # alone (one FTS seek, ~0.4 ms) instead of for every match (~2.5 µs each).
            ranked = conn.execute(
                "SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? AND rowid IN "
                "(SELECT value FROM json_each(?)) ORDER BY rank",
                (match, json.dumps(sorted(passing)))).fetchall()
        else:
            wider = rank_by is not None and conn.execute(
                "SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts "
                "MATCH ? LIMIT ?)", (rank_by, rank_limit + 1)).fetchone()[0] <= rank_limit
            ranked = conn.execute("SELECT rowid, rank FROM articles_fts WHERE articles_fts "
                                  "MATCH ? ORDER BY rank", (rank_by if wider else match,)
                                  ).fetchall()
            if wider and passing is None:
                passing = set(found)  # what `rank_by` matches beyond `match` goes
            if passing is not None:
                ranked = [r for r in ranked if r[0] in passing]
        return self._newer_first_among_equals(ranked), {r[0]: -r[1] for r in ranked}

    def _matching(self, match: str) -> list[int]:
        """Every rowid matching `match`, ascending, listed CHUNK rowids at a time."""
        highest = self._size_hint()
        query = "SELECT json_group_array(rowid) FROM articles_fts WHERE articles_fts MATCH ?"
        if highest < CHUNK:
            return _id_list(self.conn, query, (match,))
        found: list[int] = []
        for low in range(0, highest, CHUNK):
            if low + CHUNK < highest:
                found += _id_list(self.conn, query + " AND rowid >= ? AND rowid < ?",
                                  (match, low, low + CHUNK))
            else:  # open: articles another process adds meanwhile are not missed
                found += _id_list(self.conn, query + " AND rowid >= ?", (match, low))
        return found

    def _early_page(self, match: str, order: str, early: Callable[[list[int], int], None],
                    count: int | None, at: int) -> None:
        """Call `early(first_ids, count)` when `match` has `at` matches or more.

        The `count` of matches is counted when not known (one pass over the index, about 30 ns
        a match; the caller knows it for one word from its vocabulary). The first page is found
        by asking the index about the first articles of the cached `order`, 16, then 32, 64...
        at a time (one seek each, about 80 µs for a word), so it is exactly the start of the
        list that follows. Nothing is called without the order in memory, or when the seeks
        cost more than EARLY_BUDGET_S.
        """
        if self._size_hint() < at:
            return
        ids = self._cached_order(order)
        if ids is None:
            return
        if count is None:
            count = self.conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts "
                                      "MATCH ?", (match,)).fetchone()[0]
        if count < at:
            return
        deadline = time.perf_counter() + EARLY_BUDGET_S
        page: list[int] = []
        start, step = 0, 16
        while len(page) < EARLY_PAGE and start < len(ids):
            chunk = ids[start:start + step]
            hits = set(_id_list(
                self.conn, "SELECT json_group_array(rowid) FROM articles_fts WHERE articles_fts "
                           "MATCH ? AND rowid IN (SELECT value FROM json_each(?))",
                (match, json.dumps(chunk))))
            page += [i for i in chunk if i in hits]
            start, step = start + step, step * 2
            if time.perf_counter() > deadline and len(page) < EARLY_PAGE:
                return
        early(page[:EARLY_PAGE], count)

    def _passing(self, match: str, where: str, params: Sequence, found: int) -> set[int]:
        """The ids that pass the filters `where`, among the `found` matches of `match` at
        least. A narrow filter is listed whole (the first PROBE_EACH passing articles per
        match are read to find out); few matches are looked up one by one (about 3 µs each);
        otherwise every passing article is listed from the narrow indexes (about 0.25 µs
        each). A join of the filters to the ranking query paid for both at once (55 against
        40 ms for 7,000 matches at 100k)."""
        probe = found * PROBE_EACH
        passing = self._filtered(where, params, limit=probe + 1)
        if len(passing) <= probe:  # a narrow filter (a tag, a person): listed whole already
            return set(passing)
        if found * LOOK_UP_EACH < self._size_hint():
            return set(self._filtered(
                f"a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) AND ({where})",
                (match, *params)))
        return set(self._filtered(where, params))

    def _filtered(self, where: str, params: Sequence, limit: int = -1) -> list[int]:
        """The ids of the articles meeting `where` (the first `limit` of them, if given)."""
        return _id_list(self.conn, "SELECT json_group_array(id) FROM "
                                   f"(SELECT a.id FROM articles AS a WHERE {where} LIMIT ?)",
                        (*params, limit))

    def _size_hint(self) -> int:
        """About how many articles there are, without counting them (count(*) reads a whole
        index: 15 ms at 1M): the highest id."""
        row = self.conn.execute("SELECT max(id) FROM articles").fetchone()
        return row[0] or 0

    def _newer_first_among_equals(self, ranked: list[tuple[int, float]]) -> list[int]:
        """Ids by bm25; articles with equal scores newest first."""
        groups = [[r[0] for r in group] for _, group in groupby(ranked, key=itemgetter(1))]
        tied = [i for group in groups if len(group) > 1 for i in group]
        if not tied:
            return [i for group in groups for i in group]
        position: array | dict[int, int] | None = self._cached_positions()
        if position is None:
            # No whole order in memory (a one-off `newsreader search`): building it costs
            # ~90 ms at 100k articles, asking SQL for the tied few costs a millisecond or two.
            if len(tied) > TIED_IN_SQL:
                position = self._positions()
            if position is None:
                position = self._positions_of(tied)
        size = len(position)  # an id added by another process since: last among its ties
        place = position.__getitem__ if isinstance(position, dict) else (
            lambda i: position[i] if i < size else size)
        for group in groups:
            if len(group) > 1:
                group.sort(key=place)
        return [i for group in groups for i in group]

    def _positions_of(self, ids: list[int]) -> dict[int, int]:
        """Newest-first places of a few ids, relative to each other."""
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?)) "
            f"ORDER BY {order_by('newest')}", (json.dumps(ids),))
        return {r[0]: n for n, r in enumerate(rows)}

    def _cached_positions(self) -> array | None:
        """The cached newest-first places of every article, if this generation has them."""
        key = ("positions", self.generation())  # not under the lock: a thread's first
        with self._lock:                          # query opens its connection under it
            return self._positions_cache.get(key)

    def _positions(self) -> array | None:
        """Each article's place in the newest-first order, indexed by id (cached with the
        order): 4 bytes an id, 4 MB at 1M articles where a dict took about 100 MB. None when
        ids are too sparse for that (most articles deleted): callers then ask SQL."""
        cached = self._cached_positions()
        if cached is None:
            key = ("positions", self.generation())
            order = self._order()
            highest = max(order, default=0)
            if highest > SPARSE * len(order) + SPARSE_SLACK:
                return None
            cached = array("i", bytes(4 * (highest + 1)))
            for place, article_id in enumerate(order):
                cached[article_id] = place
            with self._lock:
                self._positions_cache = {key: cached}
        return cached

    def _order(self, order: str = "newest") -> list[int]:
        """The cached whole order of this generation (not a copy: never change it)."""
        generation = self.generation()
        key = (order, generation)
        with self._lock:
            cached = self._orders.get(key)
        if cached is None:
            cached = self.ids(order)
            with self._lock:  # each order of this generation stays; older ones go
                self._orders = {k: v for k, v in self._orders.items() if k[1] == generation}
                self._orders[key] = cached
        return cached

    def _cached_order(self, order: str) -> list[int] | None:
        """The whole order of this generation if it is in memory, else None (never reads it)."""
        key = (order, self.generation())
        with self._lock:
            return self._orders.get(key)

    def _date_span(self, dates: Sequence[tuple[str, str]]) -> Span | None:
        """The places `[start, stop)` in the newest-first order whose dates meet every bound,
        by bisection (each step one row look-up), with the places array they refer to; None
        when the order is not in memory."""
        position = self._cached_positions()
        if position is None:
            return None
        order = self._order()
        start, stop = 0, len(order)
        for op, when in dates:
            cut = self._first_older(order, when)
            if op == ">=":
                stop = min(stop, cut)
            else:
                start = max(start, cut)
        return start, max(start, stop), position

    def _first_older(self, order: list[int], when: str) -> int:
        """The first place in the newest-first `order` whose article is dated before `when`."""
        low, high = 0, len(order)
        query = f"SELECT {DATE_OF} FROM articles AS a WHERE a.id = ?"
        while low < high:
            middle = (low + high) // 2
            row = self.conn.execute(query, (order[middle],)).fetchone()
            if row is not None and row[0] >= when:
                low = middle + 1
            else:
                high = middle
        return low

    def _in_span(self, span: Span, ids: Iterable[int]) -> set[int]:
        """Those of `ids` whose place in the newest-first order is within `span`."""
        start, stop, position = span
        size = len(position)
        return {i for i in ids if i < size and start <= position[i] < stop}

    def warm_orders(self) -> None:
        """Read the newest-first order and the places in it now, so that the first broad or
        tied search does not pay for them (0.1 s at 100k articles, 0.5 s at 1M)."""
        self._positions()

    def in_order(self, ids: set[int] | None, order: str = "newest") -> list[int]:
        """`ids` (None: every article) in a list order, from a cached copy of the whole order."""
        cached = self._order(order)
        if ids is None or len(ids) == len(cached):  # every article (ids are distinct)
            return list(cached)
        if order == "newest" and len(ids) * SORT_FEW < len(cached):
            position = self._cached_positions()
            if position is not None and max(ids, default=0) < len(position):
                return sorted(ids, key=position.__getitem__)
        return [i for i in cached if i in ids]

    def hit_rows(self, ids: Sequence[int]) -> dict[int, tuple[str, str, str, str]]:
        """`(title, source, published, body)` for a page of result ids."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return {r[0]: r[1:] for r in self.conn.execute(
            f"SELECT id, title, source, published, body FROM articles WHERE id IN ({marks})",
            tuple(ids))}

    def title_candidates(self, match: str | None, limit: int = 3000) -> list[tuple[int, str]]:
        """`(id, title)` pairs for fuzzy title ranking: FTS matches, or the newest articles."""
        if match is None:
            query = f"SELECT id, title FROM articles ORDER BY {order_by('newest')} LIMIT ?"
            params: tuple = (limit,)
        else:
            query = ("SELECT rowid, title FROM articles_fts WHERE articles_fts MATCH ? "
                     "ORDER BY rank LIMIT ?")
            params = (match, limit)
        return [(r[0], r[1]) for r in self.conn.execute(query, params)]


def _as_set(ids: list[int]) -> set[int]:
    """A set of `ids`, built a piece at a time: a million ids in one call would hold the GIL
    for 40 ms, and the UI thread could not draw meanwhile."""
    if len(ids) <= CHUNK:
        return set(ids)
    result: set[int] = set()
    for start in range(0, len(ids), CHUNK):
        result.update(ids[start:start + CHUNK])
    return result


def _id_list(conn, sql: str, params: Sequence) -> list[int]:
    """Ids from a `json_group_array` query: one JSON text parsed in C is half the cost of a
    Python tuple per row (100,000 ids: 12 against 25 ms)."""
    row = conn.execute(sql, tuple(params)).fetchone()
    return json.loads(row[0]) if row and row[0] else []
