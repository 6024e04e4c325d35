"""Reads that give way: queries that stop once their result is no longer wanted, or pause
while the person waits for something else, and long id lists parsed a piece at a time.

A thread that reads a million ids holds the GIL while their JSON text is parsed (about 0.15 s
in one call at a million articles): the UI thread, which draws and reads keys, waits as long.
Parsed in pieces, it gets the GIL back between them; and a `pause()` given by the caller (the
app's `threads.Foreground.pause`) may wait there, and in SQLite's progress handler, while a
search the person typed runs."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

STEPS = 2000
"""SQLite's progress handler runs every this many steps of its virtual machine (about 0.1 ms)."""

PIECE = 1 << 18
"""Characters of an id list's JSON parsed at once (about 35,000 ids, a few milliseconds)."""

Pause = Callable[[], None]
"""Called at pause points of a background read; may wait (see `threads.Foreground`)."""


@contextmanager
def progress(conn: sqlite3.Connection, *, cancelled: Callable[[], bool] | None = None,
             pause: Pause | None = None) -> Iterator[None]:
    """Queries on `conn` within call `pause()` every STEPS steps, and stop early
    (sqlite3.OperationalError "interrupted") once `cancelled()` is true. It replaces the
    connection's handler and removes it at the end: not to be nested on one connection."""
    if cancelled is None and pause is None:
        yield
        return

    def handler() -> int:
        if pause is not None:
            pause()
        return 1 if cancelled is not None and cancelled() else 0

    conn.set_progress_handler(handler, STEPS)
    try:
        yield
    finally:
        conn.set_progress_handler(None, 0)


def interrupted(exc: sqlite3.OperationalError) -> bool:
    """Whether `exc` is a query stopped by `progress`'s `cancelled`."""
    return "interrupted" in str(exc)


def parse_ids(text: str, pause: Pause | None = None) -> list[int]:
    """The ids of a `json_group_array` text (`[1,2,3]`), parsed PIECE characters at a time
    when long, with `pause()` between the pieces."""
    if len(text) <= PIECE:
        ids: list[int] = json.loads(text)
        return ids
    ids, start, end = [], 1, len(text) - 1  # between the brackets
    while start < end:
        cut = text.find(",", min(start + PIECE, end))
        cut = end if cut < 0 else cut
        ids += json.loads("[" + text[start:cut] + "]")
        start = cut + 1
        if pause is not None:
            pause()
    return ids
