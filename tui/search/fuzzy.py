"""Typo matches after the exact ones, likeliest word first, and what a search says about
typos: the words it searched instead, "did you mean ...?" (a query the person can run with one
key), and the last word of a one-off search that was cut short."""

from __future__ import annotations

import re
import time
from collections import ChainMap
from collections.abc import Callable

from ..storage.conditions import MatchQuery
from .query import Group, Term, words_of
from .typo import CACHE, FEW, MODES, Expansion, ExpansionMemo, fold

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `newsreader search` need not import typing
if TYPE_CHECKING:
    from typing import Any

    from ..storage import Library

WORD = re.compile(r"\w+", re.UNICODE)
SUGGESTED = 200
"""Longer queries (a paste) are not rewritten into a suggestion: it would fill the status."""
TIERED = 2
TYPO_BUDGET_S = 0.1
"""Past this, no rank of alternatives is searched but the likeliest: a query of 32 odd words
(a paste) still answers in a bounded time."""
"""Queries with up to this many words that have typo alternatives search each rank of the
alternatives alone (see `typo_matches`)."""


def typo_matches(library: Library, tree: Group, ids: list[int], scores: ChainMap[int, float],
                 order: str, page: int | None, *, compiler: Callable[..., Any],
                 rank_limit: Callable[[int], int]) -> list[Expansion]:
    """Add typo matches to the exact matches `ids` (and the maps of their bm25 `scores`), in
    place; returns the expansions that found them. `page`: only so many ids past `ids` will be shown (see
    `search`'s page_only); `compiler` makes a search's `Compiler`, `rank_limit` how many
    matches bm25 may rank for an expression of so many words.

    Rare words first, then every word when the query as typed still finds fewer than a few
    articles, then every word with a wider budget (see `typo.MODES`). Within a mode, each
    rank of alternatives is searched alone (every word's likeliest, then every word's
    second...) and the lists are merged by how likely each alternative is: the n-th article
    of an alternative with chance p goes at about n / p. bm25 over all of them at once would
    put a rare, unlikely word (`fence` for `frnce`) above a common, likely one.
    """
    expansions: list[Expansion] = []
    memo: ExpansionMemo = {}
    searched: set[tuple[Any, ...]] = set()
    deadline = time.perf_counter() + TYPO_BUDGET_S
    for mode in MODES:
        if mode != "rare" and len(ids) >= FEW:
            break
        live_typos = len(ids) < FEW
        lists: list[tuple[float, list[int]]] = []
        picks: list[int | None] = [0]
        seen: set[int] | None = None
        while picks:
            pick = picks.pop(0)
            typos = compiler(library, expand=mode, live_typos=live_typos, pick=pick, memo=memo)
            typo_match, typo_where = typos.compile(tree)
            if not typos.expansions:
                break
            words = _distinct(typos.expansions)
            if pick == 0:
                # Each rank alone costs a pass over every word of the query: for the few
                # words a typo usually touches. More (a paste): all at once, as bm25 ranks.
                if len(words) > TIERED:
                    picks = [None]
                    continue
                picks = [*range(1, max(len(e.alternatives) for e in words))]
                if len(words) > 1:
                    picks.append(None)  # mixes of the words' alternatives
            elif time.perf_counter() > deadline:
                break  # the likeliest alternatives were searched: enough for odd queries
            query = MatchQuery(typo_match, typo_where, order,
                               rank_limit=rank_limit(typos.weight), dates=tuple(typos.dates),
                               # `seen` may drop up to len(ids)
                               page=page + len(ids) if page is not None else None)
            expression = (query.match, query.where, query.dates)
            if expression in searched:  # an earlier mode searched the same words
                continue
            searched.add(expression)
            more, more_scores = library.matching.match_ids(query)
            if seen is None:  # only now: a set of a common word's ids is not free
                seen = set(ids)
            more = [i for i in more if i not in seen]
            if more:
                chance = 0.0 if pick is None else max(
                    e.chances[pick] for e in words if pick < len(e.chances))
                lists.append((chance, more))
                scores.maps.append(more_scores)  # the exact scores stay first
                expansions = words
        ids += _merged(lists)
    return expansions


def _distinct(expansions: list[Expansion]) -> list[Expansion]:
    """One expansion per word (a query may repeat a word)."""
    return list({e.word: e for e in reversed(expansions)}.values())[::-1]


MERGED = 1_000
"""Ids of each alternative's list placed by chance (see `_merged`); past them, the lists
follow one another, likeliest first: a common alternative may match a million articles."""


def _merged(lists: list[tuple[float, list[int]]]) -> list[int]:
    """Lists of ids, each with the chance that its alternative is the word meant, merged: the
    n-th id of a list goes at about n / chance (for its first MERGED ids; the rest follow,
    likeliest list first); lists of no chance (mixes of alternatives) go last."""
    if len(lists) == 1:
        return lists[0][1]
    likely = sorted((k for k, (chance, _) in enumerate(lists) if chance > 0),
                    key=lambda k: -lists[k][0])
    head = sorted(((n + 1) / lists[k][0], k, n) for k in likely
                  for n in range(min(len(lists[k][1]), MERGED)))
    order = [lists[k][1][n] for _, k, n in head]
    for k in likely:
        order += lists[k][1][MERGED:]
    order += [i for chance, found in lists if chance <= 0 for i in found]
    return list(dict.fromkeys(order))


def suggestions(library: Library, query: str, tree: Group,
                expansions: list[Expansion]) -> list[str]:
    """The query the person more likely meant, if any (as a list: none or one).

    A word no article holds, searched as another only with the wider budget (`fondon` ->
    london), and a rare word that a far more common word is one edit away from (`gerard` ->
    gerrard, whose results are shown as typed) are replaced by that word."""
    replace: dict[str, str] = {}
    for expansion in expansions:
        if expansion.wide and not expansion.known:
            replace[expansion.word] = expansion.alternatives[0]
    articles = library.orders.approximate_count()
    for term in words_of(tree):
        if term.phrase or term.prefix or not WORD.fullmatch(term.text):
            continue
        folded = fold(term.text)
        if folded in replace:
            continue
        better = CACHE.suggestion(library, folded, articles)
        # A word still being typed (`brow`) is not questioned for the word it may become.
        if better and not (term.live and better.startswith(folded)):
            replace[folded] = better
    if not replace or len(query) > SUGGESTED:
        return []
    return [_rewrite(query, tree, replace)]


def _rewrite(query: str, tree: Group, replace: dict[str, str]) -> str:
    """`query` with each word typed as a key of `replace` (folded) replaced, its case kept."""
    text = query.strip()
    for term in words_of(tree):
        folded = fold(term.text)
        if term.phrase or term.prefix or folded not in replace:
            continue
        word = replace.pop(folded)
        if term.text.isupper() and len(term.text) > 1:
            word = word.upper()
        elif term.text[:1].isupper():
            word = word[:1].upper() + word[1:]
        # The word itself, not a filter's value that holds it (`person:gerard`).
        for pattern in (rf"(?<![\w:]){re.escape(term.text)}(?!\w)",
                        rf"(?<!\w){re.escape(term.text)}(?!\w)"):
            changed = re.sub(pattern, _literally(word), text, count=1)
            if changed != text:
                text = changed
                break
    return text


def partial_word(library: Library, tree: Group) -> str | None:
    """The last word of a query when no article holds it but some hold a word starting with
    it (`yuk`): the person may have cut it short, and it is worth searching as a prefix."""
    last = tree.children[-1] if tree.children else None
    if not isinstance(last, Term) or last.phrase or last.prefix or last.live:
        return None
    if len(last.text) < 2 or not WORD.fullmatch(last.text):
        return None
    folded = fold(last.text)
    if library.vocabulary.term_docs(folded, limit=1) or not library.vocabulary.term_docs(folded, limit=1, prefix=True):
        return None
    return last.text


def notices(expansions: list[Expansion], suggested: list[str]) -> list[str]:
    """What the person is told about typos: the query they may have meant, then the words
    searched in place of their own."""
    said = [f"did you mean {query}?" for query in suggested]
    for e in expansions:
        words = " or ".join(e.alternatives)
        if e.known:
            said.append(f"also searched {words} (near {e.word})")
        else:
            said.append(f"showing results for {words} (no article has {e.word})")
    return said


def _literally(word: str) -> Callable[[re.Match[str]], str]:
    """A replacement for `re.sub` that is `word` as it is (no backslash escapes)."""
    return lambda _match: word
