"""Pure text cleaning for untrusted article text, run before anything is computed on it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

CP1252_WARNING = "not valid UTF-8; decoded as cp1252"

# An unterminated OSC/DCS/SOS/PM/APC string is cut at the end of its line, or after this many
# characters on a line that never ends: real payloads (titles, OSC 8 URLs, OSC 52 clipboard
# blobs) never contain a newline, and the cap bounds the loss in a one-paragraph file.
UNTERMINATED_CAP = 512
# A terminated string may be longer (an OSC 52 blob or a long OSC 8 URL), but stays on one line.
TERMINATED_CAP = 8192

_STRING_INTRO = r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])"
_STRING_BODY = r"[^\x07\x1b\x9c\n]"
_ESCAPE = re.compile(
    rf"{_STRING_INTRO}{_STRING_BODY}{{0,{TERMINATED_CAP}}}(?:\x07|\x1b\\|\x9c)"  # OSC, DCS, ...
    rf"|{_STRING_INTRO}{_STRING_BODY}{{0,{UNTERMINATED_CAP}}}"  # ... without their terminator
    r"|(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"  # CSI, final byte may be missing
    r"|\x1b[\x20-\x2f]{0,2}[\x30-\x7e]?"  # two-byte and nF sequences, and a lone ESC
)
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 except tab and newline, DEL, C1
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"  # bidi marks, overrides, isolates; BOM
)
_ESCAPE_START = re.compile("[\x1b\x90\x98\x9b\x9d-\x9f]")
"""Every match of `_ESCAPE` starts with one of these."""
_SURROGATE = re.compile("[\ud800-\udfff]")
"""Lone surrogates (from JSON `\\ud800` escapes, or undecodable bytes in argv): SQLite and
UTF-8 output cannot encode them."""
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff"
    "\ud800-\udfff]"
)
"""Characters that could act on a terminal or break a line, escape sequences' ESC among them."""
# U+2028/U+2029 split lines for str.splitlines() and some renderers but not for "\n" offsets.
_NEWLINE = re.compile("\r\n?|[\u2028\u2029]")

_REFERENCE = re.compile(r"&(?:amp;)*#(?:[xX]0*([0-9a-fA-F]{1,8})|0*([0-9]{1,10}));?")
"""A numeric character reference, also escaped once or more (`&amp;#x19;`: a feed's HTML
holds the page's references escaped once more)."""


def _control_character(match: re.Match) -> str:
    hexa, decimal = match.group(1), match.group(2)
    number = int(hexa, 16) if hexa else int(decimal)
    if (number < 0x20 and number not in (0x09, 0x0A, 0x0D)) or 0x7F <= number <= 0x9F:
        return chr(number)  # a control: `sanitize` removes it, with the sequence it starts
    if 0xD800 <= number <= 0xDFFF or number in (0xFFFE, 0xFFFF) or number > 0x10FFFF:
        return ""  # no character at all
    return match.group()


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


def sanitize(text: str) -> str:
    """Make untrusted text safe to show in a terminal.

    Normalises newlines to LF; removes terminal escape sequences (CSI, OSC, DCS, SOS, PM, APC,
    in 7-bit and 8-bit forms, other ESC sequences and a lone ESC), C0 controls other than tab
    and newline, DEL, C1 controls, bidi controls and U+FEFF; replaces lone surrogates with
    U+FFFD; then normalises to NFC.

    Args:
        text: Any text.

    Returns:
        The sanitized text.
    """
    # Each pass runs only when its trigger is present: clean text (most of it) costs one scan.
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        text = _NEWLINE.sub("\n", text)
    if _ESCAPE_START.search(text):
        text = _ESCAPE.sub("", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    if not text.isascii() and _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return unicodedata.normalize("NFC", text)


def visible(text: str) -> str:
    """Untrusted text (a file name, a URL, a reason quoting them) made safe for a message line.

    Controls (tab and newline too), C1, bidi controls, line separators, U+FEFF and lone
    surrogates are shown as Python-style escapes (`\\x1b`), so that a terminal never acts on
    them and the person can still tell which file was meant.

    Args:
        text: Any text.

    Returns:
        The text, on one line, with those characters spelt out.
    """
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def terminal_text(text: str) -> str:
    """Text made safe to print on a terminal: the one rule for everything newsreader prints.

    Each character a terminal could act on (C0 controls but tab and newline, DEL, C1 controls,
    bidi controls, line separators, U+FEFF) or that UTF-8 cannot encode (a lone surrogate)
    becomes U+FFFD, one for one: an escape sequence stored in a library by another program
    shows as the harmless text around its ESC, and offsets into the text stay valid (so bold
    search hits and highlights still land on their words).

    Args:
        text: Text about to be printed or drawn, from anywhere (a library, a config, a server).

    Returns:
        Text of the same length with nothing a terminal would act on; tabs and newlines kept.
    """
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: m.group() if m.group() in "\t\n" else "\ufffd", text)


def terminal_safe(text: str) -> str:
    """`terminal_text` for one line: tab and newline become spaces too.

    Offsets into the text stay valid, so widgets can apply this to stored text that ought to
    be clean already (a library written by another tool or an older version) without moving
    a highlight.

    Args:
        text: Text about to be drawn on one line.

    Returns:
        Text of the same length with nothing a terminal would act on.
    """
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda m: " " if m.group() in "\t\n" else "\ufffd", text)


_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff"
    "\ud800-\udfff]"
)
"""What `json.dumps(..., ensure_ascii=False)` leaves raw but a terminal could act on (it
escapes only C0): DEL, C1, bidi controls, line separators, U+FEFF and lone surrogates."""


def json_text(data: object, *, indent: int | None = 2) -> str:
    """JSON that is safe to `cat`: readable UTF-8, with every unsafe character escaped.

    `json.dumps` escapes C0 controls; this escapes the rest of what `terminal_text` replaces
    as `\\uXXXX` too, so the data round-trips exactly while no byte of it acts on a terminal.
    Such characters only ever occur inside JSON strings, where the escape is valid.

    Args:
        data: Anything `json.dumps` takes.
        indent: As for `json.dumps`.

    Returns:
        The JSON text.
    """
    import json

    text = json.dumps(data, ensure_ascii=False, indent=indent)
    if text.isascii() and "\x7f" not in text:
        return text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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
    """The hover-card pattern, compiled on first use: that takes ~5 ms, which every command
    would pay at import (storage and search import this module), and few texts hold ` MORE`."""
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
