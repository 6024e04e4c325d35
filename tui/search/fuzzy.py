"""What a search says about typos: the words it searched instead, "did you mean ...?" (a query
the person can run with one key), and the last word of a one-off search that was cut short."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .query import Group, Term, words_of
from .typo import CACHE, Expansion, fold

if TYPE_CHECKING:
    from ..storage import Library

WORD = re.compile(r"\w+", re.UNICODE)


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
    articles = library.approximate_count()
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
    if not replace:
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
            changed = re.sub(pattern, lambda _m: word, text, count=1)
            if changed != text:
                text = changed
                break
    return text


def partial_word(library: Library, tree: Group) -> str | None:
    """The last word of a query when no article holds it (`yuk`): the person may have cut it
    short, and it is worth searching as a prefix."""
    last = tree.children[-1] if tree.children else None
    if not isinstance(last, Term) or last.phrase or last.prefix or last.live:
        return None
    if len(last.text) < 2 or not WORD.fullmatch(last.text):
        return None
    return last.text if library.term_docs(fold(last.text), limit=1) == 0 else None


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
