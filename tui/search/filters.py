"""The query language's filters: adding one is one entry in FILTERS.

Each entry turns the text after `name:` into an SQL condition on `a` (the articles table) with
every user value passed as a parameter, or returns a one-line notice when the value is unusable.
A filter that needs the library's data (entity names) returns a `Lookup` instead: a function of
the library that the search's Compiler calls, so the filter itself stays a pure function of text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..storage.notes import TAGGED_ARTICLES
from ..storage.schema import date_condition
from .names import NAMES, Match

if TYPE_CHECKING:
    from ..storage import Library

Made = tuple[str, list] | tuple[str, list, str] | str
"""A condition and its parameters (optionally with a notice), or only a notice: the filter is
then ignored."""
Lookup = Callable[["Library"], Made]

DATE_BOUNDS = {"after": ">=", "before": "<"}
"""The date filters and how each compares an article's date (see `Library.match_ids`)."""

COLUMNS = {"title", "body"}
"""`title:word` and `body:word` search one column of the full-text index."""


def _like(column: str) -> Callable[[str], Made]:
    def make(value: str) -> Made:
        escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"a.{column} LIKE ? ESCAPE '\\'", [f"%{escaped}%"]
    return make


_AGE = re.compile(r"(\d{1,4})([dwmy])", re.I)
_DAYS = {"d": 1, "w": 7, "m": 30, "y": 365}


def parse_when(value: str, today: date | None = None) -> str | None:
    """`2021-09-09`, `2021-09`, `2021`, or an age such as `7d`, `2w`, `3m`, `1y` -> ISO date."""
    today = today or date.today()
    if m := _AGE.fullmatch(value):
        days = int(m.group(1)) * _DAYS[m.group(2).lower()]
        # An age reaching back past year 1 (after:2100y) means since the beginning: the
        # earliest date there is, not an overflow.
        if days >= (today - date.min).days:
            return date.min.isoformat()
        return (today - timedelta(days=days)).isoformat()
    for pattern, fill in ((r"\d{4}-\d{2}-\d{2}", ""), (r"\d{4}-\d{2}", "-01"), (r"\d{4}", "-01-01")):
        if re.fullmatch(pattern, value):
            try:
                return date.fromisoformat(value + fill).isoformat()
            except ValueError:
                return None
    return None


def date_bound(name: str, value: str) -> tuple[str, str] | str:
    """`after:`/`before:` as `(comparison, ISO date)`, or a notice when `value` is no date."""
    when = parse_when(value)
    if when is None:
        return f"ignored {name}:{value} (use a date like 2021-09-09 or an age like 7d, 2w, 3m)"
    return DATE_BOUNDS[name], when


def _when(name: str) -> Callable[[str], Made]:
    def make(value: str) -> Made:
        bound = date_bound(name, value)
        return bound if isinstance(bound, str) else (date_condition(bound[0]), [bound[1]])
    return make


_IS = {
    "unread": "a.read = 0", "read": "a.read = 1",
    "starred": "a.starred = 1", "unstarred": "a.starred = 0",
}
_HAS = {
    "note": "EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = a.id AND n.kind = 'note')",
    "highlight": "EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = a.id "
                 "AND n.kind = 'highlight')",
    "tag": "(EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id) OR EXISTS "
           "(SELECT 1 FROM annotations n JOIN annotation_tags x ON x.annotation_id = n.id "
           "WHERE n.article_id = a.id))",
    "url": "a.url != ''",
}


def _choice(name: str, table: dict[str, str]) -> Callable[[str], Made]:
    def make(value: str) -> Made:
        key = value.lower()
        if key == "notes":
            key = "note"
        if key not in table:
            return f"ignored {name}:{value} (try {', '.join(f'{name}:{k}' for k in table)})"
        return table[key], []
    return make


def _tag(value: str) -> Made:
    if value.endswith("*"):
        escaped = value[:-1].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        test, arg = "g.name LIKE ? ESCAPE '\\'", escaped + "%"
    else:
        test, arg = "g.name = ?", value
    return (f"a.id IN (SELECT u.article_id FROM ({TAGGED_ARTICLES}) u JOIN tags g "
            f"ON g.id = u.tag_id WHERE {test})", [arg])


NOUNS = {"PERSON": "person", "ORG": "org", "PLACE": "place"}
"""The filter for each label, to name the one that would find what another did not."""


def _entity(label: str | None, noun: str) -> Callable[[str], Lookup]:
    """Articles mentioning a name spelt like the value (see `tui.search.names`), in their
    title or body. A name known only under another label is searched under that one, and the
    notice says so: `org:liverpool` finds the places called Liverpool when no club is."""
    def make(value: str) -> Lookup:
        def lookup(library: Library) -> Made:
            found = NAMES.match(library, value, label)
            notice = _entity_notice(f"{noun}:{value}", found)
            if not found.names and label is not None:
                found = NAMES.match(library, value, None)
                others = sorted({NOUNS.get(kind, kind.lower()) for _, kind in found.names})
                if others:
                    notice = (f"no {noun} like {value!r}: searched "
                              f"{' and '.join(f'{other}:{value}' for other in others)} "
                              f"({_names(found)})")
            if not found.names:
                # Nothing matches, so nothing is found: ignoring the filter would find all.
                return "0", [], f"no {noun} like {value!r}"
            # ORs of (name, label): the planner then finds each entity by its unique index and
            # its mentions by theirs (a JOIN or a row-value IN scanned every mention).
            pairs = " OR ".join("(name = ? AND label = ?)" for _ in found.names)
            entities = f"(SELECT id FROM entities WHERE {pairs})"
            sql = (f"a.id IN (SELECT article_id FROM mentions WHERE entity_id IN {entities} "
                   f"UNION ALL SELECT article_id FROM title_mentions WHERE entity_id IN "
                   f"{entities})")
            params = [part for pair in found.names for part in pair] * 2
            return (sql, params, notice) if notice else (sql, params)
        return lookup
    return make


def _names(found: Match) -> str:
    """The first names of a match with their labels: "Liverpool, a place"."""
    shown = ", ".join(f"{name}, {'an' if kind == 'ORG' else 'a'} {NOUNS.get(kind, kind.lower())}"
                      for name, kind in found.names[:2])
    return shown + (f" and {len(found.names) - 2} more" if len(found.names) > 2 else "")


def _entity_notice(typed: str, found: Match) -> str:
    """What the person should know about the names searched for them, or ""."""
    if found.total > len(found.names):
        return (f"{typed} matches {found.total:,} names: searched the {len(found.names)} "
                "most mentioned")
    if not found.fuzzy:
        return ""
    names = ", ".join(name for name, _ in found.names[:3])
    if len(found.names) > 3:
        names += f" and {len(found.names) - 3} more"
    return f"{typed} taken as {names}"


FILTERS: dict[str, Callable[[str], Made | Lookup]] = {
    "source": _like("source"),
    "author": _like("author"),
    "url": _like("url"),
    "tag": _tag,
    "after": _when("after"),
    "before": _when("before"),
    "is": _choice("is", _IS),
    "has": _choice("has", _HAS),
    "person": _entity("PERSON", "person"),
    "org": _entity("ORG", "org"),
    "place": _entity("PLACE", "place"),
    "entity": _entity(None, "entity"),
}
