"""The reader's status line: the article's place in its list, the sentence, flags, earlier
versions, search hits, a writer holding us up, and the name e/E marked; shortened to fit."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Article
from ..widgets.article_view import ArticleView
from ..widgets.status_line import fit_status
from .readonly import WAITING, WAITING_SHORT


def reader_status(width: int, *, index: int, total: int, view: ArticleView,
                  article: Article | None, versions: Sequence[int], terms: Sequence[str],
                  query: str, waiting: bool, mention: str) -> str:
    """The status line at `width` columns.

    Args:
        width: the room there is.
        index: the open article's place in the list (from 0).
        total: the list's length.
        view: the article view (the cursor's sentence, the search hits shown).
        article: the open article (None while it loads).
        versions: its earlier version numbers.
        terms: the search terms highlighted.
        query: the search as typed.
        waiting: a change waits for another writer.
        mention: the name e/E marked, as `EntityMarks.status()` says it ("" for none).
    """
    parts: list[tuple[str, ...]] = []
    parts.append((f"Article {index + 1} of {total}", f"{index + 1}/{total}")
                 if total else ("No articles",))
    sentence = view.current_sentence
    if sentence is not None:
        at, count = view.sentence_index + 1, len(view.sentences)
        parts.append((f"sentence {at} of {count}, ¶ {sentence.paragraph + 1}",
                      f"sentence {at} of {count}", f"s. {at}/{count}"))
    if article is not None:
        parts += [("★ starred", "★")] if article.starred else []
        parts += [] if article.read else [("● unread", "●")]
        if versions:
            count = len(versions)
            parts.append((f"{count} earlier version{'s' if count > 1 else ''} (V)",
                          f"{count} earlier (V)", "V"))
        if terms:
            count = view.hit_count
            hits, hint = f"{count} hit{'' if count == 1 else 's'}", " (n/N)" if count else ""
            quoted = f"“{query}”" if query else ""
            parts.append(tuple(dict.fromkeys(
                (f"{hits} for {quoted}{hint}", f"{hits} for {quoted}", f"{hits}{hint}", hits))))
    if waiting:  # why a key seems to do nothing
        parts.append((WAITING, WAITING_SHORT))
    order = list(range(len(parts)))  # shortened first: the article's place, the sentence...
    if mention:
        name, _, place = mention.partition(" · ")
        parts += [(name, name.partition(": ")[2].rsplit(" (", 1)[0]), (place, "")]
        order[2:2] = [len(parts) - 1]  # ...which name of how many it is, then the rest
        order.append(len(parts) - 2)
    return fit_status(parts, width, order)
