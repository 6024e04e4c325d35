"""The README's key tables agree with the live bindings (help is built from the same ones)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.app import NewsReader
from tui.screens.add import AddArticlesScreen
from tui.screens.entities import EntitiesScreen
from tui.screens.help import HelpScreen
from tui.screens.highlight_dialog import HighlightScreen
from tui.screens.library import LibraryScreen
from tui.screens.notebook import NotebookScreen
from tui.screens.notes_dialogs import NoteScreen, QuoteScreen, TagInput, TagListScreen, TagScreen
from tui.screens.pipe import PipeOutputScreen
from tui.screens.reader import ReaderScreen
from tui.screens.review import ReviewScreen
from tui.screens.url import UrlScreen
from tui.screens.versions import VersionScreen
from tui.widgets.article_list import ArticleList

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()
NAMES = {"slash": "/", "vertical_line": "|", "greater_than_sign": ">", "less_than_sign": "<",
         "left_parenthesis": "(", "right_parenthesis": ")", "question_mark": "?", "right_square_bracket": "]",
         "left_square_bracket": "[", "right_curly_bracket": "}", "left_curly_bracket": "{"}
CLASSES = [NewsReader, LibraryScreen, ArticleList, ReaderScreen, UrlScreen, AddArticlesScreen,
           HelpScreen, NoteScreen, TagScreen, QuoteScreen, TagListScreen, NotebookScreen,
           EntitiesScreen, TagInput, VersionScreen, PipeOutputScreen, HighlightScreen,
           ReviewScreen]


def readme_keys() -> dict[str, set[str]]:
    """Binding id -> the keys the README's key tables give it."""
    table = README.split("## Keys", 1)[1].split("\n## ", 1)[0]
    found: dict[str, set[str]] = {}
    for row in re.findall(r"^\| (.+?) \| .+? \| (.+?) \|$", table, re.M):
        keys, ids = row
        # A `|` in a table cell is written `\|` (GitHub's tables), even inside code.
        key_groups = [{k.replace("\\|", "|") for k in re.findall(r"`([^`]+)`", group)}
                      for group in keys.split(" / ")]
        id_list = re.findall(r"`([^`]+)`", ids)
        if len(key_groups) != len(id_list):
            key_groups = [set(re.findall(r"`([^`]+)`", keys))]
        for binding_id, group in zip(id_list, key_groups, strict=False):
            if binding_id == "library.saved_N":
                for n in range(1, 10):
                    found[f"library.saved_{n}"] = {str(n)}
            else:
                found[binding_id] = group
    return found


def bindings() -> list[tuple[str, set[str]]]:
    return [(b.id, {NAMES.get(k.strip(), k.strip()) for k in b.key.split(",")})
            for cls in CLASSES for b in cls.BINDINGS if b.id]


@pytest.mark.parametrize("binding_id, keys", bindings(), ids=[b[0] for b in bindings()])
def test_every_binding_is_in_the_readme_with_its_keys(binding_id, keys):
    documented = readme_keys()
    assert binding_id in documented, f"README's Keys section lacks {binding_id}"
    assert documented[binding_id] == keys


def test_readme_documents_no_binding_that_does_not_exist():
    live = {binding_id for binding_id, _ in bindings()}
    assert set(readme_keys()) <= live
