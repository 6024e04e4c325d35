"""The index's vocabulary behind typo tolerance, mixed into `Library`: every word with the
number of articles holding it, kept in the library's `vocabulary` table (`vocabulary_table`)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence

from .schema import quote_term
from .vocabulary_table import VocabularyTable


class VocabularyMixin:
    """Needs `conn`, `generation()`, `readonly`, `_store_quietly()`, `entities_stamp()` and
    `name_texts()` from `Library`."""

    def vocabulary(self, *, stored_only: bool = False) -> list[tuple[str, int]] | None:
        """Every indexed word with the number of articles holding it (None when `stored_only`
        and the library's table of them is behind).

        Read from the `vocabulary` table (see `vocabulary_table`), which `add` keeps up to
        date: a few milliseconds per 10,000 words, where reading fts5vocab walks the whole
        index (0.6 s at 100k articles, 6.5-21 s at 1M). A table left behind (by an older
        version's add, or a write that had no time to refresh it) is brought up to date here
        when the library is free, else counted up to date in memory.
        """
        table = VocabularyTable(self.conn)
        if table.current():
            return table.rows()
        if stored_only:
            return None
        if not self.readonly and self.refresh_vocabulary(wait=False):
            return table.rows()
        counted = table.counted_to()
        try:
            if counted is not None:
                delta, _ = table.delta(counted)
                docs = dict(table.rows())
                for term, change in delta.items():
                    docs[term] = docs.get(term, 0) + change
                return sorted((t, d) for t, d in docs.items() if d > 0)
        except sqlite3.Error:  # no room for the temporary index: read the whole one
            pass
        return [(r[0], r[1]) for r in self.conn.execute("SELECT term, doc FROM articles_vocab")]

    def refresh_vocabulary(self, *, wait: bool = True) -> bool:
        """Bring the library's table of words up to date (after an add); False when it could
        not be written (read-only, or busy and not `wait`)."""
        from .library import BUSY_TIMEOUT_S, LibraryError

        if self.readonly:
            return False
        conn = self.conn
        if not wait:
            conn.execute("PRAGMA busy_timeout = 50")
        try:
            with self.write(wait=wait):
                VocabularyTable(conn).refresh()
            return True
        except LibraryError:
            if wait:
                raise
            return False
        finally:
            if not wait:
                conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")

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

    def term_docs(self, term: str, limit: int = -1, *, prefix: bool = False) -> int:
        """How many articles hold the indexed word `term` (or, with `prefix`, a word starting
        with it), counted up to `limit` (all when -1).

        Counting walks the word's doclist (fts5vocab does the same: 12 ms for a word in every
        one of 100k articles), so a caller that only needs to know "fewer than 3?" says so.
        """
        return self.conn.execute(
            "SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
            "LIMIT ?)", (quote_term(term) + ("*" if prefix else ""), limit)).fetchone()[0]
