"""Commands over feed subscriptions: feeds add/list/remove, and update."""

from __future__ import annotations

import click

from .. import api
from ..text import visible
from . import State, cli, emit_json, json_option, pass_state, say


@cli.group()
def feeds() -> None:
    """Subscribe to RSS and Atom feeds; `newsreader update` fetches their new entries.

    \b
    Examples:
      newsreader feeds add https://example.com/rss.xml
      newsreader feeds list --json
      newsreader update
    """


@feeds.command("add")
@click.argument("url")
@pass_state
def feeds_add(state: State, url: str) -> None:
    """Subscribe to a feed after checking that the URL serves one.

    \b
    Example:
      newsreader feeds add https://example.com/rss.xml
    """
    library = state.open(write=True)
    title = api.subscribe(library, url, max_bytes=state.config().max_file_bytes)
    say(f"subscribed to {visible(title or url)}; "
        "run `newsreader update` to fetch its entries")


@feeds.command("list")
@json_option
@pass_state
def feeds_list(state: State, as_json: bool) -> None:
    """List subscribed feeds with when each was last checked.

    \b
    Example:
      newsreader feeds list --json
    """
    rows = api.feeds(state.open())
    if as_json:
        emit_json([feed.to_dict() for feed in rows])
        return
    for feed in rows:
        checked = feed.checked[:16].replace("T", " ") if feed.checked else "never checked"
        title = f"  ({feed.title})" if feed.title else ""
        say(f"{checked:16}  " + visible(f"{feed.url}{title}"))


@feeds.command("remove")
@click.argument("url")
@pass_state
def feeds_remove(state: State, url: str) -> None:
    """Unsubscribe from a feed; the articles it brought stay in the library.

    \b
    Example:
      newsreader feeds remove https://example.com/rss.xml
    """
    api.unsubscribe(state.open(write=True), url)
    say(f"unsubscribed from {visible(url)}")


@cli.command()
@json_option
@pass_state
def update(state: State, as_json: bool) -> None:
    """Fetch every subscribed feed and add its new entries.

    Requests are conditional (ETag, Last-Modified): an unchanged feed is not downloaded again.
    Exit code 1 when a feed or an entry was skipped.

    \b
    Example:
      newsreader update --json
    """
    library = state.open(write=True)
    settings = state.config()
    report = api.update_feeds(library, max_bytes=settings.max_file_bytes,
                              update=settings.update_articles, rules=settings.rules)
    if as_json:
        emit_json(report.to_dict())
    else:
        for skip in report.skipped:
            say(visible(f"skipped {skip.source}: {skip.reason}"), err=True)
        say(report.counts("--json lists them"))
    if report.skipped:
        raise SystemExit(1)
