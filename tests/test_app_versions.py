"""The reader says an article has earlier versions and `V` reads them, highlights the current
text lost shown where they stand; undated articles show the date they were added as such
(issue 17)."""

from __future__ import annotations

import pytest

from tests.conftest import make_article, push_reader, settle, until
from tui.app import make_app
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.screens.versions import VersionScreen
from tui.widgets.article_list import ArticleList

pytestmark = pytest.mark.usefixtures("stub_library_screen")

URL = "https://news.example/bridge"
GONE = "The harbour master said the ferry would run every hour while the bridge is shut."
TEXTS = [
    "The council delayed the vote on the bridge repairs.\n\n" + GONE,
    "The council delayed the vote on the bridge repairs.\n\nThe mayor says they cost more.",
    "The council delayed the vote again.\n\nThe mayor says they cost six million pounds.",
]


def changing_article(library) -> int:
    """One article added three times with a changed text: two earlier versions, and a
    highlight (on GONE) that the second text lost."""
    [(_, article_id)] = library.articles.upsert([make_article("Bridge", TEXTS[0], url=URL,
                                                              path="page.html")])
    library.notes.add_note(article_id, "the ferry plan", quote=GONE)
    for n, text in enumerate(TEXTS[1:], start=1):
        library.articles.upsert([make_article("Bridge", text, url=URL, path=f"feed{n}.rss")])
    return article_id


async def test_the_reader_counts_versions_and_v_reads_the_one_holding_a_lost_highlight(library):
    article_id = changing_article(library)
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await push_reader(app, pilot, [article_id])
        status = str(reader.query_one("#reader-status").content)
        assert "2 earlier versions (V)" in status
        notes_line = str(reader.query_one("#reader-notes").content)
        assert "could not be placed in this text; V shows its version" in notes_line
        await pilot.press("V")
        await until(pilot, lambda: isinstance(app.screen, VersionScreen)
                    and app.screen.version is not None)
        screen = app.screen
        assert screen.number == 1  # the version holding the highlight, not the newest
        status = str(screen.query_one("#version-status").content)
        assert status.startswith("Version 1 of 3  ·  1 highlight only here  ·  20")
        assert status.endswith("  ·  from page.html")
        view = screen.view
        assert view.article.body == TEXTS[0]
        [(start, end)] = view.spans("highlight")
        assert TEXTS[0][start:end] == GONE
        assert view.current_sentence_text == GONE  # the cursor is on it
        await pilot.press("right_square_bracket")
        await until(pilot, lambda: screen.number == 2 and screen.version is not None
                    and screen.version.number == 2)
        await settle(pilot)
        assert screen.view.article.body == TEXTS[1] and screen.view.spans("highlight") == []
        assert "Version 2 of 3" in str(screen.query_one("#version-status").content)
        await pilot.press("right_square_bracket")  # no version 3 here: 3 is the current text
        assert screen.number == 2
        await pilot.press("left_square_bracket")
        await until(pilot, lambda: screen.number == 1 and screen.view.article.body == TEXTS[0])
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is reader)
        assert reader.article.body == TEXTS[2]


async def test_v_does_nothing_on_an_article_without_versions(library):
    [(_, article_id)] = library.articles.upsert([make_article("One", "Only text.")])
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await push_reader(app, pilot, [article_id])
        assert "version" not in str(reader.query_one("#reader-status").content)
        await pilot.press("V")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_an_undated_article_shows_the_date_added_as_such(library, monkeypatch):
    import tui.screens.library as module

    monkeypatch.setattr(module, "LibraryScreen", LibraryScreen)  # the real one here
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    library.articles.upsert([make_article("Dated story", "Words.", published="2021-09-09"),
                             make_article("Undated story", "Other words."),
                             make_article("Older story", "More words.", published="2020-01-01")])
    added = library.articles.get(2).added[:10]
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        article_list = app.screen.query_one(ArticleList)
        await pilot.press("j", "j")  # the cursor (drawn in its own style) off the two rows
        rows = {}
        for y in range(2):
            strip = article_list.render_line(y)
            title = "Undated" if "Undated" in strip.text else "Dated"
            rows[title] = next(s for s in strip if s.text.strip() in ("2021-09-09", added))
        assert rows["Undated"].text.strip() == added
        dated, undated = rows["Dated"].style, rows["Undated"].style
        assert undated.italic and not dated.italic and undated.color != dated.color
        reader = await push_reader(app, pilot, [2])
        meta = [reader.view.render_line(y).text for y in range(4)]
        assert any(f"added {added}" in line for line in meta)
