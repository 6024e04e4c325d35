"""Fetching URLs, `add URL`, feed subscriptions and `update`, against a local HTTP server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.httpd import ETAG, Handler
from tui.cli import cli
from tui.ingest import add_sources
from tui.ingest.fetch import FetchError, fetch, sniff

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
MB = 1024 * 1024


def test_fetch_a_page_and_sniff(server):
    fetched = fetch(f"{server}/page", max_bytes=MB, timeout=5)
    assert (fetched.status, sniff(fetched)) == (200, "html")
    feed = fetch(f"{server}/feed", max_bytes=MB, timeout=5)
    assert (sniff(feed), feed.etag) == ("feed", ETAG)
    assert fetch(f"{server}/feed", max_bytes=MB, timeout=5, etag=ETAG).not_modified


def test_redirect_is_followed(server):
    fetched = fetch(f"{server}/redirect", max_bytes=MB, timeout=5)
    assert fetched.url == f"{server}/page"


@pytest.mark.parametrize(
    ("path", "reason", "kwargs"),
    [
        ("/missing", "HTTP 404 Not Found", {}),
        ("/loop", "more than 5 redirects", {}),
        ("/slow", "timed out after 0.5 s", {"timeout": 0.5}),
        ("/big", "larger than the size limit", {"max_bytes": 1000}),
    ],
)
def test_fetch_failures_are_one_line(server, path, reason, kwargs):
    options = {"max_bytes": MB, "timeout": 5, **kwargs}
    with pytest.raises(FetchError, match=reason):
        fetch(f"{server}{path}", **options)


def test_only_http_and_https():
    with pytest.raises(FetchError, match="only http and https"):
        fetch("file:///etc/passwd", max_bytes=MB)


def test_unreachable_url_is_a_skip(library):
    # Port 9 (discard) on localhost: nothing listens there in a test environment.
    report = add_sources(library, ["http://127.0.0.1:9/x"], max_bytes=MB, timeout=2)
    assert report.skipped[0].reason.startswith("cannot connect")


def test_add_urls_page_feed_and_failures(server, library):
    sources = [f"{server}/page", f"{server}/feed", f"{server}/missing", f"{server}/image",
               "ftp://example.com/x"]
    report = add_sources(library, sources, max_bytes=MB, timeout=5)
    assert report.added == 3
    reasons = {s.source: s.reason for s in report.skipped}
    assert reasons[f"{server}/missing"] == "HTTP 404 Not Found"
    assert reasons[f"{server}/image"] == "unsupported content type image/png"
    assert reasons["ftp://example.com/x"] == "only http and https URLs are read, not ftp:"
    page = library.articles.get(report.ids[0])
    assert page.url == "https://ledger.example/news/harlow-bridge-reopens"
    again = add_sources(library, sources[:2], max_bytes=MB, timeout=5)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_feed_subscriptions_and_conditional_update(server):
    assert run("feeds", "add", f"{server}/feed").exit_code == 0
    again = run("feeds", "add", f"{server}/feed")
    assert again.exit_code == 1 and "already subscribed" in again.output
    bad = run("feeds", "add", f"{server}/page")
    assert bad.exit_code == 1 and "not an RSS or Atom feed" in bad.output
    first = run("update", "--json")
    assert json.loads(first.stdout)["added"] == 2 and first.exit_code == 1  # entry 3: no text
    [feed] = json.loads(run("feeds", "list", "--json").stdout)
    assert (feed["title"], feed["etag"]) == ("The Valley Ledger", ETAG) and feed["checked"]
    downloads = Handler.feed_downloads
    second = json.loads(run("update", "--json").stdout)
    assert (second["added"], Handler.feed_downloads) == (0, downloads)  # a 304
    assert run("feeds", "remove", f"{server}/feed").exit_code == 0
    assert json.loads(run("feeds", "list", "--json").stdout) == []
    assert run("feeds", "remove", f"{server}/feed").exit_code == 1


def test_add_a_mixed_folder_by_kind(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in ("news_page.html", "valley.rss", "river.atom", "articles.jsonl",
                 "articles.json", "articles.csv"):
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    (folder / "note.txt").write_text("A plain note\n\nWritten by hand about the river.")
    result = run("add", str(folder), "--field", "text=article_text", "--json")
    report = json.loads(result.stdout)
    # page 1 + rss 2 + atom 2 + jsonl 2 + json 2 + csv 2 + txt 1
    assert report["added"] == 12 and result.exit_code == 1
    assert any(s["source"].endswith("articles.jsonl:2") for s in report["skipped"])
    again = json.loads(run("add", str(folder), "--field", "text=article_text", "--json").stdout)
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 12)


def test_bad_field_option():
    result = run("add", "x.csv", "--field", "colour")
    assert result.exit_code == 1 and "NAME=FIELD" in result.output
