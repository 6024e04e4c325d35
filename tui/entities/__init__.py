"""Named entities (people, organisations, places, dates, money) found by rules and gazetteers.

Pure Python and quick: capitalised runs are cut into names and labelled from gazetteers built
from GeoNames and the US Census (tui/data), from cue words (titles before people, "Inc" after
companies, "in" before places) and from the shape of the name; a name seen in full once labels
its short forms across the article. Demonyms ("Mexican") and other group words are not entities.
"""

from __future__ import annotations

import bisect
import re

from tui.entities.caps import recase
from tui.entities.evidence import weigh, works
from tui.entities.gazetteer import gazetteer
from tui.entities.lexicon import CONNECTORS
from tui.entities.numeric import Found, money_and_dates, month_or_person
from tui.entities.patterns import OPENERS, RUN, RUN_PREFIX, RUN_WORD, SENTENCE_END
from tui.entities.propagate import label_title, resolve
from tui.entities.rules import Mention, RunReader, Token
from tui.entities.sport import teams
from tui.models import EntitySpan

__all__ = ["EXTRACTOR_VERSION", "LABELS", "EntitySpan", "extract", "extract_article",
           "extract_document", "is_title_case"]

EXTRACTOR_VERSION = 2
"""Bumped whenever the output may change, so stored entities are extracted again."""
LABELS = ("PERSON", "ORG", "PLACE", "DATE", "MONEY")
MAX_RUN = 24
"""Longer runs of capitalised words (all-caps text, lists) are read in pieces of this size."""

EX_PREFIX = re.compile(r"(?:Ex|Anti|Pro|Non|Post|Pre|Mid|Neo|Former)[-‑](?=[A-Z])")
HEADLINE_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
SENTENCE_CLOSE = (".", "!", "?", '"', "”", "’", "'", ")", ":", ";", ",")
SMALL_WORDS = frozenset([
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "is", "nor", "of",
    "on", "onto", "or", "over", "per", "the", "to", "up", "upon", "via", "vs", "vs.", "with"
])


def is_title_case(line: str, share: float = 0.8) -> bool:
    """Whether a line is a Title Case headline, where capitals say nothing about names.

    Args:
        line: the line.
        share: how many of its words (small words aside) must be capitalised.
    """
    words = [w for w in HEADLINE_WORD.findall(line) if w.lower() not in SMALL_WORDS]
    if len(words) < 3:
        return False
    return bool(sum(w[0].isupper() for w in words) >= share * len(words))


def _headlines(text: str) -> list[tuple[int, int]]:
    """Ranges of the short Title Case lines of a text (subheadings, or a lone headline)."""
    ranges, start = [], 0
    for line in text.split("\n"):
        # Every word capitalised: a results line ("Carvalho (Brazil) beat Pellerin") is not.
        if len(line) < 160 and not line.rstrip().endswith(SENTENCE_CLOSE) and \
                is_title_case(line, 1.0):
            ranges.append((start, start + len(line)))
        start += len(line) + 1
    return ranges


def _groups(tokens: list[Token], blocked: list[tuple[int, int, str, str]],
            starts: list[int]) -> list[list[Token]]:
    """Split a run's words around dates and money, dropping connectors at the ends."""
    groups: list[list[Token]] = [[]]
    for token in tokens:
        k = bisect.bisect_right(starts, token[0]) - 1
        inside = k >= 0 and blocked[k][1] > token[0]
        inside = inside or (k + 1 < len(starts) and starts[k + 1] < token[1])
        if inside:
            groups.append([])
        else:
            groups[-1].append(token)
    trimmed = []
    for group in groups:
        while group and group[0][2] in CONNECTORS:
            group.pop(0)
        while group and group[-1][2] in CONNECTORS:
            group.pop()
        if group:
            trimmed.append(group)
    return trimmed


def _mentions(text: str, blocked: list[tuple[int, int, str, str]],
              headline: bool = False) -> list[Mention]:
    gaz = gazetteer()
    reader = RunReader(text, gaz)
    headlines = [(0, len(text))] if headline else _headlines(text)
    starts = [b[0] for b in blocked]
    found: list[Mention] = []
    possessives = gaz.possessives
    skip = gaz.stop_words
    read = reader.read
    for run in RUN.finditer(text):
        word = run.group()
        if word in skip:
            continue  # a lone "The", "But", "He": a quarter of all runs, never a name
        base, end = run.span()
        if " " in word and "  " not in word and "\t" not in word and "\u00a0" not in word:
            tokens, at = [], base
            for piece in word.split(" "):  # quicker than a regex for the usual single spaces
                tokens.append((at, at + len(piece), piece))
                at += len(piece) + 1
        elif " " in word or "\t" in word or "\u00a0" in word:
            tokens = [(base + w.start(), base + w.end(), w.group())
                      for w in RUN_WORD.finditer(word)]
        else:
            tokens = [(base, end, word)]
        if "-" in word[:6]:
            cut = EX_PREFIX.match(word)
            if cut:  # "Ex-Liverpool striker", "Anti-Tory": the name is after the hyphen
                start, stop, first = tokens[0]
                tokens[0] = (start + cut.end(), stop, first[cut.end():])
        if base and text[base - 1] in "-'’":
            prefix = RUN_PREFIX.search(text, max(0, base - 4), base)
            if prefix:
                tokens[0] = (prefix.start(), tokens[0][1], text[prefix.start():tokens[0][1]])
                base = prefix.start()
        if end < len(text) and text[end] in "'’" and tokens[-1][2] in possessives \
                and text.startswith(("'s", "’s"), end):
            tokens[-1] = (tokens[-1][0], end + 2, tokens[-1][2] + text[end:end + 2])
        groups = [tokens]
        if starts:
            k = bisect.bisect_left(starts, end)
            if k and blocked[k - 1][1] > base or (k < len(starts) and starts[k] < end):
                groups = _groups(tokens, blocked, starts)
        if len(tokens) > MAX_RUN:
            groups = [g[k:k + MAX_RUN] for g in groups for k in range(0, len(g), MAX_RUN)]
        for group in groups:
            run_start = group[0][0]
            # Is the run at a sentence start? Inline: this loop runs for every capital.
            k = run_start - 1
            while k >= 0 and text[k] in OPENERS:
                k -= 1
            initial = k < 0 or text[k] in SENTENCE_END
            in_headline = bool(headlines) and any(s <= run_start < e for s, e in headlines)
            read(group, initial, in_headline, found)
    return found


def _spans(text: str, numbers: list[Found], mentions: list[Mention], persons: dict[str, str],
           in_title: bool = False) -> list[EntitySpan]:
    """Dates, money and names as sorted spans, none overlapping (the first, longest wins).

    `text` is the text as given: mentions found in its recased copy (`tui.entities.caps`)
    take their characters from it."""
    spans = []
    for start, end, label, canonical in numbers:
        person = month_or_person(text, start, end, persons) if label == "DATE" else None
        if person:
            label, canonical = "PERSON", person
        spans.append(EntitySpan(start, end, text[start:end], label, canonical, in_title))
    # `resolve` keeps labelled mentions only.
    spans.extend(EntitySpan(m.start, m.end, text[m.start:m.end], m.label or "", m.canonical,
                            in_title) for m in mentions)
    spans.sort(key=lambda span: (span.start, -span.end))
    kept: list[EntitySpan] = []
    for span in spans:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def _document(title: str | None, text: str,
              want_title: bool) -> tuple[list[EntitySpan], list[EntitySpan]]:
    """The title's spans (when wanted) and the text's, each labelled with the other's help."""
    gaz = gazetteer()
    context: list[Mention] = []
    title_numbers: list[Found] = []
    if title and title.strip():
        read = recase(title, gaz, text)
        title_numbers = money_and_dates(read)
        context = _mentions(read, title_numbers, headline=is_title_case(read))
    if not text or not text.strip():
        mentions, known = resolve(text or "", [], context)
        body: list[EntitySpan] = []
    else:
        read = recase(text, gaz)
        numbers = money_and_dates(read)
        found = _mentions(read, numbers)
        teams(read, found, gaz)
        weigh(read, found, gaz)
        found = works(read, found)
        mentions, known = resolve(read, found, context)
        body = _spans(text, numbers, mentions, known.persons)
    if not want_title or not context and not title_numbers:
        return [], body
    named = label_title(title or "", context, mentions, known)
    return _spans(title or "", title_numbers, named, known.persons, in_title=True), body


def extract(text: str, *, title: str | None = None) -> list[EntitySpan]:
    """The entities of `text`, sorted by start and never overlapping.

    Args:
        text: an article body (paragraphs separated by blank lines) or any other text.
        title: the article's headline, if any: names found there label short forms in `text`.
            A Title Case headline only contributes names the gazetteers or `text` know.

    Returns:
        One `EntitySpan` per mention, offsets into `text`.
    """
    if not text or not text.strip():
        return []
    return _document(title, text, want_title=False)[1]


def extract_article(title: str, body: str) -> list[EntitySpan]:
    """The entities of an article's body (offsets into `body`), using its title as context."""
    return extract(body, title=title)


def extract_document(title: str, body: str) -> list[EntitySpan]:
    """The entities of an article's title and body, each labelled with what the other says.

    Returns:
        The title's mentions (`in_title`, offsets into `title`) in title order, then the
        body's (offsets into `body`) in body order.
    """
    title_spans, body_spans = _document(title, body, want_title=True)
    return title_spans + body_spans
