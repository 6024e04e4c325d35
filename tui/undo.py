"""Undo for what a person changes while reading: star, read, tags, notes and highlights.

Each change goes through `Changes`, which makes it and records its inverse on a bounded stack
(one per app session); `Changes.undo()` applies the last inverse and says what it undid. The
app binds `ctrl+z` to it; the rules live here, free of Textual, so they are tested directly.
Changes and undos run in worker threads: one lock keeps the stack in the order of the writes.
"""

from __future__ import annotations

import threading
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from .text import shorten

if TYPE_CHECKING:
    from .storage import Library

LIMIT = 50
"""Changes kept per session (the oldest go first)."""
TITLE_CHARS = 40

_FLAG_WORDS = {("starred", True): "starring", ("starred", False): "unstarring",
               ("read", True): "marking {} read", ("read", False): "marking {} unread"}

R = TypeVar("R")


@dataclass
class Undo:
    """One recorded change: what it was, in words, and how to reverse it."""

    what: str
    """The change as a phrase: `starring “Blair backs…”`, `marking 37 articles read`."""
    reverse: Callable[[Library], object]
    article_ids: Sequence[int] = ()
    """The articles it touched (screens showing them refresh after an undo)."""
    kind: str = "flags"
    """"flags", "tags" or "annotations"."""


@dataclass
class Undone:
    """What `Changes.undo()` did."""

    what: str
    article_ids: Sequence[int]
    kind: str
    left: int
    """Changes still on the stack."""
    missing: bool = False
    """The change's article is gone: there was nothing to put back."""

    @property
    def message(self) -> str:
        """The notice: `Undone: starring “Blair…” (2 more to undo)`."""
        if self.missing:
            return f"Could not undo {self.what}: the article is no longer in the library"
        more = f" ({self.left} more to undo)" if self.left else ""
        return f"Undone: {self.what}{more}"


@dataclass
class Changes:
    """The session's changes to a library, each undoable (see the module's docstring).

    Args:
        library: the library changed.
        limit: how many changes are kept.
    """

    library: Library
    limit: int = LIMIT
    _stack: deque[Undo] = field(init=False)
    _lock: threading.Lock = field(init=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._stack = deque(maxlen=self.limit)

    def __len__(self) -> int:
        return len(self._stack)

    @property
    def last(self) -> str | None:
        """What `undo()` would undo now, or None."""
        with self._lock:
            return self._stack[-1].what if self._stack else None

    def _title(self, article_id: int) -> str:
        article = self.library.articles.get(article_id)
        if article is None:
            return f"article {article_id}"
        return f"“{shorten(article.title, TITLE_CHARS)}”"

    def _target(self, ids: Sequence[int]) -> str:
        return self._title(ids[0]) if len(ids) == 1 else f"{len(ids):,} articles"

    # -- changes -------------------------------------------------------------------------------

    def set_flag(self, ids: Sequence[int], flag: str, value: bool) -> int:
        """Set `read` or `starred` on articles; only those it changes are recorded.

        Returns:
            How many articles changed.
        """
        with self._lock:
            # Only the ids are kept (8 bytes each: a million marked read is 8 MB to undo);
            # each of them had the other value.
            before = self.library.marks.flags_of(ids, flag)
            changed = array("q", (i for i, old in before.items() if old != value))
            if not changed:
                return 0
            self.library.marks.set_flags(changed, flag, value)
            words = _FLAG_WORDS[(flag, value)]
            target = self._target(changed)
            what = words.format(target) if "{}" in words else f"{words} {target}"
            self._stack.append(Undo(
                what, lambda library: library.marks.set_flags(changed, flag, not value),
                changed, "flags"))
            return len(changed)

    def retag(self, ids: Sequence[int], add: Iterable[str] = (),
              remove: Iterable[str] = ()) -> dict[int, list[str]]:
        """Add and remove article tags (`tui.api.tag`); what changed is recorded.

        Returns:
            Each article's tags afterwards.

        Raises:
            LibraryError: an unknown article or an unusable tag name.
        """
        from . import api

        add, remove = list(add), list(remove)
        with self._lock:
            before = self.library.notes.tags_of(ids)
            if add:  # `newsreader tag` calls the same function
                api.tag(self.library, ids, add)
            if remove:
                api.tag(self.library, ids, remove, remove=True)
            after = self.library.notes.tags_of(ids)
            gained, lost = {}, {}
            for article_id, tags in after.items():
                old = before.get(article_id, [])
                old_keys, new_keys = {t.casefold() for t in old}, {t.casefold() for t in tags}
                gained[article_id] = [t for t in tags if t.casefold() not in old_keys]
                lost[article_id] = [t for t in old if t.casefold() not in new_keys]
            changed = tuple(i for i in after if gained[i] or lost[i])
            if changed:
                plus = sorted({t for i in changed for t in gained[i]}, key=str.casefold)
                minus = sorted({t for i in changed for t in lost[i]}, key=str.casefold)
                words = " ".join([f"+{t}" for t in plus] + [f"-{t}" for t in minus])

                def reverse(library: Library) -> None:
                    for article_id in changed:
                        if gained[article_id]:
                            library.notes.untag_articles([article_id], gained[article_id])
                        if lost[article_id]:
                            library.notes.tag_articles([article_id], lost[article_id])

                self._stack.append(Undo(f"tags {words} on {self._target(changed)}", reverse,
                                        changed, "tags"))
            return after

    def add_highlight(self, article_id: int, start: int, end: int, **kwargs: Any) -> int:
        """`tui.api.add_highlight` (text with its `#words`, tags, colour), recorded: undoing it
        deletes the highlight."""
        from . import api

        return self._created(article_id, "the highlight", lambda library: api.add_highlight(
            library, article_id, start, end, **kwargs))

    def add_note(self, article_id: int, text: str, **kwargs: Any) -> int:
        """`tui.api.add_note` (its `#words` become tags), recorded: undoing it deletes the
        note."""
        from . import api

        return self._created(article_id, "the note", lambda library: api.add_note(
            library, article_id, text, **kwargs))

    def edit_note(self, annotation_id: int, text: str) -> None:
        """`tui.api.edit_note` (its `#words` are added to its tags), recorded: undoing it puts
        back what was."""
        from . import api

        self.edit_annotation(annotation_id, "editing",
                             lambda library: api.edit_note(library, annotation_id, text))

    def _created(self, article_id: int, noun: str, make: Callable[[Library], int]) -> int:
        with self._lock:
            annotation_id = make(self.library)

            def reverse(library: Library) -> None:
                library.marks.remove_annotation(annotation_id)  # already gone: nothing to do

            self._stack.append(Undo(f"{noun} on {self._title(article_id)}", reverse,
                                    (article_id,), "annotations"))
            return annotation_id

    def update_annotation(self, annotation_id: int, **changes: Any) -> None:
        """`Library.update_annotation` (text, tags), recorded: undoing it puts back what was."""
        self.edit_annotation(annotation_id, "editing",
                             lambda library: library.notes.update_annotation(annotation_id, **changes))

    def delete_annotation(self, annotation_id: int) -> None:
        """`Library.delete_annotation`, recorded: undoing it restores the note or highlight
        whole (same id, text, place, tags and dates)."""
        self.edit_annotation(annotation_id, "deleting",
                             lambda library: library.notes.delete_annotation(annotation_id))

    def edit_annotation(self, annotation_id: int, verb: str,
                        change: Callable[[Library], R]) -> R:
        """Make any change to one annotation (`change(library)`), recorded as `verb` ("editing",
        "recolouring"...): undoing it puts the annotation back as it was before.

        Raises:
            LibraryError: no such annotation, or what `change` raises (nothing is recorded).
        """
        with self._lock:
            snapshot = self.library.marks.annotation_snapshot(annotation_id)
            result = change(self.library)
            if snapshot is not None:
                noun = "highlight" if snapshot["kind"] == "highlight" else "note"
                article_id = snapshot["article_id"]
                self._stack.append(Undo(
                    f"{verb} the {noun} on {self._title(article_id)}",
                    lambda library: library.marks.restore_annotation(snapshot),
                    (article_id,), "annotations"))
            return result

    # -- undo ----------------------------------------------------------------------------------

    def undo(self) -> Undone | None:
        """Reverse the last change recorded; None when there is none.

        Raises:
            LibraryError: the library could not be written (the change stays on the stack, so
                the next undo tries it again).
        """
        with self._lock:
            if not self._stack:
                return None
            entry = self._stack.pop()
            try:
                done = entry.reverse(self.library)
            except BaseException:
                self._stack.append(entry)
                raise
            return Undone(entry.what, entry.article_ids, entry.kind, len(self._stack),
                          missing=done is False)
