"""One bad source never costs the others: each is one skip with a true reason and line, the
rest is stored, and the report is complete (issue 17)."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
from pathlib import Path

from tui.ingest import add_sources
from tui.ingest.records import iter_dump
from tui.models import Skip

MB = 1024 * 1024
DEEP = 100_000


def deep(levels: int = DEEP) -> str:
    return '{"title": "Deep", "text": ' + "[" * levels + "]" * levels + "}"


def good(i: int) -> dict:
    return {"title": f"Good record {i}", "text": f"The ferry timetable changes in week {i}."}


def report_of(run, *args, input=None) -> tuple[dict, int]:
    result = run("add", *args, "--json", input=input)
    return json.loads(result.output), result.exit_code


def test_json_nested_100000_levels_is_one_skip_in_jsonl_json_and_stdin(run, tmp_path):
    folder = tmp_path / "dumps"
    folder.mkdir()
    (folder / "deep.jsonl").write_text(
        "\n".join([json.dumps(good(1)), deep(), json.dumps(good(2))]) + "\n")
    # A JSON array on one line: the deep item is passed over, the items around it still read.
    (folder / "deep.json").write_text(
        "[" + ", ".join([json.dumps(good(3)), deep(), json.dumps(good(4))]) + "]")
    (folder / "story.txt").write_text("A plain story\n\nThe harbour reopened on Monday.\n")
    report, code = report_of(run, str(folder), "-", input="Piped title\n\n" + deep() + "\n")
    assert code == 1
    assert report["skipped"] == [
        {"source": str(folder / "deep.json") + ":1", "reason": "JSON nested too deeply"},
        {"source": str(folder / "deep.jsonl") + ":2", "reason": "JSON nested too deeply"},
    ]
    assert report["added"] == 6  # 4 good records, the story, and standard input (as text)


def test_a_malformed_url_is_one_skip_and_the_rest_goes_in(run, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("A plain story\n\nThe harbour reopened on Monday.\n")
    record = tmp_path / "links.jsonl"
    record.write_text(json.dumps({**good(1), "url": "http://[::1/story"}) + "\n")
    report, code = report_of(run, "http://[::1", "https://example.com:port/", str(story),
                             str(record))
    assert code == 1
    assert report["added"] == 2  # a record naming a malformed URL still goes in
    assert report["skipped"] == [
        {"source": "http://[::1", "reason": "malformed URL (Invalid IPv6 URL)"},
        {"source": "https://example.com:port/",
         "reason": "malformed URL (Port could not be cast to integer value as 'port')"}]


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="") as file:
        csv.writer(file).writerows(rows)


def test_csv_row_past_the_limit_is_skipped_at_its_line_and_later_rows_go_in(tmp_path):
    dump = tmp_path / "rows.csv"
    write_csv(dump, [["title", "text"], ["One", "First row."], ["Two", "x" * 300_000],
                     ["Three", "Third row,\nover two lines."], ["Four", "Fourth row."]])
    items = list(iter_dump(str(dump), max_bytes=200_000))
    assert [i.title if not isinstance(i, Skip) else i for i in items] == [
        "One", Skip(f"{dump}:3", "row larger than the size limit"), "Three", "Four"]
    assert items[2].path == f"{dump}#4" and items[3].path == f"{dump}#6"


def test_csv_oversized_quoted_field_over_many_lines_is_passed_over_whole(tmp_path):
    dump = tmp_path / "rows.csv"
    write_csv(dump, [["title", "text"], ["Big", "line of words\n" * 20_000],
                     ["After", "Still read, from its own line."]])
    items = list(iter_dump(str(dump), max_bytes=100_000))
    assert items[0] == Skip(f"{dump}:2", "row larger than the size limit")
    assert [i.title for i in items[1:]] == ["After"]  # no row made of the big field's lines


def test_csv_unterminated_quote_is_reported_where_it_opens(tmp_path):
    dump = tmp_path / "rows.csv"
    dump.write_text('title,text\nA,"first, quoted"\nB,"opens and\nnever closes\n'
                    "C,third row\nD,fourth row\n")
    items = list(iter_dump(str(dump), max_bytes=MB))
    assert items[0].title == "A" and items[0].body == "first, quoted"
    assert items[1] == Skip(f"{dump}:3", "unterminated quote: it opens here and never closes")
    # Not one huge article of the rest of the file: the lines after it are read again as rows.
    assert items[2] == Skip(f"{dump}:4", "no text")  # "never closes": one field, no text
    assert [(i.title, i.body) for i in items[3:]] == [("C", "third row"), ("D", "fourth row")]


def test_csv_quotes_follow_the_csv_modules_rules(tmp_path):
    """A quote inside an unquoted field is a character; doubled quotes are one quote."""
    dump = tmp_path / "rows.csv"
    dump.write_text('title,text\nHe said "no",plain "quoted" words\n'
                    'Q,"a ""doubled"" quote, and\na new line"\r\nLast,row\n')
    items = list(iter_dump(str(dump), max_bytes=MB))
    assert [(i.title, i.body) for i in items] == [
        ('He said "no"', 'plain "quoted" words'),
        ("Q", 'a "doubled" quote, and\na new line'), ("Last", "row")]


def peak_while(read) -> int:
    tracemalloc.start()
    try:
        read()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_line_past_the_limit_is_skipped_at_its_line_without_being_read_whole(tmp_path):
    line = 24 * MB
    jsonl = tmp_path / "long.jsonl"
    jsonl.write_text(json.dumps(good(1)) + "\n" + json.dumps({"text": "y" * line}) + "\n"
                     + json.dumps(good(2)) + "\n")
    csv_dump = tmp_path / "long.csv"
    csv_dump.write_text("title,text\nOne,first\nLong," + "z" * line + "\nThree,third\n")
    for dump, reason in ((jsonl, "record larger than the size limit"),
                         (csv_dump, "row larger than the size limit")):
        items: list = []
        peak = peak_while(lambda d=dump: items.extend(iter_dump(str(d), max_bytes=MB)))
        assert [i.reason if isinstance(i, Skip) else i.title for i in items] == [
            items[0].title, reason, items[2].title]
        assert items[1].source == f"{dump}:2" if dump == jsonl else f"{dump}:3"
        assert peak < 8 * MB, (dump.name, peak)  # the 24 MB line was never held


def test_references_to_control_characters_are_dropped_in_html_rss_and_atom(library, tmp_path):
    words = ("The council met on Tuesday to discuss the bridge repairs and the budget for the "
             "coming year, which several members of the council opposed at length.")
    html = f"<p>{words}</p><p>Residents spoke&#x19; of traffic&#27; and &amp;#x19;noise.</p>"
    escaped = html.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    (tmp_path / "feed.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        "<item><title>Bridge &#x19;vote</title><link>https://example.com/a</link>"
        f"<description><![CDATA[{html}]]></description></item>"
        f"<item><title>Second</title><link>https://example.com/b</link>"
        f"<description>{escaped}</description></item></channel></rss>")
    (tmp_path / "feed.atom").write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        '<title>Atom</title><entry><title>Atom entry</title><link href="https://example.com/c"/>'
        f'<id>c</id><updated>2024-01-01T00:00:00Z</updated><content type="html">{escaped}'
        "</content></entry></feed>")
    (tmp_path / "page.html").write_text(
        f"<html><head><title>Page</title></head><body><article><h1>Page</h1>{html * 3}"
        "</article></body></html>")
    report = add_sources(library, [str(tmp_path)], max_bytes=MB)
    assert (report.added, report.skipped) == (4, [])
    for article_id in report.ids:
        article = library.articles.get(article_id)
        assert "Residents spoke of traffic" in article.body
        assert not any(ord(c) < 0x20 and c != "\n" for c in article.title + article.body)
        assert "&#" not in article.body


def test_stray_nuls_are_removed_with_a_warning_and_binaries_still_skipped(library, tmp_path):
    text = tmp_path / "scraped.txt"
    text.write_bytes(b"Scraped title\n\nA body from a dump\x00 with two stray\x00 NULs.\n")
    big = tmp_path / "big-scraped.txt"  # a few NULs in a long text: 1 in 10,000 bytes
    big.write_bytes(b"Long title\n\n" + (b"Words of the long dump. " * 400 + b"\x00\n\n") * 10)
    # Half its bytes are NULs, and no byte-order mark says it is UTF-16 (with one it is read:
    # tests/test_ingest_wide.py): not text as newsreader reads it.
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("Title\n\nSome words in UTF-16 without a mark.".encode("utf-16-le"))
    blob = tmp_path / "blob.txt"  # few NULs, but not UTF-8 without them
    blob.write_bytes(b"\x00" + bytes(range(128, 256)) * 8)
    report = add_sources(library, [str(tmp_path)], max_bytes=MB)
    assert report.added == 2
    assert {Path(s.source).name: s.reason for s in report.skipped} == {
        "utf16.txt": "binary file (contains NUL bytes)",
        "blob.txt": "binary file (contains NUL bytes)"}
    assert {Path(w.source).name: w.reason for w in report.warnings} == {
        "scraped.txt": "removed 2 stray NUL bytes from the text",
        "big-scraped.txt": "removed 10 stray NUL bytes from the text"}
    stored = library.articles.get(report.ids[1])
    assert stored.body == "A body from a dump with two stray NULs."


def test_every_record_of_a_one_line_json_array_is_its_own_article(library, tmp_path):
    """Records on one line used to share a path, and the "same file edited" rule folded each
    into the one before: a `json.dump`ed array kept only its last record."""
    dump = tmp_path / "one-line.json"
    dump.write_text(json.dumps([good(i) for i in range(5)]))
    report = add_sources(library, [str(dump)], max_bytes=MB)
    assert (report.added, report.updated) == (5, 0)
    again = add_sources(library, [str(dump)], max_bytes=MB)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)
    paths = sorted(library.articles.get(i).path for i in report.ids)
    assert paths == [f"{dump}#1"] + [f"{dump}#1.{k}" for k in range(1, 5)]



def test_csv_rows_read_as_the_csv_module_reads_them():
    """The scanner that cuts rows agrees with Python's csv module on every well-formed file:
    quotes, doubled quotes, commas, CR, LF and CRLF inside fields."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from tui.ingest.csv_stream import iter_csv

    field = st.text(alphabet='ab ,"\n\r\t\u00e9', max_size=12)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.lists(field, min_size=2, max_size=2), min_size=1, max_size=6),
           st.sampled_from(["\n", "\r\n"]))
    def agree(rows, terminator):
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator=terminator)
        writer.writerow(["title", "text"])
        writer.writerows(rows)
        text = out.getvalue()
        expected = list(csv.DictReader(io.StringIO(text, newline="")))
        got = [row for _, row in iter_csv(io.StringIO(text, newline=""), MB)]
        assert got == expected

    agree()
