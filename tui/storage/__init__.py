"""The library file: the only package that talks SQL (schema, migrations, FTS5, queries).

Each name below loads its module when first used, so that `newsreader search` loads the
parts a search needs and not notes, feeds or backups (docs/performance.md, issue 23)."""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: `newsreader search` need not import typing
if TYPE_CHECKING:
    from .feeds import Feed
    from .identity import article_uid, canonical_url, content_hash, count_words
    from .library import Library, LibraryError, explain
    from .schema import SCHEMA_VERSION, order_by

__all__ = [
    "SCHEMA_VERSION", "Feed", "Library", "LibraryError", "article_uid", "canonical_url",
    "content_hash", "count_words", "explain", "order_by",
]

_HOMES = {
    "Feed": "feeds", "article_uid": "identity", "canonical_url": "identity",
    "content_hash": "identity", "count_words": "identity", "Library": "library",
    "LibraryError": "library", "explain": "library", "SCHEMA_VERSION": "schema",
    "order_by": "schema",
}
"""Which module of the package each name of `__all__` comes from."""


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = f"{__name__}.{home}"
    __import__(module)
    value = getattr(sys.modules[module], name)
    globals()[name] = value
    return value
