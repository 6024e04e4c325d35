"""Text in UTF-16 or UTF-32 (as Windows editors and some feed generators write it), told by a
byte-order mark or by how an XML prolog's `<?` is spelt, turned into UTF-8 before the binary
check (its NUL bytes are those of wide characters, not of a binary file).

Without a mark or a prolog, wide text is not told from binary data: the file stays binary.
"""

from __future__ import annotations

import codecs
import re

MARKS = (  # UTF-32 first: its little-endian mark starts like UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
PROLOGS = {  # `<?` in each encoding (the XML spec, appendix F)
    b"<\x00\x00\x00?\x00\x00\x00": "utf-32-le", b"\x00\x00\x00<\x00\x00\x00?": "utf-32-be",
    b"<\x00?\x00": "utf-16-le", b"\x00<\x00?": "utf-16-be",
}
_DECLARED = re.compile(rb"""^(<\?xml[^>]*?\bencoding\s*=\s*)(["'])[A-Za-z0-9._-]*\2""")


def wide_encoding(data: bytes) -> tuple[str, int] | None:
    """The UTF-16 or UTF-32 encoding `data` starts in (and the length of its byte-order mark,
    0 for an XML prolog without one), or None."""
    for mark, encoding in MARKS:
        if data.startswith(mark):
            return encoding, len(mark)
    for start, encoding in PROLOGS.items():
        if data.startswith(start):
            return encoding, 0
    return None


def to_utf8(data: bytes) -> tuple[bytes, str | None]:
    """`data` in UTF-8 when it is UTF-16 or UTF-32 text (its mark dropped, an XML prolog's
    encoding declaration changed to say utf-8), else as it was.

    Returns:
        The bytes and a warning when some were not valid in that encoding (each replaced by
        U+FFFD), else None.
    """
    found = wide_encoding(data)
    if found is None:
        return data, None
    encoding, mark = found
    body = data[mark:]
    name = encoding[:6].upper()
    try:
        text, warning = body.decode(encoding), None
    except UnicodeDecodeError:
        text = body.decode(encoding, errors="replace")
        warning = f"not valid {name}; the bad bytes were replaced"
    encoded = text.encode("utf-8", errors="replace")  # (lone surrogates cannot be encoded)
    return _DECLARED.sub(rb'\1"utf-8"', encoded, count=1), warning
