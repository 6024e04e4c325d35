"""The library screen's "did you mean", its key, and the order a search of names alone says."""

from __future__ import annotations

from tests.conftest import make_article, parts, settle
from tests.samples import UKRAINE, stories
from tui.app import make_app


async def test_did_you_mean_is_in_the_status_and_one_key_runs_it(library):
    library.articles.upsert([*stories("Gerrard", 12), *stories("Gerard", 3, 15)])
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        screen = app.screen
        assert screen.check_action("suggestion", ()) is False  # nothing to suggest yet
        await pilot.press("slash", *"Gerard")
        await settle(pilot, lambda: screen.shown.query == "Gerard")
        status = parts(app)[2]
        assert "3 matches" in status and "did you mean Gerrard?" in status, status
        assert screen.check_action("suggestion", ()) is True
        await pilot.press("ctrl+y")
        await settle(pilot, lambda: screen.shown.query == "Gerrard")
        status = parts(app)[2]
        assert "12 matches" in status and "did you mean" not in status, status
        box = screen.query_one("#library-search")
        assert box.value == "Gerrard" and box.cursor_position == len("Gerrard")


async def test_a_search_of_a_name_alone_says_its_order(library):
    library.articles.upsert([make_article(title=t, body=b, published=p) for t, b, p in UKRAINE])
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        await pilot.press("slash", *"place:ukraine")
        await settle(pilot, lambda: app.screen.shown.query == "place:ukraine")
        _, article_list, status = parts(app)
        assert "most mentioned first" in status and "best match" not in status, status
        assert article_list.ids == [3, 2, 4, 1]
        await pilot.press(*" is:unread")
        await settle(pilot, lambda: app.screen.shown.query == "place:ukraine is:unread")
        await pilot.press("ctrl+u", *"is:unread")
        await settle(pilot, lambda: app.screen.shown.query == "is:unread")
        status = parts(app)[2]
        assert "newest first" in status and "best match" not in status, status
