"""An article's earlier versions, read as they were (`V` in the reader, then `[` and `]`)."""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState, get_current_worker

from ..annotations import place_in
from ..models import Annotation, Article, Version
from ..segment import Prepared, prepare
from ..storage import Library
from ..text import visible
from ..widgets.article_view import ArticleView


def _key(keys: str, action: str, description: str, name: str, tooltip: str, *,
         show: bool = False, display: str | None = None) -> Binding:
    return Binding(keys, action, description, show=show, key_display=display,
                   id=f"version.{name}", tooltip=tooltip)


def first_version(numbers: list[int], annotations: list[Annotation]) -> int:
    """The version `V` opens: the newest one holding a highlight the current text lost, else
    the newest of all.

    Args:
        numbers: The article's version numbers, oldest first (not empty).
        annotations: The article's annotations.
    """
    held = [a.version for a in annotations if a.orphan and a.version in numbers]
    return max(held) if held else numbers[-1]


class VersionScreen(Screen[None]):
    """Read an earlier version of an article, with the highlights that stand only there.

    Args:
        library: Where the versions are read from (in workers only).
        article: The article as it is now.
        numbers: Its version numbers, oldest first.
        number: The version to open.
        annotations: The article's annotations (orphans pointing at a version are shown in it).
    """

    BINDINGS = [
        _key("j,down", "sentence(1)", "sentence", "next_sentence", "Next sentence",
             show=True, display="j/k"),
        _key("k,up", "sentence(-1)", "previous sentence", "prev_sentence", "Previous sentence"),
        _key("space,pagedown", "page(1)", "page down", "page_down", "Scroll a page down"),
        _key("b,pageup", "page(-1)", "page up", "page_up", "Scroll a page up"),
        _key("g,home", "top", "top", "top", "First sentence"),
        _key("G,end", "bottom", "bottom", "bottom", "Last sentence"),
        _key("left_square_bracket", "step(-1)", "older", "older", "The version before this one",
             show=True, display="["),
        _key("right_square_bracket", "step(1)", "newer", "newer", "The version after this one",
             show=True, display="]"),
        _key("escape,q", "back", "back", "back", "Back to the article as it is now",
             show=True, display="q"),
    ]
    HELP = ("An earlier text of the article, kept when an add replaced it. Highlights whose "
            "passage the current text no longer holds are shown where they stand here.")
    """Shown under the key list by the help screen."""
    DEFAULT_CSS = """
    VersionScreen #version-status {
        dock: top; height: 1; padding: 0 2; background: $warning 30%; color: $text;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    VersionScreen ArticleView { height: 1fr; background: $background; }
    """

    @dataclass
    class Loaded(Message):
        """A version came back from the library, laid out, with its highlights placed."""

        number: int
        version: Version | None
        prepared: Prepared
        highlights: list[tuple[int, int]]

    def __init__(self, library: Library, article: Article, numbers: list[int], number: int,
                 annotations: list[Annotation]) -> None:
        super().__init__()
        self.library = library
        self.article = article
        if article.id is None:
            raise ValueError("an article's versions need the article's id")
        self.article_id: int = article.id
        self.numbers = list(numbers)
        self.number = number
        self.annotations = annotations
        self.version: Version | None = None

    @property
    def current(self) -> int:
        """The number of the article's current text (after its last version)."""
        return self.numbers[-1] + 1

    def compose(self) -> ComposeResult:
        yield Static(Content("Loading…"), id="version-status")
        yield ArticleView(id="version-text")
        yield Footer(show_command_palette=False)

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def on_mount(self) -> None:
        self.view.focus()
        self.load(self.number, self.view.measured)

    @work(thread=True, exclusive=True, group="version", exit_on_error=False)
    def load(self, number: int, measure: int | Future[int] = 0) -> None:
        """Read version `number` and lay it out, off the UI thread."""
        worker = get_current_worker()
        version = self.library.articles.version(self.article_id, number)
        if not isinstance(measure, int):  # the view's `measured` future, on first load
            try:
                measure = measure.result(timeout=0.5)
            except TimeoutError:
                measure = 0
        shown = None if version is None else as_article(self.article, version)
        spans = [] if version is None else [
            span for a in self.annotations if a.orphan and a.version == number
            if (span := place_in(a.quote, a.prefix, a.suffix, version.body)) is not None]
        prepared = prepare(shown, measure)
        if not worker.is_cancelled:
            self.post_message(self.Loaded(number, version, prepared, sorted(spans)))

    def on_version_screen_loaded(self, message: Loaded) -> None:
        if message.number != self.number:
            return
        self.version = message.version
        if message.version is None:
            self.notify("This version is no longer in the library", severity="warning")
        self.view.set_article(message.prepared.article, {"highlight": message.highlights},
                              message.prepared)
        if message.highlights:  # to the first passage the current text lost
            start = message.highlights[0][0]
            self.view.move_sentence(sum(1 for s in self.view.sentences[1:] if s.start <= start))
        self._update_status(len(message.highlights))
        self.refresh_bindings()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "version" and event.state == WorkerState.ERROR:
            self.notify(f"Library error: {event.worker.error}", severity="error", markup=False)

    def _update_status(self, highlights: int) -> None:
        version = self.version
        parts = [f"Version {self.number} of {self.current}"]
        if highlights:  # before the dates: what a narrow terminal must still show
            parts.append(f"{highlights} highlight{'s' if highlights > 1 else ''} only here")
        if version is not None:  # the path last: a narrow terminal cuts it, not the dates
            stored, replaced = version.stored[:10], version.replaced[:10]
            parts.append(stored if stored == replaced else f"{stored} to {replaced}")
            if version.path:
                parts.append(f"from {visible(version.path)}")
        # Paths are untrusted: controls spelt out by `visible`, markup never parsed (Content).
        self.query_one("#version-status", Static).update(Content("  ·  ".join(parts)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step":
            delta = parameters[0] if parameters and isinstance(parameters[0], int) else 0
            index = self.numbers.index(self.number) + delta if self.number in self.numbers \
                else -1
            return True if 0 <= index < len(self.numbers) else None
        return True

    def action_step(self, delta: int) -> None:
        index = self.numbers.index(self.number) + delta
        if 0 <= index < len(self.numbers):
            self.number = self.numbers[index]
            self.refresh_bindings()
            self.load(self.number, self.view.measure)

    def action_sentence(self, delta: int) -> None:
        self.view.move_sentence(delta)

    def action_page(self, delta: int) -> None:
        self.view.page(delta)

    def action_top(self) -> None:
        self.view.top()

    def action_bottom(self) -> None:
        self.view.bottom()

    def action_back(self) -> None:
        self.dismiss(None)


def as_article(article: Article, version: Version) -> Article:
    """An earlier version in the shape the article view shows."""
    return Article(title=version.title, body=version.body, source=version.source,
                   author=version.author, url=version.url, published=version.published,
                   credit=version.credit, path=version.path, id=article.id, uid=article.uid,
                   word_count=version.word_count, added=article.added)
