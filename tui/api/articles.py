"""The API's library, adding and reading verbs (see `tui.api`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from ..models import (
    Annotation,
    Article,
    ArticleRow,
    EntitySpan,
    IngestReport,
    Version,
)
from ..storage import Library, LibraryError

if TYPE_CHECKING:
    from ..rules import Rule

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
    from ..ingest import add_sources

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
    if library.articles.count_up_to(1):  # the usual start: nothing more is imported
        return None
    from .. import config
    from ..ingest import index_seeds_if_empty

    return index_seeds_if_empty(library, str(config.seeds_dir()), max_bytes=max_bytes)


def parse_fields(pairs: Sequence[str]) -> dict[str, str]:
    """`--field NAME=FIELD` pairs as a mapping for `add`.

    Raises:
        LibraryError: a pair that is not NAME=FIELD, or an unknown NAME.
    """
    from ..ingest.records import parse_field_overrides

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
    article = existing_article(library, article_id)
    return ArticleView(article, library.articles.versions(article_id), library)


def markdown(library: Library, article_id: int) -> str:
    """One article as Markdown: YAML front matter (title, source, url, dates, tags) and its
    body, cleaned (`newsreader show --format markdown` and the reader's pipe `|`).

    Raises:
        LibraryError: no article with that id.
    """
    from ..document import article_document

    return article_document(existing_article(library, article_id), library.notes.article_tags(article_id))


def review(library: Library, *, size: int = 5, mark_seen: bool = False) -> list[Annotation]:
    """Today's highlights to look at again (`R` in the app, `newsreader review`): a few from
    the whole library, weighted toward those not seen for longest; the same draw all day.

    Args:
        size: How many.
        mark_seen: Mark them seen now (as keeping them in the app does).
    """
    from ..highlights import daily_review

    picked = daily_review(library, size=size)
    if mark_seen and picked:
        library.highlights.mark_seen([n.id for n in picked])
    return picked


def review_entry(note: Annotation) -> dict[str, Any]:
    """One reviewed highlight as `newsreader review --json` prints it."""
    from ..highlights import review_entry as entry

    return entry(note)


def parse_rule(query: str, action: str = "") -> Rule:
    """A rule as `[[rules]]` holds it: a query in our language and an action (`tag NAME`,
    `star`, `mark read`, `skip`; "" is `star`).

    Raises:
        RuleError: the rule does not parse (a one-line reason).
    """
    from ..rules import make_rule

    return make_rule(query, action or "star")


def rule_matches(library: Library, rule: Rule) -> list[int]:
    """The ids of the articles a rule would act on in the library now (nothing is changed)."""
    from ..rules import matches

    return matches(library, rule.query)


def version(library: Library, article_id: int, number: int) -> Version:
    """Earlier text `number` of an article (1 is the first text stored), with its body.

    Raises:
        LibraryError: no such article, or no such version (the message gives the range).
    """
    existing_article(library, article_id)
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
    from ..entities import extract_document
    from ..ingest.files import load

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
    from ..entities.batch import dumps, lines, record
    from ..ingest.files import load

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


def existing_article(library: Library, article_id: int) -> Article:
    """The article `article_id`; `LibraryError` with a one-line message when there is none."""
    article = library.articles.get(article_id)
    if article is None:
        raise LibraryError(f"no article with id {article_id}")
    return article
