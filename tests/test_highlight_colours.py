"""Highlights that come back: colours, resizing by a sentence, copying them all."""

from __future__ import annotations

import pytest

from tests.conftest import SEED_TITLE, make_article, open_reader, settle, to_sentence
from tests.samples import BILLION
from tui.app import make_app
from tui.export import article_markdown
from tui.highlights import COLOURS, highlights_markdown, resize
from tui.screens.highlight_dialog import HighlightScreen
from tui.screens.notebook import NotebookScreen

SENTENCES = [(0, 10), (11, 20), (21, 30), (31, 40)]


def test_resize_by_a_sentence_at_either_end():
    assert resize(SENTENCES, (11, 20), "end", 1) == (11, 30)
    assert resize(SENTENCES, (11, 30), "end", -1) == (11, 20)
    assert resize(SENTENCES, (11, 20), "start", 1) == (0, 20)
    assert resize(SENTENCES, (0, 20), "start", -1) == (11, 20)
    assert resize(SENTENCES, (11, 20), "end", -1) is None  # nothing would be left
    assert resize(SENTENCES, (31, 40), "end", 1) is None  # no sentence after
    assert resize(SENTENCES, (0, 10), "start", 1) is None
    assert resize(SENTENCES, (13, 18), "end", 1) == (11, 30)  # snapped to sentences


def test_colour_is_stored_exported_and_checked(library):
    [(_, article_id)] = library.articles.upsert([make_article(
        title="T", body="One sentence here. Two sentences here.", url="https://e.com/t")])
    first = library.notes.add_highlight(article_id, 0, 18, colour="green", text="why")
    library.notes.add_highlight(article_id, 19, 38)
    notes = library.notes.annotations(article_id)
    assert [n.colour for n in notes] == ["green", COLOURS[0]]
    text = article_markdown(library.articles.get(article_id), [], notes)
    assert "> One sentence here.\n\nColour: green\n\nwhy" in text
    assert text.count("Colour:") == 1  # the first colour is every old highlight's: not said
    library.highlights.set_colour(first, "red")
    assert library.notes.annotations(article_id)[0].colour == "red"
    from tui.storage import LibraryError
    with pytest.raises(LibraryError, match="not a highlight colour"):
        library.notes.add_highlight(article_id, 0, 3, colour="mauve")
    copied = highlights_markdown(library.articles.get(article_id), library.notes.annotations(article_id))
    assert copied.startswith("## “T”. https://e.com/t\n\n> One sentence here.\n\nColour: red")
    assert "> Two sentences here." in copied


async def test_a_key_per_colour_in_the_highlight_dialog(seeded):  # noqa: F811
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        reader, view = await open_reader(pilot)
        await to_sentence(pilot, view, BILLION)
        await pilot.press("a")
        await settle(pilot, lambda: isinstance(app.screen, HighlightScreen))
        await pilot.press("ctrl+g")
        assert app.screen.colour == "green"
        await pilot.press("ctrl+t", "ctrl+r")
        await pilot.press(*"red one", "enter")
        await settle(pilot, lambda: reader.annotations)
        [note] = reader.annotations
        assert note.colour == "red" and note.text == "red one"
        assert view.spans("highlight-red") == [(note.start, note.end)]
        assert view.spans("highlight") == []


async def test_resize_and_copy_all_from_the_reader(seeded):  # noqa: F811
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        reader, view = await open_reader(pilot)
        await to_sentence(pilot, view, BILLION)
        here = view.current_sentence
        index = view.sentence_index
        await pilot.press("a", "enter")
        await settle(pilot, lambda: reader.annotations)
        await pilot.press("greater_than_sign")
        after = view.sentences[index + 1]
        await settle(pilot, lambda: reader.annotations[0].end == after.end)
        await pilot.press("left_parenthesis")
        before = view.sentences[index - 1]
        await settle(pilot, lambda: reader.annotations[0].start == before.start)
        await pilot.press("right_parenthesis", "less_than_sign")
        await settle(pilot, lambda: (reader.annotations[0].start, reader.annotations[0].end)
                     == (here.start, here.end))
        await pilot.press("C")
        await settle(pilot, lambda: app.clipboard)
        assert app.clipboard.startswith("## ") and SEED_TITLE in app.clipboard
        assert f"> {BILLION}" in app.clipboard


async def test_notebook_filters_by_colour(seeded):  # noqa: F811
    article_id = seeded.articles.list_rows(1)[0].id
    seeded.notes.add_highlight(article_id, 0, 20, colour="green")
    seeded.notes.add_highlight(article_id, 30, 50, colour="teal")
    seeded.notes.add_note(article_id, "a note")
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        app._notebook()
        await settle(pilot, lambda: isinstance(app.screen, NotebookScreen)
                     and len(app.screen.entries) == 3)
        screen = app.screen
        await pilot.press("c")  # lilac: none
        await settle(pilot, lambda: not screen.entries)
        await pilot.press("c")
        await settle(pilot, lambda: [e.colour for e in screen.entries] == ["green"])
        await pilot.press("c", "c")
        await settle(pilot, lambda: [e.colour for e in screen.entries] == ["teal"])
        await pilot.press("c")
        await settle(pilot, lambda: len(screen.entries) == 3)
