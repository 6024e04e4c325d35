"""Dates that say what they are: an article without a publication date shows the date it was
added as such, and date filters say when they used it (issue 17)."""

from __future__ import annotations

import json

from tests.conftest import make_article
from tui.search import search


def two_articles(library) -> None:
    library.articles.upsert([
        make_article("Yukos shares fall", "Yukos shares fell again in Moscow.",
                     published="2004-11-02"),
        make_article("Yukos auction", "The Yukos unit was auctioned; no date in the file.")])


def test_list_and_show_give_added_next_to_published(run, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Undated story\n\nNo date anywhere in this file.\n")
    run("add", str(story))
    [row] = json.loads(run("list", "--json").output)
    assert row["published"] == "" and row["added"][:4].isdigit()
    shown = json.loads(run("show", "1", "--json").output)
    assert shown["published"] == "" and shown["added"] == row["added"]
    line = run("list").output.splitlines()[0]
    assert f"{row['added'][:10]}+ Undated story" in line  # + marks the date added
    assert f"added {row['added'][:10]} (no publication date)" in run("show", "1").output


def test_date_filters_say_they_compared_undated_articles_by_the_date_added(library):
    two_articles(library)
    before = search(library, "before:2005 yukos")
    assert [h.title for h in before.hits] == ["Yukos shares fall"]
    notice = ("1 article has no publication date: after: and before: compare the date they "
              "were added")
    assert notice in before.notices
    recent = search(library, "after:7d")
    assert [h.title for h in recent.hits] == ["Yukos auction"] and notice in recent.notices
    assert not any("publication date" in n for n in search(library, "yukos").notices)


def test_no_notice_when_every_article_is_dated(library):
    library.articles.upsert([make_article("Dated", "Words.", published="2021-01-01")])
    assert search(library, "after:2020").notices == []


def test_the_cli_prints_the_notice(run, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Undated story\n\nNo date anywhere in this file.\n")
    run("add", str(story))
    result = run("search", "after:7d")
    assert "1 article has no publication date: after: and before: compare the date they " \
           "were added" in result.output
