"""Upgrades: libraries made by the first released schemas open with today's code, in one
transaction that keeps everything; a library from a newer newsreader is refused untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import make_article
from tests.library_checks import load, raw
from tui.cli import cli
from tui.search import search
from tui.storage import SCHEMA_VERSION, Library, LibraryError

FIXTURES = Path(__file__).parent / "fixtures" / "libraries"
TRADE = "US and Mexico resume trade talks"
BUDGET = "Treasury sets out the spring budget"
HARBOUR = "Café owners in Ébrard Street welcome the new harbour ferry"


def rows(path: Path, query: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


def fts_ok(library: Library) -> None:
    conn = library.conn
    conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


@pytest.mark.parametrize("dump, version", [("schema1.sql", 1), ("schema2.sql", 2)])
def test_old_library_upgrades_and_keeps_every_article(tmp_path, dump, version):
    path = load(dump, tmp_path / "old.db")
    before = rows(path, "SELECT id, title, body, read, starred, added FROM articles ORDER BY id")
    assert raw(path)[0] == version and len(before) == 3
    with Library(path) as library:
        assert library.schema_version() == SCHEMA_VERSION
        after = [(a.id, a.title, a.body, a.read, a.starred, a.added)
                 for a in map(library.articles.get, library.articles.ids("oldest"))]
        assert after == [(i, t, b, bool(r), bool(s), d) for i, t, b, r, s, d in before]
        fts_ok(library)
        assert [library.articles.get(i).title for i in search(library, "talks").ids] == [TRADE]
        assert search(library, "ebrard").ids == [3]  # diacritics folded, as before
        assert search(library, "is:starred").ids == [1] and search(library, "is:read").ids == [2]
        # Entities came with schema 3: the old articles are read by the current extractor.
        assert library.entities.stale_count() == 3
        assert library.entities.reextract_stale() == 3
        assert "Antony Blinken" in {e.text for e in library.entities.for_article(1)}
        assert search(library, "person:blinken").ids == [1]
        # The upgraded library takes new articles, indexed like the old ones.
        library.articles.upsert([make_article("Ferry strike", "The harbour ferry stopped.")])
        assert len(search(library, "ferry").ids) == 2
        fts_ok(library)


def test_schema2_keeps_tags_notes_highlights_and_saved_searches(tmp_path):
    path = load("schema2.sql", tmp_path / "old.db")
    with Library(path) as library:
        assert library.notes.article_tags(1) == ["Foreign-Policy", "to-read", "trade"]
        assert library.notes.article_tags(2) == ["to-read"]
        notes = library.notes.annotations(1)
        assert [(n.kind, n.text, n.tags) for n in notes] == [
            ("note", "Compare with the 2013 talks", ["follow-up"]),
            ("highlight", "The key figure", []),
        ]
        body = library.articles.get(1).body
        highlight = notes[1]
        assert body[highlight.start:highlight.end] == "one billion dollars of trade"
        (budget,) = library.notes.annotations(2)
        assert library.articles.get(2).body[budget.start:budget.end] == "borrowing would fall"
        assert (budget.text, budget.tags, budget.orphan) == ("a promise to check", ["economy"],
                                                             False)
        assert library.saved.all() == [("talks", "trade talks")]
        assert search(library, "tag:trade").ids == [1]
        assert sorted(search(library, "has:highlight").ids) == [1, 2]
        # Re-adding changed text still moves an old highlight with its passage.
        article = library.articles.get(2)
        article.body = "Breaking: " + article.body
        library.articles.upsert([article])
        (moved,) = library.notes.annotations(2)
        assert library.articles.get(2).body[moved.start:moved.end] == "borrowing would fall"


def test_a_migration_failing_half_way_leaves_the_old_library_exactly(tmp_path, monkeypatch):
    import tui.storage.migrate as library_module

    path = load("schema2.sql", tmp_path / "old.db")
    before = raw(path)
    broken = list(library_module.MIGRATIONS)
    # The last migration fails after its other statements have run.
    broken[-1] += "\nINSERT INTO no_such_table VALUES (1);\n"
    monkeypatch.setattr(library_module, "MIGRATIONS", broken)
    with pytest.raises(LibraryError, match="could not upgrade .* from schema 2 to"):
        Library(path)
    assert raw(path) == before  # no table of migration 3 or 4, every row as it was
    monkeypatch.undo()
    with Library(path) as library:
        assert library.schema_version() == SCHEMA_VERSION and library.articles.count() == 3


@pytest.fixture
def newer(tmp_path):
    """A library of a newer newsreader, in WAL mode (as ours) or not."""
    def make(wal: bool) -> Path:
        path = tmp_path / ("newer-wal.db" if wal else "newer.db")
        if wal:
            Library(path).close()
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE IF NOT EXISTS future (x)")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
        conn.commit()
        conn.close()
        return path
    return make


@pytest.mark.parametrize("wal", [True, False])
def test_newer_library_is_refused_untouched_by_cli_and_app(newer, tmp_path, monkeypatch, wal):
    import tui.app

    path = newer(wal)
    before = path.read_bytes()
    launched = []
    monkeypatch.setattr(tui.app, "run_app", lambda *args: launched.append(args) or 0)
    monkeypatch.setattr("tui.cli.has_terminal", lambda: True)  # plain newsreader, as on one
    runner = CliRunner()
    for args in (["list"], ["search", "x"], ["add", str(tmp_path)], ["backup", "b.db"], []):
        result = runner.invoke(cli, ["--db", str(path), *args], catch_exceptions=False)
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr.strip().splitlines() == [
            f"newsreader: library {path} was made by a newer newsreader (schema "
            f"{SCHEMA_VERSION + 5}, this version knows up to {SCHEMA_VERSION}); upgrade "
            "newsreader to open it"]
    assert not launched
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
