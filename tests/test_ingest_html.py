"""Tests for web pages: the article without boilerplate, and the page's metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.ingest.html import html_to_text, parse_html
from tui.ingest.sources import kind_of, read_source

PAGES = Path(__file__).parent / "fixtures" / "sources"
MB = 1024 * 1024


def test_article_without_navigation_ads_related_and_footer():
    article = parse_html((PAGES / "news_page.html").read_bytes(), path="page.html")
    assert article.title == "Harlow Street bridge reopens after two-year repair"
    assert article.body.startswith("The Harlow Street bridge reopened to traffic on Tuesday")
    assert article.body.endswith("close to the numbers seen before it closed.")
    assert len(article.paragraphs) == 4
    for junk in ("Subscribe now", "ADVERTISEMENT", "Related stories", "Ferry timetable",
                 "Copyright", "Privacy policy", article.title):
        assert junk not in article.body


def test_metadata_from_the_page():
    article = parse_html((PAGES / "news_page.html").read_bytes(), path="page.html")
    assert article.source == "The Valley Ledger"
    assert article.author == "Maria Ostrova"
    assert article.published == "2024-03-05"
    assert article.url == "https://ledger.example/news/harlow-bridge-reopens"
    assert article.path == "page.html"


def test_page_without_an_article_is_a_skip():
    results = list(read_source(str(PAGES / "no_article.html"), max_bytes=MB))
    assert [r.skip.reason for r in results] == ["no article found in the page"]


def test_escapes_in_the_page_are_cleaned(tmp_path):
    body = "".join(
        f"<p>Paragraph {n} says the \x1b[31mcouncil\x1b[0m met on Monday to vote on the budget "
        "for the river path and the bridge.</p>" for n in range(3)
    )
    page = tmp_path / "p.html"
    page.write_text(f"<html><head><title>Budget vote</title></head><body><article>{body}"
                    "</article></body></html>")
    [result] = read_source(str(page), max_bytes=MB)
    assert "\x1b" not in result.article.body
    assert "the council met" in result.article.body


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("<p>One.</p><p>Two <b>bold</b>.</p>", "One.\n\nTwo bold."),
        ("Line one<br>line two", "Line one line two"),
        ("<ul><li>a</li><li>b</li></ul>", "a\n\nb"),
        ("<p>Kept</p><script>alert(1)</script><style>p{}</style>", "Kept"),
        ("plain &amp; simple", "plain & simple"),
        ("", ""),
    ],
)
def test_html_to_text_keeps_paragraphs(markup, text):
    assert html_to_text(markup) == text


@pytest.mark.parametrize(
    ("source", "kind"),
    [("a.html", "html"), ("b.HTM", "html"), ("c.rss", "feed"), ("d.atom", "feed"),
     ("e.xml", "feed"), ("f.jsonl", "dump"), ("g.json", "dump"), ("h.csv", "dump"),
     ("i.txt", "text"), ("-", "text"), ("https://x.example/a", "url")],
)
def test_kind_of(source, kind):
    assert kind_of(source) == kind
