"""Parse cleaned article text (optional front matter, a title, a credit, paragraphs)."""

from __future__ import annotations

import re

from ..models import Article

FRONT_MATTER_LINES = 40
"""The closing `---` of front matter must come within this many lines."""
CREDIT_MAX = 80
CREDIT_LOOKAHEAD = 2
"""A credit is looked for only in this many non-empty lines after the title."""

_FIELDS = {
    "title": "title",
    "source": "source",
    "author": "author",
    "url": "url",
    "link": "url",
    "date": "published",
    "published": "published",
    "credit": "credit",
}
_KEY_VALUE = re.compile(r"([A-Za-z_]+)\s*:\s*(.*)")
_ATX = re.compile(r"^#{1,6}\s+(.*?)(?:\s+#+)?$")
_SETEXT = re.compile(r"^=+$")
_WORDS = re.compile(r"\w+(?:['’-]\w+)*")
_AGENCY = (
    r"(?i:Getty(?:\s+Images)?|Reuters|AP|AP\s+Images|Associated\s+Press|AFP|EPA(?:-EFE)?|EFE|"
    r"Shutterstock|Alamy|iStock(?:photo)?|Bloomberg|PA(?:\s+(?:Media|Wire|Images))?|dpa|"
    r"Xinhua|Sipa(?:\s+USA)?|WireImage|NurPhoto|Anadolu(?:\s+Agency)?|Corbis|ANSA|TASS)"
)
_CREDIT = re.compile(
    rf"""^(?:
        (?:©|Ⓒ|\([cC]\))\s*\S.*  # © Getty Images, (c) Reuters
      | (?i:(?:photo(?:graph)?|image|picture|illustration|video|credit)s?(?:\s+credit)?)\s*:\s*\S.*
      | (?i:photo(?:graph)?|image|picture)\s+by\s+\S.*
      | (?:[A-ZÀ-Þ][\w.'’-]*(?:\s+|\s*/\s*)){{0,4}}(?:via\s+)?{_AGENCY}  # AFP via Getty Images
      | {_AGENCY}(?:\s+(?i:photo))?\s*/\s*[\w.'’ -]+  # Reuters/Kevin Lamarque
    )$""",
    re.VERBOSE,
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")


def parse_text(text: str, *, path: str = "") -> Article:
    """Parse one article from cleaned text.

    Args:
        text: Text already run through `tui.ingest.clean.clean`.
        path: Where the text came from; stored as given. A `.md` or `.markdown` suffix lets a
            Setext `===` underline below the title be dropped.

    Returns:
        The article, without uid or content hash (storage computes them).

    Raises:
        ValueError: With a short human reason when there is no title or no body.
    """
    lines = text.split("\n")
    meta, lines = _front_matter(lines)
    lines = _drop_leading_blanks(lines)
    if not lines:
        raise ValueError("no text")

    first = _heading(lines[0])
    setext = _is_markdown(path) and len(lines) > 1 and bool(_SETEXT.match(lines[1].strip()))
    title = meta.get("title", "")
    titles = [title] if title else []
    # With a front-matter title, a plain first line may start the body rather than be a title.
    if not title or first != lines[0].strip() or setext or _repeats(first, [title]):
        titles.append(first)
        title = title or first
        lines = lines[2:] if setext else lines[1:]
    if not title:
        raise ValueError("no text")

    credit, lines = _take_credit(titles, lines)
    body = "\n\n".join(p for p in _paragraphs(lines) if not _repeats(p, titles))
    if not body:
        raise ValueError("title only, no body")
    return Article(
        title=title,
        body=body,
        source=meta.get("source", ""),
        author=meta.get("author", ""),
        url=meta.get("url", ""),
        published=meta.get("published", ""),
        credit=meta.get("credit") or credit,
        path=path,
        word_count=len(_WORDS.findall(body)),
    )


def _is_markdown(path: str) -> bool:
    return path.lower().endswith((".md", ".markdown"))


def _front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """Split simple `key: value` front matter off the top of the text."""
    if not lines or lines[0].strip() != "---":
        return {}, lines
    for end in range(1, min(len(lines), FRONT_MATTER_LINES)):
        if lines[end].strip() == "---":
            break
    else:
        return {}, lines
    meta: dict[str, str] = {}
    for line in lines[1:end]:
        match = _KEY_VALUE.fullmatch(line.strip())
        if match and match.group(1).lower() in _FIELDS:
            value = _unquote(match.group(2).strip())
            if value:
                meta[_FIELDS[match.group(1).lower()]] = value
    return meta, lines[end + 1 :]


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value


def _drop_leading_blanks(lines: list[str]) -> list[str]:
    for index, line in enumerate(lines):
        if line.strip():
            return lines[index:]
    return []


def _heading(line: str) -> str:
    """Return a title line without Markdown `#` marks."""
    match = _ATX.match(line.strip())
    return match.group(1).strip() if match else line.strip()


def _repeats(line: str, titles: list[str]) -> bool:
    """Tell whether a line repeats a title, ignoring case, runs of whitespace and `#` marks."""
    keys = [" ".join(title.split()).casefold() for title in titles]
    head = line.split(None, 1)
    if head and not head[0].startswith("#"):
        # Every paragraph is asked: its first word alone rules most out, without folding
        # the whole paragraph.
        first = head[0].casefold()
        if not any(key.split(" ", 1)[0] == first for key in keys):
            return False
    return " ".join(_heading(line).split()).casefold() in keys


def _take_credit(titles: list[str], lines: list[str]) -> tuple[str, list[str]]:
    """Drop a repeated title and take a credit line from just below the title."""
    lines = _drop_leading_blanks(lines)
    if lines and _repeats(lines[0], titles):
        lines = _drop_leading_blanks(lines[1:])
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if _is_credit(line):
            return line.strip(), lines[:index] + lines[index + 1 :]
        seen += 1
        if seen >= CREDIT_LOOKAHEAD:
            break
    return "", lines


def _is_credit(line: str) -> bool:
    """Tell a short picture or wire credit from a real sentence."""
    line = line.strip()
    if len(line) > CREDIT_MAX or not _CREDIT.match(line):
        return False
    return not (len(_WORDS.findall(line)) >= 6 and _SENTENCE_END.search(line))


def _paragraphs(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines into paragraphs separated by blank lines."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs
