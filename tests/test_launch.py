"""Launch to a painted library (issue 23): nothing before the first paint that can wait. What
the app imports to draw the list, what start-up counts, and the order of the first load's
reads; the seconds themselves are measured in tests/bench/bench_oneoff.py, never here."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from tests.conftest import settle
from tests.samples import fill
from tui.app import make_app
from tui.cli import cli
from tui.screens.library import LibraryScreen
from tui.storage import Library
from tui.storage.articles import Articles
from tui.widgets.article_list import PAGE

FIRST_USED = ("tui.commands", "tui.search", "tui.search.palette", "rapidfuzz",
              "tui.screens.entities", "tui.screens.notes_dialogs", "tui.screens.confirm",
              "tui.screens.reader", "textual.widgets._text_area")
"""Modules the library screen does not draw with: the search, the palette's providers (and
rapidfuzz), the dialogs and the reader load when first used, or in the warm-up after the
first paint."""


def test_the_library_screen_loads_without_what_it_opens_later():
    code = ("import sys, tui.cli, tui.app, tui.screens.library; "
            f"print([m for m in {FIRST_USED!r} if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


async def test_the_palette_and_dialogs_still_open_once_loaded_lazily(seeded):
    app = make_app(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        await pilot.press("ctrl+p")
        await settle(pilot, lambda: app.screen.has_class("--textual-command-palette"))
        await pilot.press(*"theme", "escape")
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen))
        assert "tui.commands" in sys.modules


async def test_the_whole_list_is_read_once_its_first_page_is_drawn(library, monkeypatch):
    """Read beside the first paint, every id of a big library held the GIL while the paint
    waited (0.45 s at a million articles)."""
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    fill(library, PAGE + 30)
    pages: list[LibraryScreen.FirstPage] = []
    painted_when_read: list[bool] = []
    handle = LibraryScreen.on_library_screen_first_page

    def first_page(screen: LibraryScreen, message: LibraryScreen.FirstPage) -> None:
        pages.append(message)
        handle(screen, message)

    read_ids = library.articles.ids

    def every_id(*args: str, **kwargs: object) -> list[int] | None:
        painted_when_read.append(bool(pages) and pages[0].painted.is_set())
        return read_ids(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(LibraryScreen, "on_library_screen_first_page", first_page)
    monkeypatch.setattr(library.articles, "ids", every_id)
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None and not app.screen.shown.partial)
        assert len(app.screen.article_list.ids) == PAGE + 30
    assert painted_when_read and painted_when_read[0] is True


def test_count_up_to_stops_counting(library):
    assert library.articles.count_up_to(1) == 0
    fill(library, 5)
    assert [library.articles.count_up_to(n) for n in (1, 4, 5, 9)] == [1, 4, 5, 5]


def test_starting_the_reader_opens_the_library_once_and_counts_nothing_whole(
        tmp_path, monkeypatch, launches):
    """The seed check asks whether the library is empty (count(*) reads a whole index: 0.1 s
    at a million articles, cold), and the app gets the library the CLI opened and checked."""
    path = tmp_path / "lib.db"
    with Library(path) as library:
        fill(library, 3)
    counted, opened = [], []
    count, init = Articles.count, Library.__init__
    monkeypatch.setattr(Articles, "count", lambda self: counted.append(1) or count(self))
    monkeypatch.setattr(Library, "__init__",
                        lambda self, *a, **k: opened.append(1) or init(self, *a, **k))
    result = CliRunner().invoke(cli, ["--db", str(path)])
    assert result.exit_code == 0, result.output
    assert counted == [] and opened == [1]
    assert len(launches) == 1 and isinstance(launches[0][0], Library)


def test_the_first_start_line_does_not_count_a_big_library(library, monkeypatch):
    from tui.config import seeds_dir
    from tui.ingest import holds_only_seeds

    fill(library, 50)
    monkeypatch.setattr(Articles, "count", lambda self: 1 / 0)
    assert holds_only_seeds(library, str(seeds_dir())) is False
