"""A Line API article view: wraps once per width, highlights spans, moves a sentence cursor."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from concurrent.futures import Future
from itertools import accumulate

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.cache import LRUCache
from textual.color import Color
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.worker import get_current_worker

from ..external import link_url
from ..models import Article, Span
from ..segment import DocLine, Prepared, Sentence, Wrapped, prepare, wrap_article
from ..text import terminal_safe

SPAN_KINDS = ("highlight", "highlight-green", "highlight-red", "highlight-teal", "selection",
              "sentence", "person", "org", "place", "date", "money",
              "hit", "mention")
"""Span kinds, bottom layer first: a later kind's colours win where spans overlap. Marking
backgrounds are opaque (see themes.py): the cursor's sentence shows over a selection (its
moving end) and over a highlight, which keeps its underline there; hits show over all."""
ROLES = ("title", "meta", "url", "credit", "rule")
WRAP_NOW_CHARS = 20_000
"""Bodies up to this long are wrapped on the UI thread when the width changes (quick enough
not to be seen); longer ones in a thread worker (docs/performance.md)."""


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """Shows one article; the screen owns the keys and calls the cursor methods."""

    COMPONENT_CLASSES = {f"article-view--{name}" for name in SPAN_KINDS + ROLES}
    DEFAULT_CSS = """
    ArticleView { overflow-x: hidden; scrollbar-gutter: stable; padding: 1 1 0 2; }
    ArticleView > .article-view--title { text-style: bold; color: $text; }
    ArticleView > .article-view--meta { color: $text-muted; }
    ArticleView > .article-view--url { color: $text-muted; text-style: underline; }
    ArticleView > .article-view--credit { color: $text-muted; text-style: italic; }
    ArticleView > .article-view--rule { color: $primary 50%; }
    ArticleView > .article-view--hit { background: $search-hit; color: $foreground; }
    ArticleView > .article-view--sentence { background: $sentence-cursor; }
    ArticleView > .article-view--highlight {
        background: $passage-highlight; text-style: underline;
    }
    ArticleView > .article-view--highlight-green {
        background: $passage-highlight-green; text-style: underline;
    }
    ArticleView > .article-view--highlight-red {
        background: $passage-highlight-red; text-style: underline;
    }
    ArticleView > .article-view--highlight-teal {
        background: $passage-highlight-teal; text-style: underline;
    }
    ArticleView > .article-view--person { color: $entity-person; }
    ArticleView > .article-view--org { color: $entity-org; }
    ArticleView > .article-view--place { color: $entity-place; }
    ArticleView > .article-view--date { color: $entity-date; }
    ArticleView > .article-view--money { color: $entity-money; }
    ArticleView > .article-view--mention { text-style: reverse bold; }
    ArticleView > .article-view--selection {
        background: $passage-selection; text-style: bold;
    }
    """
    MEASURE = 80
    """The widest a line of text gets: longer lines are hard to read, so wide terminals centre."""

    sentence_index: reactive[int] = reactive(0, init=False)
    """The sentence under the cursor (an index into `sentences`)."""

    class LaidOut(Message, bubble=False):
        """A long article was wrapped again for a new width, in the view's thread worker."""

        def __init__(self, article: Article | None, wrapped: Wrapped) -> None:
            super().__init__()
            self.article = article
            self.wrapped = wrapped

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        self.sentences: list[Sentence] = []
        self.lines: list[DocLine] = []
        """The document wrapped for the current width."""
        self._starts: list[int] = []
        self._paragraph_first: list[int] = []
        self._spans: dict[str, tuple[list[int], list[tuple[int, int]], int]] = {}
        self._title_spans: dict[str, list[tuple[int, int]]] = {}
        self._rows: list[int] = []
        self._row_starts: list[int] = []
        self._width = self._indent = self._measure = 0
        self._strips: LRUCache[int, Strip] = LRUCache(256)
        self._styles: dict[tuple[str, ...], Style] = {}
        self.measured: Future[int] = Future()
        """Resolved with `measure` when the view first gets a width: a worker loading the first
        article waits for it, so that it can wrap the text too."""

    def set_article(self, article: Article | None,
                    spans: dict[str, Iterable[Span | tuple[int, int]]] | None = None,
                    prepared: Prepared | None = None) -> None:
        """Show an article (or nothing) from its top, with the cursor on its first sentence.

        Args:
            article: The article, or None to clear the view.
            spans: Spans per kind, as `set_spans` takes them.
            prepared: `prepare(article, view.measure)` made in a worker; without it the
                sentences are found here, on the UI thread.
        """
        if prepared is None or prepared.article is not article:
            prepared = prepare(article)
        self.article = article
        self.sentences = prepared.sentences
        self._starts = prepared.starts
        self._paragraph_first = prepared.paragraph_first
        self._spans = {}
        self._title_spans = {}
        for kind, values in (spans or {}).items():
            self.set_spans(kind, values)
        self._width = self._measure = 0
        self.lines, self._rows, self._row_starts = [], [], []
        wrapped = prepared.wrapped
        if wrapped is not None and wrapped.measure == self.measure:
            self._width = self.scrollable_content_region.width
            self._indent = (self._width - wrapped.measure) // 2
            self._show_wrapped(wrapped)
        else:
            self._relayout()
        self.set_reactive(ArticleView.sentence_index, 0)
        self._show_sentence()
        self.scroll_to(0, 0, animate=False)

    def set_spans(self, kind: str, spans: Iterable[Span | tuple[int, int]]) -> None:
        """Replace the spans of one kind (absolute body offsets, end exclusive).

        Args:
            kind: One of `SPAN_KINDS`; it picks the `article-view--<kind>` component class.
            spans: `Span` objects or `(start, end)` pairs.
        """
        if kind not in SPAN_KINDS:
            raise ValueError(f"unknown span kind {kind!r}; expected one of {SPAN_KINDS}")
        pairs = sorted((s.start, s.end) if isinstance(s, Span) else (s[0], s[1]) for s in spans)
        pairs = [(a, b) for a, b in pairs if b > a]
        longest = max((b - a for a, b in pairs), default=0)
        self._spans[kind] = ([a for a, _ in pairs], pairs, longest)
        self._strips.clear()
        self.refresh()

    def set_title_spans(self, kind: str, spans: Iterable[tuple[int, int]]) -> None:
        """Replace the spans of one kind in the title (offsets into the title)."""
        if kind not in SPAN_KINDS:
            raise ValueError(f"unknown span kind {kind!r}; expected one of {SPAN_KINDS}")
        self._title_spans[kind] = sorted((a, b) for a, b in spans if b > a)
        self._strips.clear()
        self.refresh()

    def title_spans(self, kind: str) -> list[tuple[int, int]]:
        """The `(start, end)` spans of one kind in the title, sorted."""
        return list(self._title_spans.get(kind, []))

    def spans(self, kind: str) -> list[tuple[int, int]]:
        """The `(start, end)` spans of one kind, sorted."""
        return list(self._spans.get(kind, ([], [], 0))[1])

    @property
    def hit_count(self) -> int:
        """How many search hits the body holds."""
        return len(self.spans("hit"))

    @property
    def current_sentence(self) -> Sentence | None:
        """The sentence under the cursor, or None when the article has no text."""
        return self.sentences[self.sentence_index] if self.sentences else None

    @property
    def current_sentence_text(self) -> str:
        """The text of the sentence under the cursor ("" when there is none)."""
        sentence = self.current_sentence
        return self.article.body[sentence.start:sentence.end] if sentence and self.article else ""

    @property
    def measure(self) -> int:
        """The width text is wrapped to now (0 until the view has a size)."""
        return min(max(self.scrollable_content_region.width, 0), self.MEASURE)

    def on_resize(self, event: events.Resize) -> None:
        if self.measure and not self.measured.done():
            self.measured.set_result(self.measure)
        if self._relayout():
            self.call_after_refresh(self.scroll_to_sentence)

    def _relayout(self) -> bool:
        """Fit the document to a new width. True if the lines changed here and now; a long
        article is wrapped in a thread instead, and shows its old lines until then."""
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._width:
            return False
        measure = min(width, self.MEASURE)
        self._width, self._indent = width, (width - measure) // 2
        if measure == self._measure:  # only the margins moved
            self._show_wrapped(Wrapped(measure, self.lines, self._rows, self._row_starts))
            return True
        self._measure = measure
        if self.article is not None and len(self.article.body) > WRAP_NOW_CHARS:
            self._wrap(self.article, measure)
            return False
        self._show_wrapped(wrap_article(self.article, measure))
        return True

    @work(thread=True, exclusive=True, group="wrap", exit_on_error=False)
    def _wrap(self, article: Article, measure: int) -> None:
        wrapped = wrap_article(article, measure)
        if not get_current_worker().is_cancelled:
            self.post_message(self.LaidOut(article, wrapped))

    def on_article_view_laid_out(self, message: LaidOut) -> None:
        if message.article is self.article and message.wrapped.measure == self._measure:
            self._show_wrapped(message.wrapped)
            self.scroll_to_sentence()

    def _show_wrapped(self, wrapped: Wrapped) -> None:
        self._measure = wrapped.measure
        self.lines, self._rows, self._row_starts = wrapped.lines, wrapped.rows, \
            wrapped.row_starts
        self._strips.clear()
        self.virtual_size = Size(self._width, len(self.lines))
        self.refresh()

    def row_of(self, offset: int) -> int:
        """The document line that holds a body offset."""
        return self._rows[max(0, bisect_right(self._row_starts, offset) - 1)] if self._rows else 0

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def _style(self, names: tuple[str, ...]) -> Style:
        """Layer component styles on the widget's: backgrounds blend, the last colour wins."""
        if (style := self._styles.get(names)) is None:
            background, color, text_style = self.background_colors[1], None, Style()
            for name in names:
                layer = self.get_component_styles(f"article-view--{name}")
                if layer.has_rule("background"):
                    background += layer.background
                if layer.has_rule("auto_color") and layer.auto_color:
                    color = background.get_contrast_text(layer.color.a)
                elif layer.has_rule("color"):
                    color = layer.color
                text_style += layer.text_style
            fg = (background + color).rich_color if isinstance(color, Color) else None
            style = self.rich_style + Style(color=fg, bgcolor=background.rich_color) + text_style
            self._styles[names] = style
        return style

    def _line_strip(self, y: int) -> Strip:
        """Render one document line: its spans clipped to it, then any mouse selection."""
        line, size = self.lines[y], len(self.lines[y].text)
        # Ingest cleaned the text; replacing one for one keeps offsets if a library was not.
        text = terminal_safe(line.text)
        layers: list[set[str]] = [set() for _ in range(size)]
        if line.start >= 0:
            end = line.start + size
            for kind, (starts, pairs, longest) in self._spans.items():
                first, last = bisect_left(starts, line.start - longest), bisect_left(starts, end)
                for a, b in pairs[first:last]:
                    for index in range(max(a, line.start) - line.start, min(b, end) - line.start):
                        layers[index].add(kind)
        elif line.title_start >= 0 and self._title_spans:
            at, end = line.title_start, line.title_start + size
            for kind, pairs in self._title_spans.items():
                for a, b in pairs:
                    for index in range(max(a, at) - at, min(b, end) - at):
                        layers[index].add(kind)
        selection = self.text_selection
        if selection is not None and (span := selection.get_span(y)) is not None:
            for index in range(span[0], size if span[1] == -1 else min(span[1], size)):
                layers[index].add("selected")
        base = (line.role,) if line.role in ROLES else ()
        # The URL line is an OSC 8 hyperlink to the whole URL (it may be shown cut), where
        # the terminal supports them; only a clean http(s) URL (`link_url`) is ever sent.
        link = Style(link=link_url(self.article.url)) \
            if line.role == "url" and self.article is not None and link_url(self.article.url) \
            else None
        segments, run = [], 0
        for index in range(1, size + 1):
            if index == size or layers[index] != layers[run]:
                style = self._style(base + tuple(k for k in SPAN_KINDS if k in layers[run]))
                if "selected" in layers[run]:
                    style += self.screen.get_component_rich_style("screen--selection")
                if link is not None:
                    style += link
                segments.append(Segment(text[run:index], style))
                run = index
        strip = Strip(segments, cell_len(text)).apply_offsets(0, y)
        return Strip.join([Strip.blank(self._indent, self.rich_style), strip])

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index, width = scroll_y + y, self.scrollable_content_region.width
        if index >= len(self.lines):
            return Strip.blank(width, self.rich_style)
        if (strip := self._strips.get(index)) is None:
            strip = self._strips[index] = self._line_strip(index)
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)

    def selection_span(self) -> tuple[int, int] | None:
        """Body offsets of the mouse selection (clipped to the body), or None."""
        selection = self.text_selection
        body = [n for n, line in enumerate(self.lines) if line.role == "body"]
        if selection is None or not body:
            return None

        def offset(point: Offset | None, first: bool) -> int:
            if point is None:
                line = self.lines[body[0] if first else body[-1]]
                return line.start if first else line.start + len(line.text)
            y, x = min(point.y, len(self.lines) - 1), point.x
            if self.lines[y].role != "body":  # title, metadata: snap to the body's edge
                y = next((n for n in body if n >= y), body[-1]) if first else \
                    next((n for n in reversed(body) if n <= y), body[0])
                x = 0 if first else len(self.lines[y].text)
            line = self.lines[y]
            return line.start + min(max(x, 0), len(line.text))

        start, end = offset(selection.start, True), offset(selection.end, False)
        return (start, end) if end > start else None

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return selection.extract("\n".join(line.text for line in self.lines)), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._strips.clear()
        self.refresh()

    # -- the sentence cursor -----------------------------------------------------------------

    def validate_sentence_index(self, index: int) -> int:
        return max(0, min(index, len(self.sentences) - 1))

    def watch_sentence_index(self) -> None:
        self._show_sentence()
        self.scroll_to_sentence()

    def _show_sentence(self) -> None:
        sentence = self.current_sentence
        self.set_spans("sentence", [(sentence.start, sentence.end)] if sentence else [])

    def scroll_to_sentence(self) -> None:
        """Scroll as little as needed to show the current sentence (its start if it is tall)."""
        if (sentence := self.current_sentence) is None or not self.lines:
            return
        top = self.row_of(sentence.start)
        height = self.row_of(max(sentence.start, sentence.end - 1)) - top + 1
        view = self.scrollable_content_region.height
        region = Region(0, top, self._width, min(height, view))
        self.scroll_to_region(region, animate=False, top=height > view, immediate=True)

    def move_sentence(self, delta: int) -> bool:
        """Move the cursor `delta` sentences. Returns True when it moved."""
        before = self.sentence_index
        self.sentence_index = before + delta
        return self.sentence_index != before

    def move_paragraph(self, delta: int) -> bool:
        """Go to the first sentence of the next (`delta` > 0) or previous paragraph; going back
        from inside a paragraph first goes to its own start. Returns True when it moved."""
        if (sentence := self.current_sentence) is None:
            return False
        paragraph = sentence.paragraph
        if delta < 0 and self._paragraph_first[paragraph] != self.sentence_index:
            paragraph += 1
        target = max(0, min(paragraph + delta, len(self._paragraph_first) - 1))
        return self.move_sentence(self._paragraph_first[target] - self.sentence_index)

    def page(self, delta: int) -> None:
        """Scroll a page (keeping two lines of context) and put the cursor on the first sentence
        that starts in view; at either end, go to the first or last sentence."""
        view = self.scrollable_content_region.height
        target = max(0, min(self.scroll_offset.y + delta * max(1, view - 2), self.max_scroll_y))
        if target == self.scroll_offset.y:
            self.sentence_index = 0 if delta < 0 else len(self.sentences) - 1
            return
        self.scroll_to(y=target, animate=False, immediate=True)
        index = next((i for i, s in enumerate(self.sentences) if self.row_of(s.start) >= target
                      or self.row_of(max(s.start, s.end - 1)) >= target + view),
                     len(self.sentences) - 1)
        self.set_reactive(ArticleView.sentence_index, index)  # already in view: no scrolling
        self._show_sentence()

    def top(self) -> None:
        """Go to the first sentence and the top of the article."""
        self.sentence_index = 0
        self.scroll_home(animate=False, immediate=True)

    def bottom(self) -> None:
        """Go to the last sentence and the end of the article."""
        self.sentence_index = len(self.sentences) - 1
        self.scroll_end(animate=False, immediate=True)

    def next_hit(self, delta: int) -> bool:
        """Go to the next (`delta` > 0) or previous sentence holding a search hit, wrapping
        around; says so when there are none or when it wrapped. Returns True if it moved."""
        hits = sorted({max(0, bisect_right(self._starts, a) - 1) for a, _ in self.spans("hit")})
        if not hits or not self.sentences:
            self.notify("No search hits in this article", timeout=3)
            return False
        current = self.sentence_index
        ahead = [i for i in hits if (i > current if delta > 0 else i < current)]
        target = (ahead[0] if delta > 0 else ahead[-1]) if ahead else hits[0 if delta > 0 else -1]
        if not ahead and target != current:
            self.notify("Search wrapped to the " + ("top" if delta > 0 else "bottom"), timeout=2)
        self.sentence_index = target
        return target != current

    def on_click(self, event: events.Click) -> None:
        """Put the cursor on the sentence that was clicked."""
        offset = event.get_content_offset(self)
        if offset is None or not self.sentences:
            return
        row = offset.y + self.scroll_offset.y
        if not 0 <= row < len(self.lines) or self.lines[row].start < 0:
            return
        line = self.lines[row]
        edges = list(accumulate(cell_len(char) for char in line.text))
        column = min(bisect_right(edges, offset.x - self._indent), len(line.text) - 1)
        self.sentence_index = max(0, bisect_right(self._starts, line.start + column) - 1)
