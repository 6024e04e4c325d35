"""Many texts through the extractor in one process: `newsreader entities --jsonl`.

Each input line is a JSON object `{"id", "title", "text"}` or the path of a file; each gives
one output record, in order: the names found, or a one-line error that says what was wrong
with that line. A bad line never stops the others.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from tui.entities import extract_document

UNSAFE = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
"""Characters JSON may carry raw that a terminal would act on: escaped on output."""
CHUNK = 1 << 16


def dumps(record: dict[str, Any]) -> str:
    """One record as a JSON line that is safe to print on a terminal."""
    text = json.dumps(record, ensure_ascii=False)
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, the line's bytes) for each line; None for a line over `max_bytes`,
    which is read past in chunks so that memory stays bounded."""
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # skip the rest of the oversized line
                rest = stream.readline(CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line


def _document(record_id: Any, title: str, text: str) -> dict[str, Any]:
    found = extract_document(title, text)
    return {"id": record_id, "title": title, "text": text,
            "entities": [s.to_dict() for s in found if not s.in_title],
            "title_entities": [s.to_dict() for s in found if s.in_title]}


def record(number: int, raw: bytes | None, *, max_bytes: int,
           load_file: Callable[[str], tuple[str, str]]) -> dict[str, Any]:
    """The output record of one input line.

    Args:
        number: the line's number (from 1), named in errors.
        raw: the line's bytes, or None when it was too long.
        max_bytes: the limit that made it too long.
        load_file: reads and cleans a file as `newsreader add` would: (title, body), or
            raises ValueError with a one-line reason.

    Returns:
        `{"id", "title", "text", "entities", "title_entities"}` (offsets into "text" and
        "title"), or `{"id", "line", "error"}`.
    """
    if raw is None:
        return _error(number, None, f"longer than {max_bytes:,} bytes")
    try:
        line = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        return _error(number, None, "not UTF-8")
    if not line.startswith("{"):
        try:
            title, body = load_file(line)
        except ValueError as exc:
            return _error(number, line, str(exc))
        return _document(line, title, body)
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return _error(number, None, f"not JSON ({exc.msg}, column {exc.colno})")
    if not isinstance(data, dict):
        return _error(number, None, "not a JSON object")
    record_id = data.get("id")
    if record_id is not None and not isinstance(record_id, (str, int, float, bool)):
        return _error(number, None, '"id" must be a string or a number')
    text = data.get("text", data.get("body"))
    given = data.get("title")
    if not isinstance(text, str):
        return _error(number, record_id, 'no "text" string')
    if given is not None and not isinstance(given, str):
        return _error(number, record_id, '"title" must be a string')
    return _document(record_id, given or "", text)


def _error(number: int, record_id: Any, reason: str) -> dict[str, Any]:
    return {"id": record_id, "line": number, "error": f"line {number}: {reason}"}
