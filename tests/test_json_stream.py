"""`tui.ingest.json_stream`: a JSON array read item by item, linear and strict."""

from __future__ import annotations

import io
import json

import pytest

from tui.ingest import json_stream
from tui.ingest.json_stream import DEEP, iter_array

MB = 1024 * 1024


def items(text: str, max_bytes: int = MB) -> list[tuple[int, object]]:
    return list(iter_array(io.StringIO(text), max_bytes))


@pytest.mark.parametrize(("text", "reason"), [
    ('[{"a":1} {"b":2},,{"c":3}]', "invalid JSON (',' or ']' expected, not '{')"),
    ('[{"a":1},,{"c":3}]', "invalid JSON (a value was expected, not ',')"),
    ('[{"a":1},]', "invalid JSON (a value was expected, not ']')"),
    ('[{"a":1}', "unexpected end of file (the array is not closed)"),
    ('[{"a":1}, {"b": ', "invalid JSON (unexpected end of file)"),
])
def test_a_malformed_array_stops_at_its_first_fault(text, reason):
    assert items(text) == [(1, {"a": 1}), (1, reason)]


def test_commas_and_emptiness():
    assert items("[]") == items(" \n[ \n]\n") == []
    assert items("[,]") == [(1, "invalid JSON (a value was expected, not ',')")]
    assert items("{}") == [(1, "not a JSON array")]
    assert items('[1, "s]", true, {"x": "a\\\\\\"]"}]') == [
        (1, "not a JSON object"), (1, "not a JSON object"), (1, "not a JSON object"),
        (1, {"x": 'a\\"]'})]


@pytest.mark.parametrize("chunk", [1, 2, 7, 64])
def test_items_across_chunks_keep_their_lines(monkeypatch, chunk):
    monkeypatch.setattr(json_stream, "CHUNK", chunk)
    records = [{"title": f"T{n}", "text": 'x"\\' * n, "n": [1.5, {"d": n}]} for n in range(20)]
    text = "[\n" + ",\n".join(json.dumps(r) for r in records) + "\n]"
    assert items(text) == list(zip(range(2, 22), records, strict=True))
    assert items("[12,\n3456\n]")[-1] == (2, "not a JSON object")


def test_a_large_item_is_parsed_once(monkeypatch):
    """Before: an item longer than a chunk was parsed again from its start each time more
    was read (every 64 KB, later with the chunk doubling): 8 parses of a 16 MB item."""
    calls = []
    real = json_stream._DECODER

    class Counting:
        def raw_decode(self, text, start):
            calls.append(len(text) - start)
            return real.raw_decode(text, start)

    monkeypatch.setattr(json_stream, "_DECODER", Counting())
    monkeypatch.setattr(json_stream, "CHUNK", 1024)
    record = {"text": "word " * 200_000}
    assert items(json.dumps([record, {"b": 1}])) == [(1, record), (1, {"b": 1})]
    # One attempt on the first chunk, one parse of the whole item, one for the small item.
    assert len(calls) == 3 and sum(calls) < 2.1 * len(json.dumps(record))


def test_size_cap_and_depth_still_hold():
    assert items('[{"a": "' + "x" * 100 + '"}, {"b": 2}]', 50) == [
        (1, "item larger than the size limit"), (1, {"b": 2})]
    deep = "[" * 100_000 + "]" * 100_000
    assert items(f'[{{"a": 1}}, {deep},\n{{"b": 2}}]') == [
        (1, {"a": 1}), (1, DEEP), (2, {"b": 2})]


def test_an_unterminated_huge_item_stops_at_the_cap(monkeypatch):
    monkeypatch.setattr(json_stream, "CHUNK", 64)
    assert items('[{"a": "' + "x" * 10_000, 1000) == [(1, "item larger than the size limit")]
