"""Text safety: what makes untrusted text (article text, file names, a library another program
wrote, a config value, a server's reply) safe to store, print, draw and write as JSON.

Every layer uses it (storage, ingest, search, export, the CLI and the app), so it depends on
nothing of ours.
"""

from __future__ import annotations

import re
import unicodedata

# An unterminated OSC/DCS/SOS/PM/APC string is cut at the end of its line, or after this many
# characters on a line that never ends: real payloads (titles, OSC 8 URLs, OSC 52 clipboard
# blobs) never contain a newline, and the cap bounds the loss in a one-paragraph file.
UNTERMINATED_CAP = 512
# A terminated string may be longer (an OSC 52 blob or a long OSC 8 URL), but stays on one line.
TERMINATED_CAP = 8192

_STRING_INTRO = r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])"
_STRING_BODY = r"[^\x07\x1b\x9c\n]"
# Patterns a clean text never needs are kept as text and compiled when first used
# (`re.compile` keeps them): compiling them all at import slowed a one-off `newsreader search`
# (docs/performance.md, issue 23). `_CONTROL` and `_ESCAPE_START` test every text.
_ESCAPE = (
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
_SURROGATE = "[\ud800-\udfff]"
"""Lone surrogates (from JSON `\\ud800` escapes, or undecodable bytes in argv): SQLite and
UTF-8 output cannot encode them."""
_UNSAFE = (
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff"
    "\ud800-\udfff]"
)
"""Characters that could act on a terminal or break a line, escape sequences' ESC among them."""
# U+2028/U+2029 split lines for str.splitlines() and some renderers but not for "\n" offsets.
_NEWLINE = "\r\n?|[\u2028\u2029]"


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
        text = re.compile(_NEWLINE).sub("\n", text)
    if _ESCAPE_START.search(text):
        text = re.compile(_ESCAPE).sub("", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    if not text.isascii() and re.search(_SURROGATE, text):
        text = re.compile(_SURROGATE).sub("\ufffd", text)
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
    return re.compile(_UNSAFE).sub(
        lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


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
    if not re.search(_UNSAFE, text):
        return text
    return re.compile(_UNSAFE).sub(
        lambda m: m.group() if m.group() in "\t\n" else "\ufffd", text)


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
    if not re.search(_UNSAFE, text):
        return text
    return re.compile(_UNSAFE).sub(lambda m: " " if m.group() in "\t\n" else "\ufffd", text)


_JSON_UNSAFE = (
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
    return text.translate(_JSON_ESCAPES)


class _JsonEscapes(dict[int, str]):
    """Code point -> its `\\uXXXX` escape when `_JSON_UNSAFE` holds it, else the character
    itself, for `str.translate`; filled as characters are met (compiling that class, or a
    table of its 2,096 escapes, costs more than a search's whole JSON)."""

    def __init__(self, unsafe: str) -> None:
        super().__init__()
        self.ranges: list[tuple[str, str]] = []
        chars, at = unsafe[1:-1], 0  # "[a-bc...]": single characters and ranges
        while at < len(chars):
            first = last = chars[at]
            if chars[at + 1:at + 2] == "-":
                last = chars[at + 2]
                at += 2
            at += 1
            self.ranges.append((first, last))

    def __missing__(self, code: int) -> str:
        char = chr(code)
        value = f"\\u{code:04x}" if any(a <= char <= b for a, b in self.ranges) else char
        if len(self) < 50_000:  # a text made of every code point cannot grow it for ever
            self[code] = value
        return value


_JSON_ESCAPES = _JsonEscapes(_JSON_UNSAFE)


def shorten(text: str, width: int) -> str:
    """`text` on one line (whitespace collapsed), cut to `width` characters with `…`."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def wrap_lines(text: str, width: int) -> list[tuple[int, int]]:
    """Where to break `text` (one line) into lines of at most `width` cells, between words.

    Returns:
        `(start, end)` offsets of each line in `text`, so that spans in `text` can be drawn
        on the lines they fall on. A word longer than `width` gets a line of its own.
    """
    from rich.cells import cell_len  # cells, not characters: wide scripts take two each

    lines: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    for word in re.finditer(r"\S+", text):
        if start is not None and cell_len(text[start:word.end()]) > width:
            lines.append((start, end))
            start = None
        if start is None:
            start = word.start()
        end = word.end()
    if start is not None:
        lines.append((start, end))
    return lines
