"""The reader screen is composed, not mixed: it inherits only from Textual, and holds parts
that are given what they use (issue 21)."""

from __future__ import annotations

import inspect

from tui.screens import reader_entities, reader_highlights, reader_leave, reader_notes
from tui.screens.reader import ReaderScreen


def test_the_reader_screen_inherits_nothing_of_ours():
    ours = [cls.__qualname__ for cls in ReaderScreen.__mro__[1:]
            if cls.__module__.startswith("tui.")]
    assert ours == []


def test_the_reader_modules_hold_no_mixin_of_the_screen():
    """Each class in the reader's part modules is a part (its `__init__` names what it is
    given) or a Textual widget, never a bare class using the screen's attributes."""
    from textual.dom import DOMNode

    for module in (reader_entities, reader_highlights, reader_leave, reader_notes):
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or issubclass(cls, DOMNode):
                continue
            assert cls.__init__ is not object.__init__, f"{module.__name__}.{name}"
            assert len(inspect.signature(cls).parameters) >= 1, f"{module.__name__}.{name}"
