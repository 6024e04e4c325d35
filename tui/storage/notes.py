"""Tags, article notes and passage highlights: the library's annotation tables."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Sequence

from ..highlights import COLOURS
from ..models import Annotation
from ..text import sanitize, shorten
from .conditions import TAGGED_ARTICLES
from .connections import Connections
from .errors import LibraryError
from .identity import now

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `newsreader search` need not import typing
if TYPE_CHECKING:
    from typing import Any

    from ..annotations import Anchor

# tui.annotations loads rapidfuzz and hashlib when first used; it is imported inside the
# functions that need it, so that `newsreader search` does not load it at all.

_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
"""A time as the library writes it (`identity.now`)."""
_SEP = "\x1f"
"""Joins tag names in one column; sanitize removes control characters, so no tag holds it."""

_COLUMNS = (
    'n.id, n.article_id, n.kind, n.text, n.quote, n.start, n."end", n.orphan, n.author, '
    "n.created, n.updated, (SELECT group_concat(g.name, char(31)) FROM annotation_tags x "
    "JOIN tags g ON g.id = x.tag_id WHERE x.annotation_id = n.id), n.prefix, n.suffix, a.title, "
    "n.version, n.colour, n.seen, n.skips"
)
_FROM = "FROM annotations n JOIN articles a ON a.id = n.article_id"
# One-for-one classes so that a quote typed with plain marks finds the typographic ones.
_LOOSE = {c: cls for cls in ("'‘’‚‛", '"“”„‟', "-–—−") for c in cls}


def _tag_names(tags: Iterable[str]) -> list[str]:
    """Normalised tag names, each once (ignoring case), in the order given."""
    from ..annotations import normalise_tag
    names: dict[str, str] = {}
    for typed in tags:
        name = normalise_tag(typed)
        if name is None:
            raise LibraryError(f"{typed!r} is not a usable tag name")
        names.setdefault(name.casefold(), name)
    return list(names.values())


def _clean(text: str) -> str:
    return sanitize(text).strip()


def find_quote(body: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` first occurs in `body`: exactly, else with any whitespace between its
    words and typographic quotes and dashes matching plain ones.

    Args:
        body: The article body.
        quote: The passage as typed.

    Returns:
        `(start, end)` offsets in `body`, or None when it is not there.
    """
    quote = _clean(quote)
    if not quote:
        return None
    start = body.find(quote)
    if start >= 0:
        return start, start + len(quote)
    words = ("".join(f"[{re.escape(_LOOSE[c])}]" if c in _LOOSE else re.escape(c) for c in w)
             for w in quote.split())
    match = re.search(r"\s+".join(words), body)
    return match.span() if match else None


def _annotation(r: tuple[Any, ...]) -> Annotation:
    return Annotation(
        id=r[0], article_id=r[1], kind=r[2], text=r[3], quote=r[4], start=r[5], end=r[6],
        orphan=bool(r[7]), author=r[8], created=r[9], updated=r[10],
        tags=sorted(r[11].split(_SEP), key=str.casefold) if r[11] else [],
        prefix=r[12], suffix=r[13], article_title=r[14], version=r[15],
        # A library another program wrote may hold any text there: it is never a style.
        colour=r[16] if r[16] in COLOURS else COLOURS[0],
        seen=r[17] if isinstance(r[17], str) and _STAMP.fullmatch(r[17]) else "",
        skips=r[18] if isinstance(r[18], int) and 0 <= r[18] < 2**31 else 0,
    )


class Notes:
    """Tags and annotations: the `tags`, `article_tags`, `annotations` and `annotation_tags`
    tables, through the library's connections.

    User text is sanitized on the way in; tag names go through `normalise_tag` and are unique
    ignoring case (the first spelling stays). A tag that nothing uses any more is deleted.
    """

    def __init__(self, db: Connections) -> None:
        self.db = db

    # -- article tags ------------------------------------------------------------------------

    def tags(self) -> list[tuple[str, int]]:
        """Every tag in use with the number of articles a `tag:` search finds for it (those
        carrying it, or holding a note or highlight that does), by name.

        Counted from the tables at each call, with the same rule as the `tag:` filter
        (`TAGGED_ARTICLES`), so the list, its counts and the search agree; a tag nothing uses
        is left out (and forgotten by the change that left it unused)."""
        return [(r[0], r[1]) for r in self.db.conn.execute(
            f"SELECT g.name, count(DISTINCT u.article_id) FROM tags g "
            f"JOIN ({TAGGED_ARTICLES}) u ON u.tag_id = g.id "
            "GROUP BY g.id ORDER BY g.name COLLATE NOCASE, g.name")]

    def article_tags(self, article_id: int) -> list[str]:
        """One article's tags, by name."""
        return [r[0] for r in self.db.conn.execute(
            "SELECT g.name FROM article_tags t JOIN tags g ON g.id = t.tag_id "
            "WHERE t.article_id = ? ORDER BY g.name COLLATE NOCASE", (article_id,))]

    def tags_of(self, ids: Sequence[int]) -> dict[int, list[str]]:
        """Each article's tags, by name, for any number of ids in one query (ids that name no
        article are left out).

        Args:
            ids: Article ids.

        Returns:
            Article id -> its tags (an empty list for an article without tags).
        """
        wanted = list(dict.fromkeys(ids))
        found: dict[int, list[str]] = {r[0]: [] for r in self.db.conn.execute(
            "SELECT a.id FROM json_each(?) j JOIN articles a ON a.id = j.value",
            (json.dumps(wanted),))}
        for article_id, name in self.db.conn.execute(
                "SELECT t.article_id, g.name FROM json_each(?) j "
                "JOIN article_tags t ON t.article_id = j.value JOIN tags g ON g.id = t.tag_id "
                "ORDER BY g.name COLLATE NOCASE", (json.dumps(wanted),)):
            found[article_id].append(name)
        return found

    def missing_articles(self, ids: Sequence[int]) -> list[int]:
        """The ids among `ids` that name no article, in their order (any number of ids)."""
        return self._missing(self.db.conn, list(ids))

    def tag_articles(self, ids: Sequence[int], tags: Iterable[str]) -> int:
        """Give articles tags, creating tags that do not exist yet.

        Args:
            ids: Article ids.
            tags: Tag names as typed (normalised here).

        Returns:
            How many (article, tag) pairs were new.

        Raises:
            LibraryError: an unknown article id or an unusable tag; nothing was changed.
        """
        names, ids = _tag_names(tags), list(dict.fromkeys(ids))
        stamp, added = now(), 0
        if not ids:
            return 0  # not even a new tag: it would be one that nothing uses
        with self.db.write() as conn:
            self._check_articles(conn, ids)
            for name in names:
                tag_id = self._tag_id(conn, name)
                added += conn.executemany(
                    "INSERT OR IGNORE INTO article_tags (article_id, tag_id, added) "
                    "VALUES (?, ?, ?)", [(i, tag_id, stamp) for i in ids]).rowcount
        return added

    def untag_articles(self, ids: Sequence[int], tags: Iterable[str]) -> int:
        """Take tags off articles.

        Args:
            ids: Article ids.
            tags: Tag names as typed (normalised here).

        Returns:
            How many (article, tag) pairs were removed.

        Raises:
            LibraryError: an unknown article id or an unusable tag; nothing was changed.
        """
        names, ids = _tag_names(tags), list(dict.fromkeys(ids))
        removed = 0
        with self.db.write() as conn:
            self._check_articles(conn, ids)
            tag_ids = [i for i in (self._find_tag(conn, name) for name in names) if i is not None]
            for tag_id in tag_ids:
                removed += conn.executemany(
                    "DELETE FROM article_tags WHERE article_id = ? AND tag_id = ?",
                    [(i, tag_id) for i in ids]).rowcount
            self._drop_unused_tags(conn, tag_ids)
        return removed

    def annotated_article_ids(self) -> list[int]:
        """Ids of the articles with a tag, a note or a highlight, in id order."""
        return [r[0] for r in self.db.conn.execute(
            "SELECT article_id FROM annotations UNION SELECT article_id FROM article_tags "
            "ORDER BY 1")]

    # -- annotations -------------------------------------------------------------------------

    def add_note(self, article_id: int, text: str, *, quote: str | None = None,
                 tags: Iterable[str] = ()) -> int:
        """Add a note on a whole article or, with `quote`, on a passage (a highlight).

        Args:
            article_id: The article.
            text: The note (may be empty for a highlight).
            quote: A passage of the current body; the first place it occurs is highlighted.
            tags: Tags for the annotation itself.

        Returns:
            The new annotation's id.

        Raises:
            LibraryError: no such article, the quote is not in it, or a note without text.
        """
        from ..annotations import make_anchor
        text, names = _clean(text), _tag_names(tags)
        with self.db.write() as conn:
            body = self._body(conn, article_id)
            if quote is None:
                if not text:
                    raise LibraryError("a note needs some text")
                return self._insert(conn, article_id, text, None, names)
            span = find_quote(body, quote)
            if span is None:
                raise LibraryError(f"article {article_id} does not contain {shorten(quote, 60)!r}")
            return self._insert(conn, article_id, text, make_anchor(body, *span), names)

    def add_highlight(self, article_id: int, start: int, end: int, *, text: str = "",
                      tags: Iterable[str] = (), colour: str = "") -> int:
        """Highlight `body[start:end]` of an article, with an optional note and a colour
        (one of `tui.highlights.COLOURS`; "" is the first).

        Returns:
            The new annotation's id.

        Raises:
            LibraryError: no such article, or the range is empty or outside the body.
        """
        from ..annotations import make_anchor
        text, names = _clean(text), _tag_names(tags)
        with self.db.write() as conn:
            body = self._body(conn, article_id)
            try:
                anchor = make_anchor(body, start, end)
            except ValueError as exc:
                raise LibraryError(str(exc)) from None
            annotation_id = self._insert(conn, article_id, text, anchor, names)
            if colour:
                if colour not in COLOURS:
                    raise LibraryError(f"{colour!r} is not a highlight colour "
                                 f"({', '.join(COLOURS)})")
                conn.execute("UPDATE annotations SET colour = ? WHERE id = ?",
                             (colour, annotation_id))
            return annotation_id

    def update_annotation(self, annotation_id: int, *, text: str | None = None,
                          tags: Iterable[str] | None = None) -> None:
        """Change an annotation's note text and/or replace its tags (None: leave as is)."""
        names = None if tags is None else _tag_names(tags)
        with self.db.write() as conn:
            row = conn.execute("SELECT kind FROM annotations WHERE id = ?",
                               (annotation_id,)).fetchone()
            if row is None:
                raise LibraryError(f"no note with id {annotation_id}")
            if text is not None:
                text = _clean(text)
                if row[0] == "note" and not text:
                    raise LibraryError("a note needs some text")
                conn.execute("UPDATE annotations SET text = ? WHERE id = ?", (text, annotation_id))
            if names is not None:
                self._set_tags(conn, annotation_id, names)
            conn.execute("UPDATE annotations SET updated = ? WHERE id = ?", (now(), annotation_id))

    def delete_annotation(self, annotation_id: int) -> None:
        """Delete a note or highlight.

        Raises:
            LibraryError: there is no such annotation.
        """
        with self.db.write() as conn:
            self._set_tags(conn, annotation_id, [])
            if not conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,)).rowcount:
                raise LibraryError(f"no note with id {annotation_id}")

    def annotation(self, annotation_id: int) -> Annotation | None:
        """One note or highlight, or None when there is no such id."""
        row = self.db.conn.execute(f"SELECT {_COLUMNS} {_FROM} WHERE n.id = ?",
                                (annotation_id,)).fetchone()
        return None if row is None else _annotation(row)

    def annotations(self, article_id: int) -> list[Annotation]:
        """An article's annotations: notes first, then highlights by position, orphans last."""
        return [_annotation(r) for r in self.db.conn.execute(
            f"SELECT {_COLUMNS} {_FROM} WHERE n.article_id = ? "
            "ORDER BY n.kind = 'highlight', n.orphan, n.start, n.id", (article_id,))]

    def all_annotations(self, *, text: str = "", tag: str = "",
                        limit: int | None = None) -> list[Annotation]:
        """Annotations of every article, newest first, with their article's title.

        Args:
            text: Keep those whose note or quote contains this (ignoring case).
            tag: Keep those carrying this tag, or whose article carries it.
            limit: At most this many.
        """
        from ..annotations import normalise_tag
        where, params = "", []
        if tag:
            tag_id = self._find_tag(self.db.conn, normalise_tag(tag) or tag)
            if tag_id is None:
                return []
            where = (
                "WHERE n.id IN (SELECT annotation_id FROM annotation_tags WHERE tag_id = ?) "
                "OR n.article_id IN (SELECT article_id FROM article_tags WHERE tag_id = ?)")
            params = [tag_id, tag_id]
        query = f"SELECT {_COLUMNS} {_FROM} {where} ORDER BY n.created DESC, n.id DESC"
        needle = _clean(text).casefold()
        if limit is not None and not needle:
            query, params = query + " LIMIT ?", [*params, limit]
        found: list[Annotation] = []
        for row in self.db.conn.execute(query, params):
            note = _annotation(row)
            if needle and needle not in f"{note.text}\x00{note.quote}".casefold():
                continue
            found.append(note)
            if limit is not None and len(found) >= limit:
                break
        return found

    def orphans(self) -> list[Annotation]:
        """Highlights the current text of their article no longer holds, newest first."""
        return [_annotation(r) for r in self.db.conn.execute(
            f"SELECT {_COLUMNS} {_FROM} WHERE n.orphan = 1 ORDER BY n.created DESC, n.id DESC")]

    # -- inside write transactions -----------------------------------------------------------

    def reanchor(self, conn: sqlite3.Connection, article_id: int, body: str,
                 version: int | None = None) -> None:
        """Place an article's highlights in its new body, inside the caller's write
        transaction `conn` (the articles' upsert calls it on update).

        A highlight `reanchor` cannot place confidently becomes an orphan: its quote and
        context stay, so that a later version of the text can place it again, and it points
        at `version`, the text just replaced, where it still stands (an orphan already keeps
        the version it pointed at).
        """
        from ..annotations import Anchor, make_anchor, reanchor
        rows = conn.execute(
            'SELECT id, quote, prefix, suffix, start, "end", text_hash, orphan FROM annotations '
            "WHERE article_id = ? AND kind = 'highlight'", (article_id,)).fetchall()
        for annotation_id, quote, prefix, suffix, start, end, text_hash, orphan in rows:
            placed = reanchor(Anchor(quote, prefix, suffix, start or 0, end or 0, text_hash), body)
            if placed.start is None or placed.end is None:
                conn.execute('UPDATE annotations SET orphan = 1, start = NULL, "end" = NULL, '
                             "version = CASE WHEN ? THEN version ELSE ? END WHERE id = ?",
                             (orphan, version, annotation_id))
                continue
            new = make_anchor(body, placed.start, placed.end)
            conn.execute(
                'UPDATE annotations SET quote = ?, prefix = ?, suffix = ?, start = ?, "end" = ?, '
                "text_hash = ?, orphan = 0, version = NULL WHERE id = ?",
                (new.quote, new.prefix, new.suffix, new.start, new.end, new.text_hash,
                 annotation_id))

    def _insert(self, conn: sqlite3.Connection, article_id: int, text: str,
                anchor: Anchor | None, names: list[str]) -> int:
        from ..annotations import current_author
        stamp = now()
        place = (("note", "", "", "", None, None, "") if anchor is None else (
            "highlight", anchor.quote, anchor.prefix, anchor.suffix, anchor.start, anchor.end,
            anchor.text_hash))
        cursor = conn.execute(
            "INSERT INTO annotations (article_id, text, author, created, updated, kind, quote, "
            'prefix, suffix, start, "end", text_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            (article_id, text, current_author(), stamp, stamp, *place))
        annotation_id = cursor.lastrowid
        assert annotation_id is not None
        self._set_tags(conn, annotation_id, names)
        return annotation_id

    def _set_tags(self, conn: sqlite3.Connection, annotation_id: int, names: list[str]) -> None:
        """Replace an annotation's tags, deleting the old ones nothing else uses."""
        old = [r[0] for r in conn.execute(
            "SELECT tag_id FROM annotation_tags WHERE annotation_id = ?", (annotation_id,))]
        conn.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", (annotation_id,))
        conn.executemany("INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id) "
                         "VALUES (?, ?)", [(annotation_id, self._tag_id(conn, n)) for n in names])
        self._drop_unused_tags(conn, old)

    def _tag_id(self, conn: sqlite3.Connection, name: str) -> int:
        """The id of the tag called `name` (ignoring case), made when there is none."""
        found = self._find_tag(conn, name)
        if found is not None:
            return found
        cursor = conn.execute("INSERT INTO tags (name) VALUES (?)", (name,))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _find_tag(self, conn: sqlite3.Connection, name: str) -> int | None:
        row = conn.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()
        if row is None and not name.isascii():
            # The column's NOCASE folds ASCII letters only: Été and été must be one tag too.
            key = name.casefold()
            row = next((r for r in conn.execute("SELECT id, name FROM tags")
                        if r[1].casefold() == key), None)
        return row[0] if row else None

    def _drop_unused_tags(self, conn: sqlite3.Connection, tag_ids: Iterable[int]) -> None:
        conn.executemany(
            "DELETE FROM tags WHERE id = ? "
            "AND NOT EXISTS (SELECT 1 FROM article_tags t WHERE t.tag_id = tags.id) "
            "AND NOT EXISTS (SELECT 1 FROM annotation_tags x WHERE x.tag_id = tags.id)",
            [(i,) for i in set(tag_ids)])

    def _missing(self, conn: sqlite3.Connection, ids: list[int]) -> list[int]:
        # json_each: any number of ids, where `IN (?, ?, ...)` stops at SQLite's variable limit.
        return [r[0] for r in conn.execute(
            "SELECT value FROM json_each(?) WHERE value NOT IN (SELECT id FROM articles)",
            (json.dumps(ids),))]

    def _check_articles(self, conn: sqlite3.Connection, ids: list[int]) -> None:
        missing = self._missing(conn, ids)
        if missing:
            noun = "article" if len(missing) == 1 else "articles"
            raise LibraryError(f"no {noun} with id {', '.join(map(str, missing))}")

    def _body(self, conn: sqlite3.Connection, article_id: int) -> str:
        row = conn.execute("SELECT body FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise LibraryError(f"no article with id {article_id}")
        return str(row[0])
