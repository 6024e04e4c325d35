"""Hostile text in the app, driven with Pilot: shown literally, clicking it fires nothing, and
highlights stay on their words next to wide and combining characters."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import App
from textual.geometry import Offset
from textual.widgets import OptionList, Static

from tests.conftest import make_article, settle
from tui.app import make_app
from tui.ingest import add_sources
from tui.models import EntitySpan, IngestReport, Skip
from tui.screens.add import summary
from tui.screens.library import LibraryScreen
from tui.screens.notebook import NotebookScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView
from tui.widgets.entity_panel import EntityPanel

EVIL = "[@click=app.quit]quit[/]"
MARKUP = f"{EVIL} [link=https://x.example]link[/link] [bold]bold[/]"
WIDE = "東京 🎉 x\u0301 👩\u200d💻 Zoë"
BODY = (f"{WIDE} spoke first. Secretary of State Antony Blinken met Tatiana Clouthier.\n\n"
        f"The kestrel said {MARKUP} twice.")


async def open_app(pilot):
    await settle(pilot, lambda: isinstance(pilot.app.screen, LibraryScreen)
                 and pilot.app.screen.shown is not None
                 and pilot.app.screen.query_one(ArticleList).current_row is not None)


def hostile_library(library, tmp_path, monkeypatch):
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    (tmp_path / "a.txt").write_text(f"Title {MARKUP}\n\n{BODY}\n", encoding="utf-8")
    add_sources(library, [str(tmp_path / "a.txt")], max_bytes=10**7)
    body = library.articles.get(1).body
    start = body.index("Tatiana")
    library.notes.add_highlight(1, start, start + len("Tatiana Clouthier"), text=f"Why {MARKUP}",
                          tags=[EVIL])
    library.notes.add_note(1, f"Note {MARKUP}")
    library.notes.tag_articles([1], [EVIL])
    return library


def line_offset(widget, needle: str) -> Offset | None:
    """Where `needle` is drawn on screen in a Line API widget (its first visible line)."""
    region = widget.content_region
    for y in range(region.height):
        text = widget.render_line(y).text
        if needle in text:
            return Offset(region.x + cell_len(text[:text.index(needle)]) + 1, region.y + y)
    return None


def static_offset(widget: Static, needle: str) -> Offset:
    """Where `needle` is drawn on screen in a one-line Static."""
    text = str(widget.content)
    region = widget.content_region
    return Offset(region.x + cell_len(text[:text.index(needle)]) + 1, region.y)


async def click_fires_nothing(pilot, offset: Offset | None) -> None:
    assert offset is not None
    await pilot.click(offset=offset)
    await pilot.pause()
    assert pilot.app.is_running and pilot.app.return_code is None


async def test_the_click_check_does_catch_executable_markup():
    """The method the tests below use fires `[@click=app.quit]` when it is parsed as markup."""
    class Trap(App):
        def compose(self):
            yield Static("before [@click=app.quit]quit[/] after", id="trap")

    app = Trap()
    async with app.run_test(size=(60, 5)) as pilot:
        trap = app.query_one("#trap")
        region = trap.content_region
        await pilot.click(offset=Offset(region.x + len("before ") + 1, region.y))
        await pilot.pause()
        assert app.return_code == 0 or not app.is_running


async def test_clicking_markup_in_the_list_reader_and_notes_fires_nothing(
        library, tmp_path, monkeypatch):
    app = make_app(hostile_library(library, tmp_path, monkeypatch))
    async with app.run_test(size=(120, 30)) as pilot:
        await open_app(pilot)
        article_list = app.screen.query_one(ArticleList)
        assert f"Title {MARKUP}"[:40] in article_list.render_line(0).text
        article_list.cursor = 0
        await click_fires_nothing(pilot, line_offset(article_list, "[@click"))
        await settle(pilot, lambda: isinstance(app.screen, ReaderScreen)
                     and app.screen.article is not None)
        reader = app.screen
        view = reader.query_one(ArticleView)
        await click_fires_nothing(pilot, line_offset(view, "[@click"))  # the title
        await pilot.press("J")  # the paragraph with the markup, and its note line
        await settle(pilot)
        await click_fires_nothing(pilot, line_offset(view, "said [@click") + (5, 0))
        notes = reader.query_one("#reader-notes", Static)
        assert f"# {EVIL}" in str(notes.content) and f"✎ Note {MARKUP}" in str(notes.content)
        assert notes.region.y > reader.query_one("#reader-status").region.y  # not over it
        await click_fires_nothing(pilot, static_offset(notes, "[@click"))
        await click_fires_nothing(pilot, static_offset(notes, "Note [@click") + (5, 0))
        assert app.screen is reader


async def test_the_notebook_palette_and_entity_panel_show_text_literally(
        library, tmp_path, monkeypatch):
    app = make_app(hostile_library(library, tmp_path, monkeypatch))
    async with app.run_test(size=(120, 30)) as pilot:
        await open_app(pilot)
        await pilot.press("n")
        await settle(pilot, lambda: isinstance(app.screen, NotebookScreen)
                     and app.screen.entries)
        options = app.screen.query_one(OptionList)
        lines = [options.render_line(y).text for y in range(options.content_region.height)]
        text = "\n".join(lines)
        assert f"Title {MARKUP}" in text and f"✎ Why {MARKUP}" in text and f"# {EVIL}" in text
        await click_fires_nothing(pilot, line_offset(options, "Why [@click") + (4, 0))
        # The click selects the entry (it opens its article), and fires nothing else.
        await settle(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, NotebookScreen))
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await pilot.press("ctrl+p")
        await pilot.press(*"title link")  # words of the title (kestrel is in its body only)
        await pilot.pause(0.5)
        command_list = app.screen.query("CommandList").first()
        assert f"open: Title {MARKUP}" in str(command_list.get_option_at_index(0).prompt)
        await click_fires_nothing(pilot, line_offset(command_list, "[@click"))
    panel = EntityPanel()
    async with App().run_test() as pilot:
        await pilot.app.mount(panel)
        panel.set_shown(True)
        panel.show([EntitySpan(0, 5, EVIL, "PERSON", f"{EVIL} \x1b]0;x\x07")])
        prompts = [str(o.prompt) for o in panel.query_one(OptionList).options]
        assert any(EVIL in p for p in prompts)


async def test_tags_status_and_preview_show_text_literally(library, tmp_path, monkeypatch):
    app = make_app(hostile_library(library, tmp_path, monkeypatch))
    async with app.run_test(size=(120, 30)) as pilot:
        await open_app(pilot)
        screen = app.screen
        screen.show_query(f"kestrel is:{EVIL}")
        await settle(pilot, lambda: screen.shown.query.startswith("kestrel"))
        status = str(screen.query_one("#library-status").content)
        preview = str(screen.query_one("#library-preview").content)
        assert f"is:{EVIL}" in status and MARKUP in preview
        await click_fires_nothing(pilot, static_offset(screen.query_one("#library-status"),
                                                       "[@click"))
        await pilot.press("T")
        await settle(pilot, lambda: app.screen is not screen)
        options = app.screen.query_one(OptionList)
        assert EVIL in str(options.get_option_at_index(0).prompt)


async def test_stored_escapes_never_reach_the_drawn_lines(library, monkeypatch):
    """A library written by something else than our ingester: the widgets still draw it safe."""
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)
    library.articles.upsert([make_article("Clean title", "Clean body of the text.")])
    evil = "x\x1b]0;pwned\x07\x1b[2J\x9b1m\u202e"
    with library.write() as conn:
        conn.execute("UPDATE articles SET title = ?, body = ?, source = ?",
                     (f"T {evil}", f"Body {evil} end.", f"S {evil}"))
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_app(pilot)
        row = app.screen.query_one(ArticleList).render_line(0).text
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, ReaderScreen)
                     and app.screen.article is not None)
        view = app.screen.query_one(ArticleView)
        drawn = [view.render_line(y).text for y in range(view.content_region.height)]
        for text in (row, *drawn):
            assert not any(c in text for c in "\x1b\x07\x9b\u202e"), repr(text)
        assert any("Body x\ufffd]0;pwned" in line for line in drawn)  # one for one: offsets hold


async def test_highlights_cover_exactly_the_name_after_wide_characters(
        library, tmp_path, monkeypatch):
    hostile_library(library, tmp_path, monkeypatch)
    app = make_app(library)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_app(pilot)
        app.push_screen(ReaderScreen(library, [1], 0, ["Blinken"]))
        await settle(pilot, lambda: isinstance(app.screen, ReaderScreen)
                     and app.screen.article is not None and app.screen.annotations)
        view = app.screen.query_one(ArticleView)
        y = next(y for y, line in enumerate(view.lines) if "Blinken" in line.text)
        line = view.lines[y]
        assert line.text.startswith(WIDE)  # the wide characters are on the same line

        def assert_covers(name: str, kinds: tuple[str, ...]) -> None:
            row = next(y for y, line in enumerate(view.lines) if name in line.text)
            strip = view._line_strip(row)
            # Compared without their meta (mouse offsets, which differ per cell).
            styles = [(s.style.color, s.style.bgcolor, s.style.bold) for s in strip for _ in s.text]
            start = strip.text.index(name)
            style = view._style(kinds)
            expected = (style.color, style.bgcolor, style.bold)
            assert all(style == expected for style in styles[start:start + len(name)]), name
            assert styles[start - 1] != expected
            assert (styles[start + len(name):] or [None])[0] != expected

        assert_covers("Antony ", ("person",))
        assert_covers("Blinken", ("person", "hit"))
        assert_covers("Tatiana", ("highlight", "person"))
        # And on screen: the name starts at the cell after the wide text's cells.
        x = line_offset(view, "Antony Blinken")
        assert x is not None
        prefix = line.text[:line.text.index("Antony")]
        assert x.x - view.content_region.x - 1 == view._indent + cell_len(prefix)


def test_add_dialog_summary_spells_out_file_names():
    report = IngestReport(skipped=[Skip("/tmp/evil\x1b]0;pwned\x07.txt", "empty file"),
                                   Skip("/tmp/[@click=app.quit]q.txt", "empty file")])
    text = str(summary(report))
    assert "\x1b" not in text and "evil\\x1b]0;pwned\\x07.txt: empty file" in text
    assert "[@click=app.quit]q.txt" in text


async def test_hostile_queries_in_the_search_box_never_crash(library, tmp_path, monkeypatch):
    from tests.samples import HOSTILE_QUERIES

    app = make_app(hostile_library(library, tmp_path, monkeypatch))
    async with app.run_test(size=(100, 30)) as pilot:
        await open_app(pilot)
        screen = app.screen
        search_box = screen.query_one("#library-search")
        for query in HOSTILE_QUERIES:
            search_box.value = query
            await settle(pilot, lambda: screen.shown is not None
                         and screen.shown.query == screen.search_text)
            status = str(screen.query_one("#library-status").content)
            assert "\x1b" not in status and "\x00" not in status
        assert app.is_running and isinstance(app.screen, LibraryScreen)


async def test_the_review_shows_text_literally_and_survives_odd_stored_values(
        library, tmp_path, monkeypatch):
    from tui.screens.review import ReviewScreen

    hostile_library(library, tmp_path, monkeypatch)
    # Another program wrote these: a colour that is not one, a date that is not a date.
    library.conn.execute("UPDATE annotations SET colour = ?, seen = ?, skips = -5 "
                         "WHERE kind = 'highlight'", ("$foo [b]", "yesterday\x1b]0;x\x07"))
    library.conn.commit()
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_app(pilot)
        await pilot.press("R")
        await settle(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.entries)
        about = str(app.screen.query_one("#review-about").render())
        assert f"✎ Why {MARKUP}" in about and "lilac" in about and "\x1b" not in about
        await click_fires_nothing(pilot, static_offset(app.screen.query_one("#review-quote"),
                                                       "Tatiana"))
