"""The library file: connections, transactions, the schema and its migrations.

What is stored in it is kept by parts that own their tables and are given the library's
connections (`connections.Connections`): `notes` (tags, notes, highlights), `subscriptions`
(feeds), `saved` (saved searches), `backups`. Articles and their versions, entities, the
cached list orders, matching and the vocabulary are still mixins (their docstrings say what
each needs); they become parts the same way."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
import weakref
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ..models import Annotation
from .articles import ArticlesMixin
from .backup import Backups
from .entities import EntitiesMixin
from .feeds import Feed, Subscriptions
from .highlights import Highlights
from .notes import Notes
from .orders import CachedOrdersMixin
from .queries import MatchingMixin
from .ruled import RuledWrites
from .saved import SavedSearches
from .schema import MIGRATIONS, SCHEMA_VERSION, split_sql
from .vocabulary import VocabularyMixin

BUSY_TIMEOUT_S = 30.0
"""How long a statement waits for a lock before giving up; and how long a writer waits for
others that commit nothing meanwhile (see `Library._begin`)."""
WAIT_NOTICE_S = 1.0
"""A writer that has waited this long for another one says so (`Library.on_wait`)."""
WAIT_SLICE_MS = 100
"""A waiting writer looks again at what the others committed this often."""

PAGE_SIZE = 16384
BULK_CACHE_KB = 65536
BULK_AUTOMERGE = 16
"""FTS5 merges 16 segments at a time during a large add, not 4: fewer levels to rewrite, a
faster writer, and queries no slower (figures in docs/performance.md)."""
DEFAULT_AUTOMERGE = 4
BULK_HASH_BYTES = 8 * 1024 * 1024
"""FTS5 keeps up to 8 MB of new terms in memory during a large add, not 1 MB, so that a batch
of `tui.ingest.BATCH` articles becomes one segment, not four: less CPU and fewer bytes written
an article (docs/performance.md)."""
DEFAULT_HASH_BYTES = 1024 * 1024
BULK_CHECKPOINT_PAGES = 8192
WAL_KEEP_BYTES = 16 * 1024 * 1024

class _Connection(sqlite3.Connection):
    """A connection that can be weakly referenced: a worker thread's connection is closed by
    the garbage collector when the thread ends, instead of leaking one per search."""


class LibraryError(Exception):
    """A library that cannot be opened or written, with a one-line human reason."""


class Library(ArticlesMixin, MatchingMixin, CachedOrdersMixin, VocabularyMixin, EntitiesMixin):
    """A newsreader library file. Each thread gets its own connection (see `conn`); the
    parts (`notes`, `subscriptions`, `saved`, `backups`) share them.

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
        self._orders: dict[tuple[str, int], list[int]] = {}
        self._positions_cache: dict[tuple[str, int], array] = {}
        self._connections: weakref.WeakSet[_Connection] = weakref.WeakSet()
        self.on_wait: Callable[[bool], None] | None = None
        """Called with True when a write has waited `WAIT_NOTICE_S` for another writer (in
        another process) to finish, then with False once it goes ahead or gives up: the CLI
        says so on a terminal, the app in its status line."""
        self.notes = Notes(self)
        self.subscriptions = Subscriptions(self)
        self.saved = SavedSearches(self)
        self.backups = Backups(self)
        self.highlights = Highlights(self)
        self.ruled = RuledWrites(self)
        if self.path.is_dir():
            raise LibraryError(f"library {self.path} is a folder, not a file")
        kind = special_kind(self.path)
        if kind:  # SQLite would read a fifo as a failing disk, /dev/null as an empty library
            raise LibraryError(f"library {self.path} is not a regular file ({kind}); "
                               "give the path of a library file")
        if not self.path.exists():
            if readonly or not create:
                raise LibraryError(f"no library at {self.path} (add articles with `newsreader add`)")
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise LibraryError(f"cannot create {self.path.parent}: {exc.strerror}") from None
        elif not readonly:
            self.readonly_reason = unwritable(self.path)
            self.readonly = bool(self.readonly_reason)
        try:
            self._migrate()
        except LibraryError:
            self.close()  # a refused file keeps no -wal or -shm file beside it
            raise

    @property
    def notice(self) -> str:
        """One line for people when the library opened read-only by itself ("" otherwise)."""
        if not self.readonly or self.readonly_reason == "opened read-only":
            return ""
        text = (f"library {self.path} is read-only ({self.readonly_reason}): reading and "
                "searching work, changes cannot be saved")
        if self._snapshot:
            text += ("; it is read as it is on disk, creating nothing beside it, so changes "
                     "other programs make while it is open will not be seen")
            wal = Path(f"{self.path}-wal")
            if wal.exists() and wal.stat().st_size:
                text += ", nor the latest ones, left in its -wal file"
        return text

    def refusal(self) -> str:
        """Why a change cannot be made to this read-only library, in one line."""
        return f"library {self.path} is read-only ({self.readonly_reason}); nothing was changed"

    # -- connections -------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        conn = None
        try:
            if self.readonly:
                conn = self._connect_readonly()
            else:
                conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                       factory=_Connection)
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            if not self.readonly:
                # Read before anything is written: a newer library is refused untouched.
                refused = self._newer(conn.execute("PRAGMA user_version").fetchone()[0])
                if refused:
                    conn.close()
                    raise LibraryError(refused)
                # Only a new file takes it (before WAL, before the first table). Articles of
                # ~2 KB waste half of each 4 KB page: 16 KB pages took a 100k library from
                # 2.7x to 1.9x its raw text, at no cost in speed.
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

    def _connect_readonly(self) -> sqlite3.Connection:
        """`mode=ro` when that creates nothing beside the library, else `immutable=1`.

        SQLite reads a WAL library with `mode=ro` through its -wal and -shm files, and creates
        them when they are missing and the folder is writable: owned by the reader, they then
        broke the owner's writes ("attempt to write a readonly database") and, in a sticky
        folder, could not even be deleted. So `mode=ro` is used only when both files exist
        already (a writer has the library open, or left them: SQLite then opens them
        read-only, and live changes are seen) or when we could write the library anyway;
        otherwise `immutable=1`, which needs neither file but assumes nothing else writes.
        A library with no -wal file has nothing committed outside the main file, so nothing
        is missed but what others change while it is open (the notice says so)."""
        uri = self.path.resolve().as_uri()
        if not self._snapshot and self._shareable():
            conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S,
                                   isolation_level=None, factory=_Connection)
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return conn
            except sqlite3.Error as exc:
                conn.close()
                if not isinstance(exc, sqlite3.OperationalError) or (
                        "readonly" not in str(exc) and "unable to open" not in str(exc)):
                    raise
        self._snapshot = True
        return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, timeout=BUSY_TIMEOUT_S,
                               isolation_level=None, factory=_Connection)

    def _shareable(self) -> bool:
        """Whether `mode=ro` may open the library: it cannot create anything beside it that
        the library's owner would not have made (see `_connect_readonly`)."""
        if not unwritable(self.path):  # read-only by choice: what SQLite makes is ours anyway
            return True
        return Path(f"{self.path}-wal").exists() and Path(f"{self.path}-shm").exists()

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

    def __exit__(self, *exc) -> None:
        self.close()

    def _explain(self, exc: sqlite3.Error) -> str:
        return explain(self.path, exc)

    @contextmanager
    def write(self, *, wait: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction. BEGIN IMMEDIATE takes the write lock up front, so a busy
        library makes us wait (see `_begin`) instead of failing half way with "locked".

        Args:
            wait: Wait for other writers as long as they make progress; False tries once,
                within the connection's busy timeout.
        """
        if self.readonly:
            raise LibraryError(self.refusal())
        conn = self.conn
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
        turns batch by batch, a writer could lose every turn for 30 s (SQLite's busy handler
        looks again only every 100 ms, and whoever commits takes the lock straight back for
        its next batch) and fail with "database is locked" though nothing was stuck. Here
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
    def bulk(self) -> Iterator[None]:
        """Settings for a long run of write transactions (a large add) on this connection.

        A 64 MB page cache and checkpoints every 128 MB of WAL instead of 16 MB cut the
        writer's CPU per article by ~14% (measured on 20k articles); the WAL is checkpointed
        and trimmed back to 16 MB at the end. FTS5 merges segments 16 at a time meanwhile
        (`BULK_AUTOMERGE`) and writes a segment per 8 MB of new terms (`BULK_HASH_BYTES`).
        Readers are unaffected.
        """
        conn = self.conn
        pragmas = ("cache_size", "wal_autocheckpoint", "journal_size_limit")
        before = {name: conn.execute(f"PRAGMA {name}").fetchone()[0] for name in pragmas}
        conn.execute(f"PRAGMA cache_size = {-BULK_CACHE_KB}")
        conn.execute(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT_PAGES}")
        conn.execute(f"PRAGMA journal_size_limit = {WAL_KEEP_BYTES}")
        self._fts_config(automerge=BULK_AUTOMERGE, hashsize=BULK_HASH_BYTES)
        try:
            yield
        finally:
            with contextlib.suppress(sqlite3.Error, LibraryError):  # a full disk, say
                self._fts_config(automerge=DEFAULT_AUTOMERGE, hashsize=DEFAULT_HASH_BYTES)
            for name, value in before.items():
                conn.execute(f"PRAGMA {name} = {int(value)}")
            with contextlib.suppress(sqlite3.Error):  # busy readers: the next one will do it
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def _fts_config(self, **settings: int) -> None:
        """Set FTS5 options stored in the index: `automerge` (how many segments it merges at
        once), `hashsize` (bytes of new terms held in memory before writing a segment)."""
        with self.write() as conn:
            for name, value in settings.items():
                conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES (?, ?)",
                             (name, value))

    @contextmanager
    def interruptible(self, cancelled: Callable[[], bool] | None) -> Iterator[None]:
        """Run queries that stop early (sqlite3.OperationalError) once `cancelled()` is true."""
        if cancelled is None:
            yield
            return
        self.conn.set_progress_handler(lambda: 1 if cancelled() else 0, 2000)
        try:
            yield
        finally:
            self.conn.set_progress_handler(None, 0)

    # -- schema ------------------------------------------------------------------------------

    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def _newer(self, version: int) -> str:
        """The refusal for a library made by a newer newsreader ("" for one we know)."""
        if version <= SCHEMA_VERSION:
            return ""
        return (f"library {self.path} was made by a newer newsreader (schema {version}, this "
                f"version knows up to {SCHEMA_VERSION}); upgrade newsreader to open it")

    def _probe(self) -> None:
        """Parse the schema and read the first row of every table: a damaged file fails here,
        in one line, rather than in the middle of a command (about a millisecond)."""
        conn = self.conn
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        for name in tables:
            quoted = name.replace('"', '""')
            conn.execute(f'SELECT 1 FROM "{quoted}" LIMIT 1').fetchall()

    def _migrate(self) -> None:
        try:
            current = self.schema_version()
            if not self._newer(current):
                self._probe()
        except sqlite3.DatabaseError as exc:
            raise LibraryError(self._explain(exc)) from None
        if self._newer(current):
            raise LibraryError(self._newer(current))
        if current == SCHEMA_VERSION:
            return
        if self.readonly:
            raise LibraryError(
                f"library {self.path} needs an upgrade (schema {current} to {SCHEMA_VERSION}) "
                f"but is read-only ({self.readonly_reason}); open it once where it can be written")
        try:
            with self.write() as conn:
                # Re-read inside the lock: another process may have migrated meanwhile.
                current = conn.execute("PRAGMA user_version").fetchone()[0]
                for version in range(current, SCHEMA_VERSION):
                    for statement in split_sql(MIGRATIONS[version]):
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except LibraryError as exc:
            # One transaction: on any failure the file is left exactly at its old version.
            raise LibraryError(f"could not upgrade library {self.path} from schema {current} "
                               f"to {SCHEMA_VERSION}, so it was left as it was: {exc}") from None

    # -- changes ---------------------------------------------------------------------------

    def data_version(self) -> int:
        """Changes whenever another connection commits (cheap enough to poll)."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def _store_quietly(self, key: str, value: str) -> None:
        """Cache a derived value if the library is free right now; never wait for a writer."""
        conn = self.conn
        conn.execute("PRAGMA busy_timeout = 50")
        try:
            with self.write(wait=False):
                conn.execute("DELETE FROM meta WHERE key LIKE ?", (key.split(":")[0] + ":%",))
                conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))
        except LibraryError:
            pass  # busy or read-only: the value is recomputed next time, nothing is lost
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")


    # -- the parts' methods, for the faces --------------------------------------------------
    # Thin delegations kept while the app and tests call them on the library; new code calls
    # the parts (`library.notes.add_note(...)`) or, from a face, `tui.api`.

    def tags(self) -> list[tuple[str, int]]:
        return self.notes.tags()

    def article_tags(self, article_id: int) -> list[str]:
        return self.notes.article_tags(article_id)

    def tags_of(self, ids: Sequence[int]) -> dict[int, list[str]]:
        return self.notes.tags_of(ids)

    def missing_articles(self, ids: Sequence[int]) -> list[int]:
        return self.notes.missing_articles(ids)

    def tag_articles(self, ids: Sequence[int], tags: Iterable[str]) -> int:
        return self.notes.tag_articles(ids, tags)

    def untag_articles(self, ids: Sequence[int], tags: Iterable[str]) -> int:
        return self.notes.untag_articles(ids, tags)

    def annotated_article_ids(self) -> list[int]:
        return self.notes.annotated_article_ids()

    def add_note(self, article_id: int, text: str, *, quote: str | None = None,
                 tags: Iterable[str] = ()) -> int:
        return self.notes.add_note(article_id, text, quote=quote, tags=tags)

    def add_highlight(self, article_id: int, start: int, end: int, *, text: str = "",
                      tags: Iterable[str] = (), colour: str = "") -> int:
        return self.notes.add_highlight(article_id, start, end, text=text, tags=tags,
                                        colour=colour)

    def update_annotation(self, annotation_id: int, *, text: str | None = None,
                          tags: Iterable[str] | None = None) -> None:
        return self.notes.update_annotation(annotation_id, text=text, tags=tags)

    def delete_annotation(self, annotation_id: int) -> None:
        return self.notes.delete_annotation(annotation_id)

    def annotation(self, annotation_id: int) -> Annotation | None:
        return self.notes.annotation(annotation_id)

    def annotations(self, article_id: int) -> list[Annotation]:
        return self.notes.annotations(article_id)

    def all_annotations(self, *, text: str = "", tag: str = "",
                        limit: int | None = None) -> list[Annotation]:
        return self.notes.all_annotations(text=text, tag=tag, limit=limit)

    def orphans(self) -> list[Annotation]:
        return self.notes.orphans()

    def add_feed(self, url: str, title: str = "") -> bool:
        return self.subscriptions.add(url, title)

    def remove_feed(self, url: str) -> bool:
        return self.subscriptions.remove(url)

    def feeds(self) -> list[Feed]:
        return self.subscriptions.all()

    def feed_checked(self, url: str, *, title: str = "", etag: str | None = None,
                     last_modified: str | None = None) -> None:
        return self.subscriptions.checked(url, title=title, etag=etag, last_modified=last_modified)

    def save_search(self, name: str, query: str) -> None:
        return self.saved.save(name, query)

    def delete_search(self, name: str) -> bool:
        return self.saved.delete(name)

    def saved_searches(self) -> list[tuple[str, str]]:
        return self.saved.all()

    def backup(self, target: str | Path, *, overwrite: bool = False,
               progress: Callable[[int, int], None] | None = None) -> int:
        return self.backups.make(target, overwrite=overwrite, progress=progress)

    def _reanchor(self, conn: sqlite3.Connection, article_id: int, body: str,
                  version: int | None = None) -> None:
        self.notes.reanchor(conn, article_id, body, version)


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

