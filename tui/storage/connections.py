"""What a part of the library needs from the connection manager, written down as a type.

Each part (`Articles`, `Entities`, `Notes`, `Subscriptions`...) owns its tables and is given
the one connection manager of its library (`Library` itself) when it is made, and any other
part it needs: what it may call on them is exactly their types, checked by mypy, not a
docstring.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `newsreader search` need not import typing
if TYPE_CHECKING:
    import sqlite3
    from contextlib import AbstractContextManager
    from pathlib import Path
    from typing import Protocol
else:
    Protocol = object  # the type is for mypy: nothing checks a part's connections at run time


class Connections(Protocol):
    """One library file's connections: one per thread, and write transactions."""

    @property
    def path(self) -> Path:
        """The library file."""
        ...

    @property
    def readonly(self) -> bool:
        """The library cannot be written (`write` raises `LibraryError`)."""
        ...

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection."""
        ...

    def write(self, *, wait: bool = True) -> AbstractContextManager[sqlite3.Connection]:
        """One write transaction (see `Library.write`); `wait=False` gives up at once
        (`LibraryError`) when another writer holds the library."""
        ...

    def connect(self) -> sqlite3.Connection:
        """A new connection of this process's own (for a backup's source)."""
        ...
