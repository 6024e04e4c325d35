"""Notes, highlights, tags and quote copy in the reader, driven with Pilot."""

from __future__ import annotations

import pytest

from tests.conftest import SEED_TITLE, make_article, open_reader, settle, to_sentence
from tests.samples import BILLION
from tui.app import make_app
from tui.screens.library import LibraryScreen
from tui.screens.notes_dialogs import QuoteScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.article_view import ArticleView


async def test_y_copies_the_sentence_with_its_citation(seeded, monkeypatch):
    app = make_app(seeded)
    said = []
    monkeypatch.setattr(app, "notify", lambda message, **kw: said.append(message))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        reader, view = await open_reader(pilot)
        await to_sentence(pilot, view, BILLION)
        await pilot.press("y")
        await settle(pilot, lambda: app.clipboard)
        assert BILLION in app.clipboard and SEED_TITLE in app.clipboard
        assert app.clipboard.startswith("> ")
        # No tmux and no display here (as over SSH): sent to the terminal, and said so, with no
        # dialog to close after every copy.
        await settle(pilot, lambda: said)
        assert said == ["Sent to the terminal (OSC 52), unconfirmed: it reaches your clipboard "
                        "if the terminal allows programs to set it · a saves it as a highlight"]
        assert isinstance(app.screen, ReaderScreen)


@pytest.mark.parametrize("show", ["unconfirmed", "always"])
async def test_the_quote_is_shown_to_copy_by_hand_when_the_config_asks(seeded, show):
    from tui.config import Settings

    app = make_app(seeded, Settings(show_copied=show))
    async with app.run_test(size=(100, 30)) as pilot:
        reader, view = await open_reader(pilot)
        await to_sentence(pilot, view, BILLION)
        await pilot.press("y")
        await settle(pilot, lambda: isinstance(app.screen, QuoteScreen))
        assert BILLION in app.screen.query_one("#quote-text").text
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_selection_by_sentences_then_highlight_with_a_note(seeded):
    app = make_app(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        reader, view = await open_reader(pilot)
        await pilot.press("v", "j", "j")
        start, end = reader.passages.passage()
        assert start == view.sentences[0].start and end == view.sentences[2].end
        assert view.spans("selection") == [(start, end)]
        await pilot.press("a")
        await pilot.press(*"key context", "enter")
        await settle(pilot, lambda: reader.annotations)
        [highlight] = seeded.notes.annotations(reader.article.id)
        assert (highlight.start, highlight.end, highlight.text) == (start, end, "key context")
        assert view.spans("highlight") == [(start, end)]
        assert view.spans("selection") == []
        assert "key context" in str(reader.query_one("#reader-notes").content)


async def test_tags_and_article_note(seeded):
    app = make_app(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        reader, view = await open_reader(pilot)
        await pilot.press("t")
        await settle(pilot, lambda: app.screen.__class__.__name__ == "TagScreen")
        await pilot.press(*"trade, Mexico Talks", "enter")
        await settle(pilot, lambda: reader.tags)
        assert seeded.notes.article_tags(reader.article.id) == ["Mexico-Talks", "trade"]
        await pilot.press("t")
        await settle(pilot, lambda: app.screen.__class__.__name__ == "TagScreen")
        await pilot.press(*"-trade", "enter")
        await settle(pilot, lambda: reader.tags == ["Mexico-Talks"])
        await pilot.press("m")
        await settle(pilot, lambda: app.screen.__class__.__name__ == "NoteScreen")
        await pilot.press(*"Follow up with Reuters", "ctrl+s")
        await settle(pilot, lambda: any(a.kind == "note" for a in reader.annotations))
        assert "Follow up with Reuters" in str(reader.query_one("#reader-notes").content)
        assert "# Mexico-Talks" in str(reader.query_one("#reader-notes").content)


async def test_hash_words_in_the_article_note_become_tags_as_in_the_cli(seeded):
    """Issue 24: `#follow-up` in an `m` note became no tag in the app (the highlight dialog
    split #words itself; the note dialog did not). Both go through tui.api now."""
    from tui import api

    app = make_app(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        reader, view = await open_reader(pilot)
        await pilot.press("m")
        await settle(pilot, lambda: app.screen.__class__.__name__ == "NoteScreen")
        await pilot.press(*"Compare with the 2013 talks #follow-up", "ctrl+s")
        await settle(pilot, lambda: any(a.kind == "note" for a in reader.annotations))
        [note] = [a for a in seeded.notes.annotations(reader.article.id) if a.kind == "note"]
        assert note.tags == ["follow-up"] and note.text == "Compare with the 2013 talks"
        assert [n.id for n in api.notes(seeded, tag="follow-up")] == [note.id]
        # Editing it adds the new #words, as `newsreader note` does.
        await pilot.press("m")
        await settle(pilot, lambda: app.screen.__class__.__name__ == "NoteScreen")
        await pilot.press("end", *" #trade", "ctrl+s")
        await settle(pilot, lambda: seeded.notes.annotation(note.id).tags == ["follow-up", "trade"])
        # A highlight's note follows the same rule.
        await pilot.press("a")
        await settle(pilot, lambda: app.screen.__class__.__name__ == "HighlightScreen")
        await pilot.press(*"why it matters #trade", "enter")
        await settle(pilot, lambda: any(a.kind == "highlight" for a in reader.annotations))
        [highlight] = [a for a in seeded.notes.annotations(reader.article.id)
                       if a.kind == "highlight"]
        assert highlight.tags == ["trade"] and highlight.text == "why it matters"


async def test_copy_then_a_saves_what_was_copied(seeded):
    app = make_app(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        reader, view = await open_reader(pilot)
        await pilot.press("j", "Y")
        await settle(pilot, lambda: app.clipboard)
        await pilot.press("k", "a", "enter")
        await settle(pilot, lambda: reader.annotations)
        [highlight] = seeded.notes.annotations(reader.article.id)
        paragraph = view.sentences[1].paragraph
        assert all(s.paragraph == paragraph for s in view.sentences
                   if highlight.start <= s.start < highlight.end)


async def test_library_tags_tag_list_and_notebook(seeded):
    from tui.screens.notebook import NotebookScreen

    seeded.articles.upsert([make_article("Other story", "Nothing about trade here.",
                                         published="2020-01-01")])
    article = seeded.articles.get(1)
    start = article.body.index(BILLION)
    seeded.notes.add_highlight(1, start, start + len(BILLION), text="the money line")
    app = make_app(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen)
                     and app.screen.shown is not None)
        library_screen = app.screen
        await pilot.press("t")
        await settle(pilot, lambda: app.screen.__class__.__name__ == "TagScreen")
        await pilot.press(*"borders", "enter")
        await settle(pilot, lambda: seeded.notes.article_tags(library_screen.article_list.current_id))
        await pilot.press("T")
        await settle(pilot, lambda: app.screen.__class__.__name__ == "TagListScreen")
        await pilot.press("enter")
        await settle(pilot, lambda: library_screen.shown.query == "tag:borders")
        assert library_screen.article_list.ids == [library_screen.article_list.current_id]
        await pilot.press("escape", "n")
        await settle(pilot, lambda: isinstance(app.screen, NotebookScreen) and app.screen.entries)
        [entry] = app.screen.entries
        assert entry.text == "the money line" and entry.article_title == SEED_TITLE
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, ReaderScreen)
                     and app.screen.article is not None)
        view = app.screen.query_one(ArticleView)
        assert view.current_sentence_text.startswith(BILLION)
        assert "the money line" in str(app.screen.query_one("#reader-notes").content)


async def test_palette_goes_to_a_tag(seeded):
    seeded.notes.tag_articles([1], ["diplomacy"])
    app = make_app(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen)
                     and app.screen.shown is not None)
        await pilot.press("ctrl+p", *"diplomcy")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen)
                     and app.screen.shown.query == "tag:diplomacy")


async def test_a_mouse_selection_can_be_highlighted(seeded):
    from textual.geometry import Offset
    from textual.selection import Selection

    app = make_app(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        reader, view = await open_reader(pilot)
        first_body = next(n for n, line in enumerate(view.lines) if line.role == "body")
        line = view.lines[first_body]
        reader.selections = {view: Selection(Offset(4, first_body), Offset(17, first_body))}
        await pilot.pause()
        assert view.selection_span() == (line.start + 4, line.start + 17)
        assert reader.article.body[line.start + 4:line.start + 17] == "United States"
        await pilot.press("a", "enter")
        await settle(pilot, lambda: reader.annotations)
        [highlight] = seeded.notes.annotations(reader.article.id)
        assert highlight.quote == "United States"


async def test_highlight_tags_and_notebook_filters_by_tag_and_name(seeded):
    from tui.screens.notebook import NotebookScreen

    app = make_app(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        reader, view = await open_reader(pilot)
        await pilot.press("a", *"opening line #lede", "enter")
        await settle(pilot, lambda: reader.annotations)
        [highlight] = seeded.notes.annotations(reader.article.id)
        assert (highlight.text, highlight.tags) == ("opening line", ["lede"])
        await pilot.press("q")
        await settle(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await pilot.press("n")
        await settle(pilot, lambda: isinstance(app.screen, NotebookScreen) and app.screen.entries)
        notebook = app.screen
        for query, count in (("tag:lede", 1), ("tag:other", 0), ("person:clouthir", 1),
                             ("person:nobody", 0), ("opening", 1)):
            notebook.query_one("#notebook-filter").value = query
            await settle(pilot, lambda: len(notebook.entries) == count)
            assert len(notebook.entries) == count, query
