"""The order of a search of filters alone: articles most about the names asked for first.

`place:ukraine` or `person:blair` with no words has no bm25 to rank by. An article with the
name in its title, then one that mentions it most, is the one most about it; equals stay
newest first. Other filters alone (`tag:`, `is:unread`) list newest first.
"""

from __future__ import annotations

from ..storage.conditions import RANK_LIMIT
from .names import NAMES

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `newsreader search` need not import typing
if TYPE_CHECKING:
    from ..storage import Library
    from .query import Filter

ENTITY_FILTERS = {"person": "PERSON", "org": "ORG", "place": "PLACE", "entity": None}
"""The filters on names, and the label each asks for (None: any)."""


def ranked(library: Library, filters: list[Filter], ids: list[int]) -> tuple[list[int], str]:
    """`ids` (newest first) in the order of a search of filters alone, and that order's name:
    "mentions" when ranked by the names of the top-level entity `filters`, else "newest"
    (no such filter, or more matches than RANK_LIMIT: counting every mention of a name in
    most of the library would cost more than a keystroke may)."""
    if not filters or not ids or len(ids) > RANK_LIMIT:
        return ids, "newest"
    names: list[tuple[str, str]] = []
    for one in filters:
        names += NAMES.match(library, one.value, ENTITY_FILTERS[one.name]).names
    if not names:
        return ids, "newest"
    # The title says the most mentioned name, or a person's surname: titles are short.
    name, label = names[0]
    title = name.split()[-1] if label == "PERSON" else name
    titled, counts = library.entities.mention_counts([n for n, _ in names], title, ids)
    # One integer key (title first, then mentions); the sort is stable, so equals stay newest
    # first.
    top = max(counts.values(), default=0) + 1
    return sorted(ids, key=lambda i: -((i in titled) * top + counts.get(i, 0))), "mentions"
