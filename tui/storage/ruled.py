"""What rules at add time write: flags on many articles, and articles a rule turned away."""

from __future__ import annotations

from collections.abc import Sequence

from .connections import Connections

CHUNK = 500
"""Ids per statement (SQLite allows 32,766 variables; small chunks keep statements cheap)."""


class RuledWrites:
    """Bulk writes for `tui.rules`: flags on many articles, and articles a rule turned away.

    Args:
        db: the library's connection manager.
    """

    def __init__(self, db: Connections) -> None:
        self.db = db

    def set_flags(self, ids: Sequence[int], flag: str, value: bool) -> int:
        """Set `read` or `starred` on many articles in one transaction.

        Returns:
            How many articles changed.
        """
        if flag not in ("read", "starred"):
            raise ValueError(flag)
        changed = 0
        with self.db.write() as conn:
            for at in range(0, len(ids), CHUNK):
                part = list(ids[at:at + CHUNK])
                marks = ",".join("?" * len(part))
                changed += conn.execute(
                    f"UPDATE articles SET {flag} = ? WHERE id IN ({marks}) AND {flag} != ?",
                    (int(value), *part, int(value))).rowcount
        return changed

    def remove_unannotated(self, ids: Sequence[int]) -> int:
        """Remove articles a `skip` rule turned away as they were added: only those that
        carry no note, highlight, tag or earlier version (what a person made is never lost
        to a rule). Their mentions and index rows go with them (ON DELETE CASCADE, triggers).

        Returns:
            How many were removed.
        """
        removed = 0
        with self.db.write() as conn:
            for at in range(0, len(ids), CHUNK):
                part = list(ids[at:at + CHUNK])
                marks = ",".join("?" * len(part))
                removed += conn.execute(
                    f"DELETE FROM articles WHERE id IN ({marks}) "
                    "AND id NOT IN (SELECT article_id FROM annotations) "
                    "AND id NOT IN (SELECT article_id FROM article_tags) "
                    "AND id NOT IN (SELECT article_id FROM article_versions)", part).rowcount
        return removed
