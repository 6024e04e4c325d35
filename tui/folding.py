"""Folding text for matching and finding search terms in it, keeping every offset: what search
snippets need, apart from `tui.segment` (which loads rich and typing for wrapping lines), so
that a one-off `newsreader search` does not load those."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from .models import Span


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """One character lower-cased without its accents, or itself lower-cased when that would
    not stay a single character (so offsets never move)."""
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    for candidate in (base.lower(), char.lower()):
        if len(candidate) == 1:
            return candidate
    return char


def fold(text: str) -> str:
    """Case- and diacritic-fold `text` one character at a time, keeping every offset.

    Args:
        text: Any text.

    Returns:
        A string of the same length: lower case, accents removed.
    """
    if text.isascii():
        return text.lower()
    # ASCII folds as str.lower does, in C; only the other runs go through the table (a
    # character at a time, several times slower: news text is mostly ASCII).
    parts = _NON_ASCII.split(text)
    parts[::2] = [part.lower() for part in parts[::2]]
    parts[1::2] = [part.translate(_FOLDED) for part in parts[1::2]]
    return "".join(parts)


_NON_ASCII = re.compile(r"([^\x00-\x7f]+)")
"""Runs of other characters than ASCII: `split` keeps them at odd places."""


class _Folded(dict[int, str]):
    """Code point -> its folded character, filled as characters are first seen: with
    `str.translate` a 2 KB body folds in C, three times faster than a join of `_fold_char`."""

    def __missing__(self, code: int) -> str:
        if len(self) > 50_000:  # a text made of every code point cannot grow it for ever
            self.clear()
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLDED = _Folded()


def _term_pattern(term: str) -> str | None:
    """Regex for one search term (whole words; a trailing `*` makes it a prefix)."""
    prefix = term.endswith("*")
    words = fold(term.rstrip("*")).split()
    if not words:
        return None
    # No word character before the first word: said after it, as the fixed-width lookbehind
    # `(?<!\wWORD)`, so that the pattern starts with the word itself and the regex engine
    # looks for it as a string instead of trying the lookbehind at every character.
    first = re.escape(words[0])
    body = rf"{first}(?<!\w{first})" + "".join(rf"\s+{re.escape(w)}" for w in words[1:])
    return rf"{body}\w*(?!\w)" if prefix else rf"{body}(?!\w)"


def term_spans(text: str, terms: Iterable[str]) -> list[Span]:
    """Whole-word occurrences of search terms, ignoring case and diacritics.

    Args:
        text: The text to search (an article body).
        terms: Words or phrases; a term ending in `*` matches any word it begins.

    Returns:
        Non-overlapping `Span(start, end, "hit")`, sorted by start.
    """
    patterns = [p for p in (_term_pattern(t) for t in terms) if p]
    if not patterns or not text:
        return []
    folded = fold(text)
    found = sorted(
        (m.start(), m.end())
        for pattern in patterns
        for m in re.finditer(pattern, folded)
        if m.end() > m.start()
    )
    merged: list[Span] = []
    for start, end in found:
        if merged and start <= merged[-1].end:
            merged[-1].end = max(merged[-1].end, end)
        else:
            merged.append(Span(start, end, "hit"))
    return merged
