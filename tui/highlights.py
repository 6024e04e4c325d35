"""Highlights that come back: colours, resizing by sentences, all of an article's highlights
as Markdown, and the daily review's choice. No Textual, no SQL here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from .models import Annotation, Article

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .storage import Library

COLOURS = ("lilac", "green", "red", "teal")
"""Highlight colours; the first is every highlight's made before colours (and the default).
Each keeps apart from the reader's other markings in 256 and 16 colours (see themes.py)."""
COLOUR_KEYS = {"lilac": "ctrl+l", "green": "ctrl+g", "red": "ctrl+r", "teal": "ctrl+t"}
"""The key that picks each colour in the highlight dialog (control keys: letters are the
note being typed)."""


def resize(sentences: Sequence[tuple[int, int]], span: tuple[int, int], edge: str,
           delta: int) -> tuple[int, int] | None:
    """A highlight grown or shrunk by a sentence at one end.

    Args:
        sentences: The body's sentences, `(start, end)` in order.
        span: The highlight's `(start, end)`.
        edge: "start" or "end".
        delta: +1 grows that end by a sentence (start earlier, end later), -1 shrinks it.

    Returns:
        The new span, snapped to sentence edges, or None when it cannot change that way (no
        sentence before or after; shrinking would leave nothing).
    """
    if not sentences:
        return None
    first = next((i for i, s in enumerate(sentences) if s[1] > span[0]), len(sentences) - 1)
    last = next((i for i in range(len(sentences) - 1, -1, -1) if sentences[i][0] < span[1]),
                first)
    if edge == "start":
        first += -delta
    else:
        last += delta
    if not (0 <= first <= last < len(sentences)):
        return None
    new = (sentences[first][0], sentences[last][1])
    return new if new != span else None


def highlights_markdown(article: Article, notes: Sequence[Annotation]) -> str:
    """Every placed highlight of an article as Markdown, in text order, under its citation.

    Each is a block quote (with its colour and note after it); the citation heads the list.
    """
    from .quotes import citation, format_quote  # deferred: storage loads this module for
    # COLOURS, and `newsreader search` then needs neither (docs/performance.md, issue 23)

    cite = citation(title=article.title, source=article.source, published=article.published,
                    url=article.url, author=article.author)
    lines = [f"## {cite or ' '.join(article.title.split())}", ""]
    for note in sorted((n for n in notes if n.kind == "highlight" and not n.orphan),
                       key=lambda n: (n.start or 0, n.id)):
        lines += [format_quote(note.quote, style="markdown"), ""]
        lines += colour_lines(note)
        if note.text:
            lines += [note.text, ""]
        if note.tags:
            lines += ["Tags: " + " ".join(f"#{t}" for t in note.tags), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def colour_lines(note: Annotation) -> list[str]:
    """`Colour: green` and a blank line for a highlight of any but the first colour (Markdown
    export and copy; the first colour is every highlight's made before there were colours)."""
    if note.kind != "highlight" or note.colour in ("", COLOURS[0]):
        return []
    return [f"Colour: {note.colour}", ""]


REVIEW_SIZE = 5
"""Highlights a daily review brings back."""
NEVER_SEEN_DAYS = 30.0
"""A highlight never reviewed weighs as one last seen this many days before it was made."""


def review_pick(notes: Sequence[Annotation], *, size: int = REVIEW_SIZE,
                today: datetime | None = None, seed: str = "") -> list[Annotation]:
    """The day's review: `size` highlights drawn at random, each weighted by the days since
    it was last seen (or made, plus `NEVER_SEEN_DAYS`, if never seen), divided by one plus
    the times it was skipped. Those seen today count toward `size` and are left out, so a
    review can be finished: once `size` were seen today there is nothing more.

    The draw is the same all day (each highlight's random number comes from the date, `seed`
    and its id): opening the review again shows the same highlights, less the ones already
    kept or skipped.

    Args:
        notes: Candidate highlights (placed ones; orphans have no passage to show).
        size: How many.
        today: Now (tests pass a fixed time).
        seed: Distinguishes libraries.

    Returns:
        The chosen highlights, the longest unseen first.
    """
    import random  # deferred, as quotes above

    now = today or datetime.now(UTC)
    day = now.strftime("%Y-%m-%d")
    size -= sum(1 for note in notes if note.seen.startswith(day))
    if size <= 0:
        return []
    keyed = []
    for note in notes:
        if note.seen.startswith(day):
            continue
        days = _days(now, note.seen) if note.seen else _days(now, note.created) + NEVER_SEEN_DAYS
        weight = max(days, 0.01) / (1 + note.skips)
        # Weighted sampling without replacement (Efraimidis–Spirakis): key u^(1/w), largest
        # first, u drawn per highlight so that the others keep their keys as some are seen.
        u = random.Random(f"{day}\x00{seed}\x00{note.id}").random()
        keyed.append((u ** (1 / weight), note))
    keyed.sort(key=lambda pair: pair[0], reverse=True)
    chosen = [note for _, note in keyed[:size]]
    return sorted(chosen, key=lambda n: (n.seen or "", n.created))


def _days(now: datetime, stamp: str) -> float:
    try:
        then = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return NEVER_SEEN_DAYS
    if then.tzinfo is None:
        then = then.replace(tzinfo=UTC)
    return (now - then).total_seconds() / 86400


def daily_review(library: Library, *, size: int = REVIEW_SIZE,
                 today: datetime | None = None) -> list[Annotation]:
    """Today's highlights to review from the whole library (see `review_pick`)."""
    return review_pick(library.highlights.review_candidates(), size=size, today=today,
                       seed=str(library.path))


def review_entry(note: Annotation) -> dict[str, object]:
    """One reviewed highlight as `newsreader review --json` prints it."""
    return {"id": note.id, "article_id": note.article_id, "article_title": note.article_title,
            "quote": note.quote, "note": note.text, "colour": note.colour, "tags": note.tags,
            "created": note.created, "seen": note.seen, "skips": note.skips}
