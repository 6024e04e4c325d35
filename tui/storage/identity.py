"""What makes two articles the same: canonical URLs, uids, content hashes, word counts."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime

from ..models import Article

# hashlib (slow to import: it loads OpenSSL) is imported by the functions that hash, which only writing
# an article calls: commands that read should not pay for it.


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, no trailing slash."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit  # not for a search

    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # `http://[::1`, a port that is not a number: kept as written
        return url.strip()
    if not parts.scheme or not parts.netloc:
        return url.strip()
    host = parts.hostname or ""
    if port and (parts.scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in {"fbclid", "gclid", "ocid"}
    ]
    path = parts.path.rstrip("/") or "/"
    scheme = "https" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    return urlunsplit((scheme, host.lower(), path, urlencode(query), ""))


def public_url(url: str) -> str:
    """An http(s) URL without the user name and password it may carry, or "" for any other
    text (`javascript:`, `data:`, `file:`, a relative link...). Used where URLs are stored and
    where they are read back (a library another program wrote may hold anything).

    Args:
        url: Any text.

    Returns:
        `http://user:pw@host/x` becomes `http://host/x`; other http(s) URLs are unchanged.
    """
    from urllib.parse import urlsplit, urlunsplit  # not loaded by a search (no URL)

    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:  # an unclosed IPv6 bracket, say
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    if "@" not in parts.netloc:
        return text
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


_NOT_ALNUM_BEYOND_ASCII = re.compile(r"[^\w\x00-\x7f]+")
_ASCII_NOT_ALNUM = bytes(b for b in range(128) if not chr(b).isalnum())


def _normalised_text(title: str, body: str) -> str:
    """Letters and digits only, case-folded and NFKC-normalised: what identifies a text."""
    text = f"{title}\n{body}"
    if text.isascii():
        # The same result as below for ASCII (NFKC is the identity, casefold is lower), much faster.
        return text.lower().encode().translate(None, _ASCII_NOT_ALNUM).decode()
    # The same again: ASCII punctuation goes in C, then a regex finds the few other marks.
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NOT_ALNUM_BEYOND_ASCII.sub(
        "", folded.encode(errors="surrogatepass").translate(None, _ASCII_NOT_ALNUM)
        .decode(errors="surrogatepass"))


def article_uid(article: Article) -> str:
    """Stable identity: the canonical URL when there is one, else the normalised text."""
    import hashlib

    if article.url.strip():
        return "u" + hashlib.sha256(canonical_url(article.url).encode()).hexdigest()[:20]
    normalised = _normalised_text(article.title, article.body)
    return "t" + hashlib.sha256(normalised.encode()).hexdigest()[:20]


def content_hash(article: Article) -> str:
    import hashlib

    # The canonical URL: the same story reached through a tracking link is unchanged.
    fields = (article.title, article.body, article.source, article.author,
              canonical_url(article.url), article.published, article.credit)
    return hashlib.sha256("\x1f".join(fields).encode()).hexdigest()


def count_words(text: str) -> int:
    return len(re.findall(r"\w+(?:['’]\w+)*", text))
