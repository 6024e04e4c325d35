"""Entities in the app: colours with a legend, e/E, the panel, the archive's top names."""

from __future__ import annotations

import threading

import pytest

from tests.conftest import SEEDS, library_shown, make_article, settle, until
from tui.app import make_app
from tui.ingest import add_sources
from tui.screens.entities import EntitiesScreen
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.entity_panel import EntityPanel


@pytest.fixture
def seeded(library, monkeypatch):
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    add_sources(library, [str(SEEDS)], max_bytes=10**7)
    library.articles.upsert([make_article(
        "Blinken visits Kyiv", "Secretary of State Antony Blinken arrived in Kyiv on Monday.",
        published="2000-01-01")])
    return library


async def open_seed(pilot, size_wide=True):
    app = pilot.app
    await library_shown(pilot)
    await pilot.press("enter")
    await settle(pilot, lambda: isinstance(app.screen, ReaderScreen)
                 and app.screen.article is not None and app.screen.names.spans)
    return app.screen, app.screen.query_one(ArticleView)


async def test_entities_are_coloured_with_a_legend_and_toggle(seeded):
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        reader, view = await open_seed(pilot)
        body = reader.article.body
        people = {body[s:e] for s, e in view.spans("person")}
        assert {"Antony Blinken", "Harris", "Tatiana Clouthier"} <= people
        assert "Mexico City" in {body[s:e] for s, e in view.spans("place")}
        assert not reader.query_one(EntityPanel).has_class("-shown")  # 80 columns: no room
        assert "people" in str(reader.query_one("#reader-legend").content)
        await pilot.press("h")
        assert view.spans("person") == []
        await pilot.press("h")
        assert view.spans("person")


async def test_e_jumps_from_name_to_name(seeded):
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        reader, view = await open_seed(pilot)
        await pilot.press("e")
        first = reader.names.spans[reader.names.mention_index]
        assert view.current_sentence.start <= first.start < view.current_sentence.end
        await pilot.press("e", "e", "E")
        assert reader.names.spans[reader.names.mention_index] == reader.names.spans[
            (reader.names.spans.index(first) + 1) % len(reader.names.spans)]


async def test_e_typed_as_the_article_opens_goes_to_the_name_once_the_names_come(seeded):
    """The names are read after the text (`EntitiesFound` follows `Loaded`): `e` typed in
    between (a burst of keys, a slow link) said "No names found in this article" and was
    lost (seen in tests/test_e2e_daily.py)."""
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        reader, view = await open_seed(pilot)
        spans, titles = list(reader.names.spans), list(reader.names.title_spans)
        reader.names.forget()  # as when an article's text has come and its names not yet
        await pilot.press("e")
        assert reader.names.mention_index == -1
        reader.names.show(spans, title_spans=titles)  # the names come
        await pilot.pause()
        first = reader.names.spans[reader.names.mention_index]
        assert view.current_sentence.start <= first.start < view.current_sentence.end
        assert "No names found" not in str(app._notifications)


async def test_panel_lists_names_and_enter_filters_the_library(seeded):
    app = make_app(seeded)
    async with app.run_test(size=(120, 30)) as pilot:
        reader, view = await open_seed(pilot)
        panel = reader.query_one(EntityPanel)
        assert panel.has_class("-shown")  # wide enough
        choices = [c for c in panel.choices if c]
        assert ("Antony Blinken", "PERSON") in choices
        await pilot.press("p")
        assert not panel.has_class("-shown")
        await pilot.press("p")
        options = panel.query_one("OptionList")
        options.highlighted = panel.choices.index(("Antony Blinken", "PERSON"))
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen)
                     and app.screen.shown.query == 'person:"Antony Blinken"')
        assert len(app.screen.article_list.ids) == 2


async def test_top_entities_view(seeded):
    app = make_app(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await library_shown(pilot)
        await pilot.press("E")
        await settle(pilot, lambda: isinstance(app.screen, EntitiesScreen)
                     and any(app.screen.choices))
        assert ("Antony Blinken", "PERSON") in app.screen.choices
        app.screen.query_one("OptionList").highlighted = app.screen.choices.index(
            ("Antony Blinken", "PERSON"))
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen)
                     and app.screen.shown.query.startswith("person:"))
        assert len(app.screen.article_list.ids) == 2


async def test_app_extracts_again_what_an_older_extractor_read(seeded):
    seeded.conn.execute("UPDATE articles SET entities_version = 0")
    seeded.conn.execute("DELETE FROM mentions")
    app = make_app(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: seeded.entities.stale_count() == 0)
        assert seeded.entities.stale_count() == 0
        assert seeded.entities.for_article(1)


async def test_text_shows_before_the_names_then_the_panel_fills(seeded, monkeypatch):
    names_found = threading.Event()
    find = seeded.entities.for_article
    monkeypatch.setattr(seeded.entities, "for_article", lambda article_id: names_found.wait(5)
                        and find(article_id))
    app = make_app(seeded)
    async with app.run_test(size=(120, 30)) as pilot:
        await library_shown(pilot)
        await pilot.press("enter")
        # The names are still being read (the article worker waits): wait for the text only.
        await until(pilot, lambda: isinstance(app.screen, ReaderScreen)
                    and app.screen.article is not None)
        reader, view = app.screen, app.screen.query_one(ArticleView)
        panel = reader.query_one(EntityPanel)
        assert view.lines and reader.entities_shown is None and view.spans("person") == []
        assert panel.shown and panel.choices == []
        await pilot.press("j")  # keys work while the names load
        assert view.sentence_index == 1
        names_found.set()
        await settle(pilot, lambda: reader.entities_shown == reader.article.id)
        assert ("Antony Blinken", "PERSON") in panel.choices
        assert view.spans("person") and view.sentence_index == 1


async def test_names_in_the_title_are_coloured_too(seeded):
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        reader, view = await open_seed(pilot)
        title = reader.article.title
        assert title.startswith("US, Mexico resume")
        assert {title[a:b] for a, b in view.title_spans("place")} >= {"US", "Mexico"}
        assert {title[a:b] for a, b in view.title_spans("person")} == {"Trump"}
        row = next(y for y, line in enumerate(view.lines) if line.role == "title")
        segments = {seg.text: seg.style for seg in view.render_line(row)}
        body_row = next(y for y, line in enumerate(view.lines) if line.role == "body"
                        and "Mexico" in line.text)
        body = {seg.text: seg.style for seg in view.render_line(body_row)}
        assert segments["Mexico"] != segments[" resume high-level trade talks halted during "]
        # The title's place is painted as the body's places are (bold as titles are).
        assert segments["Mexico"].color == body["Mexico"].color
        await pilot.press("h")
        assert view.title_spans("place") == []
        assert "Mexico" not in {seg.text for seg in view.render_line(row)}


@pytest.mark.parametrize("width", [80, 100])
async def test_P_goes_into_the_panel_and_back(seeded, width):
    # Issue 24: at 100 columns the panel showed without the focus, and `p` hid it: reaching
    # it took `p` twice, and nothing said so.
    app = make_app(seeded)
    async with app.run_test(size=(width, 24)) as pilot:
        reader, view = await open_seed(pilot)
        panel = reader.query_one(EntityPanel)
        options = panel.query_one("OptionList")
        assert panel.shown is (width >= 100) and view.has_focus
        await pilot.press("P")  # in, shown at any width
        assert panel.shown and options.has_focus
        assert ("Antony Blinken", "PERSON") in panel.choices
        await pilot.press("down", "down")
        chosen = panel.choices[options.highlighted]
        assert chosen and chosen[1] in ("PERSON", "ORG", "PLACE")
        await pilot.press("P")  # out: the panel stays only where it shows by itself
        assert view.has_focus and panel.shown is (width >= 100)
        await pilot.press("P")
        assert options.has_focus
        await pilot.press("escape")  # out too, not back to the list
        assert isinstance(app.screen, ReaderScreen) and view.has_focus
        await pilot.press("P", "enter")
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen))
        assert app.screen.shown.query.startswith(("person:", "org:", "place:"))


async def test_help_says_how_to_get_into_the_panel_and_out(seeded):
    from tui.screens.help import HelpScreen

    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_seed(pilot)
        await pilot.press("question_mark")
        await settle(pilot, lambda: isinstance(app.screen, HelpScreen))
        shown = " ".join(str(app.screen.query_one("#help-text").content).split())
        assert "P goes into it" in shown and "P or escape go back" in shown
        assert "Into the entity panel" in shown
