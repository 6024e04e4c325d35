"""Find article files under the sources given and load each one, skipping bad input."""

from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import dataclass
from typing import BinaryIO

from ..models import Article, Skip
from .clean import clean, decode
from .text import parse_text
from .wide import to_utf8

SUPPORTED = (".txt", ".md", ".markdown", ".text", ".html", ".htm", ".rss", ".atom", ".xml",
             ".jsonl", ".ndjson", ".json", ".csv")
"""Every file type `add` reads: text, web pages, feeds and dataset dumps."""
READS = "newsreader reads .txt, .md, .html, .rss, .atom, .xml, .jsonl, .json and .csv"
STDIN = "-"
SNIFF_BYTES = 8192
"""How much of the start of a file the binary check looks at."""
MAX_CONTROL_RATIO = 0.10
MAX_NUL_SHARE = 0.01
STRAY_NULS = 16
"""A file with NUL bytes is text with stray NULs (as scraped dumps have) when they are at most
STRAY_NULS or MAX_NUL_SHARE of its bytes, and the rest is valid UTF-8 with few other
controls; else it is binary (an image, UTF-16 text, a database, an executable)."""

# Bytes that are controls in text but common in real articles, or removed later by `sanitize`.
_TEXT_CONTROLS = b"\t\n\r\f\x1b"
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")
_CONTROLS = bytes(b for b in (*range(0x20), 0x7F) if b not in _TEXT_CONTROLS)


@dataclass
class LoadResult:
    """The outcome of loading one source: an article or a skip, and maybe a warning."""

    article: Article | None = None
    skip: Skip | None = None
    warning: str | None = None
    """A note on an article that was still read, such as a cp1252 fallback."""


class Rejected(Exception):
    """A source that cannot become an article; the message is the human reason."""


def discover(sources: list[str]) -> tuple[list[str], list[Skip], int]:
    """Expand files, folders and `-` into the list of sources to load.

    Folders are walked recursively in sorted order, skipping hidden entries and symlinked
    folders; their files of other types are only counted. A file named explicitly with another
    type, or a missing path, becomes a skip. Each file is listed once.

    Args:
        sources: Paths, folders or "-" (standard input), in the order given.

    Returns:
        The sources to load, the skips, and how many files in folders were ignored.
    """
    found: list[str] = []
    skips: list[Skip] = []
    ignored = 0
    seen: set[str] = set()
    real_folders: dict[str, str] = {}

    def real(path: str) -> str:
        """`os.path.realpath(path)` with each folder resolved once: realpath checks every
        component of every path, a noticeable part of a large add."""
        folder, name = os.path.split(path)
        if name in ("", ".", "..") or os.path.islink(path):
            return os.path.realpath(path)
        if folder not in real_folders:
            real_folders[folder] = os.path.realpath(folder)
        return os.path.join(real_folders[folder], name)

    def keep(path: str) -> None:
        key = path if path == STDIN or _URL.match(path) else real(path)
        if key not in seen:
            seen.add(key)
            found.append(path)

    for source in sources:
        if source == STDIN:
            keep(source)
        elif _URL.match(source):
            scheme = source.split(":", 1)[0].lower()
            if scheme not in ("http", "https"):
                skips.append(Skip(source, f"only http and https URLs are read, not {scheme}:"))
            elif problem := url_problem(source):
                skips.append(Skip(source, problem))
            else:
                keep(source)
        elif os.path.isdir(source):
            files, errors, others = _walk(source)
            for path in files:
                keep(path)
            skips.extend(errors)
            ignored += others
        elif os.path.lexists(source):
            suffix = os.path.splitext(source)[1]
            if suffix.lower() in SUPPORTED:
                keep(source)
            else:
                kind = f"unsupported file type {suffix}" if suffix else "no file extension"
                skips.append(Skip(source, f"{kind} ({READS})"))
        else:
            skips.append(Skip(source, "no such file or directory"))
    return found, skips, ignored


def url_problem(url: str) -> str:
    """Why a URL cannot be fetched as written ("" when it can be tried), e.g. `http://[::1`."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as exc:
        return f"malformed URL ({exc})"
    if not parts.hostname:
        return "malformed URL (no host)"
    return ""


def _walk(folder: str) -> tuple[list[str], list[Skip], int]:
    """List the supported files under a folder, the folders that could not be read, the rest."""
    files: list[str] = []
    errors: list[Skip] = []
    ignored = 0

    def unreadable(error: OSError) -> None:
        errors.append(Skip(error.filename or folder, reason(error)))

    # followlinks=False: a symlinked folder could loop back to an ancestor.
    for root, dirs, names in os.walk(folder, onerror=unreadable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            if os.path.splitext(name)[1].lower() in SUPPORTED:
                files.append(os.path.join(root, name))
            else:
                ignored += 1
    return files, errors, ignored


def load(source: str, *, max_bytes: int, stdin: BinaryIO | None = None) -> LoadResult:
    """Read, clean and parse one source; every expected failure becomes a skip.

    Args:
        source: A file path, or "-" for standard input.
        max_bytes: Larger sources are skipped.
        stdin: The binary stream read for "-" (default: the process's standard input).

    Returns:
        The article, or a skip with a one-line reason; plus any decoding warning.
    """
    warning = None
    try:
        data, wide = to_utf8(read_bytes(source, max_bytes, stdin))
        data, warning = strip_stray_nuls(data)
        warning = join_warnings(wide, warning)
        check_bytes(data)
        text, decoded = decode(data)
        warning = join_warnings(warning, decoded)
        if not text.strip():
            raise Rejected("whitespace only" if text else "empty file")
        article = parse_text(clean(text), path=source)
    except (Rejected, ValueError) as exc:
        return LoadResult(skip=Skip(source, str(exc)), warning=warning)
    except OSError as exc:
        return LoadResult(skip=Skip(source, reason(exc)), warning=warning)
    return LoadResult(article=article, warning=warning)


def read_bytes(source: str, max_bytes: int, stdin: BinaryIO | None) -> bytes:
    """Read at most max_bytes + 1 bytes, so that an oversized source is noticed."""
    limit = f"larger than the {_size(max_bytes)} limit"
    if source == STDIN:
        data = (stdin or sys.stdin.buffer).read(max_bytes + 1)
        if len(data) > max_bytes:
            raise Rejected(limit)
        return data
    info = os.stat(source)
    if stat.S_ISDIR(info.st_mode):
        raise Rejected("cannot read: is a directory")
    if not stat.S_ISREG(info.st_mode):
        # A FIFO or device could block forever or never end.
        raise Rejected("cannot read: not a regular file")
    if info.st_size > max_bytes:
        raise Rejected(f"{limit} ({_size(info.st_size)})")
    with open(source, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise Rejected(limit)  # the file grew after the stat
    return data


def strip_stray_nuls(data: bytes) -> tuple[bytes, str | None]:
    """Remove NUL bytes from what is text apart from a few of them (see `MAX_NUL_SHARE`).

    Returns:
        The bytes without their NULs and a warning saying so; or the bytes as they were and
        None when they hold no NUL, or too many, or are not UTF-8 without them (then
        `check_bytes` calls them binary).
    """
    nuls = data.count(b"\x00")
    if not nuls or nuls > max(STRAY_NULS, MAX_NUL_SHARE * len(data)):
        return data, None
    rest = data.replace(b"\x00", b"")
    try:
        rest.decode("utf-8")
    except UnicodeDecodeError:
        return data, None
    if _too_many_controls(rest[:SNIFF_BYTES]):
        return data, None
    noun = "byte" if nuls == 1 else "bytes"
    return rest, f"removed {nuls} stray NUL {noun} from the text"


def join_warnings(*warnings: str | None) -> str | None:
    """Several warnings about one source as one line (None when there are none)."""
    return "; ".join(w for w in warnings if w) or None


def check_bytes(data: bytes) -> None:
    """Reject empty, whitespace-only and binary content."""
    if not data:
        raise Rejected("empty file")
    if not data.strip():
        raise Rejected("whitespace only")
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        raise Rejected("binary file (contains NUL bytes)")
    if _too_many_controls(head):
        raise Rejected("binary file (too many control characters)")


def _too_many_controls(head: bytes) -> bool:
    controls = len(head) - len(head.translate(None, _CONTROLS))
    return controls > MAX_CONTROL_RATIO * len(head)


def reason(error: OSError) -> str:
    """Turn an OSError into a one-line reason, never a traceback."""
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    detail = error.strerror or type(error).__name__
    return f"cannot read: {detail[:1].lower()}{detail[1:]}"


def _size(count: int) -> str:
    """Format a byte count the way the config states limits (MB are 1024 * 1024 bytes)."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if count >= scale:
            return f"{count / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{count} bytes"
