"""Search queries, mixed into `Library`: matching ids in order, hit rows, titles, the
vocabulary behind typo tolerance, saved searches."""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import groupby
from operator import itemgetter

from ..ingest.clean import sanitize
from .identity import now
from .schema import order_by

RANK_LIMIT = 20_000
"""Past this many matches (for one searched word), results come newest first instead of by
bm25: ranking costs about 1.2 µs per article per word at 100k articles."""


TIED_IN_SQL = 5_000
"""Up to this many tied ids are put in order by SQL when no whole order is cached."""


class SearchMixin:
    """Needs `conn`, `write()`, `generation()`, `ids()`, `readonly`, `_lock`, `_orders` and
    `_positions_cache` from `Library`."""

    def vocabulary(self) -> list[tuple[str, int]]:
        """Every indexed word with the number of articles holding it.

        Reading fts5vocab walks the whole index (0.7 s at 100k articles), so the result is
        kept in `meta` for the current generation and read back in milliseconds.
        """
        generation = str(self.generation())
        row = self.conn.execute(
            "SELECT value FROM meta WHERE key = 'vocabulary:' || ?", (generation,)).fetchone()
        if row:
            return [tuple(pair) for pair in json.loads(row[0])]
        terms = [(r[0], r[1]) for r in self.conn.execute("SELECT term, doc FROM articles_vocab")]
        if not self.readonly:
            self._store_quietly(f"vocabulary:{generation}", json.dumps(terms))
        return terms

    def term_docs(self, term: str) -> int:
        """How many articles hold an indexed word (one fts5vocab look-up, ~1 ms)."""
        row = self.conn.execute(
            "SELECT doc FROM articles_vocab WHERE term = ?", (term,)).fetchone()
        return row[0] if row else 0

    # -- full-text search --------------------------------------------------------------------


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
        rank_limit: int = RANK_LIMIT,
    ) -> tuple[list[int], dict[int, float]]:
        """Every article id matching an FTS5 expression and/or SQL conditions, in order.

        `match` comes from `tui.search` (user words are always quoted there) and `where` from
        its filter table, with every user value in `params`.

        Returns:
            The ids, and their bm25 scores when they are ranked by relevance (empty when not:
            past `rank_limit` matches they come newest first, since bm25 over 100k rows costs
            more than a keystroke may).
        """
        conn = self.conn

        def allowed() -> set[int]:
            return {r[0] for r in conn.execute(
                f"SELECT a.id FROM articles AS a WHERE {where}", tuple(params))}

        if not match:
            return self.in_order(allowed() if where else None,
                                 "newest" if order == "relevance" else order), {}
        found = [r[0] for r in conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (match,))]
        if order != "relevance" or len(found) > rank_limit:
            keep = set(found) & allowed() if where else set(found)
            return self.in_order(keep, "newest" if order == "relevance" else order), {}
        if where:
            ranked = conn.execute(
                "SELECT f.rowid, f.rank FROM articles_fts AS f JOIN articles AS a "
                f"ON a.id = f.rowid WHERE articles_fts MATCH ? AND ({where}) ORDER BY f.rank",
                (match, *params)).fetchall()
        else:
            ranked = conn.execute("SELECT rowid, rank FROM articles_fts "
                                  "WHERE articles_fts MATCH ? ORDER BY rank", (match,)).fetchall()
        return self._newer_first_among_equals(ranked), {r[0]: -r[1] for r in ranked}

    def _newer_first_among_equals(self, ranked: list[tuple[int, float]]) -> list[int]:
        """Ids by bm25; articles with equal scores newest first."""
        groups = [[r[0] for r in group] for _, group in groupby(ranked, key=itemgetter(1))]
        tied = [i for group in groups if len(group) > 1 for i in group]
        if not tied:
            return [i for group in groups for i in group]
        position = self._cached_positions()
        if position is None:
            # No whole order in memory (a one-off `newsreader search`): building it costs
            # ~90 ms at 100k articles, asking SQL for the tied few costs a millisecond or two.
            position = self._positions() if len(tied) > TIED_IN_SQL else self._positions_of(tied)
        for group in groups:
            if len(group) > 1:
                group.sort(key=lambda i: position.get(i, 0))
        return [i for group in groups for i in group]

    def _positions_of(self, ids: list[int]) -> dict[int, int]:
        """Newest-first places of a few ids, relative to each other."""
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?)) "
            f"ORDER BY {order_by('newest')}", (json.dumps(ids),))
        return {r[0]: n for n, r in enumerate(rows)}

    def _cached_positions(self) -> dict[int, int] | None:
        """The cached newest-first places of every article, if this generation has them."""
        with self._lock:
            return self._positions_cache.get(("positions", self.generation()))

    def _positions(self) -> dict[int, int]:
        """Article id -> its place in the newest-first order (cached with the order)."""
        cached = self._cached_positions()
        if cached is None:
            key = ("positions", self.generation())
            cached = {article_id: n for n, article_id in enumerate(self.in_order(None))}
            with self._lock:
                self._positions_cache = {key: cached}
        return cached

    def in_order(self, ids: set[int] | None, order: str = "newest") -> list[int]:
        """`ids` (None: every article) in a list order, from a cached copy of the whole order."""
        key = (order, self.generation())
        with self._lock:
            cached = self._orders.get(key)
        if cached is None:
            cached = self.ids(order)
            with self._lock:
                self._orders = {key: cached}
        if ids is None:
            return list(cached)
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
