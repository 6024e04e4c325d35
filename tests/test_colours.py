"""The reader's four markings stay apart in 256 and 16 colours (issue 16).

Over SSH `COLORTERM` is often not forwarded and Textual writes 256 colours; some terminals have
16. Rich downgrades every colour to its nearest in the palette (`Color.downgrade`), so two
colours that differ in truecolor may become one. These tests take the colours the reader draws
(its rendered cells, for each theme), downgrade them as the terminal output does, and check
that the cursor's sentence, a search hit, a saved highlight and a selection each keep their
own colour. The snapshots show the same screen through that downgrade.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style
from textual.filter import LineFilter

import tui.search
from tests.conftest import make_article, settle
from tui.app import make_app
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.storage import Library
from tui.widgets.article_view import ArticleView

BODY = ("The minister spoke about trade at noon. Exporters welcomed the trade deal. "
        "Critics said the deal ignores farmers. Farmers will protest in the capital.")
SYSTEMS = {"256": ColorSystem.EIGHT_BIT, "16": ColorSystem.STANDARD}
THEMES = ["newsreader-dark", "newsreader-light"]


@pytest.fixture
def app(tmp_path, monkeypatch):
    """One article whose first sentence is a saved highlight; 'trade' is in two sentences."""
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    monkeypatch.setattr(tui.search, "time", SimpleNamespace(perf_counter=lambda: 0.0))
    library = Library(tmp_path / "colours.db")
    [(_, article_id)] = library.articles.upsert([make_article(
        "Trade talks", BODY, source="Wire", published="2024-05-01")])
    library.notes.add_highlight(article_id, 0, BODY.index(".") + 1, text="")
    return make_app(library)


async def marked_reader(pilot) -> None:
    """The reader with all four markings: a search for 'trade' (hits in sentences 1 and 2),
    the highlight (sentence 1), a selection from sentence 2 to the cursor on sentence 3."""
    app = pilot.app
    await settle(pilot, lambda: isinstance(app.screen, LibraryScreen)
                 and app.screen.shown is not None)
    await pilot.press("slash", *"trade")
    await settle(pilot, lambda: app.screen.shown.query == "trade")
    await pilot.press("enter", "enter")
    await settle(pilot, lambda: isinstance(app.screen, ReaderScreen)
                 and app.screen.article is not None and app.screen.annotations
                 and app.screen.entities_shown == app.screen.article.id)
    await pilot.press("j", "v", "j")
    await settle(pilot)
    app.clear_notifications()
    await pilot.pause()


def cell_style(view: ArticleView, offset: int) -> Style:
    """The style the view draws the body character at `offset` in."""
    row = view.row_of(offset)
    line = view.lines[row]
    strip = view.render_line(row - view.scroll_offset.y)
    column = "".join(segment.text for segment in strip).index(line.text) + offset - line.start
    position = 0
    for segment in strip:
        if position <= column < position + len(segment.text):
            return segment.style
        position += len(segment.text)
    raise AssertionError(f"offset {offset} is not drawn")


def markings(view: ArticleView) -> dict[str, Style]:
    """The style of one character of each marking, and of plain text."""
    first, second, third, fourth = view.sentences[:4]
    return {
        "plain": cell_style(view, fourth.start + 1),
        "highlight": cell_style(view, first.start + 1),
        "hit": cell_style(view, BODY.index("trade") + 1),
        "selection": cell_style(view, second.start + 1),
        "cursor": cell_style(view, third.start + 1),
    }


@pytest.mark.parametrize("theme", THEMES)
async def test_the_four_markings_keep_their_own_colour_in_256_and_16_colours(app, theme):
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        await marked_reader(pilot)
        view = app.screen.query_one(ArticleView)
        assert view.current_sentence == view.sentences[2]
        styles = markings(view)
        for name, system in SYSTEMS.items():
            colours = {kind: style.bgcolor.downgrade(system).number
                       for kind, style in styles.items()}
            assert len(set(colours.values())) == len(colours), (theme, name, colours)
        assert styles["highlight"].underline and styles["selection"].bold
        # Where markings overlap, the one on top shows and the one below keeps its sign: a hit
        # over the highlight, the cursor over the selection it ends.
        assert cell_style(view, BODY.index("trade")).underline
        assert cell_style(view, view.sentences[2].start).bold  # selected, under the cursor


class Downgrade(LineFilter):
    """Draws colours as a terminal with fewer colours shows them (Rich's downgrade), so that a
    screenshot, always exported in truecolor, shows what such a terminal gets."""

    def __init__(self, system: ColorSystem) -> None:
        super().__init__()
        self.system = system

    def apply(self, segments: list[Segment], background) -> list[Segment]:
        def down(style: Style | None) -> Style | None:
            if style is None:
                return None
            return style + Style.from_color(
                style.color.downgrade(self.system) if style.color else None,
                style.bgcolor.downgrade(self.system) if style.bgcolor else None)

        return [Segment(text, down(style), control) for text, style, control in segments]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("colours", list(SYSTEMS))
def test_reader_snapshot_in_fewer_colours(snap_compare, app, monkeypatch, theme, colours):
    filters = app.get_line_filters
    monkeypatch.setattr(app, "get_line_filters",
                        lambda: [*filters(), Downgrade(SYSTEMS[colours])])
    app.theme = theme
    assert snap_compare(app, run_before=marked_reader, terminal_size=(80, 24))
