"""The app as a whole in Pilot: palette, help, config rebinding, themes, tiny terminals."""

from __future__ import annotations

import pytest

from tests.conftest import SEED_TITLE, SEEDS, loaded, make_article, settle
from tui.app import make_app
from tui.config import Settings, load_settings
from tui.ingest import add_sources
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView

EVIL = "[@click=app.quit]x[/] [bold]loud[/bold] [link=https://evil.test]l[/link]"


@pytest.fixture
def seeded(library):
    add_sources(library, [str(SEEDS)], max_bytes=10**7)
    library.articles.upsert([make_article(f"Otters {EVIL}", f"Otter text {EVIL}. More text.")])
    return library


async def test_palette_opens_an_article_by_fuzzy_title(seeded):
    app = make_app(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, loaded(app))
        await pilot.press("ctrl+p")
        await pilot.press(*"mexco trade")
        await settle(pilot)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, ReaderScreen)
                     and app.screen.article is not None)
        assert app.screen.article.title == SEED_TITLE


async def test_palette_shows_hostile_titles_literally(seeded):
    app = make_app(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, loaded(app))
        await pilot.press("ctrl+p")
        await pilot.press(*"otters")
        await pilot.pause(0.5)
        text = str(app.screen.query("CommandList").first().get_option_at_index(0).prompt)
        assert "[@click=app.quit]x[/]" in text and "[bold]" in text
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, ReaderScreen))
        assert app.is_running


@pytest.mark.parametrize("typed, opens", [("diplomcy", "tag:diplomacy"),
                                            ("mexco trade", SEED_TITLE)])
async def test_palette_enter_typed_before_the_hits_came_runs_the_best_one(
        seeded, monkeypatch, typed, opens):
    """A slow library (titles and tags take 0.4 s to search, in the palette's threads) and a
    burst of keys: Enter comes before the hits for the whole text, and still opens the best of
    them, not an app command matching the first letters, nor nothing."""
    import time

    import tui.commands
    from tui.screens.library import LibraryScreen

    seeded.notes.tag_articles([1], ["diplomacy"])

    def slow(function):
        return lambda *args, **kwargs: time.sleep(0.4) or function(*args, **kwargs)

    monkeypatch.setattr(seeded.notes, "tags", slow(seeded.notes.tags))
    monkeypatch.setattr(tui.commands, "fuzzy_titles", slow(tui.commands.fuzzy_titles))
    app = make_app(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, loaded(app))
        await pilot.press("ctrl+p", *[{" ": "space"}.get(c, c) for c in typed], "enter")
        if opens.startswith("tag:"):
            await settle(pilot, lambda: isinstance(app.screen, LibraryScreen)
                         and app.screen.shown.query == opens)
        else:
            await settle(pilot, lambda: isinstance(app.screen, ReaderScreen)
                         and app.screen.article is not None)
            assert app.screen.article.title == opens


@pytest.mark.parametrize("burst", ["qn", "qa", "qR", "qE", "question_mark"])
async def test_keys_read_in_the_same_burst_as_q_do_not_outlive_the_app(seeded, burst):
    """`q` then more keys in one read (typed ahead, or `send-keys question_mark` in tmux):
    the keys after q used to open a screen on the closing app (`qn`: a traceback, exit 1)."""
    from textual import events

    from tui.screens.library import LibraryScreen

    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen)
                     and app.screen.shown is not None)
        for key in burst:  # posted at once, as the driver posts the keys of one read
            app.post_message(events.Key(key, key))
        await pilot.pause(0.5)
    assert app.return_code == 0


async def test_help_is_built_from_live_bindings_and_follows_rebinding(seeded, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('[keys]\n"library.search" = "f"\n"reader.next_sentence" = "x,down"\n')
    app = make_app(seeded, load_settings(config))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, loaded(app))
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").content)
        assert "Search titles and text as you type" in text
        assert "mexico -trump" in text  # the query language is in the library's help
        lines = [line for line in text.splitlines() if "Search titles" in line]
        assert lines[0].strip().startswith("f ")
        await pilot.press("escape")
        await pilot.press("f")
        assert app.focused.id == "library-search"
        await pilot.press("escape", "enter")
        await settle(pilot, lambda: isinstance(app.screen, ReaderScreen)
                     and app.screen.article is not None)
        view = app.screen.query_one(ArticleView)
        await pilot.press("x")
        assert view.sentence_index == 1
        await pilot.press("j")  # rebound away
        assert view.sentence_index == 1


@pytest.mark.parametrize("theme", ["newsreader-dark", "newsreader-light", "textual-dark"])
async def test_themes_from_config(seeded, theme):
    app = make_app(seeded, Settings(theme=theme))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, loaded(app))
        assert app.theme == theme
        assert app.theme_variables["entity-person"]


async def test_unknown_theme_falls_back(seeded):
    app = make_app(seeded, Settings(theme="no-such-theme"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, loaded(app))
        assert app.theme == "newsreader-dark"


@pytest.mark.parametrize("size", [(40, 10), (20, 5), (80, 24), (200, 60)])
async def test_tiny_and_huge_terminals_never_crash(seeded, size):
    app = make_app(seeded)
    async with app.run_test(size=size) as pilot:
        await settle(pilot, loaded(app))
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await pilot.press("j", "J", "space", "G", "g")
        await pilot.resize_terminal(30, 8)
        await pilot.press("j", "k")
        await pilot.resize_terminal(*size)
        await pilot.press("question_mark", "escape", "q")
        await settle(pilot, loaded(app))
        assert app.is_running


async def test_no_colour_terminal(seeded, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, loaded(app))
        await pilot.press("enter", "j")
        assert app.is_running
