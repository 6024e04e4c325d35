"""The library file: the only package that talks SQL (schema, migrations, FTS5, queries)."""

from .feeds import Feed
from .identity import article_uid, canonical_url, content_hash, count_words
from .library import Library, LibraryError, explain
from .schema import SCHEMA_VERSION, order_by

__all__ = [
    "SCHEMA_VERSION", "Feed", "Library", "LibraryError", "article_uid", "canonical_url",
    "content_hash", "count_words", "explain", "order_by",
]
