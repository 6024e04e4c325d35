"""Checks that a library file came through a fault whole: SQLite's and FTS5's own checks, no
half-stored article, and a fingerprint to prove that a failed write changed nothing; and the
library files those tests start from (a healthy one to damage, older schemas' dumps)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import SEEDS, make_article
from tui.entities import EXTRACTOR_VERSION
from tui.storage import Library

FIXTURES = Path(__file__).parent / "fixtures" / "libraries"


def query(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows of one query on a connection of its own (closed, so no lock outlives it)."""
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def count(db: Path) -> int:
    return query(db, "SELECT count(*) FROM articles")[0][0]


def assert_sound(db: Path, word: str | None = None) -> None:
    """The file is whole and every article is stored with everything that goes with it.

    Args:
        db: the library file.
        word: a word every article's body holds beside a name: each article must then be
            found by the index and have its mentions.
    """
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        # rank 1: the index must also agree with the articles table it indexes.
        conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        stale = conn.execute("SELECT count(*) FROM articles WHERE entities_version != ?",
                             (EXTRACTOR_VERSION,)).fetchone()[0]
        assert stale == 0, f"{stale} of {total} articles were stored without their entities"
        miscounted = conn.execute(
            "SELECT count(*) FROM entities e WHERE article_count != "
            "(SELECT count(*) FROM (SELECT article_id FROM mentions m WHERE m.entity_id = e.id "
            "UNION SELECT article_id FROM title_mentions t WHERE t.entity_id = e.id))"
        ).fetchone()[0]
        assert miscounted == 0
        if word:
            found = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                                 (word,)).fetchone()[0]
            assert found == total, f"{total - found} articles are missing from the index"
            unnamed = conn.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                                   "(SELECT 1 FROM mentions m WHERE m.article_id = a.id)"
                                   ).fetchone()[0]
            assert unnamed == 0, f"{unnamed} articles lost their mentions"
    finally:
        conn.close()


def fingerprint(db: Path) -> dict[str, list[tuple]]:
    """Everything a person stored: articles, flags, tags, notes, mentions."""
    return {
        "articles": query(db, "SELECT id, uid, title, content_hash, read, starred "
                              "FROM articles ORDER BY id"),
        "tags": query(db, "SELECT article_id, name FROM article_tags "
                          "JOIN tags ON tags.id = tag_id ORDER BY 1, 2"),
        "notes": query(db, "SELECT id, article_id, kind, text FROM annotations ORDER BY id"),
        "mentions": query(db, "SELECT count(*) FROM mentions"),
    }


# -- libraries to damage, and libraries of older schemas -------------------------------------

PAGE = 16384
COMMANDS = [
    ["list"], ["show", "1"], ["search", "mexico"], ["stats"], ["tag", "1", "x"],
    ["note", "1", "hello"], ["notes"], ["export", "--format", "json"], ["searches"],
    ["add", str(SEEDS)], ["backup", "copy.db"], [],  # [] opens the app
]


def healthy(path: Path, count: int = 60) -> bytes:
    """A closed library of `count` articles spread over many pages; returns its bytes."""
    with Library(path) as library:
        library.articles.upsert([
            make_article(f"Story {i}", f"Story {i} about Mexico and trade. " * 80)
            for i in range(count)])
    return path.read_bytes()


def load(dump: str, path: Path) -> Path:
    """A library file from one of the committed SQL dumps (built by the old code itself)."""
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / dump).read_text(encoding="utf-8"))
    conn.close()
    return path


def raw(path: Path) -> tuple[int, list[str]]:
    """(user_version, every statement of a dump): what the file holds, byte for byte aside."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0], list(conn.iterdump())
    finally:
        conn.close()
