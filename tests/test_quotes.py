"""Quotations and citations: every style, every combination of missing fields."""

from __future__ import annotations

import itertools
import re

import pytest

from tui.quotes import STYLES, citation, format_date, format_quote

FIELDS = {
    "author": "Jane Doe",
    "title": "US, Mexico resume high-level trade talks",
    "source": "The Hill",
    "published": "2021-09-09T14:30:00Z",
    "url": "https://thehill.com/policy/571496",
}
SHOWN = {**FIELDS, "title": "“US, Mexico resume high-level trade talks”",
         "published": "9 Sep 2021"}
QUOTE = "The United States and Mexico on Thursday resumed\n  high-level   economic talks."
FLAT = "The United States and Mexico on Thursday resumed high-level economic talks."
SUBSETS = [dict(c) for n in range(len(FIELDS) + 1)
           for c in itertools.combinations(FIELDS.items(), n)]


def assert_tidy(line: str) -> None:
    assert ", ," not in line and ",," not in line and "()" not in line and "  " not in line
    assert not re.search(r"[,.;:—]\s*$", line), line
    assert not re.match(r"^\s*[,.;:]", line), line
    assert "“”" not in line


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("fields", SUBSETS, ids=lambda f: "+".join(f) or "none")
def test_every_combination_of_missing_fields_is_tidy(fields, style):
    out = format_quote(QUOTE, style=style, **fields)
    cite = citation(**fields)
    for name in FIELDS:
        assert (SHOWN[name] in cite) == (name in fields)
    if cite:
        assert_tidy(cite)
    assert "  " not in out and not out.endswith(("\n", " ", ">"))
    if style == "citation":
        assert out == cite
    elif style == "plain":
        assert out == f"“{FLAT}”" + (f"\n— {cite}" if cite else "")
    else:
        assert out == f"> {FLAT}" + (f"\n>\n> — {cite}" if cite else "")


def test_full_citation_reads_naturally():
    assert citation(**FIELDS) == ("Jane Doe, “US, Mexico resume high-level trade talks”, "
                                  "The Hill, 9 Sep 2021. https://thehill.com/policy/571496")
    assert format_quote("Talks resumed.", **FIELDS, style="plain").splitlines() == [
        "“Talks resumed.”", "— " + citation(**FIELDS)]


def test_markdown_keeps_paragraphs_and_escapes_block_marks():
    out = format_quote("First  paragraph\nwrapped.\n\n# Not a heading\n\n2014. A year\n\n- no",
                       source="Wire")
    assert out.splitlines() == ["> First paragraph wrapped.", ">", r"> \# Not a heading", ">",
                                r"> 2014\. A year", ">", r"> \- no", ">", "> — Wire"]


def test_control_characters_and_escapes_are_removed():
    out = format_quote("Safe\x1b[31m text\x07\u202e here", title="T\x1b]0;pwned\x07itle",
                       style="plain")
    assert out == "“Safe text here”\n— “Title”"
    assert not re.search(r"[\x00-\x1f\x7f-\x9f]", out.replace("\n", ""))


def test_plain_does_not_double_existing_quote_marks():
    assert format_quote("“Tonight we stopped asking.”", style="plain") == (
        "“Tonight we stopped asking.”")


def test_unknown_style_names_the_styles():
    with pytest.raises(ValueError, match="markdown, plain or citation") as raised:
        format_quote("x", style="html")
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(("published", "shown"), [
    ("2021-09-09", "9 Sep 2021"),
    ("2021-09-09T23:59:59+02:00", "9 Sep 2021"),
    ("2021-09-09 08:00", "9 Sep 2021"),
    ("2021 or so", "2021 or so"),
    ("2021-12", "Dec 2021"),
    ("2021", "2021"),
    ("2021-13-45", "2021-13-45"),
    ("last Thursday", "last Thursday"),
    ("", ""),
])
def test_dates(published, shown):
    assert format_date(published) == shown


def test_fields_lose_dangling_separators_and_bylines():
    cite = citation(author="By Jane Doe,", source="Reuters;", title="  Why now?  ",
                    url="https://example.com/a")
    assert cite == "Jane Doe, “Why now?”, Reuters. https://example.com/a"
    assert citation(title="Is it over?", url="https://x.org") == "“Is it over?” https://x.org"
    assert citation(author="Reuters", source="Reuters") == "Reuters"
    assert citation(title='She said “no”') == "“She said ‘no’”"


def test_empty_quote_still_gives_the_citation():
    assert format_quote("  \n ", source="Wire") == "> — Wire"
    assert format_quote("", source="Wire", style="plain") == "— Wire"
    assert format_quote("") == ""
