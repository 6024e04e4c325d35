"""At 80 columns (issue 16): status lines fit, titles get the width, help wraps under its
indent, and `newsreader search` wraps its snippets inside the terminal."""

from __future__ import annotations

import json
import re

import pytest
from rich.cells import cell_len

from tests.conftest import lines, make_article, settle
from tests.samples import fill_politics
from tui.app import make_app
from tui.screens.help import KEYS_WIDTH, HelpScreen
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.status_line import cut_words, fit_status


@pytest.fixture(autouse=True)
def no_polling(monkeypatch):
    monkeypatch.setattr(LibraryScreen, "POLL_SECONDS", 0)


def test_fit_status_shortens_the_least_useful_part_first_and_never_cuts_a_word():
    parts = [("12 matches",), ("3 ms", ""), ("best match first", ""),
             ("showing results for mourinho (no article has mourinio)",)]
    assert fit_status(parts, 200, order=[1, 2]) == \
        "12 matches  ·  3 ms  ·  best match first  ·  showing results for mourinho " \
        "(no article has mourinio)"
    assert fit_status(parts, 78, order=[1, 2]) == \
        "12 matches · showing results for mourinho (no article has mourinio)"
    cut = fit_status(parts, 40, order=[1, 2])
    assert cut == "12 matches · showing results for…" and cell_len(cut) <= 40
    assert cut_words("a verylongword", 5) == "a…"


async def test_the_search_status_line_fits_80_columns_with_its_notice_whole(library):
    fill_politics(library)
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        await pilot.press("slash", *"Mourinio")
        await settle(pilot, lambda: app.screen.shown.query == "Mourinio")
        status = app.screen.query_one("#library-status")
        text = str(status.content)
        assert cell_len(text) <= status.content_region.width
        assert "showing results for mourinho (no article has mourinio)" in text
        assert text.startswith("3 matches")


async def test_titles_get_the_width_the_missing_source_column_leaves(library):
    long_title = "A title that runs on well past forty-four cells of width"
    library.articles.upsert([make_article(long_title, "Body.", published="2021-01-01")])
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.screen.query_one(ArticleList).current_row is not None)
        [line] = lines(app.screen.query_one(ArticleList), 1)
        assert long_title in line and "2021-01-01" in line


async def test_the_reader_status_quotes_the_search_as_typed(library):
    fill_politics(library)
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        await pilot.press("slash", *"Mourinio")
        await settle(pilot, lambda: app.screen.shown.query == "Mourinio")
        await pilot.press("enter", "enter")
        await settle(pilot, lambda: isinstance(app.screen, ReaderScreen)
                     and app.screen.article is not None)
        status = app.screen.query_one("#reader-status")
        text = str(status.content)
        assert "1 hit for “Mourinio”" in text, text
        assert cell_len(text) <= status.content_region.width


def help_lines(app) -> list[str]:
    return str(app.screen.query_one("#help-text").content).splitlines()


def section_of(help_text: list[str], label: str) -> str:
    """The section heading above the line that holds `label`."""
    section = ""
    for line in help_text:
        if line and not line.startswith(" ") and line.strip() in (
                "Actions", "Moving around", "Everywhere"):
            section = line.strip()
        if label in line:
            return section
    raise AssertionError(f"{label!r} is not in the help")


@pytest.mark.parametrize("where", ["library", "reader"])
async def test_help_wraps_under_its_indent_and_groups_each_key_rightly(library, where):
    fill_politics(library, 3)
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.screen.shown is not None)
        if where == "reader":
            await pilot.press("enter")
            await settle(pilot, lambda: isinstance(app.screen, ReaderScreen)
                         and app.screen.article is not None)
        await pilot.press("question_mark")
        await settle(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = help_lines(app)
        width = app.screen.query_one("#help-text").content_region.width
        assert all(cell_len(line) <= width for line in text)
        heading = re.compile(r"^(Actions|Moving around|Everywhere)$")
        keys_end = next(n for n, line in enumerate(text)
                        if line and not line.startswith(" ") and not heading.match(line))
        # Each line of the key list: a heading, a key right-aligned in its column and then
        # its description, or a description's wrapped line, under the description.
        entry = re.compile(rf"^(?=.{{{KEYS_WIDTH}}}  \S) *\S")
        for line in text[:keys_end]:
            assert not line or heading.match(line) or entry.match(line) or (
                line.startswith(" " * (KEYS_WIDTH + 2)) and line[KEYS_WIDTH + 2] != " "), line
        if where == "library":
            # A wrapped description starts under the description, not at the margin.
            at = next(n for n, line in enumerate(text) if "Fetch new entries" in line)
            assert text[at + 1].startswith(" " * (KEYS_WIDTH + 2)) and text[at + 1].strip()
            assert section_of(text, "Sort newest first") == "Actions"
            assert section_of(text, "Mark the highlighted article read") == "Actions"
            assert section_of(text, "Page down") == "Moving around"
            assert section_of(text, "Focus Next") == "Everywhere"
            assert section_of(text, "Copy selected text") == "Everywhere"
            # The query help's examples keep their column when a description wraps.
            at = next(n for n, line in enumerate(text) if "person:blinken" in line)
            column = text[at].index("naming")
            assert text[at + 1].startswith(" " * column) and text[at + 1].strip()
        else:
            assert section_of(text, "Jump to the next name") == "Moving around"
            assert section_of(text, "Mark read or unread") == "Actions"
            assert section_of(text, "Show or hide the entity colours") == "Actions"


def test_cli_search_wraps_snippets_under_their_indent(run, tmp_path, monkeypatch):
    body = " ".join(f"Sentence {n} mentions the harbour master and the tides." for n in range(9))
    path = tmp_path / "harbour.txt"
    path.write_text("Harbour news\n\n" + body + "\n")
    run("add", str(path))
    monkeypatch.setenv("COLUMNS", "50")
    result = run("search", "harbour")
    output = result.stdout.splitlines()
    assert output[0].endswith("Harbour news")
    snippet = output[1:]
    assert len(snippet) > 2
    assert all(line.startswith(" " * 8) and line[8] != " " for line in snippet)
    assert all(cell_len(line) < 50 for line in snippet)
    joined = " ".join(line.strip() for line in snippet)
    assert "Sentence 0 mentions the harbour master" in joined
    monkeypatch.setenv("COLUMNS", "200")
    assert len(run("search", "harbour").stdout.splitlines()) == 2
    monkeypatch.setenv("COLUMNS", "50")
    [hit] = json.loads(run("search", "harbour", "--json").stdout)["results"]
    assert "\n" not in hit["snippet"] and len(hit["snippet"]) > 100  # --json is not wrapped
