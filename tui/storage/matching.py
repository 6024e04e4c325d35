"""Matching, a part of `Library` (`library.matching`): the ids a search's description
(`conditions.MatchQuery`) matches, in order (the orders themselves are in `orders`), hit rows,
title candidates. Saved searches are in `saved`."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence

from .conditions import MatchQuery, where_sql
from .schema import RANK, date_condition, id_list, order_by

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `newsreader search` need not import typing
if TYPE_CHECKING:
    from typing import Any

    from .articles import Articles
    from .connections import Connections
    from .orders import Orders

LOOK_UP_EACH = 16
"""Filters are checked match by match when the matches are fewer than 1/LOOK_UP_EACH of the
library (a row look-up costs about as much as LOOK_UP_EACH narrow index entries)."""

PROBE_EACH = 4
"""Passing articles read per match before a filter counts as broad (see `_passing`)."""

SEEK_EACH = 150
"""bm25 is asked for each passing match alone when they are fewer than 1/SEEK_EACH of the
matches (a seek costs about SEEK_EACH times ranking one match in the full pass)."""

EARLY_AT = 200_000
"""A search matching at least this many articles, listed newest first, hands over a count and
its first page before the rest (listing every id of so many matches takes a while)."""
EARLY_PAGE = 50
"""Ids in that first page: more than a terminal's rows."""
EARLY_BUDGET_S = 0.03
"""The first page is given up when finding it takes longer than this (an expression of many
words costs one seek per word and article)."""

MATCHING = "SELECT json_group_array(rowid) FROM articles_fts WHERE articles_fts MATCH ?"
"""Every rowid an FTS5 expression matches, as one JSON array (see `schema.id_list`)."""

CHUNK = 131_072
"""Matches are listed this many rowids at a time: each piece is parsed quickly, so the UI
thread gets the GIL in between and a newer keystroke stops the listing early."""


class Matching:
    """Matching ids for a `MatchQuery`, hit rows and title candidates.

    Args:
        db: the library's connection manager.
        articles: the library's articles (their number, about).
        orders: the library's cached orders (what a match list is put in order by).
    """

    def __init__(self, db: Connections, articles: Articles, orders: Orders) -> None:
        self.db = db
        self.articles = articles
        self.orders = orders

    # -- search ----------------------------------------------------------------------------

    def match_ids(self, query: MatchQuery | str | None,
                  early: Callable[[list[int], int], None] | None = None,
                  ) -> tuple[list[int], dict[int, float]]:
        """Every article id a query describes (see `MatchQuery`), in its order.

        `early(first_ids, count)` is called before the whole list is made when the matches
        are so many that listing them takes a while (see `_early_page`). A bare FTS5
        expression (or None: every article) stands for `MatchQuery(expression)`.

        Returns:
            The ids, and their bm25 scores when they are ranked by relevance (empty when not:
            past `rank_limit` matches they come newest first, since bm25 over 100k rows costs
            more than a keystroke may).
        """
        if not isinstance(query, MatchQuery):
            query = MatchQuery(query)
        match, order, rank_limit, dates = query.match, query.order, query.rank_limit, query.dates
        count, rank_by, page = query.count, query.rank_by, query.page
        where, params = where_sql(query.where)
        conn = self.db.conn
        orders = self.orders
        listed = "newest" if order == "relevance" else order
        span = orders.date_span(dates) if dates else None
        if dates and span is None:  # no order in memory (a one-off command): in SQL
            where = " AND ".join([*([where] if where else []),
                                  *(date_condition(op) for op, _ in dates)])
            params = [*params, *(when for _, when in dates)]
        if not match:
            if span and not where and listed == "newest":
                return orders.whole()[span[0]:span[1]], {}
            passing = set(self._filtered(where, params)) if where else None
            if span:
                passing = orders.in_span(span, passing if passing is not None else orders.whole())
            return orders.in_order(passing, listed), {}
        if early is not None and not where and not dates:
            # A page of a list ranked by bm25 would not be the start of it: only past rank_limit.
            at = EARLY_AT if order != "relevance" else max(EARLY_AT, rank_limit + 1)
            self._early_page(match, listed, early, count, at)
        found = self.matches(match)
        passing = orders.in_span(span, found) if span else None
        if where:
            allowed = self._passing(match, where, params, len(found))
            passing = allowed.intersection(found) if passing is None else passing & allowed
        few = passing is not None and len(passing) * SEEK_EACH < len(found)
        if order != "relevance" or (len(found) > rank_limit and not few):
            return orders.in_order(_as_set(found) if passing is None else passing, listed), {}
        if few:
            assert passing is not None
            # A few passing matches (a tag among a common word's articles): bm25 for each
            # alone (one FTS seek each) instead of for every match (see SEEK_EACH).
            ranked = conn.execute(
                f"SELECT rowid, {RANK} AS score FROM articles_fts WHERE articles_fts MATCH ? "
                "AND rowid IN (SELECT value FROM json_each(?)) ORDER BY score",
                (match, json.dumps(sorted(passing)))).fetchall()
        else:
            wider = rank_by is not None and conn.execute(
                "SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts "
                "MATCH ? LIMIT ?)", (rank_by, rank_limit + 1)).fetchone()[0] <= rank_limit
            ranked = conn.execute(f"SELECT rowid, {RANK} AS score FROM articles_fts WHERE "
                                  "articles_fts MATCH ? ORDER BY score",
                                  (rank_by if wider else match,)).fetchall()
            if wider and passing is None:
                passing = set(found)  # what `rank_by` matches beyond `match` goes
            if passing is not None:
                ranked = [r for r in ranked if r[0] in passing]
        return orders.newer_first_among_equals(ranked, page), {r[0]: -r[1] for r in ranked}

    def matches(self, match: str) -> list[int]:
        """Every rowid matching `match`, ascending, listed CHUNK rowids at a time."""
        highest = self.articles.highest_id()
        query = MATCHING
        conn = self.db.conn
        if highest < CHUNK:
            return id_list(conn, query, (match,))
        found: list[int] = []
        for low in range(0, highest, CHUNK):
            if low + CHUNK < highest:
                found += id_list(conn, query + " AND rowid >= ? AND rowid < ?",
                                  (match, low, low + CHUNK))
            else:  # open: articles another process adds meanwhile are not missed
                found += id_list(conn, query + " AND rowid >= ?", (match, low))
        return found

    def _early_page(self, match: str, order: str, early: Callable[[list[int], int], None],
                    count: int | None, at: int) -> None:
        """Call `early(first_ids, count)` when `match` has `at` matches or more.

        The `count` of matches is counted when not known (one pass over the index; the caller
        knows it for one word from its vocabulary). The first page is found by asking the
        index about the first articles of the cached `order`, 16, then 32, 64... at a time
        (one seek each), so it is exactly the start of the list that follows. Nothing is
        called without the order in memory, or when the seeks cost more than EARLY_BUDGET_S.
        """
        if self.articles.highest_id() < at:
            return
        ids = self.orders.cached(order)
        if ids is None:
            return
        if count is None:
            count = self.db.conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts "
                                      "MATCH ?", (match,)).fetchone()[0]
        if count < at:
            return
        deadline = time.perf_counter() + EARLY_BUDGET_S
        page: list[int] = []
        start, step = 0, 16
        while len(page) < EARLY_PAGE and start < len(ids):
            chunk = ids[start:start + step]
            hits = set(id_list(
                self.db.conn, MATCHING + " AND rowid IN (SELECT value FROM json_each(?))",
                (match, json.dumps(chunk))))
            page += [i for i in chunk if i in hits]
            start, step = start + step, step * 2
            if time.perf_counter() > deadline and len(page) < EARLY_PAGE:
                return
        early(page[:EARLY_PAGE], count)

    def _passing(self, match: str, where: str, params: Sequence[Any], found: int) -> set[int]:
        """The ids that pass the filters `where`, among the `found` matches of `match` at
        least. A narrow filter is listed whole (the first PROBE_EACH passing articles per
        match are read to find out); few matches are looked up one by one; otherwise every
        passing article is listed from the narrow indexes. A join of the filters to the
        ranking query paid for both at once, and was slower."""
        probe = found * PROBE_EACH
        passing = self._filtered(where, params, limit=probe + 1)
        if len(passing) <= probe:  # a narrow filter (a tag, a person): listed whole already
            return set(passing)
        if found * LOOK_UP_EACH < self.articles.highest_id():
            return set(self._filtered(
                f"a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) AND ({where})",
                (match, *params)))
        return set(self._filtered(where, params))

    def _filtered(self, where: str, params: Sequence[Any], limit: int = -1) -> list[int]:
        """The ids of the articles meeting `where` (the first `limit` of them, if given)."""
        return id_list(self.db.conn, "SELECT json_group_array(id) FROM "
                                   f"(SELECT a.id FROM articles AS a WHERE {where} LIMIT ?)",
                        (*params, limit))

    def hit_rows(self, ids: Sequence[int], chars: int | None = None,
                 ) -> dict[int, tuple[str, str, str, str]]:
        """`(title, source, published, body)` for a page of result ids; with `chars`, only
        the body's first `chars` characters (what a snippet may look at: a huge body costs far
        more to read whole than cut; docs/performance.md)."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        body = "body" if chars is None else f"substr(body, 1, {int(chars)})"
        return {r[0]: r[1:] for r in self.db.conn.execute(
            f"SELECT id, title, source, published, {body} FROM articles WHERE id IN ({marks})",
            tuple(ids))}

    def title_candidates(self, match: str | None, limit: int = 3000) -> list[tuple[int, str]]:
        """`(id, title)` pairs for fuzzy title ranking: FTS matches, or the newest articles."""
        if match is None:
            query = f"SELECT id, title FROM articles ORDER BY {order_by('newest')} LIMIT ?"
            params: tuple[str | int, ...] = (limit,)
        else:
            query = ("SELECT rowid, title FROM articles_fts WHERE articles_fts MATCH ? "
                     "ORDER BY rank LIMIT ?")
            params = (match, limit)
        return [(r[0], r[1]) for r in self.db.conn.execute(query, params)]


def _as_set(ids: list[int]) -> set[int]:
    """A set of `ids`, built a piece at a time: a million ids in one call would hold the GIL
    long enough for the UI thread to miss frames."""
    if len(ids) <= CHUNK:
        return set(ids)
    result: set[int] = set()
    for start in range(0, len(ids), CHUNK):
        result.update(ids[start:start + CHUNK])
    return result

