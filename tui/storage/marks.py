"""Reading flow and undo, a part of `Library` (`library.marks`): flags of many articles (read
and written), the first unread article of a list, sources with
their counts, and annotations saved whole and put back (what `tui.undo` needs to reverse a
change)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from .connections import Connections
from .notes import Notes

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `newsreader search` need not import typing
if TYPE_CHECKING:
    from typing import Any

FLAGS = ("read", "starred")
"""The articles' flags a person sets (columns of `articles`)."""
CHUNK = 2000
"""Ids looked at per query by `first_unread`: the next unread article is usually close."""


class Marks:
    """Reading flow and undo's reads and writes (see the module's docstring).

    Args:
        db: the library's connection manager.
        notes: the library's notes (an annotation put back gets its tags through them).
    """

    def __init__(self, db: Connections, notes: Notes) -> None:
        self.db = db
        self.notes = notes

    # -- flags -------------------------------------------------------------------------------

    def flags_of(self, ids: Sequence[int], flag: str) -> dict[int, bool]:
        """`read` or `starred` of each article among `ids` (ids of no article are left out)."""
        if flag not in FLAGS:
            raise ValueError(flag)
        return {r[0]: bool(r[1]) for r in self.db.conn.execute(
            f"SELECT a.id, a.{flag} FROM json_each(?) j JOIN articles a ON a.id = j.value",
            (json.dumps(list(ids)),))}

    def set_flags(self, ids: Sequence[int], flag: str, value: bool) -> int:
        """Set `read` or `starred` on any number of articles in one statement.

        Returns:
            How many articles changed.
        """
        if flag not in FLAGS:
            raise ValueError(flag)
        with self.db.write() as conn:
            return conn.execute(
                f"UPDATE articles SET {flag} = ? WHERE id IN (SELECT value FROM json_each(?)) "
                f"AND {flag} != ?", (int(value), json.dumps(list(ids)), int(value))).rowcount

    def _unread_ids(self) -> set[int]:
        """Every unread article's id, from the flags index in one query (far quicker than
        joining the list's ids to the articles)."""
        return set(json.loads(self.db.conn.execute(
            "SELECT json_group_array(id) FROM articles WHERE read = 0").fetchone()[0]))

    def unread_among(self, ids: Sequence[int]) -> list[int]:
        """The unread articles among `ids`, in their order."""
        unread = self._unread_ids()
        return [i for i in ids if i in unread]

    def first_unread(self, ids: Sequence[int], start: int = 0) -> int | None:
        """The position in `ids` of the first unread article at `start` or after, else None
        (the next `CHUNK` ids are looked up first: the next unread article is usually near)."""
        start = max(0, start)
        row = self.db.conn.execute(
            "SELECT j.key FROM json_each(?) j JOIN articles a ON a.id = j.value "
            "WHERE a.read = 0 ORDER BY j.key LIMIT 1",
            (json.dumps(list(ids[start:start + CHUNK])),)).fetchone()
        if row is not None:
            return start + int(row[0])
        unread = self._unread_ids()
        return next((at for at in range(start + CHUNK, len(ids)) if ids[at] in unread), None)

    # -- sources -----------------------------------------------------------------------------

    def sources(self) -> list[tuple[str, int, int]]:
        """Every source with its article count and unread count, by name ("" for articles
        without a source, listed last). Sources that differ only in case are one (as
        `source:=` finds them), under the spelling most of its articles have."""
        groups: dict[str, list[Any]] = {}  # casefolded name -> [spelling, its count, total, unread]
        for source, total, read in self.db.conn.execute(
                "SELECT source, count(*), sum(read) FROM articles GROUP BY source"):
            group = groups.setdefault(source.casefold(), [source, 0, 0, 0])
            if total > group[1] or (total == group[1] and source < group[0]):
                group[0], group[1] = source, total
            group[2] += total
            group[3] += total - read
        return [(name, total, unread) for key, (name, _, total, unread) in
                sorted(groups.items(), key=lambda item: (item[0] == "", item[0]))]

    # -- annotations kept whole ----------------------------------------------------------------

    def annotation_snapshot(self, annotation_id: int) -> dict[str, Any] | None:
        """Everything stored about one annotation (its row and its tag names), for
        `restore_annotation`; None when there is no such annotation."""
        cursor = self.db.conn.execute("SELECT * FROM annotations WHERE id = ?", (annotation_id,))
        row = cursor.fetchone()
        if row is None:
            return None
        snapshot = dict(zip((c[0] for c in cursor.description), row, strict=True))
        snapshot["tags"] = [r[0] for r in self.db.conn.execute(
            "SELECT g.name FROM annotation_tags x JOIN tags g ON g.id = x.tag_id "
            "WHERE x.annotation_id = ? ORDER BY g.name", (annotation_id,))]
        return snapshot

    def restore_annotation(self, snapshot: Mapping[str, Any]) -> bool:
        """Put an annotation back as `annotation_snapshot` saw it (same id, text, place, tags,
        dates), whether it was deleted or changed since. False when its article is gone."""
        data = dict(snapshot)
        tags = data.pop("tags", [])
        with self.db.write() as conn:
            if conn.execute("SELECT 1 FROM articles WHERE id = ?",
                            (data["article_id"],)).fetchone() is None:
                return False
            # Columns another version added or dropped are left to their defaults.
            known = {r[1] for r in conn.execute("PRAGMA table_info(annotations)")}
            data = {k: v for k, v in data.items() if k in known}
            names = ", ".join(f'"{k}"' for k in data)
            if conn.execute("SELECT 1 FROM annotations WHERE id = ?", (data["id"],)).fetchone():
                sets = ", ".join(f'"{k}" = ?' for k in data if k != "id")
                conn.execute(f"UPDATE annotations SET {sets} WHERE id = ?",
                             [v for k, v in data.items() if k != "id"] + [data["id"]])
            else:
                conn.execute(f"INSERT INTO annotations ({names}) VALUES "
                             f"({', '.join('?' * len(data))})", list(data.values()))
            self.notes._set_tags(conn, data["id"], list(tags))
        return True

    def remove_annotation(self, annotation_id: int) -> bool:
        """Delete an annotation if it is there (False when it was not): undoing its creation."""
        with self.db.write() as conn:
            self.notes._set_tags(conn, annotation_id, [])
            return bool(conn.execute("DELETE FROM annotations WHERE id = ?",
                                     (annotation_id,)).rowcount)
