"""Tests for dataset dumps: JSON Lines, JSON arrays and CSV, streamed, with field detection."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tui.ingest import add_sources
from tui.ingest.json_stream import iter_array
from tui.ingest.records import iter_dump, parse_field_overrides
from tui.models import Article, Skip

DUMPS = Path(__file__).parent / "fixtures" / "sources"
MB = 1024 * 1024


def read(name: str, **kwargs) -> list[Article | Skip]:
    return list(iter_dump(str(DUMPS / name), max_bytes=MB, **kwargs))


def test_json_lines_with_common_field_names_and_bad_lines():
    items = read("articles.jsonl")
    path = str(DUMPS / "articles.jsonl")
    bakery, broken, empty, choir = items
    assert (bakery.title, bakery.source, bakery.author) == (
        "Bakery wins award", "The Valley Ledger", "Tomas Reyl")
    assert (bakery.url, bakery.published, bakery.path) == (
        "https://ledger.example/news/bakery", "2024-02-01", f"{path}#1")
    assert broken.source == f"{path}:2" and broken.reason.startswith("invalid JSON")
    assert empty == Skip(f"{path}:3", "no text")
    assert choir.title == "School choir tours abroad"
    assert choir.body == (
        "The Brackenford school choir will tour three cities.\n\nForty pupils take part.")
    assert choir.author == "Ada Kwon, Jonas Field"
    assert choir.source == "articles.jsonl"  # no source field: the file name
    assert choir.path == f"{path}#5"


def test_json_array_with_other_field_names():
    tram, nothing, museum = read("articles.json")
    assert (tram.source, tram.url) == ("River Valley Courier", "https://courier.example/news/tram")
    assert nothing.reason == "no text" and nothing.source.endswith("articles.json:3")
    assert museum.source == "Eastbury Times"
    assert museum.path.endswith("articles.json#4")


def test_csv_needs_the_override_for_its_text_field():
    assert all(isinstance(i, Skip) and i.reason == "no text" for i in read("articles.csv"))
    market, empty, lanes = read("articles.csv", fields={"text": "article_text"})
    assert market.title == "Farmers market moves indoors"
    assert market.body == ("The weekly farmers market moves into the old tram depot for the "
                           "winter.\n\nStallholders welcomed the change.")
    assert (market.source, market.author, market.published) == (
        "The Valley Ledger", "Maria Ostrova", "2024-01-10")
    assert empty.source.endswith("articles.csv:5")
    assert lanes.path.endswith("articles.csv#6") and lanes.url == ""


def test_source_name_fills_records_without_source():
    *_, choir = read("articles.jsonl", source_name="Archive")
    assert choir.source == "Archive"


def test_field_overrides():
    assert parse_field_overrides(["text=article_text", "Published=when"]) == {
        "text": "article_text", "date": "when"}
    for bad in ("text", "colour=x", "text="):
        with pytest.raises(ValueError):
            parse_field_overrides([bad])


def test_json_array_is_streamed_in_chunks(monkeypatch):
    monkeypatch.setattr("tui.ingest.json_stream.CHUNK", 7)
    items = [{"title": f"T{n}", "text": "x" * n, "n": 1.5} for n in range(30)]
    text = "[\n" + ",\n".join(json.dumps(i) for i in items) + "\n]"
    got = list(iter_array(io.StringIO(text), MB))
    assert [record for _, record in got] == items
    assert [line for line, _ in got] == list(range(2, 32))


def test_json_array_errors():
    assert list(iter_array(io.StringIO('[{"a": 1}, {"b": '), MB))[-1][1].startswith(
        "invalid JSON")
    assert list(iter_array(io.StringIO("[1]"), MB)) == [(1, "not a JSON object")]
    assert list(iter_array(io.StringIO('[{"a": "' + "x" * 100 + '"}]'), 50))[0][1] == (
        "item larger than the size limit")


def test_dump_rows_are_idempotent_and_never_collide(library, tmp_path):
    rows = [{"title": "Same title", "text": "Same words."}] * 2
    dump = tmp_path / "twins.jsonl"
    dump.write_text("\n".join(json.dumps(r) for r in rows))
    sources = [str(DUMPS / "articles.jsonl"), str(DUMPS / "articles.json"), str(dump)]
    report = add_sources(library, sources, max_bytes=MB, fields={"text": "article_text"})
    assert report.added == 5 and len(report.skipped) == 3
    again = add_sources(library, sources, max_bytes=MB)
    assert (again.added, again.updated) == (0, 0)
