"""Snapshots of the key screens at 100x30 and 80x24, and of every screen and dialog at 80x24 in
both themes (pytest-textual-snapshot)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

import tui.search
from tests.conftest import SEED, make_article, settle
from tui.app import make_app
from tui.ingest.files import load
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.storage import Library

SIZES = [(100, 30), (80, 24)]


@pytest.fixture
def app(isolated, monkeypatch):
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    # Search timings are shown on screen; a frozen clock keeps the snapshots stable.
    monkeypatch.setattr(tui.search, "time", SimpleNamespace(perf_counter=lambda: 0.0))
    # Under the (isolated) home folder: help shows it as ~/snap.db, the same on every run.
    library = Library(isolated / "snap.db")
    seed = load(str(SEED), max_bytes=10**7).article
    seed.published, seed.source, seed.path = "2021-09-09", "The Hill", "seed.txt"
    seed.url = "https://thehill.com/policy/international/571463-us-mexico-resume-talks"
    others = [
        make_article(f"Story number {n} about the harbour", "Harbour news. " * 40,
                     source=("Reuters", "BBC News", "AP")[n % 3], published=f"2021-08-{n + 1:02d}")
        for n in range(25)
    ]
    library.articles.upsert([seed, *others])
    library.articles.set_flag(3, "read", True)
    library.articles.set_flag(4, "starred", True)
    return make_app(library)


async def library_ready(pilot) -> None:
    await settle(pilot, lambda: isinstance(pilot.app.screen, LibraryScreen)
                 and pilot.app.screen.shown is not None)


async def reader_ready(pilot) -> None:
    await library_ready(pilot)
    await pilot.press("enter")
    await settle(pilot, lambda: isinstance(pilot.app.screen, ReaderScreen)
                 and pilot.app.screen.article is not None
                 and pilot.app.screen.entities_shown == pilot.app.screen.article.id)
    await pilot.press("j", "j")


async def help_ready(pilot) -> None:
    await library_ready(pilot)
    await pilot.press("question_mark")
    await pilot.pause()


async def search_ready(pilot) -> None:
    await library_ready(pilot)
    await pilot.press("slash", *"clouthier")
    await settle(pilot, lambda: pilot.app.screen.shown.query == "clouthier")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("ready", [library_ready, search_ready, reader_ready, help_ready],
                         ids=["library", "search", "reader", "help"])
def test_screen(snap_compare, app, ready, size):
    assert snap_compare(app, run_before=ready, terminal_size=size)


# -- every screen and dialog at 80x24, in both themes (issue 21) ----------------------------

THEMES = ["newsreader-dark", "newsreader-light"]
NOW = "2026-01-02T03:04:05Z"
"""The storage's clock in these snapshots (versions, notes and 'added' dates are drawn)."""


def frozen_library(home, monkeypatch, *, empty: bool = False, readonly: bool = False) -> Library:
    """A library whose every drawn value is fixed: the seed (with an earlier version, a
    highlight with a note and tags, an article note, tags), a dozen dated stories."""
    import importlib
    import pkgutil

    import tui.annotations
    import tui.storage
    import tui.storage.identity

    # Every storage module that stamps rows with identity.now (whichever modules they are).
    clock = tui.storage.identity.now
    for info in pkgutil.iter_modules(tui.storage.__path__, "tui.storage."):
        module = importlib.import_module(info.name)
        if getattr(module, "now", None) is clock:
            monkeypatch.setattr(module, "now", lambda: NOW)
    monkeypatch.setattr(tui.annotations, "current_author", lambda: "reporter")  # not $USER
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    monkeypatch.setattr(tui.search, "time", SimpleNamespace(perf_counter=lambda: 0.0))
    path = home / "snap.db"  # under HOME: drawn as ~/snap.db
    with Library(path) as library:
        if not empty:
            seed = load(str(SEED), max_bytes=10**7).article
            seed.published, seed.source, seed.path = "2021-09-09", "The Hill", "seed.txt"
            seed.url = "https://thehill.com/policy/international/571463-us-mexico-resume-talks"
            first = seed.body.split("\n\n")
            earlier = load(str(SEED), max_bytes=10**7).article
            earlier.published, earlier.source, earlier.path = seed.published, seed.source, "old"
            earlier.url, earlier.body = seed.url, "\n\n".join(first[:3])
            library.articles.upsert([earlier])
            [(_, seed_id)] = library.articles.upsert([seed])
            body = library.articles.get(seed_id).body
            start = body.index("One billion dollars")
            library.notes.add_highlight(seed_id, start, body.index(".", start) + 1,
                                  text="The figure to quote #border-trade")
            library.notes.add_note(seed_id, "Follow up with the Commerce Department.")
            library.notes.tag_articles([seed_id], ["mexico", "trade"])
            library.articles.upsert([
                make_article(f"Story number {n} about the harbour", "Harbour news. " * 40,
                             source=("Reuters", "BBC News", "AP")[n % 3],
                             published=f"2021-08-{n + 1:02d}")
                for n in range(12)])
            library.articles.set_flag(3, "read", True)
            library.articles.set_flag(4, "starred", True)
    return Library(path, readonly=readonly)


async def reader_at_quote(pilot) -> None:
    await reader_ready(pilot)
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


async def open_dialog(pilot, key: str, screen: str, condition=lambda screen: True) -> None:
    await pilot.press(key)
    await settle(pilot, lambda: type(pilot.app.screen).__name__ == screen
                 and condition(pilot.app.screen))
    pilot.app.clear_notifications()
    focused = pilot.app.focused
    if focused is not None and hasattr(focused, "cursor_blink"):
        focused.cursor_blink = False  # a blinking cursor is drawn or not by the clock
    await pilot.pause()


async def shot_library(pilot) -> None:
    await library_ready(pilot)
    await settle(pilot)


async def shot_notebook(pilot) -> None:
    await shot_library(pilot)
    await open_dialog(pilot, "n", "NotebookScreen", lambda screen: screen.entries)


async def shot_entities(pilot) -> None:
    await shot_library(pilot)
    await open_dialog(pilot, "E", "EntitiesScreen", lambda screen: screen.choices)


async def shot_add(pilot) -> None:
    await shot_library(pilot)
    await open_dialog(pilot, "a", "AddArticlesScreen")


async def shot_tag(pilot) -> None:
    await reader_at_quote(pilot)
    await open_dialog(pilot, "t", "TagScreen")


async def shot_note(pilot) -> None:
    await reader_at_quote(pilot)
    await open_dialog(pilot, "m", "NoteScreen")


async def shot_quote(pilot) -> None:
    await reader_at_quote(pilot)
    await open_dialog(pilot, "y", "QuoteScreen")


async def shot_help(pilot) -> None:
    await shot_library(pilot)
    await open_dialog(pilot, "question_mark", "HelpScreen")


async def shot_versions(pilot) -> None:
    await reader_at_quote(pilot)
    await open_dialog(pilot, "V", "VersionScreen", lambda screen: screen.version is not None)


SHOTS = {
    "library": shot_library, "empty": shot_library, "readonly": shot_library,
    "reader": reader_at_quote, "notebook": shot_notebook, "entities": shot_entities,
    "add": shot_add, "tag": shot_tag, "note": shot_note, "quote": shot_quote, "help": shot_help,
    "versions": shot_versions,
}


@pytest.mark.parametrize("theme", THEMES, ids=["dark", "light"])
@pytest.mark.parametrize("name", list(SHOTS))
def test_every_screen_at_80x24(snap_compare, isolated, monkeypatch, name, theme):
    from tui.config import Settings

    library = frozen_library(isolated, monkeypatch, empty=name == "empty",
                             readonly=name == "readonly")
    settings = Settings(theme=theme, show_copied="always" if name == "quote" else "failed")
    assert snap_compare(make_app(library, settings), run_before=SHOTS[name],
                        terminal_size=(80, 24))
