"""The library screen's keys, its help text and what it shows when the library is empty."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding, BindingType
from textual.content import Content

from ..help_text import ADD_FORMATS, QUERY_HELP
from ..widgets.welcome import shown_path
from .library_flow import FLOW_BINDINGS

LIBRARY_BINDINGS: list[BindingType] = [
    # Keys that move the focus are priority bindings: the app runs them as each key is
    # read, so the keys after them in one burst (a slow link, a paste) go where they send
    # the focus ("/stats" must not star the article with its 's').
    Binding("slash", "focus_search", "Search", id="library.search", priority=True,
            tooltip="Search titles and text as you type"),
    Binding("escape", "clear_search", "Clear", id="library.clear", priority=True,
            tooltip="Clear the search and go back to the list"),
    Binding("down,enter", "focus_list", "To list", id="library.to_list", priority=True,
            tooltip="Go from the search box to the results"),
    Binding("s", "toggle_flag('starred')", "Star", id="library.star",
            tooltip="Star or unstar the highlighted article"),
    Binding("r", "toggle_flag('read')", "Read/unread", id="library.read", show=False,
            tooltip="Mark the highlighted article read or unread"),
    Binding("S", "sort", "Sort", id="library.sort", show=False,
            tooltip="Sort newest first, oldest first or by title"),
    Binding("n", "notebook", "Notebook", id="library.notebook",
            tooltip="Every highlight and note, searchable"),
    Binding("R", "review", "Review", id="library.review", show=False,
            tooltip="Review today's highlights: keep, skip, tag, open"),
    Binding("t", "tags", "Tags", id="library.tags", show=False,
            tooltip="Add or remove tags on the highlighted article"),
    Binding("T", "tag_list", "Tag list", id="library.tag_list", show=False,
            tooltip="Tags with counts; pick one to list its articles"),
    Binding("u", "update_feeds", "Update feeds", id="library.update_feeds", show=False,
            tooltip="Fetch new entries of every subscribed feed (newsreader feeds add URL)"),
    Binding("E", "entities", "Entities", id="library.entities", show=False,
            tooltip="The people, organisations and places the library mentions most"),
    Binding("a", "add", "Add", id="library.add",
            tooltip="Add articles from a file, a folder or a URL"),
    Binding("ctrl+s", "save_search", "Save search", id="library.save_search",
            tooltip="Save this search; saved searches get keys 1-9"),
    Binding("ctrl+y", "suggestion", "Did you mean", id="library.suggestion",
            tooltip="Search what the status line suggests (did you mean …?)"),
    *[Binding(str(n), f"saved({n})", f"Saved search {n}", id=f"library.saved_{n}",
              show=False) for n in range(1, 10)],
    *FLOW_BINDINGS,
    Binding("q", "quit", "Quit", id="library.quit", tooltip="Quit newsreader"),
]
"""Every key of the library screen (its list's keys are `ArticleList.BINDINGS`)."""

EMPTY = Content.assemble(
    ("Your library is empty.", "bold"), "\n\n", "Add articles from a shell:\n\n",
    ("newsreader add PATH...", "$accent"), "\n\n", "or press ", ("a", "bold $accent"),
    " to add articles here.",
)


def library_help(path: str | Path) -> str:
    """What `?` says on the library screen before the search language: the library file and
    how to add articles."""
    return (f"Your library: {shown_path(path)} (newsreader --db PATH or NEWSREADER_DB chooses "
            f"another).\nAdd articles: a here, or newsreader add PATH|URL in a shell; it reads "
            f"{ADD_FORMATS}.\n\nSearch language (type after /):\n{QUERY_HELP}")
