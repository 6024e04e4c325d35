"""Highlights that survive edits: text-quote anchors, re-anchoring, tag names and the author."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .text import sanitize

# rapidfuzz, hashlib and getpass (slow to import) are imported by the functions
# that use them: the library loads this module for tags and notes, and commands that only
# read should not pay for them.

CONTEXT = 32  # characters of context kept on each side of a quote
EXACT_CONTEXT = ((64, 0.0), (24, 0.5), (0, 0.75))
"""(length, agreement): the context an exact quote that long needs. A short one may recur, so
it needs more: 0.5 is above what unrelated text scores, 0.75 means most context is there."""
FUZZY_CONTEXT = ((40, 0.0), (10, 0.8))
"""The same for fuzzy matches; a quote shorter than all of them is placed exactly or not."""
QUOTE_WEIGHT = 0.6  # of a candidate's score; the rest is its context's agreement
FUZZY_QUOTE = 0.7  # least similarity (Indel, 0..1) of a fuzzy match to the quote
FUZZY_SCORE = 0.8  # least score of a fuzzy match, quote and context together
MARGIN = 0.05  # by which a fuzzy winner must beat any other place, else it is ambiguous
CANDIDATES = 8  # coarse windows refined per fuzzy search
REFINE = 16  # characters a fuzzy match's ends may move to fit the word boundaries best
EDGE = "\x00" * 8  # the edge of the text, so that "at the very start" is context too

_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+|[^\w\s]")
# One-for-one so offsets survive: typographic quotes and dashes match their plain forms.
_FOLD = str.maketrans("‘’‚‛“”„‟–—−", "''''\"\"\"\"---")


@dataclass
class Anchor:
    """Where a highlight was, described so that it can be found again after the text changes."""

    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    text_hash: str


@dataclass
class Placement:
    """Where an anchor lands in a body now; start and end are None for an orphan."""

    start: int | None
    end: int | None
    method: str  # "offsets" | "exact" | "fuzzy" | "orphan"
    score: float


def make_anchor(body: str, start: int, end: int, context: int = CONTEXT) -> Anchor:
    """Describe the passage `body[start:end]` by its text, its context and its offsets.

    Args:
        body: The article body the passage was selected in.
        start: Start offset, inclusive.
        end: End offset, exclusive.
        context: How many characters of context to keep on each side.

    Returns:
        The anchor.

    Raises:
        ValueError: The range is empty or outside the body.
    """
    import hashlib

    if not 0 <= start < end <= len(body):
        raise ValueError(f"no passage at {start}:{end} in a body of {len(body)} characters")
    return Anchor(quote=body[start:end], prefix=body[max(0, start - context):start],
                  suffix=body[end:end + context], start=start, end=end,
                  text_hash=hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest())


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).translate(_FOLD)


class _Text:
    """A body with whitespace runs collapsed and quotes folded, mapped back to real offsets."""

    def __init__(self, body: str) -> None:
        self.text = _norm(body)
        # From normalised offset marks[k] on, real offsets are shifts[k] further on.
        self.marks, self.shifts = [0], [0]
        for run in _SPACE.finditer(body):
            if len(run.group()) > 1:
                self.shifts.append(self.shifts[-1] + len(run.group()) - 1)
                self.marks.append(run.end() - self.shifts[-1])
        self.starts = [m.start() for m in _TOKEN.finditer(self.text)]
        self.ends = [m.end() for m in _TOKEN.finditer(self.text)]

    def real(self, i: int) -> int:
        return i + self.shifts[bisect_right(self.marks, i) - 1]


_prepared = lru_cache(maxsize=4)(_Text)  # an article's highlights share one preparation


def reanchor(anchor: Anchor, body: str) -> Placement:
    """Find an anchored passage in a body that may have changed since it was highlighted.

    Tries, in order: the stored offsets (body unchanged); the exact quote, choosing among
    repeats by how well the surrounding text matches the stored context (the old position only
    breaks ties); a fuzzy match scored on quote and context together. A passage that cannot be
    placed confidently is an orphan: it is never moved to a doubtful place.

    Args:
        anchor: The stored anchor.
        body: The body as it is now.

    Returns:
        The placement, in offsets of `body`.
    """
    import hashlib

    if (anchor.quote and body[anchor.start:anchor.end] == anchor.quote and anchor.text_hash
            == hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()):
        return Placement(anchor.start, anchor.end, "offsets", 1.0)
    quote = _norm(anchor.quote).strip()
    if not quote:
        return Placement(None, None, "orphan", 0.0)
    text = _prepared(body)
    # Context shorter than the rest was cut by the edge of the text: the edge is context too.
    full = max(len(anchor.prefix), len(anchor.suffix), CONTEXT)
    prefix = (EDGE if len(anchor.prefix) < full else "") + _norm(anchor.prefix)
    suffix = _norm(anchor.suffix) + (EDGE if len(anchor.suffix) < full else "")
    exact = _exact(text, quote, prefix, suffix, anchor.start)
    found = (exact, "exact") if exact and exact.score >= FUZZY_SCORE else _choose(
        exact, _fuzzy(text, quote, prefix, suffix), len(quote))
    if found is None:
        return Placement(None, None, "orphan", 0.0)
    chosen, method = found
    start, end = text.real(chosen.start), text.real(chosen.end - 1) + 1
    return Placement(start, end, method, round(chosen.score, 4))


def place_in(quote: str, prefix: str, suffix: str, body: str) -> tuple[int, int] | None:
    """Where a stored highlight (an orphan, say) stands in another text of its article, such
    as the earlier version it points at; None when it is not there.

    Args:
        quote: The highlighted passage.
        prefix: The text just before it when it was highlighted (or last placed).
        suffix: The text just after it.
        body: The text to look in.
    """
    placed = reanchor(Anchor(quote, prefix, suffix, 0, 0, ""), body)
    if placed.start is None or placed.end is None:
        return None
    return placed.start, placed.end


class _Candidate(NamedTuple):
    """A place the passage might be, in normalised offsets; sorts by score."""

    score: float
    quote: float
    context: float
    start: int
    end: int

    @classmethod
    def at(cls, text: str, start: int, end: int, quote: float, prefix: str,
           suffix: str) -> _Candidate:
        """Score a place by its similarity to the quote and its context's agreement."""
        from rapidfuzz.distance import Indel

        before = text[max(0, start - len(prefix)):start].rjust(len(prefix), EDGE[0])
        after = text[end:end + len(suffix)].ljust(len(suffix), EDGE[0])
        context = (Indel.normalized_similarity(prefix, before)
                   + Indel.normalized_similarity(suffix, after)) / 2
        return cls(QUOTE_WEIGHT * quote + (1 - QUOTE_WEIGHT) * context, quote, context,
                   start, end)

    def apart(self, other: _Candidate) -> bool:
        return self.end <= other.start or other.end <= self.start


def _needed(table: tuple[tuple[int, float], ...], size: int) -> float:
    """The context agreement a quote of this size needs (above 1: never placed)."""
    return next((need for length, need in table if size >= length), 2.0)


def _joins(left: str, right: str) -> bool:
    return bool(left and right and (left + right).isalnum())


def _exact(text: _Text, quote: str, prefix: str, suffix: str, near: int) -> _Candidate | None:
    """The occurrence whose context fits best (ties: nearest `near`), if it fits well enough."""
    size = len(quote)
    # A whole-word quote must not turn up inside a longer word ("old" in "told").
    whole = not _joins(prefix[-1:], quote[0]), not _joins(quote[-1], suffix[:1])
    hits = [h for h in (m.start() for m in re.finditer(f"(?={re.escape(quote)})", text.text))
            if not (whole[0] and _joins(text.text[h - 1:h], quote[0]))
            and not (whole[1] and _joins(quote[-1], text.text[h + size:h + size + 1]))]
    # Context decides; rounding makes equal contexts true ties, which the old position breaks.
    _, _, best = max(((round(c.context, 3), -abs(text.real(c.start) - near), c) for c in (
        _Candidate.at(text.text, h, h + size, 1.0, prefix, suffix) for h in hits)),
        default=(0, 0, None))
    return best if best and best.context >= _needed(EXACT_CONTEXT, size) else None


def _choose(exact: _Candidate | None, candidates: list[_Candidate],
            size: int) -> tuple[_Candidate, str] | None:
    """Pick a confident place among a weakly supported exact hit and fuzzy candidates."""
    if exact is not None:
        # An exact copy in a strange context may be a duplicate of a passage that was edited.
        rivals = [c for c in candidates if c.apart(exact) and c.quote >= FUZZY_QUOTE]
        if not rivals or rivals[0].score <= exact.score - MARGIN:
            return exact, "exact"
        if rivals[0].score < exact.score + MARGIN:
            return None
    if not candidates:
        return None
    best = candidates[0]
    rivals = [c for c in candidates[1:] if c.apart(best)]
    if (best.quote < FUZZY_QUOTE or best.score < FUZZY_SCORE
            or best.context < _needed(FUZZY_CONTEXT, size)
            or (rivals and best.score - rivals[0].score < MARGIN)):
        return None
    return best, "fuzzy"


def _fuzzy(text: _Text, quote: str, prefix: str, suffix: str) -> list[_Candidate]:
    """Places that look like the quote, best first: coarse windows, then refined ends."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Indel

    size = len(quote)
    if _needed(FUZZY_CONTEXT, size) > 1:
        return []
    step = max(1, size // 4)
    windows = [text.text[s:s + size] for s in range(0, max(1, len(text.text) - size + step), step)]
    coarse = process.extract(quote, windows, scorer=fuzz.ratio, limit=None,
                             score_cutoff=(FUZZY_QUOTE - 0.2) * 100)
    seeds: list[int] = []
    for _, _, index in coarse:  # best first; keep windows that do not overlap a better one
        if len(seeds) < CANDIDATES and all(abs(index * step - s) >= size // 2 for s in seeds):
            seeds.append(index * step)
    spans = [_refine(text, quote, seed, seed + size) for seed in seeds]
    return sorted((_Candidate.at(text.text, s, e, Indel.normalized_similarity(
        quote, text.text[s:e]), prefix, suffix) for s, e in spans if s < e), reverse=True)


def _refine(text: _Text, quote: str, start: int, end: int) -> tuple[int, int]:
    """Find where a passage near a coarse window begins and ends, on word boundaries."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Indel

    # Each end is found by aligning only the quote's head or tail: aligning the whole of a long
    # quote at every boundary cost seconds for a 3,000-character highlight.
    slack = max(16, len(quote) // 4)
    low = max(0, start - slack)
    head = fuzz.partial_ratio_alignment(quote[:64], text.text[low:start + slack + 64])
    start = low + (head.dest_start if head else slack)
    low = max(start, end - slack - 64)
    tail = fuzz.partial_ratio_alignment(quote[-64:], text.text[low:end + slack])
    end = low + (tail.dest_end if tail else end - low)

    def fit(s: int, e: int) -> float:
        return Indel.normalized_similarity(quote, text.text[s:e]) if s < e else -1.0

    start = max(_near(text.starts, start), key=lambda s: fit(s, end))
    return start, max(_near(text.ends, end), key=lambda e: fit(start, e))


def _near(bounds: list[int], at: int) -> list[int]:
    """The word boundaries within REFINE characters of `at`, else the nearest one."""
    i, j = bisect_left(bounds, at - REFINE), bisect_right(bounds, at + REFINE)
    return bounds[i:j] or [min(bounds[max(0, i - 1):i + 1], key=lambda b: abs(b - at),
                               default=at)]


def normalise_tag(text: str) -> str | None:
    """Turn what a user typed into a tag name, or None when nothing usable is left.

    Control characters, a leading `#`, `"` and `*` go (`tag:` could not match the query
    language's quote and prefix marks); inner whitespace becomes one hyphen, so that a tag is
    one word in `tag:name`. At most 64 characters.

    Args:
        text: The typed text.

    Returns:
        The tag name, or None.
    """
    name = sanitize(text).replace('"', "").replace("*", "").strip().lstrip("#").strip()
    name = re.sub(r"\s+", "-", name)[:64].strip("-")
    return name or None


_HASH_WORD = re.compile(r"(?<!\S)#[^\s#]\S*")
"""A `#word`: a `#` that starts a word, then at least one character that is no `#` or space."""


def split_tags(note: str) -> tuple[str, list[str]]:
    """The one rule for `#tags` in what a person types as a note, for every kind of note (a
    highlight's, an article's; in the app and in `newsreader note`).

    Every `#word` that makes a usable tag is one of the note's tags. Those at the start or
    the end of the note are taken out of its text (`opening line #lede` is the text
    `opening line` tagged `lede`); those inside a sentence stay in it as written, so no word
    is lost (`compare #mexico with 2013` keeps its text).

    Args:
        note: The note as typed.

    Returns:
        The note's text and its tags (normalised, each once ignoring case, in order).
    """
    found: dict[str, str] = {}
    for match in _HASH_WORD.finditer(note):
        name = normalise_tag(match.group())
        if name is not None:
            found.setdefault(name.casefold(), name)
    if not found:
        return note.strip(), []
    words = note.split()  # linear, where a regex anchored at the end would backtrack
    first = next((n for n, w in enumerate(words) if not _is_tag(w)), len(words))
    last = next((n for n in range(len(words), first, -1) if not _is_tag(words[n - 1])), first)
    if first == last:
        return "", list(found.values())
    # The text between the first and the last word that is no tag, exactly as typed.
    start = _nth_word(note, first)
    end = _nth_word(note, last - 1)
    end += len(words[last - 1])
    return note[start:end], list(found.values())


def _is_tag(word: str) -> bool:
    """Whether a whitespace-separated word is a `#word` that makes a usable tag."""
    return bool(_HASH_WORD.fullmatch(word)) and normalise_tag(word) is not None


def _nth_word(text: str, n: int) -> int:
    """Where the `n`th whitespace-separated word of `text` starts (counting from 0)."""
    for number, match in enumerate(re.finditer(r"\S+", text)):
        if number == n:
            return match.start()
    raise IndexError(n)


def complete_tags(typed: str, existing: list[str], limit: int = 10) -> list[str]:
    """Suggest existing tags for what is being typed: prefix matches first, then fuzzy ones.

    Args:
        typed: The text typed so far.
        existing: The library's tag names.
        limit: The most suggestions to return.

    Returns:
        Tag names, best first; all tags alphabetically (up to `limit`) when nothing is typed.
    """
    from rapidfuzz import fuzz, process

    names = sorted(set(existing), key=str.casefold)
    key = (normalise_tag(typed) or "").casefold()
    if not key:
        return names[:limit]
    prefixed = [n for n in sorted(names, key=len) if n.casefold().startswith(key)]
    fuzzy = process.extract(key, [n for n in names if n not in prefixed], scorer=fuzz.WRatio,
                            processor=str.casefold, limit=limit, score_cutoff=75)
    return (prefixed + [name for name, _, _ in fuzzy])[:limit]


def current_author() -> str:
    """The name annotations are signed with: the OS user, or "" when it cannot be known."""
    import getpass

    try:
        return sanitize(getpass.getuser()).strip()
    except (OSError, KeyError, ImportError):
        # No LOGNAME/USER/... and no passwd entry (containers running as a bare uid).
        return ""
