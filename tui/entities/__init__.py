"""Named entities (people, organisations, places, dates, money) found by rules and gazetteers.

Pure Python and quick: capitalised runs are cut into names and labelled from gazetteers built
from GeoNames and the US Census (tui/data), from cue words (titles before people, "Inc" after
companies, "in" before places) and from the shape of the name; a name seen in full once labels
its short forms across the article. Demonyms ("Mexican") and other group words are not entities.
"""

from __future__ import annotations

from tui.entities.caps import recase
from tui.entities.evidence import weigh, works
from tui.entities.gazetteer import gazetteer
from tui.entities.numeric import Found, money_and_dates, month_or_person
from tui.entities.propagate import label_title, resolve
from tui.entities.rules import Mention
from tui.entities.runs import is_title_case
from tui.entities.runs import mentions as _mentions
from tui.entities.sport import teams
from tui.models import SPAN_SLOTS, EntitySpan

__all__ = ["EXTRACTOR_VERSION", "LABELS", "EntitySpan", "extract", "extract_article",
           "extract_document", "is_title_case"]

EXTRACTOR_VERSION = 2
"""Bumped whenever the output may change, so stored entities are extracted again."""
LABELS = ("PERSON", "ORG", "PLACE", "DATE", "MONEY")
def _spans(text: str, numbers: list[Found], mentions: list[Mention], persons: dict[str, str],
           in_title: bool = False) -> list[EntitySpan]:
    """Dates, money and names as sorted spans, none overlapping (the first, longest wins).

    `text` is the text as given: mentions found in its recased copy (`tui.entities.caps`)
    take their characters from it."""
    spans: list[tuple[int, int, int, str, str]] = []
    for start, end, label, canonical in numbers:
        person = month_or_person(text, start, end, persons) if label == "DATE" else None
        if person:
            label, canonical = "PERSON", person
        spans.append((start, -end, len(spans), label, canonical))
    spans.extend((m.start, -m.end, len(spans) + k, m.label or "", m.canonical)
                 for k, m in enumerate(mentions))
    spans.sort()  # by start, longest first, then in the order given (a stable sort's)
    kept: list[EntitySpan] = []
    last = -1
    # EntitySpan's fields set slot by slot, without its __init__ (SPAN_SLOTS: 3x quicker).
    new = object.__new__
    set_start, set_end, set_text, set_label, set_canonical, set_in_title = SPAN_SLOTS
    for start, end, _, label, canonical in spans:
        if start >= last:
            last = -end
            span = new(EntitySpan)
            set_start(span, start)
            set_end(span, last)
            set_text(span, text[start:last])
            set_label(span, label)
            set_canonical(span, canonical)
            set_in_title(span, in_title)
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
