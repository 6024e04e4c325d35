"""The query language's filters: adding one is one entry in FILTERS.

Each entry turns the text after `name:` into a condition on articles (a description from
`tui.storage.conditions`, which storage alone turns into SQL), or returns a one-line notice
when the value is unusable. A filter that needs the library's data (entity names) returns a
`Lookup` instead: a function of the library that the search's Compiler calls, so the filter
itself stays a pure function of text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date, timedelta

from ..storage.conditions import (
    HAS,
    STATES,
    Condition,
    Contains,
    DateBound,
    Has,
    Mentions,
    Nothing,
    State,
    Tagged,
)
from .names import NAMES, Match

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `newsreader search` need not import typing
if TYPE_CHECKING:
    from typing import Literal

    from ..storage import Library

Made = Condition | tuple[Condition, str] | str
"""A condition (optionally with a notice), or only a notice: the filter is then ignored."""
Lookup = Callable[["Library"], Made]

DATE_BOUNDS: dict[str, Literal[">=", "<"]] = {"after": ">=", "before": "<"}
"""The date filters and how each compares an article's date (see `Library.match_ids`)."""

COLUMNS = {"title", "body"}
"""`title:word` and `body:word` search one column of the full-text index."""


def _contains(column: Literal["source", "author", "url"]) -> Callable[[str], Made]:
    def make(value: str) -> Made:
        return Contains(column, value)
    return make


def _source(value: str) -> Made:
    """`source:reuters` contains reuters; `source:="BBC News"` is exactly BBC News (ignoring
    case), `source:=` has no source (the sources view lists a source this way)."""
    if value.startswith("="):
        return Contains("source", value[1:].strip(), exact=True)
    return Contains("source", value)


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


def date_bound(name: str, value: str) -> DateBound | str:
    """`after:`/`before:` as a bound on the article's date, or a notice when `value` is no
    date."""
    when = parse_when(value)
    if when is None:
        return f"ignored {name}:{value} (use a date like 2021-09-09 or an age like 7d, 2w, 3m)"
    return DateBound(DATE_BOUNDS[name], when)


def _when(name: str) -> Callable[[str], Made]:
    def make(value: str) -> Made:
        return date_bound(name, value)
    return make


def _choice(name: str, keys: Iterable[str],
            make_condition: Callable[[str], Condition]) -> Callable[[str], Made]:
    def make(value: str) -> Made:
        key = value.lower()
        if key == "notes":
            key = "note"
        if key not in keys:
            return f"ignored {name}:{value} (try {', '.join(f'{name}:{k}' for k in keys)})"
        return make_condition(key)
    return make


def _tag(value: str) -> Made:
    if value.endswith("*"):
        return Tagged(value[:-1], prefix=True)
    return Tagged(value)


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
                return Nothing(), f"no {noun} like {value!r}"
            condition = Mentions(tuple((name, kind) for name, kind in found.names))
            return (condition, notice) if notice else condition
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
    "source": _source,
    "author": _contains("author"),
    "url": _contains("url"),
    "tag": _tag,
    "after": _when("after"),
    "before": _when("before"),
    "is": _choice("is", STATES, State),
    "has": _choice("has", HAS, Has),
    "person": _entity("PERSON", "person"),
    "org": _entity("ORG", "org"),
    "place": _entity("PLACE", "place"),
    "entity": _entity(None, "entity"),
}
