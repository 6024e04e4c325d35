"""Loading an article for the reader, off the UI thread: its text laid out first, its names
after, each posted to the screen as a message."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field

from textual.message import Message
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ..folding import term_spans
from ..models import Article, EntitySpan, Span
from ..segment import Prepared, prepare
from ..storage import Library
from ..widgets.entity_panel import Choice, entity_options


@dataclass
class Loaded(Message, namespace="reader_screen"):
    """An article (or None: it is gone) came back from the library, ready to show (handled
    by `on_reader_screen_loaded`: the namespace keeps the name it had inside the screen)."""

    article_id: int
    article: Article | None
    hits: list[Span]
    prepared: Prepared
    versions: list[int] = field(default_factory=list)
    """The article's earlier version numbers."""


@dataclass
class EntitiesFound(Message, namespace="reader_screen"):
    """The names of the article just shown, and the entity panel's options for them
    (handled by `on_reader_screen_entities_found`)."""

    article_id: int
    spans: list[EntitySpan]
    options: tuple[list[Option], list[Choice]]
    title_spans: list[EntitySpan]


def load_article(library: Library, article_id: int, terms: Sequence[str],
                 measure: int | Future[int], post: Callable[[Message], object]) -> None:
    """Fetch an article and lay it out, then find its names; in a worker.

    The text is posted first (`Loaded`), the names after (`EntitiesFound`): sentences,
    wrapping, search hits and the panel's options cost time in proportion to the article,
    and all of it is done here. Nothing is posted once the worker is cancelled.

    Args:
        library: where the article is read.
        article_id: the article.
        terms: the search terms to find in it.
        measure: the view's `measure`, or its `measured` future while the view has no size
            yet (0, or no size within half a second: the view wraps the text itself).
        post: posts a message to the screen.
    """
    worker = get_current_worker()
    article = library.articles.get(article_id)
    hits = term_spans(article.body, terms) if article else []
    if isinstance(measure, Future):
        try:
            measure = measure.result(timeout=0.5)
        except TimeoutError:
            measure = 0
    prepared = prepare(article, measure)
    versions = [v.number for v in library.articles.versions(article_id)] if article else []
    if worker.is_cancelled:
        return
    post(Loaded(article_id, article, hits, prepared, versions))
    if article is None:
        return
    spans = sorted(library.entities.for_article(article_id), key=lambda s: s.start)
    in_title = library.entities.in_title(article_id)
    options = entity_options(spans + in_title)
    if not worker.is_cancelled:
        post(EntitiesFound(article_id, spans, options, in_title))
