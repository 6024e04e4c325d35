"""The library file: its connections, transactions, schema and migrations, and the parts
that keep what is stored in it.

Each part owns its tables and is given the library's connections (`connections.Connections`)
and the other parts it needs, nothing else: `articles` (articles, their versions and the
full-text index), `entities`, `orders` (list orders kept in memory), `matching` (the ids a
search matches), `vocabulary` (the index's words), `notes` (tags, notes, highlights),
`highlights`, `marks` (reading flow and undo), `ruled` (rules' writes), `subscriptions`
(feeds), `saved` (saved searches) and `backups`. Everything calls the parts; the library
itself delegates nothing."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import yielding
from .articles import Articles
from .backup import Backups
from .entities import Entities
from .errors import LibraryError, check_file, explain
from .feeds import Subscriptions
from .highlights import Highlights
from .marks import Marks
from .matching import Matching
from .migrate import newer, upgrade
from .notes import Notes
from .orders import Orders
from .readonly import connect_readonly, readonly_notice
from .ruled import RuledWrites
from .saved import SavedSearches
from .vocabulary import IndexVocabulary

__all__ = ["Library", "LibraryError", "explain"]

BUSY_TIMEOUT_S = 30.0
"""How long a statement waits for a lock before giving up; and how long a writer waits for
others that commit nothing meanwhile (see `Library._begin`)."""
WAIT_NOTICE_S = 1.0
"""A writer that has waited this long for another one says so (`Library.on_wait`)."""
WAIT_SLICE_MS = 100
"""A waiting writer looks again at what the others committed this often."""
QUICK_MS = 50
"""How long a write that must not wait (`write(wait=False)`) gives another writer."""

PAGE_SIZE = 16384


class _Connection(sqlite3.Connection):
    """A connection that can be weakly referenced: a worker thread's connection is closed by
    the garbage collector when the thread ends, instead of leaking one per search."""


class Library:
    """A newsreader library file. Each thread gets its own connection (see `conn`); the
    parts (`articles`, `notes`... see the module's docstring) share them.

    Args:
        path: the SQLite file; created with its folder unless `create` is False.
        readonly: open without write access (no migration, no writes). A library whose file
            or folder cannot be written opens read-only by itself, and `notice` says why.
        create: make the file when it does not exist.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False, create: bool = True):
        self.path = Path(path).expanduser()
        self.readonly = readonly
        self.readonly_reason = "opened read-only" if readonly else ""
        """Why the library cannot be changed ("" when it can)."""
        self._snapshot = False
        """Read with `immutable=1`: its folder is not writable and SQLite could not share it."""
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: weakref.WeakSet[sqlite3.Connection] = weakref.WeakSet()
        self.on_wait: Callable[[bool], None] | None = None
        """Called with True when a write has waited `WAIT_NOTICE_S` for another writer (in
        another process) to finish, then with False once it goes ahead or gives up: the CLI
        says so on a terminal, the app in its status line."""
        self.notes = Notes(self)
        self.entities = Entities(self)
        self.articles = Articles(self, self.entities, self.notes)
        self.orders = Orders(self, self.articles)
        self.matching = Matching(self, self.articles, self.orders)
        self.vocabulary = IndexVocabulary(self, self.entities)
        self.subscriptions = Subscriptions(self)
        self.saved = SavedSearches(self)
        self.backups = Backups(self)
        self.highlights = Highlights(self)
        self.ruled = RuledWrites(self)
        self.marks = Marks(self, self.notes)
        reason = check_file(self.path, readonly=readonly, create=create)
        if reason:
            self.readonly, self.readonly_reason = True, reason
        try:
            upgrade(self)
        except LibraryError:
            self.close()  # a refused file keeps no -wal or -shm file beside it
            raise

    @property
    def notice(self) -> str:
        """One line for people when the library opened read-only by itself ("" otherwise)."""
        if not self.readonly or self.readonly_reason == "opened read-only":
            return ""
        return readonly_notice(self.path, self.readonly_reason, snapshot=self._snapshot)

    def refusal(self) -> str:
        """Why a change cannot be made to this read-only library, in one line."""
        return f"library {self.path} is read-only ({self.readonly_reason}); nothing was changed"

    # -- connections -------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        conn = None
        try:
            if self.readonly:
                conn, self._snapshot = connect_readonly(
                    self.path, snapshot=self._snapshot, timeout=BUSY_TIMEOUT_S,
                    factory=_Connection)
            else:
                conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                       factory=_Connection)
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            if not self.readonly:
                # Read before anything is written: a newer library is refused untouched.
                refused = newer(self.path, conn.execute("PRAGMA user_version").fetchone()[0])
                if refused:
                    conn.close()
                    raise LibraryError(refused)
                # Only a new file takes it (before WAL, before the first table). Articles of
                # ~2 KB waste half of each 4 KB page: 16 KB pages make a library much smaller
                # for its text, at no cost in speed (docs/performance.md).
                conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            if conn is not None:
                conn.close()  # now, not when the traceback goes: it holds the -wal and -shm
            raise LibraryError(self._explain(exc)) from None
        with self._lock:
            self._connections.add(conn)
        return conn

    def connect(self) -> sqlite3.Connection:
        """A new connection of this thread's own, not shared (a backup's source)."""
        return self._connect()

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection (SQLite connections must not cross threads)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
        return conn

    def close(self) -> None:
        """Close this thread's connection and any other that can be closed from here."""
        with self._lock:
            for conn in list(self._connections):
                # Another live thread's connection cannot be closed here: it closes when that
                # thread ends.
                with contextlib.suppress(sqlite3.ProgrammingError):
                    conn.close()
            self._connections = weakref.WeakSet()
        self._local = threading.local()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _explain(self, exc: sqlite3.Error) -> str:
        return explain(self.path, exc)

    @contextmanager
    def write(self, *, wait: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction. BEGIN IMMEDIATE takes the write lock up front, so a busy
        library makes us wait (see `_begin`) instead of failing half way with "locked".

        Args:
            wait: Wait for other writers as long as they make progress; False gives another
                writer `QUICK_MS` at most (for a cache that can be written another time).
        """
        if self.readonly:
            raise LibraryError(self.refusal())
        conn = self.conn
        if not wait:
            conn.execute(f"PRAGMA busy_timeout = {QUICK_MS}")
        try:
            yield from self._transaction(conn, wait)
        finally:
            if not wait:
                with contextlib.suppress(sqlite3.ProgrammingError):  # closed by _rollback
                    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")

    def _transaction(self, conn: sqlite3.Connection,
                     wait: bool) -> Iterator[sqlite3.Connection]:
        try:
            if wait:
                self._begin(conn)
            else:
                conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise LibraryError(self._explain(exc)) from None
        try:
            yield conn
        except BaseException as exc:
            self._rollback(conn)
            if isinstance(exc, sqlite3.Error):  # a full disk or an I/O error half way
                raise LibraryError(self._explain(exc)) from None
            raise
        else:
            try:
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback(conn)
                raise LibraryError(self._explain(exc)) from None

    def _begin(self, conn: sqlite3.Connection) -> None:
        """Take the write lock, waiting for other writers for as long as they commit.

        SQLite's busy timeout bounds the whole wait: with four `add`s of one dump taking
        turns batch by batch, a writer could lose every turn for the whole timeout (SQLite's
        busy handler looks again only now and then, and whoever commits takes the lock
        straight back for its next batch) and fail with "database is locked" though nothing was stuck. Here
        the wait ends in failure only when others commit nothing for `BUSY_TIMEOUT_S`; and
        after `WAIT_NOTICE_S`, `on_wait` is told.

        Raises:
            sqlite3.Error: Not a busy library (a full disk, damage...).
            LibraryError: Another writer held the lock for `BUSY_TIMEOUT_S` with no commit.
        """
        started = progress = time.monotonic()
        version = None
        waiting = False
        conn.execute(f"PRAGMA busy_timeout = {WAIT_SLICE_MS}")
        try:
            while True:
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as exc:
                    if exc.sqlite_errorcode & 0xFF != sqlite3.SQLITE_BUSY:
                        raise
                now = time.monotonic()
                seen = conn.execute("PRAGMA data_version").fetchone()[0]
                if seen != version:  # another connection committed since we last looked
                    version, progress = seen, now
                if not waiting and now - started >= WAIT_NOTICE_S and self.on_wait:
                    waiting = True
                    self.on_wait(True)
                if now - progress >= BUSY_TIMEOUT_S:
                    raise LibraryError(
                        f"library {self.path} is busy: another program has held its write lock "
                        f"for {BUSY_TIMEOUT_S:g} s without finishing; nothing was changed "
                        "(try again when it is done)")
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            if waiting and self.on_wait:
                self.on_wait(False)

    def _rollback(self, conn: sqlite3.Connection) -> None:
        """Undo what is left of a failed transaction without hiding why it failed.

        After a full disk or an I/O error SQLite may have rolled back already: a second
        ROLLBACK would raise "no transaction is active" in place of the real error."""
        if not conn.in_transaction:
            return
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            # Closing rolls back too; this thread's next use opens a fresh connection.
            conn.close()
            self._local.conn = None

    @contextmanager
    def interruptible(self, cancelled: Callable[[], bool] | None) -> Iterator[None]:
        """Run queries that stop early (sqlite3.OperationalError) once `cancelled()` is true."""
        with yielding.progress(self.conn, cancelled=cancelled):
            yield

    # -- schema ------------------------------------------------------------------------------

    def schema_version(self) -> int:
        """The schema the file is at (`PRAGMA user_version`)."""
        version: int = self.conn.execute("PRAGMA user_version").fetchone()[0]
        return version

    # -- changes ---------------------------------------------------------------------------

    def data_version(self) -> int:
        """Changes whenever another connection commits (cheap enough to poll)."""
        version: int = self.conn.execute("PRAGMA data_version").fetchone()[0]
        return version
