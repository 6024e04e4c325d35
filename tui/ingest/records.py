"""Dataset dumps (JSON Lines, a JSON array, CSV) -> one article per record, streamed."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TextIO

from ..models import Article, Skip
from ..text import sanitize
from .clean import clean
from .csv_stream import iter_csv
from .html import html_to_text, looks_like_html
from .json_stream import DEEP, iter_array

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
            path, item.where, item.record, fields=fields, source_name=source_name)


@dataclass
class Record:
    """One parsed record of a dump, where it was, and how far into the file reading got."""

    line: int
    record: dict[str, Any]
    offset: int
    """Bytes of the file read so far (read-ahead included): for progress, not for seeking."""
    part: int = 0
    """The record's rank among those starting on the same line (a JSON array on one line)."""

    @property
    def where(self) -> str:
        """The record's place in its file: its line, and its rank when the line holds several
        (`7`, `7.2`): an article's path must tell its record from every other one."""
        return f"{self.line}.{self.part}" if self.part else str(self.line)


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
        line, last, part = 0, 0, 0
        try:
            for line, record in _records(handle, path, max_bytes):
                part = part + 1 if line == last else 0
                last = line
                if isinstance(record, str):
                    yield Skip(f"{path}:{line}", record)
                else:
                    yield Record(line, record, raw.tell() if raw is not None else 0, part)
        except (OSError, ValueError, RecursionError, MemoryError) as exc:
            # Whatever a file holds, the rest of the batch goes on: this file stops here.
            where = f"{path}:{line + 1}" if line else path
            yield Skip(where, f"could not be read further ({type(exc).__name__}: {exc})"[:200])


def record_article(path: str, line: int | str, record: dict[str, Any], *,
                   fields: Mapping[str, str] | None = None, source_name: str = "",
                   ) -> Article | Skip:
    """Turn one record (at line `line` of dump `path`, see `Record.where`) into a clean
    article, or a skip."""
    try:
        return _article(record, fields or {}, path=f"{path}#{line}",
                        source=source_name or os.path.basename(path))
    except ValueError as exc:
        return Skip(f"{path}:{line}", str(exc))
    except RecursionError:  # lists in lists in a field, nested deeper than Python recurses
        return Skip(f"{path}:{line}", DEEP)


def _records(handle: TextIO, path: str,
             max_bytes: int) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """Yield (line number, record) or (line number, reason) for each record in the file."""
    if path.lower().endswith(".csv"):
        yield from iter_csv(handle, max_bytes)
        return
    head = handle.read(1)
    while head and head.isspace():
        head = handle.read(1)
    handle.seek(0)
    if head == "[":
        yield from iter_array(handle, max_bytes)
        return
    for number, line in _lines(handle, max_bytes):
        if line is None:
            yield number, "record larger than the size limit"
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield number, f"invalid JSON ({getattr(exc, 'msg', exc)})"
            continue
        except RecursionError:
            yield number, DEEP
            continue
        yield number, record if isinstance(record, dict) else "not a JSON object"


LINE_CHUNK = 65536
"""Characters read at a time while passing over a line too long to keep."""


def _lines(handle: TextIO, max_bytes: int) -> Iterator[tuple[int, str | None]]:
    """Each line with its number, or None for one longer than `max_bytes`, which is read
    through in pieces and never held whole (a 300 MB line costs no more than a short one)."""
    number = 0
    while True:
        line = handle.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if line.endswith(("\n", "\r")):
            yield number, line if len(line.rstrip("\r\n")) <= max_bytes else None
        elif len(line) <= max_bytes:
            yield number, line  # the last line, without a newline
        else:
            while (rest := handle.readline(LINE_CHUNK)) and not rest.endswith(("\n", "\r")):
                pass
            yield number, None


def _article(record: dict[str, Any], fields: Mapping[str, str], *, path: str, source: str) -> Article:
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
