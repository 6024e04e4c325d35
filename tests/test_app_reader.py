"""The reader screen, its article view and the URL dialog, driven with Pilot."""

from __future__ import annotations

import threading

import pytest
from rich.cells import cell_len
from textual.geometry import Offset
from textual.selection import Selection
from textual.widgets import Static

from tests.conftest import SEED, make_article, push_reader, until
from tui.app import make_app
from tui.ingest.clean import clean
from tui.screens.reader import ReaderScreen
from tui.screens.url import UrlScreen
from tui.widgets.article_view import ArticleView

URL = "https://example.com/news/us-mexico-talks?id=1"
MARKUP = "[@click=app.quit]x[/] and [bold]not bold[/bold]"
CJK = "東京は日本の首都です。" * 30


pytestmark = pytest.mark.usefixtures("stub_library_screen")


def seed_body() -> str:
    """The seed's body, cleaned like the ingester cleans it."""
    return clean("\n".join(SEED.read_text(encoding="utf-8").split("\n")[4:]))


@pytest.fixture
def ids(library):
    articles = [
        make_article("US, Mexico resume trade talks", seed_body(), source="The Hill", url=URL,
                     published="2021-09-09", credit="© Getty Images"),
        make_article(f"Title {MARKUP}", f"First {MARKUP}. Second sentence here.\n\nNext para."),
        make_article("東京", CJK + "\n\nLast paragraph. Really the last."),
    ]
    return [article_id for _, article_id in library.articles.upsert(articles)]


def visible_text(view: ArticleView) -> list[str]:
    return [view.render_line(y).text for y in range(view.scrollable_content_region.height)]


def sentence_visible(view: ArticleView) -> bool:
    sentence = view.current_sentence
    top, height = view.scroll_offset.y, view.scrollable_content_region.height
    return top <= view.row_of(sentence.start) < top + height


async def test_opening_marks_read_and_shows_the_first_sentence(library, ids):
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await push_reader(app, pilot, ids)
        assert screen.view.sentence_index == 0
        assert screen.view.current_sentence_text.startswith("The United States and Mexico")
        await until(pilot, lambda: library.articles.get(ids[0]).read)
        assert "US, Mexico resume trade talks" in "\n".join(visible_text(screen.view))
        assert app.focused is screen.view


async def test_sentence_and_paragraph_keys(library, ids):
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        view = (await push_reader(app, pilot, ids)).view
        await pilot.press("j", "j")
        assert view.sentence_index == 2
        assert view.current_sentence_text.startswith("Mexico's Foreign Secretary")
        await pilot.press("k")
        assert view.sentence_index == 1 and "the U.S. team." in view.current_sentence_text
        await pilot.press("J")
        assert view.current_sentence_text.startswith("The negotiations")
        assert view.current_sentence.paragraph == 2 and view.sentence_index == 3
        await pilot.press("K")
        assert view.current_sentence.paragraph == 1 and view.sentence_index == 1
        await pilot.press("down", "K", "K")  # inside paragraph 1: its start, then paragraph 0
        assert view.sentence_index == 0
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        assert view.current_sentence.paragraph == 2
        await pilot.press("k", "up", "up", "up")
        assert view.sentence_index == 0


async def test_top_bottom_and_pages(library, ids):
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        view = (await push_reader(app, pilot, ids)).view
        await pilot.press("G")
        assert view.sentence_index == len(view.sentences) - 1
        assert view.scroll_offset.y == view.max_scroll_y > 0
        await pilot.press("g")
        assert view.sentence_index == 0 and view.scroll_offset.y == 0
        await pilot.press("space")
        assert view.scroll_offset.y > 0 and view.sentence_index > 0 and sentence_visible(view)
        first_page = view.sentence_index
        await pilot.press("pagedown", "b")
        assert view.sentence_index == first_page
        await pilot.press("pageup", "pageup")
        assert view.sentence_index == 0 and view.scroll_offset.y == 0


async def test_search_hits_n_and_N(library, ids):
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await push_reader(app, pilot, ids, terms=["harris"])
        view = screen.view
        assert view.hit_count == 3 and screen.check_action("next_hit", ()) is True
        await pilot.press("n")
        assert "Harris" in view.current_sentence_text and view.sentence_index == 1
        await pilot.press("n", "n")
        assert "Harris said" in view.current_sentence_text
        await pilot.press("n")  # wraps to the first hit
        assert view.sentence_index == 1
        await pilot.press("N")
        assert "Harris said" in view.current_sentence_text and sentence_visible(view)
        await pilot.press("right_square_bracket")
        await until(pilot, lambda: screen.article is not None and screen.article.id == ids[1])
        assert view.hit_count == 0 and screen.check_action("next_hit", ()) is None


async def test_articles_next_previous_and_back(library, ids):
    results: list[int] = []
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await push_reader(app, pilot, ids, index=0, results=results)
        assert screen.check_action("prev_article", ()) is None
        await pilot.press("j", "right_square_bracket")
        await until(pilot, lambda: screen.article is not None and screen.article.id == ids[1])
        assert screen.index == 1 and screen.view.sentence_index == 0
        await pilot.press("right_square_bracket")
        await until(pilot, lambda: screen.article is not None and screen.article.id == ids[2])
        assert screen.check_action("next_article", ()) is None
        await pilot.press("left_square_bracket")
        await until(pilot, lambda: screen.article is not None and screen.article.id == ids[1])
        await until(pilot, lambda: library.articles.get(ids[2]).read)
        await pilot.press("escape")
        await until(pilot, lambda: results == [1])
        assert not isinstance(app.screen, ReaderScreen)


async def test_read_and_star_toggles_reach_the_library(library, ids):
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await push_reader(app, pilot, ids)
        await until(pilot, lambda: library.articles.get(ids[0]).read)
        await pilot.press("r", "s")
        await until(pilot, lambda: not library.articles.get(ids[0]).read)
        await until(pilot, lambda: library.articles.get(ids[0]).starred)
        await pilot.press("s", "s", "s")
        await until(pilot, lambda: not library.articles.get(ids[0]).starred)
        await app.workers.wait_for_complete()
        assert not library.articles.get(ids[0]).starred


async def test_url_dialog_copies_and_never_opens_a_browser(library, ids, monkeypatch):
    opened: list[str] = []
    app = make_app(library)
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await push_reader(app, pilot, ids)
        await pilot.press("o")
        assert isinstance(app.screen, UrlScreen)
        assert URL in str(app.screen.query_one("#url-text", Static).render())
        await pilot.press("c")
        assert app.clipboard == URL and app.screen is screen and opened == []
        await pilot.press("o", "escape")
        assert app.screen is screen


async def test_no_url_says_so(library, ids, monkeypatch):
    messages: list[str] = []
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        monkeypatch.setattr(app, "notify", lambda message, **kw: messages.append(message))
        await push_reader(app, pilot, ids, index=1)
        await pilot.press("o")
        assert isinstance(app.screen, ReaderScreen) and messages == ["This article has no URL"]


async def test_markup_in_articles_is_shown_literally(library, ids):
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await push_reader(app, pilot, ids, index=1)
        text = "\n".join(visible_text(screen.view))
        assert f"Title {MARKUP}" in text and f"First {MARKUP}." in text
        assert screen.view.current_sentence_text == f"First {MARKUP}."
        title_row = next(y for y, line in enumerate(visible_text(screen.view)) if "Title" in line)
        for row in (title_row, title_row + 4):
            for column in (10, 14, 20):
                await pilot.click(ArticleView, offset=(column, row + 1))
        await pilot.pause()
        assert app.is_running and app.screen is screen


async def test_click_moves_the_cursor_and_selection_copies_text(library, ids):
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        view = (await push_reader(app, pilot, ids)).view
        row = view.row_of(view.sentences[2].start) - view.scroll_offset.y
        column = view.render_line(row).text.index("Mexico's Foreign") + 3
        padding = view.styles.padding
        await pilot.click(ArticleView, offset=(padding.left + column, padding.top + row))
        assert view.sentence_index == 2
        y = view.row_of(view.sentences[0].start)
        app.screen.selections = {view: Selection.from_offsets(Offset(4, y), Offset(17, y))}
        assert app.screen.get_selected_text() == "United States"
        await pilot.press("escape")  # clears the selection first, then goes back
        assert isinstance(app.screen, ReaderScreen) and not app.screen.selections
        await pilot.press("escape")
        assert not isinstance(app.screen, ReaderScreen)


async def test_wide_characters_wrap_to_cell_width(library, ids):
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        view = (await push_reader(app, pilot, ids, index=2)).view
        body_lines = [line for line in view.lines if line.role == "body"]
        measure = min(view.scrollable_content_region.width, view.MEASURE)
        assert all(cell_len(line.text) <= measure for line in body_lines)
        # Two-cell characters fill an odd width to within one cell.
        assert measure - 1 <= cell_len(body_lines[0].text) <= measure
        for line in body_lines:
            assert view.article.body[line.start:line.start + len(line.text)] == line.text
        width = view.scrollable_content_region.width
        assert all(view.render_line(y).cell_length == width for y in range(10))


async def test_resize_keeps_the_sentence_visible(library, ids):
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        view = (await push_reader(app, pilot, ids)).view
        for _ in range(12):
            await pilot.press("j")
        index = view.sentence_index
        await pilot.resize_terminal(40, 10)
        await pilot.pause()
        await pilot.pause()
        assert view.sentence_index == index and sentence_visible(view)
        assert all(cell_len(line.text) <= view.scrollable_content_region.width
                   for line in view.lines)
        await pilot.press("j")
        assert sentence_visible(view)
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await pilot.pause()
        assert view.sentence_index == index + 1 and sentence_visible(view)


async def test_set_spans_rejects_unknown_kinds_and_layers_entities(library, ids):
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        view = (await push_reader(app, pilot, ids)).view
        with pytest.raises(ValueError):
            view.set_spans("bogus", [(0, 3)])
        view.set_spans("person", [(4, 17)])
        row = view.row_of(4) - view.scroll_offset.y
        styles = {seg.text: seg.style for seg in view.render_line(row) if seg.text.strip()}
        assert "United States" in styles
        assert styles["United States"].color != styles["The "].color


async def test_a_long_article_is_split_and_wrapped_off_the_ui_thread(library, monkeypatch):
    import tui.segment as segment
    import tui.widgets.article_view as article_view

    paragraph = " ".join(f"Sentence {n} of a long report on the harbour." for n in range(8))
    body = "\n\n".join([paragraph] * 80)
    assert len(body) > article_view.WRAP_NOW_CHARS
    [(_, article_id)] = library.articles.upsert([make_article("A long report", body)])
    ui_thread, on_ui_thread = threading.get_ident(), []

    def watched(function):
        def run(*args):
            if threading.get_ident() == ui_thread:
                on_ui_thread.append(function.__name__)
            return function(*args)
        return run

    monkeypatch.setattr(segment, "layout", watched(segment.layout))
    monkeypatch.setattr(segment, "sentence_spans", watched(segment.sentence_spans))
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        view = (await push_reader(app, pilot, [article_id])).view
        await until(pilot, lambda: view.lines)
        for _ in range(30):
            await pilot.press("j")
        await pilot.resize_terminal(60, 20)
        await until(pilot, lambda: view.lines and max(cell_len(line.text) for line in view.lines)
                    <= view.scrollable_content_region.width)
        await pilot.pause()
        assert view.sentence_index == 30 and sentence_visible(view)
    assert on_ui_thread == []
