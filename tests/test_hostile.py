"""Hostile articles through ingest, storage, search and the command line.

Every hostile source is either stored clean or skipped with a one-line reason; nothing that
reaches the library, the index or a command's output could act on a terminal; markup stays
literal text. (How the app draws them: tests/test_app_hostile.py, tests/test_e2e_hostile.py.)
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import make_article
from tests.samples import HOSTILE, MARKUP, SKIPPED, WIDE
from tui.ingest import add_sources
from tui.ingest.clean import CP1252_WARNING
from tui.search import search
from tui.storage import Library
from tui.text import sanitize, terminal_safe, visible

UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
    "\ufeff\ud800-\udfff]"
)
"""What must never be stored or printed: controls but tab and newline, C1, bidi, BOM..."""
@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A library holding every hostile file, and what adding them reported."""
    folder = tmp_path_factory.mktemp("hostile")
    for name, (data, *_rest) in {**HOSTILE, **SKIPPED}.items():
        (folder / name).write_bytes(data)
    library = Library(folder / "hostile.db")
    report = add_sources(library, [str(folder)], max_bytes=10 * 1024 * 1024)
    yield library, report, folder
    library.close()


def article_for(library: Library, marker: str):
    result = search(library, marker, limit=1)
    assert result.total == 1, (marker, result.total)
    return library.articles.get(result.ids[0]), result.hits[0]


def test_each_hostile_file_is_stored_or_skipped_with_a_reason(hostile):
    library, report, folder = hostile
    assert report.added == len(HOSTILE)
    assert {(s.source, s.reason) for s in report.skipped} == {
        (str(folder / name), reason) for name, (_, reason) in SKIPPED.items()}
    warned = {w.source.rsplit("/", 1)[-1]: w.reason for w in report.warnings}
    assert warned == {"cp1252.txt": CP1252_WARNING, "c1-raw.txt": CP1252_WARNING,
                      # A few stray NULs are dropped from text, and said so.
                      "nul.txt": "removed 1 stray NUL byte from the text",
                      "controls.txt": "removed 1 stray NUL byte from the text"}


@pytest.mark.parametrize("name", HOSTILE)
def test_stored_text_is_clean_and_markup_literal(hostile, name):
    library, _, _ = hostile
    _, marker, expected = HOSTILE[name]
    article, hit = article_for(library, marker)
    for field in ("title", "body", "source", "author", "url", "published", "credit"):
        assert not UNSAFE.search(getattr(article, field)), field
    assert expected in article.body
    assert "pwned" not in article.title + article.body  # escape payloads go with the escape
    assert not UNSAFE.search(hit.title + hit.snippet)
    for span in library.entities.for_article(article.id):  # offsets computed on the cleaned text
        assert article.body[span.start:span.end] == span.text


def test_escape_payloads_are_never_indexed(hostile):
    library, _, _ = hostile
    for payload in ("pwned", "SGVsbG8gd29ybGQ", "aGk", "evil", "1049h", "544e"):
        assert search(library, f'"{payload}"').total == 0, payload  # no typo expansion


def test_markup_is_searchable_and_snippets_keep_it_literal(hostile):
    library, _, _ = hostile
    result = search(library, '"click app quit" kestrel')
    assert result.total == 1 and MARKUP in result.hits[0].snippet
    assert result.hits[0].title == f"Markup {MARKUP}"


def test_the_big_ones_are_whole(hostile):
    library, _, _ = hostile
    huge, hit = article_for(library, "harbour")
    assert "\n" not in huge.body and len(huge.body) > 3_500_000
    assert "harbour" in hit.snippet.lower()
    lines, _ = article_for(library, "bittern")
    assert len(lines.paragraphs) == 50_000
    assert search(library, '"line 31337 of the bittern"').ids == [lines.id]


def test_wide_and_combining_text_is_nfc_and_offsets_hold(hostile):
    library, _, _ = hostile
    article, _ = article_for(library, "heron")
    assert article.title == f"Wide {WIDE}"
    start = article.body.index("heron")
    result = search(library, "heron")
    assert article.body[start:start + 5] == "heron" and result.hits[0].snippet_spans


def test_records_and_feeds_clean_every_field_they_store(library, tmp_path):
    dump = tmp_path / "dump\x1b]0;pwned\x07.jsonl"
    dump.write_text(json.dumps({
        "title": "Lone \ud800 surrogate \u001b]2;pwned\u0007",
        "text": "Body with \udc80 and \u001b[2J and [@click=app.quit]x[/] grebe.",
        "url": "https://x.example/\u001b]0;pwned\u0007", "author": "\u202eevil"}) + "\n")
    feed = tmp_path / "feed\x1b]0;pwned\x07.rss"
    feed.write_bytes(
        b'<?xml version="1.0"?><rss version="2.0"><channel><item>'
        b"<title>T &#x1b;]2;pwned&#x7;</title><link>https://x.example/a&#x1b;]0;pwned&#x7;</link>"
        b"<description>Body &#x1b;[2J text of the coot.</description></item></channel></rss>")
    report = add_sources(library, [str(dump), str(feed)], max_bytes=10**7)
    assert report.added == 2 and not report.skipped
    for marker in ("grebe", "coot"):
        article, _ = article_for(library, marker)
        for field in ("title", "body", "source", "author", "url"):
            assert not UNSAFE.search(getattr(article, field)), (marker, field)
        assert "pwned" not in article.title + article.source + article.url
    assert article_for(library, "grebe")[0].url == "https://x.example/"


def test_notes_tags_and_saved_searches_are_stored_clean(library):
    [(_, article_id)] = library.articles.upsert([make_article("T", "Body of the rail.")])
    note = library.notes.add_note(article_id, f"Note {MARKUP} \x1b]52;c;aGk=\x07 \ud800",
                            tags=["#\x1b]0;pwned\x07tag", "[bold]"])
    library.notes.tag_articles([article_id], ["\u202eevil", "x\x1b[2Jy"])
    library.saved.save("name\x1b]0;pwned\x07", "rail \x1b[2J")
    stored = next(a for a in library.notes.annotations(article_id) if a.id == note)
    assert stored.text == f"Note {MARKUP}  \ufffd"  # notes keep their spacing
    texts = [*library.notes.article_tags(article_id), *stored.tags, *sum(library.saved.all(), ())]
    assert texts and not any(UNSAFE.search(t) or "pwned" in t for t in texts)
    assert "tag" in stored.tags and "[bold]" in stored.tags  # literal text, never markup
    assert search(library, "tag:evil").ids == [article_id]


# -- the command line --------------------------------------------------------------------------


def assert_safe(text: str) -> None:
    assert "\x1b" not in text and not UNSAFE.search(text.replace("\n", "")), repr(text[:300])


def test_add_spells_out_hostile_file_names(run, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil\x1b]0;pwned\x07.txt").write_bytes(b"")
    (folder / "bidi\u202etxt.exe.txt").write_bytes(b"")
    (folder / "two\nlines.txt").write_bytes(b"")
    (folder / "good\x1b[2J.txt").write_bytes(b"Fine title\n\nFine body of the wren.")
    result = run("add", str(folder), str(tmp_path / "missing\x1b]2;pwned\x07.txt"))
    assert result.exit_code == 1
    assert_safe(result.output)
    lines = result.stderr.splitlines()
    assert len(lines) == 4 and all(line.startswith("skipped ") for line in lines)
    assert "evil\\x1b]0;pwned\\x07.txt: empty file" in result.stderr
    assert "bidi\\u202etxt.exe.txt" in result.stderr and "two\\nlines.txt" in result.stderr
    assert "missing\\x1b]2;pwned\\x07.txt: no such file" in result.stderr
    assert result.stdout.startswith("added 1,")


def test_every_command_prints_hostile_articles_safely(run, tmp_path):
    (tmp_path / "a.txt").write_bytes(HOSTILE["titles.txt"][0])
    (tmp_path / "b.txt").write_bytes(HOSTILE["markup.txt"][0])
    (tmp_path / "c.txt").write_bytes(HOSTILE["c1.txt"][0])
    add = run("add", str(tmp_path), "--source", "BBC\x1b]0;pwned\x07 [red]x[/]")
    assert add.exit_code == 0
    run("note", "2", f"{MARKUP} \x1b]52;c;aGk=\x07", "--tag", "\x1b[2Jt")
    run("search", "kestrel", "--save", "saved\x1b]0;pwned\x07")
    outputs = [run(*args) for args in (
        ["list"], ["show", "1"], ["show", "2", "--json"], ["search", "the"], ["search", "the",
        "--json"], ["notes"], ["tag", "1,2,3", "x\x1b]0;p\x07"], ["searches"],
        ["entities", "--top"], ["export", "--format", "json"])]
    for result in outputs:
        assert result.exit_code == 0, result.output
        assert_safe(result.output)
        assert "pwned" not in result.output
    assert "(BBC [red]x[/])" in outputs[0].stdout and MARKUP in outputs[1].stdout + outputs[5].stdout


def test_error_messages_spell_out_file_names_and_urls(run, tmp_path):
    evil = "evil\x1b]0;pwned\x07"
    (tmp_path / f"{evil}.json").write_text("[]")
    (tmp_path / "a.txt").write_text("Title\n\nBody text.")
    run("add", str(tmp_path / "a.txt"))
    results = [
        run("entities", str(tmp_path / f"{evil}.txt")),
        run("export", "--output", str(tmp_path / f"{evil}.json")),
        run("feeds", "add", f"http://127.0.0.1:9/{evil}"),
        run("feeds", "remove", f"https://x.example/{evil}"),
    ]
    for result in results:
        assert result.exit_code == 1
        assert_safe(result.output)
        assert "evil\\x1b]0;pwned\\x07" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_feeds_list_spells_out_what_a_feed_stored(run, tmp_path):
    import os

    (tmp_path / "a.txt").write_text("Title\n\nBody text.")
    run("add", str(tmp_path / "a.txt"))
    with Library(os.environ["NEWSREADER_DB"]) as library:  # as an older version stored it
        library.subscriptions.add("https://x.example/\x1b]0;pwned\x07", "Feed \x1b[2J [bold]t[/]")
    result = run("feeds", "list")
    assert result.exit_code == 0
    assert_safe(result.output)
    assert "https://x.example/\\x1b]0;pwned\\x07  (Feed \\x1b[2J [bold]t[/])" in result.stdout


def test_library_errors_spell_out_the_library_path(run, tmp_path):
    bad = tmp_path / "bad\x1b]0;pwned\x07.db"
    bad.write_bytes(b"not a database" * 100)
    result = run("--db", str(bad), "list")
    assert result.exit_code == 1
    assert_safe(result.output)


@pytest.mark.parametrize("args", [
    ["search", "a\udcffb"], ["search", "\udcff"], ["search", "is:\udcff"],
    ["search", "x", "--save", "\udcff"], ["searches", "--delete", "\udcff"],
    ["tag", "1", "\udcff"], ["note", "1", "\udcff\x1b]0;x\x07"],
])
def test_undecodable_arguments_never_crash(run, tmp_path, args):
    """Bytes that are not UTF-8 in argv reach Python as lone surrogates."""
    (tmp_path / "a.txt").write_text("Title\n\nBody text.")
    run("add", str(tmp_path / "a.txt"))
    result = run(*args)
    assert result.exit_code in (0, 1)
    assert "unexpected error" not in result.output and "Traceback" not in result.output
    assert_safe(result.output)


def test_message_helpers():
    assert visible("a\x1b]0;x\x07\tb\n\u202e\udcff東京 é") == "a\\x1b]0;x\\x07\\tb\\n\\u202e\\udcff東京 é"
    text = "ok\tx\x1b[2J\x9b\u202e\ud800 東京"
    assert terminal_safe(text) == "ok x\ufffd[2J\ufffd\ufffd\ufffd 東京"
    assert len(terminal_safe(text)) == len(text)
    assert sanitize("a\ud800b\udfff") == "a\ufffdb\ufffd"
