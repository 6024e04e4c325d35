"""The extractor's quick paths give exactly what the plain code they replace gives.

Each quick path of the fourth round of speed work (issue 19) is checked here against the plain
code it replaced, on text made to hit its edges.
"""

from __future__ import annotations

import pickle

import pytest

from tui.entities import extract_document
from tui.entities.context import TRAIL, after
from tui.entities.numeric import SCALE_WORDS, _matches, _places, number_starts
from tui.entities.patterns import CURRENCY_SIGNS, MONEY_SIGN, MONEY_WORDS, NUMBER_START
from tui.models import EntitySpan

TEXT = ("Mr Blair told the BBC in London on Monday that the Liverpool striker, 24, cost £6m. "
        "Blair's aides said so.")


def test_spans_made_slot_by_slot_are_the_records_init_makes():
    found = extract_document("Blair in London", TEXT)
    assert found, "the text has names"
    for span in found:
        made = EntitySpan(span.start, span.end, span.text, span.label, span.canonical,
                          span.in_title)
        assert span == made and hash(span) == hash(made) and repr(span) == repr(made)
        assert span.fields() == made.fields()
        assert pickle.loads(pickle.dumps(span)) == span
        with pytest.raises(AttributeError):
            span.start = 0  # type: ignore[misc]
    assert [s.in_title for s in found].count(True) >= 1
    assert {(s.text, s.label) for s in found} >= {("Blair", "PERSON"), ("London", "PLACE"),
                                                  ("Monday", "DATE"), ("£6m", "MONEY")}


def plain_after(text: str, end: int) -> tuple[bool, str]:
    """context.after as it was before its quick path (issue 19, third round)."""
    possessive = False
    if text[end:end + 1] in ("'", "’") and end < len(text):
        possessive, end = True, end + (2 if text[end + 1:end + 2] in ("s", "S") else 1)
    parts = text[end:end + 30].split(None, 1)
    if not parts:
        return possessive, ""
    word = parts[0]
    if not possessive and not text[end:end + 1].isspace():
        return False, ""
    return possessive, word.rstrip(TRAIL).lower()


TRICKY = ("Parry's goal.\" Parry' wins; Parry’S side (Parry) — Parry,\nLEEDS’ fans’ "
          "Ünïcode-Name's\u00a0İstanbul\tclub…  Mr O'Neill said: \"Ex-Liverpool's\" end'"
          "\n\nNew line' s\u2028 x'")


def test_after_reads_the_same_word_as_before_at_every_offset():
    for text in (TRICKY, TRICKY[:-1], "'", "’s", "", " word", "x' ", "x's"):
        for end in range(len(text) + 2):
            assert after(text, end) == plain_after(text, end), (text, end)


MONEY_TEXT = ("It cost $1.13bn, or US$5m-$7m (£600m to £700m), €5, ¥ 30 and ₹2 trillion; "
              "$$4 $-5 £ 6.5 million. Three hundred thousand dollars, hundreds of euros, "
              "two billion pounds sterling, a trillion yen, thousands of fans, million-dollar "
              "homes, trillions of won, onehundred dollars, millions\u00a0of rupees.\n$9")


@pytest.mark.parametrize("pattern, literals", [(MONEY_SIGN, CURRENCY_SIGNS),
                                               (MONEY_WORDS, SCALE_WORDS)])
def test_money_found_from_its_first_characters_is_what_a_scan_finds(pattern, literals):
    for text in (MONEY_TEXT, MONEY_TEXT * 2, MONEY_TEXT[5:], MONEY_TEXT.upper(), "", "$"):
        expected = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in _matches(pattern, text, _places(text, literals))] == expected
    assert len(list(pattern.finditer(MONEY_TEXT))) >= 5


NUMBER_TEXT = ("1 in 2004, 3.5% x9 _7 .8 -9 (10) é11 ²12 ٣13 Ⅻ14 ½15 ‘16’ £17 $18bn 1,900 "
               "0.25 v2.0 2-1 a\u00a019 \n20s '90s 21st B52 ２3 ٣ 7")


def test_number_starts_are_where_the_regex_finds_them():
    for text in (NUMBER_TEXT, NUMBER_TEXT[1:], NUMBER_TEXT * 3, "", "0", "a0", ".0", "_0"):
        assert number_starts(text) == [m.start() for m in NUMBER_START.finditer(text)], text
    assert len(number_starts(NUMBER_TEXT)) >= 15
