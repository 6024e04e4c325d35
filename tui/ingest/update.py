"""Feed subscriptions: check a feed before subscribing, and fetch every feed's new entries."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..models import Article, IngestReport, Skip
from ..storage import Feed
from .feeds import FeedError, parse_feed
from .fetch import TIMEOUT_S, Cancelled, FetchError, fetch, sniff
from .links import vet_url

if TYPE_CHECKING:  # storage imports the cleaner: a runtime import would cycle
    from ..rules import Rule
    from ..storage import Library


def subscribe(library: Library, url: str, *, max_bytes: int, timeout: float = TIMEOUT_S) -> str:
    """Fetch a feed once to check it, then subscribe to it (its entries come with `update`).

    Args:
        library: Where the subscription is kept.
        url: The feed's http(s) URL.
        max_bytes: The download size cap.
        timeout: Seconds allowed for the fetch.

    Returns:
        The feed's title.

    Raises:
        ValueError: With a one-line reason: unreachable, not a feed, already subscribed...
    """
    try:
        fetched = fetch(url, max_bytes=max_bytes, timeout=timeout)
        if sniff(fetched) != "feed":
            raise FeedError("not an RSS or Atom feed")
        title, _ = parse_feed(fetched.body, path=url)
    except (FetchError, FeedError) as exc:
        raise ValueError(str(exc)) from None
    if not library.subscriptions.add(url, title):
        raise ValueError("already subscribed")
    return title


def update_feeds(library: Library, *, max_bytes: int, timeout: float = TIMEOUT_S,
                 progress: Callable[[int, int, str], None] | None = None,
                 update: bool = True,
                 cancelled: Callable[[], bool] | None = None,
                 rules: Sequence[Rule] = ()) -> IngestReport:
    """Fetch every subscribed feed with a conditional request and store its entries.

    An unchanged feed (304) costs nothing; entries already in the library stay unchanged,
    so only new ones are added. A feed that fails is skipped with its reason, and the
    library keeps everything it had.

    Args:
        library: The library holding the subscriptions.
        max_bytes: The download size cap.
        timeout: Seconds allowed per feed.
        progress: Called as `progress(done, total, feed_url)`.
        update: False leaves stored articles as they are (`[ingest] update = false`).
        cancelled: Once true, the fetch under way is given up and no other feed is fetched
            (the app is quitting); what was stored stays.
        rules: `tui.rules.Rule`s applied to the entries stored (see `apply_rules`).

    Returns:
        What was added, and the feeds and entries skipped.
    """
    report = IngestReport()
    feeds = library.subscriptions.all()
    for done, feed in enumerate(feeds, start=1):
        if cancelled is not None and cancelled():
            report.interrupted = True
            break
        try:
            _update_one(library, feed, report, max_bytes=max_bytes, timeout=timeout,
                        update=update, cancelled=cancelled)
        except Cancelled:
            report.interrupted = True
            break
        if progress:
            progress(done, len(feeds), feed.url)
    if rules:
        from ..rules import apply_rules

        apply_rules(library, list(rules), report)
    return report


def _update_one(library: Library, feed: Feed, report: IngestReport, *, max_bytes: int,
                timeout: float, update: bool = True,
                cancelled: Callable[[], bool] | None = None) -> None:
    """Fetch one feed conditionally and store its entries; a failure becomes a skip."""
    from . import store  # deferred: the package imports this module

    try:
        fetched = fetch(feed.url, max_bytes=max_bytes, timeout=timeout, etag=feed.etag,
                        last_modified=feed.last_modified, cancelled=cancelled)
        if fetched.not_modified:
            library.subscriptions.checked(feed.url)
            return
        title, items = parse_feed(fetched.body, path=feed.url)
    except Cancelled:
        raise
    except (FetchError, FeedError) as exc:
        report.skipped.append(Skip(feed.url, str(exc)))
        library.subscriptions.checked(feed.url)
        return
    report.skipped.extend(item for item in items if isinstance(item, Skip))
    articles = [item for item in items if isinstance(item, Article)]
    for article in articles:
        dropped = vet_url(article)
        if dropped:
            report.warnings.append(Skip(article.path, dropped))
    store(library, articles, None, report, update)
    # Only once the entries are stored: a crash before this line fetches them again.
    library.subscriptions.checked(feed.url, title=title, etag=fetched.etag,
                         last_modified=fetched.last_modified)
