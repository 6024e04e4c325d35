"""Sources: every article gets one where one can be known (front matter, --source, feeds,
pages, datasets, and opt-in folder names), `source:` finds them, the list shows them when
the width allows."""

from __future__ import annotations

import json

from tests.conftest import make_article
from tui.ingest import add_sources
from tui.search import search
from tui.search.sources import source_query
from tui.widgets.article_list import columns


def folders(tmp_path):
    for topic, n in (("business", 2), ("tech", 1)):
        (tmp_path / "corpus" / topic).mkdir(parents=True)
        for i in range(n):
            (tmp_path / "corpus" / topic / f"{i:03d}.txt").write_text(
                f"{topic.title()} story {i}\n\nThe {topic} desk wrote story {i} today.\n")
    (tmp_path / "corpus" / "tech" / "own.md").write_text(
        "---\ntitle: Own source\nsource: Wired\n---\nA story that names its source.\n")
    (tmp_path / "corpus" / "tech" / "dump.jsonl").write_text(
        json.dumps({"title": "From a dump", "text": "Dump text here."}) + "\n")
    return tmp_path / "corpus"


def sources_of(library):
    return {r.title: r.source for r in library.articles.list_rows()}


def test_source_from_folder_names_articles_by_their_folder(library, tmp_path):
    add_sources(library, [str(folders(tmp_path))], max_bytes=10**7, source_from_folder=True,
                source_name="Fallback")
    assert sources_of(library) == {
        "Business story 0": "business", "Business story 1": "business",
        "Tech story 0": "tech", "Own source": "Wired",
        "From a dump": "Fallback"}  # a dump's records are named by --source, else the dump
    assert library.marks.sources() == [("business", 2, 2), ("Fallback", 1, 1), ("tech", 1, 1),
                                 ("Wired", 1, 1)]


def test_without_the_option_folders_name_nothing(library, tmp_path):
    add_sources(library, [str(folders(tmp_path))], max_bytes=10**7, source_name="Desk")
    assert sources_of(library)["Tech story 0"] == "Desk"


def test_the_cli_option_and_readding_gives_sources_to_stored_articles(run, tmp_path):
    corpus = folders(tmp_path)
    db = str(tmp_path / "lib.db")
    assert run("--db", db, "add", str(corpus)).exit_code == 0
    result = run("--db", db, "add", str(corpus), "--source-from-folder", "--json")
    assert result.exit_code == 0, result.output
    listed = json.loads(run("--db", db, "list", "--json").output)
    assert {r["title"]: r["source"] for r in listed}["Business story 1"] == "business"


def test_source_exact_and_contains(library):
    library.articles.upsert([make_article(title="A", body="One.", source="BBC News"),
                             make_article(title="B", body="Two.", source="BBC News - Business"),
                             make_article(title="C", body="Three.", source="bbc news"),
                             make_article(title="D", body="Four.")])
    def titles(query):
        ids = search(library, query, limit=0).ids
        return sorted(row.title for row in library.articles.rows(ids).values())

    assert titles('source:"bbc news"') == ["A", "B", "C"]
    assert titles('source:="BBC News"') == ["A", "C"]
    assert titles(source_query("BBC News")) == ["A", "C"]
    assert titles(source_query("")) == ["D"]
    assert titles("source:=") == ["D"]
    assert titles('-source:="bbc news"') == ["B", "D"]
    assert source_query("business") == "source:=business"


def test_source_query_of_a_name_with_quotes_finds_it(library):
    library.articles.upsert([make_article(title="Q", body="Quoted.", source='The "Daily" Post')])
    result = search(library, source_query('The "Daily" Post'), limit=0)
    assert result.total == 1


def test_source_column_only_where_it_costs_no_title_room():
    assert columns(79)[1] == 0 and columns(89)[1] == 0
    title, source, date = columns(100)
    assert source and 6 + title + 2 + source + 2 + date + 1 == 100
    assert title > columns(80)[0] - 5
