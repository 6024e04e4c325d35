"""Entities in the library: mentions stored with the article, counts, re-extraction, filters."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import SEED, make_article
from tui import entities as extractor
from tui.ingest import add_sources
from tui.models import EntitySpan
from tui.search import PARSER, Compiler, search
from tui.search.names import MAX_NAMES, NameIndex
from tui.storage import Library
from tui.storage.conditions import where_sql
from tui.storage.schema import MIGRATIONS, split_sql

SECOND = make_article(
    title="Blinken visits Brazil",
    body="Secretary of State Antony Blinken flew to Brasilia on Monday. Blinken met "
         "officials of Petrobras, according to Reuters.\n\nHe did not visit Mexico City.",
    url="https://news.invalid/blinken-brazil",
)


@pytest.fixture
def lib(library):
    add_sources(library, [str(SEED)], max_bytes=10_000_000)
    library.articles.upsert([SECOND])
    return library


def counts(library) -> dict[tuple[str, str], int]:
    return {(name, label): n for name, label, n in library.entities.top(limit=10_000)}


def assert_consistent(library) -> None:
    """Every count is the number of articles mentioning the entity; no entity counts 0."""
    rows = library.conn.execute(
        "SELECT e.article_count, (SELECT count(*) FROM (SELECT article_id FROM mentions m "
        "WHERE m.entity_id = e.id UNION SELECT article_id FROM title_mentions t "
        "WHERE t.entity_id = e.id)) FROM entities e").fetchall()
    assert rows and all(stored == actual > 0 for stored, actual in rows), rows
    for table in ("mentions", "title_mentions"):
        orphans = library.conn.execute(
            f"SELECT count(*) FROM {table} WHERE entity_id NOT IN (SELECT id FROM entities) "
            "OR article_id NOT IN (SELECT id FROM articles)").fetchone()[0]
        assert orphans == 0


def test_seed_mentions_are_stored_with_offsets_into_the_body(lib):
    article = lib.articles.get(1)
    stored = lib.entities.for_article(1)
    assert stored == extractor.extract_article(article.title, article.body)
    assert all(article.body[s.start:s.end] == s.text for s in stored)
    assert [s.start for s in stored] == sorted(s.start for s in stored)
    blinken = [s for s in stored if s.text == "Antony Blinken"]
    assert blinken == [EntitySpan(blinken[0].start, blinken[0].end, "Antony Blinken", "PERSON",
                                  "Antony Blinken")]
    assert {"Reuters", "Mexico City", "Tatiana Clouthier"} <= {s.canonical for s in stored}
    version = lib.conn.execute("SELECT entities_version FROM articles WHERE id = 1").fetchone()
    assert version == (extractor.EXTRACTOR_VERSION,)


def test_counts_are_articles_not_mentions(lib):
    found = counts(lib)
    assert found[("Antony Blinken", "PERSON")] == 2
    assert found[("Reuters", "ORG")] == 2
    assert found[("Mexico", "PLACE")] == 1  # many mentions, one article
    assert found[("Tatiana Clouthier", "PERSON")] == 1
    assert lib.entities.top("person", limit=1) == [("Antony Blinken", "PERSON", 2)]
    assert lib.entities.articles_with("antony blinken") == [1, 2]
    assert lib.entities.articles_with("Reuters", "PLACE") == []
    assert ("Tatiana Clouthier", "PERSON") in lib.entities.names("PERSON")
    assert all(label == "PLACE" for _, label in lib.entities.names("PLACE"))
    assert_consistent(lib)


def test_update_extracts_again_and_fixes_counts(lib):
    stamp = lib.entities.stamp()
    changed = make_article(title=SECOND.title, url=SECOND.url,
                           body="Prime Minister Rishi Sunak spoke in London on Friday.")
    assert lib.articles.upsert([changed]) == [("updated", 2)]
    found = counts(lib)
    assert found[("Antony Blinken", "PERSON")] == 1
    assert ("Petrobras", "ORG") not in found  # no article mentions it any more
    assert found[("Rishi Sunak", "PERSON")] == 1
    assert {s.text for s in lib.entities.for_article(2)} >= {"Rishi Sunak", "London"}
    assert lib.entities.stamp() > stamp
    assert_consistent(lib)


def test_unchanged_articles_are_not_extracted_again(lib, monkeypatch):
    monkeypatch.setattr(extractor, "extract_document", pytest.fail)
    assert lib.articles.upsert([SECOND]) == [("unchanged", 2)]


def test_delete_cascades_to_mentions_and_counts(lib):
    stamp = lib.entities.stamp()
    with lib.write() as conn:
        conn.execute("DELETE FROM articles WHERE id = 2")
    assert lib.entities.stamp() > stamp
    found = counts(lib)
    assert found[("Antony Blinken", "PERSON")] == 1
    assert ("Petrobras", "ORG") not in found
    assert lib.conn.execute("SELECT count(*) FROM mentions WHERE article_id = 2").fetchone() == (0,)
    assert lib.entities.for_article(2) == []
    assert_consistent(lib)


def test_an_article_is_never_stored_without_its_entities(library, monkeypatch):
    def broken(title, body):
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(extractor, "extract_document", broken)
    with pytest.raises(RuntimeError):
        library.articles.upsert([make_article(), SECOND])
    assert library.articles.count() == 0


def test_a_new_extractor_version_extracts_again_without_reingest(lib, monkeypatch):
    monkeypatch.setattr(extractor, "EXTRACTOR_VERSION", extractor.EXTRACTOR_VERSION + 1)
    original = extractor.extract_document
    # The "new extractor" finds people only, so the rewrite is visible.
    monkeypatch.setattr(extractor, "extract_document", lambda title, body: [
        s for s in original(title, body) if s.label == "PERSON"])
    assert lib.entities.stale_count() == 2
    # Until then, what the reader asks for is extracted on the fly (and nothing is written).
    assert {s.label for s in lib.entities.for_article(1)} == {"PERSON"}
    assert ("Reuters", "ORG") in counts(lib)
    seen = []
    assert lib.entities.reextract_stale(batch=1, progress=lambda done, total: seen.append((done, total)))\
        == 2
    assert seen == [(1, 2), (2, 2)]
    assert lib.entities.stale_count() == 0
    assert {label for _, label in counts(lib)} == {"PERSON"}
    assert counts(lib)[("Antony Blinken", "PERSON")] == 2
    assert lib.entities.reextract_stale() == 0
    assert_consistent(lib)


def test_reextract_leaves_articles_changed_meanwhile_alone(lib, monkeypatch):
    monkeypatch.setattr(extractor, "EXTRACTOR_VERSION", extractor.EXTRACTOR_VERSION + 1)
    original = extractor.extract_document

    edits = []

    def extract_then_edit(title, body):
        spans = original(title, body)
        if title == SECOND.title and not edits:  # another writer edits it during extraction
            edits.append(title)
            other = Library(lib.path)
            other.articles.upsert([make_article(title=SECOND.title, url=SECOND.url,
                                                body="Only Olaf Scholz now.")])
            other.close()
        return spans

    monkeypatch.setattr(extractor, "extract_document", extract_then_edit)
    assert lib.entities.reextract_stale() == 1
    assert [s.text for s in lib.entities.for_article(2)] == ["Olaf Scholz"]
    assert_consistent(lib)


def test_an_older_library_gains_entities_without_reingest(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:2]:
        for statement in split_sql(migration):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 2")
    conn.execute(
        "INSERT INTO articles (uid, title, body, content_hash, added, updated) VALUES "
        "('u1', 'Talks', 'President Joe Biden met Justin Trudeau in Ottawa.', 'h', 'x', 'x')")
    conn.close()
    with Library(path) as library:
        assert library.entities.stale_count() == 1
        assert library.entities.reextract_stale() == 1
        assert [(s.text, s.label) for s in library.entities.for_article(1)] == [
            ("Joe Biden", "PERSON"), ("Justin Trudeau", "PERSON"), ("Ottawa", "PLACE")]


# -- search filters ------------------------------------------------------------------------------


@pytest.mark.parametrize("query, expected", [
    ("person:blinkn", [1, 2]),
    ("person:Blinken", [1, 2]),
    ('person:"antony blinken"', [1, 2]),
    ('place:"mexico city"', [1, 2]),
    ("place:mexico", [1, 2]),
    ("org:reuters", [1, 2]),
    ("org:petrobras", [2]),
    ("entity:clouthier", [1]),
    ("entity:clouthir", [1]),
    ("-person:trump", [2]),
    ("person:trump OR org:petrobras", [1, 2]),
    ("person:clouthier trade", [1]),
    ("place:brasilia -person:trump", [2]),
])
def test_entity_filters(lib, query, expected):
    assert sorted(search(lib, query).ids) == expected


def test_entity_filters_use_the_indexes(lib):
    compiler = Compiler(lib, expand=None)
    _, where = compiler.compile(PARSER.parse("person:trump OR place:mexico").tree)
    sql, params = where_sql(where)
    plan = " | ".join(r[3] for r in lib.conn.execute(
        f"EXPLAIN QUERY PLAN SELECT a.id FROM articles AS a WHERE {sql}", params))
    assert "SCAN" not in plan.replace("CONSTANT ROWS", ""), plan


def test_fuzzy_matches_say_what_they_searched(lib):
    result = search(lib, "person:blinkn")
    assert result.notices == ["person:blinkn taken as Antony Blinken"]
    assert search(lib, "person:blinken").notices == []


@pytest.mark.parametrize("query, notice", [
    ("person:xyz", "no person like 'xyz'"),
    ("person:zzzzzz", "no person like 'zzzzzz'"),
    ('place:"atlantis"', "no place like 'atlantis'"),
])
def test_unknown_names_find_nothing_and_say_so(lib, query, notice):
    result = search(lib, query)
    assert result.ids == [] and notice in result.notices
    assert sorted(search(lib, "-" + query).ids) == [1, 2]


def test_a_name_known_under_another_label_is_searched_there_and_said_so(lib):
    # Blinken is a person: org:blinken used to find nothing at all.
    result = search(lib, "org:blinken")
    assert sorted(result.ids) == [1, 2]
    assert result.notices == ["no org like 'blinken': searched person:blinken "
                              "(Antony Blinken, a person)"]
    assert search(lib, "-org:blinken").ids == []


def test_name_index_tries_whole_words_then_prefixes_then_spelling():
    index = NameIndex([("Donald Trump", "PERSON"), ("Trump", "PERSON"),
                       ("Trumpington", "PLACE"), ("Ivanka Trump", "PERSON"),
                       ("José Ébrard", "PERSON"), ("Mexico City", "PLACE"), ("Mexico", "PLACE")])
    assert index.match("trump").names == [("Donald Trump", "PERSON"), ("Trump", "PERSON"),
                                          ("Ivanka Trump", "PERSON")]
    assert index.match("trump", "PLACE").names == [("Trumpington", "PLACE")]
    assert index.match("ebrard").names == [("José Ébrard", "PERSON")]  # diacritics folded
    assert index.match("mexico city").names == [("Mexico City", "PLACE")]
    assert index.match("mexco cty").names == [("Mexico City", "PLACE")]
    assert index.match("mexco cty").fuzzy
    assert index.match("ingto").names == [("Trumpington", "PLACE")]  # inside a word
    assert index.match("trm").names == []  # too short to guess from
    assert index.match("!!").names == []


def test_name_index_keeps_the_most_mentioned_names():
    names = [(f"John Doe{n}", "PERSON") for n in range(25)]
    found = NameIndex(names).match("john")
    assert found.names == names[:MAX_NAMES] and found.total == 25
