"""Tests for RSS and Atom feeds: one article per entry, full content, entry metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.ingest import add_sources
from tui.ingest.feeds import FeedError, looks_like_feed, parse_feed
from tui.models import Article, Skip

FEEDS = Path(__file__).parent / "fixtures" / "sources"
MB = 1024 * 1024


def entries(name: str) -> tuple[str, list[Article | Skip]]:
    path = FEEDS / name
    return parse_feed(path.read_bytes(), path=str(path))


def test_rss_prefers_content_encoded_and_keeps_paragraphs():
    title, items = entries("valley.rss")
    assert title == "The Valley Ledger"
    first = items[0]
    assert isinstance(first, Article)
    assert first.title == "Library extends weekend opening hours"
    assert first.body == (
        "The Brackenford central library will open on Sundays from April, the council said on "
        "Monday.\n\nHead librarian Ada Kwon said the change follows a petition signed by 2,300 "
        "residents. Staff will rotate weekend shifts."
    )
    assert (first.url, first.author, first.source) == (
        "https://ledger.example/news/library-hours", "Tomas Reyl", "The Valley Ledger")
    assert first.published == "2024-03-04T09:30:00Z"


def test_rss_summary_html_becomes_text_and_empty_entry_is_skipped():
    _, items = entries("valley.rss")
    assert items[1].body == "Work on the 1890 fountain begins in May.\n\nIt will take six weeks."
    assert items[2] == Skip(str(FEEDS / "valley.rss") + "#entry-3", "entry has no text")


def test_atom_content_author_and_entry_without_link():
    title, items = entries("river.atom")
    assert title == "River Valley Courier"
    rowing, flood = items
    assert rowing.body == ("The Brackenford Rowing Club won the regional cup on Saturday.\n\n"
                           "Captain Jonas Field praised the junior crew.")
    assert (rowing.author, rowing.published) == ("Priya Halden", "2024-03-06T08:15:00Z")
    assert rowing.url == "https://courier.example/sport/rowing-cup"
    assert flood.url == "" and flood.path.endswith("river.atom#entry-2")
    assert flood.body == "The valley authority lifted all flood warnings on Tuesday evening."


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ((FEEDS / "broken.rss").read_bytes(), "malformed feed"),
        (b"<html><body>hello</body></html>", "not an RSS or Atom feed|malformed feed"),
        (b'<rss version="2.0"><channel><title>T</title></channel></rss>', "feed has no entries"),
    ],
)
def test_bad_feeds_raise_one_line_reasons(data, reason):
    with pytest.raises(FeedError, match=reason) as caught:
        parse_feed(data, path="x.rss")
    assert "\n" not in str(caught.value)


def test_sniffing():
    assert looks_like_feed((FEEDS / "valley.rss").read_bytes())
    assert looks_like_feed((FEEDS / "river.atom").read_bytes())
    assert not looks_like_feed((FEEDS / "news_page.html").read_bytes())


def test_adding_a_feed_twice_is_idempotent(library):
    sources = [str(FEEDS / "valley.rss"), str(FEEDS / "river.atom")]
    report = add_sources(library, sources, max_bytes=MB)
    assert (report.added, len(report.skipped)) == (4, 1)
    again = add_sources(library, sources, max_bytes=MB)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)


def test_a_malformed_feed_changes_nothing(library):
    add_sources(library, [str(FEEDS / "valley.rss")], max_bytes=MB)
    before = library.articles.count()
    report = add_sources(library, [str(FEEDS / "broken.rss")], max_bytes=MB)
    assert report.added == 0 and report.skipped[0].reason.startswith("malformed feed")
    assert library.articles.count() == before
