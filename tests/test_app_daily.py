"""The daily loop at 80x24 (issue 16): tag completion, names from the cursor, notifications
out of the way."""

from __future__ import annotations

import textwrap

import pytest

from tests.conftest import open_reader, settle
from tui.app import make_app
from tui.screens.library import LibraryScreen
from tui.screens.notes_dialogs import TagScreen
from tui.widgets.article_view import ArticleView


@pytest.mark.parametrize("key", ["tab", "right"])
async def test_the_tags_dialog_completes_with_tab_and_right(seeded, key):
    seeded.notes.tag_articles([1], ["Mexico-Talks", "trade"])
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen)
                     and app.screen.shown is not None)
        await pilot.press("t")
        await settle(pilot, lambda: isinstance(app.screen, TagScreen))
        field = app.screen.query_one("#tags-input")
        await pilot.press(*"-tr")
        await settle(pilot)
        await pilot.press(key, *", mex")
        await settle(pilot)
        await pilot.press(key)
        assert field.value == "-trade, Mexico-Talks"
        await pilot.press("enter")
        await settle(pilot, lambda: not isinstance(app.screen, TagScreen))
        assert seeded.notes.article_tags(1) == ["Mexico-Talks"]


async def test_tab_completes_a_misspelt_tag_to_the_closest_known_one(seeded):
    seeded.notes.tag_articles([1], ["trade"])
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen)
                     and app.screen.shown is not None)
        await pilot.press("t")
        await settle(pilot, lambda: isinstance(app.screen, TagScreen))
        await pilot.press(*"tarde", "tab")
        assert app.screen.query_one("#tags-input").value == "trade"
        assert isinstance(app.screen, TagScreen)  # tab did not move the focus away


async def test_e_starts_from_the_cursor_and_marks_the_name(seeded):
    """The first e goes to the first name of the cursor's sentence (not the next sentence's),
    E to the last one; the name is marked on screen and named in the status line."""
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        reader, view = await open_reader(pilot)
        await settle(pilot, lambda: reader.entities_shown == reader.article.id)
        body, spans = reader.article.body, reader.names.spans
        first = view.current_sentence
        in_first = [s for s in spans if first.start <= s.start < first.end]
        assert [body[s.start:s.end] for s in in_first[:2]] == ["United States", "Mexico"]
        await pilot.press("e")
        assert view.current_sentence == first
        assert view.spans("mention") == [(in_first[0].start, in_first[0].end)]
        status = str(reader.query_one("#reader-status").content)
        assert "place: United States" in status
        # Marked on screen: the name's cells are drawn reversed, its neighbours are not.
        row = view.row_of(in_first[0].start) - view.scroll_offset.y
        cells = [(segment.text, segment.style) for segment in view.render_line(row)]
        marked = "".join(text for text, style in cells if style and style.reverse)
        assert marked == "United States"
        await pilot.press("e")
        assert view.spans("mention") == [(in_first[1].start, in_first[1].end)]
        await pilot.press("j")  # away from the name's sentence: the mark goes
        assert view.spans("mention") == []
        assert "United States" not in str(reader.query_one("#reader-status").content)
        second = view.current_sentence
        in_second = [s for s in spans if second.start <= s.start < second.end]
        await pilot.press("E")
        assert view.current_sentence == second
        assert view.spans("mention") == [(in_second[-1].start, in_second[-1].end)]


# -- notices at 80x24 ---------------------------------------------------------------------

def notice_regions(app) -> list:
    from textual.widgets._toast import Toast  # the widget Textual shows a notice in

    return [toast.region for toast in app.screen.query(Toast) if toast.region.area]


def sentence_region(view: ArticleView):
    """The screen rows of the cursor's sentence that are in view, across the view's width."""
    from textual.geometry import Region

    sentence = view.current_sentence
    box = view.content_region
    first = max(view.row_of(sentence.start) - view.scroll_offset.y, 0)
    last = min(view.row_of(sentence.end - 1) - view.scroll_offset.y, box.height - 1)
    return Region(box.x, box.y + first, box.width, last - first + 1)


async def shown_notices(pilot, count: int) -> list:
    await settle(pilot, lambda: len(notice_regions(pilot.app)) == count)
    await pilot.pause(0.2)  # none more on their way
    regions = notice_regions(pilot.app)
    assert len(regions) == count, regions
    return regions


@pytest.fixture
def readonly(seeded, tmp_path):
    """The seeded library opened read-only: every change says why not, in a warning."""
    from tui.storage import Library

    path = seeded.path
    seeded.close()
    library = Library(path, readonly=True)
    yield library
    library.close()


async def test_notices_never_cover_the_cursor_sentence_or_the_legend(readonly):
    app = make_app(readonly)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        reader, view = await open_reader(pilot)
        await settle(pilot, lambda: reader.entities_shown == reader.article.id)
        legend = reader.query_one("#reader-legend")
        # The cursor's sentence at the top of the text, then at its bottom.
        await pilot.press("G", *"k" * 12)
        assert view.scroll_offset.y > 0
        assert sentence_region(view).y == view.content_region.y
        for keys in (("h", "h", "s"), ("G", "s")):
            await pilot.press(*keys)  # a long warning: the library is read-only
            [notice] = await shown_notices(pilot, 1)
            assert notice.height == 2 and notice.bottom <= view.content_region.y
            assert legend.display and legend.region.area
            assert not notice.overlaps(sentence_region(view)), (keys, notice)
            assert not notice.overlaps(legend.region)
            toast = app.screen.query("Toast").last()
            assert "Read-only library: library" in str(toast.render())
        # The newest notice replaces the one shown.
        await pilot.press("h", "h")
        await shown_notices(pilot, 1)
        assert "Entity colours on" in str(app.screen.query("Toast").last().render())


def test_a_long_notice_is_cut_after_a_word_to_two_lines():
    from tui.app import _fit_lines

    text = "Read-only library: " + "word " * 60
    cut = _fit_lines(text, 77, 2)
    assert cut.endswith("word…") and len(textwrap.wrap(cut, 77)) == 2
    assert _fit_lines("Starred", 77, 2) == "Starred"


@pytest.mark.parametrize("keys", [["t"], ["question_mark"], ["E"], ["n"]],
                         ids=["tags", "help", "entities", "notebook"])
async def test_notices_never_cover_a_dialog(seeded, keys):
    from textual.screen import ModalScreen

    app = make_app(seeded)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen)
                     and app.screen.shown is not None)
        await pilot.press(*keys)
        await settle(pilot, lambda: not isinstance(app.screen, LibraryScreen))
        await settle(pilot)
        app.notify(seeded.refusal(), title="Read-only library", severity="warning")
        [notice] = await shown_notices(pilot, 1)
        screen = app.screen
        assert notice.y == 0 and notice.height == 2
        if isinstance(screen, ModalScreen):
            box = next(child for child in screen.children if child.region.area)
            assert not notice.overlaps(box.region), (notice, box.region)
        else:  # the notebook: its title line, and the right of its filter
            assert notice.bottom <= screen.query_one("OptionList").region.y
