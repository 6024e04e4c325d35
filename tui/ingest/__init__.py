"""Sources -> clean Article records -> the library, with a report of what happened."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping, Sequence

from ..models import Article, EntitySpan, IngestReport, Merge, Skip
from .clean import clean
from .fetch import TIMEOUT_S  # cheap: fetch loads its network modules when it fetches

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `newsreader search` need not import typing
if TYPE_CHECKING:  # storage imports the cleaner (for notes): a runtime import would cycle
    from typing import BinaryIO

    from ..rules import Rule
    from ..storage import Library
    from .pipeline import JobOutput

BATCH = 2000
"""Articles committed per transaction: big enough to be fast, small enough to lose little
(an interrupted add keeps every committed batch, and running it again finishes the job).
Each batch adds one segment to the full-text index: 2,000 rather than 500 cut the writer's
CPU by a sixth, and a batch holds the write lock for a fraction of a second."""

Progress = Callable[[int, int, int], None]
"""`progress(done, total, articles)`: input bytes read of the batch's total (0 when unknown,
as for URLs), and articles read so far (stored, or in the batch about to be)."""


def add_sources(
    library: Library,
    sources: Sequence[str],
    *,
    max_bytes: int,
    stdin: BinaryIO | None = None,
    source_name: str = "",
    source_from_folder: bool = False,
    progress: Progress | None = None,
    fields: Mapping[str, str] | None = None,
    timeout: float = TIMEOUT_S,
    workers: int | None = None,
    update: bool = True,
    rules: Sequence[Rule] = (),
) -> IngestReport:
    """Ingest files, folders, URLs and `-` (standard input) into the library.

    Text files, web pages, RSS/Atom feeds and dataset dumps are each read by their kind (see
    `tui.ingest.sources`). Bad sources, entries and records are skipped with a reason; the rest
    of the batch still goes in. Large batches are read and their entities extracted in worker
    processes, while this process stores them (see `tui.ingest.pipeline`).

    Args:
        library: where the articles go.
        sources: paths, folders (walked recursively), http(s) URLs or "-".
        max_bytes: files and downloads larger than this are skipped (for dumps: each record).
        stdin: the stream read for "-".
        source_name: the `source` given to articles that do not name one.
        source_from_folder: articles read from files that name no source get the name of
            the file's folder (before `source_name`).
        progress: called after each piece of work, see `Progress`.
        fields: field-name overrides for dumps, e.g. `{"text": "article_text"}`.
        timeout: seconds allowed to fetch each URL.
        workers: processes reading and extracting; None uses every core for a large batch.
        update: False leaves articles already stored as they are (they count as `kept`).
        rules: applied to the articles stored, once they are (see `tui.rules.apply_rules`).
    """
    # Imported here: the readers and the pipeline (which loads the entity extractor) are for
    # adding; commands that never add should not pay for them.
    from ..storage.library import LibraryError
    from .files import discover
    from .pipeline import Options, run, source_sizes, worker_count

    source_name = clean(source_name)  # stored and shown like any article's source
    paths, skipped, ignored = discover(list(sources))
    report = IngestReport(skipped=list(skipped), ignored=ignored)
    sizes = source_sizes(paths)
    total = sum(sizes.values())
    options = Options(max_bytes=max_bytes, source_name=source_name, fields=fields,
                      timeout=timeout, source_from_folder=source_from_folder)
    count = worker_count(sizes, workers)
    try:
        with library.articles.bulk() if count > 1 else contextlib.nullcontext():
            _store_outputs(library, run(paths, sizes, options, workers=count, stdin=stdin),
                         report, total, progress, update)
        # The typo vocabulary follows the index here, so that no search has to count it.
        library.vocabulary.refresh()
    except KeyboardInterrupt:
        # Committed batches stay (the one being written rolls back): the report says so.
        report.interrupted = True
    except LibraryError as exc:
        # A full disk, say: what was committed stays, the failed batch left no trace.
        report.error = str(exc)
    if rules and not report.interrupted:
        from ..rules import apply_rules

        try:
            apply_rules(library, list(rules), report)
        except LibraryError as exc:
            report.error = report.error or f"rules not applied: {exc}"
    return report


def _store_outputs(library: Library, outputs: Iterable[JobOutput], report: IngestReport, total: int,
                 progress: Progress | None, update: bool = True) -> None:
    """Store the articles of each job's output in batches, and count everything in the report."""
    batch: list[Article] = []
    spans: list[list[EntitySpan] | None] = []
    done = 0
    for output in outputs:
        for item in output.items:
            result = item.result
            if result.warning:
                where = (result.article.path if result.article
                         else result.skip.source if result.skip else "")
                report.warnings.append(Skip(where, result.warning))
            if result.skip:
                report.skipped.append(result.skip)
            elif result.article:
                batch.append(result.article)
                spans.append(item.spans)
            if len(batch) >= BATCH:
                store(library, batch, spans, report, update)
        done += output.size
        if progress:
            read = report.added + report.updated + report.unchanged + report.kept + len(batch)
            progress(done, total, read)
    store(library, batch, spans, report, update)


def store(library: Library, batch: list[Article], spans: list[list[EntitySpan] | None] | None,
          report: IngestReport, update: bool = True) -> None:
    """Upsert a batch in one transaction, count it in the report, and empty the batch.

    `spans`: each article's entities when a worker extracted them, else None (storing
    extracts them). `update`: False leaves stored articles as they are.
    """
    if not batch:
        return
    merged: list[Merge] = []
    for status, article_id in library.articles.upsert(batch, entities=spans or None,
                                                      update=update, merged=merged):
        setattr(report, status, getattr(report, status) + 1)
        report.ids.append(article_id)
        if status in ("added", "updated"):
            report.changed_ids.append(article_id)
            if status == "added":
                report.new_ids.append(article_id)
    report.merged.extend(merged)  # after the commit: a failed batch names no merge
    batch.clear()
    if spans:
        spans.clear()


def index_seeds_if_empty(library: Library, seeds: str, *, max_bytes: int) -> IngestReport | None:
    """Give a fresh library the bundled seed articles, so a first start has something to read."""
    if library.articles.count_up_to(1):
        return None
    return add_sources(library, [seeds], max_bytes=max_bytes)


def holds_only_seeds(library: Library, seeds: str) -> bool:
    """Whether the library holds the bundled seed articles and nothing else: a first start,
    where the app says what newsreader is, where the library lives and how to add articles.

    Args:
        library: The library.
        seeds: The bundled seeds folder (`config.seeds_dir()`).
    """
    from pathlib import Path

    folder = Path(seeds)
    names = {entry.name for entry in folder.iterdir()} if folder.is_dir() else set()
    count = library.articles.count_up_to(len(names) + 1)  # a big library is not counted
    if not count or count > len(names):
        return False
    for article_id in library.orders.in_order(None, "newest"):
        article = library.articles.get(article_id)
        path = Path(article.path) if article and article.path else None
        if path is None or path.name not in names or path.parent.name != folder.name:
            return False
    return True
