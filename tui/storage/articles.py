"""Articles, mixed into `Library`: storing them (added, updated or unchanged, with their
entities), reading them whole or as list rows, every id in a list order, flags, counts."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from ..models import Article, ArticleRow, EntitySpan
from .entities import EntityWriter, extractor_version
from .identity import article_uid, content_hash, count_words, now, public_url
from .schema import id_list, order_by

STATS_TABLES = {"tags": "tags", "notes": "annotations", "entities": "entities",
                "feeds": "feeds", "saved_searches": "saved_searches"}
"""What `stats` counts besides articles: key -> table."""

ROW_COLUMNS = (
    "id, title, source, published, added, read, starred, word_count, "
    "(SELECT count(*) FROM article_tags t WHERE t.article_id = articles.id), "
    "(SELECT count(*) FROM annotations n WHERE n.article_id = articles.id)"
)
ARTICLE_COLUMNS = (
    "id, uid, title, body, source, author, url, published, credit, path, content_hash, "
    "word_count, added, updated, read, starred"
)


class ArticlesMixin:
    """Needs `conn`, `path`, `write()`, `schema_version()`, `_cached_order()` (OrdersMixin),
    `_store_entities()` and `_reanchor()` from `Library`."""

    def upsert_articles(self, articles: Sequence[Article],
                        entities: Sequence[list[EntitySpan] | None] | None = None,
                        ) -> list[tuple[str, int]]:
        """Store articles in one transaction; each becomes added, updated or unchanged.

        Args:
            articles: the articles, cleaned.
            entities: for each article, its entities if already extracted (by an ingest
                worker, from exactly this title and body with this extractor), else None.

        Returns:
            `(status, id)` per article, in order.
        """
        results = []
        stamp = now()
        spans = entities or [None] * len(articles)
        with self.write() as conn:
            writer = EntityWriter(conn)
            unindexed: list[tuple[int, str, str]] = []
            for article, found in zip(articles, spans, strict=True):
                results.append(self._upsert(conn, article, stamp, writer, found, unindexed))
            writer.flush()
            if any(status != "unchanged" for status, _ in results):
                self._bump_generation(conn)
            if any(status == "updated" for status, _ in results):
                # A text rewritten: the typo vocabulary can no longer be grown, only reread.
                conn.execute("INSERT INTO meta (key, value) VALUES ('rewrites', '1') ON CONFLICT "
                             "(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")
            _index(conn, unindexed)  # last: see `_index`
        return results

    def _bump_generation(self, conn: sqlite3.Connection) -> None:
        conn.execute(
            "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'"
        )

    def generation(self) -> int:
        """A counter bumped by every change to article text (caches key on it)."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return int(row[0]) if row else 0

    def _upsert(self, conn: sqlite3.Connection, article: Article, stamp: str,
                entities: EntityWriter, spans: list[EntitySpan] | None,
                unindexed: list[tuple[int, str, str]]) -> tuple[str, int]:
        """Insert or update one article; a new one waits in `unindexed` for `_index`."""
        article.uid = article.uid or article_uid(article)
        article.content_hash = content_hash(article)
        article.word_count = article.word_count or count_words(article.body)
        row = conn.execute(
            "SELECT id, content_hash FROM articles WHERE uid = ?", (article.uid,)
        ).fetchone()
        if row is None and article.path and article.path != "-" and not article.url:
            # The same file edited since it was added: keep its id, notes and read state.
            row = conn.execute(
                "SELECT id, content_hash FROM articles WHERE path = ? AND url = '' "
                "ORDER BY id LIMIT 1", (article.path,)
            ).fetchone()
        fields = {
            "uid": article.uid, "title": article.title, "body": article.body,
            "source": article.source, "author": article.author, "url": article.url,
            "published": article.published, "credit": article.credit, "path": article.path,
            "content_hash": article.content_hash, "word_count": article.word_count,
        }
        if row is None:
            # Stamped now: its entities are stored below, in this same transaction.
            fields.update(added=stamp, updated=stamp, entities_version=extractor_version())
            names = ", ".join(fields)
            marks = ", ".join("?" * len(fields))
            cursor = conn.execute(
                f"INSERT INTO articles ({names}) VALUES ({marks})", tuple(fields.values())
            )
            article.id = cursor.lastrowid
            unindexed.append((article.id, article.title, article.body))
            self._store_entities(conn, article.id, article.title, article.body, entities, spans,
                                 new=True)
            return "added", cursor.lastrowid
        article.id = row[0]
        if row[1] == article.content_hash:
            return "unchanged", row[0]
        fields["updated"] = stamp
        if unindexed:
            _index(conn, unindexed)  # the update's trigger deletes what the index holds
        assignments = ", ".join(f"{name} = ?" for name in fields)
        conn.execute(
            f"UPDATE articles SET {assignments} WHERE id = ?", (*fields.values(), row[0])
        )
        self._reanchor(conn, row[0], article.body)
        self._store_entities(conn, row[0], article.title, article.body, entities, spans)
        return "updated", row[0]

    def get_article(self, article_id: int) -> Article | None:
        cursor = self.conn.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
        row = cursor.fetchone()
        if row is None:
            return None
        data = dict(zip((column[0] for column in cursor.description), row))
        data["read"], data["starred"] = bool(data["read"]), bool(data["starred"])
        # Shown (`o`), quoted and exported: whatever another program stored, never a
        # `javascript:` link or a password.
        data["url"] = public_url(data["url"]) if data["url"] else ""
        return Article(**data)

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def listed_count(self) -> int:
        """How many articles the list shows: the length of the cached newest-first order of
        this generation when in memory (count(*) reads a whole index, 15 ms at 1M articles:
        too much for every keystroke), else counted."""
        cached = self._cached_order("newest")
        return len(cached) if cached is not None else self.count()

    def ids(self, order: str = "newest") -> list[int]:
        """Every article id in the given order (100k ids are under a megabyte).

        One JSON array from SQLite, parsed in C: at 1M articles 0.18-0.21 s against 0.30-0.49 s
        for a Python tuple per row (and one GIL hand-over instead of one per row, which the UI
        thread feels while the list loads).
        """
        if sqlite3.sqlite_version_info >= (3, 44):  # ORDER BY inside an aggregate
            query = f"SELECT json_group_array(id ORDER BY {order_by(order)}) FROM articles"
        else:  # older SQLite keeps a subquery's order for an order-sensitive aggregate
            query = ("SELECT json_group_array(id) FROM "
                     f"(SELECT id FROM articles ORDER BY {order_by(order)})")
        return id_list(self.conn, query)

    def rows(self, ids: Sequence[int]) -> dict[int, ArticleRow]:
        """List rows for a page of ids, fetched in one query."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        query = f"SELECT {ROW_COLUMNS} FROM articles WHERE id IN ({marks})"
        return {r[0]: _row(r) for r in self.conn.execute(query, tuple(ids))}

    def list_rows(self, limit: int | None = None, order: str = "newest") -> list[ArticleRow]:
        query = f"SELECT {ROW_COLUMNS} FROM articles ORDER BY {order_by(order)}"
        params: tuple = ()
        if limit is not None:
            query += " LIMIT ?"
            params = (limit,)
        return [_row(r) for r in self.conn.execute(query, params)]

    def set_flag(self, article_id: int, flag: str, value: bool) -> None:
        """Set `read` or `starred` on one article."""
        if flag not in ("read", "starred"):
            raise ValueError(flag)
        with self.write() as conn:
            conn.execute(f"UPDATE articles SET {flag} = ? WHERE id = ?", (int(value), article_id))

    def stats(self) -> dict:
        row = self.conn.execute(
            "SELECT count(*), coalesce(sum(word_count), 0), coalesce(sum(read), 0), "
            "coalesce(sum(starred), 0), count(DISTINCT nullif(source, '')) FROM articles"
        ).fetchone()
        size = sum(
            p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists()
        )
        data = {
            "articles": row[0], "words": row[1], "read": row[2], "unread": row[0] - row[2],
            "starred": row[3], "sources": row[4], "path": str(self.path),
            "size_bytes": size, "schema_version": self.schema_version(),
        }
        # sqlite-utils' table view counts the rest (imported here, off the search path: its
        # 30-45 ms import would double `newsreader search`'s start-up).
        import sqlite_utils

        db = sqlite_utils.Database(self.conn)
        for key, table in STATS_TABLES.items():
            data[key] = db[table].count  # every table exists: migrations made them
        return data


def _index(conn: sqlite3.Connection, unindexed: list[tuple[int, str, str]]) -> None:
    """Add new articles `(id, title, body)` to the full-text index in one statement, and
    empty the list.

    Call it after the transaction's other writes: FTS5 writes the terms pending so far into
    a segment of their own at each statement savepoint (schema.py, migration 5), which a
    statement that fires a trigger or checks a foreign key opens.
    """
    if unindexed:
        conn.executemany("INSERT INTO articles_fts(rowid, title, body) VALUES (?, ?, ?)",
                         unindexed)
        unindexed.clear()


def _row(r: tuple) -> ArticleRow:
    return ArticleRow(r[0], r[1], r[2], r[3], r[4], bool(r[5]), bool(r[6]), r[7], r[8], r[9])
