"""Feed subscriptions: the feeds `newsreader update` fetches, with their caching headers."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .identity import now

FEED_COLUMNS = "url, title, etag, last_modified, added, checked"


@dataclass
class Feed:
    """A subscribed feed and what its last fetch returned (for conditional requests)."""

    url: str
    title: str = ""
    etag: str = ""
    last_modified: str = ""
    added: str = ""
    checked: str = ""
    """When `update` last fetched it ("" when never)."""

    def to_dict(self) -> dict:
        return asdict(self)


class FeedsMixin:
    """Feed subscriptions on the Library (its `conn` and `write()` are used)."""

    def add_feed(self, url: str, title: str = "") -> bool:
        """Subscribe to a feed; returns False when it was already subscribed."""
        with self.write() as conn:  # type: ignore[attr-defined]
            cursor = conn.execute(
                "INSERT OR IGNORE INTO feeds (url, title, added) VALUES (?, ?, ?)",
                (url, title, now()),
            )
        return cursor.rowcount == 1

    def remove_feed(self, url: str) -> bool:
        """Unsubscribe; returns False when the feed was not subscribed. Articles stay."""
        with self.write() as conn:  # type: ignore[attr-defined]
            cursor = conn.execute("DELETE FROM feeds WHERE url = ?", (url,))
        return cursor.rowcount == 1

    def feeds(self) -> list[Feed]:
        """Every subscribed feed, in the order they were added."""
        rows = self.conn.execute(  # type: ignore[attr-defined]
            f"SELECT {FEED_COLUMNS} FROM feeds ORDER BY added, url"
        )
        return [Feed(*row) for row in rows]

    def feed_checked(self, url: str, *, title: str = "", etag: str | None = None,
                     last_modified: str | None = None) -> None:
        """Record a fetch of a feed: when, its title, and the caching headers to send next.

        Args:
            url: The subscribed feed.
            title: The feed's title, kept when empty.
            etag: The new ETag; None keeps the old one (a 304 or a failed fetch).
            last_modified: The new Last-Modified; None keeps the old one.
        """
        with self.write() as conn:  # type: ignore[attr-defined]
            conn.execute(
                "UPDATE feeds SET checked = ?, title = coalesce(nullif(?, ''), title), "
                "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) "
                "WHERE url = ?",
                (now(), title, etag, last_modified, url),
            )
