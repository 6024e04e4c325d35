"""Screens of the newsreader app."""

from __future__ import annotations


def bindings_by_screen() -> dict[str, list[tuple[str, str]]]:
    """Screen name -> `(binding id, default keys)` of every binding active on it: the app's,
    the screen's and its widgets' (to check a `[keys]` table: `config.keymap_problems`).
    Imports every screen: call it off start-up's path."""
    from textual.binding import Binding

    from ..app import NewsReader
    from ..widgets.article_list import ArticleList
    from .add import AddArticlesScreen
    from .confirm import ConfirmScreen
    from .entities import EntitiesScreen
    from .help import HelpScreen
    from .highlight_dialog import HighlightScreen
    from .library import LibraryScreen
    from .notebook import NotebookScreen
    from .notes_dialogs import NoteScreen, QuoteScreen, TagListScreen, TagScreen
    from .pipe import PipeOutputScreen
    from .prompt import PromptScreen
    from .reader import ReaderScreen
    from .review import ReviewScreen
    from .sources import SourcesScreen
    from .url import UrlScreen

    screens = {
        "library": (LibraryScreen, ArticleList), "reader": (ReaderScreen,),
        "notebook": (NotebookScreen,), "help": (HelpScreen,), "add": (AddArticlesScreen,),
        "top entities": (EntitiesScreen,), "note": (NoteScreen,), "tags": (TagScreen,),
        "quote": (QuoteScreen,), "tag list": (TagListScreen,), "prompt": (PromptScreen,),
        "URL": (UrlScreen,), "confirm": (ConfirmScreen,), "sources": (SourcesScreen,),
        "pipe output": (PipeOutputScreen,),
        "highlight": (PromptScreen, HighlightScreen), "review": (ReviewScreen,),
    }
    return {name: [(b.id, b.key) for cls in (NewsReader, *classes) for b in cls.BINDINGS
                   if isinstance(b, Binding) and b.id]
            for name, classes in screens.items()}
