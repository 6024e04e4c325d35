"""The library's schema as a list of migrations, and the list orders it indexes."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from .yielding import Pause, parse_ids, progress

_DATE = "coalesce(nullif({a}published, ''), {a}added)"
"""An article's date: published, else when it was added. Lists sort on it; date filters
compare it."""

NEWEST = f"{_DATE.format(a='')} DESC, id DESC"
ORDERS = {
    "newest": f"{_DATE} DESC, {{a}}id DESC",
    "oldest": f"{_DATE} ASC, {{a}}id ASC",
    "title": "{a}title COLLATE NOCASE ASC, {a}id ASC",
}

# The date as a condition on `a` (articles). The unary + keeps the planner on the narrow
# articles_meta index when dates are combined with other filters: covered by it, such a
# query is about ten times faster than through the date index and table rows.
DATE_OF = "+" + _DATE.format(a="a.")


def date_condition(comparison: str) -> str:
    """An SQL condition comparing an article's date with one parameter (">=" or "<")."""
    return f"{DATE_OF} {comparison} ?"


RANK = "bm25(articles_fts, 10.0, 1.0)"
"""The index's rank (configured by migration 1: the title weighs ten times the body), as an
expression: `SELECT rowid, rank ... ORDER BY rank` computes bm25 twice a row, this once
(an article whose 10 MB body holds one word millions of times: nearly twice as fast)."""

TOKENIZE = "unicode61 remove_diacritics 2"
"""The full-text index's tokenizer (the typo vocabulary tokenizes new articles the same way)."""


def quote_term(term: str) -> str:
    """An FTS5 string literal: user text is always quoted, so it is never FTS5 syntax."""
    return '"' + term.replace('"', '""') + '"'


def id_list(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = (), *,
            cancelled: Callable[[], bool] | None = None, pause: Pause | None = None,
            ) -> list[int]:
    """Ids from a `json_group_array` query: one JSON text parsed in C is about half the cost
    of a Python tuple per row (docs/performance.md); a long one in pieces (`parse_ids`).

    `cancelled` and `pause` go to the query's progress handler (see `yielding.progress`):
    sqlite3.OperationalError "interrupted" once `cancelled()` is true."""
    with progress(conn, cancelled=cancelled, pause=pause):
        row = conn.execute(sql, tuple(params)).fetchone()
    return parse_ids(row[0], pause) if row and row[0] else []


def order_by(order: str, alias: str = "") -> str:
    """The ORDER BY terms for a list order ("newest", "oldest", "title")."""
    return ORDERS.get(order, ORDERS["newest"]).format(a=f"{alias}." if alias else "")

MIGRATIONS: list[str] = [
    # 1: articles and their full-text index. No porter stemmer: quotes and names must match as
    # written, and typo expansion works on the real words of the fts5vocab table.
    f"""
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        published TEXT NOT NULL DEFAULT '',
        credit TEXT NOT NULL DEFAULT '',
        path TEXT NOT NULL DEFAULT '',
        content_hash TEXT NOT NULL,
        word_count INTEGER NOT NULL DEFAULT 0,
        added TEXT NOT NULL,
        updated TEXT NOT NULL,
        read INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0,
        -- Last: columns after a long body would sit in its overflow pages, and every scan
        -- or list row would read them.
        body TEXT NOT NULL
    );
    CREATE INDEX articles_newest ON articles ({NEWEST});
    CREATE INDEX articles_title ON articles (title COLLATE NOCASE, id);
    CREATE INDEX articles_path ON articles (path);
    -- Filters (source:, is:, after:...) scan this narrow index instead of rows holding bodies.
    CREATE INDEX articles_meta ON articles (read, starred, source, author, published, added, url);
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, content='articles', content_rowid='id',
        tokenize='{TOKENIZE}'
    );
    INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE OF title, body ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END;
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: tags, annotations (article notes and passage highlights), saved searches, and the
    # index's vocabulary.
    """
    CREATE TABLE tags (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE
    );
    CREATE TABLE article_tags (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        added TEXT NOT NULL,
        PRIMARY KEY (article_id, tag_id)
    ) WITHOUT ROWID;
    CREATE INDEX article_tags_tag ON article_tags (tag_id, article_id);
    CREATE TABLE annotations (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('note', 'highlight')),
        text TEXT NOT NULL DEFAULT '',
        quote TEXT NOT NULL DEFAULT '',
        prefix TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        start INTEGER,
        end INTEGER,
        text_hash TEXT NOT NULL DEFAULT '',
        orphan INTEGER NOT NULL DEFAULT 0,
        author TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE INDEX annotations_article ON annotations (article_id);
    CREATE TABLE annotation_tags (
        annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        PRIMARY KEY (annotation_id, tag_id)
    ) WITHOUT ROWID;
    CREATE TABLE saved_searches (
        name TEXT PRIMARY KEY COLLATE NOCASE,
        query TEXT NOT NULL,
        created TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE articles_vocab USING fts5vocab(articles_fts, 'row');
    INSERT OR IGNORE INTO meta (key, value) VALUES ('generation', '0');
    """,
    # 3: named entities (tui.entities) and where each article mentions them. New, empty tables,
    # a column SQLite adds without rewriting a row, and its index (quick even on a large
    # library). Existing articles are extracted later, in batches (`Library.reextract_stale`):
    # their entities_version 0 differs from every extractor version.
    """
    CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        label TEXT NOT NULL,
        article_count INTEGER NOT NULL DEFAULT 0,
        UNIQUE (name, label)
    );
    CREATE INDEX entities_label_count ON entities (label, article_count DESC);
    CREATE INDEX entities_count ON entities (article_count DESC);
    -- Mentions never overlap, so (article_id, start) is a key: kept as the table's own order
    -- (WITHOUT ROWID), it serves an article's mentions in text order with one b-tree to write
    -- per mention instead of two.
    CREATE TABLE mentions (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        PRIMARY KEY (article_id, start)
    ) WITHOUT ROWID;
    CREATE INDEX mentions_entity ON mentions (entity_id, article_id);
    ALTER TABLE articles ADD COLUMN entities_version INTEGER NOT NULL DEFAULT 0;
    -- Finding the articles an older extractor read (none, usually) must not scan bodies.
    CREATE INDEX articles_entities_version ON articles (entities_version);
    -- A deleted article no longer counts for its entities; one counted by nothing goes.
    CREATE TRIGGER articles_entities_bd BEFORE DELETE ON articles BEGIN
        UPDATE entities SET article_count = article_count - 1
        WHERE id IN (SELECT entity_id FROM mentions WHERE article_id = old.id);
        DELETE FROM mentions WHERE article_id = old.id;
        DELETE FROM entities WHERE article_count <= 0;
        UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'entities';
    END;
    INSERT OR IGNORE INTO meta (key, value) VALUES ('entities', '0');
    """,
    # 4: feed subscriptions for `newsreader update`, with the ETag and Last-Modified of the
    # last fetch so that an unchanged feed costs a 304. A new, empty table.
    """
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        etag TEXT NOT NULL DEFAULT '',
        last_modified TEXT NOT NULL DEFAULT '',
        added TEXT NOT NULL,
        checked TEXT NOT NULL DEFAULT ''
    );
    """,
    # 5: new articles enter the full-text index from `Library.upsert_articles`, once per batch
    # and after every other write, instead of from a trigger per row. FTS5 flushes its pending
    # terms to a new segment at every statement savepoint, and each insert that fired this
    # trigger (or wrote a mention after it) opened one: the index was written an article at a
    # time, then merged over and over (146 KB written per 2 KB article, half the writer's CPU).
    """
    DROP TRIGGER articles_ai;
    """,
    # 6: article versions. An add that changes a stored article first copies what it held
    # (text and metadata, when that text was stored and from which source) into
    # article_versions, numbered from 1 per article; a highlight whose passage the new text no
    # longer holds points at the version where it still stands (annotations.version). A new,
    # empty table and a column SQLite adds without rewriting a row. And the articles without
    # a publication date, which `after:`/`before:` compare by the date added and say so: a
    # partial index counts them without a scan (building it reads the table once).
    """
    CREATE TABLE article_versions (
        id INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        title TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        published TEXT NOT NULL DEFAULT '',
        credit TEXT NOT NULL DEFAULT '',
        path TEXT NOT NULL DEFAULT '',
        content_hash TEXT NOT NULL,
        word_count INTEGER NOT NULL DEFAULT 0,
        stored TEXT NOT NULL,
        replaced TEXT NOT NULL,
        replaced_by TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL,
        UNIQUE (article_id, number)
    );
    ALTER TABLE annotations ADD COLUMN version INTEGER;
    CREATE INDEX articles_undated ON articles (published) WHERE published = '';
    """,
    # 7: the names in each article's title, with offsets into the title (issue 19: headlines
    # name what a story is about). A table of their own, shaped like `mentions`, so the body's
    # mentions keep their key and nothing is copied: a new, empty table, filled when the
    # extractor's version stamp brings every article to `reextract_stale`. An entity's
    # article_count counts an article that names it in its title, its body or both once.
    """
    CREATE TABLE title_mentions (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        PRIMARY KEY (article_id, start)
    ) WITHOUT ROWID;
    CREATE INDEX title_mentions_entity ON title_mentions (entity_id, article_id);
    DROP TRIGGER articles_entities_bd;
    CREATE TRIGGER articles_entities_bd BEFORE DELETE ON articles BEGIN
        UPDATE entities SET article_count = article_count - 1
        WHERE id IN (SELECT entity_id FROM mentions WHERE article_id = old.id
                     UNION SELECT entity_id FROM title_mentions WHERE article_id = old.id);
        DELETE FROM mentions WHERE article_id = old.id;
        DELETE FROM title_mentions WHERE article_id = old.id;
        DELETE FROM entities WHERE article_count <= 0;
        UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'entities';
    END;
    """,
    # 8: highlights that come back (issue 22): a highlight's colour ('' is the first colour,
    # as every highlight made before had), and for the daily review when it was last shown
    # ('' never) and how often it was skipped. Columns SQLite adds without rewriting a row.
    """
    ALTER TABLE annotations ADD COLUMN colour TEXT NOT NULL DEFAULT '';
    ALTER TABLE annotations ADD COLUMN seen TEXT NOT NULL DEFAULT '';
    ALTER TABLE annotations ADD COLUMN skips INTEGER NOT NULL DEFAULT 0;
    """,
    # 9: the typo vocabulary kept in the library (issue 23; `vocabulary_table`): every indexed
    # word with the number of articles holding it, so that a typo search at launch need not
    # read the whole index (seconds at a million articles). Exact for the articles up
    # to meta.vocabulary_max_id; the triggers log the text of any article at or below it that
    # changes, is deleted or inserted (an id used again), and newer articles are counted from
    # their ids. The table starts uncounted (the next add or typo search reads the index
    # once); the JSON copies `meta` held per generation go.
    """
    CREATE TABLE vocabulary (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE vocabulary_changes (
        id INTEGER PRIMARY KEY,
        sign INTEGER NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL
    );
    CREATE TRIGGER articles_vocabulary_au AFTER UPDATE OF title, body ON articles
    WHEN old.id <= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'vocabulary_max_id')
    BEGIN
        INSERT INTO vocabulary_changes (sign, title, body)
        VALUES (-1, old.title, old.body), (1, new.title, new.body);
    END;
    CREATE TRIGGER articles_vocabulary_ad AFTER DELETE ON articles
    WHEN old.id <= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'vocabulary_max_id')
    BEGIN
        INSERT INTO vocabulary_changes (sign, title, body) VALUES (-1, old.title, old.body);
    END;
    CREATE TRIGGER articles_vocabulary_ai AFTER INSERT ON articles
    WHEN new.id <= (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'vocabulary_max_id')
    BEGIN
        INSERT INTO vocabulary_changes (sign, title, body) VALUES (1, new.title, new.body);
    END;
    DELETE FROM meta WHERE key LIKE 'vocabulary:%';
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


def split_sql(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements, buffer = [], []
    for line in script.splitlines():
        buffer.append(line)
        joined = "\n".join(buffer).strip()
        if joined and sqlite3.complete_statement(joined):
            statements.append(joined)
            buffer = []
    rest = "\n".join(buffer).strip()
    if rest:
        statements.append(rest)
    return statements
