"""Ingest in two halves: reading + extracting (in worker processes), storing (in this one).

Reading, cleaning and entity extraction are pure Python and CPU-bound, so a large batch is cut
into jobs (a few files, or a chunk of a dump's records) that worker processes run while this
process, the only writer, stores what they return in batched transactions. Jobs are submitted
a few at a time and their results taken in order, so memory stays bounded by the window (not by
the size of a dump) and the report lists articles in the order of the sources. Small batches
run the same jobs in this process: starting workers costs more than they would save.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from ..config import cores, max_workers
from ..entities import extract_document
from ..models import Article, EntitySpan, Skip
from ..storage.identity import article_uid, count_words
from .fetch import TIMEOUT_S
from .files import STDIN, LoadResult
from .links import vet_url
from .records import Record, iter_records, record_article
from .sources import kind_of, read_source

PARALLEL_MIN_BYTES = 4 * 1024 * 1024
"""Smaller batches run in this process: starting workers costs more than they save."""
JOB_BYTES = 256 * 1024
"""About this much input per job: big enough to amortise the hand-over, small for balance."""
JOB_RECORDS = 100
"""Records of a dump per job."""
WORKER_NICENESS = 5
"""Workers run at a lower priority than the writer (see `_worker_started`)."""
WINDOW_PER_WORKER = 3
"""Jobs in flight per worker: enough to keep each busy, few enough to bound memory."""


@dataclass
class Options:
    """What every job needs to know, the same for the whole batch."""

    max_bytes: int
    source_name: str = ""
    source_from_folder: bool = False
    """An article read from a file that names no source gets its folder's name as one."""
    fields: Mapping[str, str] | None = None
    timeout: float = TIMEOUT_S


@dataclass
class ReadJob:
    """What one worker reads in one go: some whole sources, or a chunk of one dump's
    records."""

    sources: list[str] = field(default_factory=list)
    dump: str = ""
    records: list[Record | Skip] = field(default_factory=list)
    size: int = 0
    """Input bytes this job finishes, for progress."""


@dataclass
class Extracted:
    """One source or record read and its entities extracted, ready to store: the article with
    its uid and word count (or why it was skipped), and its entities."""

    result: LoadResult
    spans: list[EntitySpan] | None = None


@dataclass
class JobOutput:
    """What one `ReadJob` gave, in source order."""

    items: list[Extracted]
    size: int
    cpu: float = 0.0
    """CPU seconds the job took where it ran (for benchmarks)."""

    def __reduce__(self) -> tuple[Callable[..., JobOutput], tuple[Any, ...]]:
        # Crossing from a worker as plain tuples, not dataclasses, takes a sixth of the time,
        # which the single writer would otherwise pay for every article.
        packed: list[tuple[Any, ...]] = []
        for item in self.items:
            article, skip, warning = item.result.article, item.result.skip, item.result.warning
            if article is None:
                packed.append((None, (skip.source, skip.reason) if skip else None, warning, None))
            else:
                spans = None if item.spans is None else [astuple(span) for span in item.spans]
                packed.append((astuple(article), None, warning, spans))
        return _unpack, (packed, self.size, self.cpu)


def astuple(record: Any) -> tuple[Any, ...]:
    """A record's fields as a flat tuple (shallow, unlike dataclasses.astuple)."""
    return tuple(getattr(record, name) for name in record._fields)


def _unpack(packed: list[tuple[Any, ...]], size: int, cpu: float) -> JobOutput:
    items = []
    for article, skip, warning, spans in packed:
        result = LoadResult(article=Article(*article) if article else None,
                            skip=Skip(*skip) if skip else None, warning=warning)
        items.append(Extracted(result, None if spans is None
                                 else [EntitySpan(*span) for span in spans]))
    return JobOutput(items, size, cpu)


def worker_count(sizes: Mapping[str, int], workers: int | None) -> int:
    """How many processes to use: `workers` if given (at most `max_workers()`), else one per
    core for large batches."""
    if workers is not None:
        return max(1, min(workers, max_workers()))
    if sum(sizes.values()) < PARALLEL_MIN_BYTES:
        return 1
    return cores()


def source_sizes(paths: list[str]) -> dict[str, int]:
    """Bytes of each local file (0 for URLs, standard input and what cannot be stat'ed)."""
    sizes = {}
    for path in paths:
        try:
            sizes[path] = 0 if path == STDIN or kind_of(path) == "url" else os.path.getsize(path)
        except OSError:
            sizes[path] = 0
    return sizes


def read_jobs(paths: list[str], sizes: Mapping[str, int], options: Options) -> Iterator[ReadJob]:
    """Cut the sources into jobs, streaming dumps record by record."""
    pending = ReadJob()
    for path in paths:
        kind = "stdin" if path == STDIN else kind_of(path)
        if kind == "dump":
            if pending.sources:
                yield pending
                pending = ReadJob()
            yield from _dump_jobs(path, sizes.get(path, 0), options)
            continue
        pending.sources.append(path)
        pending.size += sizes.get(path, 0)
        if pending.size >= JOB_BYTES or kind in ("stdin", "url"):
            yield pending
            pending = ReadJob()
    if pending.sources:
        yield pending


def _dump_jobs(path: str, size: int, options: Options) -> Iterator[ReadJob]:
    job, reported = ReadJob(dump=path), 0
    for item in iter_records(path, max_bytes=options.max_bytes):
        job.records.append(item)
        if len(job.records) >= JOB_RECORDS and isinstance(item, Record):
            done = min(item.offset, size)
            job.size, reported = done - reported, done
            yield job
            job = ReadJob(dump=path)
    job.size = size - reported
    yield job


def run_job(job: ReadJob, options: Options, stdin: BinaryIO | None = None) -> JobOutput:
    """Read, clean and extract one job's articles (in a worker, or in this process)."""
    started = time.process_time()
    items: list[Extracted] = []
    if job.dump:
        for item in job.records:
            if isinstance(item, Skip):
                items.append(Extracted(LoadResult(skip=item)))
                continue
            try:
                article = record_article(job.dump, item.where, item.record,
                                         fields=options.fields, source_name=options.source_name)
                result = (LoadResult(skip=article) if isinstance(article, Skip)
                          else LoadResult(article=article))
                items.append(_prepare(result, options))
            except Exception as exc:  # noqa: BLE001 - one bad record must not stop the batch
                items.append(Extracted(LoadResult(skip=Skip(
                    f"{job.dump}:{item.line}", _unexpected(exc)))))
        return JobOutput(items, job.size, time.process_time() - started)
    for source in job.sources:
        try:
            for result in read_source(source, max_bytes=options.max_bytes, stdin=stdin,
                                      fields=options.fields, source_name=options.source_name,
                                      timeout=options.timeout):
                items.append(_prepare(result, options))
        except Exception as exc:  # noqa: BLE001 - one bad source must not stop the batch
            items.append(Extracted(LoadResult(skip=Skip(source, _unexpected(exc)))))
    return JobOutput(items, job.size, time.process_time() - started)


def _unexpected(exc: BaseException) -> str:
    """The reason given for a source that failed in a way no reader foresaw."""
    return f"could not be read ({type(exc).__name__}: {exc})"[:200]


def _prepare(result: LoadResult, options: Options) -> Extracted:
    """Give an article what storing it needs: uid, word count and entities."""
    article = result.article
    if article is None:
        return Extracted(result)
    dropped = vet_url(article)
    if dropped:
        result.warning = f"{result.warning}; {dropped}" if result.warning else dropped
    if options.source_from_folder and not article.source:
        article.source = folder_source(article.path)
    if options.source_name and not article.source:
        article.source = options.source_name
    article.uid = article.uid or article_uid(article)
    article.word_count = article.word_count or count_words(article.body)
    return Extracted(result, extract_document(article.title, article.body))


def folder_source(path: str) -> str:
    """The name of the folder holding the file at `path` ("" for standard input and URLs):
    `bbc/business/001.txt` is from business. Cleaned like any source."""
    if not path or path == STDIN or kind_of(path) == "url":
        return ""
    from .clean import clean

    return clean(os.path.basename(os.path.dirname(os.path.abspath(path.split("#")[0]))))


def run(paths: list[str], sizes: Mapping[str, int], options: Options, *, workers: int,
        stdin: BinaryIO | None = None) -> Iterator[JobOutput]:
    """Yield each job's output in order, run by `workers` processes (1: in this one)."""
    if workers <= 1:
        for job in read_jobs(paths, sizes, options):
            yield run_job(job, options, stdin)
        return
    context = multiprocessing.get_context(
        "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
    if context.get_start_method() == "forkserver":
        # Workers fork from a server that imported this module (and the extractor) once.
        context.set_forkserver_preload([__name__])
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_started,
                               initargs=(os.getpid(),))
    window: deque[Future[JobOutput] | JobOutput] = deque()
    try:
        for job in read_jobs(paths, sizes, options):
            if job.sources == [STDIN]:
                window.append(run_job(job, options, stdin))  # only this process has it
            else:
                window.append(pool.submit(run_job, job, options))
            while len(window) >= workers * WINDOW_PER_WORKER:
                yield _take(window.popleft())
        while window:
            yield _take(window.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _take(item: Future[JobOutput] | JobOutput) -> JobOutput:
    if isinstance(item, JobOutput):
        return item
    try:
        return item.result()
    except BrokenProcessPool:
        raise RuntimeError("a worker process died while reading articles (out of memory?)") \
            from None


def _worker_started(parent: int) -> None:
    """In each worker: leave Ctrl-C to the parent, yield to it, and exit when it is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The single writer is what every worker waits on: when cores are short it should win.
    with contextlib.suppress(OSError, AttributeError):
        os.nice(WORKER_NICENESS)

    spawner = os.getppid()  # the forkserver, which exits as soon as the parent dies

    def watch() -> None:
        while True:
            time.sleep(0.5)
            try:
                os.kill(parent, 0)  # a dead parent may linger as a zombie: also watch...
                alive = os.getppid() == spawner  # ...our own parent, reparented when it goes
            except ProcessLookupError:
                alive = False
            except PermissionError:
                alive = True
            if not alive:
                os._exit(1)  # killed (even with SIGKILL): nobody will take our results

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()
