"""Stream the objects of a top-level JSON array without loading the whole file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TextIO

CHUNK = 65536
_DECODER = json.JSONDecoder()
_SPACE = " \t\r\n"


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
            except ValueError as exc:
                if eof or len(buffer) - pos > max_bytes:
                    reason = "item larger than the size limit" if not eof else (
                        f"invalid JSON ({getattr(exc, 'msg', exc)})")
                    yield line, reason
                    return
                more = handle.read(CHUNK)
                eof = not more
                buffer, pos = buffer[pos:] + more, 0
        if end - pos > max_bytes:
            yield line, "item larger than the size limit"
        else:
            yield line, item if isinstance(item, dict) else "not a JSON object"
        line += buffer.count("\n", pos, end)
        buffer, pos = buffer[end:], 0
