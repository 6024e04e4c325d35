"""Updating every subscribed feed from a screen (`u` in the library): a notice per feed
fetched, the list refreshed as each lands, and what was added said at the end."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen
from textual.worker import get_current_worker

from .. import api
from ..config import Settings
from ..storage import Library
from ..text import visible


class FeedUpdater:
    """Fetches every feed in a thread worker of `screen` (group "feeds": quitting cancels it,
    giving up the fetch under way).

    Args:
        screen: the screen whose worker fetches and whose notices report.
        library: the library holding the subscriptions; new articles go there.
        settings: the size cap, whether changed articles are updated, and the rules to apply.
        refresh: called on the UI thread after each feed lands (new articles show at once).
    """

    def __init__(self, screen: Screen[Any], library: Library, settings: Settings,
                 refresh: Callable[[], object]) -> None:
        self.screen = screen
        self.library = library
        self.settings = settings
        self.refresh = refresh

    def start(self) -> None:
        """Say that feeds are updating and fetch them."""
        self.screen.notify("Updating feeds…", timeout=2)
        self.screen.run_worker(self._update, thread=True, exclusive=True, group="feeds",
                               exit_on_error=False)

    def _update(self) -> None:
        worker = get_current_worker()
        app, notify = self.screen.app, self.screen.notify

        def progress(done: int, total: int, url: str) -> None:
            app.call_from_thread(notify, f"Feeds: {done} of {total} fetched", timeout=2)
            app.call_from_thread(self.refresh)

        if not api.feeds(self.library):
            app.call_from_thread(notify, "No feeds yet: newsreader feeds add URL",
                                 severity="warning")
            return
        report = api.update_feeds(self.library, max_bytes=self.settings.max_file_bytes,
                                  progress=progress, update=self.settings.update_articles,
                                  cancelled=lambda: worker.is_cancelled,
                                  rules=self.settings.rules)
        if report.interrupted:
            return
        message = f"Feeds: {report.added} new, {report.updated} updated"
        if report.skipped:
            skip = report.skipped[0]
            message += visible(f"; skipped {skip.source}: {skip.reason}")
        app.call_from_thread(notify, message, markup=False,
                             severity="warning" if report.skipped else "information")
        app.call_from_thread(self.refresh)
