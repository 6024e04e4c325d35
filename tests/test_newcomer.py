"""A newcomer's first ten minutes (issues 16 and 24): the first screen, `?`, the add dialog and
`newsreader --help` say where the library is and what `add` reads."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.conftest import make_article, settle
from tui.app import make_app
from tui.cli import cli
from tui.config import seeds_dir
from tui.ingest import holds_only_seeds, index_seeds_if_empty
from tui.ingest.files import SUPPORTED
from tui.screens.library import LibraryScreen
from tui.storage import Library


@pytest.fixture
def first_start(isolated, monkeypatch):
    """A library as the first `newsreader` leaves it: the bundled seed only, in the default
    place under the home folder."""
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    library = Library(isolated / ".local" / "share" / "newsreader" / "library.db")
    index_seeds_if_empty(library, str(seeds_dir()), max_bytes=10**7)
    yield library
    library.close()


def welcome(app) -> str | None:
    line = app.screen.query_one("#library-welcome")
    if not line.display:
        return None
    return str(line.content)


async def test_the_first_screen_says_what_newsreader_is_where_the_library_is_and_a_adds(
        first_start):
    app = make_app(first_start)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: welcome(app))
        assert welcome(app) == ("newsreader reads your news archive, kept in "
                                "~/.local/share/newsreader/library.db. a adds articles (or "
                                "newsreader add PATH in a shell).")
        # Once the person adds an article of their own, it has done its job.
        first_start.articles.upsert([make_article("Mine", "My own article.")])
        app.screen.post_message(LibraryScreen.LibraryChanged())
        await settle(pilot, lambda: welcome(app) is None)
        assert welcome(app) is None


async def test_a_library_of_ones_own_has_no_welcome(library, monkeypatch):
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    library.articles.upsert([make_article("Mine", "My own article.")])
    assert not holds_only_seeds(library, str(seeds_dir()))
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        assert welcome(app) is None


async def test_help_says_where_the_library_is_and_every_format_add_reads(first_start):
    from tui.screens.help import HelpScreen

    app = make_app(first_start)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(app.screen.query_one("#help-text").content).split())
    assert "Your library: ~/.local/share/newsreader/library.db" in text
    assert "Add articles: a here, or newsreader add PATH|URL in a shell" in text
    assert all(suffix in text for suffix in SUPPORTED) and "URLs" in text


async def test_the_add_dialog_names_every_format_and_takes_a_url(library, server,  # noqa: F811
                                                                 monkeypatch):
    from tui.screens.add import AddArticlesScreen

    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    library.articles.upsert([make_article("Mine", "My own article.")])
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        await pilot.press("a")
        dialog = app.screen
        assert isinstance(dialog, AddArticlesScreen)
        said = " ".join(str(dialog.query_one("#add-help").content).split())
        assert all(suffix in said for suffix in SUPPORTED) and "URL" in said
        dialog.query_one("#add-path").value = f"{server}/page"
        await pilot.press("enter")
        await settle(pilot, lambda: not dialog.has_class("-running"))
        assert "added 1" in str(dialog.query_one("#add-result").content)
    assert library.articles.count() == 2


def test_newsreader_help_names_every_format_and_ssh_t():
    text = " ".join(CliRunner().invoke(cli, ["--help"]).output.split())
    assert all(suffix in text for suffix in SUPPORTED) and "http(s) URLs" in text
    assert "ssh -t HOST newsreader" in text
    assert "~/.local/share/newsreader/" in text
