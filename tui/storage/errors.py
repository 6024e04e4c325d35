"""What can go wrong with a library file, in words for people: `LibraryError`, SQLite's
errors explained, and the checks made before SQLite opens a file (not a regular file, not
writable). Every part raises `LibraryError`; nothing here opens a connection."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


class LibraryError(Exception):
    """A library that cannot be opened or written, with a one-line human reason."""


def check_file(path: Path, *, readonly: bool, create: bool) -> str:
    """Check the library file before SQLite opens it, making its folder when it is to be
    created; returns why an existing file cannot be written ("" when it can, or when
    `readonly` asks for no writes anyway).

    Raises:
        LibraryError: a folder, a fifo or a device; or missing, and not to be created.
    """
    if path.is_dir():
        raise LibraryError(f"library {path} is a folder, not a file")
    kind = special_kind(path)
    if kind:  # SQLite would read a fifo as a failing disk, /dev/null as an empty library
        raise LibraryError(f"library {path} is not a regular file ({kind}); "
                           "give the path of a library file")
    if not path.exists():
        if readonly or not create:
            raise LibraryError(f"no library at {path} (add articles with `newsreader add`)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(f"cannot create {path.parent}: {exc.strerror}") from None
        return ""
    return "" if readonly else unwritable(path)


def special_kind(path: Path) -> str:
    """What `path` is when it exists but is no regular file ("" otherwise): a fifo, a device,
    a socket."""
    import stat

    try:
        mode = path.stat().st_mode
    except OSError:
        return ""
    for test, name in ((stat.S_ISFIFO, "a fifo"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return ""


def unwritable(path: Path) -> str:
    """Why an existing library cannot be written ("" when it can). SQLite needs the file and,
    for the -wal and -shm files beside it, the folder. (Root passes both unless the file is
    immutable or on a read-only file system.)"""
    if not os.access(path, os.W_OK):
        return "the file is not writable"
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return "its folder is not writable"
    for suffix in ("-wal", "-shm"):
        # Made by someone else with narrower permissions (a team folder without its setgid
        # bit, say): every write would fail with "attempt to write a readonly database".
        side = Path(f"{path}{suffix}")
        if side.exists() and not os.access(side, os.W_OK):
            return f"its {suffix} file, made by another user, is not writable"
    return ""


_DAMAGE = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
"""What SQLite reports about a damaged file, whatever its words: a zeroed page of the
full-text index's config says "vtable constructor failed: articles_fts" (SQLITE_CORRUPT)."""


def damaged(exc: sqlite3.Error) -> bool:
    """Whether SQLite's error says the file is damaged or no database."""
    code = getattr(exc, "sqlite_errorcode", None)
    text = str(exc)
    # "vtable constructor failed": the full-text index could not read its own tables.
    return (isinstance(code, int) and code & 0xFF in _DAMAGE) or any(
        sign in text for sign in ("not a database", "malformed", "corrupt",
                                  "vtable constructor failed"))


def explain(path: Path, exc: sqlite3.Error) -> str:
    """One line for people about a SQLite error on the library at `path`."""
    text = str(exc)
    if damaged(exc):
        return (f"{path} is not a newsreader library (not a SQLite database, or damaged: "
                f"{text}); it was left as it is")
    if "readonly" in text or "read-only" in text:
        return f"library {path} is read-only: {text}"
    if "unable to open" in text:
        return f"cannot open library {path}: check that the folder exists and is writable"
    if "disk" in text and "full" in text:
        return f"the disk holding {path} is full; nothing was changed"
    if "disk I/O error" in text:
        return (f"could not write to {path} (disk I/O error: the disk may be full or failing, "
                "or the file too big for a limit); nothing was changed")
    return f"library {path}: {text}"

