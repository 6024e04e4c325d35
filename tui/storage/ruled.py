"""What rules at add time remove: articles a `skip` rule turned away (their flags are set through
`Marks.set_flags`)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .connections import Connections


class RuledWrites:
    """What `tui.rules` removes: articles a `skip` rule turned away.

    Args:
        db: the library's connection manager.
    """

    def __init__(self, db: Connections) -> None:
        self.db = db

    def remove_unannotated(self, ids: Sequence[int]) -> int:
        """Remove articles a `skip` rule turned away as they were added: only those that
        carry no note, highlight, tag or earlier version (what a person made is never lost
        to a rule). Their mentions and index rows go with them (ON DELETE CASCADE, triggers).

        Returns:
            How many were removed.
        """
        with self.db.write() as conn:
            return conn.execute(
                "DELETE FROM articles WHERE id IN (SELECT value FROM json_each(?)) "
                "AND id NOT IN (SELECT article_id FROM annotations) "
                "AND id NOT IN (SELECT article_id FROM article_tags) "
                "AND id NOT IN (SELECT article_id FROM article_versions)",
                (json.dumps(list(ids)),)).rowcount
