"""Saved searches: a name for a query, kept in the library."""

from __future__ import annotations

from ..text import sanitize
from .connections import Connections
from .identity import now


class SavedSearches:
    """The `saved_searches` table, through the library's connections."""

    def __init__(self, db: Connections) -> None:
        self.db = db

    def save(self, name: str, query: str) -> None:
        """Save (or replace) a named query (both are shown later: sanitized like notes)."""
        name, query = sanitize(name).strip(), sanitize(query).strip()
        with self.db.write() as conn:
            conn.execute(
                "INSERT INTO saved_searches (name, query, created) VALUES (?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET query = excluded.query", (name, query, now()))

    def delete(self, name: str) -> bool:
        name = sanitize(name).strip()
        with self.db.write() as conn:
            return conn.execute("DELETE FROM saved_searches WHERE name = ?", (name,)).rowcount > 0

    def all(self) -> list[tuple[str, str]]:
        """`(name, query)` pairs in the order they were saved."""
        return [(r[0], r[1]) for r in self.db.conn.execute(
            "SELECT name, query FROM saved_searches ORDER BY created, rowid")]
