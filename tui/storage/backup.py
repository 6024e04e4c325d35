"""A consistent copy of the library, made with SQLite's online backup while others write."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from .connections import Connections
from .errors import LibraryError, damaged, explain

STEP_PAGES = 256
"""Pages copied per backup step (4 MB of 16 KB pages), between two progress reports."""


class Backups:
    """Consistent copies of the library file, through the library's connections."""

    def __init__(self, db: Connections) -> None:
        self.db = db

    def make(self, target: str | Path, *, overwrite: bool = False,
               progress: Callable[[int, int], None] | None = None) -> int:
        """Copy the library to `target`, consistent even while the app or `add` write to it.

        The copy is made from one read transaction (a WAL snapshot: writers carry on, and
        what they commit meanwhile is not in it), into a partial file beside `target`
        (`.NAME.newsreader-backup-in-progress-HOST-PID-XXXXXXXX`, see `tui.atomic`) that
        replaces it only once complete and checked; a backup killed part way leaves it, and
        the next backup into that folder removes it. The copy is a single file (no -wal).

        Args:
            target: the backup file.
            overwrite: replace `target` when it exists.
            progress: called as `progress(pages_done, pages_total)` after each step.

        Returns:
            The size of the backup in bytes.

        Raises:
            LibraryError: `target` exists (without `overwrite`), is the library itself or a
                folder, cannot be written, or the copy failed its check.
        """
        from ..atomic import make_partial, remove_stale_partials, sync_folder  # only here

        target = Path(target).expanduser()
        if target.is_dir():
            raise LibraryError(f"{target} is a folder; give the backup a file name")
        if target.exists() and target.resolve() == self.db.path.resolve():
            raise LibraryError(f"{target} is the library itself; choose another file")
        if not target.parent.is_dir():
            raise LibraryError(f"no folder {target.parent} to put the backup in")
        if target.exists() and not overwrite:
            raise LibraryError(f"{target} already exists; use --force to replace it")
        remove_stale_partials(target.parent)  # backups killed part way left them
        try:
            fd, partial = make_partial(target, "backup")
            os.close(fd)
        except OSError as exc:
            raise LibraryError(f"cannot write the backup {target}: "
                               f"{exc.strerror or exc}") from None
        source = dest = None
        try:
            source = self.db.connect()  # its own connection: its read transaction pins a snapshot
            dest = sqlite3.connect(partial, isolation_level=None)
            # Read inside one transaction: a step never sees another writer's commit, so the
            # copy never restarts however busy the library is.
            source.execute("BEGIN")
            source.execute("SELECT count(*) FROM sqlite_master").fetchone()
            source.backup(dest, pages=STEP_PAGES, sleep=0.05,
                          progress=None if progress is None else
                          lambda _status, remaining, total: progress(total - remaining, total))
            source.execute("COMMIT")
            dest.execute("PRAGMA journal_mode = DELETE")
            check = dest.execute("PRAGMA quick_check").fetchall()
            if check != [("ok",)]:
                raise LibraryError(f"the copy of {self.db.path} failed its check ({check[0][0]}); "
                                   "the library itself may be damaged")
            dest.close()
            os.replace(partial, target)
            sync_folder(target.parent)
        except (sqlite3.Error, OSError) as exc:
            if isinstance(exc, sqlite3.Error) and damaged(exc):  # the library, not the copy
                raise LibraryError(explain(self.db.path, exc)) from None
            text = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise LibraryError(f"backup to {target} failed: {text}; the library is unchanged"
                               ) from None
        finally:
            for conn in (source, dest):
                if conn is not None:
                    conn.close()
            for leftover in (partial, Path(f"{partial}-journal")):
                leftover.unlink(missing_ok=True)
        return target.stat().st_size
