"""What a search asks storage for, as data: conditions on articles and the query description
`Library.match_ids` takes. Search (`tui.search`) builds these from the query language; only
this module turns them into SQL, with every value a person typed passed as a parameter.

The full-text expressions they carry (`Matches.expression`, `MatchQuery.match`) are FTS5
query syntax, written by `tui.search` with every word quoted (`schema.quote_term`): they are
parameters of a MATCH, never SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .schema import date_condition

RANK_LIMIT = 20_000
"""Past this many matches (for one searched word), results come newest first instead of by
bm25: ranking costs grow with the matches and the words (see docs/performance.md)."""

STATES = {"unread": "a.read = 0", "read": "a.read = 1",
          "starred": "a.starred = 1", "unstarred": "a.starred = 0"}
"""`is:` values, in the order a notice lists them."""
HAS = {
    "note": "EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = a.id AND n.kind = 'note')",
    "highlight": "EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = a.id "
                 "AND n.kind = 'highlight')",
    "tag": "EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id)",
    "url": "a.url != ''",
}
"""`has:` values, in the order a notice lists them."""


@dataclass(frozen=True)
class Contains:
    """`column` holds `text` (ignoring ASCII case, as SQL's LIKE does)."""

    column: Literal["source", "author", "url"]
    text: str


@dataclass(frozen=True)
class DateBound:
    """The article's date (its publication date, else when it was added) compared with an ISO
    date: `comparison` is ">=" (`after:`) or "<" (`before:`)."""

    comparison: Literal[">=", "<"]
    date: str


@dataclass(frozen=True)
class State:
    """Read or starred: one of `STATES`."""

    name: str


@dataclass(frozen=True)
class Has:
    """The article has a note, a highlight, a tag or a URL: one of `HAS`."""

    what: str


@dataclass(frozen=True)
class Tagged:
    """The article carries the tag `name` (with `prefix`, a tag starting with it)."""

    name: str
    prefix: bool = False


@dataclass(frozen=True)
class Mentions:
    """The article mentions, in its title or body, one of these `(name, label)` entities."""

    names: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Matches:
    """The full-text index matches the article with this FTS5 expression."""

    expression: str


@dataclass(frozen=True)
class Nothing:
    """No article (a filter that can match nothing, such as a person no article names)."""


@dataclass(frozen=True)
class Negated:
    """Every article the condition does not hold for."""

    condition: Condition


@dataclass(frozen=True)
class Combined:
    """The conditions all (`AND`) or any (`OR`) hold."""

    op: Literal["AND", "OR"]
    parts: tuple[Condition, ...]


Condition = (Contains | DateBound | State | Has | Tagged | Mentions | Matches | Nothing
             | Negated | Combined)


@dataclass(frozen=True)
class MatchQuery:
    """What `Library.match_ids` finds, in what order, and what it may skip to stay quick.

    Attributes:
        match: An FTS5 expression the articles match, or None (conditions alone).
        where: Conditions on the articles besides `match`.
        order: "relevance" (bm25, newer first among equals), "newest", "oldest" or "title".
        rank_limit: Past this many matches, relevance gives way to newest first.
        dates: Date bounds (`(">=" or "<", ISO date)`), all to be met: answered from the
            newest-first order when it is in memory (an `after:` that every article passes
            then costs nothing), else in SQL.
        count: How many articles `match` matches, when the caller knows (one word of the
            vocabulary), to spare counting them.
        rank_by: An expression matching at least what `match` does whose bm25 orders those
            matches the same but costs less (`match` without its words in half the library);
            used when it matches no more than `rank_limit`.
        page: Only the first `page` ids will be used (a one-off command): past them, ties
            may stay in the index's order when no whole order is in memory. None: every id
            in order.
    """

    match: str | None = None
    where: Condition | None = None
    order: str = "relevance"
    rank_limit: int = RANK_LIMIT
    dates: tuple[tuple[str, str], ...] = ()
    count: int | None = None
    rank_by: str | None = None
    page: int | None = None


_FTS = "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"


def where_sql(condition: Condition | None) -> tuple[str, list[Any]]:
    """The SQL condition on `a` (the articles table) and its parameters; `("", [])` for
    None. The top level of an AND is written without parentheses, as the query planner reads
    it best."""
    if condition is None:
        return "", []
    if isinstance(condition, Combined) and condition.op == "AND":
        parts, params = [], []
        for part in condition.parts:
            sql, args = _sql(part)
            parts.append(f"({sql})" if isinstance(part, Combined) else sql)
            params += args
        return " AND ".join(parts), params
    return _sql(condition)


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _sql(condition: Condition) -> tuple[str, list[Any]]:
    if isinstance(condition, Contains):
        if condition.column not in ("source", "author", "url"):
            raise ValueError(condition.column)
        return f"a.{condition.column} LIKE ? ESCAPE '\\'", [f"%{_like(condition.text)}%"]
    if isinstance(condition, DateBound):
        return date_condition(condition.comparison), [condition.date]
    if isinstance(condition, State):
        return STATES[condition.name], []
    if isinstance(condition, Has):
        return HAS[condition.what], []
    if isinstance(condition, Tagged):
        test, arg = (("g.name LIKE ? ESCAPE '\\'", _like(condition.name) + "%")
                     if condition.prefix else ("g.name = ?", condition.name))
        return ("a.id IN (SELECT at.article_id FROM article_tags at JOIN tags g "
                f"ON g.id = at.tag_id WHERE {test})", [arg])
    if isinstance(condition, Mentions):
        if not condition.names:
            return "0", []
        # ORs of (name, label): the planner then finds each entity by its unique index and
        # its mentions by theirs (a JOIN or a row-value IN scanned every mention).
        pairs = " OR ".join("(name = ? AND label = ?)" for _ in condition.names)
        entities = f"(SELECT id FROM entities WHERE {pairs})"
        sql = (f"a.id IN (SELECT article_id FROM mentions WHERE entity_id IN {entities} "
               f"UNION ALL SELECT article_id FROM title_mentions WHERE entity_id IN "
               f"{entities})")
        return sql, [part for pair in condition.names for part in pair] * 2
    if isinstance(condition, Matches):
        return _FTS, [condition.expression]
    if isinstance(condition, Nothing):
        return "0", []
    if isinstance(condition, Negated):
        if isinstance(condition.condition, Matches):
            return ("a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
                    [condition.condition.expression])
        sql, args = _sql(condition.condition)
        return f"NOT ({sql})", args
    parts, params = [], []
    for part in condition.parts:
        sql, args = _sql(part)
        parts.append(f"({sql})")
        params += args
    return f" {condition.op} ".join(parts), params


def all_of(conditions: Sequence[Condition]) -> Condition | None:
    """The conditions ANDed: None for none, the one for one."""
    if not conditions:
        return None
    return conditions[0] if len(conditions) == 1 else Combined("AND", tuple(conditions))
