"""Opening a library that cannot or must not be written, without creating anything beside
it, and the notice that says what that means for the person reading it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .errors import unwritable


def connect_readonly(path: Path, *, snapshot: bool, timeout: float,
                     factory: type[sqlite3.Connection]) -> tuple[sqlite3.Connection, bool]:
    """`mode=ro` when that creates nothing beside the library, else `immutable=1`.

    SQLite reads a WAL library with `mode=ro` through its -wal and -shm files, and creates
    them when they are missing and the folder is writable: owned by the reader, they then
    broke the owner's writes ("attempt to write a readonly database") and, in a sticky
    folder, could not even be deleted. So `mode=ro` is used only when both files exist
    already (a writer has the library open, or left them: SQLite then opens them read-only,
    and live changes are seen) or when we could write the library anyway; otherwise
    `immutable=1`, which needs neither file but assumes nothing else writes. A library with
    no -wal file has nothing committed outside the main file, so nothing is missed but what
    others change while it is open (the notice says so).

    Args:
        path: the library file.
        snapshot: an earlier connection had to read it with `immutable=1`: so does this one.
        timeout: the busy timeout, seconds.
        factory: the connection class.

    Returns:
        The connection, and whether it reads a snapshot (`immutable=1`).
    """
    uri = path.resolve().as_uri()
    if not snapshot and shareable(path):
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout,
                               isolation_level=None, factory=factory)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn, False
        except sqlite3.Error as exc:
            conn.close()
            if not isinstance(exc, sqlite3.OperationalError) or (
                    "readonly" not in str(exc) and "unable to open" not in str(exc)):
                raise
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=timeout,
                           isolation_level=None, factory=factory), True


def shareable(path: Path) -> bool:
    """Whether `mode=ro` may open the library: it cannot create anything beside it that the
    library's owner would not have made (see `connect_readonly`)."""
    if not unwritable(path):  # read-only by choice: what SQLite makes is ours anyway
        return True
    return Path(f"{path}-wal").exists() and Path(f"{path}-shm").exists()


def readonly_notice(path: Path, reason: str, *, snapshot: bool) -> str:
    """One line for people about a library that opened read-only by itself, and why."""
    text = (f"library {path} is read-only ({reason}): reading and searching work, changes "
            "cannot be saved")
    if snapshot:
        text += ("; it is read as it is on disk, creating nothing beside it, so changes "
                 "other programs make while it is open will not be seen")
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size:
            text += ", nor the latest ones, left in its -wal file"
    return text
