"""The library screen in Pilot: order, cursor, search as you type, flags, live refresh, add."""

from __future__ import annotations

import threading
from contextlib import asynccontextmanager

import pytest

from tests.conftest import lines, make_article, parts, settle, until
from tests.samples import fill, fill_politics
from tui.app import make_app
from tui.screens.library import LibraryScreen
from tui.storage import Library
from tui.widgets.article_list import PAGE, ArticleList, columns, fit

EVIL = "[@click=app.quit]x[/] and [bold]loud[/bold]"


def test_fit_and_columns_keep_rows_to_width():
    assert fit("abc", 5) == "abc  "
    assert fit("abcdef", 4) == "abc…"
    assert fit("日本語のニュース", 7) == "日本語…"
    assert fit("tab\there", 8) == "tab here"
    title, source, date = columns(100)
    assert source and date and 6 + title + 2 + source + 2 + date + 1 == 100
    assert columns(80)[1] == 0  # at 80 columns the titles need the room


async def test_list_shows_newest_first_and_cursor_keys_move(library):
    fill(library, 30)
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        screen, article_list, status = parts(app)
        assert "Story 29" in lines(article_list, 1)[0]
        assert "Story 28" in lines(article_list, 2)[1]
        assert "30 articles · newest first" in status
        assert str(screen.query_one("#library-count").content) == "30 articles"
        await pilot.press("j", "down")
        assert article_list.cursor == 2
        await pilot.press("k")
        assert article_list.cursor == 1
        await pilot.press("end")
        assert article_list.cursor == 29
        assert article_list.scroll_offset.y > 0
        await pilot.press("g")
        assert article_list.cursor == 0
        await pilot.press("pagedown")
        assert article_list.cursor > 5
        await pilot.press("q")
    assert app.return_code == 0


async def test_keys_arriving_in_one_burst_go_where_the_earlier_keys_sent_focus(library):
    """Over a slow link a whole "/stats" arrives in one read: the letters belong to the search
    field ('s' must not star the article, 't' must not open tags), and after Down the 'j'
    moves the list's cursor instead of landing in the field."""
    from textual import events

    fill(library, 12)
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        screen, article_list, _ = parts(app)
        first = article_list.current_id

        def burst(*keys: str) -> None:
            for key in keys:  # posted at once, as one read of the terminal would
                app.post_message(events.Key(key, key if len(key) == 1 else None))

        burst("slash", *"story", "down", "j", "j")
        await settle(pilot, lambda: screen.shown.query == "story")
        assert screen.query_one("#library-search").value == "story"
        assert screen.focused is article_list and article_list.cursor == 2
        assert not library.articles.rows([first])[first].starred
        assert app.screen is screen  # no tag dialog opened


async def test_search_as_you_type_then_escape_restores(library):
    fill(library, 12)
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        await pilot.press("j", "j")
        kept = app.screen.query_one(ArticleList).current_id
        await pilot.press("slash", *"mexico")
        await settle(pilot, lambda: app.screen.shown.query == "mexico")
        screen, article_list, status = parts(app)
        assert len(article_list.ids) == 4
        assert "4 matches" in status and "best match first" in status
        assert all("Mexico" in line for line in lines(article_list, 4))
        await pilot.press("escape")
        await settle(pilot, lambda: app.screen.shown.query == "")
        screen, article_list, status = parts(app)
        assert len(article_list.ids) == 12
        assert "12 articles" in status
        assert screen.focused is article_list
        assert article_list.current_id == kept


async def test_sort_cycles_newest_oldest_title(library):
    fill(library, 5)
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        newest = app.screen.query_one(ArticleList).ids
        await pilot.press("S")
        await settle(pilot, lambda: app.screen.shown.order == "oldest")
        _, article_list, status = parts(app)
        assert article_list.ids == newest[::-1] and "oldest first" in status
        await pilot.press("S")
        await settle(pilot, lambda: app.screen.shown.order == "title")
        assert "by title" in parts(app)[2]
        await pilot.press("S")
        await settle(pilot, lambda: app.screen.shown.order == "newest")
        assert parts(app)[1].ids == newest


async def test_star_and_read_toggles_persist(library):
    fill(library, 3)
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.screen.query_one(ArticleList).current_row is not None)
        article_id = app.screen.query_one(ArticleList).current_id
        await pilot.press("s", "r")
        await settle(pilot)
        row = library.articles.rows([article_id])[article_id]
        assert row.starred and row.read
        assert "★" in lines(app.screen.query_one(ArticleList), 1)[0]
        await pilot.press("s", "s", "s")
        await settle(pilot)
        assert not library.articles.rows([article_id])[article_id].starred


async def test_empty_library_says_how_to_add(library):
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        screen = app.screen
        assert screen.has_class("-empty")
        message = str(screen.query_one("#library-empty").content)
        assert "newsreader add PATH..." in message and "press a" in message
        await pilot.press("a")
        from tui.screens.add import AddArticlesScreen

        assert isinstance(app.screen, AddArticlesScreen)


async def test_markup_in_titles_is_shown_literally(library):
    library.articles.upsert([make_article(title=EVIL, source="[red]src[/]",
                                          published="2030-01-01")])
    fill(library, 2)
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.screen.query_one(ArticleList).current_row is not None)
        first = lines(app.screen.query_one(ArticleList), 1)[0]
        assert EVIL in first and "[red]src[/]" in first
        await pilot.press("j")
        await pilot.click(ArticleList, offset=(10, 0))
        await pilot.press("x", "j", "k")
        await settle(pilot)
        assert app.screen.query_one(ArticleList).cursor == 0
        assert app.is_running and app.return_code is None


async def test_changes_from_another_connection_show_up(library, monkeypatch):
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0.05)
    fill(library, 3)
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        await pilot.press("j")
        kept = app.screen.query_one(ArticleList).current_id
        other = Library(library.path)
        other.articles.upsert([make_article(title="Fresh news", published="2030-05-05")])
        other.close()
        await settle(pilot, lambda: len(app.screen.query_one(ArticleList).ids) == 4)
        article_list = app.screen.query_one(ArticleList)
        assert len(article_list.ids) == 4
        assert article_list.current_id == kept
        await settle(pilot, lambda: "Fresh news" in lines(article_list, 1)[0])
        assert "Fresh news" in lines(article_list, 1)[0]


async def test_add_dialog_ingests_a_folder(library, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text("First title\n\nFirst body text.\n", encoding="utf-8")
    (folder / "two.txt").write_text("Second title\n\nSecond body text.\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    fill(library, 1)
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        await pilot.press("a")
        dialog = app.screen
        dialog.query_one("#add-path").value = str(folder)
        await pilot.press("enter")
        await settle(pilot, lambda: not dialog.has_class("-running"))
        result = str(dialog.query_one("#add-result").content)
        assert "added 2, updated 0, unchanged 0, skipped 1" in result
        assert "empty.txt" in result
        await pilot.press("escape")
        await settle(pilot, lambda: len(app.screen.query_one(ArticleList).ids) == 3)
        assert library.articles.count() == 3 and len(app.screen.query_one(ArticleList).ids) == 3


async def test_enter_opens_the_reader(library):
    fill(library, 3)
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        await pilot.press("j", "enter")
        await pilot.pause()
        reader = app.screen
        assert type(reader).__name__ == "ReaderScreen"
        assert (reader.ids, reader.index) == (app.screen_stack[-2].query_one(ArticleList).ids, 1)
        reader.dismiss(2)
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one(ArticleList).cursor == 2


async def test_no_sql_on_the_ui_thread(library, monkeypatch):
    fill(library, 40)
    ui_thread = threading.get_ident()
    on_ui_thread: list[str] = []
    connection = Library.conn

    def checked(self):
        if threading.get_ident() == ui_thread:
            on_ui_thread.append("connection used on the UI thread")
        return connection.fget(self)

    monkeypatch.setattr(Library, "conn", property(checked))
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0.05)
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.screen.query_one(ArticleList).current_row is not None)
        await pilot.press("j", "s", "r", "S", "end", "home", "slash", *"mexico", "escape")
        await settle(pilot, lambda: app.screen.shown.query == "")
    assert on_ui_thread == []


async def test_saved_searches_are_one_key_views_with_counts(library):
    fill(library, 9)
    library.saved.save("mexico", "mexico")
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None and app.screen.saved
                     and app.screen.saved[0][2] is not None)
        screen, article_list, _ = parts(app)
        assert "mexico 3" in str(screen.query_one("#library-saved").content)
        await pilot.press("1")
        await settle(pilot, lambda: screen.shown.query == "mexico")
        assert len(article_list.ids) == 3
        await pilot.press("slash")
        await pilot.press(*"canada")
        await settle(pilot, lambda: screen.shown.query == "canada")
        await pilot.press("ctrl+s")
        await pilot.press(*"north", "enter")
        await settle(pilot, lambda: len(screen.saved) == 2)
        assert library.saved.all()[1] == ("north", "canada")
        assert "2 north 6" in str(screen.query_one("#library-saved").content)
        await pilot.press("escape", "2")
        await settle(pilot, lambda: screen.shown.query == "canada")
        assert len(article_list.ids) == 6


async def test_search_shows_the_highlighted_results_passage(library):
    fill(library, 9)
    library.articles.upsert([make_article(
        "Trade " + EVIL, "Nothing here. " * 30 + "The Mexico [bold]deal[/bold] was signed.")])
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        screen = app.screen
        await pilot.press("slash", *"deal")
        await settle(pilot, lambda: screen.shown.query == "deal"
                     and "signed" in str(screen.query_one("#library-preview").content))
        preview = screen.query_one("#library-preview").content
        assert "Mexico [bold]deal[/bold] was signed" in str(preview)
        assert any(span.style == "bold $accent" for span in preview.spans)
        await pilot.press(*"zzq")  # now nothing matches: the passage goes with the results
        await settle(pilot, lambda: screen.shown.query == "dealzzq")
        await settle(pilot, lambda: not str(screen.query_one("#library-preview").content))
        assert not str(screen.query_one("#library-preview").content)


async def test_matches_too_many_to_rank_are_not_called_best_first(library, monkeypatch):
    import tui.search

    monkeypatch.setattr(tui.search, "RANK_LIMIT", 2)
    fill(library, 9)
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        await pilot.press("slash", *"mexico")
        await settle(pilot, lambda: app.screen.shown.query == "mexico")
        status = parts(app)[2]
        assert "newest first" in status and "best match first" not in status, status


@asynccontextmanager
async def notifying_app(library, monkeypatch):
    """The app on `library`, its list shown, every notification it makes kept in a list."""
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    app = make_app(library)
    messages: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        monkeypatch.setattr(app, "notify", lambda message, **kw: messages.append(message))
        await settle(pilot, lambda: app.screen.shown is not None)
        yield app, pilot, messages


async def test_u_without_feeds_says_how_to_add_one(library, monkeypatch):
    fill(library, 2)
    async with notifying_app(library, monkeypatch) as (app, pilot, messages):
        await pilot.press("u")
        await settle(pilot, lambda: any("No feeds yet" in m for m in messages))


async def test_u_fetches_subscribed_feeds_and_lists_new_articles(
        library, monkeypatch, server):  # noqa: F811  (the fixture imported above)
    fill(library, 2)
    library.subscriptions.add(f"{server}/feed")
    async with notifying_app(library, monkeypatch) as (app, pilot, messages):
        await pilot.press("u")
        await settle(pilot, lambda: any(m.startswith("Feeds:") and "new" in m
                                        for m in messages), timeout=10)
        await settle(pilot, lambda: len(app.screen.article_list.ids) > 2)
        assert library.articles.count() > 2


async def test_a_big_library_draws_its_first_page_before_reading_every_id(library, monkeypatch):
    """Start-up does not wait for every id (0.5 s at a million articles), nor do the scans
    that can wait (stale names, saved-search counts) compete with it."""
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    fill(library, PAGE + 50)
    every_id, stale_checks = threading.Event(), []
    read_ids, count_stale = library.articles.ids, library.entities.stale_count
    monkeypatch.setattr(library.articles, "ids",
                        lambda *a, **k: every_id.wait(5) and read_ids(*a, **k))
    monkeypatch.setattr(library.entities, "stale_count",
                        lambda: stale_checks.append(1) or count_stale())
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        # Every id is still being read (its worker waits): wait for the first page only.
        await until(pilot, lambda: app.screen.query_one(ArticleList).current_row is not None)
        screen, article_list, status = parts(app)
        assert screen.shown.partial and len(article_list.ids) == PAGE
        assert article_list.virtual_size.height == PAGE + 50  # the scrollbar's final size
        assert status.startswith(f"{PAGE + 50} articles")
        await pilot.press("j", "j")
        kept = article_list.current_id
        await pilot.pause(0.1)
        assert stale_checks == []
        every_id.set()
        await settle(pilot, lambda: not screen.shown.partial and stale_checks)
        assert len(article_list.ids) == PAGE + 50
        assert article_list.current_id == kept and article_list.cursor == 2
        assert stale_checks == [1]


async def test_a_search_matching_very_many_shows_its_count_and_first_page_first(
        library, monkeypatch):
    """A prefix matching most of a million articles takes 0.2 s to list whole: its count and
    first page are on screen before, and the whole list then continues that page."""
    import tui.search
    import tui.storage.matching as queries

    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    monkeypatch.setattr(queries, "EARLY_AT", 5)
    monkeypatch.setattr(queries, "EARLY_PAGE", 10)
    monkeypatch.setattr(tui.search, "RANK_LIMIT", 2)
    fill(library, 60)
    released, matching = threading.Event(), library.matching.matches
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: library.orders.cached("newest") is not None)
        newest = list(app.screen.article_list.ids)
        monkeypatch.setattr(library.matching, "matches", lambda m: released.wait(5) and matching(m))
        await pilot.press("slash", *"story")
        # The whole list is still being read (its worker waits): wait for the first page only.
        await until(pilot, lambda: app.screen.shown.query == "story")
        screen, article_list, status = parts(app)
        assert screen.shown.partial and article_list.ids == newest[:10]
        assert article_list.virtual_size.height == 60
        assert status.startswith("60 matches") and "too many matches to rank" in status
        assert "Story 59" in lines(article_list, 1)[0]
        await pilot.press("down", "j", "j")
        kept = article_list.current_id
        released.set()
        await settle(pilot, lambda: not screen.shown.partial)
        assert article_list.ids == newest and article_list.current_id == kept == newest[2]
        assert parts(app)[2].startswith("60 matches")


async def test_the_typo_vocabulary_loads_in_the_background_once_the_list_is_shown(library):
    """The first search of a misspelt word must not wait for the whole index to be read."""
    from tui.search.typo import CACHE

    fill(library, 12)
    CACHE._key = CACHE._vocab = None
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: CACHE._key is not None)
        assert CACHE._key == (str(library.path), library.articles.generation())
        assert CACHE._vocab.docs.get("mexico") == 4


@pytest.mark.parametrize("pause", [True, False], ids=["cleared-list-shown", "one-burst"])
async def test_a_new_search_typed_in_one_burst_highlights_its_first_result(library, pause):
    """Issue 16: after `person:blair`, 20 rows down, ctrl+u and a pasted `Mourinio`, the
    cursor is on the first result, in view, with its passage; Enter opens that one."""
    from textual import events

    from tui.screens.reader import ReaderScreen

    fill_politics(library)
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        screen, article_list, _ = parts(app)

        def burst(*keys: str) -> None:
            for key in keys:
                app.post_message(events.Key(key, key if len(key) == 1 else None))

        burst("slash", *"person:blair", "enter")
        await settle(pilot, lambda: screen.shown.query == "person:blair")
        assert len(article_list.ids) == 30
        burst(*"j" * 20)
        await settle(pilot, lambda: article_list.cursor == 20)
        burst("slash", "ctrl+u")
        if pause:  # the whole list comes back before the paste arrives
            await settle(pilot, lambda: screen.shown.query == "")
        burst(*"Mourinio")
        await settle(pilot, lambda: screen.shown.query == "Mourinio")
        await settle(pilot)
        results = article_list.ids
        assert len(results) == 3
        assert article_list.cursor == 0
        assert article_list.scroll_offset.y == 0
        assert "Mourinho" in str(screen.query_one("#library-preview").content)
        burst("enter", "enter")
        await settle(pilot, lambda: isinstance(app.screen, ReaderScreen)
                     and app.screen.article is not None)
        assert app.screen.article.id == results[0]


async def test_editing_keys_in_a_burst_act_in_the_order_typed(library):
    """A slow link delivers "mexicx, backspace, o" in one read: the field holds "mexico"
    (Textual runs an Input's bindings only after the key bubbles up to the app)."""
    from textual import events

    fill(library, 6)
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        for key in ("slash", *"mexicx", "backspace", "o", "ctrl+w", *"canada"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await settle(pilot, lambda: app.screen.shown.query == "canada")
        assert app.screen.query_one("#library-search").value == "canada"
        assert len(app.screen.article_list.ids) == 4
