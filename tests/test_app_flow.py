"""The reading flow in Pilot: unread only (U), next unread (u in the reader), mark the list
read (A, asking how many), undo (ctrl+z), deleting a highlight without a question (x), and
the sources view (F)."""

from __future__ import annotations

import pytest

from tests.conftest import make_article, parts, settle
from tui.app import make_app
from tui.screens.confirm import ConfirmScreen
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.screens.sources import SourcesScreen
from tui.widgets.article_list import ArticleList

SOURCES = ("Wire", "Daily Post", "Wire")


@pytest.fixture
def lib(library, monkeypatch):
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    library.articles.upsert([
        make_article(title=f"Story {i}", body=f"Body of story {i}. A second sentence here.",
                     source=SOURCES[i % 3], published=f"2021-01-{i + 1:02d}")
        for i in range(6)])
    return library


def by_title(library, title):
    return next(r.id for r in library.articles.list_rows() if r.title == title)


def listed(app) -> list[str]:
    article_list = app.screen.query_one(ArticleList)
    rows = app.library.articles.rows(article_list.ids)
    return [rows[i].title for i in article_list.ids]


async def ready(pilot):
    await settle(pilot, lambda: pilot.app.screen.shown is not None)


async def test_unread_only_lists_unread_articles_and_toggles_back(lib):
    for title in ("Story 5", "Story 2"):
        lib.articles.set_flag(by_title(lib, title), "read", True)
    app = make_app(lib)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("U")
        await settle(pilot, lambda: app.screen.shown.unread)
        assert listed(app) == ["Story 4", "Story 3", "Story 1", "Story 0"]
        _, _, status = parts(app)
        assert status.startswith("4 articles · unread only")
        await pilot.press("slash", *"story", "enter")  # a search keeps to unread ones too
        await settle(pilot, lambda: app.screen.shown.query == "story")
        assert len(listed(app)) == 4
        await pilot.press("escape", "U")
        await settle(pilot, lambda: not app.screen.shown.unread)
        assert len(listed(app)) == 6


async def test_next_unread_opens_the_next_unread_article_of_the_list(lib):
    for title in ("Story 4", "Story 3"):
        lib.articles.set_flag(by_title(lib, title), "read", True)
    app = make_app(lib)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter")  # Story 5, newest first
        await settle(pilot, lambda: isinstance(app.screen, ReaderScreen)
                     and app.screen.article is not None)
        await pilot.press("u")  # skips the read 4 and 3
        await settle(pilot, lambda: app.screen.article is not None
                     and app.screen.article.title == "Story 2")
        assert app.screen.article.title == "Story 2"
        await pilot.press("u", "u")
        await settle(pilot, lambda: app.screen.article.title == "Story 0")
        await pilot.press("u")  # none left after it, none before it unread
        await settle(pilot)
        assert app.screen.article.title == "Story 0"


async def test_mark_all_read_asks_with_the_count_and_ctrl_z_undoes_it(lib):
    lib.articles.set_flag(by_title(lib, "Story 1"), "read", True)
    app = make_app(lib)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"story", "enter", "A")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = str(app.screen.query_one("#confirm-question").content)
        assert question == "Mark 5 unread articles of this search (6 listed) read?"
        await pilot.press("n")  # nothing changes
        await settle(pilot)
        assert len(lib.marks.unread_among(lib.articles.ids())) == 5
        await pilot.press("A")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await settle(pilot, lambda: not lib.marks.unread_among(lib.articles.ids()))
        assert lib.marks.unread_among(lib.articles.ids()) == []
        await pilot.press("ctrl+z")
        await settle(pilot, lambda: len(lib.marks.unread_among(lib.articles.ids())) == 5)
        assert lib.marks.flags_of([by_title(lib, "Story 1")], "read") == {
            by_title(lib, "Story 1"): True}
        messages = [n.message for n in app._notifications]
        assert "Undone: marking 5 articles read" in messages


async def test_ctrl_z_undoes_a_tag_and_a_star_from_the_reader(lib):
    app = make_app(lib)
    story = by_title(lib, "Story 5")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, ReaderScreen)
                     and app.screen.article is not None)
        await pilot.press("t", *"trade", "enter")
        await settle(pilot, lambda: app.screen.tags == ["trade"])
        await pilot.press("s")
        await settle(pilot, lambda: lib.marks.flags_of([story], "starred")[story])
        await pilot.press("ctrl+z")
        await settle(pilot, lambda: not lib.marks.flags_of([story], "starred")[story])
        assert not app.screen.article.starred
        await pilot.press("ctrl+z")
        await settle(pilot, lambda: lib.notes.article_tags(story) == [] and app.screen.tags == [])
        assert [n.message for n in app._notifications][-1] == \
            "Undone: tags +trade on “Story 5”"
        assert "#" not in str(app.screen.query_one("#reader-notes").content)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert [n.message for n in app._notifications][-1] == "Nothing to undo"


async def test_x_deletes_the_highlight_without_asking_and_ctrl_z_brings_it_back(lib):
    story = by_title(lib, "Story 5")
    lib.notes.add_highlight(story, 0, 16, text="keep this", tags=["mine"])
    before = lib.notes.annotations(story)
    app = make_app(lib)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, ReaderScreen)
                     and len(app.screen.annotations) == 1)
        await pilot.press("x")
        await settle(pilot, lambda: not app.screen.annotations)
        assert isinstance(app.screen, ReaderScreen)  # no question asked
        assert lib.notes.annotations(story) == []
        await pilot.press("ctrl+z")
        await settle(pilot, lambda: len(app.screen.annotations) == 1)
        assert lib.notes.annotations(story) == before


async def test_the_sources_view_counts_and_lists_a_source(lib):
    lib.articles.set_flag(by_title(lib, "Story 0"), "read", True)  # a Wire story
    lib.articles.upsert([make_article(title="Wireless", body="Radio.", source="Wireless Co")])
    app = make_app(lib)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("F")
        await settle(pilot, lambda: isinstance(app.screen, SourcesScreen))
        assert app.screen.sources == [("Daily Post", 2, 2), ("Wire", 4, 3),
                                      ("Wireless Co", 1, 1)]
        await pilot.press("j", "j", "k", "enter")
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen)
                     and app.screen.shown.query == "source:=Wire")
        assert sorted(listed(app)) == ["Story 0", "Story 2", "Story 3", "Story 5"]


async def test_new_keys_are_in_help(lib):
    app = make_app(lib)
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        text = " ".join(str(app.screen.query_one("#help-text").content).split())
        for shown in ("U List only unread articles", "A Mark every article of this list read",
                      "F Every source with its article and unread counts",
                      "^z Undo the last change to star, read, tags"):
            assert shown in text, shown


async def test_ctrl_z_undoes_a_star_in_the_list_and_a_note_edit(lib):
    story = by_title(lib, "Story 5")
    note = lib.notes.add_note(story, "first thoughts")
    app = make_app(lib)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("s")
        await settle(pilot, lambda: lib.marks.flags_of([story], "starred")[story])
        await pilot.press("ctrl+z")
        await settle(pilot, lambda: not lib.marks.flags_of([story], "starred")[story])
        await settle(pilot, lambda: not app.screen.query_one(ArticleList).current_row.starred)
        assert [n.message for n in app._notifications][-1] == "Undone: starring “Story 5”"
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, ReaderScreen)
                     and app.screen.annotations)
        await pilot.press("m")
        await settle(pilot)
        app.screen.query_one("TextArea").text = ""  # an emptied note is deleted: no question
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: not lib.notes.annotations(story))
        await pilot.press("ctrl+z")
        await settle(pilot, lambda: lib.notes.annotations(story) != [])
        assert [a.id for a in lib.notes.annotations(story)] == [note]
        assert "first thoughts" in str(app.screen.query_one("#reader-notes").content)


async def test_ctrl_z_on_a_read_only_library_says_why(lib, tmp_path):
    from tui.storage import Library

    app = make_app(Library(lib.path, readonly=True))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert "read-only" in [n.message for n in app._notifications][-1]


async def test_the_notebook_lists_a_highlight_brought_back_by_ctrl_z(lib):
    from tui.screens.notebook import NotebookScreen

    story = by_title(lib, "Story 5")
    lib.notes.add_highlight(story, 0, 16, text="keep this")
    app = make_app(lib)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, ReaderScreen)
                     and app.screen.annotations)
        await pilot.press("x")
        await settle(pilot, lambda: not lib.notes.annotations(story))
        await pilot.press("q", "n")
        await settle(pilot, lambda: isinstance(app.screen, NotebookScreen))
        assert app.screen.entries == []
        await pilot.press("ctrl+z")
        await settle(pilot, lambda: len(app.screen.entries) == 1)
        assert app.screen.entries[0].text == "keep this"
