"""Snippets: the stretch of an article around its search hits, with the hits as spans.

Made in Python from the body rather than by FTS5's snippet(): FTS5 would re-run the whole
match for every hit (a broad prefix costs milliseconds each), and these spans use the same
matching as the reader's hit highlighting.
"""

from __future__ import annotations

from bisect import bisect_right

from ..models import Span
from ..segment import fold, term_spans

BEFORE, WIDTH = 40, 150
"""Characters of context kept before the first hit, and the snippet's length."""
SCAN_STEPS = (16_384, 131_072)
"""How much of a body is searched for hits: the first step holds most articles whole; a
longer one is searched further only when the first step holds no good passage. The work a
snippet costs is bounded by the last step, whatever the article (a 10 MB body of one repeated
word once made a one-word search take seconds)."""
MAX_HITS = 500
"""Hits weighed to choose the window: enough for any passage worth showing."""
_CUT_SLACK = 64
"""How far past a step's end a scan may go to end on a space (not inside a word)."""
SNIPPET_CHARS = SCAN_STEPS[-1] + _CUT_SLACK + WIDTH + 1
"""The most of a body a snippet can show or look at, plus one character to know there is
more: the search reads no more of each body than this."""


def make_snippet(body: str, terms: list[str]) -> tuple[str, list[Span]]:
    """The best window of `body` for `terms`: the one holding the most hits, among the hits
    in the part of `body` searched (see `SCAN_STEPS`).

    Returns:
        The snippet text (one line, `…` where it was cut) and the hit spans within it.
    """
    hits = _scan(body, terms) if terms else []
    if hits:
        starts = [h.start for h in hits]
        best = max(range(len(hits)), key=lambda n: _hits_in_window(hits, starts, n))
        start = max(0, hits[best].start - BEFORE)
    else:
        start = 0
    end = min(len(body), start + WIDTH)
    if start > 0:  # begin on a word
        space = body.find(" ", start, hits[best].start if hits else end)
        start = space + 1 if space != -1 else start
    if end < len(body):
        space = body.rfind(" ", start, end)
        end = space if space > start else end
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(body) else ""
    text = lead + body[start:end].replace("\n", " ").rstrip() + tail
    shift = len(lead) - start
    spans = [Span(max(h.start, start) + shift, min(h.end, end) + shift, "hit")
             for h in hits if h.end > start and h.start < end]
    return text, spans


def _hits_in_window(hits: list[Span], starts: list[int], first: int) -> int:
    """How many hits fit in the window that starts at hit `first`. Only the hits starting
    inside it are looked at: an article with 70,000 hits (one 5 MB paragraph) stays linear."""
    limit = hits[first].start + WIDTH - BEFORE
    last = bisect_right(starts, limit, first)
    return sum(1 for h in hits[first:last] if h.end <= limit)


def _scan(body: str, terms: list[str]) -> list[Span]:
    """The first `MAX_HITS` hits in the start of `body`, searched step by step until a step
    holds a good passage: a hit of every term (or as many different hits as there are
    terms)."""
    wanted = len(set(terms))
    hits: list[Span] = []
    for step in SCAN_STEPS:
        end = _cut(body, step)
        hits = term_spans(body[:end], terms)
        if end >= len(body) or len({fold(body[h.start:h.end]) for h in hits[:MAX_HITS]}) >= wanted:
            break
    return hits[:MAX_HITS]


def _cut(body: str, step: int) -> int:
    """Where to stop scanning near `step`: at a space, so that no word is cut in two."""
    if len(body) <= step:
        return len(body)
    space = body.find(" ", step, step + _CUT_SLACK)
    return space if space != -1 else step
