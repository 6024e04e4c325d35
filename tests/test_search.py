"""The query language, typo tolerance and ranking, on a corpus the tests build."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_article
from tests.samples import HOSTILE_QUERIES
from tui.search import PARSER, Compiler, fuzzy_titles, search
from tui.search.filters import parse_when
from tui.search.query import MAX_DEPTH, MAX_TERMS, Filter, Not, Term
from tui.search.typo import Vocabulary, budget
from tui.storage import Library
from tui.storage.conditions import where_sql
from tui.text import sanitize

CORPUS = [
    dict(title="Mexico and US resume trade talks", source="Reuters", author="Ana Ruiz",
         published="2021-09-09",
         body="Economy Secretary Tatiana Clouthier met Secretary of State Antony Blinken. "
              "The government said the talks went well."),
    dict(title="Government budget passes", source="BBC News", author="John Smith",
         published="2022-03-01",
         body="The government budget passed after a long debate about taxes and spending."),
    dict(title="Otters return to the river", source="The Guardian", published="2020-05-05",
         body="Wildlife experts said otters have returned. Conservation worked, experts said."),
    dict(title="Football final ends in a draw", source="BBC Sport", published="2023-01-10",
         body="The final ended in a draw after extra time. Penalties decided the winner."),
    dict(title="Parliament debates climate policy", source="Reuters", published="2019-11-11",
         body="Members of parliament debated the climate policy. The government promised "
              "new targets for renewable energy and carbon capture."),
    dict(title="Blinken visits Kyiv", source="AP", published="2022-01-19",
         body="Antony Blinken arrived in Kyiv for talks on security guarantees."),
]
for n in range(6):  # common filler so that rare words stand out
    CORPUS.append(dict(title=f"Weather report {n}", source="Met", published=f"2018-01-0{n + 1}",
                       body="Rain and wind across the country with sunny spells later."))


@pytest.fixture
def lib(library):
    library.articles.upsert([make_article(**a) for a in CORPUS])
    library.articles.set_flag(2, "read", True)
    library.articles.set_flag(3, "starred", True)
    now = "2026-01-01T00:00:00Z"
    library.conn.executescript(f"""
        INSERT INTO tags (id, name) VALUES (1, 'trade'), (2, 'climate');
        INSERT INTO article_tags VALUES (1, 1, '{now}'), (5, 2, '{now}');
        INSERT INTO annotations (article_id, kind, text, created, updated)
        VALUES (4, 'note', 'check the score', '{now}', '{now}');
    """)
    return library


def leaves(node) -> list:
    """The terms and filters of a parsed tree."""
    if isinstance(node, (Term, Filter)):
        return [node]
    if isinstance(node, Not):
        return leaves(node.child)
    return [leaf for child in node.children for leaf in leaves(child)]


def titles(result):
    return [h.title for h in result.hits]


def ids(lib, query, **kw):
    return search(lib, query, **kw).ids


def test_words_are_anded(lib):
    assert ids(lib, "government budget") == [2]
    assert set(ids(lib, "government")) == {1, 2, 5}


def test_phrase(lib):
    assert ids(lib, '"climate policy"') == [5]
    assert ids(lib, '"policy climate"') == []


def test_prefix(lib):
    assert set(ids(lib, "parliam*")) == {5}
    assert set(ids(lib, "otter*")) == {3}


def test_exclusion(lib):
    assert set(ids(lib, "government -budget")) == {1, 5}
    assert 3 not in ids(lib, "-otters")
    assert len(ids(lib, "-otters")) == len(CORPUS) - 1
    assert set(ids(lib, 'government -"climate policy"')) == {1, 2}


def test_or_and_groups(lib):
    assert set(ids(lib, "otters OR penalties")) == {3, 4}
    assert set(ids(lib, "(otters OR penalties) experts")) == {3}
    assert set(ids(lib, "government -(budget OR climate)")) == {1}


def test_column_filters(lib):
    assert ids(lib, "title:government") == [2]
    assert set(ids(lib, "body:government")) == {1, 2, 5}


@pytest.mark.parametrize("query, expected", [
    ("source:reuters", {1, 5}),
    ('source:"bbc news"', {2}),
    ("author:smith", {2}),
    ("tag:trade", {1}),
    ("tag:TRADE", {1}),
    ("tag:cli*", {5}),
    ("after:2022-01-01", {2, 4, 6}),
    ("before:2019-01-01", {7, 8, 9, 10, 11, 12}),
    ("after:2021 before:2022-02", {1, 6}),
    ("is:read", {2}),
    ("is:starred", {3}),
    ("has:note", {4}),
    ("has:tag", {1, 5}),
    ("-is:unread", {2}),
    ("source:reuters OR source:ap", {1, 5, 6}),
    ("government source:reuters", {1, 5}),
    ("government -source:reuters", {2}),
])
def test_filters(lib, query, expected):
    result = search(lib, query)
    assert set(result.ids) == expected, result.notices
    assert result.notices == []


def test_is_unread(lib):
    assert 2 not in ids(lib, "is:unread") and len(ids(lib, "is:unread")) == len(CORPUS) - 1


def test_relative_dates():
    from datetime import date

    today = date(2026, 11, 27)
    assert parse_when("7d", today) == "2026-11-20"
    assert parse_when("2w", today) == "2026-11-13"
    assert parse_when("3m", today) == "2026-08-29"
    assert parse_when("2021-09", today) == "2021-09-01"
    assert parse_when("2021-02-30", today) is None
    assert parse_when("notadate", today) is None


@pytest.mark.parametrize("query, notice", [
    ('"experts otters', "unmatched"),
    ("tag:", "needs a value"),
    ("before:notadate otters", "before:notadate"),
    ("( otters", "unmatched"),
    ("otters )", "unmatched"),
    ("is:purple otters", "is:purple"),
])
def test_malformed_queries_search_what_they_can(lib, query, notice):
    result = search(lib, query)
    assert any(notice in n for n in result.notices), result.notices
    if "otters" in query:
        assert 3 in result.ids


@pytest.mark.parametrize("typo, target", [
    ("clouthir", 1),       # one deletion
    ("cloutheir", 1),      # transposition
    ("blinkn", 6),         # one deletion
    ("goverment", 2),      # one deletion
    ("govrenment", 2),     # transposition
    ("parliment", 5),      # one deletion
    ("conservatoin", 3),   # transposition in a long word
    ("renewabel", 5),      # transposition
    ("rennewabble", 5),    # two edits in a long word
])
def test_typos_find_the_article(lib, typo, target):
    result = search(lib, typo)
    assert target in result.ids[:5], (typo, result.ids, result.notices)
    assert any("showing results for" in n or "also searched" in n for n in result.notices)


def test_three_letter_words_are_never_fuzzed(lib):
    assert search(lib, "wnd").ids == []  # wind: 3 letters have no typo budget
    assert set(search(lib, "rian").ids) == set(search(lib, "rain").ids)  # 4 letters have


def test_correct_spelling_is_not_corrected_away(lib):
    result = search(lib, "otters")
    assert result.ids == [3] and result.notices == []


def test_exact_ranks_above_typo(library):
    library.articles.upsert([
        make_article(title="Policy paper", body="The senate debated a motion. " * 3),
        make_article(title="Other", body="The senator spoke. The senator left."),
        make_article(title="Third", body="The senator returned."),
        make_article(title="Fourth", body="The senator again."),
    ])
    result = search(library, "senate")
    assert result.ids[0] == 1


def test_title_weighs_more_and_newer_wins_ties(library):
    library.articles.upsert([
        make_article(title="Harbour news", body="The harbour opened.", published="2020-01-01"),
        make_article(title="Harbour news", body="The harbour opened.", published="2021-01-01",
                     url="https://x.test/2"),
        make_article(title="Other", body="Harbour harbour harbour mention.", published="2022"),
    ])
    assert search(library, "harbour").ids[:2] == [2, 1]


def test_a_one_off_search_puts_in_order_only_the_ties_it_shows(library, monkeypatch):
    # Three scores, ten articles each; a group's articles differ only in date (and url).
    library.articles.upsert([
        make_article(title="Port", body=" ".join(["harbour"] * times + ["quay"] * (3 - times)),
                     published=f"2020-01-{day + 1:02d}", url=f"https://x.test/{times}/{day}")
        for times in (1, 2, 3) for day in range(10)])
    asked = []
    looked_up = library.orders.positions_of
    monkeypatch.setattr(library.orders, "positions_of", lambda ids: asked.append(len(ids)) or
                        looked_up(ids))
    page = search(library, "harbour", limit=3, page_only=True)
    assert [hit.id for hit in page.hits] == [30, 29, 28] and page.total == 30
    assert asked == [10]  # the best group only
    whole = search(library, "harbour", limit=3)
    assert whole.ids == [*range(30, 20, -1), *range(20, 10, -1), *range(10, 0, -1)]
    assert asked == [10, 30]


def test_snippet_spans_mark_the_words(lib):
    hit = search(lib, "carbon").hits[0]
    assert [hit.snippet[s.start:s.end].lower() for s in hit.snippet_spans] == ["carbon"]
    assert hit.score > 0


def test_snippet_window_and_cuts():
    from tui.search.snippets import make_snippet

    body = "Intro words here. " * 20 + "The Ébrard meeting ended.\n\nNext paragraph. " * 5
    text, spans = make_snippet(body, ["ebrard", "meet*"])
    assert text.startswith("…") and text.endswith("…") and "\n" not in text
    assert [text[s.start:s.end] for s in spans][:2] == ["Ébrard", "meeting"]
    text, spans = make_snippet("Short body.", ["absent"])
    assert (text, spans) == ("Short body.", [])


def test_live_prefix_on_last_word_only(lib):
    assert 3 in search(lib, "otte", live=True).ids
    assert search(lib, "otte ", live=True).ids == []  # a finished word is exact
    assert search(lib, "otte otters", live=False).ids == []  # a word as typed...
    one_off = search(lib, "otte", live=False)  # ...unless it finds nothing: then a prefix
    assert one_off.ids == [3] and one_off.notices[0] == "no article has otte: searched otte*"
    assert search(lib, "o", live=True).ids == []  # one letter is not a prefix yet


def test_terms_for_highlighting(lib):
    result = search(lib, '"climate policy" parliam* -budget')
    assert "climate policy" in result.terms and "parliam*" in result.terms
    assert "budget" not in result.terms


def test_typo_budget():
    assert [budget(w) for w in ("tra", "tram", "trams", "tramlines")] == [0, 1, 1, 2]
    assert [budget(w, wide=True) for w in ("tra", "tram", "trams", "tramlines")] == [0, 1, 2, 2]
    vocab = Vocabulary([("government", 50), ("covernment", 1)])
    assert vocab.expand("govenment").alternatives == ["government"]
    # A wrong first letter is outside the strict budget: only the wide one finds it...
    assert Vocabulary([("clouthier", 5)]).expand("kloutier").wide
    assert Vocabulary([("clouthier", 5)]).expand("kloutier").alternatives == ["clouthier"]
    # ...which has room for two edits at most.
    assert Vocabulary([("clouthier", 5)]).expand("kloutiere").alternatives == []
    # A word in FEW articles or more is no typo unless the query found too little.
    assert Vocabulary([("clouthier", 5), ("clouthiers", 3)]).expand("clouthiers").alternatives \
        == []
    assert Vocabulary([("clouthier", 5), ("clouthiers", 3)]).expand(
        "clouthiers", mode="always").alternatives == ["clouthier"]


def test_fuzzy_titles(lib):
    ranked = fuzzy_titles(lib, "otter retrun")
    assert ranked[0][1] == "Otters return to the river"
    assert fuzzy_titles(lib, "")[0][1]


HOSTILE = st.text(
    alphabet=st.sampled_from(list('abcé "()*-:^{}[].,;\'\\%_\x00\x1bOR AND NOT NEAR title source '
                                  'tag is has after before 0123')),
    max_size=60,
) | st.text(max_size=40)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=HOSTILE)
def test_no_string_breaks_the_parser_or_the_sql(lib, text):
    for live in (False, True):
        PARSER.parse(text, live=live)
        result = search(lib, text, live=live)
        assert isinstance(result.total, int)
        assert all(isinstance(n, str) for n in result.notices)


def test_very_long_query(lib):
    result = search(lib, "otters " * 2000 + "x" * 10_000)
    assert isinstance(result.total, int)


def max_depth(node) -> int:
    children = getattr(node, "children", None) or ([node.child] if isinstance(node, Not) else [])
    return 1 + max((max_depth(c) for c in children), default=0)


@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=lambda q: repr(q[:24]))
def test_hostile_queries_never_raise_and_their_work_is_bounded(lib, query):
    for live in (False, True):
        result = search(lib, query, live=live)
        assert isinstance(result.total, int) and all("\n" not in n for n in result.notices)
        tree = PARSER.parse(sanitize(query), live=live).tree
        assert len(leaves(tree)) <= MAX_TERMS and max_depth(tree) <= 2 * MAX_DEPTH + 2
        match, _ = Compiler(lib, expand=None).compile(tree)
        assert len(QUOTED.findall(match or "")) <= MAX_TERMS


def test_a_10000_character_query_is_capped_in_terms(lib):
    query = " ".join(f"word{n}" for n in range(2000))[:10_000]
    parsed = PARSER.parse(query)
    match, where = Compiler(lib, expand=None).compile(parsed.tree)
    assert len(QUOTED.findall(match)) == MAX_TERMS and not where
    assert f"searched the first {MAX_TERMS} words of a long query" in parsed.notices
    assert "word31" in match and "word32" not in match
    assert search(lib, "otters " + query).ids == []  # every kept word must match: none does
    assert 3 in search(lib, "otters " * 40).ids


def test_deep_parentheses_keep_their_words():
    tree = PARSER.parse("(" * 50 + "otters OR experts" + ")" * 50).tree
    assert [t.text for t in leaves(tree)] == ["otters", "experts"]
    assert PARSER.parse("- - otters").tree == PARSER.parse("otters").tree


QUOTED = re.compile(r'"(?:[^"]|"")*"')
FTS5_SYNTAX = st.sampled_from([
    "NEAR(", "NEAR", "(", ")", '"', "*", "^", ":", "title:", "body:", "{title body}:", "-", "+",
    "OR", "AND", "NOT", "tag:", "is:", "after:", "person:", "source:", "'", ";", "--", ",",
    "otters", "experts", "govern", "é", "東京", "🙂", "\x00", "\x1b]0;x\x07", "\ud800", " ", " ",
])


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(FTS5_SYNTAX, max_size=300).map("".join))
def test_the_parser_only_ever_makes_fts5_that_sqlite_accepts(lib, text):
    """Long strings of FTS5 syntax: the tree stays bounded and every expression compiled from
    it runs in SQLite as it is, with no error (typo expansion on or off)."""
    for live in (False, True):
        parsed = PARSER.parse(sanitize(text), live=live)
        assert len(leaves(parsed.tree)) <= MAX_TERMS
        for expand in (None, "always"):
            match, where = Compiler(lib, expand=expand).compile(parsed.tree)
            if match:
                lib.conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                                 (match,)).fetchone()
            if where:
                sql, params = where_sql(where)
                lib.conn.execute(f"SELECT count(*) FROM articles AS a WHERE {sql}",
                                 params).fetchone()


def test_too_many_matches_come_newest_first(lib, monkeypatch):
    import tui.search

    monkeypatch.setattr(tui.search, "RANK_LIMIT", 2)
    result = search(lib, "government")
    assert result.ids == [2, 1, 5]  # newest first by published date
    assert not result.ranked
    assert "too many matches to rank: newest first (add a word to rank)" in result.notices
    assert search(lib, "government mexico").ranked


def test_vocabulary_is_kept_in_the_library(lib):
    first = lib.vocabulary.words()
    assert first == _whole_vocabulary(lib)
    assert lib.conn.execute("SELECT count(*) FROM vocabulary").fetchone()[0] == len(first)
    assert lib.vocabulary.words() == first
    lib.articles.upsert([make_article(title="Zebras", body="Zebras everywhere.")])
    assert ("zebras", 1) in lib.vocabulary.words()
    assert ("zebras", 1) in lib.conn.execute("SELECT term, docs FROM vocabulary").fetchall()


def test_sort_orders_while_searching(lib):
    assert search(lib, "government", order="title").ids == [2, 1, 5]
    assert search(lib, "government", order="oldest").ids == [5, 1, 2]


def test_broad_prefixes_search_their_commonest_words(library, monkeypatch):
    import tui.search.typo as typo

    monkeypatch.setattr(typo, "MAX_DERIVATIONS", 2)
    library.articles.upsert([
        make_article(title=f"t{i}", body=f"{word} text") for i, word in enumerate(
            ["trade", "trade", "trade", "trial", "trial", "tree", "truck"])])
    result = search(library, "tr*")
    assert any("starts 4 words" in n for n in result.notices), result.notices
    assert set(result.ids) == {1, 2, 3, 4, 5}  # trade and trial, the two commonest
    assert set(search(library, "tre*").ids) == {6}  # narrow prefixes are searched whole


def test_a_misspelt_word_being_typed_finds_the_article(lib):
    result = search(lib, "clouthir", live=True)
    assert 1 in result.ids[:5]
    assert any("clouthier" in n for n in result.notices)


def test_a_single_letter_being_typed_is_not_searched_yet(lib):
    assert search(lib, "otters g", live=True).ids == [3]
    assert search(lib, "otters -g", live=True).ids == [3]
    assert search(lib, "otters g ", live=True).ids == []


def test_ties_come_newest_first_with_or_without_the_cached_order(tmp_path):
    """A one-off search orders tied scores in SQL; the app's cached order gives the same."""
    from tui.search import search

    db = tmp_path / "ties.db"
    with Library(db) as library:
        library.articles.upsert([
            make_article(title=f"Same story {n}", body="Walruses gather on the ice.",
                         published=f"20{10 + (n * 7) % 13:02d}-01-{1 + n % 27:02d}",
                         url=f"https://example.com/{n}")
            for n in range(40)])
    with Library(db) as fresh:
        cold = search(fresh, "walruses", limit=40)
        assert fresh.orders.cached_positions() is None  # ordered without building the whole order
        fresh.orders.positions()
        warm = search(fresh, "walruses", limit=40)
    assert cold.ids == warm.ids and len(cold.ids) == 40
    dates = [hit.published for hit in cold.hits]
    assert dates == sorted(dates, reverse=True)


@pytest.fixture
def filtered(library):
    """60 articles: every one holds "harbour", every third "ferry"; tags on a few, dates
    spread so that an `after:` filter keeps about half."""
    library.articles.upsert([
        make_article(title=f"Port {n}", body="The harbour " + ("ferry " * (n % 3 == 0)) * 2 +
                     "crossing" * (n % 2), published=f"20{10 + n % 12:02d}-0{1 + n % 9}-15",
                     url=f"https://example.com/port/{n}") for n in range(60)])
    library.notes.tag_articles([1, 4, 9, 30], ["shipping"])
    return library


FILTERED_QUERIES = ["harbour after:2016", "ferry after:2016", "harbour tag:shipping",
                    "ferry tag:shipping", "harbour -crossing before:2014", "ferry* after:2019",
                    "after:2020", "harbour after:2099", "after:2013 before:2015-06",
                    "ferry after:2012-03 before:2019 tag:shipping", "before:2011",
                    "harbour (after:2020 OR tag:shipping)", "harbour -after:2015",
                    "harbour after:2014-05-15", "before:2014-05-15"]  # an article is of that day


@pytest.mark.parametrize("query", FILTERED_QUERIES)
def test_every_way_of_applying_filters_gives_the_same_list(filtered, monkeypatch, query):
    """Filters checked match by match or listed whole, bm25 per passing match or for every
    match then filtered, newest order picked or sorted: one answer."""
    import tui.storage.matching as queries
    import tui.storage.orders as orders

    answers = []
    with Library(filtered.path) as cold:  # no order in memory: dates go to SQL
        ranked, newest = search(cold, query, limit=60), search(cold, query, limit=60,
                                                               order="newest")
        assert cold.orders.cached_positions() is None
        answers.append((ranked.ids, [hit.score for hit in ranked.hits], newest.ids))
    for look_up, seek, sort_few in [(10**9, 10**9, 10**9), (0, 0, 0), (10**9, 0, 10**9)]:
        monkeypatch.setattr(queries, "LOOK_UP_EACH", look_up)
        monkeypatch.setattr(queries, "SEEK_EACH", seek)
        monkeypatch.setattr(orders, "SORT_FEW", sort_few)
        filtered.orders.warm()
        ranked = search(filtered, query, limit=60)
        newest = search(filtered, query, limit=60, order="newest")
        assert sorted(ranked.ids) == sorted(newest.ids)
        answers.append((ranked.ids, [hit.score for hit in ranked.hits], newest.ids))
    assert answers[0] == answers[1] == answers[2] == answers[3], query
    assert answers[0][2] or query.endswith("2099")


def test_filters_keep_what_they_say(filtered):
    assert set(search(filtered, "ferry tag:shipping").ids) == {1, 4}  # the ferry ones of 1, 4, 9, 30
    dates = {hit.id: hit.published for hit in search(filtered, "harbour after:2016",
                                                      limit=60).hits}
    assert dates and all(d >= "2016" for d in dates.values())


def test_the_newest_order_sorts_a_few_ids_as_it_picks_many(filtered):
    filtered.orders.warm()
    every = filtered.orders.in_order(None)
    few = {every[5], every[40], every[17]}
    assert filtered.orders.in_order(few) == [i for i in every if i in few]
    assert filtered.orders.in_order(set(every)) == every


@pytest.mark.parametrize("order", ["relevance", "newest", "title"])
@pytest.mark.parametrize("query", ["harbour", "harb", "ferry", "harbour -crossing",
                                   "harbour after:2010", '"the harbour"'])
def test_very_many_matches_hand_over_their_first_page_early(filtered, monkeypatch, order, query):
    """Past EARLY_AT matches the first page and the count come first; the whole list, listed
    a few rowids at a time, starts with that page and has that count."""
    import tui.search
    import tui.storage.matching as queries
    from tui.search.typo import CACHE

    monkeypatch.setattr(tui.search, "RANK_LIMIT", 2)
    monkeypatch.setattr(queries, "EARLY_AT", 5)
    monkeypatch.setattr(queries, "EARLY_PAGE", 7)
    expected = search(filtered, query, limit=60, order=order, live=True)
    monkeypatch.setattr(queries, "CHUNK", 8)
    filtered.orders.warm()
    filtered.orders.in_order(None, "title")
    for vocabulary in (False, True):  # the count from the vocabulary, or counted
        if vocabulary:
            CACHE.get(filtered)
        pages = []
        result = search(filtered, query, limit=60, order=order, live=True, early=pages.append)
        assert result.ids == expected.ids
        if ":" in query or '"' in query:  # filters and phrases are listed whole at once
            assert pages == []
            continue
        [page] = pages
        assert page.total == result.total and page.ids == result.ids[:7]
        assert [hit.id for hit in page.hits] == page.ids
        assert page.ranked == result.ranked == (order != "relevance")
        assert page.notices == result.notices


def test_term_docs_counts_a_words_articles_as_far_as_asked(filtered):
    assert filtered.vocabulary.term_docs("harbour") == 60 and filtered.vocabulary.term_docs("ferry") == 20
    assert filtered.vocabulary.term_docs("harbour", limit=3) == 3
    assert filtered.vocabulary.term_docs("nowhere") == 0 and filtered.vocabulary.term_docs('a"b OR c*') == 0


def test_the_count_of_one_word_comes_from_the_vocabulary_once_loaded(filtered):
    from tui.search.typo import CACHE

    def count(query: str, live: bool = False) -> int | None:
        compiler = Compiler(filtered, expand=None)
        compiler.compile(PARSER.parse(query, live=live).tree)
        return compiler.count

    assert count("harbour") is None  # not loaded: not read for this
    CACHE.get(filtered)
    assert count("harbour") == 60 and count("Ferry") == 20 and count("ferry") == 20
    assert count("ferr", live=True) is None  # a prefix: several words, maybe
    assert count("harbour ferry") is None and count('"the harbour"') is None
    assert count("nowhere") is None and count("harbour -ferry") is None


def test_words_in_half_the_library_rank_the_same_without_being_walked(library, monkeypatch):
    """bm25 gives a word in half the articles no weight; ranking without it (no walk of its
    whole doclist) orders the matches the same, with the same scores to a millionth."""
    import tui.search
    from tui.search.typo import CACHE

    library.articles.upsert([
        make_article(title=f"Report {n}", body=("The council said " if n % 7 else "The board said ") + "otters " * (n % 3 + 1) * (n % 4 == 1) +
                     "herons " * (n % 5 == 2 or n % 12 == 9) + f"filler{n}",
                     published=f"2020-01-{1 + n % 28:02d}", url=f"https://example.com/{n}")
        for n in range(80)])
    queries = ["council otters", "said otters herons", "otters said -herons", "council said",
               "council otters", "said otte"]
    library.orders.warm()
    CACHE.get(library)
    compiler = Compiler(library, expand=None)
    compiler.compile(PARSER.parse("council otters herons").tree)
    assert compiler.rank_by == '"otters" AND "herons"'
    for limit in (20_000, 12):  # the narrower expression used, or matching too much to be
        monkeypatch.setattr(tui.search, "RANK_LIMIT", limit)
        with monkeypatch.context() as unloaded:  # as if not loaded yet: nothing dropped
            unloaded.setattr(CACHE, "loaded", lambda _library: None)
            expected = [search(library, q, limit=80, live=q.endswith("otte")) for q in queries]
        for query, before in zip(queries, expected, strict=True):
            after = search(library, query, limit=80, live=query.endswith("otte"))
            assert after.ids == before.ids and after.ids, query
            assert [h.score for h in after.hits] == pytest.approx(
                [h.score for h in before.hits], rel=1e-5)


def test_no_early_page_for_few_matches_or_without_the_order_in_memory(filtered, monkeypatch):
    import tui.search
    import tui.storage.matching as queries

    search(filtered, "harbour", early=lambda page: pytest.fail("a ranked list has no early page"))
    monkeypatch.setattr(tui.search, "RANK_LIMIT", 2)
    monkeypatch.setattr(queries, "EARLY_AT", 30)
    pages = []
    search(filtered, "harbour", early=pages.append)
    assert pages == []  # the newest-first order was never read: no page is worth reading it
    filtered.orders.warm()
    search(filtered, "ferry", early=pages.append)  # 20 matches
    assert pages == []
    search(filtered, "harbour", early=pages.append)
    assert len(pages) == 1 and pages[0].total == 60
    monkeypatch.setattr(queries, "EARLY_BUDGET_S", -1.0)  # seeks too slow: the page is given up
    monkeypatch.setattr(queries, "EARLY_PAGE", 20)
    search(filtered, "harbour", early=pages.append)
    assert len(pages) == 1


def test_listing_matches_in_pieces_sees_the_newest_articles(filtered, monkeypatch):
    import tui.storage.matching as matching

    monkeypatch.setattr(matching, "CHUNK", 7)
    whole = filtered.matching.matches('"harbour"')
    assert whole == list(range(1, 61))
    monkeypatch.setattr(filtered.articles, "highest_id", lambda: 50)  # articles added meanwhile
    assert filtered.matching.matches('"harbour"') == whole


def test_sparse_ids_keep_no_places_array_and_search_the_same(filtered, monkeypatch):
    """Most articles deleted (ids far above the count): no array of places is kept, and ties
    and date bounds are answered by SQL with the same lists."""
    import tui.storage.orders as orders

    queries_ = ["harbour after:2016", "ferry", "after:2013 before:2015-06"]
    filtered.orders.warm()
    assert filtered.orders.cached_positions() is not None
    dense = [search(filtered, q, limit=60).ids for q in queries_]
    monkeypatch.setattr(orders, "SPARSE", 0)
    monkeypatch.setattr(orders, "SPARSE_SLACK", 0)
    with Library(filtered.path) as sparse:
        sparse.orders.warm()
        assert sparse.orders.cached_positions() is None
        assert [search(sparse, q, limit=60).ids for q in queries_] == dense


def _whole_vocabulary(library) -> list[tuple[str, int]]:
    return [(r[0], r[1]) for r in library.conn.execute("SELECT term, doc FROM articles_vocab")]


def _table(library) -> list[tuple[str, int]]:
    return library.conn.execute("SELECT term, docs FROM vocabulary").fetchall()


def test_the_vocabulary_table_follows_every_change_to_article_text(library, monkeypatch):
    """Added, rewritten, deleted, and an id used again: the table, brought up to date from
    what changed alone, holds exactly what reading the whole index gives."""
    import tui.storage.vocabulary_table as vocabulary_table
    from tui.storage.vocabulary_table import VocabularyTable

    library.articles.upsert([make_article(title=f"Report {n}", body=f"Otters swim in rivers {n}.",
                                          url=f"https://example.com/r/{n}") for n in range(20)])
    assert library.vocabulary.words() == _whole_vocabulary(library) == _table(library)
    library.articles.upsert([make_article(title="Kingfishers", body="Kingfishers dive; otters "
                                          "watch. Ça déborde.", url="https://example.com/k")])
    # In a library this small one new article is past the share a whole read is cheaper for.
    monkeypatch.setattr(vocabulary_table, "GROWN_SHARE", 1.0)
    counted = []
    monkeypatch.setattr(VocabularyTable, "delta", lambda self, since, _f=VocabularyTable.delta:
                        counted.append(since) or _f(self, since))
    grown = library.vocabulary.words()
    assert grown == _whole_vocabulary(library) == _table(library)
    assert counted == [20]  # the new article's words added to the table's
    assert ("kingfishers", 1) in grown and ("otters", 21) in grown and ("deborde", 1) in grown
    # A text rewritten: its old words leave, its new ones come.
    library.articles.upsert([make_article(title="Kingfishers", body="Herons wait.",
                                          url="https://example.com/k")])
    assert library.conn.execute("SELECT count(*) FROM vocabulary_changes").fetchone()[0] == 2
    reread = library.vocabulary.words()
    assert reread == _whole_vocabulary(library) and ("herons", 1) in reread
    assert ("kingfishers", 1) in reread and not any(t == "dive" for t, _ in reread)
    assert library.conn.execute("SELECT count(*) FROM vocabulary_changes").fetchone()[0] == 0
    assert len(counted) == 2  # from the change log, not the whole index
    # The newest article deleted, its id used again by another.
    highest = library.conn.execute("SELECT max(id) FROM articles").fetchone()[0]
    with library.write() as conn:
        conn.execute("DELETE FROM articles WHERE id = ?", (highest,))
    library.articles.upsert([make_article(title="Newts", body="Newts hide.",
                                          url="https://example.com/n")])
    assert library.conn.execute("SELECT max(id) FROM articles").fetchone()[0] == highest
    assert library.vocabulary.words() == _whole_vocabulary(library) == _table(library)
    assert not any(t == "herons" for t, _ in _table(library)) and len(counted) == 3
    # More new than GROWN_SHARE of the library: the whole index is read once more.
    monkeypatch.setattr(vocabulary_table, "GROWN_SHARE", 0.01)
    library.articles.upsert([make_article(title="Voles", body="Voles dig.",
                                          url="https://example.com/v")])
    assert library.vocabulary.words() == _whole_vocabulary(library) == _table(library)
    assert len(counted) == 3


def test_a_read_only_library_counts_what_its_table_lacks_in_memory(library):
    library.articles.upsert([make_article(title="Otters", body="Otters swim.",
                                          url="https://example.com/o")])
    library.vocabulary.refresh()
    library.articles.upsert([make_article(title="Newts", body="Newts hide.",
                                          url="https://example.com/n")])
    with Library(library.path, readonly=True) as reader:
        assert reader.vocabulary.words(stored_only=True) is None
        assert reader.vocabulary.words() == _whole_vocabulary(library)
    assert not any(t == "newts" for t, _ in _table(library))  # nothing written


def test_add_keeps_the_vocabulary_table_up_to_date(library, tmp_path):
    from tui.ingest import add_sources
    from tui.storage.vocabulary_table import VocabularyTable

    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"Heron {n}\n\nHerons wait by the river {n}.\n")
    add_sources(library, [str(tmp_path)], max_bytes=10**6, workers=1)
    assert VocabularyTable(library.conn).current()
    assert _table(library) == _whole_vocabulary(library)
    assert ("herons", 3) in _table(library)


