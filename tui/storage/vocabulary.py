"""The index's vocabulary behind typo tolerance, mixed into `Library`: every word with the
number of articles holding it, kept in `meta` per generation and grown with the library."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence

from .schema import TOKENIZE, quote_term

GROWN_SHARE = 0.25
"""The typo vocabulary is read whole again once this share of the library was added to it."""

class VocabularyMixin:
    """Needs `conn`, `generation()`, `readonly`, `_store_quietly()`, `entities_stamp()` and
    `name_texts()` from `Library`."""

    def vocabulary(self, *, stored_only: bool = False) -> list[tuple[str, int]] | None:
        """Every indexed word with the number of articles holding it (None when `stored_only`
        and no copy is kept for this generation).

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
        if stored_only:
            return None
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

    def name_words(self, words_of: Callable[[list[str]], list[str]], labels: Sequence[str],
                   limit: int) -> list[str]:
        """The words of the names of the `limit` most mentioned entities of `labels`, as
        `words_of` makes them from the names; kept in `meta` until entities change (read and
        split afresh: about 0.2 s per 100,000 names; read back: a few milliseconds)."""
        stamp = self.entities_stamp()
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?",
                                (f"names:{stamp}",)).fetchone()
        if row:
            return json.loads(row[0])
        words = words_of(self.name_texts(labels, limit))
        if not self.readonly:
            self._store_quietly(f"names:{stamp}", json.dumps(words))
        return words

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

    def term_docs(self, term: str, limit: int = -1, *, prefix: bool = False) -> int:
        """How many articles hold the indexed word `term` (or, with `prefix`, a word starting
        with it), counted up to `limit` (all when -1).

        Counting walks the word's doclist (fts5vocab does the same: 12 ms for a word in every
        one of 100k articles), so a caller that only needs to know "fewer than 3?" says so.
        """
        return self.conn.execute(
            "SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
            "LIMIT ?)", (quote_term(term) + ("*" if prefix else ""), limit)).fetchone()[0]
