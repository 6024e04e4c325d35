"""The library's list orders kept in memory, a part of `Library` (`library.orders`): every
id newest first (or oldest first, or by title) for this generation, each article's place in
the newest-first order, and what they answer without SQL: ties among equal scores, date
bounds, a set of ids in order, how many articles the list shows."""

from __future__ import annotations

import json
import sqlite3
import threading
from array import array
from collections.abc import Callable, Iterable, Sequence
from itertools import groupby
from operator import itemgetter

from .articles import Articles
from .connections import Connections
from .schema import DATE_OF, order_by
from .yielding import Pause, interrupted

TIED_IN_SQL = 5_000
"""Up to this many tied ids are put in order by SQL when no whole order is cached."""

Span = tuple[int, int, "array[int]"]
"""`(start, stop, places)`: a stretch of the newest-first order and the places it refers to."""

SPARSE = 8
"""The places array is kept while the highest id is under SPARSE times the articles (plus
SPARSE_SLACK)."""
SPARSE_SLACK = 65_536

PLACED = 65_536
"""Articles placed in the positions array between two pauses (see `positions`)."""

SORT_FEW = 8
"""Ids fewer than 1/SORT_FEW of the library are sorted by their places (k log k) instead of
picked from the whole order (a pass over every article)."""


class Orders:
    """Whole list orders and newest-first places, cached per generation of the articles.

    Shared by every thread of the library (under its own lock); each generation's orders
    replace the last one's.

    Args:
        db: the library's connection manager.
        articles: the library's articles (their ids in an order, their generation).
    """

    def __init__(self, db: Connections, articles: Articles) -> None:
        self.db = db
        self.articles = articles
        self._lock = threading.Lock()
        self._orders: dict[tuple[str, int], list[int]] = {}
        self._positions_cache: dict[tuple[str, int], array[int]] = {}

    def newer_first_among_equals(self, ranked: list[tuple[int, float]],
                                 page: int | None = None) -> list[int]:
        """Ids by bm25; articles with equal scores newest first.

        `page`: without a whole order in memory, only the ties that reach into the first
        `page` ids are put in order (a one-off command that shows a page: a few ids to look
        up instead of thousands). Later ties keep the index's order.
        """
        groups = [[r[0] for r in group] for _, group in groupby(ranked, key=itemgetter(1))]
        position: array[int] | dict[int, int] | None = self.cached_positions()
        ordered = groups
        if position is None and page is not None:
            ordered, reached = [], 0
            for group in groups:
                if reached >= page:
                    break
                ordered.append(group)
                reached += len(group)
        tied = [i for group in ordered if len(group) > 1 for i in group]
        if not tied:
            return [i for group in groups for i in group]
        if position is None:
            # No whole order in memory (a one-off `newsreader search`): building it costs
            # far more than asking SQL for the places of the tied few.
            if len(tied) > TIED_IN_SQL:
                position = self.positions()
            if position is None:
                position = self.positions_of(tied)
        place = _place_in(position)
        for group in ordered:  # the same lists as in `groups`, sorted in place
            if len(group) > 1:
                group.sort(key=place)
        return [i for group in groups for i in group]

    def positions_of(self, ids: list[int]) -> dict[int, int]:
        """Newest-first places of a few ids, relative to each other."""
        rows = self.db.conn.execute(
            "SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?)) "
            f"ORDER BY {order_by('newest')}", (json.dumps(ids),))
        return {r[0]: n for n, r in enumerate(rows)}

    def cached_positions(self) -> array[int] | None:
        """The cached newest-first places of every article, if this generation has them."""
        key = ("positions", self.articles.generation())  # not under the lock: it reads
        with self._lock:
            return self._positions_cache.get(key)

    def positions(self, pause: Pause | None = None) -> array[int] | None:
        """Each article's place in the newest-first order, indexed by id (cached with the
        order): 4 bytes an id, a fraction of what a dict takes. None when ids are too sparse
        for that (most articles deleted): callers then ask SQL. `pause()` is called between
        steps of the work when it must be done (see `yielding`)."""
        cached = self.cached_positions()
        if cached is None:
            key = ("positions", self.articles.generation())
            order = self.whole(pause=pause)
            highest = max(order, default=0)
            if highest > SPARSE * len(order) + SPARSE_SLACK:
                return None
            cached = array("i", bytes(4 * (highest + 1)))
            for start in range(0, len(order), PLACED):
                for place, article_id in enumerate(order[start:start + PLACED], start):
                    cached[article_id] = place
                if pause is not None:
                    pause()
            with self._lock:
                self._positions_cache = {key: cached}
        return cached

    def whole(self, order: str = "newest", *, cancelled: Callable[[], bool] | None = None,
              pause: Pause | None = None) -> list[int]:
        """The cached whole order of this generation (not a copy: never change it).
        `cancelled` and `pause` apply when it must be read (see `Articles.ids`)."""
        generation = self.articles.generation()
        key = (order, generation)
        with self._lock:
            cached = self._orders.get(key)
        if cached is None:
            cached = self.articles.ids(order, cancelled=cancelled, pause=pause)
            with self._lock:  # each order of this generation stays; older ones go
                self._orders = {k: v for k, v in self._orders.items() if k[1] == generation}
                self._orders[key] = cached
        return cached

    def cached(self, order: str) -> list[int] | None:
        """The whole order of this generation if it is in memory, else None (never reads it)."""
        key = (order, self.articles.generation())
        with self._lock:
            return self._orders.get(key)

    def listed_count(self) -> int:
        """How many articles the list shows: the length of the cached newest-first order of
        this generation when in memory (count(*) reads a whole index: too slow for every
        keystroke of a large library), else counted."""
        cached = self.cached("newest")
        return len(cached) if cached is not None else self.articles.count()

    def approximate_count(self) -> int:
        """How many articles there are, or about (the highest id) when counting them would
        cost a pass over an index."""
        cached = self.cached("newest")
        return len(cached) if cached is not None else self.articles.highest_id()

    def date_span(self, dates: Sequence[tuple[str, str]]) -> Span | None:
        """The places `[start, stop)` in the newest-first order whose dates meet every bound,
        by bisection (each step one row look-up), with the places array they refer to; None
        when the order is not in memory."""
        position = self.cached_positions()
        if position is None:
            return None
        order = self.whole()
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
            row = self.db.conn.execute(query, (order[middle],)).fetchone()
            if row is not None and row[0] >= when:
                low = middle + 1
            else:
                high = middle
        return low

    @staticmethod
    def in_span(span: Span, ids: Iterable[int]) -> set[int]:
        """Those of `ids` whose place in the newest-first order is within `span`."""
        start, stop, position = span
        size = len(position)
        return {i for i in ids if i < size and start <= position[i] < stop}

    def warm(self, pause: Pause | None = None) -> None:
        """Read the newest-first order and the places in it now, so that the first broad or
        tied search does not pay for them; `pause()` between steps (see `yielding`)."""
        self.positions(pause)

    def every(self, order: str = "newest", *, cancelled: Callable[[], bool] | None = None,
              pause: Pause | None = None) -> list[int] | None:
        """Every article in a list order (a copy), or None when `cancelled()` became true
        while the order was read: a list superseded by a search the person typed stops at
        once instead of competing with that search (a second at a million articles).
        `pause()` is called between steps of the read."""
        try:
            return list(self.whole(order, cancelled=cancelled, pause=pause))
        except sqlite3.OperationalError as exc:
            if interrupted(exc):
                return None
            raise

    def in_order(self, ids: set[int] | None, order: str = "newest") -> list[int]:
        """`ids` (None: every article) in a list order, from a cached copy of the whole order."""
        cached = self.whole(order)
        if ids is None or len(ids) == len(cached):  # every article (ids are distinct)
            return list(cached)
        if order == "newest" and len(ids) * SORT_FEW < len(cached):
            position = self.cached_positions()
            if position is not None and max(ids, default=0) < len(position):
                return sorted(ids, key=position.__getitem__)
        return [i for i in cached if i in ids]


def _place_in(position: array[int] | dict[int, int]) -> Callable[[int], int]:
    """An id's place in `position`; an id added by another process since comes last."""
    if isinstance(position, dict):
        return position.__getitem__
    size = len(position)
    return lambda i: position[i] if i < size else size
