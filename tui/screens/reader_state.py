"""What the reader's parts read of the open article: the screen holds it, they are given it."""

from __future__ import annotations

from typing import Protocol

from ..models import Annotation, Article


class OpenArticle(Protocol):
    """The article the reader shows, with its notes and tags as last read from the library
    (`ReaderScreen` is one: it loads them; its parts read them)."""

    article: Article | None
    """None while the next article loads, or when it is gone."""
    annotations: list[Annotation]
    """Its notes and highlights."""
    tags: list[str]
    """Its tags."""
