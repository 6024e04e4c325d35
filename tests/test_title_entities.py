"""Names in titles (issue 19): extracted, stored with offsets into the title, counted, found by
the entity filters, shown by `show --json`, and filled in on upgrade without re-adding."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from tests.conftest import make_article
from tui import entities as extractor
from tui.cli import cli
from tui.search import search
from tui.storage import Library
from tui.storage.schema import MIGRATIONS, split_sql

TITLE = "Kowalczyk to lead Brightwater Holdings"
BODY = ("The board named Anna Kowalczyk chief executive on Tuesday. She starts in Lisbon "
        "next month, the company said.")


@pytest.fixture
def lib(tmp_path):
    library = Library(tmp_path / "titles.db")
    library.articles.upsert([make_article(TITLE, BODY, url="https://example.com/k")])
    yield library
    library.close()


def test_title_mentions_are_stored_with_offsets_into_the_title(lib):
    found = lib.entities.in_title(1)
    assert found and all(s.in_title for s in found)
    for span in found:
        assert TITLE[span.start:span.end] == span.text
    assert {(s.text, s.label) for s in found} >= {("Kowalczyk", "PERSON"),
                                                  ("Brightwater Holdings", "ORG")}
    assert all(not s.in_title for s in lib.entities.for_article(1))
    assert ("Lisbon", "PLACE") in {(s.text, s.label) for s in lib.entities.for_article(1)}


def test_names_only_in_the_title_are_counted_and_found(lib):
    assert ("Brightwater Holdings", "ORG", 1) in lib.entities.top()
    assert search(lib, "org:brightwater").ids == [1]
    assert search(lib, "person:kowalczyk").ids == [1]
    assert lib.entities.articles_with("brightwater holdings") == [1]


def test_deleting_an_article_forgets_its_title_names(lib):
    with lib.write() as conn:
        conn.execute("DELETE FROM articles WHERE id = 1")
    assert lib.conn.execute("SELECT count(*) FROM title_mentions").fetchone() == (0,)
    assert ("Brightwater Holdings", "ORG", 1) not in lib.entities.top()


def test_show_json_has_the_title_entities(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(f"{TITLE}\n\n{BODY}\n")
    runner = CliRunner()
    db = str(tmp_path / "show.db")
    assert runner.invoke(cli, ["--db", db, "add", str(story)]).exit_code == 0
    shown = json.loads(runner.invoke(cli, ["--db", db, "show", "1", "--json"]).stdout)
    assert shown["title_entities"]
    for entity in shown["title_entities"]:
        assert shown["title"][entity["start"]:entity["end"]] == entity["text"]
    assert {"start": 0, "end": 9, "text": "Kowalczyk", "label": "PERSON",
            "canonical": "Anna Kowalczyk"} in shown["title_entities"]
    as_file = json.loads(runner.invoke(cli, ["entities", str(story), "--json"]).stdout)
    assert as_file["title_entities"] == shown["title_entities"]


def _before_title_mentions(path) -> None:
    """A library as the release before issue 19 left it: no title_mentions table, and its
    articles' entities found by extractor version 1."""
    mine = next(k for k, m in enumerate(MIGRATIONS) if "CREATE TABLE title_mentions" in m)
    conn = sqlite3.connect(path)
    with conn:
        for migration in MIGRATIONS[:mine]:
            for statement in split_sql(migration):
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {mine}")
    conn.close()
    old = sqlite3.connect(path)
    with old:
        old.execute(
            "INSERT INTO articles (uid, title, body, content_hash, added, updated, "
            "entities_version) VALUES ('u1', ?, ?, 'h1', '2024-01-01', '2024-01-01', 1)",
            (TITLE, BODY))
        old.execute("INSERT INTO articles_fts(rowid, title, body) VALUES (1, ?, ?)",
                    (TITLE, BODY))
    old.close()


def test_upgrade_adds_the_table_and_reextracts_without_readding(tmp_path):
    path = tmp_path / "old.db"
    _before_title_mentions(path)
    with Library(path) as library:
        assert library.conn.execute("SELECT count(*) FROM title_mentions").fetchone() == (0,)
        assert library.entities.stale_count() == 1  # stamped by version 1, read by version 2
        # Until then the reader gets the title's names extracted on the fly.
        assert ("Kowalczyk", "PERSON") in {(s.text, s.label)
                                           for s in library.entities.in_title(1)}
        assert library.entities.reextract_stale() == 1
        assert library.entities.stale_count() == 0
        assert library.articles.count() == 1 and library.articles.get(1).title == TITLE
        assert search(library, "person:kowalczyk").ids == [1]


def test_the_version_stamp_was_bumped_for_this_extractor():
    # Libraries written before issue 19 carry version 1 and no title mentions.
    assert extractor.EXTRACTOR_VERSION >= 2
