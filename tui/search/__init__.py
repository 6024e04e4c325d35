"""Search: the query language -> a safe FTS5 expression + a description of the conditions
(`tui.storage.conditions`; storage writes the SQL), typo expansion, bm25 ranking (title above
body, words as typed above typos, newer first among equals), snippets."""

from __future__ import annotations

import re
import sqlite3
import time
from collections import ChainMap
from collections.abc import Callable, Mapping

from ..help_text import QUERY_HELP  # noqa: F401  (re-exported for the app's help)
from ..models import SearchHit, SearchResult
from ..storage import Library
from ..storage.conditions import (
    RANK_LIMIT,
    Combined,
    Condition,
    Matches,
    MatchQuery,
    Negated,
    all_of,
)
from ..storage.schema import quote_term
from ..storage.yielding import interrupted
from ..text import sanitize
from . import about, fuzzy
from .filters import COLUMNS, DATE_BOUNDS, FILTERS, date_bound
from .query import Filter, Group, Node, Not, Parser, Term, words_of
from .snippets import SNIPPET_CHARS, make_snippet
from .typo import CACHE, Expansion, ExpansionMemo

WORD = re.compile(r"\w+", re.UNICODE)
ONE_WORD = re.compile(r'\(?"([^"]+)"\)?')
"""An FTS5 expression that is one quoted string, as `quote_term` writes it."""

PARSER = Parser(set(FILTERS), COLUMNS)


class Compiler:
    """Turns a parsed tree into an FTS5 MATCH expression plus conditions on articles."""

    def __init__(self, library: Library, *, expand: str | None, live_typos: bool = True,
                 pick: int | None = None, memo: ExpansionMemo | None = None):
        """`expand`: None (as typed) or a typo mode (see `typo.MODES`); `live_typos`: also for
        the word being typed (pointless when its prefix found plenty); `pick`: search only
        the alternative of this rank of each word (None: all of them); `memo`: expansions
        already made, kept between compilers of one search."""
        self.live_typos = live_typos
        self.library = library
        self.expand = expand
        self.pick = pick
        self.memo = {} if memo is None else memo
        self.expansions: list[Expansion] = []
        self.entities: list[Filter] = []
        """Top-level entity filters (`person:`...): a search of them alone ranks by them."""
        self.notices: list[str] = []
        self.weight = 0
        """Index words the expression reads: ranking costs grow with it."""
        self.count: int | None = None
        """How many articles the expression matches, when it is one word of the vocabulary
        (known without a pass over the index)."""
        self.phrased = False
        """The expression holds a phrase of several words (checking positions is most of its
        cost: counting its matches costs about as much as listing them)."""
        self.rank_by: str | None = None
        """A cheaper expression whose bm25 ranks the matches the same (see `ranking`)."""
        self.dates: list[tuple[str, str]] = []
        """Top-level date filters as `(comparison, ISO date)`, kept out of the SQL: the
        library can answer them from its newest-first order."""

    def compile(self, tree: Group) -> tuple[str | None, Condition | None]:
        """Returns `(match, where)`: the FTS5 expression and the other conditions of the
        top-level AND of the tree (None when there are none)."""
        fts: list[str] = []
        negative: list[str] = []
        where: list[Condition] = []
        for child in tree.children:
            if isinstance(child, Not) and _textual(child.child):
                negative.append(self.fts(child.child))
            elif not isinstance(child, Not) and _textual(child):
                fts.append(self.fts(child))
            elif isinstance(child, Filter) and child.name in DATE_BOUNDS:
                bound = date_bound(child.name, child.value)
                if isinstance(bound, str):
                    self.notices.append(bound)
                else:
                    self.dates.append((bound.comparison, bound.date))
            else:
                if isinstance(child, Filter) and child.name in about.ENTITY_FILTERS:
                    self.entities.append(child)
                condition = self.condition(child)
                if condition is not None:
                    where.append(condition)
        if self.expand:  # a word repeated (a paste) is searched once: see `fts`
            fts = list(dict.fromkeys(fts))
        match = " AND ".join(fts) if fts else None
        counts = [self.word_count(part) for part in fts]
        if len(fts) == 1 and not negative:
            self.count = counts[0]
        self.rank_by = self.ranking(fts, counts, negative)
        if match and negative:
            match = f"({match})" + "".join(f" NOT {n}" for n in negative)
        elif negative:
            where += [Negated(Matches(expression)) for expression in negative]
        return match, all_of(where)

    def ranking(self, parts: list[str], counts: list[int | None], negative: list[str],
                ) -> str | None:
        """An expression that ranks the matches of `parts` (ANDed) as bm25 does, without the
        words in half the library or more; None when no word can go.

        bm25 gives such a word no weight (an idf of 1e-6), but counting its articles, which it
        does first, walks its whole doclist: at a million articles that costs more than the
        rest of a query that matches few (docs/performance.md).
        """
        if len(parts) < 2 or all(count is None for count in counts):
            return None
        articles = self.library.orders.listed_count()
        kept = [part for part, count in zip(parts, counts, strict=True)
                if count is None or 2 * count < articles]
        if len(kept) in (0, len(parts)):
            return None
        expression = " AND ".join(kept)
        if negative:
            expression = f"({expression})" + "".join(f" NOT {n}" for n in negative)
        return expression

    def word_count(self, expression: str) -> int | None:
        """The articles holding the word `expression` searches, if it is one indexed word and
        the vocabulary is loaded."""
        single = ONE_WORD.fullmatch(expression)
        vocabulary = CACHE.loaded(self.library) if single else None
        if vocabulary is None or single is None:
            return None
        word = single[1]  # the index folds ASCII case alone exactly as str.lower does
        return vocabulary.docs.get(word.lower() if word.isascii() else word)

    def fts(self, node: Node) -> str:
        if isinstance(node, Term):
            return self.term(node)
        if isinstance(node, Group):
            parts = [self.fts(c) for c in node.children if not isinstance(c, Not)]
            if self.expand:
                # Each alternative of a word repeated 32 times would be read 32 times (a
                # common one is slow to read once). As typed, repeats stay: they weigh in
                # bm25.
                parts = list(dict.fromkeys(parts))
            negs = [self.fts(c.child) for c in node.children if isinstance(c, Not)]
            if not parts:  # a group of only exclusions: keep what can be kept
                self.notices.append("ignored an exclusion with nothing to exclude from")
                return "(" + " OR ".join(negs) + ")" if negs else '""'
            joined = f" {node.op} ".join(parts)
            expression = f"({joined})" + "".join(f" NOT {n}" for n in negs)
            return f"({expression})"
        raise TypeError(node)  # Not at this level is handled by the caller

    def term(self, term: Term) -> str:
        column = f"{term.column} : " if term.column else ""
        if term.phrase:
            self.weight += 1
            self.phrased = self.phrased or len(WORD.findall(term.text)) > 1
            return column + quote_term(term.text)
        alternatives = self.typo_alternatives(term) if not term.prefix else []
        if term.prefix or (term.live and len(term.text) >= 2):
            # A word still being typed may be a finished misspelling: its typo alternatives
            # join the prefix.
            options = [self.prefix(term.text)] + [quote_term(w) for w in alternatives]
        else:
            options = [quote_term(w) for w in (term.text, *alternatives)]
            self.weight += len(options)
        if len(options) == 1:
            return column + options[0]
        return column + "(" + " OR ".join(options) + ")"

    def prefix(self, text: str) -> str:
        words, total = None, 1
        if WORD.fullmatch(text):
            words, total = CACHE.read(self.library).derivations(text)
        if words is None:
            self.weight += max(1, total)
            return quote_term(text) + "*"
        self.weight += len(words)
        self.notices.append(f"{text}… starts {total:,} words: searched the "
                            f"{len(words)} commonest (type more to narrow)")
        return "(" + " OR ".join(quote_term(w) for w in words) + ")"

    def typo_alternatives(self, term: Term) -> list[str]:
        """Nearby words when expanding; the word as typed always stays searched too."""
        if not self.expand or not WORD.fullmatch(term.text):
            return []
        if term.live and not self.live_typos:
            return []
        key = (term.text, self.expand)
        # A word no article holds gets the same alternatives in every mode (the widest).
        expansion = self.memo.get(key) or self.memo.get((term.text, "unknown"))
        if expansion is None:
            expansion = self.memo[key] = CACHE.expand(self.library, term.text, mode=self.expand)
            if not expansion.known:
                self.memo[term.text, "unknown"] = expansion
        if not expansion.alternatives:
            return []
        self.expansions.append(expansion)
        if self.pick is None:
            return expansion.alternatives
        return expansion.alternatives[self.pick:self.pick + 1]

    def condition(self, node: Node) -> Condition | None:
        """Any node as a condition on articles (text parts match the full-text index); None
        when nothing of it can be searched (its filters were all ignored)."""
        if isinstance(node, Filter):
            made = FILTERS[node.name](node.value)
            if callable(made):  # a Lookup: the filter needs the library's data
                made = made(self.library)
            if isinstance(made, str):
                self.notices.append(made)
                return None
            if isinstance(made, tuple):
                made, notice = made
                self.notices.append(notice)
            return made
        if isinstance(node, Not):
            inner = self.condition(node.child)
            return Negated(inner) if inner is not None else None
        if _textual(node):
            return Matches(self.fts(node))
        assert isinstance(node, Group)
        parts = [c for c in map(self.condition, node.children) if c is not None]
        return Combined("OR" if node.op == "OR" else "AND", tuple(parts)) if parts else None


def _textual(node: Node) -> bool:
    """True when every leaf is a Term (the whole node can be one FTS5 expression)."""
    if isinstance(node, Term):
        return True
    if isinstance(node, Not):
        return _textual(node.child)
    if isinstance(node, Group):
        return all(_textual(c) for c in node.children) and any(
            not isinstance(c, Not) for c in node.children)
    return False


def search(
    library: Library, query: str, *, limit: int = 20, live: bool = False,
    order: str = "relevance", cancelled: Callable[[], bool] | None = None,
    early: Callable[[SearchResult], None] | None = None, page_only: bool = False,
    typos: bool = True,
) -> SearchResult:
    """Search the library with the query language. Never raises on any query text.

    Args:
        library: the library to search.
        query: what the person typed.
        limit: how many hits get a snippet.
        live: the person is still typing: the last word is searched as a prefix.
        order: "relevance", or a list order ("newest", "oldest", "title").
        cancelled: polled during the query; when it returns True the query stops early.
        early: given a first result (the count and the first page of ids, newest first)
            before the whole list is made, when the matches are many (listing a million
            ids takes several times as long as finding their first page). The final result
            starts with that page.
        page_only: only the first `limit` hits will be used (a one-off command): past them,
            `ids` may keep articles of equal scores in the index's order instead of newest
            first, when the library has no whole order in memory.
        typos: False matches the words exactly as typed: no typo matches, no "did you
            mean", no word cut short searched as a prefix (rules at add time use this).
    """
    started = time.perf_counter()
    # Controls (NUL, escapes) are never searchable text and NUL would end an FTS5 string.
    query = sanitize(query)
    parsed = PARSER.parse(query, live=live)
    result = SearchResult(query, 0, [], notices=list(parsed.notices))
    if not parsed.tree.children:
        if query.strip():
            result.notices.append("nothing to search for: type a word")
        return result
    as_typed = Compiler(library, expand=None)  # the words as typed; typos come after
    expansions: list[Expansion] = []
    terms = [t.text + ("*" if t.prefix or t.live else "") for t in words_of(parsed.tree)]

    def first_page(ids: list[int], total: int) -> None:
        unranked = order == "relevance"  # an early page is only ever of an unranked list
        page = SearchResult(query, total, [], ids=ids, terms=terms, ranked=not unranked,
                            notices=_notices(result.notices, unranked, as_typed.notices, []))
        page.hits = _hits(library, ids[:limit], terms, {})
        page.elapsed_ms = (time.perf_counter() - started) * 1000
        assert early is not None  # only handed over when given
        early(page)

    try:
        with library.interruptible(cancelled):
            match, where = as_typed.compile(parsed.tree)
            if as_typed.dates and (undated := library.articles.undated_count()):
                as_typed.notices.append(undated_notice(undated))
            # A phrase's count costs as much as its list: no early page for it.
            early_page = first_page if early is not None and not as_typed.phrased else None
            ids, scores = library.matching.match_ids(
                MatchQuery(match, where, order, rank_limit=_rank_limit(as_typed.weight),
                           dates=tuple(as_typed.dates), count=as_typed.count,
                           rank_by=as_typed.rank_by, page=limit if page_only else None),
                early=early_page)
            unranked = bool(match) and order == "relevance" and bool(ids) and not scores
            every_score = ChainMap(scores)
            _stop_if(cancelled)  # a newer keystroke's search replaces this one: no typos
            expansions = fuzzy.typo_matches(
                library, parsed.tree, ids, every_score, order, limit if page_only else None,
                compiler=Compiler, rank_limit=_rank_limit) if typos else []
            if order != "relevance":
                result.ranking = order
            elif not match:
                ids, result.ranking = about.ranked(library, as_typed.entities, ids)
            result.ranked = not unranked
            _stop_if(cancelled)
            if not parsed.notices and typos:  # a query cut or mended is not worth rewriting
                result.suggestions = fuzzy.suggestions(library, query, parsed.tree, expansions)
            result.notices = _notices(result.notices, unranked, as_typed.notices, expansions,
                                      result.suggestions)
            result.terms = terms + [alt for e in expansions for alt in e.alternatives]
            result.hits = _hits(library, ids[:limit], result.terms, every_score)
    except Cancelled:
        result.notices.append("search cancelled")
        return result
    except sqlite3.OperationalError as exc:
        if interrupted(exc):
            result.notices.append("search cancelled")
            return result
        raise
    result.ids = ids
    result.total = len(ids)
    if not ids and not live and typos and (partial := fuzzy.partial_word(library,
                                                                         parsed.tree)):
        # A one-off search of a word cut short (`yuk`): as the app does while it is typed.
        wider = search(library, query, limit=limit, live=True, order=order,
                       cancelled=cancelled, early=early, page_only=page_only)
        if wider.total:
            wider.notices.insert(0, f"no article has {partial}: searched {partial}*")
            wider.elapsed_ms = (time.perf_counter() - started) * 1000
            return wider
    result.elapsed_ms = (time.perf_counter() - started) * 1000
    return result


class Cancelled(Exception):
    """The search is no longer wanted (its `cancelled()` said so between two of its steps)."""


def _stop_if(cancelled: Callable[[], bool] | None) -> None:
    """Between the steps of a search that SQLite does not run (typo expansion, snippets):
    stop once `cancelled()` is true, as its queries do."""
    if cancelled is not None and cancelled():
        raise Cancelled


UNRANKED = "too many matches to rank: newest first (add a word to rank)"


def undated_notice(count: int) -> str:
    """What a date filter says when the library holds articles without a publication date."""
    noun = "article has" if count == 1 else "articles have"
    return (f"{count:,} {noun} no publication date: after: and before: compare the date "
            "they were added")


def _hits(library: Library, ids: list[int], terms: list[str],
          scores: Mapping[int, float]) -> list[SearchHit]:
    """A hit with its snippet for each of `ids` still in the library."""
    rows = library.matching.hit_rows(ids, chars=SNIPPET_CHARS)
    hits = []
    for article_id in ids:
        if article_id in rows:
            title, source, published, body = rows[article_id]
            text, spans = make_snippet(body, terms)
            hits.append(SearchHit(article_id, title, source, published,
                                  scores.get(article_id, 0.0), text, spans))
    return hits


def _rank_limit(words: int) -> int:
    """How many matches bm25 may rank: fewer when the expression reads many index words."""
    return min(RANK_LIMIT, max(500, RANK_LIMIT // max(1, words)))


def _notices(parsed: list[str], unranked: bool, compiled: list[str],
             expansions: list[Expansion], suggested: list[str] | None = None) -> list[str]:
    """A result's notices, in one order for its early page and for the whole result."""
    return [*parsed, *([UNRANKED] if unranked else []), *_dedupe(compiled),
            *fuzzy.notices(expansions, suggested or [])]


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def fuzzy_titles(library: Library, text: str, *, limit: int = 20) -> list[tuple[int, str, float]]:
    """Titles ranked against `text`, for the palette's "open article..." (`OPEN` leads each).

    Candidates come from the FTS index (titles holding a word that starts like one typed, so
    a typo after the third letter still finds them), then `palette.rank` orders them, the
    offer being what the palette shows (`open: Title`), so that typing `open` (or `open`
    then words) offers articles.

    Returns:
        `(id, title, score)` with score as `palette.score` gives it, best first; the newest
        titles for no text, or for `open` alone.
    """
    from . import palette  # deferred: `newsreader search` never ranks titles (rapidfuzz)

    rest, command = palette.strip_command(text, OPEN.rstrip(": "))
    words = [w for w in WORD.findall(rest) if len(w) >= 2]
    if not words:
        newest = library.matching.title_candidates(None, limit=limit)
        return [(i, t, palette.score(text, OPEN) if command else 0.0) for i, t in newest]
    match = "title : (" + " OR ".join(quote_term(w[:3]) + "*" for w in words) + ")"
    candidates = library.matching.title_candidates(match)
    ranked = palette.rank(text, [OPEN + title for _, title in candidates], limit=limit)
    return [(*candidates[i], score) for i, score in ranked]


OPEN = "open: "
"""What leads an article's line in the palette: the command its line runs."""
