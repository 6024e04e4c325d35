"""Text files and feeds in UTF-16 and UTF-32 are read, not skipped as binary (issue 24): with
a byte-order mark, or, for feeds, the encoding told by the XML prolog (like feedparser's own
tests/encoding feeds). The fixtures are written here."""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import pytest

from tui.ingest import add_sources
from tui.ingest.files import load
from tui.ingest.wide import to_utf8, wide_encoding

MB = 1024 * 1024
TEXT = "Café talks resume in Zürich\n\nMinisters met on Monday — the first time in years.\n"
WIDE = ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]
MARK = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}


def feed(declared: str) -> str:
    return (f'<?xml version="1.0" encoding="{declared}"?>\n'
            '<rss version="2.0"><channel><title>Wire in Zürich</title>'
            "<item><title>Café talks resume</title><link>https://example.com/a</link>"
            "<description>Ministers met on Monday — the first time in years.</description>"
            "</item><item><title>Ölpreis steigt</title><link>https://example.com/b</link>"
            "<description>Oil prices rose again on Tuesday in Europe.</description></item>"
            "</channel></rss>\n")


@pytest.mark.parametrize("encoding", WIDE)
def test_a_text_file_with_a_byte_order_mark_is_read(tmp_path: Path, encoding):
    path = tmp_path / "note.txt"
    path.write_bytes(MARK[encoding] + TEXT.encode(encoding))
    result = load(str(path), max_bytes=MB)
    assert result.skip is None and result.warning is None
    assert result.article.title == "Café talks resume in Zürich"
    assert result.article.body == "Ministers met on Monday — the first time in years."


def test_python_utf16_with_its_mark_and_stdin_too():
    result = load("-", max_bytes=MB, stdin=io.BytesIO(TEXT.encode("utf-16")))
    assert result.article.title == "Café talks resume in Zürich"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-32-be"])
def test_a_text_file_without_a_mark_stays_binary(tmp_path: Path, encoding):
    path = tmp_path / "note.txt"
    path.write_bytes(TEXT.encode(encoding))
    assert load(str(path), max_bytes=MB).skip.reason == "binary file (contains NUL bytes)"


@pytest.mark.parametrize("encoding", WIDE)
@pytest.mark.parametrize("mark", [True, False], ids=["bom", "prolog"])
def test_a_feed_in_utf16_or_utf32_is_read(library, tmp_path: Path, encoding, mark):
    declared = encoding[:6]  # "utf-16": as feed generators write it
    path = tmp_path / "wire.xml"
    path.write_bytes((MARK[encoding] if mark else b"") + feed(declared).encode(encoding))
    report = add_sources(library, [str(path)], max_bytes=MB)
    assert report.skipped == [] and report.added == 2, report
    rows = {a.title: a for a in (library.articles.get(i) for i in (1, 2))}
    assert set(rows) == {"Café talks resume", "Ölpreis steigt"}
    assert rows["Café talks resume"].source == "Wire in Zürich"
    assert "Monday — the first" in rows["Café talks resume"].body


def test_the_prolog_is_told_by_its_bytes_not_by_what_it_declares():
    assert wide_encoding(feed("utf-8").encode("utf-16-le")) == ("utf-16-le", 0)
    assert wide_encoding(b"<?xml version='1.0'?><rss/>") is None
    assert wide_encoding(codecs.BOM_UTF32_LE + b"<\x00\x00\x00") == ("utf-32-le", 4)
    data, warning = to_utf8(feed("UTF-16").encode("utf-16-be"))
    assert warning is None and data.startswith(b'<?xml version="1.0" encoding="utf-8"?>')


def test_bad_wide_bytes_are_replaced_with_a_warning(tmp_path: Path):
    path = tmp_path / "odd.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le") + b"\x00\xd8A\x00")
    result = load(str(path), max_bytes=MB)
    assert result.article.title == "Café talks resume in Zürich"
    assert result.warning == "not valid UTF-16; the bad bytes were replaced"
