"""Articles, a part of `Library` (`library.articles`): storing them (added, updated or
unchanged, with their entities and earlier versions), reading them whole or as list rows,
every id in a list order, flags, counts."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..models import Article, ArticleRow, EntitySpan, Merge, Version
from .connections import Connections
from .entities import Entities, EntityWriter, extractor_version
from .errors import LibraryError
from .identity import article_uid, content_hash, count_words, now, public_url
from .marks import FLAGS
from .notes import Notes
from .schema import id_list, order_by
from .versions import archive, get_version, known_text, list_versions, version_counts
from .yielding import Pause

BULK_CACHE_KB = 65536
BULK_AUTOMERGE = 16
"""FTS5 merges 16 segments at a time during a large add, not 4: fewer levels to rewrite, a
faster writer, and queries no slower (figures in docs/performance.md)."""
DEFAULT_AUTOMERGE = 4
BULK_HASH_BYTES = 8 * 1024 * 1024
"""FTS5 keeps up to 8 MB of new terms in memory during a large add, not 1 MB, so that a batch
of `tui.ingest.BATCH` articles becomes one segment, not four: less CPU and fewer bytes written
an article (docs/performance.md)."""
DEFAULT_HASH_BYTES = 1024 * 1024
BULK_CHECKPOINT_PAGES = 8192
WAL_KEEP_BYTES = 16 * 1024 * 1024

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
KEPT = ("source", "author", "url", "published", "credit")
"""Metadata an add never empties: a value it gives replaces the stored one, a value it lacks
keeps it (`newsreader add story.txt --source Wire`, then `add` of its folder, keeps Wire)."""
_STORED = "id, path, content_hash, " + ", ".join(KEPT)


class Articles:
    """The `articles` table and the full-text index over it, with `article_versions`.

    Args:
        db: the library's connection manager.
        entities: the library's entities (an article's are stored with it).
        notes: the library's notes (highlights move with a changed text).
    """

    def __init__(self, db: Connections, entities: Entities, notes: Notes) -> None:
        self.db = db
        self.entities = entities
        self.notes = notes
        self._undated: tuple[int, int] | None = None
        """`(generation, count)` of `undated_count`."""

    def upsert(self, articles: Sequence[Article],
               entities: Sequence[list[EntitySpan] | None] | None = None, *,
               update: bool = True, merged: list[Merge] | None = None,
               ) -> list[tuple[str, int]]:
        """Store articles in one transaction; each becomes added, updated, unchanged or kept.

        An article already stored is found by its uid (the same canonical URL, or the same
        text), else by its path (the same file, edited). Changing it first keeps what it held
        as a version (see `tui.storage.versions`), and never empties a field the add lacks
        (`KEPT`). A text from another source that is the same text is a duplicate: it only
        fills fields the stored article lacks. A text from another source that the article
        already had before (an earlier version) does not bring it back: two sources of one URL
        added in turn would otherwise swap its text, and add a version, on every add.

        Args:
            articles: the articles, cleaned.
            entities: for each article, its entities if already extracted (by an ingest
                worker, from exactly this title and body with this extractor), else None.
            update: False leaves stored articles as they are: one that would change is
                "kept" (`add --no-update`, `[ingest] update = false`).
            merged: receives a `Merge` for each article folded into one stored from another
                source.

        Returns:
            `(status, id)` per article, in order.
        """
        results = []
        stamp = now()
        spans = entities or [None] * len(articles)
        with self.db.write() as conn:
            writer = EntityWriter(conn)
            unindexed: list[tuple[int, str, str]] = []
            for article, found in zip(articles, spans, strict=True):
                results.append(self._upsert(conn, article, stamp, writer, found, unindexed,
                                            update=update, merged=merged))
            writer.flush()
            if any(status != "unchanged" for status, _ in results):
                self._bump_generation(conn)
            if any(status == "updated" for status, _ in results):
                # A text rewritten: the typo vocabulary can no longer be grown, only reread.
                conn.execute("INSERT INTO meta (key, value) VALUES ('rewrites', '1') ON CONFLICT "
                             "(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")
            _index(conn, unindexed)  # last: see `_index`
        return results

    @staticmethod
    def _bump_generation(conn: sqlite3.Connection) -> None:
        conn.execute(
            "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'"
        )

    def generation(self) -> int:
        """A counter bumped by every change to article text (caches key on it)."""
        row = self.db.conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return int(row[0]) if row else 0

    def _upsert(self, conn: sqlite3.Connection, article: Article, stamp: str,
                entities: EntityWriter, spans: list[EntitySpan] | None,
                unindexed: list[tuple[int, str, str]], *, update: bool = True,
                merged: list[Merge] | None = None) -> tuple[str, int]:
        """Insert or update one article; a new one waits in `unindexed` for `_index`."""
        article.uid = article.uid or article_uid(article)
        article.word_count = article.word_count or count_words(article.body)
        cursor = conn.execute(f"SELECT {_STORED} FROM articles WHERE uid = ?", (article.uid,))
        row, by_path = cursor.fetchone(), False
        if row is None and article.path and article.path != "-" and not article.url:
            # The same file edited since it was added: keep its id, notes and read state. Only
            # a path one article has: a feed's entries share the feed's path.
            cursor = conn.execute(
                f"SELECT {_STORED} FROM articles WHERE path = ? LIMIT 2", (article.path,))
            rows = cursor.fetchall()
            row, by_path = (rows[0] if len(rows) == 1 else None), True
        if row is None:
            return "added", self._insert_article(conn, article, stamp, entities, spans,
                                                 unindexed)
        stored = dict(zip((c[0] for c in cursor.description), row, strict=True))
        article.id = article_id = stored["id"]
        reason = None
        if not by_path and article.path != stored["path"]:
            reason = "same URL" if article.uid.startswith("u") else "same text"
            if merged is not None:
                merged.append(Merge(article.path, article_id, reason))
        if reason == "same text":
            return self._fill(conn, article, stored, stamp, update)
        if not article.url and stored["url"]:
            article.url = stored["url"]
            article.uid = article_uid(article)  # the URL kept is the article's identity
        for name in KEPT:
            if not getattr(article, name):
                setattr(article, name, stored[name])
        article.content_hash = content_hash(article)
        if stored["content_hash"] == article.content_hash:
            return "unchanged", article_id
        if not update:
            return "kept", article_id
        if reason and known_text(conn, article_id, article.title, article.body):
            return "unchanged", article_id  # an older text, from the other source of its URL
        fields = {
            "uid": article.uid, "title": article.title, "body": article.body,
            "source": article.source, "author": article.author, "url": article.url,
            "published": article.published, "credit": article.credit, "path": article.path,
            "content_hash": article.content_hash, "word_count": article.word_count,
            "updated": stamp,
        }
        if unindexed:
            _index(conn, unindexed)  # the update's trigger deletes what the index holds
        version = archive(conn, article_id, replaced=stamp, replaced_by=article.path)
        assignments = ", ".join(f"{name} = ?" for name in fields)
        conn.execute(
            f"UPDATE articles SET {assignments} WHERE id = ?", (*fields.values(), article_id)
        )
        self.notes.reanchor(conn, article_id, article.body, version)
        self.entities.store(conn, article_id, article.title, article.body, entities, spans)
        return "updated", article_id

    def _insert_article(self, conn: sqlite3.Connection, article: Article, stamp: str,
                        entities: EntityWriter, spans: list[EntitySpan] | None,
                        unindexed: list[tuple[int, str, str]]) -> int:
        article.content_hash = content_hash(article)
        fields = {
            "uid": article.uid, "title": article.title, "body": article.body,
            "source": article.source, "author": article.author, "url": article.url,
            "published": article.published, "credit": article.credit, "path": article.path,
            "content_hash": article.content_hash, "word_count": article.word_count,
            # Stamped now: its entities are stored below, in this same transaction.
            "added": stamp, "updated": stamp, "entities_version": extractor_version(),
        }
        names = ", ".join(fields)
        marks = ", ".join("?" * len(fields))
        cursor = conn.execute(
            f"INSERT INTO articles ({names}) VALUES ({marks})", tuple(fields.values())
        )
        article_id = cursor.lastrowid
        assert article_id is not None
        article.id = article_id
        unindexed.append((article_id, article.title, article.body))
        self.entities.store(conn, article_id, article.title, article.body, entities, spans,
                            new=True)
        return article_id

    def _fill(self, conn: sqlite3.Connection, article: Article, stored: dict[str, Any],
              stamp: str,
              update: bool) -> tuple[str, int]:
        """A duplicate (the same text, from another source) fills only what the stored
        article lacks; its text, path and every value it has stay."""
        article_id = stored["id"]
        fills = {name: getattr(article, name) for name in KEPT
                 if getattr(article, name) and not stored[name]}
        if not fills:
            return "unchanged", article_id
        if not update:
            return "kept", article_id
        current = self.get(article_id, conn)
        assert current is not None
        for name, value in fills.items():
            setattr(current, name, value)
        fills.update(content_hash=content_hash(current), updated=stamp)
        archive(conn, article_id, replaced=stamp, replaced_by=article.path)
        assignments = ", ".join(f"{name} = ?" for name in fills)
        conn.execute(f"UPDATE articles SET {assignments} WHERE id = ?",
                     (*fills.values(), article_id))
        return "updated", article_id

    def get(self, article_id: int, conn: sqlite3.Connection | None = None) -> Article | None:
        """One article whole; None when there is none."""
        cursor = (conn or self.db.conn).execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
        row = cursor.fetchone()
        if row is None:
            return None
        data = dict(zip((column[0] for column in cursor.description), row, strict=True))
        data["read"], data["starred"] = bool(data["read"]), bool(data["starred"])
        # Shown (`o`), quoted and exported: whatever another program stored, never a
        # `javascript:` link or a password.
        data["url"] = public_url(data["url"]) if data["url"] else ""
        return Article(**data)

    def versions(self, article_id: int, *, bodies: bool = False) -> list[Version]:
        """An article's earlier texts, oldest first (see `tui.storage.versions`)."""
        return list_versions(self.db.conn, article_id, bodies=bodies)

    def version(self, article_id: int, number: int) -> Version | None:
        """Earlier text `number` of an article, with its body; None when there is none."""
        return get_version(self.db.conn, article_id, number)

    def count(self) -> int:
        """How many articles there are (a pass over an index: see `Orders.listed_count`)."""
        count: int = self.db.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        return count

    def highest_id(self) -> int:
        """About how many articles there are, without counting them (count(*) reads a whole
        index): the highest id."""
        row = self.db.conn.execute("SELECT max(id) FROM articles").fetchone()
        return int(row[0] or 0)

    def undated_count(self) -> int:
        """How many articles have no publication date (their date is when they were added).

        Counted from a partial index, once per generation: a search with `after:` asks at
        every keystroke."""
        generation = self.generation()
        cached = self._undated
        if cached is None or cached[0] != generation:
            count = self.db.conn.execute(
                "SELECT count(*) FROM articles WHERE published = ''").fetchone()[0]
            cached = self._undated = (generation, count)
        return cached[1]

    def ids(self, order: str = "newest", *, cancelled: Callable[[], bool] | None = None,
            pause: Pause | None = None) -> list[int]:
        """Every article id in the given order (100k ids are under a megabyte).

        One JSON array from SQLite, parsed in C: faster than a Python tuple per row, and one
        GIL hand-over instead of one per row, which the UI thread feels while the list loads.
        `cancelled` and `pause` as for `schema.id_list`.
        """
        if sqlite3.sqlite_version_info >= (3, 44):  # ORDER BY inside an aggregate
            query = f"SELECT json_group_array(id ORDER BY {order_by(order)}) FROM articles"
        else:  # older SQLite keeps a subquery's order for an order-sensitive aggregate
            query = ("SELECT json_group_array(id) FROM "
                     f"(SELECT id FROM articles ORDER BY {order_by(order)})")
        return id_list(self.db.conn, query, cancelled=cancelled, pause=pause)

    def rows(self, ids: Sequence[int]) -> dict[int, ArticleRow]:
        """List rows for a page of ids, fetched in one query."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        query = f"SELECT {ROW_COLUMNS} FROM articles WHERE id IN ({marks})"
        return {r[0]: _row(r) for r in self.db.conn.execute(query, tuple(ids))}

    def list_rows(self, limit: int | None = None, order: str = "newest") -> list[ArticleRow]:
        query = f"SELECT {ROW_COLUMNS} FROM articles ORDER BY {order_by(order)}"
        params: tuple[int, ...] = ()
        if limit is not None:
            query += " LIMIT ?"
            params = (limit,)
        return [_row(r) for r in self.db.conn.execute(query, params)]

    def set_flag(self, article_id: int, flag: str, value: bool) -> None:
        """Set `read` or `starred` on one article."""
        if flag not in FLAGS:
            raise ValueError(flag)
        with self.db.write() as conn:
            conn.execute(f"UPDATE articles SET {flag} = ? WHERE id = ?", (int(value), article_id))

    def stats(self) -> dict[str, Any]:
        """What the library holds: articles, words, flags, sources, its size and schema, and
        how many rows the other parts' tables have."""
        conn = self.db.conn
        path = self.db.path
        row = conn.execute(
            "SELECT count(*), coalesce(sum(word_count), 0), coalesce(sum(read), 0), "
            "coalesce(sum(starred), 0), count(DISTINCT nullif(source, '')) FROM articles"
        ).fetchone()
        size = sum(
            p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists()
        )
        data: dict[str, Any] = {
            "articles": row[0], "words": row[1], "read": row[2], "unread": row[0] - row[2],
            "starred": row[3], "sources": row[4], "path": str(path),
            "size_bytes": size,
            "schema_version": conn.execute("PRAGMA user_version").fetchone()[0],
        }
        # sqlite-utils' table view counts the rest (imported here, off the search path: its
        # import would double `newsreader search`'s start-up; docs/performance.md).
        import sqlite_utils

        db = sqlite_utils.Database(conn)
        for key, table in STATS_TABLES.items():
            data[key] = db[table].count  # every table exists: migrations made them
        data["versions"], data["articles_with_versions"] = version_counts(conn)
        return data

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Settings for a long run of write transactions (a large add) on this thread's
        connection.

        A larger page cache and rarer checkpoints cut the writer's CPU per article (figures in
        docs/performance.md); the WAL is checkpointed and trimmed back to `WAL_KEEP_BYTES` at
        the end. FTS5 merges segments `BULK_AUTOMERGE` at a time meanwhile and writes a
        segment per `BULK_HASH_BYTES` of new terms. Readers are unaffected.
        """
        conn = self.db.conn
        pragmas = ("cache_size", "wal_autocheckpoint", "journal_size_limit")
        before = {name: conn.execute(f"PRAGMA {name}").fetchone()[0] for name in pragmas}
        conn.execute(f"PRAGMA cache_size = {-BULK_CACHE_KB}")
        conn.execute(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT_PAGES}")
        conn.execute(f"PRAGMA journal_size_limit = {WAL_KEEP_BYTES}")
        self._fts_config(automerge=BULK_AUTOMERGE, hashsize=BULK_HASH_BYTES)
        try:
            yield
        finally:
            with contextlib.suppress(sqlite3.Error, LibraryError):  # a full disk, say
                self._fts_config(automerge=DEFAULT_AUTOMERGE, hashsize=DEFAULT_HASH_BYTES)
            for name, value in before.items():
                conn.execute(f"PRAGMA {name} = {int(value)}")
            with contextlib.suppress(sqlite3.Error):  # busy readers: the next one will do it
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def _fts_config(self, **settings: int) -> None:
        """Set FTS5 options stored in the index: `automerge` (how many segments it merges at
        once), `hashsize` (bytes of new terms held in memory before writing a segment)."""
        with self.db.write() as conn:
            for name, value in settings.items():
                conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES (?, ?)",
                             (name, value))


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


def _row(r: tuple[Any, ...]) -> ArticleRow:
    return ArticleRow(r[0], r[1], r[2], r[3], r[4], bool(r[5]), bool(r[6]), r[7], r[8], r[9])
