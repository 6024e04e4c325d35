"""The API's search, saved searches, tags, notes and quotes verbs (see `tui.api`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..annotations import split_tags
from ..models import (
    Annotation,
    Article,
    SearchResult,
)
from ..storage import Library, LibraryError
from .articles import existing_article

if TYPE_CHECKING:
    from ..clipboard import CopyReport


# -- search --------------------------------------------------------------------------------------


def search(library: Library, query: str, *, limit: int = 20, order: str = "relevance",
           live: bool = False, cancelled: Callable[[], bool] | None = None,
           early: Callable[[SearchResult], None] | None = None,
           page_only: bool = False) -> SearchResult:
    """Search with the query language (see `QUERY_HELP`); never raises on any query text.

    Args:
        library: The library.
        query: What the person typed.
        limit: How many hits get a snippet.
        order: "relevance", "newest", "oldest" or "title".
        live: The person is still typing: the last word is searched as a prefix too.
        cancelled: Polled while searching; True stops the search early.
        early: Given the count and first page before the whole list, for huge results.
        page_only: Only the first `limit` hits will be used (a one-off command).
    """
    from ..search import search as run

    return run(library, query, limit=limit, live=live, order=order, cancelled=cancelled,
               early=early, page_only=page_only)


def save_search(library: Library, name: str, query: str) -> None:
    """Save (or replace) a named query."""
    library.saved.save(name, query)


def delete_search(library: Library, name: str) -> None:
    """Forget a saved search.

    Raises:
        LibraryError: no saved search has that name.
    """
    if not library.saved.delete(name):
        raise LibraryError(f"no saved search named {name!r}")


def saved_searches(library: Library) -> list[tuple[str, str]]:
    """`(name, query)` of every saved search, in the order they were saved."""
    return library.saved.all()


def saved_search_counts(library: Library) -> list[dict[str, Any]]:
    """`{"name", "query", "count"}` of every saved search, counted now."""
    return [{"name": name, "query": query,
             "count": search(library, query, limit=0, page_only=True).total}
            for name, query in library.saved.all()]


# -- tags and notes ------------------------------------------------------------------------------


def tag(library: Library, ids: Sequence[int], names: Sequence[str] = (), *,
        remove: bool = False) -> dict[int, list[str]]:
    """Give articles tags (or take them off with `remove`); each article's tags after.

    A tag is one word (spaces become hyphens, a leading `#` goes) and ignores case; a tag
    that nothing uses any more is forgotten.

    Raises:
        LibraryError: an unknown article id (all of them are named), an unusable tag, or
            `remove` without tags; nothing was changed.
    """
    missing = library.notes.missing_articles(ids)
    if missing:
        raise LibraryError(f"no article with id {', '.join(map(str, missing))}")
    if remove and not names:
        raise LibraryError("--remove needs the tags to take off")
    if names:
        (library.notes.untag_articles if remove else library.notes.tag_articles)(ids, names)
    return library.notes.tags_of(ids)


def tags(library: Library) -> list[tuple[str, int]]:
    """Every tag with the number of articles carrying it, by name."""
    return library.notes.tags()


def add_note(library: Library, article_id: int, text: str, *, quote: str | None = None,
             tags: Sequence[str] = ()) -> int:
    """Add a note on an article or, with `quote`, on a passage of it (a highlight); its id.

    `#words` in the text become the note's tags as `split_tags` says, for every kind of note;
    `tags` adds more. A note that is only `#words` keeps them as its text.

    Raises:
        LibraryError: no such article, the quote is not in it, a note without text, an
            unusable tag.
    """
    body, found = split_tags(text)
    if quote is None and not body:
        body = text  # a note needs text: one that is only tags keeps them as written
    return library.notes.add_note(article_id, body, quote=quote, tags=[*tags, *found])


def add_highlight(library: Library, article_id: int, start: int, end: int, *,
                  text: str = "", tags: Sequence[str] = (), colour: str = "") -> int:
    """Highlight `body[start:end]` of an article with an optional note (its `#words` become
    tags, as for every note) and a colour (one of `tui.highlights.COLOURS`; "" is the first);
    the highlight's id.

    Raises:
        LibraryError: no such article, the range is empty or outside the body, an unknown
            colour.
    """
    body, found = split_tags(text)
    return library.notes.add_highlight(article_id, start, end, text=body, tags=[*tags, *found],
                                 colour=colour)


def edit_note(library: Library, note_id: int, text: str) -> None:
    """Change a note's text; its `#words` are added to its tags.

    Raises:
        LibraryError: no such note, or a note left without text.
    """
    body, found = split_tags(text)
    current = library.notes.annotation(note_id)
    if current is None:
        raise LibraryError(f"no note with id {note_id}")
    if current.kind == "note" and not body:
        body = text
    names = list(dict.fromkeys([*current.tags, *found])) if found else None
    library.notes.update_annotation(note_id, text=body, tags=names)


def save_note(library: Library, article_id: int, text: str, note_id: int | None = None) -> None:
    """Save what was typed in an article's note dialog: a new note, the note `note_id`
    changed, or (empty text) that note deleted. Empty text and no note: nothing.

    Raises:
        LibraryError: as `add_note` and `edit_note`.
    """
    if note_id is None:
        if text.strip():
            add_note(library, article_id, text)
    elif text.strip():
        edit_note(library, note_id, text)
    else:
        library.notes.delete_annotation(note_id)


def delete_note(library: Library, note_id: int) -> None:
    """Delete a note or highlight.

    Raises:
        LibraryError: no such note.
    """
    library.notes.delete_annotation(note_id)


def notes(library: Library, *, text: str = "", tag: str = "",
          limit: int | None = None) -> list[Annotation]:
    """Notes and highlights of every article, newest first, with their article's title.

    Args:
        library: The library.
        text: Only those whose note or quote contains this (ignoring case).
        tag: Only those with this tag, or on articles with it.
        limit: At most this many.
    """
    return library.notes.all_annotations(text=text, tag=tag, limit=limit)


# -- quotes --------------------------------------------------------------------------------------


@dataclass
class Quote:
    """A passage formatted as a quotation: `text` to paste, `start`/`end` in the body."""

    text: str
    start: int
    end: int
    article: Article


def quote_passage(article: Article, start: int, end: int, *, style: str = "markdown") -> Quote:
    """`article.body[start:end]` as a quotation with its citation, in `style` (one of
    `STYLES`).

    Raises:
        LibraryError: an unknown style (a wrong `[quotes] format` in the config).
    """
    from ..quotes import format_quote

    try:
        text = format_quote(article.body[start:end], title=article.title,
                            source=article.source, published=article.published,
                            url=article.url, author=article.author, style=style)
    except ValueError as exc:
        raise LibraryError(str(exc)) from None
    return Quote(text, start, end, article)


def quote(library: Library, article_id: int, *, sentence: int, paragraph: bool = False,
          style: str = "markdown") -> Quote:
    """Sentence `sentence` of an article (counting from 1, as the reader's sentence cursor
    shows them), or with `paragraph` its whole paragraph, as a quotation.

    Raises:
        LibraryError: no such article, no such sentence (the message gives the range), or
            an unknown style.
    """
    from ..segment import paragraph_spans, sentence_spans

    article = existing_article(library, article_id)
    sentences = sentence_spans(article.body)
    if not 1 <= sentence <= len(sentences):
        raise LibraryError(f"article {article.id} has {len(sentences)} sentences: "
                           f"--sentence must be 1 to {len(sentences)}")
    chosen = sentences[sentence - 1]
    start, end = (paragraph_spans(article.body)[chosen.paragraph] if paragraph
                  else (chosen.start, chosen.end))
    return quote_passage(article, start, end, style=style)


def copy(text: str, *, osc52: Callable[[str], None] | None,
         tmux_socket: str | None = None) -> CopyReport:
    """Send text to every clipboard reachable from here: the terminal (OSC 52, through
    `osc52`), tmux's paste buffer inside tmux, the system clipboard when not over SSH. Takes
    up to a few seconds (the clipboard tools have a time limit): run it off the UI thread.
    `describe_copy(report)` is the one line to show."""
    from ..clipboard import copy_everywhere

    return copy_everywhere(text, osc52=osc52, tmux_socket=tmux_socket)


def in_tmux() -> bool:
    """Whether this process runs inside tmux (where a pane's OSC 52 is dropped by default,
    and `copy` reaches the outer terminal through tmux's buffer instead)."""
    from ..clipboard import in_tmux as inside

    return inside()


def describe_copy(report: CopyReport) -> str:
    """One honest line about a copy, the same in the app and `newsreader quote --copy`."""
    from ..clipboard import describe

    return describe(report)


def show_by_hand(report: CopyReport, setting: str) -> bool:
    """Whether to show the copied text to select by hand (`[quotes] show_copied`)."""
    from ..clipboard import show_by_hand as decide

    return decide(report, setting)
