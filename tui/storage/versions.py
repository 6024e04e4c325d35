"""Article versions: what an add replaced, kept with when and from where (schema 6)."""

from __future__ import annotations

import sqlite3

from ..models import Version

_COLUMNS = ("number, title, source, author, url, published, credit, path, word_count, stored, "
            "replaced, replaced_by")


def archive(conn: sqlite3.Connection, article_id: int, *, replaced: str,
            replaced_by: str) -> int:
    """Copy an article's current text and metadata into a new version, before it is changed.

    Args:
        conn: A connection inside the write transaction that changes the article.
        article_id: The article.
        replaced: When (now).
        replaced_by: Where the text replacing it was read from.

    Returns:
        The new version's number.
    """
    number = conn.execute(
        "SELECT coalesce(max(number), 0) + 1 FROM article_versions WHERE article_id = ?",
        (article_id,)).fetchone()[0]
    conn.execute(
        "INSERT INTO article_versions (article_id, number, title, source, author, url, "
        "published, credit, path, content_hash, word_count, stored, replaced, replaced_by, body) "
        "SELECT id, ?, title, source, author, url, published, credit, path, content_hash, "
        "word_count, updated, ?, ?, body FROM articles WHERE id = ?",
        (number, replaced, replaced_by, article_id))
    return int(number)


def known_text(conn: sqlite3.Connection, article_id: int, title: str, body: str) -> bool:
    """Whether an earlier version of the article held exactly this title and body."""
    return conn.execute(
        "SELECT 1 FROM article_versions WHERE article_id = ? AND title = ? AND body = ? LIMIT 1",
        (article_id, title, body)).fetchone() is not None


def list_versions(conn: sqlite3.Connection, article_id: int, *,
                  bodies: bool = False) -> list[Version]:
    """An article's earlier versions, oldest first (without their bodies unless asked)."""
    body = ", body" if bodies else ""
    return [Version(*row) for row in conn.execute(
        f"SELECT {_COLUMNS}{body} FROM article_versions WHERE article_id = ? ORDER BY number",
        (article_id,))]


def get_version(conn: sqlite3.Connection, article_id: int, number: int) -> Version | None:
    """One earlier version, with its body; None when the article has no such version."""
    row = conn.execute(
        f"SELECT {_COLUMNS}, body FROM article_versions WHERE article_id = ? AND number = ?",
        (article_id, number)).fetchone()
    return Version(*row) if row else None


def version_counts(conn: sqlite3.Connection) -> tuple[int, int]:
    """How many versions the library keeps, and how many articles have any."""
    row = conn.execute(
        "SELECT count(*), count(DISTINCT article_id) FROM article_versions").fetchone()
    return row[0], row[1]
