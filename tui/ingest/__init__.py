"""Sources -> clean Article records -> the library, with a report of what happened."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, BinaryIO

from ..models import Article, IngestReport, Skip
from .files import discover, load

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
) -> IngestReport:
    """Ingest files, folders and `-` (standard input) into the library.

    Bad sources are skipped with a reason; the rest of the batch still goes in.

    Args:
        library: where the articles go.
        sources: paths, folders (walked recursively) or "-".
        max_bytes: files larger than this are skipped.
        stdin: the stream read for "-".
        source_name: the `source` given to articles that do not name one.
        progress: called as `progress(done, total, current_source)`.
    """
    paths, skipped, ignored = discover(list(sources))
    report = IngestReport(skipped=list(skipped), ignored=ignored)
    batch: list[Article] = []
    for done, path in enumerate(paths, start=1):
        result = load(path, max_bytes=max_bytes, stdin=stdin)
        if result.warning:
            report.warnings.append(Skip(path, result.warning))
        if result.skip:
            report.skipped.append(result.skip)
        elif result.article:
            if source_name and not result.article.source:
                result.article.source = source_name
            batch.append(result.article)
        if len(batch) >= BATCH:
            _store(library, batch, report)
        if progress:
            progress(done, len(paths), path)
    _store(library, batch, report)
    return report


def _store(library: Library, batch: list[Article], report: IngestReport) -> None:
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
