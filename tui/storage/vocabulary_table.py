"""The typo vocabulary kept in the library: every indexed word with the number of articles
holding it, in the table `vocabulary` (migration 9), so that nothing reads the whole full-text
index to get it (seconds at a million articles; docs/performance.md).

The table is exact for the articles up to `meta.vocabulary_max_id`. What changed since is
known without a scan: articles with a higher id are new; the triggers of migration 9 copy
into `vocabulary_changes` the old and new text of an article at or below that id that is
updated, deleted or inserted (an id used again). `VocabularyTable.refresh` folds both in:
their words are counted by a temporary FTS5 index with the library's own tokenizer, so the
counts are the index's own. `newsreader add` (and every add through `tui.ingest`) refreshes
the table when it ends; a reader that finds it behind counts the rest in memory.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

from .schema import TOKENIZE

MAX_ID_KEY = "vocabulary_max_id"
"""The `meta` key of the highest article id the table counts (absent: never counted)."""
GROWN_SHARE = 0.03
"""When more than this share of the library is new since the count, the whole index is read
again (one pass in SQLite) instead of the new articles being tokenized: tokenizing a new
article costs about as much as reading 30 articles' share of the whole index."""
CHUNK = 2_000
"""Texts tokenized per temporary index (bounds its memory)."""

class VocabularyTable:
    """The `vocabulary` table of one connection: read it, bring it up to date."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def counted_to(self) -> int | None:
        """The highest article id the table counts; None when it was never counted."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (MAX_ID_KEY,)).fetchone()
        return int(row[0]) if row else None

    def behind(self) -> tuple[int | None, int, int, int]:
        """`(counted_to, highest id, new articles, logged changes)`: how far the table lags."""
        counted = self.counted_to()
        highest, = self.conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()
        new = 0
        if counted is not None and highest > counted:
            new, = self.conn.execute("SELECT count(*) FROM articles WHERE id > ?",
                                     (counted,)).fetchone()
        changes, = self.conn.execute("SELECT count(*) FROM vocabulary_changes").fetchone()
        return counted, highest, new, changes

    def current(self) -> bool:
        """Whether the table counts every article as it is now."""
        counted, highest, _, changes = self.behind()
        return counted is not None and highest <= counted and not changes

    def rows(self) -> list[tuple[str, int]]:
        """Every word with its article count, in the index's order of words."""
        return self.conn.execute("SELECT term, docs FROM vocabulary").fetchall()

    def refresh(self) -> None:
        """Bring the table up to date; call inside a write transaction."""
        conn = self.conn
        counted, highest, new, _ = self.behind()
        articles, = conn.execute("SELECT count(*) FROM articles").fetchone()
        if counted is None or new > GROWN_SHARE * max(articles, 1):
            conn.execute("DELETE FROM vocabulary")
            conn.execute("INSERT INTO vocabulary (term, docs) "
                         "SELECT term, doc FROM articles_vocab")
            conn.execute("DELETE FROM vocabulary_changes")
        else:
            delta, last = self.delta(counted)
            conn.executemany(
                "INSERT INTO vocabulary (term, docs) VALUES (?, ?) "
                "ON CONFLICT (term) DO UPDATE SET docs = docs + excluded.docs",
                [(term, docs) for term, docs in delta.items() if docs])
            conn.execute("DELETE FROM vocabulary WHERE docs <= 0")
            conn.execute("DELETE FROM vocabulary_changes WHERE id <= ?", (last,))
        conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) "
                     "DO UPDATE SET value = excluded.value", (MAX_ID_KEY, str(highest)))

    def delta(self, counted: int) -> tuple[Counter[str], int]:
        """How the article count of each word changed since the table was counted up to the
        id `counted`, and the last change logged that this includes."""
        conn = self.conn
        delta: Counter[str] = Counter()
        last, = conn.execute("SELECT coalesce(max(id), 0) FROM vocabulary_changes").fetchone()
        for sign in (1, -1):
            self._count(delta, sign, "SELECT title, body FROM vocabulary_changes "
                                     "WHERE sign = ? AND id <= ? AND id > ? ORDER BY id LIMIT ?",
                        (sign, last))
        self._count(delta, 1, "SELECT title, body FROM articles WHERE id > ? AND id > ? "
                              "ORDER BY id LIMIT ?", (counted,), key="id")
        return delta, last

    def _count(self, delta: Counter[str], sign: int, sql: str, params: tuple[int, ...],
               key: str = "id") -> None:
        """Add `sign` times the article count of each word of the texts `sql` selects (it
        takes `params`, then the last id read and a limit, and pages by `key`)."""
        conn = self.conn
        conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocabulary_delta USING "
                     f"fts5(title, body, tokenize='{TOKENIZE}')")
        conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocabulary_delta_terms "
                     "USING fts5vocab(temp, vocabulary_delta, 'row')")
        after = 0
        while True:
            conn.execute("DELETE FROM temp.vocabulary_delta")
            paged = sql.replace("SELECT title, body", f"SELECT {key}, title, body")
            rows = conn.execute(paged, (*params, after, CHUNK)).fetchall()
            if not rows:
                break
            after = rows[-1][0]
            conn.executemany("INSERT INTO temp.vocabulary_delta (title, body) VALUES (?, ?)",
                             [(title, body) for _, title, body in rows])
            for term, docs in conn.execute("SELECT term, doc FROM temp.vocabulary_delta_terms"):
                delta[term] += sign * docs
        conn.execute("DELETE FROM temp.vocabulary_delta")
