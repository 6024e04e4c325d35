"""Stream the objects of a top-level JSON array without loading the whole file.

Linear and strict: each item's end is found by a scan that resumes where it stopped when more
text is read (nothing is scanned twice), the item is then parsed once, and the array's
grammar is checked between items (`[{"a":1} {"b":2},,{"c":3}]` is refused at the missing
comma, after its first item).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, TextIO

CHUNK = 65536
DEEP = "JSON nested too deeply"
"""The reason given for a record nested deeper than Python's parser recurses (~1,000)."""
LARGE = "item larger than the size limit"
NOT_CLOSED = "unexpected end of file (the array is not closed)"
_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[^ \t\r\n]")
"""The next character that is no JSON whitespace."""
_STRUCTURE = re.compile(r'["\[\]{}]')
_IN_STRING = re.compile(r'["\\]')
_SCALAR_END = re.compile(r"[ \t\r\n,\]}]")
"""Where a number or a literal (`true`, `null`...) ends."""


class _Text:
    """What has been read of the file: `text[pos:]` is still to be read, `line` is the line
    `pos` is on. Reading more drops what lies before `keep` (the current item's start)."""

    def __init__(self, handle: TextIO) -> None:
        self.handle = handle
        self.text = ""
        self.pos = 0
        self.line = 1
        self.eof = False

    def more(self, keep: int) -> int:
        """Read more (at least as much as is kept, so that growing an item is linear);
        returns how far offsets moved (what was dropped), or -1 at the end of the file."""
        if self.eof:
            return -1
        added = self.handle.read(max(CHUNK, len(self.text) - keep))
        if not added:
            self.eof = True
            return -1
        self.text = self.text[keep:] + added
        self.pos -= keep
        return keep

    def next_char(self) -> str:
        """Skip whitespace (counting lines); the next character, or "" at the end of file."""
        while True:
            found = _SPACE.search(self.text, self.pos)
            if found is not None:
                self.line += self.text.count("\n", self.pos, found.start())
                self.pos = found.start()
                return found.group()
            self.line += self.text.count("\n", self.pos)
            self.pos = len(self.text)
            if self.more(self.pos) < 0:
                return ""


def _scan(text: str, i: int, depth: int, in_string: bool) -> tuple[int | None, int, int, bool]:
    """Follow brackets and strings from `text[i]`: `(end, i, depth, in_string)`, where `end`
    is just past the value (None: the text ends first; call again from `i` with the state
    returned once more is read). Nothing is parsed: the value is only delimited."""
    while True:
        if in_string:
            found = _IN_STRING.search(text, i)
            if found is None:
                return None, len(text), depth, True
            if found.group() == "\\":
                if found.end() >= len(text):
                    return None, found.start(), depth, True  # the escaped character is next
                i = found.end() + 1
                continue
            i, in_string = found.end(), False
            if depth == 0:
                return i, i, 0, False  # a string on its own
            continue
        found = _STRUCTURE.search(text, i)
        if found is None:
            return None, len(text), depth, False
        char, i = found.group(), found.end()
        if char == '"':
            in_string = True
            continue
        depth += 1 if char in "[{" else -1
        if depth <= 0:
            return i, i, 0, False


def _item_end(src: _Text, max_bytes: int) -> int | str:
    """Where the value starting at `src.pos` ends, reading more as needed; or why not."""
    start = src.pos
    if src.text[start] in '[{"':
        i, depth, in_string = start, 0, False
        while True:
            end, i, depth, in_string = _scan(src.text, i, depth, in_string)
            if end is not None:
                return end
            if len(src.text) - start > max_bytes:
                return LARGE
            moved = src.more(start)
            if moved < 0:
                return "invalid JSON (unexpected end of file)"
            start, i = start - moved, i - moved
    while True:  # a number or a literal
        found = _SCALAR_END.search(src.text, start)
        if found is not None:
            return found.start()
        if len(src.text) - start > max_bytes:
            return LARGE
        moved = src.more(start)
        if moved < 0:
            return len(src.text)
        start -= moved


def _parse_once(text: str, start: int, end: int,
                max_bytes: int) -> dict[str, Any] | str | tuple[str]:
    """The value `text[start:end]` (found by `_item_end`), or why it is not read: a reason
    alone goes on to the next item, one in a tuple ends the stream (a syntax error)."""
    if end - start > max_bytes:
        return LARGE
    try:
        item, stop = _DECODER.raw_decode(text, start)
    except RecursionError:
        return DEEP
    except ValueError as exc:
        return (f"invalid JSON ({getattr(exc, 'msg', exc)})",)
    if stop != end:
        return ("invalid JSON (extra text after a value)",)
    return item if isinstance(item, dict) else "not a JSON object"


def iter_array(handle: TextIO, max_bytes: int) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """Yield (line number, object) for each item of a JSON array, or (line, reason).

    Only one item is held in memory at a time (at most `max_bytes` characters, plus a chunk).
    A syntax error ends the stream with a reason, since nothing after it can be trusted; an
    item that is no object, or nested too deeply to parse, is one reason and the stream goes
    on.

    Args:
        handle: A text stream positioned at the start of the file.
        max_bytes: The largest item read; a bigger one ends the stream with a reason.
    """
    src = _Text(handle)
    if src.next_char() != "[":
        yield src.line, "not a JSON array"
        return
    src.pos += 1
    char = src.next_char()
    if char == "]":
        return
    while True:
        if char == "":
            yield src.line, NOT_CLOSED
            return
        if char in ",]":
            yield src.line, f"invalid JSON (a value was expected, not {char!r})"
            return
        start, line = src.pos, src.line
        try:  # most items lie whole in what was read: parsed once, without a scan
            item, end = _DECODER.raw_decode(src.text, start)
        except (ValueError, RecursionError):
            end = 0
        if end and (end < len(src.text) or src.eof):
            if end - start > max_bytes:
                yield line, LARGE
            else:
                yield line, item if isinstance(item, dict) else "not a JSON object"
        else:
            end_or_reason = _item_end(src, max_bytes)
            if isinstance(end_or_reason, str):
                yield line, end_or_reason
                return
            end = end_or_reason
            start = src.pos  # reading more may have moved the item's offsets
            reason = _parse_once(src.text, start, end, max_bytes)
            if isinstance(reason, tuple):
                yield line, reason[0]
                return
            yield line, reason
        src.line += src.text.count("\n", start, end)
        src.pos = end
        char = src.next_char()
        if char == "]":
            return
        if char != ",":
            yield src.line, (NOT_CLOSED if char == ""
                             else f"invalid JSON (',' or ']' expected, not {char!r})")
            return
        src.pos += 1
        char = src.next_char()
