"""The library file: schema, identity of articles, FTS sync, concurrency basics."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from tests.conftest import make_article
from tui.storage import SCHEMA_VERSION, Library, LibraryError, article_uid, canonical_url
from tui.storage.schema import order_by


def fts(library, match):
    """(total, titles in rank order, ids) for a raw FTS5 expression, through the storage API."""
    ids, _ = library.matching.match_ids(match)
    rows = library.matching.hit_rows(ids[:20])
    return len(ids), [rows[i][0] for i in ids[:20]], ids


def test_new_library_is_wal_and_versioned(library):
    assert library.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert library.schema_version() == SCHEMA_VERSION
    assert library.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_add_update_unchanged_by_url(library):
    a = make_article(url="https://example.com/story?utm_source=x#top", body="First version.")
    assert library.articles.upsert([a]) == [("added", 1)]
    again = make_article(url="HTTPS://Example.com/story/", body="First version.")
    assert library.articles.upsert([again])[0][0] == "unchanged"
    edited = make_article(url="https://example.com/story", body="Second version.")
    assert library.articles.upsert([edited]) == [("updated", 1)]
    assert library.articles.count() == 1
    assert library.articles.get(1).body == "Second version."


def test_identity_without_url_comes_from_normalised_text(library):
    a = make_article(body="Hello  world.\n\nMore text.")
    b = make_article(body="hello world. more text")
    assert article_uid(a) == article_uid(b)
    assert article_uid(a) != article_uid(make_article(body="Different text."))


def test_edited_file_updates_the_same_article(library):
    first = make_article(body="Original words.", path="/x/story.txt")
    library.articles.upsert([first])
    library.articles.set_flag(1, "read", True)
    edited = make_article(body="Entirely new words.", path="/x/story.txt")
    assert library.articles.upsert([edited]) == [("updated", 1)]
    article = library.articles.get(1)
    assert article.read is True and article.body == "Entirely new words."


def test_fts_follows_insert_update_delete(library):
    library.articles.upsert([make_article(title="Otters", body="Rivers hold otters.")])
    assert fts(library, '"otters"')[0] == 1
    library.articles.upsert([make_article(title="Otters", body="Beavers only.", path="")])
    library.conn.execute("UPDATE articles SET body = 'Now about badgers.' WHERE id = 1")
    assert fts(library, '"badgers"')[0] == 1
    assert fts(library, '"rivers"')[0] == 0
    library.conn.execute("DELETE FROM articles WHERE id = 1")
    assert fts(library, '"badgers"')[0] == 0
    check = library.conn.execute(
        "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
    assert check is not None


def test_a_batch_enters_the_index_as_one_segment(library):
    # Before migration 5 each article entered FTS5 from a trigger, and every later statement's
    # savepoint wrote the pending terms out: a segment per article, merged again and again.
    batch = [make_article(title=f"Report {i}", body=f"Angela Merkel met Emmanuel Macron in "
                          f"Berlin on day {i}. Siemens AG said nothing.", path=f"/r/{i}.txt")
             for i in range(300)]
    assert {status for status, _ in library.articles.upsert(batch)} == {"added"}
    segments = library.conn.execute("SELECT count(DISTINCT segid) FROM articles_fts_idx")
    assert segments.fetchone()[0] == 1
    assert fts(library, '"macron" AND "299"')[0] == 1
    assert library.conn.execute("SELECT count(*) FROM mentions").fetchone()[0] >= 900


def test_an_article_added_then_edited_in_one_batch_is_indexed_as_edited(library):
    first = make_article(title="Draft", body="Otters in the first draft.", path="/x/a.txt")
    second = make_article(title="Draft", body="Badgers in the second draft.", path="/x/a.txt")
    other = make_article(title="Other", body="Herons elsewhere.", path="/x/b.txt")
    assert library.articles.upsert([first, second, other]) == [
        ("added", 1), ("updated", 1), ("added", 2)]
    assert fts(library, '"badgers"')[0] == 1
    assert fts(library, '"otters"')[0] == 0
    assert fts(library, '"herons"')[0] == 1
    library.conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")


def test_diacritics_are_folded(library):
    library.articles.upsert([make_article(title="Café society", body="Ébrard spoke.")])
    assert fts(library, '"ebrard"')[0] == 1
    assert fts(library, '"cafe"')[0] == 1


def test_title_weighs_more_than_body(library):
    library.articles.upsert([
        make_article(title="Budget news", body="Talk of otters and more otters, otters."),
        make_article(title="Otters return", body="The animals came back to the river."),
    ])
    total, titles, ids = fts(library, '"otters"')
    assert total == 2 and titles[0] == "Otters return"


def test_orders(library):
    library.articles.upsert([
        make_article(title="b", body="one", published="2020-01-01"),
        make_article(title="A", body="two", published="2022-01-01"),
        make_article(title="c", body="three", published="2021-01-01"),
    ])
    assert library.articles.ids("newest") == [2, 3, 1]
    assert library.articles.ids("title") == [2, 1, 3]
    assert set(library.articles.rows([1, 3])) == {1, 3}


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    Library(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(LibraryError, match="newer newsreader"):
        Library(path)


def test_not_a_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is my shopping list, not sqlite" * 100)
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="not a newsreader library"):
        Library(path)
    assert path.read_bytes() == before


def test_folder_and_missing_library(tmp_path):
    with pytest.raises(LibraryError, match="folder"):
        Library(tmp_path)
    with pytest.raises(LibraryError, match="no library"):
        Library(tmp_path / "missing.db", create=False)


def test_canonical_url():
    assert canonical_url("http://EX.com:80/a/?utm_medium=x&id=3#frag") == "https://ex.com/a?id=3"


def test_two_writers_never_see_locked(tmp_path):
    path = tmp_path / "shared.db"
    Library(path).close()
    errors = []

    def writer(n):
        lib = Library(path)
        try:
            for i in range(50):
                lib.articles.upsert([make_article(title=f"w{n}-{i}", body=f"body {n} {i}")])
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)
        finally:
            lib.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Library(path) as lib:
        assert lib.articles.count() == 100


def test_cancelled_query_stops(library):
    library.articles.upsert([make_article(title=f"t{i}", body=f"common word {i}")
                             for i in range(300)])
    from tui.search import search

    result = search(library, "common", cancelled=lambda: True)
    assert result.total == 0 and result.notices == ["search cancelled"]


def test_new_libraries_use_16k_pages(library):
    assert library.conn.execute("PRAGMA page_size").fetchone()[0] == 16384


def test_ids_come_in_the_same_order_as_rows_sorted_by_sql(library):
    library.articles.upsert([
        make_article(title=f"t{(n * 37) % 101}", body=f"body {n}",
                     published=f"20{(n * 13) % 30:02d}-0{1 + n % 9}-1{n % 10}")
        for n in range(300)])
    for order in ("newest", "oldest", "title"):
        expected = [r[0] for r in library.conn.execute(
            f"SELECT id FROM articles ORDER BY {order_by(order)}")]
        assert library.articles.ids(order) == expected


def test_text_identity_is_letters_and_digits_folded_for_every_character():
    """The uid of a text must never change between versions: the fast paths give exactly
    NFKC, casefold, then every `[\\W_]` removed, for every code point (surrogates too)."""
    import re
    import unicodedata

    from tui.storage.identity import _normalised_text

    every = "".join(chr(c) for c in range(0x110000))
    for chunk in (every[i:i + 0x8000] for i in range(0, len(every), 0x8000)):
        for text in (chunk, "Plain ASCII, text: 42_x!", "Ça va — Zoë's café № 5 ﬁ ß"):
            expected = re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", "T\n" + text).casefold())
            assert _normalised_text("T", text) == expected


@pytest.mark.parametrize("spelling", [
    "lib/library.db", "./lib/library.db", "lib/./library.db", "lib//library.db",
    "{tmp}/lib/library.db", "{tmp}//lib/library.db", "~/library.db", "../x/../lib/library.db",
    "lib/../lib/library.db",
])
def test_a_library_path_is_kept_as_pathlib_writes_it(tmp_path, monkeypatch, spelling):
    """A path written plainly is kept as text (no Path made to open the library); any other
    spelling goes through a Path: either way `file` is `str(path)`, as `Path` writes it."""
    from pathlib import Path

    (tmp_path / "lib").mkdir()
    (tmp_path / "x").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    given = spelling.format(tmp=tmp_path)
    with Library(given) as library:
        assert library.file == str(library.path) == str(Path(given).expanduser())
        assert library.path == Path(given).expanduser()
    with Library(Path(given)) as library:
        assert library.file == str(Path(given).expanduser())
