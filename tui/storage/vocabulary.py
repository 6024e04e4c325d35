"""The index's vocabulary behind typo tolerance, a part of `Library` (`library.vocabulary`):
every word with the number of articles holding it, kept in the library's `vocabulary` table
(`vocabulary_table`), and the words of the most mentioned entities' names."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence

from .errors import LibraryError
from .schema import quote_term
from .vocabulary_table import VocabularyTable

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `newsreader search` need not import typing
if TYPE_CHECKING:
    from .connections import Connections
    from .entities import Entities


class IndexVocabulary:
    """The words of the full-text index and how many articles hold each.

    Args:
        db: the library's connection manager.
        entities: the library's entities (for the words of their names).
    """

    def __init__(self, db: Connections, entities: Entities) -> None:
        self.db = db
        self.entities = entities

    def words(self, *, stored_only: bool = False) -> list[tuple[str, int]] | None:
        """Every indexed word with the number of articles holding it (None when `stored_only`
        and the library's table of them is behind).

        Read from the `vocabulary` table (see `vocabulary_table`), which `add` keeps up to
        date: reading fts5vocab instead walks the whole index, far slower on a large library
        (docs/performance.md). A table left behind (by an older version's add, or a write
        that had no time to refresh it) is brought up to date here when the library is free,
        else counted up to date in memory.
        """
        table = VocabularyTable(self.db.conn)
        if table.current():
            return table.rows()
        if stored_only:
            return None
        if not self.db.readonly and self.refresh(wait=False):
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
        return [(r[0], r[1]) for r in self.db.conn.execute(
            "SELECT term, doc FROM articles_vocab")]

    def refresh(self, *, wait: bool = True) -> bool:
        """Bring the library's table of words up to date (after an add); False when it could
        not be written (read-only, or busy and not `wait`)."""
        if self.db.readonly:
            return False
        try:
            with self.db.write(wait=wait) as conn:
                VocabularyTable(conn).refresh()
            return True
        except LibraryError:
            if wait:
                raise
            return False

    def name_words(self, words_of: Callable[[list[str]], list[str]], labels: Sequence[str],
                   limit: int) -> list[str]:
        """The words of the names of the `limit` most mentioned entities of `labels`, as
        `words_of` makes them from the names; kept in `meta` until entities change (reading
        and splitting them afresh costs far more than reading them back)."""
        stamp = self.entities.stamp()
        row = self.db.conn.execute("SELECT value FROM meta WHERE key = ?",
                                   (f"names:{stamp}",)).fetchone()
        if row:
            kept: list[str] = json.loads(row[0])
            return kept
        words = words_of(self.entities.name_texts(labels, limit))
        if not self.db.readonly:
            self._keep(f"names:{stamp}", json.dumps(words))
        return words

    def _keep(self, key: str, value: str) -> None:
        """Cache a derived value in `meta` if the library is free right now; never wait for a
        writer. Older values of the same kind (`key` up to its colon) go."""
        try:
            with self.db.write(wait=False) as conn:
                conn.execute("DELETE FROM meta WHERE key LIKE ?", (key.split(":")[0] + ":%",))
                conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))
        except LibraryError:
            pass  # busy or read-only: the value is recomputed next time, nothing is lost

    def term_docs(self, term: str, limit: int = -1, *, prefix: bool = False) -> int:
        """How many articles hold the indexed word `term` (or, with `prefix`, a word starting
        with it), counted up to `limit` (all when -1).

        Counting walks the word's doclist (fts5vocab does the same), so a caller that only
        needs to know "fewer than 3?" says so.
        """
        count: int = self.db.conn.execute(
            "SELECT count(*) FROM (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
            "LIMIT ?)", (quote_term(term) + ("*" if prefix else ""), limit)).fetchone()[0]
        return count
