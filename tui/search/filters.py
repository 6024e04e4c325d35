"""The query language's filters: adding one is one entry in FILTERS.

Each entry turns the text after `name:` into an SQL condition on `a` (the articles table) with
every user value passed as a parameter, or returns a one-line notice when the value is unusable.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

Made = tuple[str, list] | str
# The unary + keeps the planner on the narrow articles_meta index when dates are combined with
# other filters (measured: 118 ms through the date index and table rows, 12 ms covered).
DATE_OF = "+coalesce(nullif(a.published, ''), a.added)"

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
        return (today - timedelta(days=int(m.group(1)) * _DAYS[m.group(2).lower()])).isoformat()
    for pattern, fill in ((r"\d{4}-\d{2}-\d{2}", ""), (r"\d{4}-\d{2}", "-01"), (r"\d{4}", "-01-01")):
        if re.fullmatch(pattern, value):
            try:
                return date.fromisoformat(value + fill).isoformat()
            except ValueError:
                return None
    return None


def _when(op: str, name: str) -> Callable[[str], Made]:
    def make(value: str) -> Made:
        when = parse_when(value)
        if when is None:
            return f"ignored {name}:{value} (use a date like 2021-09-09 or an age like 7d, 2w, 3m)"
        return f"{DATE_OF} {op} ?", [when]
    return make


_IS = {
    "unread": "a.read = 0", "read": "a.read = 1",
    "starred": "a.starred = 1", "unstarred": "a.starred = 0",
}
_HAS = {
    "note": "EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = a.id AND n.kind = 'note')",
    "highlight": "EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = a.id "
                 "AND n.kind = 'highlight')",
    "tag": "EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id)",
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
    return ("a.id IN (SELECT at.article_id FROM article_tags at JOIN tags g "
            f"ON g.id = at.tag_id WHERE {test})", [arg])


FILTERS: dict[str, Callable[[str], Made]] = {
    "source": _like("source"),
    "author": _like("author"),
    "url": _like("url"),
    "tag": _tag,
    "after": _when(">=", "after"),
    "before": _when("<", "before"),
    "is": _choice("is", _IS),
    "has": _choice("has", _HAS),
}
