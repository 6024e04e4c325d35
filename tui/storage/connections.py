"""What a part of the library needs from the connection manager, written down as a type.

Each part (`Notes`, `Subscriptions`, `SavedSearches`, `Backups`...) owns its tables and is
given the one connection manager of its library (`Library` itself today) when it is made:
what it may call on it is exactly this protocol, checked by mypy, not a docstring.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol


class Connections(Protocol):
    """One library file's connections: one per thread, and write transactions."""

    @property
    def path(self) -> Path:
        """The library file."""
        ...

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection."""
        ...

    def write(self, *, wait: bool = True) -> AbstractContextManager[sqlite3.Connection]:
        """One write transaction (see `Library.write`)."""
        ...

    def connect(self) -> sqlite3.Connection:
        """A new connection of this process's own (for a backup's source)."""
        ...
