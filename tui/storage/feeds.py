"""Feed subscriptions: the feeds `newsreader update` fetches, with their caching headers."""

from __future__ import annotations

from ..records import Record
from .connections import Connections
from .identity import now

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `newsreader search` loads this module
if TYPE_CHECKING:
    from typing import Any

FEED_COLUMNS = "url, title, etag, last_modified, added, checked"


class Feed(Record):
    """A subscribed feed and what its last fetch returned (for conditional requests). A
    record, not a dataclass (see `tui.records`)."""


    def __init__(self, url: str, title: str = "", etag: str = "", last_modified: str = "",
                 added: str = "", checked: str = ""):
        self.url = url
        self.title = title
        self.etag = etag
        self.last_modified = last_modified
        self.added = added
        self.checked = checked
        """When `update` last fetched it ("" when never)."""

    def to_dict(self) -> dict[str, Any]:
        return self.fields()


class Subscriptions:
    """Feed subscriptions: the `feeds` table, through the library's connections."""

    def __init__(self, db: Connections) -> None:
        self.db = db

    def add(self, url: str, title: str = "") -> bool:
        """Subscribe to a feed; returns False when it was already subscribed."""
        with self.db.write() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO feeds (url, title, added) VALUES (?, ?, ?)",
                (url, title, now()),
            )
        return cursor.rowcount == 1

    def remove(self, url: str) -> bool:
        """Unsubscribe; returns False when the feed was not subscribed. Articles stay."""
        with self.db.write() as conn:
            cursor = conn.execute("DELETE FROM feeds WHERE url = ?", (url,))
        return cursor.rowcount == 1

    def all(self) -> list[Feed]:
        """Every subscribed feed, in the order they were added."""
        rows = self.db.conn.execute(
            f"SELECT {FEED_COLUMNS} FROM feeds ORDER BY added, url"
        )
        return [Feed(*row) for row in rows]

    def checked(self, url: str, *, title: str = "", etag: str | None = None,
                     last_modified: str | None = None) -> None:
        """Record a fetch of a feed: when, its title, and the caching headers to send next.

        Args:
            url: The subscribed feed.
            title: The feed's title, kept when empty.
            etag: The new ETag; None keeps the old one (a 304 or a failed fetch).
            last_modified: The new Last-Modified; None keeps the old one.
        """
        with self.db.write() as conn:
            conn.execute(
                "UPDATE feeds SET checked = ?, title = coalesce(nullif(?, ''), title), "
                "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) "
                "WHERE url = ?",
                (now(), title, etag, last_modified, url),
            )
