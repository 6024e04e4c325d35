"""Sources -> clean Article records -> the library, with a report of what happened."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, BinaryIO

from ..models import Article, IngestReport, Skip
from .fetch import TIMEOUT_S
from .files import discover
from .sources import read_source

if TYPE_CHECKING:  # storage imports the cleaner (for notes): a runtime import would cycle
    from ..storage import Library

BATCH = 200
"""Articles committed per transaction: big enough to be fast, small enough to lose little."""

Progress = Callable[[int, int, str], None]


def add_sources(
    library: Library,
    sources: Sequence[str],
    *,
    max_bytes: int,
    stdin: BinaryIO | None = None,
    source_name: str = "",
    progress: Progress | None = None,
    fields: Mapping[str, str] | None = None,
    timeout: float = TIMEOUT_S,
) -> IngestReport:
    """Ingest files, folders, URLs and `-` (standard input) into the library.

    Text files, web pages, RSS/Atom feeds and dataset dumps are each read by their kind (see
    `tui.ingest.sources`). Bad sources, entries and records are skipped with a reason; the rest
    of the batch still goes in.

    Args:
        library: where the articles go.
        sources: paths, folders (walked recursively), http(s) URLs or "-".
        max_bytes: files and downloads larger than this are skipped (for dumps: each record).
        stdin: the stream read for "-".
        source_name: the `source` given to articles that do not name one.
        progress: called as `progress(done, total, current_source)`.
        fields: field-name overrides for dumps, e.g. `{"text": "article_text"}`.
        timeout: seconds allowed to fetch each URL.
    """
    paths, skipped, ignored = discover(list(sources))
    report = IngestReport(skipped=list(skipped), ignored=ignored)
    batch: list[Article] = []
    for done, path in enumerate(paths, start=1):
        for result in read_source(path, max_bytes=max_bytes, stdin=stdin, fields=fields,
                                  source_name=source_name, timeout=timeout):
            if result.warning:
                report.warnings.append(Skip(path, result.warning))
            if result.skip:
                report.skipped.append(result.skip)
            elif result.article:
                if source_name and not result.article.source:
                    result.article.source = source_name
                batch.append(result.article)
            if len(batch) >= BATCH:
                store(library, batch, report)
        if progress:
            progress(done, len(paths), path)
    store(library, batch, report)
    return report


def store(library: Library, batch: list[Article], report: IngestReport) -> None:
    """Upsert a batch in one transaction, count it in the report, and empty the batch."""
    if not batch:
        return
    for status, article_id in library.upsert_articles(batch):
        setattr(report, status, getattr(report, status) + 1)
        report.ids.append(article_id)
    batch.clear()


def index_seeds_if_empty(library: Library, seeds: str, *, max_bytes: int) -> IngestReport | None:
    """Give a fresh library the bundled seed articles, so a first start has something to read."""
    if library.count():
        return None
    return add_sources(library, [seeds], max_bytes=max_bytes)
