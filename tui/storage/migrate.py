"""Bringing a library file to the schema this version knows: a newer one is refused, a
damaged one found out at once, an older one upgraded by `schema.MIGRATIONS` in one
transaction (on any failure the file is left exactly at its old version)."""

from __future__ import annotations

import sqlite3

from .errors import LibraryError, explain
from .schema import MIGRATIONS, SCHEMA_VERSION, split_sql

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `newsreader search` need not import typing
if TYPE_CHECKING:
    from pathlib import Path

    from .library import Library


def newer(path: str | Path, version: int) -> str:
    """The refusal for a library made by a newer newsreader ("" for one we know)."""
    if version <= SCHEMA_VERSION:
        return ""
    return (f"library {path} was made by a newer newsreader (schema {version}, this "
            f"version knows up to {SCHEMA_VERSION}); upgrade newsreader to open it")


def probe(conn: sqlite3.Connection) -> None:
    """Parse the schema and read the first row of every table: a damaged file fails here,
    in one line, rather than in the middle of a command (it costs next to nothing)."""
    tables = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")]
    for name in tables:
        quoted = name.replace('"', '""')
        conn.execute(f'SELECT 1 FROM "{quoted}" LIMIT 1').fetchall()


def upgrade(library: Library) -> None:
    """Check `library` and run the migrations it lacks.

    Raises:
        LibraryError: damaged, newer, or older and read-only, or a migration failed.
    """
    path = library.file
    try:
        current = library.schema_version()
        if not newer(path, current):
            probe(library.conn)
    except sqlite3.DatabaseError as exc:
        raise LibraryError(explain(path, exc)) from None
    if newer(path, current):
        raise LibraryError(newer(path, current))
    if current == SCHEMA_VERSION:
        return
    if library.readonly:
        raise LibraryError(
            f"library {path} needs an upgrade (schema {current} to {SCHEMA_VERSION}) "
            f"but is read-only ({library.readonly_reason}); open it once where it can be written")
    try:
        with library.write() as conn:
            # Re-read inside the lock: another process may have migrated meanwhile.
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            for version in range(current, SCHEMA_VERSION):
                for statement in split_sql(MIGRATIONS[version]):
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except LibraryError as exc:
        raise LibraryError(f"could not upgrade library {path} from schema {current} "
                           f"to {SCHEMA_VERSION}, so it was left as it was: {exc}") from None
