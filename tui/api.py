"""The core service API: everything the command line and the app do to a library, one function
per verb. Both faces call these functions and nothing below them, so that every rule (how a
note's `#words` become tags, that an add re-reads stale entities, how a quote is cited and
copied) lives once.

    from tui import api

    library = api.open_library("library.db")
    report = api.add(library, ["story.txt"], max_bytes=10_000_000)
    result = api.search(library, "mexico trade", limit=5)
    note_id = api.add_note(library, result.ids[0], "Compare with 2013 #follow-up")
    quote = api.quote(library, result.ids[0], sentence=3, style="markdown")
    report = api.copy(quote.text, osc52=None)

Errors a person can cause (an unknown id, a read-only library, a quote not in the article)
raise `LibraryError` with a one-line message; the faces show it as it is. Nothing here imports
Textual, and what is slow to import (the ingest readers, the entity extractor, rapidfuzz) is
imported by the functions that need it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .annotations import split_tags
from .help_text import ADD_FORMATS, QUERY_HELP
from .models import Annotation, Article, ArticleRow, EntitySpan, IngestReport, SearchResult, Version
from .quotes import STYLES
from .rules import RuleError
from .storage import Feed, Library, LibraryError, explain

if TYPE_CHECKING:
    from .clipboard import CopyReport
    from .rules import Rule

__all__ = [
    "ADD_FORMATS", "QUERY_HELP", "STYLES", "Annotation", "Article", "ArticleRow", "ArticleView",
    "EntitySpan", "IngestReport", "Progress", "SearchResult", "Version", "Feed", "Library", "LibraryError",
    "Quote", "add", "add_seeds_if_empty", "add_highlight", "add_note", "article_entities",
    "article_rows", "backup", "copy",
    "delete_note", "delete_search", "describe_copy", "edit_note", "explain", "export_json",
    "export_markdown", "extract_file", "extract_lines", "feeds", "in_tmux", "list_articles", "notes",
    "open_library", "parse_fields", "quote", "quote_passage", "reextract_entities",
    "markdown", "review", "review_entry", "save_note", "save_search", "saved_search_counts", "saved_searches", "search", "show", "parse_rule", "rule_matches", "RuleError",
    "show_by_hand", "split_tags", "stale_entities", "stats", "subscribe", "tag", "tags",
    "top_entities", "unsubscribe", "update_feeds", "version",
]

Progress = Callable[[int, int], None]
"""`progress(done, total)`."""


# -- the library ---------------------------------------------------------------------------------


def open_library(path: str | Path, *, readonly: bool = False, create: bool = True) -> Library:
    """Open (or create) a library file; a library that cannot be written opens read-only.

    Raises:
        LibraryError: not a library, damaged, made by a newer newsreader, or missing when
            `create` is False.
    """
    return Library(path, readonly=readonly, create=create)


def stats(library: Library) -> dict[str, Any]:
    """Counts of everything the library holds, its path, size and schema version (the shape
    of `newsreader stats --json`)."""
    return library.articles.stats()


# -- adding --------------------------------------------------------------------------------------


def add(library: Library, sources: Sequence[str], *, max_bytes: int,
        stdin: BinaryIO | None = None, source_name: str = "", source_from_folder: bool = False,
        fields: Mapping[str, str] | None = None, workers: int | None = None,
        update: bool = True, progress: Callable[[int, int, int], None] | None = None,
        reextract_progress: Progress | None = None,
        rules: Sequence[Rule] = ()) -> IngestReport:
    """Add files, folders, http(s) URLs or `-` (standard input), then read again the entities
    of articles an older extractor read (after an upgrade), as every add does.

    Args:
        library: Where the articles go.
        sources: Paths, folders (walked recursively), URLs or "-".
        max_bytes: Larger sources are skipped (`[ingest] max_file_mb`).
        stdin: What "-" reads.
        source_name: The source of articles that name none.
        source_from_folder: Articles from files that name no source take their folder's
            name (before `source_name`).
        fields: Field-name overrides for dumps (see `parse_fields`).
        workers: Processes reading and extracting; None uses every core for a large batch.
        update: False leaves stored articles as they are (they count as `kept`).
        progress: `progress(bytes_done, bytes_total, articles)` while adding.
        reextract_progress: `progress(done, total)` while entities are read again; called
            with `(0, total)` first when there are any to read.
        rules: `[[rules]]` from the config, applied to what was stored (`tui.rules`).

    Returns:
        The report (`report.to_dict()` is `newsreader add --json`); `report.reextracted`
        counts the articles whose entities were read again.
    """
    from .ingest import add_sources

    report = add_sources(library, sources, max_bytes=max_bytes, stdin=stdin,
                         source_name=source_name, source_from_folder=source_from_folder,
                         progress=progress, fields=fields,
                         workers=workers, update=update, rules=rules)
    if not report.interrupted and not report.error:
        report.reextracted = reextract_entities(library, progress=reextract_progress)
    return report


def add_seeds_if_empty(library: Library, *, max_bytes: int) -> IngestReport | None:
    """Give an empty library the bundled seed articles, so a first start has something to
    read; None when it holds articles already."""
    from . import config
    from .ingest import index_seeds_if_empty

    return index_seeds_if_empty(library, str(config.seeds_dir()), max_bytes=max_bytes)


def parse_fields(pairs: Sequence[str]) -> dict[str, str]:
    """`--field NAME=FIELD` pairs as a mapping for `add`.

    Raises:
        LibraryError: a pair that is not NAME=FIELD, or an unknown NAME.
    """
    from .ingest.records import parse_field_overrides

    try:
        return parse_field_overrides(tuple(pairs))
    except ValueError as exc:
        raise LibraryError(str(exc)) from None


def stale_entities(library: Library) -> int:
    """How many articles an older entity extractor read."""
    return library.entities.stale_count()


def reextract_entities(library: Library, *, progress: Progress | None = None) -> int:
    """Read again the entities of the articles an older extractor read; how many were.

    Safe beside other writers and to interrupt (each batch is its own transaction).
    `progress(0, total)` is called first when there is anything to do.
    """
    total = library.entities.stale_count()
    if not total:
        return 0
    if progress is not None:
        progress(0, total)
    return library.entities.reextract_stale(progress=progress)


# -- reading -------------------------------------------------------------------------------------


@dataclass
class ArticleView:
    """An article as `show` gives it: the current text and its earlier versions (without
    their bodies); the names found in its body and title are read when first asked for."""

    article: Article
    versions: list[Version]
    library: Library = field(repr=False, compare=False)

    @property
    def current(self) -> int:
        """The current text's version number (one past the last earlier version)."""
        return len(self.versions) + 1

    @cached_property
    def entities(self) -> list[EntitySpan]:
        """The names in the body (offsets into `article.body`)."""
        return self.library.entities.for_article(self._id)

    @cached_property
    def title_entities(self) -> list[EntitySpan]:
        """The names in the title (offsets into `article.title`)."""
        return self.library.entities.in_title(self._id)

    @property
    def _id(self) -> int:
        assert self.article.id is not None  # a stored article has one
        return self.article.id


def show(library: Library, article_id: int) -> ArticleView:
    """One article with its versions (and, when asked for, its entities).

    Raises:
        LibraryError: no article with that id.
    """
    article = _article(library, article_id)
    return ArticleView(article, library.articles.versions(article_id), library)


def markdown(library: Library, article_id: int) -> str:
    """One article as Markdown: YAML front matter (title, source, url, dates, tags) and its
    body, cleaned (`newsreader show --format markdown` and the reader's pipe `|`).

    Raises:
        LibraryError: no article with that id.
    """
    from .document import article_document

    return article_document(_article(library, article_id), library.notes.article_tags(article_id))


def review(library: Library, *, size: int = 5, mark_seen: bool = False) -> list[Annotation]:
    """Today's highlights to look at again (`R` in the app, `newsreader review`): a few from
    the whole library, weighted toward those not seen for longest; the same draw all day.

    Args:
        size: How many.
        mark_seen: Mark them seen now (as keeping them in the app does).
    """
    from .highlights import daily_review

    picked = daily_review(library, size=size)
    if mark_seen and picked:
        library.highlights.mark_seen([n.id for n in picked])
    return picked


def review_entry(note: Annotation) -> dict[str, Any]:
    """One reviewed highlight as `newsreader review --json` prints it."""
    from .highlights import review_entry as entry

    return entry(note)


def parse_rule(query: str, action: str = "") -> Rule:
    """A rule as `[[rules]]` holds it: a query in our language and an action (`tag NAME`,
    `star`, `mark read`, `skip`; "" is `star`).

    Raises:
        RuleError: the rule does not parse (a one-line reason).
    """
    from .rules import make_rule

    return make_rule(query, action or "star")


def rule_matches(library: Library, rule: Rule) -> list[int]:
    """The ids of the articles a rule would act on in the library now (nothing is changed)."""
    from .rules import matches

    return matches(library, rule.query)


def version(library: Library, article_id: int, number: int) -> Version:
    """Earlier text `number` of an article (1 is the first text stored), with its body.

    Raises:
        LibraryError: no such article, or no such version (the message gives the range).
    """
    _article(library, article_id)
    found = library.articles.version(article_id, number)
    if found is None:
        current = len(library.articles.versions(article_id)) + 1
        raise LibraryError(f"article {article_id} has versions 1 to {current} "
                           f"({current} is its current text), not {number}")
    return found


def list_articles(library: Library, *, limit: int | None = None,
                  order: str = "newest") -> list[ArticleRow]:
    """List rows, newest first by default ("oldest", "title")."""
    return library.articles.list_rows(limit, order=order)


def article_rows(library: Library, ids: Sequence[int]) -> list[ArticleRow]:
    """The list rows of `ids`, in their order (ids of no article are left out)."""
    rows = library.articles.rows(ids) if ids else {}
    return [rows[i] for i in ids if i in rows]


def article_entities(library: Library, article_id: int,
                     labels: Sequence[str] = ("PERSON", "ORG", "PLACE")) -> list[str]:
    """An article's names of `labels`, each once, in the order they come (for exports)."""
    spans = library.entities.for_article(article_id)
    return list(dict.fromkeys(span.canonical for span in spans if span.label in labels))


def top_entities(library: Library, label: str | None = None,
                 limit: int = 50) -> list[tuple[str, str, int]]:
    """`(name, label, articles)` of the most mentioned entities, most articles first."""
    return library.entities.top(label and label.upper(), limit=limit)


def extract_file(source: str, *, max_bytes: int, stdin: BinaryIO | None = None,
                 ) -> tuple[Article, list[EntitySpan], str | None]:
    """Read and clean a file (or "-") exactly as `add` would, without storing it, and find its
    names: `(article, spans, warning)`; spans `in_title` index the title, the others the body.

    Raises:
        LibraryError: the file cannot be read ("NAME: reason").
    """
    from .entities import extract_document
    from .ingest.files import load

    result = load(source, max_bytes=max_bytes, stdin=stdin)
    if result.skip or result.article is None:
        name = "standard input" if source == "-" else source
        reason = result.skip.reason if result.skip else "nothing to read"
        raise LibraryError(f"{name}: {reason}")
    article = result.article
    return article, extract_document(article.title, article.body), result.warning


def extract_lines(stream: BinaryIO, *, max_bytes: int) -> Iterator[tuple[str, bool]]:
    """`newsreader entities --jsonl`: for each non-blank line of `stream` (a JSON object
    `{"id", "title", "text"}` or a file path, read as `add` would), one JSON line of its
    entities, safe to print, and whether that line failed (`{"id", "line", "error"}`)."""
    from .entities.batch import dumps, lines, record
    from .ingest.files import load

    def load_file(path: str) -> tuple[str, str]:
        result = load(path, max_bytes=max_bytes)
        if result.skip or result.article is None:
            raise ValueError(f"{path}: {result.skip.reason if result.skip else 'nothing to read'}")
        return result.article.title, result.article.body

    for number, raw in lines(stream, max_bytes):
        if raw is not None and not raw.strip():
            continue
        found = record(number, raw, max_bytes=max_bytes, load_file=load_file)
        yield dumps(found), "error" in found


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
    from .search import search as run

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
    from .quotes import format_quote

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
    from .segment import paragraph_spans, sentence_spans

    article = _article(library, article_id)
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
    from .clipboard import copy_everywhere

    return copy_everywhere(text, osc52=osc52, tmux_socket=tmux_socket)


def in_tmux() -> bool:
    """Whether this process runs inside tmux (where a pane's OSC 52 is dropped by default,
    and `copy` reaches the outer terminal through tmux's buffer instead)."""
    from .clipboard import in_tmux as inside

    return inside()


def describe_copy(report: CopyReport) -> str:
    """One honest line about a copy, the same in the app and `newsreader quote --copy`."""
    from .clipboard import describe

    return describe(report)


def show_by_hand(report: CopyReport, setting: str) -> bool:
    """Whether to show the copied text to select by hand (`[quotes] show_copied`)."""
    from .clipboard import show_by_hand as decide

    return decide(report, setting)


# -- export and backup ---------------------------------------------------------------------------


def export_markdown(library: Library, folder: Path) -> list[Path]:
    """Write one Markdown file per tagged or annotated article into `folder` (with their
    people, organisations and places in the front matter); the files written.

    Raises:
        LibraryError: `folder` is a file.
        OSError: the folder cannot be written.
    """
    from .export import export_markdown as write

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise LibraryError(f"{folder} is a file; markdown export needs a folder")
    return write(library, folder, lambda article_id: article_entities(library, article_id))


def export_json(library: Library, output: Path | None = None) -> str:
    """Every annotation and tag as a W3C Web Annotation collection: the JSON text (safe to
    print); written atomically to `output` too when given.

    Raises:
        OSError: `output` cannot be written.
    """
    from .atomic import write_atomically
    from .export import export_json as collect
    from .text import json_text

    text = json_text(collect(library))
    if output is not None:
        write_atomically(output, text + "\n")
    return text


def backup(library: Library, target: str | Path, *, overwrite: bool = False,
           progress: Progress | None = None) -> int:
    """A consistent copy of the library at `target`, safe while others write; its size.

    Raises:
        LibraryError: `target` exists (without `overwrite`), is the library, cannot be
            written, or the copy failed its check.
    """
    return library.backups.make(target, overwrite=overwrite, progress=progress)


# -- feeds ---------------------------------------------------------------------------------------


def subscribe(library: Library, url: str, *, max_bytes: int) -> str:
    """Check that `url` serves a feed and subscribe to it; the feed's title.

    Raises:
        LibraryError: not a feed, or it cannot be fetched ("URL: reason").
    """
    from .ingest.update import subscribe as check_and_add

    try:
        return check_and_add(library, url, max_bytes=max_bytes)
    except ValueError as exc:
        raise LibraryError(f"{url}: {exc}") from None


def unsubscribe(library: Library, url: str) -> None:
    """Forget a feed; its articles stay.

    Raises:
        LibraryError: not subscribed to `url`.
    """
    if not library.subscriptions.remove(url):
        raise LibraryError(f"not subscribed to {url}")


def feeds(library: Library) -> list[Feed]:
    """Every subscribed feed, in the order they were added."""
    return library.subscriptions.all()


def update_feeds(library: Library, *, max_bytes: int, update: bool = True,
                 cancelled: Callable[[], bool] | None = None,
                 rules: Sequence[Rule] = (),
                 progress: Callable[[int, int, str], None] | None = None) -> IngestReport:
    """Fetch every subscribed feed (conditionally) and add its new entries, applying the
    config's `rules` to them; `progress(done, total, url)` after each feed."""
    from .ingest.update import update_feeds as fetch_all

    return fetch_all(library, max_bytes=max_bytes, update=update, cancelled=cancelled,
                     rules=rules, progress=progress)


# -- helpers -------------------------------------------------------------------------------------


def _article(library: Library, article_id: int) -> Article:
    article = library.articles.get(article_id)
    if article is None:
        raise LibraryError(f"no article with id {article_id}")
    return article
