"""What can go wrong with a library file, in words for people: `LibraryError`, SQLite's
errors explained, and the checks made before SQLite opens a file (not a regular file, not
writable). Every part raises `LibraryError`; nothing here opens a connection."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `newsreader search` need not import typing
if TYPE_CHECKING:
    from pathlib import Path


class LibraryError(Exception):
    """A library that cannot be opened or written, with a one-line human reason."""


def check_file(path: str | Path, *, readonly: bool, create: bool) -> str:
    """Check the library file before SQLite opens it, making its folder when it is to be
    created; returns why an existing file cannot be written ("" when it can, or when
    `readonly` asks for no writes anyway). Made of `os` calls, not `pathlib` (which a one-off
    search would load for this alone).

    Raises:
        LibraryError: a folder, a fifo or a device; or missing, and not to be created.
        OSError: it cannot be looked at (a folder on its way that we may not enter).
    """
    mode = _mode(path)
    if mode is not None and stat.S_ISDIR(mode):
        raise LibraryError(f"library {path} is a folder, not a file")
    kind = special_kind(mode)
    if kind:  # SQLite would read a fifo as a failing disk, /dev/null as an empty library
        raise LibraryError(f"library {path} is not a regular file ({kind}); "
                           "give the path of a library file")
    if mode is None:
        if readonly or not create:
            raise LibraryError(f"no library at {path} (add articles with `newsreader add`)")
        folder = _folder(path)
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as exc:
            raise LibraryError(f"cannot create {folder}: {exc.strerror}") from None
        return ""
    return "" if readonly else unwritable(path)


_ABSENT = {errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP}
"""Errors that mean nothing is at a path (as `pathlib`'s `exists()` takes them)."""


def _mode(path: str | Path) -> int | None:
    """The mode of what is at `path` (links followed); None when nothing is.

    Raises:
        OSError: it cannot be looked at, for another reason than not being there."""
    try:
        return os.stat(path).st_mode
    except OSError as exc:
        if exc.errno not in _ABSENT:
            raise
        return None
    except ValueError:  # a path no file can have (a NUL in it)
        return None


def _folder(path: str | Path) -> str:
    """The folder holding `path`, as `str(Path(path).parent)` writes it."""
    return os.path.dirname(path) or "."


def special_kind(mode: int | None) -> str:
    """What a file of this mode is when it is no regular file nor folder ("" otherwise, and
    for nothing at all): a fifo, a device, a socket."""
    if mode is None:
        return ""
    for test, name in ((stat.S_ISFIFO, "a fifo"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return ""


def unwritable(path: str | Path) -> str:
    """Why an existing library cannot be written ("" when it can). SQLite needs the file and,
    for the -wal and -shm files beside it, the folder. (Root passes both unless the file is
    immutable or on a read-only file system.)"""
    if not os.access(path, os.W_OK):
        return "the file is not writable"
    if not os.access(_folder(path), os.W_OK | os.X_OK):
        return "its folder is not writable"
    for suffix in ("-wal", "-shm"):
        # Made by someone else with narrower permissions (a team folder without its setgid
        # bit, say): every write would fail with "attempt to write a readonly database".
        side = f"{path}{suffix}"
        if os.path.exists(side) and not os.access(side, os.W_OK):
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


def explain(path: str | Path, exc: sqlite3.Error) -> str:
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

