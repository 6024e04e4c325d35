"""A search typed at launch goes first (issue 23): the first load's whole list stops for it,
the typo vocabulary is read as soon as the first rows are shown, the warm-up waits while the
person searches, and the footer is drawn once per change of its keys. In Pilot, on a real
library file; order of events is asserted, never speed (that is in tests/bench)."""

from __future__ import annotations

import threading

from tests.conftest import parts, settle, until
from tests.samples import fill
from tui.app import make_app
from tui.screens.library import LibraryScreen
from tui.search.typo import CACHE
from tui.storage import yielding
from tui.widgets.article_list import PAGE
from tui.widgets.footer import KeysFooter


async def test_a_search_typed_while_the_whole_list_is_read_stops_that_read(library, monkeypatch):
    """At a million articles the first load reads every id for a second after the first page;
    a search typed then must not compete with it: the read stops."""
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    monkeypatch.setattr(yielding, "STEPS", 10)  # a progress call every few rows of a test
    fill(library, PAGE + 50)
    read_ids, typed, reads = library.articles.ids, threading.Event(), []

    def slow_ids(order="newest", **kwargs):
        typed.wait(5)  # the whole list is still being read when the search is typed
        return read_ids(order, **kwargs)

    every = library.orders.every
    monkeypatch.setattr(library.articles, "ids", slow_ids)
    monkeypatch.setattr(library.orders, "every",
                        lambda *a, **k: reads.append(every(*a, **k)) or reads[-1])
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: app.screen.shown is not None)
        assert app.screen.shown.partial
        await pilot.press("slash", *"mexico")
        await until(pilot, lambda: app.screen.shown.query == "mexico")
        typed.set()
        await settle(pilot, lambda: reads)
        assert reads and set(reads) == {None}  # stopped (also "m"'s), not read to their end
        screen, article_list, status = parts(app)
        assert status.startswith(f"{(PAGE + 50 + 2) // 3} matches")
        await pilot.press("escape", "escape")  # the list again: read whole now
        await settle(pilot, lambda: not app.screen.search_text and not screen.shown.query)
        assert len(article_list.ids) == PAGE + 50 and reads[-1] is not None


async def test_the_typo_vocabulary_is_read_as_soon_as_the_first_rows_are_shown(
        library, monkeypatch):
    """A typo typed at launch needs the vocabulary; at a million articles the whole list
    (after which the warm-up starts) comes a second later."""
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    fill(library, PAGE + 50)
    CACHE._key = CACHE._vocab = None
    every_id, read_ids = threading.Event(), library.articles.ids
    monkeypatch.setattr(library.articles, "ids",
                        lambda *a, **k: every_id.wait(5) and read_ids(*a, **k))
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: CACHE.loaded(library) is not None)
        assert app.screen.shown.partial  # the whole list is still on its way
        every_id.set()
        await settle(pilot, lambda: not app.screen.shown.partial)


async def test_the_warm_up_waits_while_the_person_searches(library, monkeypatch):
    """The warm-up (the reader's import, every article's place in the list order) shares the
    GIL and two cores with a search typed at launch: it waits until the search is done."""
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    fill(library, 30)
    app = make_app(library)
    searching = app.foreground.running()
    searching.__enter__()  # a search the person waits for, from before the list is shown
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: app.screen.shown is not None and app._started)
            await pilot.pause(0.3)
            assert library.orders.cached_positions() is None
            assert any(w.group == "warm-up" and w.is_running for w in app.workers)
            searching.__exit__(None, None, None)
            searching = None
            await settle(pilot, lambda: library.orders.cached_positions() is not None)
    finally:
        if searching is not None:
            searching.__exit__(None, None, None)


async def test_the_screens_searches_hold_the_warm_up_back_while_they_run(library, monkeypatch):
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    fill(library, 30)
    released, busy = threading.Event(), []
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        matching = library.matching.match_ids

        def held(*args, **kwargs):
            busy.append(app.foreground.busy())
            released.wait(5)
            return matching(*args, **kwargs)

        monkeypatch.setattr(library.matching, "match_ids", held)
        await pilot.press("slash", *"mexico")
        await until(pilot, lambda: busy)
        assert busy[0] and app.foreground.busy()
        released.set()
        await settle(pilot, lambda: app.screen.shown.query == "mexico")


async def test_the_footer_is_drawn_once_per_change_of_its_keys(library, monkeypatch):
    """Textual recomposed the footer four times for `/` and twice for the first letter
    typed, 10-25 ms of the UI thread each while a search typed at launch waited."""
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    fill(library, 30)
    recomposed = []
    recompose = KeysFooter.recompose

    async def counted(self):
        recomposed.append(1)
        await recompose(self)

    monkeypatch.setattr(KeysFooter, "recompose", counted)
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        await pilot.pause(0.1)
        footer = app.screen.query_one(KeysFooter)
        keys = {key.action for key in footer.query("FooterKey")}
        assert "add" in keys and "save_search" not in keys
        recomposed.clear()
        await pilot.press("slash")
        await pilot.pause(0.1)
        assert len(recomposed) == 1  # the search field's keys
        await pilot.press("m")
        await settle(pilot, lambda: app.screen.shown.query == "m")
        await pilot.press(*"exico")
        await settle(pilot, lambda: app.screen.shown.query == "mexico")
        await pilot.pause(0.1)
        assert len(recomposed) == 2  # and once more for a search's keys
        keys = {key.action for key in footer.query("FooterKey")}
        assert "save_search" in keys and "add" not in keys
