"""Undo in the core (`tui.undo`): each change to star, read, tags, notes and highlights is
reversed exactly, newest first, with words for the notice; and the storage it needs."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import make_article
from tui.undo import LIMIT, Changes

BODY = ("Ministers met in Geneva on Monday to restart the trade talks.\n\n"
        "The delegation said the tariff on steel would be cut by half next year.")


@pytest.fixture
def lib(library):
    library.articles.upsert([make_article(title="Trade talks", body=BODY),
                             make_article(title="Weather", body="Rain all week."),
                             make_article(title="Elections", body="Voters go to the polls.")])
    return library


def ids(lib):
    return sorted(lib.articles.ids())


def test_flags_are_undone_newest_first_with_what_was_done(lib):
    changes = Changes(lib)
    first, second, _ = ids(lib)
    assert changes.set_flag([first], "starred", True) == 1
    assert changes.set_flag([first, second], "read", True) == 2
    assert changes.set_flag([first], "starred", True) == 0  # no change, nothing recorded
    assert len(changes) == 2
    undone = changes.undo()
    assert undone.message == "Undone: marking 2 articles read (1 more to undo)"
    assert lib.marks.flags_of([first, second], "read") == {first: False, second: False}
    assert changes.undo().message == "Undone: starring “Trade talks”"
    assert lib.marks.flags_of([first], "starred") == {first: False}
    assert changes.undo() is None


def test_mark_read_undoes_only_the_articles_it_changed(lib):
    changes = Changes(lib)
    first, second, third = ids(lib)
    lib.articles.set_flag(second, "read", True)
    assert changes.set_flag([first, second, third], "read", True) == 2
    changes.undo()
    assert lib.marks.flags_of(ids(lib), "read") == {first: False, second: True, third: False}


def test_tags_added_and_removed_come_back_with_their_spelling(lib):
    changes = Changes(lib)
    first = ids(lib)[0]
    lib.notes.tag_articles([first], ["Mexico"])
    after = changes.retag([first], add=["trade"], remove=["mexico"])
    assert after[first] == ["trade"]
    assert lib.notes.tags() == [("trade", 1)]  # Mexico was used by nothing else: gone
    undone = changes.undo()
    assert undone.what == "tags +trade -Mexico on “Trade talks”" and undone.kind == "tags"
    assert lib.notes.article_tags(first) == ["Mexico"]


def test_tagging_what_is_already_there_records_nothing(lib):
    changes = Changes(lib)
    first = ids(lib)[0]
    changes.retag([first], add=["trade"])
    changes.retag([first], add=["Trade"])
    assert len(changes) == 1


def test_a_new_highlight_is_undone_by_deleting_it(lib):
    changes = Changes(lib)
    first = ids(lib)[0]
    changes.add_highlight(first, 0, 20, text="why", tags=["x"])
    assert len(lib.notes.annotations(first)) == 1
    assert changes.undo().message == "Undone: the highlight on “Trade talks”"
    assert lib.notes.annotations(first) == [] and lib.notes.tags() == []


def test_a_deleted_highlight_comes_back_whole(lib, monkeypatch):
    monkeypatch.setenv("LOGNAME", "ada")
    first = ids(lib)[0]
    highlight = lib.notes.add_highlight(first, 0, 20, text="why it matters", tags=["trade"])
    before = lib.notes.annotations(first)
    changes = Changes(lib)
    changes.delete_annotation(highlight)
    assert lib.notes.annotations(first) == [] and lib.notes.tags() == []
    assert changes.undo().message == "Undone: deleting the highlight on “Trade talks”"
    assert lib.notes.annotations(first) == before  # same id, quote, offsets, author, dates, tags


def test_an_edited_note_gets_its_text_back(lib):
    first = ids(lib)[0]
    note = lib.notes.add_note(first, "first thoughts")
    changes = Changes(lib)
    changes.update_annotation(note, text="second thoughts")
    changes.undo()
    assert [a.text for a in lib.notes.annotations(first)] == ["first thoughts"]
    changes.add_note(first, "another")
    changes.undo()
    assert [a.text for a in lib.notes.annotations(first)] == ["first thoughts"]


def test_any_change_to_a_highlight_is_undone_by_its_snapshot(lib):
    first = ids(lib)[0]
    highlight = lib.notes.add_highlight(first, 0, 20)
    changes = Changes(lib)
    changes.edit_annotation(highlight, "recolouring", lambda library: library.notes.update_annotation(
        highlight, text="changed", tags=["new"]))
    assert changes.last == "recolouring the highlight on “Trade talks”"
    changes.undo()
    [annotation] = lib.notes.annotations(first)
    assert annotation.text == "" and annotation.tags == []


def test_the_stack_keeps_the_last_changes(lib):
    changes = Changes(lib)
    first = ids(lib)[0]
    for n in range(LIMIT + 5):
        changes.set_flag([first], "starred", n % 2 == 0)
    assert len(changes) == LIMIT >= 20


def test_undo_of_a_change_to_a_deleted_article_says_so(lib):
    first = ids(lib)[0]
    note = lib.notes.add_note(first, "text")
    changes = Changes(lib)
    changes.delete_annotation(note)
    lib.conn.execute("DELETE FROM articles WHERE id = ?", (first,))
    undone = changes.undo()
    assert undone.missing and "no longer in the library" in undone.message


def test_undo_on_a_read_only_library_keeps_the_change(lib, tmp_path):
    from tui.storage import Library, LibraryError

    first = ids(lib)[0]
    changes = Changes(lib)
    changes.set_flag([first], "starred", True)
    changes.library = Library(lib.path, readonly=True)
    with pytest.raises(LibraryError):
        changes.undo()
    assert len(changes) == 1
    changes.library.close()


def test_first_unread_and_sources(lib):
    first, second, third = ids(lib)
    order = [third, second, first]
    lib.articles.set_flag(third, "read", True)
    assert lib.marks.first_unread(order) == 1
    assert lib.marks.first_unread(order, 2) == 2
    lib.marks.set_flags([second, first], "read", True)
    assert lib.marks.first_unread(order) is None
    assert lib.marks.unread_among(order) == []
    lib.articles.upsert([make_article(title="Wire", body="Wire copy.", source="Wire"),
                         make_article(title="Wire 2", body="More wire copy.", source="wire"),
                         make_article(title="Wire 3", body="Yet more wire.", source="Wire"),
                         make_article(title="Bee", body="Bee copy.", source="bee")])
    assert lib.marks.sources() == [("bee", 1, 1), ("Wire", 3, 3), ("", 3, 0)]


def test_undo_imports_no_textual():
    code = "import sys, tui.undo, tui.storage.marks; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr


def test_first_unread_past_the_first_chunk(lib, monkeypatch):
    from tui.storage import marks

    monkeypatch.setattr(marks, "CHUNK", 1)
    first, second, third = ids(lib)
    lib.marks.set_flags([first, second], "read", True)
    assert lib.marks.first_unread([first, second, third]) == 2
    assert lib.marks.first_unread([third, first, second], 1) is None
    assert lib.marks.unread_among([second, third, first]) == [third]
