"""What a search asks storage for, as data: conditions on articles and the query description
`Library.match_ids` takes. Search (`tui.search`) builds these from the query language; only
this module turns them into SQL, with every value a person typed passed as a parameter.

The full-text expressions they carry (`Matches.expression`, `MatchQuery.match`) are FTS5
query syntax, written by `tui.search` with every word quoted (`schema.quote_term`): they are
parameters of a MATCH, never SQL.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..records import FrozenRecord
from .schema import date_condition

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `newsreader search` loads this module
if TYPE_CHECKING:
    from typing import Any, Literal

RANK_LIMIT = 20_000
"""Past this many matches (for one searched word), results come newest first instead of by
bm25: ranking costs grow with the matches and the words (see docs/performance.md)."""

STATES = {"unread": "a.read = 0", "read": "a.read = 1",
          "starred": "a.starred = 1", "unstarred": "a.starred = 0"}
"""`is:` values, in the order a notice lists them."""
TAGGED_ARTICLES = (
    "SELECT tag_id, article_id FROM article_tags UNION ALL "
    "SELECT x.tag_id, n.article_id FROM annotation_tags x "
    "JOIN annotations n ON n.id = x.annotation_id"
)
"""`(tag_id, article_id)` for every article a tag finds: tagged itself, or holding a note or
highlight tagged (one rule for the tag list's counts and the `tag:` filter; pairs may repeat)."""

HAS = {
    "note": "EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = a.id AND n.kind = 'note')",
    "highlight": "EXISTS (SELECT 1 FROM annotations n WHERE n.article_id = a.id "
                 "AND n.kind = 'highlight')",
    "tag": "(EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id) OR EXISTS "
           "(SELECT 1 FROM annotations n JOIN annotation_tags x ON x.annotation_id = n.id "
           "WHERE n.article_id = a.id))",
    "url": "a.url != ''",
}
"""`has:` values, in the order a notice lists them."""


class Contains(FrozenRecord):
    """`column` holds `text` (ignoring ASCII case, as SQL's LIKE does); with `exact`, it is
    `text` (ignoring ASCII case too: `source:="BBC News"`)."""

    __slots__ = _fields = ("column", "text", "exact")
    column: Literal["source", "author", "url"]
    text: str
    exact: bool

    def __init__(self, column: Literal["source", "author", "url"], text: str,
                 exact: bool = False):
        self._set(column=column, text=text, exact=exact)


class DateBound(FrozenRecord):
    """The article's date (its publication date, else when it was added) compared with an ISO
    date: `comparison` is ">=" (`after:`) or "<" (`before:`)."""

    __slots__ = _fields = ("comparison", "date")
    comparison: Literal[">=", "<"]
    date: str

    def __init__(self, comparison: Literal[">=", "<"], date: str):
        self._set(comparison=comparison, date=date)


class State(FrozenRecord):
    """Read or starred: one of `STATES`."""

    __slots__ = _fields = ("name",)
    name: str

    def __init__(self, name: str):
        self._set(name=name)


class Has(FrozenRecord):
    """The article has a note, a highlight, a tag or a URL: one of `HAS`."""

    __slots__ = _fields = ("what",)
    what: str

    def __init__(self, what: str):
        self._set(what=what)


class Tagged(FrozenRecord):
    """The article carries the tag `name` (with `prefix`, a tag starting with it)."""

    __slots__ = _fields = ("name", "prefix")
    name: str
    prefix: bool

    def __init__(self, name: str, prefix: bool = False):
        self._set(name=name, prefix=prefix)


class Mentions(FrozenRecord):
    """The article mentions, in its title or body, one of these `(name, label)` entities."""

    __slots__ = _fields = ("names",)
    names: tuple[tuple[str, str], ...]

    def __init__(self, names: tuple[tuple[str, str], ...]):
        self._set(names=names)


class Matches(FrozenRecord):
    """The full-text index matches the article with this FTS5 expression."""

    __slots__ = _fields = ("expression",)
    expression: str

    def __init__(self, expression: str):
        self._set(expression=expression)


class Nothing(FrozenRecord):
    """No article (a filter that can match nothing, such as a person no article names)."""

    __slots__ = ()


class Negated(FrozenRecord):
    """Every article the condition does not hold for."""

    __slots__ = _fields = ("condition",)
    condition: Condition

    def __init__(self, condition: Condition):
        self._set(condition=condition)


class Combined(FrozenRecord):
    """The conditions all (`AND`) or any (`OR`) hold."""

    __slots__ = _fields = ("op", "parts")
    op: Literal["AND", "OR"]
    parts: tuple[Condition, ...]

    def __init__(self, op: Literal["AND", "OR"], parts: tuple[Condition, ...]):
        self._set(op=op, parts=parts)


Condition = (Contains | DateBound | State | Has | Tagged | Mentions | Matches | Nothing
             | Negated | Combined)


class MatchQuery(FrozenRecord):
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

    __slots__ = _fields = ("match", "where", "order", "rank_limit", "dates", "count",
                           "rank_by", "page")
    match: str | None
    where: Condition | None
    order: str
    rank_limit: int
    dates: tuple[tuple[str, str], ...]
    count: int | None
    rank_by: str | None
    page: int | None

    def __init__(self, match: str | None = None, where: Condition | None = None,
                 order: str = "relevance", rank_limit: int = RANK_LIMIT,
                 dates: tuple[tuple[str, str], ...] = (), count: int | None = None,
                 rank_by: str | None = None, page: int | None = None):
        self._set(match=match, where=where, order=order, rank_limit=rank_limit, dates=dates,
                  count=count, rank_by=rank_by, page=page)


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
        if condition.exact:
            return f"a.{condition.column} = ? COLLATE NOCASE", [condition.text]
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
        return (f"a.id IN (SELECT u.article_id FROM ({TAGGED_ARTICLES}) u JOIN tags g "
                f"ON g.id = u.tag_id WHERE {test})", [arg])
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
