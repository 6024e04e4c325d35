"""Named entities in the library: who and what each article mentions, kept with its text."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Sequence

from ..models import EntitySpan
from .connections import Connections
from .schema import id_list, quote_term

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `newsreader search` need not import typing
if TYPE_CHECKING:
    from types import ModuleType

# tui.entities is imported inside the functions that extract: loading it is slow (its name
# lists), and commands that never extract (list, show, search) should not pay for it. Its EXTRACTOR_VERSION is
# read at call time for the same reason (and so a test can change it).


def _extractor() -> ModuleType:
    from .. import entities

    return entities


def extractor_version() -> int:
    """The version stamped on articles whose entities the current extractor found."""
    version: int = _extractor().EXTRACTOR_VERSION
    return version


class EntityWriter:
    """Writes articles' mentions within one write transaction, then fixes entity counts once.

    Entity ids are cached and count changes summed for the whole transaction: a batch of 200
    articles that all name Mexico updates Mexico's row once, not 200 times. Nothing else can
    write meanwhile (the transaction holds the write lock), so the cache stays true until
    `flush`, which must run before the transaction commits.
    """

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.ids: dict[tuple[str, str], int] = {}
        self.delta: Counter[int] = Counter()
        self.created = False
        self.version = _extractor().EXTRACTOR_VERSION

    def store(self, article_id: int, spans: list[EntitySpan], *, new: bool = False) -> None:
        """Replace one article's mentions with `spans` and stamp the extractor version.

        Spans `in_title` go to `title_mentions` (offsets into the title), the others to
        `mentions` (offsets into the body).

        `new`: the article was inserted in this transaction with `entities_version` already
        set (see `Articles.upsert`), so it has no mentions to replace and nothing to stamp.
        """
        conn = self.conn
        before: set[int] = set()
        if not new:
            before = {r[0] for r in conn.execute(
                "SELECT entity_id FROM mentions WHERE article_id = ? UNION "
                "SELECT entity_id FROM title_mentions WHERE article_id = ?",
                (article_id, article_id))}
        if before:
            conn.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
            conn.execute("DELETE FROM title_mentions WHERE article_id = ?", (article_id,))
        rows: list[tuple[int, int, int, int, str]] = []
        titled: list[tuple[int, int, int, int, str]] = []
        end = title_end = -1
        for span in spans:
            if span.end <= span.start:
                continue
            if span.in_title:
                if span.start >= title_end:  # (article_id, start) is the key
                    titled.append((article_id, self.entity_id(span.canonical, span.label),
                                   span.start, span.end, span.text))
                    title_end = span.end
            elif span.start >= end:
                rows.append((article_id, self.entity_id(span.canonical, span.label),
                             span.start, span.end, span.text))
                end = span.end
        if rows:
            conn.executemany(
                'INSERT INTO mentions (article_id, entity_id, start, "end", text) '
                "VALUES (?, ?, ?, ?, ?)", rows)
        if titled:
            conn.executemany(
                'INSERT INTO title_mentions (article_id, entity_id, start, "end", text) '
                "VALUES (?, ?, ?, ?, ?)", titled)
        after = {row[1] for row in rows} | {row[1] for row in titled}
        self.delta.update(after - before)
        self.delta.subtract(before - after)
        if not new:
            conn.execute("UPDATE articles SET entities_version = ? WHERE id = ?",
                         (self.version, article_id))

    def entity_id(self, name: str, label: str) -> int:
        key = (name, label)
        found = self.ids.get(key)
        if found is None:
            row = self.conn.execute(
                "SELECT id FROM entities WHERE name = ? AND label = ?", key).fetchone()
            if row:
                found = row[0]
            else:
                made = self.conn.execute(
                    "INSERT INTO entities (name, label) VALUES (?, ?)", key).lastrowid
                assert made is not None
                found = made
                self.created = True
            self.ids[key] = found
        return found

    def flush(self) -> None:
        """Apply the summed count changes and drop entities no article mentions any more."""
        changed = [(n, entity_id) for entity_id, n in self.delta.items() if n]
        if not changed and not self.created:
            return
        self.conn.executemany(
            "UPDATE entities SET article_count = article_count + ? WHERE id = ?", changed)
        # New entities start at 0 and reach their count above, so this only finds the unused.
        self.conn.execute("DELETE FROM entities WHERE article_count <= 0")
        self.conn.execute(
            "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'entities'")
        self.delta.clear()
        self.ids.clear()
        self.created = False


class Entities:
    """People, organisations, places, dates and amounts per article: the `entities`,
    `mentions` and `title_mentions` tables and `articles.entities_version`.

    Mentions are stored with offsets into the stored body and grouped under entities (one row
    per canonical name and label, with the number of articles mentioning it). Every article
    write extracts them in the same transaction (`store`, called by `Articles`), so an article
    never exists without its entities; `entities_version` records which extractor read it,
    and `reextract_stale` brings older ones up to date without re-ingesting anything.

    Args:
        db: the library's connection manager.
    """

    def __init__(self, db: Connections) -> None:
        self.db = db

    # -- writing -----------------------------------------------------------------------------

    def store(self, conn: sqlite3.Connection, article_id: int, title: str, body: str,
              writer: EntityWriter | None = None, spans: list[EntitySpan] | None = None, *,
              new: bool = False) -> None:
        """Extract an article's entities and store them in the caller's write transaction.

        Args:
            conn: The connection holding the write transaction.
            article_id: The article, already written.
            title: Its title (context for short names in the body).
            body: Its body as stored: the offsets are into it.
            writer: The transaction's writer, flushed by the caller; None flushes here.
            spans: The entities if already extracted from this title and body, else None.
            new: The article was inserted in this transaction, stamped with the version.
        """
        own = writer or EntityWriter(conn)
        if spans is None:
            spans = _extractor().extract_document(title, body)
        own.store(article_id, spans, new=new)
        if writer is None:
            own.flush()

    def stale_count(self) -> int:
        """How many articles were read by another extractor version (or none yet)."""
        version = extractor_version()
        count: int = self.db.conn.execute(
            "SELECT count(*) FROM articles WHERE entities_version < ? OR entities_version > ?",
            (version, version)).fetchone()[0]
        return count

    def reextract_stale(self, batch: int = 500,
                        progress: Callable[[int, int], None] | None = None) -> int:
        """Extract again the entities of every article an older extractor read.

        Safe to run beside other writers and to interrupt: each batch is read and extracted
        outside any transaction, then written in a short one that skips articles whose text
        changed meanwhile (their new write extracted them already). The app runs this in a
        worker at start; `newsreader add` runs it after ingesting.

        Args:
            batch: Articles per write transaction.
            progress: Called as `progress(done, total)` after each batch.

        Returns:
            How many articles were extracted again.
        """
        extractor = _extractor()
        version = extractor.EXTRACTOR_VERSION
        total = self.stale_count()
        done = last = 0
        while total:
            rows = self.db.conn.execute(
                "SELECT id, title, body, content_hash FROM articles "
                "WHERE (entities_version < ? OR entities_version > ?) AND id > ? "
                "ORDER BY id LIMIT ?", (version, version, last, batch)).fetchall()
            if not rows:
                break
            last = rows[-1][0]
            spans = [(r[0], r[3], extractor.extract_document(r[1], r[2])) for r in rows]
            with self.db.write() as conn:
                writer = EntityWriter(conn)
                for article_id, digest, found in spans:
                    row = conn.execute(
                        "SELECT content_hash, entities_version FROM articles WHERE id = ?",
                        (article_id,)).fetchone()
                    if row and row[0] == digest and row[1] != version:
                        writer.store(article_id, found)
                        done += 1
                writer.flush()
            if progress:
                progress(min(done, total), total)
        return done

    # -- reading -----------------------------------------------------------------------------

    def for_article(self, article_id: int) -> list[EntitySpan]:
        """An article's entity mentions in text order, with offsets into its stored body.

        An article an older extractor read (until `reextract_stale` reaches it) is extracted
        here instead, without storing anything, so the offsets always fit the current reading.
        """
        return self._mentions(article_id, "mentions", in_title=False)

    def in_title(self, article_id: int) -> list[EntitySpan]:
        """An article's title mentions in title order (`in_title`, offsets into its title).

        Like `for_article`, an article an older extractor read is extracted here instead.
        """
        return self._mentions(article_id, "title_mentions", in_title=True)

    def _mentions(self, article_id: int, table: str, *, in_title: bool) -> list[EntitySpan]:
        """The mentions of one article in `table`, or extracted afresh (see `for_article`)."""
        conn = self.db.conn
        row = conn.execute("SELECT entities_version FROM articles WHERE id = ?",
                           (article_id,)).fetchone()
        if row is None:
            return []
        extractor = _extractor()
        if row[0] != extractor.EXTRACTOR_VERSION:
            text = conn.execute("SELECT title, body FROM articles WHERE id = ?",
                                (article_id,)).fetchone()
            if text is None:
                return []
            return [s for s in extractor.extract_document(text[0], text[1])
                    if s.in_title == in_title]
        return [EntitySpan(r[0], r[1], r[2], r[3], r[4], in_title) for r in conn.execute(
            f'SELECT m.start, m."end", m.text, e.label, e.name FROM {table} m '
            "JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? ORDER BY m.start",
            (article_id,))]

    def top(self, label: str | None = None, limit: int = 50) -> list[tuple[str, str, int]]:
        """The entities mentioned by the most articles.

        Args:
            label: Only this label (PERSON, ORG, PLACE, DATE, MONEY); None for all.
            limit: At most this many.

        Returns:
            `(name, label, article_count)`, most articles first, then by name.
        """
        where, params = _label(label)
        return [(r[0], r[1], r[2]) for r in self.db.conn.execute(
            f"SELECT name, label, article_count FROM entities {where} "
            "ORDER BY article_count DESC, name LIMIT ?", (*params, limit))]

    def names(self, label: str | None = None) -> list[tuple[str, str]]:
        """Every entity's `(name, label)`, most mentioned first (for fuzzy lookups)."""
        where, params = _label(label)
        return [(r[0], r[1]) for r in self.db.conn.execute(
            f"SELECT name, label FROM entities {where} ORDER BY article_count DESC, name",
            params)]

    def name_texts(self, labels: Sequence[str], limit: int) -> list[str]:
        """The names of the entities of `labels`, the `limit` most mentioned."""
        marks = ",".join("?" * len(labels))
        return [r[0] for r in self.db.conn.execute(
            f"SELECT name FROM entities WHERE label IN ({marks}) "
            "ORDER BY article_count DESC LIMIT ?", (*labels, limit))]

    def stamp(self) -> int:
        """A counter bumped by every transaction that changes entities (caches key on it)."""
        row = self.db.conn.execute("SELECT value FROM meta WHERE key = 'entities'").fetchone()
        return int(row[0]) if row else 0

    def mention_counts(self, names: Sequence[str], title: str, ids: Sequence[int],
                       ) -> tuple[set[int], Counter[int]]:
        """How much each of `ids` is about the entities named: the ids whose title holds the
        words `title`, and each id's mentions of the entities (absent when none).

        Args:
            names: entity names (mentions of any label count).
            title: the words to look for in titles (a phrase).
            ids: the articles asked about.
        """
        if not names or not ids:
            return set(), Counter()
        marks = ",".join("?" * len(names))
        # One JSON array parsed in C and counted in C: half the time of GROUP BY's rows.
        row = self.db.conn.execute(
            "SELECT json_group_array(article_id) FROM mentions WHERE entity_id IN "
            f"(SELECT id FROM entities WHERE name IN ({marks}))", tuple(names)).fetchone()
        counts: Counter[int] = Counter(json.loads(row[0]) if row and row[0] else ())
        titled = id_list(self.db.conn, "SELECT json_group_array(rowid) FROM articles_fts "
                                       "WHERE articles_fts MATCH ?",
                         ("title : " + quote_term(title),))
        return set(ids).intersection(titled), counts

    def articles_with(self, name: str, label: str | None = None) -> list[int]:
        """Ids of the articles mentioning an entity (its name ignoring case), ascending."""
        where, params = _label(label)
        test = "AND" if where else "WHERE"
        found = f"SELECT id FROM entities {where} {test} name = ? COLLATE NOCASE"
        return [r[0] for r in self.db.conn.execute(
            f"SELECT article_id FROM mentions WHERE entity_id IN ({found}) UNION "
            f"SELECT article_id FROM title_mentions WHERE entity_id IN ({found}) "
            "ORDER BY article_id", (*params, name, *params, name))]


def _label(label: str | None, prefix: str = "") -> tuple[str, tuple[str, ...]]:
    if label is None:
        return "", ()
    return f"WHERE {prefix}label = ?", (label.upper(),)
