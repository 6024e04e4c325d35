"""The extractor's exact spans on fixed texts: speed work must not change one of them.

The pins (tests/fixtures/entities/pinned.json) were written by `python -m tests.entity_pins`
with the extractor as it was before the speed work of issue 23; rewrite them only when the
output is meant to change. The extractor remembers how a run of words reads when no rule looked
at the text around it (`tui.entities.rules`): the order tests check that nothing it remembers
from one article changes another.
"""

from __future__ import annotations

import json

import pytest

from tests.entity_pins import PINS, spans, texts
from tui.entities import rules

TEXTS = texts()


@pytest.fixture(scope="module")
def pinned() -> list:
    return json.loads(PINS.read_text(encoding="utf-8"))


def test_every_text_has_its_pinned_spans(pinned):
    rules._memo.clear()
    assert len(pinned) == len(TEXTS)
    for (title, body), expected in zip(TEXTS, pinned, strict=False):
        assert spans(title, body) == expected, title


def test_spans_do_not_depend_on_what_was_read_before(pinned):
    rules._memo.clear()
    backwards = {k: spans(*TEXTS[k]) for k in reversed(range(len(TEXTS)))}
    for k, text in enumerate(TEXTS):
        rules._memo.clear()
        alone = spans(*text)
        assert alone == backwards[k] == spans(*text) == pinned[k], text[0]


def test_a_name_read_from_its_context_is_not_remembered():
    # Both names are labelled by the word before them ("firm", "striker"): the same words
    # with nothing around them in the next article are no entity at all.
    rules._memo.clear()
    cued = "Its rival, the firm Zabrandt Velinor, grew. The striker Quorvex scored."
    bare = "We met Zabrandt Velinor at noon. We saw Quorvex there."
    assert [(s[2], s[3]) for s in spans("", cued)] == [("Zabrandt Velinor", "ORG"),
                                                       ("Quorvex", "PERSON")]
    assert spans("", bare) == []


def test_words_spaced_oddly_keep_their_own_text():
    rules._memo.clear()
    once = spans("", "The firm Harbridge Holdings Ltd said it would grow.")
    again = spans("", "The firm Harbridge  Holdings\tLtd said it would grow.")
    assert [s[2] for s in once] == ["Harbridge Holdings Ltd"]
    assert [s[2] for s in again] == ["Harbridge  Holdings\tLtd"]
    assert again[0][4] == "Harbridge Holdings Ltd"


def test_a_run_remembered_by_its_characters_is_read_again_where_its_context_differs():
    # The same characters ("Mr Blair", "Labour", "Assad", "Zabrandt Velinor") come back with
    # a trailing "'s", a glued "al-", a date inside or another cue around them: what was
    # remembered from the first must not stand in for reading the second.
    texts = [
        ("", "Mr Blair spoke. Labour won. Assad left. The firm Zabrandt Velinor grew."),
        ("", "Mr Blair's plan. Labour's May 2005 Ltd grew. Bashar al-Assad left. "
             "We met Zabrandt Velinor at noon."),
    ]
    for order in (texts, texts[::-1]):
        rules._memo.clear()
        together = [spans(*text) for text in order]
        for text, found in zip(order, together, strict=True):
            rules._memo.clear()
            assert spans(*text) == found, text
