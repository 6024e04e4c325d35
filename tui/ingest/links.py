"""Which article URLs are kept: http and https only, never with a user name or password."""

from __future__ import annotations

from ..models import Article
from ..storage.identity import public_url
from ..text import visible


def vet_url(article: Article) -> str:
    """Keep an article's URL only if it is an http(s) link, without credentials.

    `javascript:`, `data:`, `file:` and other links (from front matter, feeds, dumps) are
    dropped: the reader shows and copies URLs, exports write them, and none of those should
    run code or point at the reader's own files. `http://user:pw@host/` keeps `host` only.
    Where the article came from (`path`) loses the credentials too.

    Args:
        article: An article as a reader made it; changed in place.

    Returns:
        A one-line warning saying what was dropped ("" when the URL was fine or empty).
    """
    if "@" in article.path and article.path.lower().startswith(("http://", "https://")):
        article.path = public_url(article.path) or article.path
    url = article.url.strip()
    if not url:
        return ""
    kept = public_url(url)
    article.url = kept
    if not kept and ":" not in url and "." not in url:
        return ""  # "N/A", "none", "-", "/news/1": a dump's empty column, no link to report
    if not kept:
        shown = visible(url if len(url) <= 60 else url[:60] + "…")
        return f"dropped its URL {shown!r}: only http and https links are kept"
    if kept != url:
        return f"removed the user name and password from its URL ({visible(kept)})"
    return ""
