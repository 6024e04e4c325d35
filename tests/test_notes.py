"""Tags, notes and highlights in the library: round trips, filters, re-anchoring on re-ingest."""

from __future__ import annotations

import re

import pytest

from tests.conftest import make_article
from tui.search import search
from tui.storage import LibraryError

URL = "https://example.com/story"
BODY = (
    "Ministers met in Geneva on Monday to restart the trade talks.\n\n"
    "The delegation said the tariff on steel would be cut by half next year.\n\n"
    "Observers expect a final agreement before the summer recess."
)
PASSAGE = "the tariff on steel would be cut by half next year"
ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


@pytest.fixture
def lib(library, monkeypatch):
    monkeypatch.setenv("LOGNAME", "ada")
    library.articles.upsert([
        make_article(title="Trade talks", body=BODY, url=URL),
        make_article(title="Weather", body="Rain all week across the north."),
        make_article(title="Elections", body="Voters go to the polls on Sunday."),
    ])
    return library


def reingest(library, body, title="Trade talks"):
    return library.articles.upsert([make_article(title=title, body=body, url=URL)])


# -- tags --------------------------------------------------------------------------------------


def test_tag_and_untag_round_trip(lib):
    assert lib.notes.tag_articles([1, 2], ["trade", "to-read"]) == 4
    assert lib.notes.tag_articles([1, 3], ["trade"]) == 1  # already on 1
    assert lib.notes.article_tags(1) == ["to-read", "trade"]
    assert lib.notes.tags() == [("to-read", 2), ("trade", 3)]
    assert lib.notes.untag_articles([1, 2], ["to-read", "never-used"]) == 2
    assert lib.notes.article_tags(1) == ["trade"] and lib.notes.article_tags(3) == ["trade"]
    assert lib.notes.tags() == [("trade", 3)]  # a tag nothing uses is gone
    assert lib.notes.untag_articles([1, 2, 3], ["trade"]) == 3
    assert lib.notes.tags() == []


def test_tag_names_are_normalised_and_unique_ignoring_case(lib):
    lib.notes.tag_articles([1], ["  #Foreign Policy ", "\x1b[31mRed\x1b[0m"])
    assert lib.notes.article_tags(1) == ["Foreign-Policy", "Red"]
    lib.notes.tag_articles([2], ["foreign-policy", "FOREIGN-POLICY"])
    assert lib.notes.tags() == [("Foreign-Policy", 2), ("Red", 1)]  # the first spelling stays
    assert lib.notes.article_tags(2) == ["Foreign-Policy"]


def test_tags_ignore_case_beyond_ascii(lib):
    lib.notes.tag_articles([1], ["Été"])
    lib.notes.tag_articles([2], ["été", "ÉTÉ"])
    assert lib.notes.tags() == [("Été", 2)]
    lib.notes.add_note(3, "summer", tags=["ÉtÉ"])
    assert [n.text for n in lib.notes.all_annotations(tag="été")] == ["summer"]
    assert lib.notes.untag_articles([1, 2], ["ÉTÉ"]) == 2
    assert lib.notes.tags() == [("Été", 1)]  # article 3, by its note


def test_unusable_tag_or_unknown_article_changes_nothing(lib):
    with pytest.raises(LibraryError, match="not a usable tag"):
        lib.notes.tag_articles([1], ["good", "###"])
    with pytest.raises(LibraryError, match="no article with id 99"):
        lib.notes.tag_articles([1, 99], ["good"])
    with pytest.raises(LibraryError, match="no articles with id 98, 99"):
        lib.notes.untag_articles([98, 1, 99], ["good"])
    assert lib.notes.tags() == []


def test_counts_in_list_rows(lib):
    lib.notes.tag_articles([1], ["a", "b"])
    lib.notes.add_note(1, "one")
    lib.notes.add_note(1, "two", quote=PASSAGE)
    row = lib.articles.rows([1])[1]
    assert (row.tags, row.notes) == (2, 2)


def test_tag_filter_and_has_filters_in_search(lib):
    lib.notes.tag_articles([1, 3], ["Politics"])
    assert sorted(search(lib, "tag:politics").ids) == [1, 3]
    assert search(lib, "tag:pol*").total == 2
    assert search(lib, "tag:politics trade").ids == [1]
    lib.notes.add_note(2, "remember this")
    lib.notes.add_highlight(3, 0, 6)
    assert search(lib, "has:note").ids == [2]
    assert search(lib, "has:highlight").ids == [3]
    assert sorted(search(lib, "has:tag").ids) == [1, 3]
    lib.notes.untag_articles([1, 3], ["politics"])
    assert search(lib, "tag:politics").total == 0


# -- notes and highlights ----------------------------------------------------------------------


def test_note_round_trip_with_author_and_times(lib):
    note_id = lib.notes.add_note(1, "  Compare with 2013 \x1b]52;c;aGk=\x07", tags=["Follow up"])
    [note] = lib.notes.annotations(1)
    assert (note.id, note.kind, note.text, note.quote) == (
        note_id, "note", "Compare with 2013", "")
    assert (note.start, note.end, note.orphan) == (None, None, False)
    assert note.author == "ada" and note.tags == ["Follow-up"]
    assert ISO.fullmatch(note.created) and note.updated == note.created
    assert note.article_title == "Trade talks"
    assert note.to_dict()["tags"] == ["Follow-up"]


def test_highlight_from_quote_and_from_offsets(lib):
    by_quote = lib.notes.add_note(1, "the key number", quote=PASSAGE)
    start = BODY.index("Observers")
    by_offsets = lib.notes.add_highlight(1, start, start + len("Observers expect"), tags=["x"])
    first, second = lib.notes.annotations(1)
    assert first.id == by_quote and first.kind == "highlight"
    assert BODY[first.start:first.end] == PASSAGE == first.quote
    assert first.prefix == BODY[first.start - 32:first.start]
    assert first.suffix == BODY[first.end:first.end + 32]
    assert (second.id, second.quote, second.text, second.tags) == (
        by_offsets, "Observers expect", "", ["x"])


def test_quote_found_with_other_spacing_and_plain_marks(library):
    library.articles.upsert([make_article(body="They spoke of workers’ rights and\n  “fair” pay.")])
    library.notes.add_note(1, "", quote="workers' rights and \"fair\"")
    [highlight] = library.notes.annotations(1)
    assert highlight.quote == "workers’ rights and\n  “fair”"


def test_note_errors_are_one_line(lib):
    with pytest.raises(LibraryError, match="does not contain 'not in the text'"):
        lib.notes.add_note(1, "x", quote="not in the text")
    with pytest.raises(LibraryError, match="no article with id 42"):
        lib.notes.add_note(42, "x")
    with pytest.raises(LibraryError, match="needs some text"):
        lib.notes.add_note(1, "  ")
    with pytest.raises(LibraryError, match="no passage"):
        lib.notes.add_highlight(1, 5, 5)
    with pytest.raises(LibraryError, match="no note with id 7"):
        lib.notes.update_annotation(7, text="y")
    with pytest.raises(LibraryError, match="no note with id 7"):
        lib.notes.delete_annotation(7)
    assert lib.notes.all_annotations() == []


def test_update_and_delete(lib, monkeypatch):
    note_id = lib.notes.add_note(1, "first", tags=["a", "b"])
    monkeypatch.setattr("tui.storage.notes.now", lambda: "2999-01-01T00:00:00Z")
    lib.notes.update_annotation(note_id, text="second", tags=["b", "c"])
    [note] = lib.notes.annotations(1)
    assert (note.text, note.tags, note.updated) == ("second", ["b", "c"], "2999-01-01T00:00:00Z")
    assert note.created != note.updated
    assert [name for name, _ in lib.notes.tags()] == ["b", "c"]  # "a" was used by nothing else
    lib.notes.update_annotation(note_id, tags=[])
    assert lib.notes.annotations(1)[0].text == "second" and lib.notes.tags() == []
    lib.notes.delete_annotation(note_id)
    assert lib.notes.annotations(1) == []


def test_tag_shared_by_article_and_note_survives_untagging(lib):
    lib.notes.tag_articles([1], ["trade"])
    lib.notes.add_note(2, "see the trade story", tags=["trade"])
    lib.notes.untag_articles([1], ["trade"])
    assert lib.notes.tags() == [("trade", 1)]
    assert [n.text for n in lib.notes.all_annotations(tag="trade")] == ["see the trade story"]


def assert_tag_list_agrees_with_search(lib):
    """Every tag listed counts exactly what its `tag:` search finds, and no tag is listed
    that finds nothing."""
    for name, count in lib.notes.tags():
        assert count > 0, name
        assert search(lib, f"tag:{name}").total == count, name


def test_tag_list_and_tag_search_agree_at_every_step(lib):
    # Issue 24: `trade 0` in the tag list (a highlight's #trade kept the tag once the article
    # lost it), and choosing it said 'Nothing matches "tag:trade"'.
    steps = [
        lambda: lib.notes.tag_articles([1], ["mexico", "trade"]),
        lambda: lib.notes.add_note(1, "the tariff #trade", quote=PASSAGE, tags=["trade"]),
        lambda: lib.notes.add_note(2, "rain", tags=["mexico"]),
        lambda: lib.notes.untag_articles([1], ["mexico", "trade"]),
        lambda: lib.notes.tag_articles([3], ["trade"]),
        lambda: lib.notes.delete_annotation(lib.notes.annotations(2)[0].id),
        lambda: lib.notes.update_annotation(lib.notes.annotations(1)[0].id, tags=[]),
        lambda: lib.notes.untag_articles([3], ["trade"]),
    ]
    seen = []
    for step in steps:
        step()
        assert_tag_list_agrees_with_search(lib)
        seen.append((lib.notes.tags(), search(lib, "tag:trade").ids, search(lib, "tag:mexico").ids))
    # Untagged, article 1 is still found by its highlight's tag, article 2 by its note's.
    assert seen[3] == ([("mexico", 1), ("trade", 1)], [1], [2])
    assert seen[5][0] == [("trade", 2)]  # mexico: nothing uses it any more
    assert seen[-1] == ([], [], [])
    assert search(lib, "has:tag").total == 0


def test_annotations_order_notes_first_then_by_position(lib):
    later = lib.notes.add_note(1, "", quote="Observers expect")
    earlier = lib.notes.add_note(1, "", quote="Ministers met")
    note = lib.notes.add_note(1, "about the whole article")
    assert [a.id for a in lib.notes.annotations(1)] == [note, earlier, later]


def test_all_annotations_filters(lib, monkeypatch):
    stamps = iter(f"2024-01-0{d}T00:00:00Z" for d in range(1, 10))
    monkeypatch.setattr("tui.storage.notes.now", lambda: next(stamps))
    lib.notes.tag_articles([3], ["politics"])
    a = lib.notes.add_note(1, "Tariff figure", quote=PASSAGE)
    b = lib.notes.add_note(2, "Wet ÉTÉ", tags=["weather"])
    c = lib.notes.add_note(3, "polls matter")
    assert [n.id for n in lib.notes.all_annotations()] == [c, b, a]  # newest first
    assert [n.article_title for n in lib.notes.all_annotations()] == [
        "Elections", "Weather", "Trade talks"]
    assert [n.id for n in lib.notes.all_annotations(text="TARIFF")] == [a]
    assert [n.id for n in lib.notes.all_annotations(text="steel")] == [a]  # in the quote
    assert [n.id for n in lib.notes.all_annotations(text="été")] == [b]
    assert [n.id for n in lib.notes.all_annotations(tag="Weather")] == [b]  # the note's own tag
    assert [n.id for n in lib.notes.all_annotations(tag="politics")] == [c]  # its article's tag
    assert [n.id for n in lib.notes.all_annotations(tag="politics", text="tariff")] == []
    assert [n.id for n in lib.notes.all_annotations(limit=2)] == [c, b]
    assert [n.id for n in lib.notes.all_annotations(text="w", limit=1)] == [b]  # not in "polls matter"


# -- re-anchoring on re-ingest -----------------------------------------------------------------


def test_unchanged_text_keeps_offsets(lib):
    lib.notes.add_note(1, "", quote=PASSAGE)
    before = lib.notes.annotations(1)[0]
    assert reingest(lib, BODY, title="Trade talks, updated") == [("updated", 1)]
    after = lib.notes.annotations(1)[0]
    assert (after.start, after.end, after.orphan) == (before.start, before.end, False)


def test_paragraph_inserted_before_moves_the_highlight(lib):
    lib.notes.add_note(1, "the figure", quote=PASSAGE)
    before = lib.notes.annotations(1)[0]
    inserted = "A new opening paragraph, added by the editors later that day.\n\n"
    reingest(lib, inserted + BODY)
    after = lib.notes.annotations(1)[0]
    body = lib.articles.get(1).body
    assert after.start == before.start + len(inserted) and not after.orphan
    assert body[after.start:after.end] == PASSAGE and after.text == "the figure"
    assert after.prefix == body[after.start - 32:after.start]


def test_deleted_passage_orphans_and_comes_back(lib):
    lib.notes.add_note(1, "the figure", quote=PASSAGE)
    original = lib.notes.annotations(1)[0]
    reingest(lib, BODY.replace(
        "The delegation said the tariff on steel would be cut by half next year.\n\n", ""))
    [orphan] = lib.notes.orphans()
    assert orphan.orphan and (orphan.start, orphan.end) == (None, None)
    assert (orphan.quote, orphan.prefix, orphan.suffix) == (
        original.quote, original.prefix, original.suffix)
    assert lib.notes.annotations(1)[0].text == "the figure"
    reingest(lib, BODY)  # a later version puts it back
    [placed] = lib.notes.annotations(1)
    assert not placed.orphan and (placed.start, placed.end) == (original.start, original.end)
    assert lib.notes.orphans() == []


def test_each_highlight_of_an_article_is_placed_on_its_own(lib):
    kept = lib.notes.add_note(1, "", quote="Observers expect a final agreement")
    lost = lib.notes.add_note(1, "", quote="Ministers met in Geneva on Monday")
    lib.notes.add_note(2, "", quote="Rain all week")
    reingest(lib, "Talks stalled.\n\n" + BODY.split("\n\n", 1)[1])
    by_id = {a.id: a for a in lib.notes.annotations(1)}
    body = lib.articles.get(1).body
    assert body[by_id[kept].start:by_id[kept].end] == "Observers expect a final agreement"
    assert by_id[lost].orphan
    assert not lib.notes.annotations(2)[0].orphan
