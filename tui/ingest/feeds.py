"""RSS and Atom feeds -> one article per entry, with the feed's title as the source."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from ..models import Article, Skip
from ..text import sanitize
from .clean import clean
from .html import html_to_text, looks_like_html

TITLE_MAX = 120
"""Characters of the first sentence used as the title of an entry that has none."""


class FeedError(ValueError):
    """A document that is not a readable feed; the message is the one-line reason."""


def looks_like_feed(head: bytes) -> bool:
    """Sniff the start of a document for an RSS, RDF or Atom root element.

    Args:
        head: The first kilobytes of the document.
    """
    sample = head[:4096].lower()
    return any(tag in sample for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


def parse_feed(
    data: bytes, *, path: str, source_name: str = ""
) -> tuple[str, list[Article | Skip]]:
    """Parse a feed document into its title and one article (or skip) per entry.

    Full content (content:encoded, Atom content) is preferred to the summary; HTML becomes text
    with paragraphs kept. An entry without a link gets `path#entry-N` as its path, so that
    re-adding the feed finds it again.

    Args:
        data: The feed's bytes (never a URL: feedparser would fetch it itself).
        path: The file or URL the feed was read from.
        source_name: The source when the feed has no title (default: file name or host).

    Returns:
        The feed's title and, in document order, articles and skips with their entry number.

    Raises:
        FeedError: When the document is not a feed or has no entries.
    """
    import feedparser  # deferred: only feeds pay for it

    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.bozo:
            detail = str(getattr(parsed, "bozo_exception", "") or "").split("\n")[0]
            raise FeedError(f"malformed feed ({detail or 'not well-formed XML'})")
        if not parsed.version:
            raise FeedError("not an RSS or Atom feed")
        raise FeedError("feed has no entries")
    title = clean(parsed.feed.get("title", "") or "")
    source = title or source_name or _fallback_source(path)
    items: list[Article | Skip] = []
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            items.append(_entry(entry, number, path=path, source=source))
        except ValueError as exc:
            items.append(Skip(f"{path}#entry-{number}", str(exc)))
    return title, items


def _entry(entry: Any, number: int, *, path: str, source: str) -> Article:
    """Build the article for one entry, or raise ValueError with the reason."""
    body = clean(_text_of(entry))
    if not body:
        raise ValueError("entry has no text")
    title = clean(_plain(entry.get("title", "") or ""))
    if not title:
        title = body.split("\n", 1)[0][:TITLE_MAX]
    link = sanitize(entry.get("link") or "").strip()
    if link.lower().startswith(("urn:", "tag:")):
        link = ""  # feedparser gives an entry's id as its link: an identifier, not a link
    web = link.lower().startswith(("http://", "https://"))
    return Article(
        title=title,
        body=body,
        source=source,
        author=clean(entry.get("author", "") or ""),
        url=link,  # kept or dropped, with a warning, by tui.ingest.links
        published=_date(entry),
        path=path if web else f"{path}#entry-{number}",
    )


def _text_of(entry: Any) -> str:
    """The entry's fullest text: its content, else its summary, as plain text."""
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if value.strip():
            return _plain(value, content.get("type", ""))
    summary = entry.get("summary_detail") or {}
    return _plain(entry.get("summary", "") or "", summary.get("type", ""))


def _plain(value: str, kind: str = "") -> str:
    if "html" in kind or looks_like_html(value):
        return html_to_text(value)
    return value


def _date(entry: Any) -> str:
    """ISO 8601 (UTC) from the entry's published or updated date, else the raw text."""
    for key in ("published_parsed", "updated_parsed"):
        stamp = entry.get(key)
        if stamp:
            return time.strftime("%Y-%m-%dT%H:%M:%SZ", stamp)
    return clean(entry.get("published", "") or entry.get("updated", "") or "")


def _fallback_source(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return clean(urlsplit(path).hostname or path)
    return clean(os.path.basename(path))  # a file name is untrusted text too


def iter_feed(data: bytes, *, path: str, source_name: str = "") -> Iterator[Article | Skip]:
    """Yield a feed's articles and skips, or one skip for the whole feed when it is unreadable.

    Args:
        data: The feed's bytes.
        path: The file or URL it came from.
        source_name: The source when the feed has no title.
    """
    try:
        _, items = parse_feed(data, path=path, source_name=source_name)
    except FeedError as exc:
        yield Skip(path, str(exc))
        return
    yield from items
