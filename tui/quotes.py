"""Passages as quotations to paste elsewhere: Markdown, plain text, or the citation alone."""

from __future__ import annotations

import re
from datetime import date

from .text import sanitize

STYLES = ("markdown", "plain", "citation")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ]\d.*)?")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
# Text that Markdown would read as a heading, a nested quote or a list item.
_BLOCK_MARK = re.compile(r"^(\d{0,9})(#{1,6}|[>+*-]|(?<=\d)[.)])(?=\s|$)")
_ENDS_SENTENCE = (".", "!", "?", "…")


def format_quote(text: str, *, title: str = "", source: str = "", published: str = "",
                 url: str = "", author: str = "", style: str = "markdown") -> str:
    """Format a passage as a quotation with its citation.

    Markdown quotes every paragraph with `> ` and ends with `> — citation`; plain wraps the
    passage in curly quotes with `— citation` on the next line; citation is that line alone,
    without the dash. The citation reads `Author, “Title”, Source, 9 Sep 2021. URL`: unknown
    fields are left out with their separators, and an empty citation adds no line at all.

    Args:
        text: The passage. Whitespace is collapsed and control characters removed; paragraph
            breaks (blank lines) are kept.
        title: The article's title.
        source: The publication.
        published: ISO 8601 date or date-time (`2021-09`, `2021` also work); other text is
            shown as it is.
        url: Where the article is online.
        author: The article's author (a leading "By " is dropped).
        style: "markdown", "plain" or "citation".

    Returns:
        The formatted quotation, without a trailing newline.

    Raises:
        ValueError: An unknown style.
    """
    if style not in STYLES:
        raise ValueError(f"unknown quote style {style!r}: use markdown, plain or citation")
    cite = citation(title=title, source=source, published=published, url=url, author=author)
    paragraphs = [_clean(p) for p in _PARAGRAPH_BREAK.split(sanitize(text))]
    paragraphs = [p for p in paragraphs if p]
    if style == "citation":
        return cite
    if style == "plain":
        quoted = "\n\n".join(paragraphs)
        if len(quoted) > 1 and quoted[0] in "“\"" and quoted[-1] in "”\"":
            quoted = quoted[1:-1].strip()  # already quoted: do not double the marks
        lines = [f"“{quoted}”" if quoted else "", f"— {cite}" if cite else ""]
        return "\n".join(line for line in lines if line)
    blocks = ["> " + _BLOCK_MARK.sub(r"\1\\\2", p, count=1) for p in paragraphs]
    if cite:
        blocks.append(f"> — {cite}")
    return "\n>\n".join(blocks)


def citation(*, title: str = "", source: str = "", published: str = "", url: str = "",
             author: str = "") -> str:
    """The citation line: `Author, “Title”, Source, 9 Sep 2021. URL`, unknown parts left out.

    Args:
        title: The article's title.
        source: The publication.
        published: ISO 8601 date or date-time; other text is shown as it is.
        url: Where the article is online.
        author: The article's author.

    Returns:
        The citation, or "" when every field is empty.
    """
    author = re.sub(r"^by\s+", "", _clean(author), flags=re.IGNORECASE)
    title = _clean(title).replace("“", "‘").replace("”", "’")
    source = _clean(source)
    if source.casefold() == author.casefold():
        source = ""  # a wire story credited to its agency names it once
    parts = [author, f"“{title}”" if title else "", source, format_date(_clean(published))]
    head = ", ".join(p for p in parts if p)
    url = _clean(url).replace(" ", "%20")
    if not (head and url):
        return head or url
    ended = head.rstrip("”’").endswith(_ENDS_SENTENCE)
    return f"{head} {url}" if ended else f"{head}. {url}"


def format_date(published: str) -> str:
    """Show an ISO date as `9 Sep 2021` (`Sep 2021`, `2021` when less is known).

    Args:
        published: ISO 8601 date or date-time, a year and month, a year, or other text.

    Returns:
        The date to show; text that is not an ISO date is returned unchanged.
    """
    m = _ISO.fullmatch(published.strip())
    if not m:
        return published.strip()
    year, month, day = (int(g) if g else 0 for g in m.groups())
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return published.strip()
    if not month:
        return str(year)
    return f"{day} {_MONTHS[month - 1]} {year}" if day else f"{_MONTHS[month - 1]} {year}"


def _clean(field: str) -> str:
    """One line of safe text, without the separators that would dangle in a citation."""
    return " ".join(sanitize(field).split()).strip(",;: ")
