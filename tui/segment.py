"""Offsets in article text: paragraphs, sentences, search terms, wrapped lines (no Textual)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from rich.cells import cell_len

from .models import Article, Span

WORDS_PER_MINUTE = 230


@dataclass(frozen=True)
class Sentence:
    """One sentence of a body: absolute offsets (end exclusive) and its paragraph's index."""

    start: int
    end: int
    paragraph: int


_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
# A terminator, any closing quotes or brackets, then the whitespace before the next sentence.
_BOUNDARY = re.compile(r"([.!?]+[\"”’'\)\]]*)(\s+)(?=\S)|([。！？]+[」』”’\)）]*)\s*(?=\S)")
_WORD = re.compile(r"[^ \t]+")
_OPENERS = "\"'“‘([¿¡«"
_TOKEN_BEFORE_DOT = re.compile(r"(?:\w+\.)*\w+$")
_NEXT_WORD = re.compile(r"[\"“‘'(\[]*(\w*)")

TITLES = frozenset(
    "mr mrs ms mx dr prof sen rep gov gen col lt sgt st jr sr rev hon pres supt det insp cpl "
    "pvt maj capt cmdr adm brig fr mt ft v vs e.g i.e cf approx est dept univ".split()
)
"""Abbreviations that never end a sentence (the next word belongs to the same sentence)."""

ENDERS = frozenset(
    "inc corp ltd co plc llc bros etc u.s u.k u.n e.u u.s.a a.m p.m "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
"""Abbreviations that end a sentence only when a typical sentence opener follows them."""

STARTERS = frozenset(
    "a an the he she it they we i you his her its their our my this that these those there "
    "but and or so yet however meanwhile still then in on at for after before when while if "
    "as since although though despite what who why how where mr mrs ms dr".split()
)
"""Words that often open a sentence: after "U.S." or "Inc." they mean a new sentence began."""


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """Offsets of each paragraph of `body`, split on blank lines, without surrounding space.

    Args:
        body: Article text; paragraphs are separated by blank lines.

    Returns:
        `(start, end)` per non-empty paragraph, end exclusive, in order.
    """
    spans = []
    start = 0
    for match in (*_PARAGRAPH_BREAK.finditer(body), None):
        end = match.start() if match else len(body)
        chunk = body[start:end]
        stripped = chunk.strip()
        if stripped:
            left = start + len(chunk) - len(chunk.lstrip())
            spans.append((left, left + len(stripped)))
        if match:
            start = match.end()
    return spans


def _is_abbreviation(text: str, dot: int, next_word: str) -> bool:
    """Tell whether the full stop at `dot` closes an abbreviation rather than a sentence."""
    token = _TOKEN_BEFORE_DOT.search(text, max(0, dot - 24), dot)  # a window: linear time
    if token is None:
        return False
    word = token.group(0)
    parts = word.split(".")
    if all(len(p) == 1 and p.isalpha() and p.isupper() for p in parts) and word not in ("I",):
        return word.lower() not in ENDERS or next_word.lower() not in STARTERS
    lowered = word.lower()
    if lowered in TITLES:
        return True
    if word == "No" or word == "Nos":
        return next_word[:1].isdigit()
    if lowered in ENDERS:
        return next_word.lower() not in STARTERS
    return False


def sentence_spans(body: str) -> list[Sentence]:
    """Split `body` into sentences, never across paragraphs.

    A sentence ends after `.`, `!` or `?` (and any closing quotes or brackets) when whitespace
    and an upper-case letter, a digit or an opening quote follow, except after abbreviations
    (Mr., U.S., a.m., Jan., ...) and initials (J. P. Morgan, J.P. Morgan). Decimals such as
    $1.13bn never split because no space follows their point.

    Args:
        body: Article text.

    Returns:
        The sentences in order, without surrounding whitespace.
    """
    sentences: list[Sentence] = []
    for number, (start, end) in enumerate(paragraph_spans(body)):
        begin = start
        for match in _BOUNDARY.finditer(body, start, end):
            after = match.end()
            if match.group(1) is not None:
                following = body[after]
                if not (following.isupper() or following.isdigit() or following in _OPENERS):
                    continue
                terminators = match.group(1)
                if terminators.rstrip("\"”’')]") == ".":
                    following_word = _NEXT_WORD.match(body, after, end)
                    word = following_word.group(1) if following_word else ""
                    if _is_abbreviation(body, match.start(1), word):
                        continue
                stop = match.end(1)
            else:
                stop = match.end(3)
            sentences.append(Sentence(begin, stop, number))
            begin = after
        if begin < end:
            sentences.append(Sentence(begin, end, number))
    return sentences


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
    return text.translate(_FOLDED)


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
    body = r"\s+".join(re.escape(w) for w in words)
    return rf"(?<!\w){body}\w*(?!\w)" if prefix else rf"(?<!\w){body}(?!\w)"


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


def _split_to_cells(text: str, start: int, end: int, room: int) -> int:
    """Return the offset in `text[start:end]` up to which the characters fit in `room` cells."""
    used = 0
    for index in range(start, end):
        used += cell_len(text[index])
        if used > room:
            return index
    return end


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Wrap one line of text on word boundaries to `width` terminal cells.

    Widths are measured in cells (`rich.cells.cell_len`), so CJK and emoji take two. A word
    wider than the line is split; a run of wide characters also fills the line it starts on.

    Args:
        text: Text without newlines (tabs count as one cell).
        width: The number of cells available, at least 1.

    Returns:
        `(start, end)` offsets into `text` of each wrapped line, without the spaces between.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    line_start, line_end, used = -1, -1, 0
    for match in _WORD.finditer(text):
        start, end = match.span()
        cells = cell_len(match.group())
        if line_start >= 0:
            gap = start - line_end
            if used + gap + cells <= width:
                line_end, used = end, used + gap + cells
                continue
            room = width - used - gap
            if cells > width and room > 0 and cell_len(text[start]) > 1:
                cut = _split_to_cells(text, start, end, room)
                if cut > start:
                    lines.append((line_start, cut))
                    start, cells = cut, cell_len(text[cut:end])
                else:
                    lines.append((line_start, line_end))
            else:
                lines.append((line_start, line_end))
        while cells > width:
            cut = max(start + 1, _split_to_cells(text, start, end, width))
            lines.append((start, cut))
            start, cells = cut, cell_len(text[cut:end])
        line_start, line_end, used = (start, end, cells) if start < end else (-1, -1, 0)
    if line_start >= 0:
        lines.append((line_start, line_end))
    return lines


class DocLine(NamedTuple):
    """One wrapped line of an article as the reader shows it."""

    text: str
    start: int
    """Body offset of `text[0]`, or -1 for lines outside the body (title, metadata)."""
    role: str
    """`title`, `meta`, `url`, `credit`, `rule`, `body` or `blank`."""
    title_start: int = -1
    """Title offset of `text[0]` for title lines (names found in titles are coloured too)."""


def metadata_text(article: Article) -> str:
    """The line under the title: source · author · date · words · reading time. Without a
    publication date, the date is the one it was added, and says so."""
    words = article.word_count or len(article.body.split())
    minutes = max(1, round(words / WORDS_PER_MINUTE))
    date = article.published[:10] or (f"added {article.added[:10]}" if article.added else "")
    parts = [article.source, article.author, date, f"{words:,} words", f"{minutes} min read"]
    return " · ".join(p for p in parts if p)


def layout(article: Article, measure: int) -> list[DocLine]:
    """Wrap a whole article to `measure` cells: title, metadata, URL (cut to one line),
    credit, a rule, then the paragraphs with a blank line before each.

    Args:
        article: The article.
        measure: Line width in cells.

    Returns:
        The lines; body lines are exact slices of `article.body` (tabs shown as spaces).
    """
    lines: list[DocLine] = []
    for role, text in (("title", article.title), ("meta", metadata_text(article)),
                       ("url", article.url), ("credit", article.credit)):
        if role == "url" and cell_len(text) > measure:  # `o` shows it whole
            text = text[: _split_to_cells(text, 0, len(text), measure - 1)] + "…"
        lines.extend(DocLine(text[a:b], -1, role, a if role == "title" else -1)
                     for a, b in wrap(text, measure))
    lines.append(DocLine("─" * measure, -1, "rule"))
    for start, end in paragraph_spans(article.body):
        lines.append(DocLine("", -1, "blank"))
        for piece in article.body[start:end].split("\n"):
            lines.extend(DocLine(piece[a:b].replace("\t", " "), start + a, "body")
                         for a, b in wrap(piece, measure))
            start += len(piece) + 1
    lines.append(DocLine("", -1, "blank"))
    return lines


class Wrapped(NamedTuple):
    """An article's lines wrapped to one measure, with the rows and offsets of its body."""

    measure: int
    lines: list[DocLine]
    rows: list[int]
    """The document lines that hold body text."""
    row_starts: list[int]
    """The body offset of each of those lines."""


def wrap_article(article: Article | None, measure: int) -> Wrapped:
    """Wrap a whole article to `measure` cells (pure: thread workers call it)."""
    lines = layout(article, measure) if article is not None and measure > 0 else []
    rows = [y for y, line in enumerate(lines) if line.role == "body"]
    return Wrapped(measure, lines, rows, [lines[y].start for y in rows])


@dataclass(frozen=True)
class Prepared:
    """Everything about an article that costs time in proportion to its length, made off the
    UI thread by `prepare` so that `ArticleView.set_article` only has to assign it."""

    article: Article | None
    sentences: list[Sentence]
    starts: list[int]
    """Each sentence's start offset."""
    paragraph_first: list[int]
    """The index of each paragraph's first sentence."""
    wrapped: Wrapped | None = None
    """The lines for the measure the view had when loading began (None if unknown)."""


def prepare(article: Article | None, measure: int = 0) -> Prepared:
    """Split an article into sentences and, if `measure` is known, wrap it (pure: run it in a
    thread worker).

    Args:
        article: The article, or None.
        measure: The view's `measure` (0 when it has no size yet: the view wraps on arrival).
    """
    sentences = sentence_spans(article.body if article else "")
    firsts = [i for i, s in enumerate(sentences)
              if i == 0 or s.paragraph != sentences[i - 1].paragraph]
    wrapped = wrap_article(article, measure) if measure > 0 else None
    return Prepared(article, sentences, [s.start for s in sentences], firsts, wrapped)
