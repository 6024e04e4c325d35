"""The core service API (`tui.api`): the one function each face calls per verb, and the one
`#tag` rule for every kind of note."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.conftest import SEEDS
from tui import api
from tui.annotations import split_tags
from tui.cli import cli

BILLION = "One billion dollars crosses our shared border every day"


@pytest.fixture
def lib(tmp_path):
    library = api.open_library(tmp_path / "api.db")
    report = api.add(library, [str(SEEDS)], max_bytes=10_000_000)
    assert report.added == 1
    yield library
    library.close()


@pytest.mark.parametrize(("typed", "text", "tags"), [
    ("opening line #lede", "opening line", ["lede"]),
    ("Compare with 2013 #follow-up", "Compare with 2013", ["follow-up"]),
    ("#lede the opening line #trade", "the opening line", ["lede", "trade"]),
    # Inside a sentence the word stays where it was typed, and is a tag too.
    ("compare #mexico with 2013", "compare #mexico with 2013", ["mexico"]),
    ("#a #b", "", ["a", "b"]),
    ("#Trade then #trade", "then", ["Trade"]),
    ("C# and a#b are no tags", "C# and a#b are no tags", []),
    ('a lone # and #"* stay', 'a lone # and #"* stay', []),
    ("  spaced out  \n", "spaced out", []),
    ("two lines\nof text #x", "two lines\nof text", ["x"]),
])
def test_one_tag_rule(typed, text, tags):
    assert split_tags(typed) == (text, tags)


def test_article_note_hash_words_become_tags(lib):
    """Issue 24: `#follow-up` in an article note became no tag, so `notes --tag` found
    nothing."""
    note_id = api.add_note(lib, 1, "Compare with the 2013 talks #follow-up")
    [note] = api.notes(lib, tag="follow-up")
    assert (note.id, note.kind, note.text, note.tags) == (
        note_id, "note", "Compare with the 2013 talks", ["follow-up"])


def test_highlight_and_article_note_follow_the_same_rule(lib):
    body = api.show(lib, 1).article.body
    start = body.index(BILLION)
    typed = "#numbers the key figure #trade"
    highlight = api.add_highlight(lib, 1, start, start + len(BILLION), text=typed)
    note = api.add_note(lib, 1, typed)
    quoted = api.add_note(lib, 1, typed, quote=BILLION, tags=["extra"])
    found = {n.id: (n.text, n.tags) for n in api.notes(lib)}
    assert found[highlight] == found[note] == ("the key figure", ["numbers", "trade"])
    assert found[quoted] == ("the key figure", ["extra", "numbers", "trade"])


def test_a_note_of_only_tags_keeps_them_as_its_text(lib):
    note_id = api.add_note(lib, 1, "#todo")
    [note] = api.notes(lib, tag="todo")
    assert (note.id, note.text) == (note_id, "#todo")


def test_save_note_adds_edits_and_deletes(lib):
    api.save_note(lib, 1, "first draft")
    [note] = api.notes(lib)
    api.save_note(lib, 1, "second draft #checked", note.id)
    [edited] = api.notes(lib, tag="checked")
    assert (edited.id, edited.text) == (note.id, "second draft")
    api.save_note(lib, 1, "   ", note.id)
    assert api.notes(lib) == []
    with pytest.raises(api.LibraryError, match="no note with id 99"):
        api.edit_note(lib, 99, "x")


def test_cli_note_hash_words_become_tags(tmp_path):
    """The same rule in `newsreader note`: `notes --tag follow-up` finds the note."""
    db = str(tmp_path / "cli.db")
    runner = CliRunner()

    def run(*args):
        return runner.invoke(cli, ["--db", db, *args], catch_exceptions=False)

    assert run("add", str(SEEDS)).exit_code == 0
    assert run("note", "1", "Compare with 2013 #follow-up").stdout == "1\n"
    [note] = json.loads(run("notes", "--tag", "follow-up", "--json").stdout)
    assert (note["id"], note["text"], note["tags"]) == (1, "Compare with 2013", ["follow-up"])


def test_add_reads_stale_entities_again(lib, tmp_path):
    """The rule `newsreader add` followed alone: an add brings articles an older extractor
    read up to date, whichever face calls it."""
    lib.conn.execute("UPDATE articles SET entities_version = 0")
    assert api.stale_entities(lib) == 1
    story = tmp_path / "story.txt"
    story.write_text("A second story\n\nTatiana Clouthier spoke in Mexico City.\n")
    calls = []
    report = api.add(lib, [str(story)], max_bytes=10_000_000,
                     reextract_progress=lambda done, total: calls.append((done, total)))
    assert (report.added, report.reextracted) == (1, 1)
    assert calls[0] == (0, 1)
    assert api.stale_entities(lib) == 0
    assert "reextracted" not in report.to_dict()  # `add --json` is unchanged


def test_show_version_and_errors(lib):
    view = api.show(lib, 1)
    assert (view.current, view.versions) == (1, [])
    assert view.entities and all(span.label for span in view.entities)
    with pytest.raises(api.LibraryError, match="^no article with id 7$"):
        api.show(lib, 7)
    with pytest.raises(api.LibraryError, match="has versions 1 to 1"):
        api.version(lib, 1, 2)


def test_tag_checks_every_id_before_changing_anything(lib):
    with pytest.raises(api.LibraryError, match="no article with id 5, 6"):
        api.tag(lib, [1, 5, 6], ["trade"])
    assert api.tags(lib) == []
    assert api.tag(lib, [1], ["Trade", "#mexico"]) == {1: ["mexico", "Trade"]}
    with pytest.raises(api.LibraryError, match="--remove needs the tags"):
        api.tag(lib, [1], remove=True)
    assert api.tag(lib, [1], ["trade"], remove=True) == {1: ["mexico"]}


def test_quote_a_sentence_and_its_range(lib):
    body = api.show(lib, 1).article.body
    number = next(n for n in range(1, 200)
                  if api.quote(lib, 1, sentence=n, style="plain").text.find(BILLION) >= 0)
    quoted = api.quote(lib, 1, sentence=number)
    assert quoted.text.startswith(f"> {BILLION}")
    assert body[quoted.start:quoted.end].startswith(BILLION)
    with pytest.raises(api.LibraryError, match="--sentence must be 1 to"):
        api.quote(lib, 1, sentence=10_000)
    with pytest.raises(api.LibraryError, match="unknown quote style"):
        api.quote(lib, 1, sentence=1, style="fancy")


def test_search_and_saved_searches(lib):
    result = api.search(lib, "billion dollars", limit=5, page_only=True)
    assert result.ids == [1]
    api.save_search(lib, "money", "billion")
    assert api.saved_search_counts(lib) == [{"name": "money", "query": "billion", "count": 1}]
    api.delete_search(lib, "money")
    with pytest.raises(api.LibraryError, match="no saved search named 'money'"):
        api.delete_search(lib, "money")


def test_export_and_backup(lib, tmp_path):
    api.add_note(lib, 1, "worth keeping #keep")
    out = tmp_path / "notes.json"
    text = api.export_json(lib, out)
    assert json.loads(out.read_text()) == json.loads(text)
    written = api.export_markdown(lib, tmp_path / "vault")
    assert [p.suffix for p in written] == [".md"]
    with pytest.raises(api.LibraryError, match="is a file"):
        api.export_markdown(lib, out)
    size = api.backup(lib, tmp_path / "copy.db")
    assert size > 0
    copy = api.open_library(tmp_path / "copy.db", create=False)
    assert api.stats(copy)["articles"] == 1
    copy.close()
