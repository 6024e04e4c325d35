"""Paragraphs, sentences, search-term spans and cell-width wrapping (pure, no Textual)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import SEED, SEED_TITLE, make_article
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.segment import layout, metadata_text, paragraph_spans, sentence_spans, term_spans, wrap


def sentences(text: str) -> list[str]:
    return [text[s.start:s.end] for s in sentence_spans(text)]


def seed_body() -> str:
    """The seed's body: through the ingester when it is there, else the lines after the title,
    the repeated title and the credit."""
    try:
        from tui.ingest.files import load
    except ImportError:
        lines = SEED.read_text(encoding="utf-8").split("\n")
        assert lines[0] == lines[2] == SEED_TITLE
        return "\n".join(lines[4:]).strip()
    return load(str(SEED), max_bytes=10_000_000).article.body


def test_paragraph_spans_split_on_blank_lines_and_strip():
    body = "  First one.\nsame para\n\n\n  Second.  \n \n\nThird"
    spans = paragraph_spans(body)
    assert [body[a:b] for a, b in spans] == ["First one.\nsame para", "Second.", "Third"]
    assert paragraph_spans("") == [] and paragraph_spans("\n\n  \n") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Mr. Smith went to Washington. He met Dr. Jones.",
     ["Mr. Smith went to Washington.", "He met Dr. Jones."]),
    ("The U.S. team won. Shares of J.P. Morgan and J. P. Morgan rose.",
     ["The U.S. team won.", "Shares of J.P. Morgan and J. P. Morgan rose."]),
    ("It made $1.13bn, up 3.5%. Analysts cheered.",
     ["It made $1.13bn, up 3.5%.", "Analysts cheered."]),
    ("“Is it?” she asked. “Yes!” he said. (It was.) Then more.",
     ["“Is it?” she asked.", "“Yes!” he said.", "(It was.)", "Then more."]),
    ("Talks began at 9 a.m. Tuesday in St. Louis. Sen. Warren and Gov. Newsom spoke.",
     ["Talks began at 9 a.m. Tuesday in St. Louis.", "Sen. Warren and Gov. Newsom spoke."]),
    ("Apples, pears, etc. were sold. Prices fell, e.g. Bananas. Not i.e. This.",
     ["Apples, pears, etc. were sold.", "Prices fell, e.g. Bananas.", "Not i.e. This."]),
    ("It rose in Sept. And fell on Oct. 3 to No. 2 spot. He moved to the U.S. The end.",
     ["It rose in Sept.", "And fell on Oct. 3 to No. 2 spot.", "He moved to the U.S.", "The end."]),
    ("Acme Corp. Ltd. won. Roe v. Wade stands. lower case. after",
     ["Acme Corp. Ltd. won.", "Roe v. Wade stands. lower case. after"]),
    ("Wait... What? Really?! 2020 was odd.", ["Wait...", "What?", "Really?!", "2020 was odd."]),
    ("东京很大。大阪也很大！真的吗？是的", ["东京很大。", "大阪也很大！", "真的吗？", "是的"]),
])
def test_sentence_spans(text, expected):
    assert sentences(text) == expected


def test_sentences_never_cross_paragraphs_and_exclude_whitespace():
    body = "  One line\nwith a break and no stop\n\nNext paragraph. Two.  "
    found = sentence_spans(body)
    assert [body[s.start:s.end] for s in found] == [
        "One line\nwith a break and no stop", "Next paragraph.", "Two."]
    assert [s.paragraph for s in found] == [0, 1, 1]


def test_seed_article_sentences():
    body = seed_body()
    found = sentences(body)
    assert ("One billion dollars crosses our shared border every day,” Harris said, according "
            "to the news outlet.") in found
    team = next(s for s in found if "the U.S. team" in s)
    assert team.endswith("were included as part of the U.S. team.")
    assert "The vice president said that for this reason, the U.S. and Mexico should come " \
           "together to address the problem." in found
    assert all(s == s.strip() and s for s in found)
    assert len(found) >= 20


def test_term_spans_whole_words_case_and_diacritics():
    text = "Éric met eric at the Café; cafeteria ERICA. Mexico's MEXICO"
    hits = term_spans(text, ["eric", "cafe", "mexico"])
    assert [text[h.start:h.end] for h in hits] == ["Éric", "eric", "Café", "Mexico", "MEXICO"]
    assert all(h.kind == "hit" for h in hits)


def test_term_spans_prefix_phrase_overlap_and_empty():
    text = "Trade talks: traders traded. Mexico City and Mexico."
    hits = term_spans(text, ["trad*", "mexico city", "mexico", "", "*"])
    assert [text[h.start:h.end] for h in hits] == [
        "Trade", "traders", "traded", "Mexico City", "Mexico"]
    assert term_spans(text, []) == [] and term_spans("", ["x"]) == []
    # Regex characters in a term are literal text, never syntax.
    assert [(h.start, h.end) for h in term_spans("a [b] c", ["[b]"])] == [(2, 5)]
    assert term_spans("abc", ["a.c"]) == []


def test_wrap_respects_cell_widths():
    text = "東京は日本の首都です。大阪は大きい都市です。 and English words"
    for width in (1, 2, 7, 10, 33):
        lines = wrap(text, width)
        assert all(cell_len(text[a:b]) <= max(width, 2) for a, b in lines)
        assert "".join(text[a:b] for a, b in lines).replace(" ", "") == text.replace(" ", "")


def test_wrap_words_and_long_words():
    text = "see https://example.com/a/very/long/path ok"
    lines = [text[a:b] for a, b in wrap(text, 12)]
    assert lines[0] == "see" and all(len(line) <= 12 for line in lines)
    text = "hello world this is"
    assert [text[a:b] for a, b in wrap(text, 11)] == ["hello world", "this is"]
    assert wrap("", 10) == [] and wrap("   ", 10) == []


def test_layout_body_lines_are_slices_of_the_body():
    article = make_article(title="Title", body="First para. Two.\n\nSecond\tpara " + "word " * 40,
                           source="Wire", url="https://example.com/" + "x" * 200, word_count=460)
    lines = layout(article, 30)
    assert lines[0].text == "Title" and lines[0].role == "title"
    assert metadata_text(article) == "Wire · 460 words · 2 min read"
    url = [line for line in lines if line.role == "url"]
    assert len(url) == 1 and url[0].text.endswith("…") and cell_len(url[0].text) <= 30
    for line in lines:
        assert cell_len(line.text) <= 30
        if line.role == "body":
            assert article.body[line.start:line.start + len(line.text)].replace("\t", " ") \
                == line.text


def test_segment_imports_no_textual():
    code = "import sys, tui.segment; print(any(m.startswith('textual') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_fold_keeps_every_offset_and_matches_one_character_at_a_time():
    from tui.segment import _fold_char, fold

    text = "Çà ÉTÉ İstanbul ﬁ ß Straße ǅ Ωμέγα Ǆ " + "".join(chr(c) for c in range(0x80, 0x3000))
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "".join(_fold_char(c) for c in text)
    assert fold("Çà ÉTÉ İstanbul") == "ca ete istanbul"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab_é É\t\n1.-", max_size=40),
       st.lists(st.text(alphabet="abé .*", min_size=1, max_size=6), min_size=1, max_size=3))
def test_term_patterns_match_where_a_word_boundary_before_the_term_would(text, terms):
    """The term's pattern says "no word character before it" after its first word (so the
    regex engine can look for that word as a string): it finds what the lookbehind at the
    start finds, for words, prefixes and phrases."""
    import re

    from tui.folding import _term_pattern, fold

    for term in terms:
        pattern = _term_pattern(term)
        if pattern is None:
            continue
        words = fold(term.rstrip("*")).split()
        body = r"\s+".join(re.escape(w) for w in words)
        plain = rf"(?<!\w){body}\w*(?!\w)" if term.endswith("*") else rf"(?<!\w){body}(?!\w)"
        folded = fold(text)
        assert [m.span() for m in re.finditer(pattern, folded)] == [
            m.span() for m in re.finditer(plain, folded)]
