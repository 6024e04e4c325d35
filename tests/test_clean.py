"""Tests for tui.ingest.clean and tui.text: decoding, terminal-safety, hover cards and whitespace."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.ingest.clean import (
    CP1252_WARNING,
    TEASER_MAX,
    clean,
    decode,
    normalise_whitespace,
    remove_hover_cards,
)
from tui.text import UNTERMINATED_CAP, sanitize, terminal_safe, visible

UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff"
    "\ud800-\udfff]"
)


def test_decode_utf8_without_warning():
    assert decode("café".encode()) == ("café", None)


def test_decode_removes_bom():
    assert decode(b"\xef\xbb\xbfTitle") == ("Title", None)


def test_decode_falls_back_to_cp1252_with_warning():
    text, warning = decode(b"caf\xe9 \x93quoted\x94 \x81")
    assert text == "café “quoted” \ufffd"
    assert warning == CP1252_WARNING == "not valid UTF-8; decoded as cp1252"


def test_crlf_and_bom_file():
    text, warning = decode(b"\xef\xbb\xbfTitle\r\n\r\nBody line\r\nwith CR\rend\r\n")
    assert warning is None
    assert clean(text) == "Title\n\nBody line\nwith CR\nend"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("a\x1b]52;c;SGVsbG8gd29ybGQ=\x07b", "ab", id="osc52-clipboard"),
        pytest.param("a\x1b]2;pwned title\x1b\\b", "ab", id="osc2-title"),
        pytest.param("\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\", "click", id="osc8"),
        pytest.param("\x1b[1;31mred\x1b[0m text", "red text", id="csi-colour"),
        pytest.param("\x1b[2J\x1b[3J\x1b[Hhome", "home", id="csi-clear-screen"),
        pytest.param("\x1b[?1049hscreen", "screen", id="csi-private"),
        pytest.param("\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\text", "text", id="dcs-passthrough"),
        pytest.param("\x1bXsos\x1b\\a\x1b^pm\x1b\\b\x1b_apc\x1b\\c", "abc", id="sos-pm-apc"),
        pytest.param("\x9b31mred\x9b0m", "red", id="c1-csi"),
        pytest.param("\x9d2;title\x9cok", "ok", id="c1-osc-st"),
        pytest.param("\x9d52;c;aGk=\x07ok", "ok", id="c1-osc-bel"),
        pytest.param("\x90dcs\x9ca\x98sos\x9cb\x9epm\x9cc\x9fapc\x9c", "abc", id="c1-strings"),
        pytest.param("\x1b7saved\x1b8 \x1b(Bcharset \x1bcreset", "saved charset reset", id="esc"),
        pytest.param("lone\x1b\nesc\x1b", "lone\nesc", id="lone-esc"),
        pytest.param("a\x00b\x7fc", "abc", id="nul-del"),
        pytest.param("\x07bell\x08\x0b\x0c\x1f", "bell", id="other-c0"),
        pytest.param("a\x85b\x8dc\x9f", "abc", id="c1"),
        pytest.param("a\u202eb\u202ac\u2066d\u2069\u200e\u200f\u061ce", "abcde", id="bidi"),
        pytest.param("a\ufeffb", "ab", id="bom-inside"),
        pytest.param("a\tb\nc", "a\tb\nc", id="tab-newline-kept"),
        pytest.param("a\r\nb\rc", "a\nb\nc", id="newlines"),
        pytest.param("line\u2028sep\u2029para", "line\nsep\npara", id="unicode-newlines"),
        pytest.param("Cafe\u0301", "Café", id="nfc"),
        pytest.param("a\ud800b\udcff", "a\ufffdb\ufffd", id="lone-surrogates"),
        pytest.param("[@click=app.quit]x[/]", "[@click=app.quit]x[/]", id="markup-is-text"),
    ],
)
def test_sanitize(raw, expected):
    assert sanitize(raw) == expected


def test_nfc_composes_decomposed_e():
    result = sanitize("e\u0301")
    assert result == "\u00e9" and unicodedata.is_normalized("NFC", result)


def test_unterminated_osc_stops_at_newline():
    raw = "Title\n\nIntro \x1b]52;c;" + "QUFB" * 30 + "\nThe rest of the story.\n\nMore text."
    assert clean(raw) == "Title\n\nIntro\nThe rest of the story.\n\nMore text."


def test_unterminated_osc_on_one_long_line_is_capped():
    raw = "start \x1b]2;" + "word " * 2000
    result = sanitize(raw)
    assert "\x1b" not in result
    assert len(result) >= len(raw) - 4 - UNTERMINATED_CAP
    assert result.endswith("word ")


def test_unterminated_dcs_keeps_later_paragraphs():
    raw = "a\x1bPq#0;2;0;0;0\n\nsecond paragraph"
    assert clean(raw) == "a\n\nsecond paragraph"


def test_long_terminated_osc8_removed_whole():
    url = "https://example.com/" + "x" * 3000
    assert sanitize(f"\x1b]8;;{url}\x1b\\link\x1b]8;;\x1b\\") == "link"


def test_normalise_whitespace():
    raw = "  a\u00a0\u00a0b\u2003c  \n\t\n\n\n\n  d \t\u3000\ne\tf\n\n"
    assert normalise_whitespace(raw) == "a b c\n\nd\ne\tf"


SEED_BLINKEN = (
    "Secretary of State Antony BlinkenAntony BlinkenSunday shows preview: US reaffirms support "
    "for Ukraine amid threat of Russian invasion Coons opposes sending US troops to Ukraine: 'We "
    "would simply be sacrificing them' Overnight Defense & National Security — US, Russia meet "
    "during 'critical' point MORE were included"
)
SEED_TRUMP = (
    "former President TrumpDonald TrumpBiden says Roe v. Wade under attack like 'never before' On "
    "student loans, Biden doesn't have an answer yet Grill company apologizes after sending "
    "meatloaf recipe on same day of rock star's death MORE, often a harsh critic"
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (SEED_BLINKEN, "Secretary of State Antony Blinken were included"),
        (SEED_TRUMP, "former President Trump, often a harsh critic"),
        (
            "Sen. Elizabeth WarrenElizabeth WarrenWarren unveils plan MORE (D-Mass.)",
            "Sen. Elizabeth Warren (D-Mass.)",
        ),
        (
            "Rep. Alexandria Ocasio-CortezAlexandria Ocasio-CortezAOC says X MORE said",
            "Rep. Alexandria Ocasio-Cortez said",
        ),
        ("Speaker PelosiNancy PelosiPelosi to step down MORE.", "Speaker Pelosi."),
        ("Sen. J.D. VanceJ.D. VanceVance: 'No deal' MORE argued", "Sen. J.D. Vance argued"),
        (
            "President Ursula von der LeyenUrsula von der LeyenEU unveils plan MORE said",
            "President Ursula von der Leyen said",
        ),
        (
            "Foreign Secretary Marcelo ÉbrardMarcelo ÉbrardÉbrard: México firmará MORE dijo",
            "Foreign Secretary Marcelo Ébrard dijo",
        ),
        (
            "President Abdel Fattah al-SisiAbdel Fattah al-SisiEgypt votes MORE won",
            "President Abdel Fattah al-Sisi won",
        ),
        ("Beto O'RourkeBeto O'Rourke2022 race tightens MORE, too", "Beto O'Rourke, too"),
        ("Trump'sDonald TrumpTrump rallies again MORE plan", "Trump's plan"),
        (
            "BidenJoe BidenBiden signs bill MORE and HarrisKamala HarrisHarris visits MORE met.",
            "Biden and Harris met.",
        ),
        (
            "Vice President Harris\u00a0HarrisKamala HarrisX  MORE spoke",
            "Vice President Harris\u00a0Harris spoke",
        ),
    ],
)
def test_hover_cards_removed(raw, expected):
    assert remove_hover_cards(raw) == expected


def test_hover_cards_removed_by_clean_across_paragraphs():
    raw = f"{SEED_BLINKEN} as part of the team.\n\n\n{SEED_TRUMP} of Mexico."
    assert clean(raw) == (
        "Secretary of State Antony Blinken were included as part of the team.\n\n"
        "former President Trump, often a harsh critic of Mexico."
    )


@pytest.mark.parametrize(
    "text",
    [
        "We need MORE funding for schools.",
        "ONE MORE TIME",
        "BREAKING: MORE STORMS EXPECTED ON THE COAST MORE",
        "Trump Trump Trump, the crowd chanted, and then MORE of it.",
        "Donald Trump met Donald Trump Jr. at Trump Tower. MORE later.",
        "TrumpDonald Trump said nothing more.",
        "TrumpDonald Trump said nothing.\n\nMORE news tomorrow.",
        "TrumpDonald Trumpian politics MORE often than not",
        "TrumpDonald Trump" + "Headline " * (TEASER_MAX // 9 + 1) + "MORE",
        "Pelosi Nancy PelosiPelosi to step down MORE.",
        "McDonald'sBig Mac sales MORE than doubled",
        "the MOREover clause",
    ],
)
def test_ordinary_text_left_alone(text):
    assert remove_hover_cards(text) == text


FRAGMENTS = [
    *"\x1b[]P\\\x07\x9b\x9c\x9d\x90\r\n\t \u00a0\u2003\u202e\u2066\ufeff\u0301eEé-.\u2028\x00\x85",
    *"\ud800\udcff東🎉\u200d",  # lone surrogates (JSON escapes, argv), wide, emoji, ZWJ
    "[@click=app.quit]", "[/]",
    *(" MORE", "MORE", "TrumpDonald Trump", "Trump", "Headline", "'s"),
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.text(), st.sampled_from(FRAGMENTS)), max_size=40).map("".join))
def test_clean_is_safe_and_idempotent(text):
    once = clean(text)
    assert not UNSAFE.search(once)
    assert "\r" not in once and "\u2028" not in once
    assert unicodedata.is_normalized("NFC", once)
    assert clean(once) == once


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(), st.sampled_from(FRAGMENTS)), max_size=40).map("".join))
def test_message_and_display_helpers_let_nothing_through(text):
    shown = visible(text)
    assert not UNSAFE.search(shown) and "\n" not in shown and "\t" not in shown
    drawn = terminal_safe(text)
    assert len(drawn) == len(text)  # one for one: offsets into the text still hold
    assert not UNSAFE.search(drawn) and "\n" not in drawn


# Speed is measured by tests/bench, never asserted here; these check correctness at size.
def test_sanitize_handles_a_5mb_paragraph():
    unit = "Plain words, \x1b[1mbold\x1b[0m and a \x1b]8;;https://x.example\x07link\x1b]8;;\x07. "
    text = unit * (5_000_000 // len(unit))
    result = sanitize(text)
    assert "\x1b" not in result and "\x07" not in result


def test_clean_handles_a_5mb_paragraph_with_names():
    unit = "Antony BlinkenAntony BlinkenX said MORE and TrumpDonald Trump spoke to Harris. "
    text = unit * (5_000_000 // len(unit))
    result = clean(text)
    assert "BlinkenAntony" not in result
    assert result.count("TrumpDonald") == text.count("TrumpDonald")
