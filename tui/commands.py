"""Command palette providers: "open article..." (fuzzy titles), "go to tag...", names and the
app's commands, all ranked by one rule (`tui.search.palette`), searched off the UI thread."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from .screens.entities import entity_query
from .search import OPEN, fuzzy_titles, palette

if TYPE_CHECKING:
    from .app import NewsReader


class NewsProvider(Provider):
    """A provider of newsreader's app (`tui.app` imports this module: the app class is looked
    up when a palette opens, not at import)."""

    @property
    def news(self) -> NewsReader:
        """The app, as newsreader's (its library and the places the palette leads)."""
        from .app import NewsReader

        app = self.app
        if not isinstance(app, NewsReader):
            raise TypeError(f"{type(self).__name__} serves newsreader's app, not {app!r}")
        return app


class OpenArticle(NewsProvider):
    """Open an article by a fuzzy match on its title."""

    async def discover(self) -> Hits:
        for article_id, title, _ in await self._titles(""):
            yield DiscoveryHit(
                self._display(title), partial(self.news.open_article, article_id),
                text=title, help="open article",
            )

    async def search(self, query: str) -> Hits:
        for article_id, title, score in await self._titles(query):
            yield Hit(
                score, self._display(title), partial(self.news.open_article, article_id),
                text=title, help="open article",
            )

    async def _titles(self, query: str) -> list[tuple[int, str, float]]:
        # SQLite and rapidfuzz run in a thread: the palette stays responsive at 100k articles.
        return await asyncio.to_thread(fuzzy_titles, self.news.library, query, limit=15)

    @staticmethod
    def _display(title: str) -> Content:
        # Titles are untrusted: Content(text) is literal, never parsed as markup.
        return Content(OPEN) + Content(title)


class GoToTag(NewsProvider):
    """List the articles with a tag (fuzzy over the library's tags)."""

    async def discover(self) -> Hits:
        for name, count in await asyncio.to_thread(self.news.library.notes.tags):
            yield DiscoveryHit(Content(f"tag: {name}") + Content.styled(f"  {count}", "dim"),
                               partial(self.news.show_tag, name), text=f"tag: {name}",
                               help="list its articles")

    async def search(self, query: str) -> Hits:
        tags = await asyncio.to_thread(self.news.library.notes.tags)
        offers = [f"tag: {name}" for name, _ in tags]
        for i, score in await asyncio.to_thread(palette.rank, query, offers, limit=10):
            name = tags[i][0]
            yield Hit(score, Content(offers[i]), partial(self.news.show_tag, name),
                      text=offers[i], help="list its articles")


class GoToEntity(NewsProvider):
    """List the articles mentioning a person, organisation or place (fuzzy over names)."""

    async def startup(self) -> None:
        # Once per palette opening, not per keystroke, in a thread (12,000 names and more).
        self.names, self.offers = await asyncio.to_thread(self._offers)

    def _offers(self) -> tuple[list[tuple[str, str]], list[str]]:
        names = self.news.library.entities.names()
        return names, [f"{label.lower()}: {name}" for name, label in names]

    async def search(self, query: str) -> Hits:
        names = self.names
        offers = self.offers
        for i, score in await asyncio.to_thread(palette.rank, query, offers, limit=10):
            name, label = names[i]
            yield Hit(score, Content(f"{label.lower()}: ") + Content(name),
                      partial(self.news.show_query, entity_query(name, label)),
                      text=offers[i], help="list the articles mentioning it")


class AppCommands(Provider):
    """The app's commands (Textual's and ours: theme, keys, notebook, help...), ranked by the
    same rule as titles and names, so `theme` or `help` comes first, not a name holding it.
    Replaces Textual's own provider, whose matcher ranks scattered letters as high."""

    async def discover(self) -> Hits:
        for name, help_text, callback, discover in sorted(
                self.app.get_system_commands(self.screen), key=lambda c: c[0]):
            if discover:
                yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        commands = list(self.app.get_system_commands(self.screen))
        offers = [command[0] for command in commands]
        for i, score in palette.rank(query, offers, limit=len(offers) or 1):
            name, help_text, callback, *_ = commands[i]
            yield Hit(score, Content(name), callback, text=name, help=help_text)
