"""The app writes through `tui.api`, the functions the command line calls (issue 21): tags,
saved searches, feed updates and the re-reading of stale entities each have one function that
both faces call. Each test watches the real function (it still runs) while a key drives the
app."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import make_article, settle
from tui import api
from tui.app import make_app
from tui.screens.library import LibraryScreen


def watch(monkeypatch: pytest.MonkeyPatch, name: str) -> list[tuple[Any, ...]]:
    """The calls of `tui.api.<name>` from now on (arguments after the library); the function
    still runs."""
    calls: list[tuple[Any, ...]] = []
    real = getattr(api, name)

    def watched(library: api.Library, *args: Any, **kwargs: Any) -> Any:
        calls.append((*args, kwargs))
        return real(library, *args, **kwargs)

    monkeypatch.setattr(api, name, watched)
    return calls


async def library_ready(pilot) -> LibraryScreen:
    await settle(pilot, lambda: isinstance(pilot.app.screen, LibraryScreen)
                 and pilot.app.screen.shown is not None)
    return pilot.app.screen


async def test_tags_added_and_removed_with_t_go_through_api_tag(seeded, monkeypatch):
    tagged = watch(monkeypatch, "tag")
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await library_ready(pilot)
        article_id = screen.article_list.current_id
        await pilot.press("t")
        await settle(pilot, lambda: app.screen.__class__.__name__ == "TagScreen")
        await pilot.press(*"borders, trade", "enter")
        await settle(pilot, lambda: seeded.notes.article_tags(article_id) == ["borders", "trade"])
        await pilot.press("t")
        await settle(pilot, lambda: app.screen.__class__.__name__ == "TagScreen")
        await pilot.press(*"-trade", "enter")
        await settle(pilot, lambda: seeded.notes.article_tags(article_id) == ["borders"])
    assert tagged == [([article_id], ["borders", "trade"], {}),
                      ([article_id], ["trade"], {"remove": True})]


async def test_a_search_saved_with_ctrl_s_goes_through_api_save_search(seeded, monkeypatch):
    saved = watch(monkeypatch, "save_search")
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await library_ready(pilot)
        await pilot.press("slash", *"mexico")
        await settle(pilot, lambda: screen.shown.query == "mexico")
        await pilot.press("ctrl+s", *"border", "enter")
        await settle(pilot, lambda: screen.saved and screen.saved[0][2] is not None)
    assert saved == [("border", "mexico", {})]
    assert seeded.saved.all() == [("border", "mexico")]


async def test_feed_updates_go_through_api_update_feeds(seeded, monkeypatch):
    listed, updated = watch(monkeypatch, "feeds"), watch(monkeypatch, "update_feeds")
    seeded.subscriptions.add("http://127.0.0.1:9/feed.xml", "A feed nobody serves")
    app = make_app(seeded)
    said: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: said.append(message))
    async with app.run_test(size=(80, 24)) as pilot:
        await library_ready(pilot)
        await pilot.press("u")
        await settle(pilot, lambda: any(m.startswith("Feeds: 0 new") for m in said), timeout=15)
    assert len(listed) == 1 and len(updated) == 1
    assert updated[0][0]["max_bytes"] == app.settings.max_file_bytes


async def test_stale_entities_are_read_again_through_api_reextract_entities(seeded, monkeypatch):
    seeded.articles.upsert([make_article("Later", "Gordon Brown spoke in Leeds.")])
    seeded.conn.execute("UPDATE articles SET entities_version = 0")
    assert api.stale_entities(seeded) == 2
    reread = watch(monkeypatch, "reextract_entities")
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await library_ready(pilot)
        await settle(pilot, lambda: seeded.entities.stale_count() == 0)
    assert reread == [({},)]
