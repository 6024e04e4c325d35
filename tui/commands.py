"""Command palette providers: "open article..." (fuzzy titles) and "go to tag...", both off
the UI thread."""

from __future__ import annotations

import asyncio
from functools import partial

from rapidfuzz import fuzz, process, utils
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from .screens.entities import entity_query
from .search import fuzzy_titles


class OpenArticle(Provider):
    """Open an article by a fuzzy match on its title."""

    async def discover(self) -> Hits:
        for article_id, title, _ in await self._titles(""):
            yield DiscoveryHit(
                self._display(title), partial(self.app.open_article, article_id),
                text=title, help="open article",
            )

    async def search(self, query: str) -> Hits:
        for article_id, title, score in await self._titles(query):
            if score < 45:
                continue
            yield Hit(
                score / 100, self._display(title), partial(self.app.open_article, article_id),
                text=title, help="open article",
            )

    async def _titles(self, query: str) -> list[tuple[int, str, float]]:
        # SQLite and rapidfuzz run in a thread: the palette stays responsive at 100k articles.
        return await asyncio.to_thread(fuzzy_titles, self.app.library, query, limit=15)

    @staticmethod
    def _display(title: str) -> Content:
        # Titles are untrusted: Content(text) is literal, never parsed as markup.
        return Content("open: ") + Content(title)


class GoToTag(Provider):
    """List the articles with a tag (fuzzy over the library's tags)."""

    async def discover(self) -> Hits:
        for name, count in await asyncio.to_thread(self.app.library.tags):
            yield DiscoveryHit(Content(f"tag: {name}") + Content.styled(f"  {count}", "dim"),
                               partial(self.app.show_tag, name), text=f"tag: {name}",
                               help="list its articles")

    async def search(self, query: str) -> Hits:
        tags = await asyncio.to_thread(self.app.library.tags)
        names = [name for name, _ in tags]
        typed = query.removeprefix("tag:").strip()
        for name, score, _ in process.extract(typed, names, scorer=fuzz.WRatio,
                                              processor=utils.default_process, limit=10):
            if score >= 60:
                yield Hit(score / 100, Content(f"tag: {name}"), partial(self.app.show_tag, name),
                          text=f"tag: {name}", help="list its articles")


class GoToEntity(Provider):
    """List the articles mentioning a person, organisation or place (fuzzy over names)."""

    async def startup(self) -> None:
        # Once per palette opening, not per keystroke.
        self.names = await asyncio.to_thread(self.app.library.entity_names)

    async def search(self, query: str) -> Hits:
        names = self.names
        choices = {i: name for i, (name, _) in enumerate(names)}
        for name, score, i in process.extract(query, choices, scorer=fuzz.WRatio,
                                              processor=utils.default_process, limit=10):
            label = names[i][1]
            if score >= 70:
                query_text = entity_query(name, label)
                yield Hit(score / 100, Content(f"{label.lower()}: ") + Content(name),
                          partial(self.app.show_query, query_text),
                          text=f"{label.lower()}: {name}", help="list the articles mentioning it")
