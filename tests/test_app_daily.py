"""The daily loop at 80x24 (issue 16): tag completion, names from the cursor, notifications
out of the way."""

from __future__ import annotations

import pytest

from tests.conftest import SEEDS
from tests.test_app_library import settle
from tui.app import make_app
from tui.ingest import add_sources
from tui.screens.library import LibraryScreen
from tui.screens.notes_dialogs import TagScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView


@pytest.fixture
def seeded(library, monkeypatch):
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    add_sources(library, [str(SEEDS)], max_bytes=10**7)
    return library


async def open_reader(pilot):
    app = pilot.app
    await settle(pilot, lambda: isinstance(app.screen, LibraryScreen)
                 and app.screen.shown is not None)
    await pilot.press("enter")
    await settle(pilot, lambda: isinstance(app.screen, ReaderScreen)
                 and app.screen.article is not None)
    return app.screen, app.screen.query_one(ArticleView)


@pytest.mark.parametrize("key", ["tab", "right"])
async def test_the_tags_dialog_completes_with_tab_and_right(seeded, key):
    seeded.tag_articles([1], ["Mexico-Talks", "trade"])
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
        assert seeded.article_tags(1) == ["Mexico-Talks"]


async def test_tab_completes_a_misspelt_tag_to_the_closest_known_one(seeded):
    seeded.tag_articles([1], ["trade"])
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen)
                     and app.screen.shown is not None)
        await pilot.press("t")
        await settle(pilot, lambda: isinstance(app.screen, TagScreen))
        await pilot.press(*"tarde", "tab")
        assert app.screen.query_one("#tags-input").value == "trade"
        assert isinstance(app.screen, TagScreen)  # tab did not move the focus away
