"""Stream a CSV file's rows in bounded memory, each with the line it starts on.

Python's csv module reads a row whole and, on any error, leaves its reader in the middle of a
record: a field past the size limit cost the rest of the file, and a quote that never closes
folds the rest of the file into one field. So records are cut here, by a small scanner that
follows the csv module's own rules for quotes (excel dialect, not strict), and only a record
within the size limit is kept and handed to the csv module to split into fields. A record past
the limit is read through without being kept; an unterminated quote is reported at the line
where it opened, and reading starts again on the next line.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any, TextIO

CHUNK = 65536
"""Characters read at a time from a line longer than this."""
MAX_RESTARTS = 8
"""Unterminated quotes after which the rest of a file is given up (each costs a re-read)."""

START, FIELD, QUOTED, QUOTE_IN_QUOTED = range(4)
"""The scanner's states, as in CPython's `_csv.c`: at the start of a field, in an unquoted
field, in a quoted field, just after a quote inside a quoted field."""
_ENDS = ("\n", "\r")


def advance(state: int, text: str) -> tuple[int, bool]:
    """The scanner's state after `text`, and whether a quoted field opened in it.

    Args:
        state: The state before `text`.
        text: Part of a physical line (the whole of it, or a piece of a very long one).
    """
    if state != QUOTED and '"' not in text:
        return (state if not text else START if text.endswith(",") else FIELD), False
    opened, i, size = False, 0, len(text)
    while i < size:
        if state == QUOTED:
            j = text.find('"', i)
            if j < 0:
                return QUOTED, opened
            state, i = QUOTE_IN_QUOTED, j + 1
        elif state == QUOTE_IN_QUOTED:
            char = text[i]
            state = QUOTED if char == '"' else START if char == "," else FIELD
            i += 1
        elif state == START:
            if text[i] == '"':
                state, opened = QUOTED, True
                i += 1
            else:
                state = FIELD
        else:  # FIELD: a quote inside an unquoted field is only a character
            j = text.find(",", i)
            if j < 0:
                return FIELD, opened
            state, i = START, j + 1
    return state, opened


def iter_csv(handle: TextIO, max_bytes: int) -> Iterator[tuple[int, dict[str, Any] | str]]:
    """Yield (line, row) for each row of a CSV file with a header, or (line, reason).

    Args:
        handle: The file, opened as text with `newline=""`, at its start.
        max_bytes: The most characters one row may hold; a longer one is skipped unread.
    """
    header: list[str] | None = None
    line, restarts = 0, 0
    while True:
        start, state, quote_line = line + 1, START, 0
        parts: list[str] = []
        size, ended = 0, False
        read, ends = handle.readline, _ENDS
        while True:
            chunk = read(CHUNK)
            if not chunk:
                ended = True
                break
            if state != QUOTED or '"' in chunk:  # inside a quoted text most lines have none
                state, opened = advance(state, chunk)
                if opened:
                    quote_line = line + 1
            size += len(chunk)
            if size <= max_bytes:
                parts.append(chunk)
            elif parts:
                parts = []  # too big: read on to the row's end without keeping it
            if chunk.endswith(ends):
                line += 1
                if state != QUOTED:
                    break
        if ended and state == QUOTED:
            yield quote_line, "unterminated quote: it opens here and never closes"
            restarts += 1
            if restarts > MAX_RESTARTS:
                yield quote_line, "too many unterminated quotes: the rest of the file is skipped"
                return
            line = _restart(handle, quote_line)  # the next line may start a good row
            continue
        if size > max_bytes:
            yield start, "row larger than the size limit"
        elif parts:
            row = _split("".join(parts))
            if isinstance(row, str):
                yield start, row
            elif header is None:
                header = row
            elif row:
                yield start, _as_dict(header, row)
        if ended:
            return


def _as_dict(header: list[str], row: list[str]) -> dict[str, Any]:
    """A row as `csv.DictReader` gives it: missing fields None, extra ones under None."""
    record: dict[Any, Any] = dict(zip(header, row, strict=False))
    if len(row) < len(header):
        record.update(dict.fromkeys(header[len(row):]))
    elif len(row) > len(header):
        record[None] = row[len(header):]
    return record


def _split(record: str) -> list[str] | str:
    """The fields of one whole record, or a reason; [] for a blank line."""
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(record) + 1))  # the record is within the size limit
    try:
        return next(csv.reader([record]), [])
    except csv.Error as exc:
        return f"malformed CSV ({exc})"
    finally:
        csv.field_size_limit(limit)


def _restart(handle: TextIO, line: int) -> int:
    """Go back to just after physical line `line`; return it."""
    handle.seek(0)
    done = 0
    while done < line:
        chunk = handle.readline(CHUNK)
        if not chunk:
            break
        done += chunk.endswith(_ENDS)
    return done
