"""Pure text cleaning for untrusted article text, run before anything is computed on it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

from ..text import sanitize

CP1252_WARNING = "not valid UTF-8; decoded as cp1252"

_REFERENCE = re.compile(r"&(?:amp;)*#(?:[xX]0*([0-9a-fA-F]{1,8})|0*([0-9]{1,10}));?")
"""A numeric character reference, also escaped once or more (`&amp;#x19;`: a feed's HTML
holds the page's references escaped once more)."""


def _control_character(match: re.Match[str]) -> str:
    hexa, decimal = match.group(1), match.group(2)
    number = int(hexa, 16) if hexa else int(decimal)
    if (number < 0x20 and number not in (0x09, 0x0A, 0x0D)) or 0x7F <= number <= 0x9F:
        return chr(number)  # a control: `sanitize` removes it, with the sequence it starts
    if 0xD800 <= number <= 0xDFFF or number in (0xFFFE, 0xFFFF) or number > 0x10FFFF:
        return ""  # no character at all
    return str(match.group())


def unescape_controls(markup: str) -> str:
    """Turn character references to control characters (`&#x19;`, `&#27;`, `&amp;#x19;`) into
    the characters, so that `sanitize` removes them as it removes any control (an escape
    sequence spelt with references goes whole, its payload too); references to code points
    that are no character go. A parser would otherwise make them characters lxml refuses
    ("All strings must be XML compatible"), and the whole page or feed entry was lost.

    Args:
        markup: HTML text, before `sanitize` and before it is parsed.

    Returns:
        The markup with those references replaced; every other reference stays.
    """
    return _REFERENCE.sub(_control_character, markup) if "&" in markup else markup


_UNICODE_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUN = re.compile(" {2,}")
_BLANK_LINES = re.compile("\n{3,}")


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode file bytes as UTF-8, falling back to cp1252.

    Args:
        data: The raw bytes of a file or of standard input.

    Returns:
        The text (a leading UTF-8 BOM removed) and a warning, or None when the bytes were UTF-8.
    """
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; "replace" turns them into U+FFFD.
        return data.decode("cp1252", errors="replace"), CP1252_WARNING


def _letters(predicate: Callable[[str], bool]) -> str:
    """Return a regex character class body of the Latin, Greek and Cyrillic letters matching."""
    chars = [chr(c) for c in (*range(0x41, 0x530), *range(0x1E00, 0x1F00)) if predicate(chr(c))]
    return "".join(re.escape(c) for c in chars)


_H = r"[^\S\n]"
_PARTICLE = r"(?:von|van|der|den|de|del|della|di|da|du|dos|das|la|le|ter|bin|ibn|al|el)"
TEASER_MAX = 600
"""Most characters of teaser headlines, so that a card without MORE never eats a paragraph."""
_WINDOW = 2048
"""How far before a ` MORE` a hover card can start: more than a mention, name and teaser."""

_MORE = re.compile(rf"{_H}+MORE\b")


@cache
def _hover_card() -> re.Pattern[str]:
    """The hover-card pattern, compiled on first use: compiling it is slow, and every command
    would pay for it at import (storage and search import this module), and few texts hold ` MORE`."""
    upper, lower = _letters(str.isupper), _letters(str.islower)
    # Bounded so that a long capitalised word costs little backtracking: Blinken, O'Rourke, Ébrard.
    word = rf"[{upper}][\w'’]{{0,30}}(?:-[\w'’]{{1,30}}){{0,2}}"
    # A name may end with a suffix (Pettibone Jr., Reeve, Jr., Ashcombe III), and its full
    # form hold initials (K., J.R.), a particle (van der) and a nickname: (Bart), "Nell". A
    # mention has two letters at least: "III" is not "I" followed by a card "II...".
    suffix = rf"(?:,?{_H}(?:Jr\.|Sr\.|(?:III|IV|II)(?![{lower}'’])))"
    nickname = rf"(?:\({word}\)|[\"“]{word}[\"”])"
    name_token = rf"(?:(?:[{upper}]\.)+|{word}|{nickname}|{_PARTICLE}(?:-{word})?)"
    named = rf"[{upper}][\w'’]{{1,30}}(?:-[\w'’]{{1,30}}){{0,2}}"  # a word, 2 letters or more
    return re.compile(
        rf"""
        (?<![\w'’])(?P<mention>(?:{_PARTICLE}-)?{named}{suffix}?)(?:['’]s)?  # Trump's
        (?P<card>
            (?:{name_token}{_H}+){{0,5}}(?P=mention){suffix}?  # the full name, glued on
            (?![{lower}\s])[^\n]{{1,{TEASER_MAX}}}?  # teaser headlines, glued on
            {_H}+MORE\b
        )
        """,
        re.VERBOSE,
    )


def remove_hover_cards(text: str) -> str:
    """Remove the inline "hover cards" that scraped news articles carry after a name.

    `Secretary of State Antony BlinkenAntony BlinkenSunday shows preview: ... MORE were` becomes
    `Secretary of State Antony Blinken were`: the full name glued to the mention, the teaser
    headlines glued to the name, and the closing ` MORE` are removed.

    Args:
        text: Sanitized text, best with its whitespace normalised (as `clean` does).

    Returns:
        The text without hover cards.
    """
    if "MORE" not in text:
        return text
    while True:
        text, count = _remove_cards_once(text)
        if not count:
            return text
        # A removal can join a letter to a combining mark, or a mention to a later card: repeat
        # until nothing changes so that cleaning is idempotent.
        text = unicodedata.normalize("NFC", text)


def _remove_cards_once(text: str) -> tuple[str, int]:
    """Remove the hover cards ending at each ` MORE`, and count them."""
    pieces: list[str] = []
    kept = 0  # text[:kept] is already in pieces
    searched = 0  # no card may span an earlier ` MORE`
    # Searching only a window before each ` MORE` keeps text full of capitalised names fast.
    hover_card = _hover_card()
    for more in _MORE.finditer(text):
        card = hover_card.search(text, max(searched, more.start() - _WINDOW), more.end())
        if card:
            pieces.append(text[kept : card.start("card")])
            kept = card.end()
        searched = more.end()
    pieces.append(text[kept:])
    return "".join(pieces), len(pieces) - 1


def normalise_whitespace(text: str) -> str:
    """Tidy horizontal and vertical whitespace.

    Unicode spaces become plain spaces, lines lose leading and trailing spaces and tabs, runs of
    spaces collapse to one, three or more newlines become one blank line, and the text is
    stripped.

    Args:
        text: Sanitized text.

    Returns:
        The tidied text.
    """
    if not text.isascii():
        text = _UNICODE_SPACE.sub(" ", text)
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    # str.strip per line is linear; a regex like `[ \t]+$` is quadratic on long runs of spaces.
    text = "\n".join(line.strip(" \t") for line in text.split("\n"))
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def clean(text: str) -> str:
    """Run the whole cleaning pipeline: sanitize, tidy whitespace, remove hover cards.

    Args:
        text: Decoded, untrusted text.

    Returns:
        Text that is safe to display and on which offsets can be computed.
    """
    # Whitespace is tidied before hover cards are looked for, so that a second run sees the same
    # spacing and finds nothing new; removing a card leaves the whitespace tidy.
    return remove_hover_cards(normalise_whitespace(sanitize(text)))
