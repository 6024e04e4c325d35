"""Stream the objects of a top-level JSON array without loading the whole file."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import TextIO

CHUNK = 65536
DEEP = "JSON nested too deeply"
"""The reason given for a record nested deeper than Python's parser recurses (~1,000)."""
_DECODER = json.JSONDecoder()
_SPACE = " \t\r\n"
_TOO_DEEP = object()
_STRUCTURE = re.compile(r'["\[\]{}]')
_IN_STRING = re.compile(r'["\\]')


def iter_array(handle: TextIO, max_bytes: int) -> Iterator[tuple[int, dict | str]]:
    """Yield (line number, object) for each item of a JSON array, or (line, reason).

    Only one item is held in memory at a time (at most `max_bytes` characters). A syntax error
    ends the stream with a reason, since nothing after it can be trusted.

    Args:
        handle: A text stream positioned at the start of the file.
        max_bytes: The largest item read; a bigger one ends the stream with a reason.
    """
    raw = handle.read(CHUNK)
    buffer = raw.lstrip(_SPACE)
    line = 1 + raw[: len(raw) - len(buffer)].count("\n")
    if not buffer.startswith("["):
        yield line, "not a JSON array"
        return
    pos, eof = 1, False
    while True:
        # Skip whitespace and the comma between items, counting lines as they go by.
        while True:
            while pos < len(buffer) and buffer[pos] in _SPACE + ",":
                line += buffer[pos] == "\n"
                pos += 1
            if pos < len(buffer) or eof:
                break
            buffer, pos = handle.read(CHUNK), 0
            eof = not buffer
        if pos >= len(buffer):
            yield line, "unexpected end of file (the array is not closed)"
            return
        if buffer[pos] == "]":
            return
        while True:
            try:
                item, end = _DECODER.raw_decode(buffer, pos)
                if end == len(buffer) and not eof:
                    raise ValueError("a number may continue in the next chunk")
                break
            except RecursionError:
                end = value_end(buffer, pos)
                if end is None and not eof and len(buffer) - pos <= max_bytes:
                    # Twice as much each time: scanning again from the item's start stays
                    # linear in its size.
                    more = handle.read(max(CHUNK, len(buffer) - pos))
                    eof = not more
                    buffer, pos = buffer[pos:] + more, 0
                    continue
                if end is None:
                    yield line, DEEP if eof else "item larger than the size limit"
                    return
                item = _TOO_DEEP
                break
            except ValueError as exc:
                if eof or len(buffer) - pos > max_bytes:
                    reason = "item larger than the size limit" if not eof else (
                        f"invalid JSON ({getattr(exc, 'msg', exc)})")
                    yield line, reason
                    return
                more = handle.read(max(CHUNK, len(buffer) - pos))  # linear, as above
                eof = not more
                buffer, pos = buffer[pos:] + more, 0
        if end - pos > max_bytes:
            yield line, "item larger than the size limit"
        elif item is _TOO_DEEP:
            yield line, DEEP
        else:
            yield line, item if isinstance(item, dict) else "not a JSON object"
        line += buffer.count("\n", pos, end)
        buffer, pos = buffer[end:], 0


def value_end(text: str, pos: int) -> int | None:
    """Where the array or object starting at `text[pos]` ends, found without recursion (for
    items nested too deeply to parse); None when `text` ends first.

    Only brackets and strings are followed: the item is skipped, not checked.
    """
    depth, i = 0, pos
    while True:
        found = _STRUCTURE.search(text, i)
        if found is None:
            return None
        char, i = found.group(), found.end()
        if char == '"':
            while True:  # to the string's closing quote, past escaped characters
                inside = _IN_STRING.search(text, i)
                if inside is None:
                    return None
                i = inside.end()
                if inside.group() == '"':
                    break
                i += 1  # the escaped character
            continue
        depth += 1 if char in "[{" else -1
        if depth == 0:
            return i
