"""Web pages and HTML fragments -> clean article text, with the page's own metadata."""

from __future__ import annotations

import re

from ..models import Article
from ..text import sanitize
from .clean import clean, unescape_controls

MIN_WORDS = 20
"""Fewer words than this in the extracted body means the page holds no article."""

_BLOCKS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "table", "tr", "section", "article", "figure", "figcaption", "header", "footer", "dl", "dd",
    "dt", "hr", "aside", "main",
}
_DROP = ("script", "style", "noscript", "template", "iframe", "object", "svg")
_WORDS = re.compile(r"\w+(?:['’-]\w+)*")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_TAG = re.compile(r"<\s*/?\s*(?:p|div|br|span|a|em|strong|b|i|ul|ol|li|h[1-6]|blockquote)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Tell whether a field of a feed or dump holds HTML markup rather than plain text."""
    return bool(_TAG.search(text))


def html_to_text(markup: str) -> str:
    """Turn an HTML fragment into text with paragraphs as blank-line-separated blocks.

    Scripts and styles are dropped, `<br>` joins lines within a paragraph, and block elements
    (`<p>`, `<li>`, headings...) become paragraphs. The result is not yet cleaned.

    Args:
        markup: An HTML fragment, such as a feed entry's content.

    Returns:
        Plain text.
    """
    import lxml.etree
    import lxml.html  # deferred: only HTML sources pay for lxml

    # Escapes go before parsing: the parser drops a bare ESC and leaves "[31m" in the text;
    # references to controls too: the parser would make them characters lxml then refuses.
    markup = sanitize(unescape_controls(markup))
    if not markup.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (ValueError, lxml.etree.ParserError):  # hostile markup: the text is still usable
        return re.sub(r"<[^>]*>", " ", markup)
    try:
        for bad in root.iter(*_DROP):
            bad.drop_tree()
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            if element.tag == "br":
                element.tail = "\n" + (element.tail or "")
            elif element.tag in _BLOCKS:
                element.text = "\n\n" + (element.text or "")
                element.tail = "\n\n" + (element.tail or "")
        text = root.text_content()
    except ValueError:  # a string lxml refuses: the words are still worth keeping
        return re.sub(r"<[^>]*>", " ", markup)
    paragraphs = (" ".join(block.split()) for block in _PARAGRAPH_BREAK.split(text))
    return "\n\n".join(p for p in paragraphs if p)


def parse_html(data: bytes | str, *, path: str, url: str = "") -> Article:
    """Extract the article from a web page, without navigation, ads, related links and footers.

    Title, author, date, site name and canonical URL come from the page's metadata when it has
    them; the canonical URL gives the article its identity.

    Args:
        data: The page, as bytes (the page's charset is honoured) or text.
        path: Where it was read from (a file path or the URL fetched).
        url: The address the page was fetched from, if any (relative links resolve against it).

    Returns:
        The article, its texts cleaned.

    Raises:
        ValueError: With a one-line reason when the page holds no article.
    """
    import trafilatura  # deferred: trafilatura takes a while to import
    from trafilatura.utils import decode_file

    # Decoded here (honouring the page's charset) so that escapes are removed before parsing.
    page = sanitize(unescape_controls(decode_file(data) if isinstance(data, bytes) else data))
    try:
        doc = trafilatura.bare_extraction(
            page, url=url or None, with_metadata=True, favor_precision=True,
            include_comments=False, include_tables=False,
        )
    except Exception as exc:  # noqa: BLE001 - the extractor's failures on broken markup are not ours to show
        raise ValueError(f"cannot parse the page ({type(exc).__name__})") from None
    raw = (getattr(doc, "text", None) or "") if doc is not None else ""
    title = clean(getattr(doc, "title", None) or "")
    lines = [line for line in clean(raw).split("\n") if line.strip()]
    if lines and title and lines[0].casefold() == title.casefold():
        lines = lines[1:]  # the headline repeated as the first block of the body
    body = clean("\n\n".join(lines))
    words = len(_WORDS.findall(body))
    if words < MIN_WORDS:
        raise ValueError("no article found in the page")
    if not title:
        title = body.split("\n", 1)[0][:120]
    canonical = sanitize(getattr(doc, "url", None) or url).strip()
    return Article(
        title=title,
        body=body,
        source=clean(getattr(doc, "sitename", None) or ""),
        author=clean(getattr(doc, "author", None) or ""),
        url=canonical if canonical.startswith(("http://", "https://")) else "",
        published=clean(getattr(doc, "date", None) or ""),
        path=path,
        word_count=words,
    )
