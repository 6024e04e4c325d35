"""Articles, files and queries that more than one test module uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.conftest import make_article

if TYPE_CHECKING:
    from tui.storage import Library

# -- hostile files (tests/test_hostile.py, test_e2e_hostile.py) -----------------------------

MARKUP = "[@click=app.quit]quit[/] [link=https://x.example]link[/link] [bold]bold[/] [/]"
WIDE = "東京 🎉 x\u0301 👩\u200d💻 Zoë"
HUGE_UNIT = "The harbour \x1b[1mlit\x1b[0m up [bold]again[/bold] tonight. "

# name -> (file bytes, a marker word found only in that article, text the body must hold)
HOSTILE: dict[str, tuple[bytes, str, str]] = {
    "markup.txt": (f"Markup {MARKUP}\n\nThe kestrel said {MARKUP} twice.".encode(),
                   "kestrel", f"said {MARKUP} twice"),
    "osc52.txt": (b"Clipboard\n\nBefore \x1b]52;c;SGVsbG8gd29ybGQ=\x07 after osprey.",
                  "osprey", "Before after osprey."),
    "titles.txt": (b"\x1b]0;pwned\x07Window \x1b]2;pwned\x1b\\title\n\nThe plover \x1b]0;pwned\x07"
                   b"stays.", "plover", "The plover stays."),
    "osc8.txt": (b"Links\n\nA \x1b]8;;https://evil.example/\x1b\\curlew\x1b]8;;\x1b\\ link.",
                 "curlew", "A curlew link."),
    "csi.txt": (b"\x1b[2J\x1b[HClear\n\nThe \x1b[?1049hdunlin\x1b[3J \x1b[31mred\x1b[0m.",
                "dunlin", "The dunlin red."),
    "dcs.txt": (b"Passthrough\n\nThe \x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\gannet\x1bP+q544e\x1b\\.",
                "gannet", "The gannet."),
    "c1.txt": ("Eight-bit\n\nThe \u009b2J\u009d0;pwned\u009c\u0090q\u009cpuffin \u0085ok."
               .encode(), "puffin", "The puffin ok."),
    "c1-raw.txt": (b"Raw C1\n\nThe \x9b2J razorbill \x9d0;x\x9c.", "razorbill", "razorbill"),
    "controls.txt": (b"Controls\n\nThe \x07bell \x08back\x7fdel \x0bv\x0cf \x1f shag." + b" word" * 2000
                     + b"\x00 late NUL.", "shag", "The bell backdel vf shag."),
    "bidi.txt": ("Bidi \u202eesrever\u202c\n\nThe \u2066isolated\u2069 \u200fmarks\u200e eider."
                 .encode(), "eider", "The isolated marks eider."),
    "cp1252.txt": (b"Caf\xe9 title\n\nThe \x93quoted\x94 caf\xe9 smew.", "smew", "“quoted” café"),
    "crlf-bom.md": (b"\xef\xbb\xbfBOM title\r\n\r\nFirst line\r\nsecond line of the egret.\r\n",
                    "egret", "First line second line of the egret."),
    "wide.txt": (f"Wide {WIDE}\n\n{WIDE} and the e\u0301 heron.".encode(), "heron",
                 f"{WIDE} and the é heron."),
    "huge.txt": (b"Huge paragraph\n\n" + HUGE_UNIT.encode() * (5_000_000 // len(HUGE_UNIT)),
                 "harbour", "The harbour lit up [bold]again[/bold] tonight."),
    "lines.txt": (b"Many lines\n\n" + b"".join(f"Line {i} of the bittern.\n\n".encode()
                                              for i in range(50_000)), "bittern",
                  "Line 49999 of the bittern."),
}
HOSTILE["nul.txt"] = (b"NUL\n\nEarly \x00 byte of the tern.", "tern", "Early byte of the tern.")
# A real binary: a PNG's signature and header, then compressed-looking bytes.
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06"
       + bytes(range(256)) * 4)
SKIPPED = {"image.txt": (PNG, "binary file (contains NUL bytes)")}


# -- hostile queries (tests/test_search.py, test_cli.py, test_app_hostile.py) --------------

HOSTILE_QUERIES = [
    '"', '"unbalanced', "(", ")", "((a", "*", "-", "a -", ":", "title:", "NEAR", "NEAR(a b)",
    "AND", "OR", "NOT", "a AND", "OR b", "^", "{", "}", "a:b:c", "'; DROP TABLE articles; --",
    "\x1b]52;c;aGk=\x07", "mexico*", "-mexico", "\\", "%", "_", "\x00", " ", "",
    "x" * 10_000, "é", "🙂", "col:umn", "body:mexico", "title : trade", '""', "*mexico",
    # Syntax FTS5 would run if it ever saw user text unquoted.
    "NEAR(otters experts, 2)", "{title body}: otters", "- otters : title", "^otters", "otters^",
    "title:otters*^", "rowid:1", "articles_fts:otters", "otters NOT NOT experts", '" OR 1=1 --',
    'x" OR "1"="1', "otters); DROP TABLE articles; --", "tag:'; DELETE FROM tags; --",
    # Bounds: nesting, negation and length that once overflowed Python's or SQLite's stack.
    "(" * 5000 + "otters", ")" * 5000, "NEAR(" * 2000, "-otters " * 2000, "NOT " * 5000 + "x",
    "otters OR " * 1500, "otter* " * 1500, "title:otters " * 1500, "tag:x " * 1500,
    "after:2021 " * 1000, "person:bob " * 1000, '"' * 10_000, "-(" * 3000 + "otters",
    "a" * 10_000, "otters " * 2000 + "x" * 10_000,
    # Controls, escapes and what argv makes of bytes that are not UTF-8 (lone surrogates).
    "\x1b[2J\x1b[H otters", "\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\ otters", "\x9b2J otters",
    "\u202eotters", "a\ud800b", "\udcff", "is:\udcff", "otters\x00experts", "\r\n\t otters",
]
"""Hostile query text (search, the CLI, the app)."""


# -- typos (tests/test_typos.py, test_app_typos.py) ---------------------------------------

FILLER = ("The council met on Monday and the talks went on for hours. Officials said the "
          "plan would be looked at again next year.")


def stories(word: str, count: int, start: int = 0) -> list:
    """`count` articles that hold `word` once each, dated a day apart."""
    return [make_article(title=f"Report {start + n}", body=f"{FILLER} {word} was discussed.",
                         published=f"2020-01-{start + n + 1:02d}", url=f"https://x.test/{word}/{n}")
            for n in range(count)]


UKRAINE = [
    ("Gas talks resume", "Ukraine said gas talks would resume.", "2020-01-01"),
    ("Grain exports", "Ukraine and Ukraine's ports: Ukraine ships grain.", "2020-01-02"),
    ("Ukraine votes", "The vote in Ukraine went ahead.", "2020-01-03"),
    ("Markets", "Shares rose. Ukraine was mentioned once.", "2020-01-04"),
    ("Weather", "Rain across the north.", "2020-01-05"),
]


# -- the seed article ---------------------------------------------------------------------

BILLION = "One billion dollars crosses our shared border every day"
"""A sentence of the seed article (tests/conftest.py SEED)."""


# -- libraries for the app's tests ----------------------------------------------------------

def fill(library: Library, count: int = 3, **extra) -> None:
    """`count` articles published on successive days; 'Mexico' in every third title."""
    library.articles.upsert([
        make_article(
            title=f"Story {i:02d}" + (" about Mexico" if i % 3 == 0 else " about Canada"),
            body=f"Body of story {i}." + (" Mexico trade." if i % 3 == 0 else ""),
            source="Reuters", published=f"2021-01-{i + 1:02d}", **extra,
        )
        for i in range(count)
    ])


def fill_politics(library: Library, count: int = 40) -> None:
    """`count` articles, three in four naming Tony Blair, three naming Jose Mourinho."""
    library.articles.upsert([
        make_article(title=f"Politics {i:02d}",
                     body=("Tony Blair spoke" if i % 4 else "The minister spoke") + f" on day {i}."
                     + (" Jose Mourinho answered." if i % 13 == 5 else ""),
                     published=f"2021-{1 + i // 28:02d}-{1 + i % 28:02d}")
        for i in range(count)
    ])


BIG_NOTE = "A note pasted from a long report. " * 3000  # ~100 KB: under the argv limit
