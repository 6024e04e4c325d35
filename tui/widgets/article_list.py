"""The library list: a Line API view over article ids whose rows are fetched in pages."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import Worker, WorkerState

from ..models import ArticleRow
from ..storage import Library
from ..text import terminal_safe

PAGE = 200
"""Rows fetched per query: one `id IN (...)` of this size is cheap (docs/performance.md)."""
CACHE_ROWS = 4000
"""Rows kept in memory (least recently drawn are dropped first)."""
NARROW = 90
"""Below this width the source column is dropped: at 80 columns titles need the room."""
_DELETED = object()
"""Cached in place of a row whose article no longer exists (so it is not fetched again)."""


def fit(text: str, width: int) -> str:
    """`text` on one line, cut with an ellipsis or padded to exactly `width` cells."""
    # Ingest strips controls; mapping them anyway means one bad row can never move the terminal.
    text = terminal_safe(text)
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    return set_cell_size(text, width - 1) + "…"


def columns(width: int, widest_source: int = 22) -> tuple[int, int, int]:
    """The title, source and date widths of a row `width` cells wide (0 = not shown).

    Args:
        width: the row's width.
        widest_source: the longest source among the rows known: the source column is no
            wider, and gone when no row has a source (the titles take the room).
    """
    date = 10 if width >= 40 else 0
    source = min(max(10, min(22, width // 6)), widest_source) if width >= NARROW else 0
    title = width - 6 - (source + 2 if source else 0) - (date + 2 if date else 0) - 1
    return max(title, 1), source, date


class ArticleList(ScrollView, can_focus=True, inherit_bindings=False):
    """Every article of the current order or search, one line each, with a cursor.

    Args:
        library: where rows are read from (in thread workers only).
        empty_text: what the list shows when it holds no ids.
    """

    COMPONENT_CLASSES = {
        f"article-list--{part}"
        for part in ("cursor", "unread", "read", "marker", "star", "dim", "source", "date",
                     "added")
    }
    DEFAULT_CSS = """
    ArticleList {
        height: 1fr;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        background: $background;
        & > .article-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .article-list--cursor {
            background: $block-cursor-background; color: $block-cursor-foreground;
        }
        & > .article-list--unread { color: $foreground; }
        & > .article-list--read { color: $text-muted; }
        & > .article-list--marker { color: $unread-marker; }
        & > .article-list--star { color: $warning; }
        & > .article-list--dim { color: $text-disabled; }
        & > .article-list--source, & > .article-list--date { color: $text-muted; }
        /* No publication date: the date shown is when the article was added. */
        & > .article-list--added { color: $text-disabled; text-style: italic; }
    }
    """
    BINDINGS = [
        Binding("enter", "open", "Open", id="library.open", tooltip="Read this article"),
        Binding("down,j", "move(1)", "Down", id="library.cursor_down", show=False),
        Binding("up,k", "move(-1)", "Up", id="library.cursor_up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", id="library.page_down", show=False),
        Binding("pageup", "page(-1)", "Page up", id="library.page_up", show=False),
        Binding("home,g", "jump(0)", "First", id="library.first", show=False),
        Binding("end,G", "jump(-1)", "Last", id="library.last", show=False),
    ]

    cursor: reactive[int] = reactive(0)
    """Index of the highlighted row in the current ids."""

    class Opened(Message):
        """The person asked to read the article at `index` (Enter or a click on the cursor)."""

        def __init__(self, article_list: ArticleList, index: int, article_id: int) -> None:
            super().__init__()
            self.article_list = article_list
            self.index = index
            self.article_id = article_id

        @property
        def control(self) -> ArticleList:
            return self.article_list

    def __init__(self, library: Library, *, empty_text: str = "", name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.library = library
        self.empty_text = empty_text
        self._ids: list[int] = []
        self._rows_shown = 0
        """How many rows the list is tall: more than `ids` while only a first page is known."""
        self._cache: OrderedDict[int, tuple[int, object]] = OrderedDict()
        self._pending: set[int] = set()
        self._generation = 0
        self._widest_source = 0
        """The longest source of the rows read so far (it only grows: the columns stay put)."""

    @property
    def ids(self) -> list[int]:
        """A copy of the ids shown, in order."""
        return list(self._ids)

    @property
    def current_id(self) -> int | None:
        """The article under the cursor, or None when the list is empty."""
        return self._ids[self.cursor] if self._ids else None

    @property
    def current_row(self) -> ArticleRow | None:
        """The cached row under the cursor (None while its page is loading)."""
        article_id = self.current_id
        entry = None if article_id is None else self._cache.get(article_id)
        return entry[1] if entry and isinstance(entry[1], ArticleRow) else None

    def set_ids(self, ids: Sequence[int], keep_article: int | None = None,
                total: int | None = None) -> None:
        """Show `ids` instead; the cursor stays on `keep_article` when it is still present.

        Otherwise the cursor keeps its index, clamped to the new length. The cursor keeps its
        place on screen, so a list refreshed from the database does not jump.

        Args:
            ids: The article ids, in order.
            keep_article: The article the cursor should stay on.
            total: How many ids the full list holds when `ids` is only its first page (the
                rows past it are drawn as loading, and the scrollbar has its final size).
        """
        offset = self.cursor - self.scroll_offset.y
        self._ids = list(ids)
        self._rows_shown = max(len(self._ids), total or 0)
        self.virtual_size = Size(self.size.width, self._rows_shown)
        target = self.validate_cursor(self._index(keep_article, self.cursor))
        self.set_reactive(ArticleList.cursor, target)
        self.scroll_to(y=max(0, target - offset), animate=False, immediate=True)
        self._follow_cursor()
        self.refresh()
        self._prefetch()

    def add_rows(self, rows: Iterable[ArticleRow]) -> None:
        """Cache rows already read (the first page, read with the ids), so they draw at once."""
        for row in rows:
            self._cache[row.id] = (self._generation, row)
            self._pending.discard(row.id)
        self._measure_sources(rows)
        self.refresh()

    def _measure_sources(self, rows: Iterable[object]) -> None:
        widest = max((cell_len(row.source) for row in rows if isinstance(row, ArticleRow)),
                     default=0)
        self._widest_source = max(self._widest_source, widest)

    def select_article(self, article_id: int) -> bool:
        """Move the cursor to `article_id`; False when it is not in the list."""
        self.cursor = self._index(article_id, self.cursor)
        return self.current_id == article_id

    def _index(self, article_id: int | None, default: int) -> int:
        if article_id is None:
            return default  # not a scan of a million ids for nothing
        try:
            return self._ids.index(article_id)
        except ValueError:
            return default

    def patch(self, article_id: int, **changes: object) -> None:
        """Change fields of a cached row and redraw it (before the database says so)."""
        entry = self._cache.get(article_id)
        if entry and isinstance(entry[1], ArticleRow):
            for name, value in changes.items():
                setattr(entry[1], name, value)
            self.refresh()

    def invalidate(self, ids: Sequence[int] | None = None) -> None:
        """Mark cached rows (all, or those of `ids`) stale: they are drawn until refetched."""
        if ids is None:
            self._generation += 1
            self._pending.clear()
        else:
            for article_id in ids:
                if article_id in self._cache:
                    self._cache[article_id] = (-1, self._cache[article_id][1])
        self.refresh()
        self._prefetch()

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._ids) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self._follow_cursor()

    def _follow_cursor(self) -> None:
        self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, immediate=True)

    def action_move(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.scrollable_content_region.height - 1)

    def action_jump(self, index: int) -> None:
        self.cursor = index if index >= 0 else len(self._ids) - 1

    def action_open(self) -> None:
        if self._ids:
            self.post_message(self.Opened(self, self.cursor, self._ids[self.cursor]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        index = len(self._ids) if offset is None else self.scroll_offset.y + offset.y
        if index >= len(self._ids):
            return
        if index == self.cursor:
            self.action_open()
        else:
            self.cursor = index

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self._rows_shown)
        self._prefetch()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._prefetch()

    def _prefetch(self) -> None:
        top = self.scroll_offset.y
        self._request(top - PAGE // 2, top + self.scrollable_content_region.height + PAGE // 2)

    def _request(self, start: int, stop: int) -> None:
        gen, cache, pending = self._generation, self._cache, self._pending
        need = [
            i for i in self._ids[max(0, start):max(0, stop)]
            if i not in pending and (i not in cache or cache[i][0] != gen)
        ]
        if need:
            pending.update(need)
            self._load_rows(gen, need)

    @work(thread=True, group="rows", exit_on_error=False)
    def _load_rows(self, generation: int, ids: list[int],
                   ) -> tuple[int, list[int], dict[int, ArticleRow]]:
        return generation, ids, self.library.articles.rows(ids)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "rows":
            return
        event.stop()
        if event.state == WorkerState.SUCCESS and event.worker.result is not None:
            generation, ids, rows = event.worker.result
            self._pending.difference_update(ids)
            for article_id in ids:
                self._cache[article_id] = (generation, rows.get(article_id, _DELETED))
                self._cache.move_to_end(article_id)
            while len(self._cache) > CACHE_ROWS:
                self._cache.popitem(last=False)
            self._measure_sources(rows.values())
            self.refresh()
        elif event.state == WorkerState.ERROR:
            self.notify(f"could not read the library: {event.worker.error}",
                        severity="error", markup=False)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        style = self.get_component_rich_style
        if index >= len(self._ids):
            if index < self._rows_shown:
                return Strip([Segment(fit("      …", width), style("article-list--dim"))], width)
            if index == 0 and self.empty_text:
                text = fit("  " + self.empty_text, width)
                return Strip([Segment(text, style("article-list--dim"))], width)
            return Strip.blank(width, self.rich_style)
        cursor = style("article-list--cursor") if index == self.cursor else None
        entry = self._cache.get(self._ids[index])
        if entry is None or entry[0] != self._generation:
            self._request(index - index % PAGE, index - index % PAGE + PAGE)
        row = None if entry is None else entry[1]
        if not isinstance(row, ArticleRow):  # not read yet, or _DELETED
            text = "      …" if entry is None else "      (removed from the library)"
            return Strip([Segment(fit(text, width), cursor or style("article-list--dim"))], width)
        self._cache.move_to_end(self._ids[index])
        segments = self._segments(row, width, cursor)
        return Strip(segments).adjust_cell_length(width, cursor or self.rich_style)

    def _segments(self, row: ArticleRow, width: int, cursor: Style | None) -> list[Segment]:
        """One row's segments; the cursor row is drawn in the cursor style throughout."""
        def part(name: str) -> Style:
            return cursor or self.get_component_rich_style(name)

        title_w, source_w, date_w = columns(width, self._widest_source)
        base = cursor or self.rich_style
        segments = [
            Segment(" ", base),
            Segment("●" if not row.read else " ", part("article-list--marker")),
            Segment("★" if row.starred else " ", part("article-list--star")),
            Segment(("#" if row.tags else " ") + ("✎" if row.notes else " "),
                    part("article-list--dim")),
            Segment(" ", base),
            Segment(fit(row.title, title_w),
                    part("article-list--read" if row.read else "article-list--unread")),
        ]
        if source_w:
            segments.append(Segment("  " + fit(row.source, source_w), part("article-list--source")))
        if date_w:
            kind = "article-list--added" if row.undated else "article-list--date"
            segments.append(Segment("  " + fit(row.date, date_w), part(kind)))
        return segments
