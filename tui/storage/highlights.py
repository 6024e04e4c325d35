"""Highlights that come back: colours, resizing, and what the daily review needs."""

from __future__ import annotations

from collections.abc import Sequence

from ..highlights import COLOURS
from ..models import Annotation
from .connections import Connections
from .errors import LibraryError
from .identity import now


class Highlights:
    """The highlights' colours, extents and review marks (rows of `annotations`, read with
    the notes' columns, `notes._COLUMNS`).

    Args:
        db: the library's connection manager.
    """

    def __init__(self, db: Connections) -> None:
        self.db = db

    def set_colour(self, annotation_id: int, colour: str) -> None:
        """Give a highlight another colour (one of `COLOURS`)."""
        if colour not in COLOURS:
            raise LibraryError(f"{colour!r} is not a highlight colour ({', '.join(COLOURS)})")
        with self.db.write() as conn:
            if not conn.execute("UPDATE annotations SET colour = ?, updated = ? WHERE id = ? "
                                "AND kind = 'highlight'", (colour, now(), annotation_id)).rowcount:
                raise LibraryError(f"no highlight with id {annotation_id}")

    def move_highlight(self, annotation_id: int, start: int, end: int) -> None:
        """Make a highlight cover `body[start:end]` of its article (its quote and the context
        that places it again after an update follow)."""
        from ..annotations import make_anchor  # here: `newsreader search` never loads it
        with self.db.write() as conn:
            row = conn.execute("SELECT a.body FROM annotations n JOIN articles a ON "
                               "a.id = n.article_id WHERE n.id = ? AND n.kind = 'highlight'",
                               (annotation_id,)).fetchone()
            if row is None:
                raise LibraryError(f"no highlight with id {annotation_id}")
            try:
                anchor = make_anchor(row[0], start, end)
            except ValueError as exc:
                raise LibraryError(str(exc)) from None
            conn.execute(
                'UPDATE annotations SET quote = ?, prefix = ?, suffix = ?, start = ?, "end" = ?, '
                "text_hash = ?, orphan = 0, version = NULL, updated = ? WHERE id = ?",
                (anchor.quote, anchor.prefix, anchor.suffix, anchor.start, anchor.end,
                 anchor.text_hash, now(), annotation_id))

    def review_candidates(self) -> list[Annotation]:
        """Every placed highlight, by id, with its article's title (the review draws from
        these)."""
        from .notes import _COLUMNS, _FROM, _annotation

        return [_annotation(r) for r in self.db.conn.execute(
            f"SELECT {_COLUMNS} {_FROM} WHERE n.kind = 'highlight' AND n.orphan = 0 "
            "ORDER BY n.id")]

    def mark_seen(self, ids: Sequence[int], *, skipped: bool = False) -> None:
        """The review showed these highlights now (and the person skipped them)."""
        stamp = now()
        with self.db.write() as conn:
            conn.executemany("UPDATE annotations SET seen = ?, skips = skips + ? WHERE id = ?",
                             [(stamp, int(skipped), i) for i in ids])
