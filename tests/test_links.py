"""Article URLs: http and https only, never with a user name and password; from front matter,
feeds, dumps and fetched pages, and from a library another program wrote."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from tests.conftest import settle
from tui.app import make_app
from tui.cli import cli
from tui.storage import Library
from tui.storage.identity import public_url


@pytest.fixture
def run(tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "library.db")

    def invoke(*args):
        return runner.invoke(cli, ["--db", db, *args], catch_exceptions=False)

    return invoke


def front_matter(folder, name: str, url: str):
    path = folder / name
    path.write_text(f"---\ntitle: {name}\nurl: {url}\n---\nA body about {name}.\n")
    return str(path)


def test_public_url():
    assert public_url("http://user:pw@example.com:8080/a?b=1#c") == "http://example.com:8080/a?b=1#c"
    assert public_url("https://example.com/x") == "https://example.com/x"
    for bad in ("javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd",
                "/relative/link", "ftp://example.com/f", "http://[::1", "JAVASCRIPT://x%0a"):
        assert public_url(bad) == "", bad


def test_front_matter_urls_lose_credentials_and_bad_schemes_with_a_warning(run, tmp_path):
    sources = [front_matter(tmp_path, "creds.md", "http://alice:s3cret@news.example/story"),
               front_matter(tmp_path, "script.md", "javascript:alert(document.cookie)"),
               front_matter(tmp_path, "data.md", "data:text/html;base64,PHNjcmlwdD4=")]
    result = run("add", *sources, "--json")
    assert result.exit_code == 0, result.output
    warnings = {w["source"].rsplit("/", 1)[1]: w["warning"]
                for w in json.loads(result.stdout)["warnings"]}
    assert warnings == {
        "creds.md": "removed the user name and password from its URL "
                    "(http://news.example/story)",
        "script.md": "dropped its URL 'javascript:alert(document.cookie)': only http and "
                     "https links are kept",
        "data.md": "dropped its URL 'data:text/html;base64,PHNjcmlwdD4=': only http and https "
                   "links are kept",
    }
    urls = [json.loads(run("show", str(n), "--json").stdout)["url"] for n in (1, 2, 3)]
    assert urls == ["http://news.example/story", "", ""]
    with sqlite3.connect(tmp_path / "library.db") as conn:
        stored = " ".join(v for row in conn.execute("SELECT url, path FROM articles")
                          for v in row)
    assert "s3cret" not in stored and "javascript" not in stored
    plain = run("add", *sources)  # unchanged now; the warnings are said again, on stderr
    assert "warning" in plain.stderr and "s3cret" not in plain.output


def test_dump_and_feed_urls_too(run, tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps({"title": "One", "text": "Body one.",
                                "url": "https://bob:pw@dump.example/1"}) + "\n"
                    + json.dumps({"title": "Two", "text": "Body two.",
                                  "url": "javascript:void(0)"}) + "\n"
                    + json.dumps({"title": "Five", "text": "Body five.", "url": "N/A"}) + "\n")
    feed = tmp_path / "feed.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
        "<item><title>Three</title><link>javascript:alert(1)</link>"
        "<description>Body three.</description></item>"
        "<item><title>Four</title><link>http://u:p@feed.example/4</link>"
        "<description>Body four.</description></item></channel></rss>")
    result = run("add", str(dump), str(feed), "--json")
    assert result.exit_code == 0, result.output
    warnings = [w["warning"] for w in json.loads(result.stdout)["warnings"]]
    assert sum("removed the user name and password" in w for w in warnings) == 2
    assert sum("dropped its URL 'javascript:" in w for w in warnings) == 2
    exported = run("export", "--format", "json").stdout
    listed = json.loads(run("list", "--json").stdout)
    assert len(listed) == 5 and len(warnings) == 4  # "N/A" is no link: dropped quietly
    urls = {json.loads(run("show", str(r["id"]), "--json").stdout)["url"] for r in listed}
    assert urls == {"https://dump.example/1", "http://feed.example/4", ""}
    assert "pw" not in exported and "javascript" not in exported


def test_a_fetched_page_keeps_no_credentials(run, server):  # noqa: F811
    url = server.replace("http://", "http://reader:hunter2@") + "/page"
    result = run("add", url, "--json")
    assert result.exit_code == 0, result.output
    shown = json.loads(run("show", "1", "--json").stdout)
    assert "hunter2" not in shown["url"] + shown["path"]


async def test_a_library_written_by_another_program_shows_no_credentials(tmp_path):
    """`o`, show, quote and export read URLs through one place that cleans them."""
    path = tmp_path / "library.db"
    runner = CliRunner()
    story = tmp_path / "story.txt"
    story.write_text("A story\n\nIts body.\n")
    assert runner.invoke(cli, ["--db", str(path), "add", str(story)]).exit_code == 0
    assert runner.invoke(cli, ["--db", str(path), "tag", "1", "x"]).exit_code == 0
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE articles SET url = 'https://me:topsecret@other.example/s'")
    shown = runner.invoke(cli, ["--db", str(path), "show", "1"]).stdout
    quoted = runner.invoke(cli, ["--db", str(path), "quote", "1", "-s", "1"]).stdout
    exported = runner.invoke(cli, ["--db", str(path), "export", "--format", "json"]).stdout
    for text in (shown, quoted, exported):
        assert "https://other.example/s" in text and "topsecret" not in text
    from tui.screens.url import UrlScreen

    app = make_app(Library(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.screen.__class__.__name__ == "LibraryScreen"
                     and app.screen.shown is not None)
        await pilot.press("enter")
        await settle(pilot, lambda: getattr(app.screen, "article", None) is not None)
        await pilot.press("o")
        await settle(pilot, lambda: isinstance(app.screen, UrlScreen))
        assert app.screen.url == "https://other.example/s"
    app.library.close()
