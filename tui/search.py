"""Query text -> a safe FTS5 MATCH expression, run against the library, ranked by bm25."""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable

from rapidfuzz import fuzz, process, utils

from .models import SearchResult
from .storage import Library

WORD = re.compile(r"\w+", re.UNICODE)


def quote_term(term: str) -> str:
    """An FTS5 string literal: user text is always quoted, so it is never FTS5 syntax."""
    return '"' + term.replace('"', '""') + '"'


def to_match(query: str) -> tuple[str | None, list[str]]:
    """Build the MATCH expression for the words of `query` (ANDed).

    Returns:
        The expression (None when the query holds no word) and the words searched.
    """
    words = WORD.findall(query)
    if not words:
        return None, []
    return " AND ".join(quote_term(w) for w in words), words


def search(
    library: Library, query: str, *, limit: int = 20,
    cancelled: Callable[[], bool] | None = None,
) -> SearchResult:
    """Search the library. Never raises on any query text.

    Args:
        library: the library to search.
        query: what the person typed.
        limit: how many hits get a snippet.
        cancelled: polled during the query; when it returns True the query stops early.
    """
    started = time.perf_counter()
    match, words = to_match(query)
    if match is None:
        notice = "nothing to search for: type a word" if query.strip() else ""
        return SearchResult(query, 0, [], notices=[notice] if notice else [])
    try:
        total, hits, ids = library.fts_search(match, limit=limit, cancelled=cancelled)
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            return SearchResult(query, 0, [], notices=["search cancelled"])
        raise
    elapsed = (time.perf_counter() - started) * 1000
    return SearchResult(query, total, hits, ids=ids, terms=words, elapsed_ms=elapsed)


def fuzzy_titles(library: Library, text: str, *, limit: int = 20) -> list[tuple[int, str, float]]:
    """Titles ranked fuzzily against `text`, for the palette's "open article...".

    Candidates come from the FTS index (titles holding a word that starts like one typed, so
    a typo after the third letter still finds them), then rapidfuzz ranks them.

    Returns:
        `(id, title, score)` with score in 0..100, best first; the newest titles for no text.
    """
    words = [w for w in WORD.findall(text) if len(w) >= 2]
    if not words:
        return [(i, t, 0.0) for i, t in library.title_candidates(None, limit=limit)]
    match = "title : (" + " OR ".join(quote_term(w[:3]) + "*" for w in words) + ")"
    candidates = dict(library.title_candidates(match))
    ranked = process.extract(
        text, candidates, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit
    )
    return [(key, title, score) for title, score, key in ranked]
