"""Snapshots of the key screens at 100x30 and 80x24 (pytest-textual-snapshot)."""

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
    library.upsert_articles([seed, *others])
    library.set_flag(3, "read", True)
    library.set_flag(4, "starred", True)
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
