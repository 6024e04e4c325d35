"""Tests for parsing article text and for finding and loading article files."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from tui.ingest.files import READS, LoadResult, discover, load
from tui.ingest.text import parse_text
from tui.models import Skip

SEED = Path(__file__).parent.parent / "seeds" / "000_cfe1045a203737ce.txt"
MB = 1024 * 1024


def write(path: Path, data: bytes | str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


def skip_reason(result: LoadResult) -> str:
    assert result.article is None and result.skip is not None
    return result.skip.reason


def test_seed_article():
    result = load(str(SEED), max_bytes=10 * MB)
    article = result.article
    assert result.skip is None and result.warning is None and article is not None
    assert article.title == "US, Mexico resume high-level trade talks halted during Trump era"
    assert article.credit == "© Getty Images"
    assert article.path == str(SEED)
    assert article.title not in article.body
    assert "Getty" not in article.body
    assert "Secretary of State Antony Blinken were included as part of the U.S. team." in (
        article.body
    )
    assert "former President Trump, often a harsh critic of Mexico, halted the dialogue." in (
        article.body
    )
    for hover_text in ("Sunday shows preview", "meatloaf", " MORE", "BlinkenAntony"):
        assert hover_text not in article.body
    assert article.body.startswith("The United States and Mexico on Thursday resumed")
    assert article.word_count > 300
    assert article.uid == "" and article.content_hash == ""


def test_front_matter_wins_and_is_not_body():
    text = (
        "---\nTitle: \"The real title\"\nSOURCE: 'The Hill'\nauthor: Jane Doe\n"
        "link: https://example.com/a\ndate: 2021-09-09\ncredit: Reuters\nlayout: post\n---\n"
        "# Heading in the body\n\nFirst paragraph."
    )
    article = parse_text(text, path="a.md")
    assert article.title == "The real title"
    assert article.source == "The Hill"
    assert article.author == "Jane Doe"
    assert article.url == "https://example.com/a"
    assert article.published == "2021-09-09"
    assert article.credit == "Reuters"
    assert article.body == "First paragraph."


def test_front_matter_title_keeps_a_plain_first_paragraph():
    text = "---\ntitle: Given\npublished: 2020-01-02T10:00:00Z\n---\nThe body starts here.\n"
    article = parse_text(text)
    assert (article.title, article.body) == ("Given", "The body starts here.")
    assert article.published == "2020-01-02T10:00:00Z"


def test_front_matter_must_close_within_40_lines():
    text = "---\n" + "title: x\n" * 45 + "---\n\nBody."
    article = parse_text(text)
    assert article.title == "---"
    assert article.body.startswith("title: x")


def test_markdown_heading_and_setext_underline():
    assert parse_text("# A heading\n\nBody.").title == "A heading"
    article = parse_text("A heading\n=========\n\nBody.", path="notes.MD")
    assert (article.title, article.body) == ("A heading", "Body.")


def test_hard_wrapped_paragraphs_are_joined():
    text = "Title\n\nThe first line\nof a wrapped\nparagraph.\n\nSecond\nparagraph."
    article = parse_text(text)
    assert article.body == "The first line of a wrapped paragraph.\n\nSecond paragraph."
    assert article.paragraphs == ["The first line of a wrapped paragraph.", "Second paragraph."]
    assert article.word_count == 9


def test_repeated_title_dropped():
    article = parse_text("Big  News Today\n\nbig news   TODAY\n\nBody text.")
    assert (article.title, article.body) == ("Big  News Today", "Body text.")


def test_word_count_counts_words_not_punctuation():
    article = parse_text("T\n\nIt's a high-level — talk, in 2021 ... “really”!")
    assert article.word_count == 7  # It's, a, high-level, talk, in, 2021, really


@pytest.mark.parametrize(
    "credit",
    [
        "© Getty Images",
        "(c) Reuters",
        "Photo: AP",
        "Image: Jane Doe/Reuters",
        "Credit: NASA/JPL",
        "Getty Images",
        "AFP via Getty Images",
        "Photograph: Kevin Lamarque/Reuters",
        "Chip Somodevilla/Getty Images",
        "Reuters/Kevin Lamarque",
    ],
)
def test_credit_lines(credit):
    article = parse_text(f"A title\n{credit}\n\nThe body sentence.")
    assert (article.credit, article.body) == (credit, "The body sentence.")
    article = parse_text(f"A title\n\nA title\n\n{credit}\n\nThe body sentence.")
    assert (article.credit, article.body) == (credit, "The body sentence.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Getty Images shares fell 5% on Monday after a weak quarter.",
        "Credit card debt rose sharply in March, the Fed said.",
        "Photographs of the flood spread quickly online.",
        "Reuters reported on Monday that the talks had collapsed.",
        "Photo: The president speaks to reporters outside the White House.",
        "Officials said the deal would be signed by the end of the week, according to Reuters",
    ],
)
def test_sentences_are_not_credits(sentence):
    article = parse_text(f"A title\n\n{sentence}\n\nMore body.")
    assert article.credit == ""
    assert article.body == f"{sentence}\n\nMore body."


def test_credit_only_just_below_the_title():
    text = "A title\n\nOne.\n\nTwo.\n\n© Getty Images\n\nThree."
    article = parse_text(text)
    assert article.credit == ""
    assert "© Getty Images" in article.body


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "no text"),
        ("\n\n", "no text"),
        ("Only a title", "title only, no body"),
        ("Title\n\nTitle", "title only, no body"),
        ("Title\n© Getty Images\n", "title only, no body"),
        ("---\ntitle: x\n---\n", "no text"),
    ],
)
def test_parse_errors(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_text(text)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    names = ("b.txt", "c.MD", "sub/d.markdown", "sub/e.text", ".hidden.txt", ".git/x.txt")
    for name in (*names, "img.png", "doc.pdf"):
        write(root / name, "Title\n\nBody.")
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "sub" / "same.txt").symlink_to(root / "b.txt")
    return root


def test_discover_walks_a_tree(tree: Path):
    paths, skips, ignored = discover([str(tree)])
    assert paths == [str(tree / n) for n in ("b.txt", "c.MD", "sub/d.markdown", "sub/e.text")]
    assert skips == []
    assert ignored == 2


def test_discover_lists_a_file_reached_through_a_linked_folder_once(tree: Path, tmp_path: Path):
    (tmp_path / "alias").symlink_to(tree, target_is_directory=True)
    paths, _, _ = discover([str(tree), str(tmp_path / "alias"), str(tmp_path / "alias/b.txt"),
                            str(tree / "sub/../b.txt")])
    assert paths == [str(tree / n) for n in ("b.txt", "c.MD", "sub/d.markdown", "sub/e.text")]


def test_discover_sources_in_order_with_skips_and_duplicates(tree: Path, tmp_path: Path):
    pdf = write(tmp_path / "report.pdf", b"%PDF")
    bare = write(tmp_path / "README", "x")
    missing = str(tmp_path / "gone.txt")
    sources = ["-", str(tree / "sub"), pdf, missing, str(tree), "-", str(tree / "b.txt"), bare]
    paths, skips, ignored = discover(sources)
    assert paths == [
        "-",
        str(tree / "sub/d.markdown"),
        str(tree / "sub/e.text"),
        str(tree / "sub/same.txt"),
        str(tree / "c.MD"),
    ]
    assert skips == [
        Skip(pdf, f"unsupported file type .pdf ({READS})"),
        Skip(missing, "no such file or directory"),
        Skip(bare, f"no file extension ({READS})"),
    ]
    assert ignored == 2


def test_discover_explicit_hidden_file(tmp_path: Path):
    path = write(tmp_path / ".draft.txt", "T\n\nB")
    assert discover([path]) == ([path], [], 0)


def test_load_text_file_and_markdown(tmp_path: Path):
    path = write(tmp_path / "a.md", "# Heading\r\n\r\nBody \x1b[31mred\x1b[0m text.\r\n")
    result = load(path, max_bytes=MB)
    assert result.skip is None and result.warning is None
    assert (result.article.title, result.article.body) == ("Heading", "Body red text.")
    assert result.article.path == path


def test_load_cp1252_passes_the_warning(tmp_path: Path):
    path = write(tmp_path / "old.txt", b"Caf\xe9 news\n\n\x93Quoted\x94 body.")
    result = load(path, max_bytes=MB)
    assert result.warning == "not valid UTF-8; decoded as cp1252"
    assert (result.article.title, result.article.body) == ("Café news", "“Quoted” body.")


def test_load_stdin():
    result = load("-", max_bytes=MB, stdin=io.BytesIO(b"From a pipe\n\nBody text."))
    assert result.article.path == "-"
    assert (result.article.title, result.article.body) == ("From a pipe", "Body text.")


def test_load_stdin_too_large():
    result = load("-", max_bytes=1000, stdin=io.BytesIO(b"x" * 5000))
    assert skip_reason(result) == "larger than the 1000 bytes limit"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\r\n  ", "whitespace only"),
        ("\u00a0\u3000\n".encode(), "whitespace only"),
        (b"\xef\xbb\xbf", "empty file"),
        (b"GIF89a\x00\x01\x02binary", "binary file (contains NUL bytes)"),
        # UTF-16 without a byte-order mark (nor an XML prolog) is not told from binary data.
        (("Title\n\n" + "Body text. " * 5).encode("utf-16-le"),
         "binary file (contains NUL bytes)"),
        (bytes(range(1, 32)) * 20 + b"text", "binary file (too many control characters)"),
        (b"Only a title\n", "title only, no body"),
        (b"\x1b[2J\x1b]2;x\x07\n", "no text"),
    ],
)
def test_load_skips_bad_content(tmp_path: Path, data: bytes, reason: str):
    result = load(write(tmp_path / "bad.txt", data), max_bytes=MB)
    assert skip_reason(result) == reason


def test_load_skips_oversized_file_before_reading(tmp_path: Path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(int(12.3 * MB))  # sparse: no 12 MB written
    result = load(str(path), max_bytes=10 * MB)
    assert skip_reason(result) == "larger than the 10 MB limit (12.3 MB)"
    small = load(write(tmp_path / "s.txt", "Title\n\n" + "word " * 500), max_bytes=1024)
    assert skip_reason(small) == "larger than the 1 KB limit (2.4 KB)"


def test_load_missing_and_directory(tmp_path: Path):
    assert skip_reason(load(str(tmp_path / "no.txt"), max_bytes=MB)) == "no such file or directory"
    (tmp_path / "folder.txt").mkdir()
    reason = skip_reason(load(str(tmp_path / "folder.txt"), max_bytes=MB))
    assert reason == "cannot read: is a directory"


def test_load_fifo_is_not_read(tmp_path: Path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert skip_reason(load(str(fifo), max_bytes=MB)) == "cannot read: not a regular file"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_load_unreadable_file(tmp_path: Path):
    path = write(tmp_path / "secret.txt", "Title\n\nBody.")
    os.chmod(path, 0)
    try:
        assert skip_reason(load(path, max_bytes=MB)) == "cannot read: permission denied"
    finally:
        os.chmod(path, 0o600)


def test_load_permission_error_becomes_a_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = write(tmp_path / "secret.txt", "Title\n\nBody.")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr("builtins.open", refuse)
    assert skip_reason(load(path, max_bytes=MB)) == "cannot read: permission denied"
