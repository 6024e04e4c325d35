"""Cost that grows with one article, not the archive: a snippet looks at a bounded start of its
article, the search reads no more of a body than a snippet can use, and `tag` reads all its ids
at once (work is counted here, not timed: tests/bench/bench_hostile.py has the figures)."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

import tui.search.snippets as snippets
from tests.conftest import make_article
from tui.cli import cli
from tui.search import search
from tui.search.snippets import SCAN_STEPS, SNIPPET_CHARS, make_snippet
from tui.storage import Library
from tui.storage.schema import RANK


@pytest.fixture
def scanned(monkeypatch) -> list[int]:
    """The length of every text a snippet searched for hits."""
    lengths: list[int] = []
    real = snippets.term_spans

    def spy(text, terms):
        lengths.append(len(text))
        return real(text, terms)

    monkeypatch.setattr(snippets, "term_spans", spy)
    return lengths


def test_a_hostile_body_is_searched_only_at_its_start(scanned):
    body = "ab " * 1_000_000  # 3 MB, a million hits
    text, spans = make_snippet(body, ["ab"])
    assert text.startswith("ab ab") and text.endswith("…") and len(spans) > 20
    assert max(scanned) <= SCAN_STEPS[0] + 64  # the first step held a good passage


def test_a_word_far_into_a_long_paragraph_costs_a_bounded_scan(scanned):
    body = " ".join(f"word{i % 5000}" for i in range(1_500_000)) + " needle"
    text, spans = make_snippet(body, ["needle"])
    assert max(scanned) <= SCAN_STEPS[-1] + 64
    assert spans == [] and text.startswith("word0 word1")  # its start, shown without a hit


def test_ordinary_articles_get_the_same_best_window(scanned):
    body = ("Filler sentence about nothing. " * 30 + "Mexico and trade talks. " +
            "More filler here. " * 10 + "Mexico trade Mexico trade deal.")
    text, spans = make_snippet(body, ["mexico", "trade"])
    assert "Mexico trade Mexico trade deal." in text and len(spans) == 4
    assert scanned == [len(body)]


def test_the_search_reads_a_bounded_part_of_each_body(tmp_path, monkeypatch):
    with Library(tmp_path / "library.db") as library:
        library.articles.upsert([make_article("Hostile", "ab " * 500_000),
                                 make_article("Plain", "An ab test, and more.")])
        seen: list[int] = []
        real = library.matching.hit_rows

        def spy(ids, chars=None):
            rows = real(ids, chars=chars)
            seen.extend(len(row[3]) for row in rows.values())
            return rows

        monkeypatch.setattr(library.matching, "hit_rows", spy)
        result = search(library, "ab", limit=20)
        assert result.total == 2 and {h.title for h in result.hits} == {"Hostile", "Plain"}
        assert max(seen) == SNIPPET_CHARS


def test_rank_is_the_index_configured_rank(tmp_path):
    with Library(tmp_path / "library.db") as library:
        (config,) = library.conn.execute(
            "SELECT v FROM articles_fts_config WHERE k = 'rank'").fetchone()
    assert config.replace("bm25(", "bm25(articles_fts, ") == RANK


def statements(tmp_path, count: int) -> int:
    """How many queries `newsreader tag 1,2,...,count x` runs (an INSERT that executemany
    repeats per row counts for each; queries are what grew with every id)."""
    db = tmp_path / f"tags-{count}.db"
    with Library(db) as library:
        library.articles.upsert([make_article(f"T{i}", f"Body {i}.") for i in range(count)])
    executed: list[str] = []
    connect = sqlite3.connect

    def traced(*args, **kwargs):
        conn = connect(*args, **kwargs)
        conn.set_trace_callback(executed.append)
        return conn

    sqlite3.connect = traced
    try:
        ids = ",".join(str(i) for i in range(1, count + 1))
        result = CliRunner().invoke(cli, ["--db", str(db), "tag", ids, "x"])
    finally:
        sqlite3.connect = connect
    assert result.exit_code == 0 and result.stdout.count(": x\n") == count
    return sum(1 for s in executed if s.startswith("SELECT"))


def test_tag_runs_as_many_queries_for_400_ids_as_for_100(tmp_path):
    """8,000 ids took 196 s: the rows were read again for every id."""
    assert statements(tmp_path, 400) == statements(tmp_path, 100)
