"""Dataset dumps (JSON Lines, a JSON array, CSV) -> one article per record, streamed."""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TextIO

from ..models import Article, Skip
from .clean import clean, sanitize
from .html import html_to_text, looks_like_html
from .json_stream import iter_array

DUMPS = (".jsonl", ".ndjson", ".json", ".csv")
FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "article", "maintext"),
    "url": ("url", "link"),
    "date": ("date", "published", "published_at", "pubdate", "date_publish"),
    "source": ("source", "publication", "outlet", "source_domain"),
    "author": ("author", "authors", "byline"),
}
"""Each article field and the record fields looked for, in order, case-insensitively."""
ALIASES = {"body": "text", "content": "text", "link": "url", "published": "date"}
TITLE_MAX = 120
_SENTENCE = re.compile(r"(?<=[.!?])\s")


def parse_field_overrides(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """Parse `NAME=FIELD` options into a mapping, e.g. `text=article_text`.

    Raises:
        ValueError: With a one-line reason for a malformed pair or an unknown NAME.
    """
    overrides: dict[str, str] = {}
    for pair in pairs:
        name, sep, field = pair.partition("=")
        name = ALIASES.get(name.strip().lower(), name.strip().lower())
        if not sep or not field.strip():
            raise ValueError(f"--field takes NAME=FIELD, not {pair!r}")
        if name not in FIELDS:
            raise ValueError(f"--field: unknown name {name!r} (one of {', '.join(FIELDS)})")
        overrides[name] = field.strip()
    return overrides


def iter_dump(path: str, *, max_bytes: int, fields: Mapping[str, str] | None = None,
              source_name: str = "") -> Iterator[Article | Skip]:
    """Stream the records of a dump as articles, or skips that name the line.

    Args:
        path: A .jsonl/.ndjson, .json (an array, or JSON Lines) or .csv file with a header.
        max_bytes: A record larger than this is skipped.
        fields: Overrides of the field names, e.g. `{"text": "article_text"}`.
        source_name: The source of records that name none (default: the file name).
    """
    for item in iter_records(path, max_bytes=max_bytes):
        yield item if isinstance(item, Skip) else record_article(
            path, item.line, item.record, fields=fields, source_name=source_name)


@dataclass
class Record:
    """One parsed record of a dump, where it was, and how far into the file reading got."""

    line: int
    record: dict
    offset: int
    """Bytes of the file read so far (read-ahead included): for progress, not for seeking."""


def iter_records(path: str, *, max_bytes: int) -> Iterator[Record | Skip]:
    """Stream a dump's records, or skips that name the line; nothing is held but one record.

    Reading and JSON/CSV parsing stay cheap; turning a record into a clean article
    (`record_article`) is the costly half, which `tui.ingest.pipeline` spreads over processes.
    """
    try:
        handle = open(path, encoding="utf-8-sig", errors="replace", newline="")  # noqa: SIM115
    except OSError as exc:
        yield Skip(path, f"cannot read: {(exc.strerror or type(exc).__name__).lower()}")
        return
    with handle:
        raw = handle.buffer.raw if hasattr(handle.buffer, "raw") else None
        for line, record in _records(handle, path, max_bytes):
            if isinstance(record, str):
                yield Skip(f"{path}:{line}", record)
            else:
                yield Record(line, record, raw.tell() if raw is not None else 0)


def record_article(path: str, line: int, record: dict, *, fields: Mapping[str, str] | None = None,
                   source_name: str = "") -> Article | Skip:
    """Turn one record (line `line` of dump `path`) into a clean article, or a skip."""
    try:
        return _article(record, fields or {}, path=f"{path}#{line}",
                        source=source_name or os.path.basename(path))
    except ValueError as exc:
        return Skip(f"{path}:{line}", str(exc))


def _records(handle: TextIO, path: str, max_bytes: int) -> Iterator[tuple[int, dict | str]]:
    """Yield (line number, record) or (line number, reason) for each record in the file."""
    if path.lower().endswith(".csv"):
        yield from _csv_records(handle, max_bytes)
        return
    head = handle.read(1)
    while head and head.isspace():
        head = handle.read(1)
    handle.seek(0)
    if head == "[":
        yield from iter_array(handle, max_bytes)
        return
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        if len(line) > max_bytes:
            yield number, "record larger than the size limit"
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield number, f"invalid JSON ({exc.msg})"
            continue
        yield number, record if isinstance(record, dict) else "not a JSON object"


def _csv_records(handle: TextIO, max_bytes: int) -> Iterator[tuple[int, dict | str]]:
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, max_bytes))
    try:
        reader = csv.DictReader(handle)
        start = 2
        try:
            for row in reader:
                yield start, row
                start = reader.line_num + 1
        except csv.Error as exc:
            yield reader.line_num, f"malformed CSV ({exc})"
    finally:
        csv.field_size_limit(limit)


def _article(record: dict, fields: Mapping[str, str], *, path: str, source: str) -> Article:
    lowered = {str(k).strip().lower(): v for k, v in record.items() if k is not None}

    def pick(name: str) -> str:
        names = (fields[name], *FIELDS[name]) if name in fields else FIELDS[name]
        for key in names:
            value = _as_text(lowered.get(key.lower()))
            if value:
                return value
        return ""

    text = pick("text")
    body = clean(html_to_text(text) if looks_like_html(text) else text)
    if not body:
        raise ValueError("no text")
    title = clean(pick("title")) or _SENTENCE.split(body.split("\n", 1)[0], 1)[0][:TITLE_MAX]
    url = sanitize(pick("url")).strip()
    return Article(
        title=title,
        body=body,
        source=clean(pick("source")) or clean(source),  # the default may be a file name
        author=clean(pick("author")),
        url=url,  # kept or dropped, with a warning, by tui.ingest.links
        published=clean(pick("date")),
        path=path,
    )


def _as_text(value: object) -> str:
    """A record value as text: lists are joined, objects give their name, null is empty."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, list):
        return ", ".join(v for v in (_as_text(item) for item in value) if v)
    if isinstance(value, dict):
        return _as_text(value.get("name") or value.get("title"))
    return str(value).strip()
