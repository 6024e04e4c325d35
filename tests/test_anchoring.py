"""Re-anchoring highlights after edits: the right place or an orphan, never a wrong place."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from tests.conftest import SEED
from tui.annotations import (
    Anchor,
    complete_tags,
    current_author,
    make_anchor,
    normalise_tag,
    reanchor,
)

PARAGRAPHS = [
    "Riverside council votes to build a flood barrier after a decade of delays",
    ("The Riverside city council voted seven to two on Tuesday night to build a 4.2-kilometre "
     "flood barrier along the east bank of the Aln, ending a decade of studies, public "
     "consultations and legal challenges that had stalled the project since the floods of 2014."),
    ("The barrier, a mix of earth embankments and demountable steel walls, is expected to cost "
     "£118 million. Roughly two thirds of the money will come from the national flood defence "
     "fund; the rest will be raised through a ten-year levy on commercial property in the "
     "riverside district, which councillors approved in a separate vote."),
    ("“We have asked people in the lower town to live with sandbags for ten years,” said the "
     "council leader, Margaret Okafor, after the vote. “Tonight we stopped asking.” She said "
     "construction could begin in the spring if the contracts are signed before the end of "
     "the financial year."),
    ("Opponents argued that the walls would cut the town off from its river. Daniel Hurst, who "
     "runs a boat hire business near the old bridge, told the meeting that the plans treated the "
     "waterfront as a problem to be fenced off. “The river is why people come here,” he said. "
     "“Put a wall in front of it and you had better put a ticket office on the wall.”"),
    ("Engineers from the Environment Agency told councillors that the design would protect about "
     "1,900 homes and 340 businesses against a flood with a one-in-200 chance of happening in any "
     "given year. The 2014 floods, which forced the evacuation of the care home on Mill Lane, "
     "were estimated at one in 150."),
    ("Insurance was a recurring theme. Several residents said their premiums had tripled since "
     "2014 and that some neighbours could no longer get cover at all. A representative of the "
     "Association of British Insurers said that completed defences were usually reflected in "
     "premiums within two or three renewal cycles."),
    ("The two councillors who voted against, both from the Harbour ward, said they supported "
     "flood protection in principle but objected to the levy. “Small shops on Quay Street are "
     "already paying for the last crisis,” said councillor Priya Natarajan. “Now we are asking "
     "them to pay for the next one as well.”"),
    ("Work on the first section, between the old bridge and the railway viaduct, is due to take "
     "eighteen months. The council said footpaths along the river would stay open during "
     "construction wherever it was safe, and that the demountable sections would be put up only "
     "when the Environment Agency issued a flood warning."),
    "A public exhibition of the final design will open at the library on Saturday.",
]
ARTICLE = "\n\n".join(PARAGRAPHS)

UNRELATED = SEED.read_text(encoding="utf-8")  # a real story on another subject

PASSAGES = [
    "ending a decade of studies, public consultations and legal challenges",
    "“Tonight we stopped asking.”",
    "Margaret Okafor",
    "The river is why people come here",
    "Insurance was a recurring theme.",
    "some neighbours could no longer get cover at all",
    ("the demountable sections would be put up only when the Environment Agency issued a flood "
     "warning"),
    "Riverside council votes to build a flood barrier",
    "A public exhibition of the final design will open at the library on Saturday.",
]
NEW_PARAGRAPH = ("Correction: an earlier version of this article misstated the length of the "
                 "barrier. It is 4.2 kilometres long, not 2.4 kilometres.")
WORDS = ["council", "river", "plan", "levy", "vote", "town", "shops", "barrier", "costs", "homes",
         "the", "and", "said", "would", "quay", "wall", "money", "fund", "years", "flood"]


def check(anchor: Anchor, body: str, true: tuple[int, int] | None) -> str:
    """Re-anchor and classify: "right", "orphan" or "wrong" (no overlap with the truth)."""
    placed = reanchor(anchor, body)
    if placed.start is None:
        assert placed.end is None and placed.method == "orphan"
        return "orphan"
    assert 0 <= placed.start < placed.end <= len(body)
    if true is not None and placed.start < true[1] and true[0] < placed.end:
        return "right"
    return "wrong"


def mutate(text: str, fraction: float, seed: int) -> str:
    """Word substitutions, typo fixes and punctuation changes until `fraction` of it differs."""
    rng = random.Random(seed)
    out = text
    while Levenshtein.distance(text, out) < fraction * len(text):
        words = out.split(" ")
        i = rng.randrange(len(words))
        op = rng.choice(["word", "typo", "punct"])
        if op == "word":
            words[i] = rng.choice(WORDS)
        elif op == "typo" and len(words[i]) > 2:
            j = rng.randrange(1, len(words[i]) - 1)
            words[i] = words[i][:j] + words[i][j + 1] + words[i][j] + words[i][j + 2:]
        else:
            words[i] = words[i].rstrip(",.;") + rng.choice([",", ";", " -", ""])
        out = " ".join(words)
    return out


def reflow(text: str) -> str:
    """Rewrap as a plain-text mail would: newlines every few words, some doubled spaces."""
    return "".join(("\n" if i % 7 == 6 else "  " if i % 5 == 4 else " ") + word if i else word
                   for i, word in enumerate(text.split(" ")))


def edited(passage: str, edit: str, seed: int = 0) -> tuple[str, tuple[int, int] | None]:
    """Apply a named edit to ARTICLE; return the new body and where the passage now is."""
    at = ARTICLE.index(passage)
    before, quote, after = ARTICLE[:at], passage, ARTICLE[at + len(passage):]
    paragraphs = before.split("\n\n")
    if edit == "insert_before":
        before = "\n\n".join([*paragraphs[:1], NEW_PARAGRAPH, *paragraphs[1:]])
    elif edit == "delete_before" and len(paragraphs) > 2:
        before = "\n\n".join([*paragraphs[:1], *paragraphs[2:]])
    elif edit.startswith("change"):
        quote = mutate(quote, int(edit[6:]) / 100, seed)
    elif edit == "reflow":
        before, quote, after = reflow(before), reflow(quote), reflow(after)
    elif edit == "removed":
        return before.rstrip() + " " + after.lstrip(" ,.;"), None
    elif edit == "unrelated":
        return UNRELATED, None
    elif edit.startswith("duplicated"):
        # The same words elsewhere, in a different context: the original must be kept, even
        # when it was then edited and the copy is the only exact match left.
        copy = f"\n\nOne reader wrote to us with this: {quote}. We agree."
        quote = mutate(quote, 0.1, seed) if edit == "duplicated_changed" else quote
        return before + quote + after + copy, (len(before), len(before) + len(quote))
    return before + quote + after, (len(before), len(before) + len(quote))


EDITS = ["none", "insert_before", "delete_before", "reflow", "removed", "unrelated",
         "duplicated", "duplicated_changed", "change0", "change10", "change20", "change30"]


@pytest.mark.parametrize("passage", PASSAGES)
def test_no_wrong_placement_under_any_edit(passage):
    start = ARTICLE.index(passage)
    anchor = make_anchor(ARTICLE, start, start + len(passage))
    outcomes = {}
    for edit in EDITS:
        for seed in range(6 if edit.startswith("change") else 1):
            body, true = edited(passage, edit, seed)
            outcomes[edit, seed] = check(anchor, body, true)
    assert [k for k, v in outcomes.items() if v == "wrong"] == []
    for edit in ("none", "insert_before", "delete_before", "reflow", "duplicated", "change0"):
        assert outcomes[edit, 0] == "right", edit
    for edit in ("removed", "unrelated"):
        assert outcomes[edit, 0] == "orphan", edit


@pytest.mark.parametrize(("percent", "placed"), [(10, 0.9), (20, 0.8), (30, 0.6)])
def test_changed_passages_are_mostly_still_found(percent, placed):
    found = [check(make_anchor(ARTICLE, ARTICLE.index(p), ARTICLE.index(p) + len(p)),
                   *edited(p, f"change{percent}", seed))
             for p in PASSAGES if len(p) >= 30 for seed in range(10)]
    assert found.count("wrong") == 0
    assert found.count("right") >= placed * len(found)


@pytest.mark.parametrize(("word", "context"), [("old", "near the old bridge"),
                                               ("Riverside", "Riverside council votes"),
                                               ("a", "with a one-in-200")])
def test_a_removed_word_is_not_moved_to_another_like_it(word, context):
    start = ARTICLE.index(context) + context.index(word)
    anchor = make_anchor(ARTICLE, start, start + len(word))
    body = ARTICLE[:start] + ARTICLE[start + len(word) + 1:]
    assert reanchor(anchor, body).method == "orphan"


def test_make_anchor_keeps_context_and_hash():
    anchor = make_anchor("0123456789" * 10, 40, 45, context=8)
    assert (anchor.quote, anchor.prefix, anchor.suffix) == ("01234", "23456789", "56789012")
    assert len(anchor.text_hash) == 64
    with pytest.raises(ValueError):
        make_anchor("short", 3, 3)


def test_unchanged_body_uses_offsets_and_duplicates_use_context():
    start = ARTICLE.index("Margaret Okafor")
    placed = reanchor(make_anchor(ARTICLE, start, start + 15), ARTICLE)
    assert (placed.start, placed.end, placed.method) == (start, start + 15, "offsets")
    body, true = edited("Margaret Okafor", "duplicated")
    placed = reanchor(make_anchor(ARTICLE, start, start + 15), body)
    assert (placed.start, placed.end, placed.method) == (*true, "exact")


def test_fuzzy_result_snaps_to_word_boundaries():
    passage = PASSAGES[0]
    start = ARTICLE.index(passage)
    body = ARTICLE.replace("legal challenges", "court challenges")
    placed = reanchor(make_anchor(ARTICLE, start, start + len(passage)), body)
    assert placed.method == "fuzzy"
    assert body[placed.start:placed.end] == passage.replace("legal", "court")


def test_identical_copies_fall_back_to_the_nearest():
    body = ARTICLE + "\n\n" + ARTICLE
    second = len(ARTICLE) + 2 + ARTICLE.index("Margaret Okafor")
    placed = reanchor(make_anchor(body, second, second + 15), "Intro.\n\n" + body)
    assert placed.start == second + 8 and placed.method == "exact"


def test_reanchor_places_every_passage_of_a_50kb_article():
    """(How long it takes: tests/bench/bench_anchoring.py.)"""
    body = "\n\n".join([UNRELATED] * 16)[:50_000]
    at = len(body) // 2
    body = body[:at] + "\n\n" + ARTICLE + "\n\n" + body[at:]
    anchors = [make_anchor(body, body.index(p), body.index(p) + len(p)) for p in PASSAGES]
    changed = body.replace("levy", "tax").replace("demountable", "removable")
    placed = [reanchor(a, changed) for a in anchors]
    assert all(p.method != "orphan" for p in placed)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_edits_far_from_the_passage_never_move_it(data):
    passage = data.draw(st.sampled_from(PASSAGES))
    start = ARTICLE.index(passage)
    end = start + len(passage)
    anchor = make_anchor(ARTICLE, start, end)
    body, shift = ARTICLE, 0
    for _ in range(data.draw(st.integers(1, 4))):
        far = [i for i in range(len(body) + 1)
               if i < start + shift - 40 or i > end + shift + 40]
        if not far:
            break
        at = data.draw(st.sampled_from(far))
        cut = data.draw(st.integers(0, 30))
        if at < start + shift:
            cut = min(cut, start + shift - 40 - at)
        text = " ".join(data.draw(st.lists(st.sampled_from(WORDS), max_size=8)))
        body = body[:at] + text + body[at + cut:]
        if at < start + shift:
            shift += len(text) - cut
    placed = reanchor(anchor, body)
    assert (placed.start, placed.end) == (start + shift, end + shift)


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_any_edit_gives_the_right_place_or_an_orphan(data):
    passage = data.draw(st.sampled_from(PASSAGES))
    true = [ARTICLE.index(passage), ARTICLE.index(passage) + len(passage)]
    anchor = make_anchor(ARTICLE, *true)
    body = ARTICLE
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(body)))
        cut = data.draw(st.integers(0, min(60, len(body) - at)))
        text = data.draw(st.one_of(st.text(max_size=20),
                                   st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join)))
        body = body[:at] + text + body[at + cut:]
        # Track the passage through the edit: ends inside the cut collapse onto it.
        for k in (0, 1):
            if true[k] >= at + cut:
                true[k] += len(text) - cut
            elif true[k] > at:
                true[k] = at if k == 0 else at + len(text)
    alive = (true[0], true[1]) if true[1] > true[0] else None
    assert check(anchor, body, alive) != "wrong"


def test_normalise_tag():
    assert normalise_tag("  climate   change ") == "climate-change"
    assert normalise_tag("#Elections\x1b[31m") == "Elections"
    assert normalise_tag('"trade*"') == "trade"
    assert normalise_tag(" \t\x07 ") is None
    assert len(normalise_tag("x" * 100)) == 64


def test_complete_tags_prefix_first_then_fuzzy():
    tags = ["climate", "climate-change", "elections", "economy", "Clim-fiction", "trade"]
    assert complete_tags("cli", tags)[:3] == ["climate", "Clim-fiction", "climate-change"]
    assert complete_tags("electons", tags) == ["elections"]
    assert complete_tags("", tags, limit=2) == ["Clim-fiction", "climate"]
    assert complete_tags("zzz", tags) == []


def test_current_author(monkeypatch):
    assert isinstance(current_author(), str)

    def no_user():
        raise OSError("no username")

    monkeypatch.setattr("getpass.getuser", no_user)
    assert current_author() == ""


HOSTILE_WORDS = ["東京は", "🎉", "👩\u200d💻", "x\u0301", "Zoë", "[@click=app.quit]x[/]", "[bold]",
                 "\u3000", "한국어", "e\u0301\u0323", "🇫🇷", "ﷺ", "a"]
WIDE_ARTICLE = "東京 🎉 x\u0301 👩\u200d💻 Zoë.\n\n" + ARTICLE.replace("the ", "the 東京 ", 3)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_wide_and_combining_edits_far_from_the_passage_never_move_it(data):
    """Offsets count characters, not cells: wide, combining and markup-like text inserted or
    removed elsewhere shifts the passage by exactly its length in characters."""
    passage = data.draw(st.sampled_from(PASSAGES))
    start = WIDE_ARTICLE.index(passage)
    end = start + len(passage)
    anchor = make_anchor(WIDE_ARTICLE, start, end)
    body, shift = WIDE_ARTICLE, 0
    for _ in range(data.draw(st.integers(1, 4))):
        far = [i for i in range(len(body) + 1)
               if i < start + shift - 40 or i > end + shift + 40]
        at = data.draw(st.sampled_from(far))
        cut = data.draw(st.integers(0, 20))
        if at < start + shift:
            cut = min(cut, start + shift - 40 - at)
        text = " ".join(data.draw(st.lists(st.sampled_from(HOSTILE_WORDS), max_size=6)))
        body = body[:at] + text + body[at + cut:]
        if at < start + shift:
            shift += len(text) - cut
    placed = reanchor(anchor, body)
    assert (placed.start, placed.end) == (start + shift, end + shift)
