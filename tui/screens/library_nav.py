"""Where the library screen leads: the reader, the add dialog, the notebook, review, the top
entities and the tag list. Each opens its screen and, when it closes, brings back to the
library what it chose (an article, a search) or what it changed (rows read again).
LibraryScreen binds the keys and calls these."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import api

if TYPE_CHECKING:
    from .library import LibraryScreen


def open_reader(screen: LibraryScreen, ids: list[int], index: int) -> None:
    """Read `ids[index]` (the reader moves through `ids`); back in the list, the cursor is on
    the article read last."""
    try:
        from .reader import ReaderScreen
    except ModuleNotFoundError as exc:
        if exc.name != f"{__package__}.reader":
            raise
        screen.notify("The reader is not part of this build yet.", severity="warning")
        return

    def done(last: int | None) -> None:
        if last is not None and 0 <= last < len(ids):
            screen.article_list.select_article(ids[last])
        screen.article_list.invalidate()

    shown = screen.shown
    terms, query = (shown.terms, shown.query) if shown else ([], "")
    screen.app.push_screen(ReaderScreen(screen.library, ids, index, list(terms), query=query),
                           done)


def open_add(screen: LibraryScreen) -> None:
    """The add dialog; the list is read again after it."""
    from .add import AddArticlesScreen

    def done(_added: int | None) -> None:
        screen.reload(keep=screen.article_list.current_id, invalidate=True)
        screen.welcome.check()

    screen.app.push_screen(AddArticlesScreen(screen.library), done)


def open_review(screen: LibraryScreen) -> None:
    from .review import ReviewScreen

    screen.app.push_screen(ReviewScreen(screen.library))


def open_notebook(screen: LibraryScreen) -> None:
    """The notebook; the rows are read again after it (notes may have changed tags)."""
    from .notebook import NotebookScreen

    screen.app.push_screen(NotebookScreen(screen.library),
                           lambda _: screen.reload(keep=screen.article_list.current_id,
                                                   invalidate=True))


def open_entities(screen: LibraryScreen) -> None:
    """The top entities; the one picked is searched."""
    from .entities import EntitiesScreen, entity_query

    def done(choice: tuple[str, str] | None) -> None:
        if choice:
            screen.show_query(entity_query(*choice))

    screen.app.push_screen(EntitiesScreen(screen.library), done)


def open_tag_list(screen: LibraryScreen) -> None:
    """Count the tags (in a worker), list them; the one picked is searched."""
    from .notes_dialogs import TagListScreen

    def count() -> None:
        tags = api.tags(screen.library)
        screen.app.call_from_thread(screen.app.push_screen, TagListScreen(tags),
                                    screen.show_tag)

    screen.run_worker(count, thread=True, group="tags", exit_on_error=False)
