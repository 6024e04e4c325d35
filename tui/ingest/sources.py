"""One interface over every kind of source: each yields LoadResults (articles or skips)."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import BinaryIO

from ..models import Article, Skip
from .clean import clean, decode
from .feeds import iter_feed
from .fetch import TIMEOUT_S, FetchError, fetch, is_url, sniff
from .files import (
    STDIN,
    LoadResult,
    Rejected,
    check_bytes,
    join_warnings,
    load,
    read_bytes,
    reason,
    strip_stray_nuls,
)
from .html import parse_html
from .records import DUMPS, iter_dump
from .text import parse_text

HTML = (".html", ".htm")
FEEDS = (".rss", ".atom", ".xml")
TEXT = (".txt", ".md", ".markdown", ".text")


def kind_of(source: str) -> str:
    """Name the kind of a source: "url", "html", "feed", "dump" or "text"."""
    if source != STDIN and is_url(source):
        return "url"
    suffix = os.path.splitext(source)[1].lower()
    if suffix in HTML:
        return "html"
    if suffix in FEEDS:
        return "feed"
    if suffix in DUMPS:
        return "dump"
    return "text"


def read_source(source: str, *, max_bytes: int, stdin: BinaryIO | None = None,
                fields: Mapping[str, str] | None = None, source_name: str = "",
                timeout: float = TIMEOUT_S) -> Iterator[LoadResult]:
    """Yield the articles and skips of one source, whatever its kind.

    A dump is streamed record by record; a feed yields one result per entry; a file or a page
    yields one result. Every expected failure is a skip with a one-line reason.

    Args:
        source: A path, a URL or "-".
        max_bytes: The size cap of a file, a download, or one record of a dump.
        stdin: The stream read for "-".
        fields: Field-name overrides for dumps (`{"text": "article_text"}`).
        source_name: The source of articles that name none.
        timeout: Seconds allowed to fetch a URL.
    """
    kind = kind_of(source)
    if kind == "text":
        yield load(source, max_bytes=max_bytes, stdin=stdin)
        return
    if kind == "dump":
        for item in iter_dump(source, max_bytes=max_bytes, fields=fields,
                              source_name=source_name):
            yield _result(item)
        return
    try:
        if kind == "url":
            fetched = fetch(source, max_bytes=max_bytes, timeout=timeout)
            data, kind = fetched.body, sniff(fetched)
            url = fetched.url
        else:
            data, url = read_bytes(source, max_bytes, stdin), ""
        data, warning = strip_stray_nuls(data)
        check_bytes(data)
    except (FetchError, Rejected) as exc:
        yield LoadResult(skip=Skip(source, str(exc)))
        return
    except OSError as exc:
        yield LoadResult(skip=Skip(source, reason(exc)))
        return
    yield from _parse(data, kind, source=source, url=url, source_name=source_name,
                      warning=warning)


def _parse(data: bytes, kind: str, *, source: str, url: str, source_name: str,
           warning: str | None = None) -> Iterator[LoadResult]:
    """Parse downloaded or read bytes by their kind; `warning` goes with the first result."""
    if kind == "feed":
        for item in iter_feed(data, path=source, source_name=source_name):
            result = _result(item)
            result.warning, warning = warning, None
            yield result
        return
    try:
        if kind == "html":
            article = parse_html(data, path=source, url=url)
            yield LoadResult(article=article, warning=warning)
        else:
            text, decoded = decode(data)
            article = parse_text(clean(text), path=source)
            article.url = article.url or url
            yield LoadResult(article=article, warning=join_warnings(warning, decoded))
    except ValueError as exc:
        yield LoadResult(skip=Skip(source, str(exc)), warning=warning)


def _result(item: Article | Skip) -> LoadResult:
    return LoadResult(skip=item) if isinstance(item, Skip) else LoadResult(article=item)
