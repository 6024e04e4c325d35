"""Markdown (Obsidian) and W3C Web Annotation exports of notes, highlights and tags."""

from __future__ import annotations

import json

import pytest

from tests.conftest import make_article
from tui.export import ORPHANS_HEADING, export_json, export_markdown, slug, yaml_string

URL = "https://example.com/talks"
BODY = (
    "Ministers met in Geneva on Monday to restart the trade talks.\n\n"
    "The delegation said the tariff on steel would be cut by half next year.\n\n"
    "Observers expect a final agreement before the summer recess."
)
TRICKY_TITLE = 'Trade: "talks" resume — día 1 \\ #2\u2028next'


def front_matter(text: str) -> dict:
    """A tiny YAML reader for what the export writes: `key: value` lines whose values are
    double-quoted scalars, flow lists of them, or integers (all of which are JSON)."""
    assert text.startswith("---\n")
    head, _, _ = text[4:].partition("\n---\n")
    data = {}
    for line in head.splitlines():
        key, sep, value = line.partition(": ")
        assert sep, line
        data[key] = json.loads(value.replace("\\L", "\\u2028"))
    return data


@pytest.fixture
def lib(library, monkeypatch):
    monkeypatch.setenv("LOGNAME", "ada")
    library.articles.upsert([
        make_article(title=TRICKY_TITLE, body=BODY, url=URL, source="Wire", author="By Jo Doe",
                     published="2021-09-09"),
        make_article(title="Untouched", body="Nobody annotates this one."),
        make_article(title="Only tagged", body="Just a tag here."),
    ])
    library.notes.tag_articles([1], ["trade", "C++"])
    library.notes.tag_articles([3], ["later"])
    library.notes.add_note(1, "Why now?")
    library.notes.add_note(1, "Half!\nA big cut.", quote="the tariff on steel would be cut by half",
                     tags=["numbers"])
    library.notes.add_note(1, "", quote="Observers expect a final agreement")
    return library


def test_one_file_per_annotated_or_tagged_article(lib, tmp_path):
    paths = export_markdown(lib, tmp_path / "vault")
    assert [p.name for p in paths] == ["1-trade-talks-resume-dia-1-2-next.md", "3-only-tagged.md"]
    assert sorted(p.name for p in (tmp_path / "vault").iterdir()) == [p.name for p in paths]


def test_front_matter_parses_back(lib, tmp_path):
    path = export_markdown(lib, tmp_path, entities=lambda i: ["Geneva", 'The "Union"'])[0]
    data = front_matter(path.read_text(encoding="utf-8"))
    assert data["title"] == TRICKY_TITLE
    assert (data["source"], data["url"], data["published"], data["author"]) == (
        "Wire", URL, "2021-09-09", "By Jo Doe")
    assert data["tags"] == ["C++", "trade"]
    assert data["entities"] == ["Geneva", 'The "Union"']
    assert data["newsreader_id"] == 1
    assert "\u2028" not in path.read_text(encoding="utf-8").split("\n---\n")[0]


def test_entities_default_to_an_empty_list(lib, tmp_path):
    path = export_markdown(lib, tmp_path)[1]
    assert front_matter(path.read_text())["entities"] == []
    assert front_matter(path.read_text())["tags"] == ["later"]


def test_body_has_notes_then_highlights_as_block_quotes(lib, tmp_path):
    text = export_markdown(lib, tmp_path)[0].read_text()
    notes, highlights = text.index("## Notes"), text.index("## Highlights")
    assert notes < text.index("Why now?") < highlights
    assert ("> the tariff on steel would be cut by half\n\nHalf!\nA big cut.\n\n"
            "Tags: #numbers") in text
    assert "> Observers expect a final agreement\n" in text
    assert text.index("tariff on steel") < text.index("> Observers")  # in reading order
    assert "— ada, " in text and ORPHANS_HEADING not in text


def test_export_is_idempotent(lib, tmp_path):
    tmp_path = tmp_path / "vault"
    first = export_markdown(lib, tmp_path)
    contents = {p.name: p.read_bytes() for p in first}
    stamps = {p.name: p.stat().st_mtime_ns for p in first}
    second = export_markdown(lib, tmp_path)
    assert second == first
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == contents
    assert {p.name: p.stat().st_mtime_ns for p in second} == stamps  # not even rewritten


def test_renamed_article_replaces_its_file(lib, tmp_path):
    tmp_path = tmp_path / "vault"
    tmp_path.mkdir()
    (tmp_path / "1-my-own-file.md").write_text("not from the export\n")
    export_markdown(lib, tmp_path)
    lib.articles.upsert([make_article(title="A new headline", body=BODY, url=URL)])
    names = sorted(p.name for p in export_markdown(lib, tmp_path))
    assert names == ["1-a-new-headline.md", "3-only-tagged.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "1-a-new-headline.md", "1-my-own-file.md", "3-only-tagged.md"]


def test_orphans_have_their_own_section(lib, tmp_path):
    lib.articles.upsert([make_article(title=TRICKY_TITLE, url=URL, body=BODY.replace(
        "The delegation said the tariff on steel would be cut by half next year.\n\n", ""))])
    text = export_markdown(lib, tmp_path)[0].read_text()
    orphans = text.index(f"## {ORPHANS_HEADING}")
    assert text.index("> Observers expect") < orphans < text.index("> the tariff on steel")
    assert text.index("Half!") > orphans


def test_slug():
    assert slug("Ça va? Déjà vu!") == "ca-va-deja-vu"
    assert slug("日本語") == "article"
    long = slug("word " * 40)
    assert len(long) <= 60 and not long.endswith("-") and long.startswith("word-word")


def test_yaml_string_escapes():
    assert yaml_string('a "b" \\ c\nd\u2029') == '"a \\"b\\" \\\\ c\\nd\\u2029"'


def test_json_follows_the_web_annotation_model(lib):
    data = export_json(lib)
    assert data["type"] == "AnnotationCollection" and data["total"] == len(data["items"]) == 5
    items = {item["id"]: item for item in data["items"]}
    for item in items.values():
        assert item["@context"] == "http://www.w3.org/ns/anno.jsonld"
        assert item["type"] == "Annotation"
        assert item["target"]["source"] in (URL,) or item["target"]["source"].startswith(
            "urn:newsreader:article:")
    note = items["urn:newsreader:annotation:1"]
    assert note["motivation"] == "commenting" and "selector" not in note["target"]
    assert note["body"] == [{"type": "TextualBody", "purpose": "commenting", "value": "Why now?",
                             "format": "text/plain"}]
    assert note["creator"] == {"type": "Person", "name": "ada"}
    assert note["created"] and note["modified"]
    highlight = items["urn:newsreader:annotation:2"]
    quote, position = highlight["target"]["selector"]
    assert quote["type"] == "TextQuoteSelector"
    assert quote["exact"] == "the tariff on steel would be cut by half"
    assert BODY[position["start"]:position["end"]] == quote["exact"]
    assert quote["prefix"] == BODY[:position["start"]][-32:]
    assert quote["suffix"] == BODY[position["end"]:][:32]
    assert {"type": "TextualBody", "purpose": "tagging", "value": "numbers"} in highlight["body"]
    bare = items["urn:newsreader:annotation:3"]
    assert bare["motivation"] == "highlighting" and "body" not in bare
    tags = items["urn:newsreader:tags:1"]
    assert tags["motivation"] == "tagging" and tags["target"] == {"source": URL}
    assert [b["value"] for b in tags["body"]] == ["C++", "trade"]
    assert all(b["purpose"] == "tagging" for b in tags["body"])
    other = items["urn:newsreader:tags:3"]
    assert other["target"]["source"] == f"urn:newsreader:article:{lib.articles.get(3).uid}"
    json.dumps(data)


def test_json_orphan_has_no_position(lib):
    lib.articles.upsert([make_article(title=TRICKY_TITLE, url=URL, body="Entirely new text.")])
    items = {item["id"]: item for item in export_json(lib)["items"]}
    selectors = items["urn:newsreader:annotation:2"]["target"]["selector"]
    assert [s["type"] for s in selectors] == ["TextQuoteSelector"]
