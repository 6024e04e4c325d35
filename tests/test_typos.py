"""Typos as people make them: the closest likely word wins, short names, "did you mean",
words cut short, and searches of names alone ranked by how much an article is about them.

The rates of the generated-names suite (`test_generated_names_*`) are in docs/performance.md.
"""

from __future__ import annotations

import json
import random

import pytest

from tests.conftest import make_article
from tests.misspell import KINDS, ONE_EDIT, make_typo
from tests.samples import UKRAINE, stories
from tui.search import search
from tui.search.edits import cost
from tui.storage import Library


@pytest.fixture
def world(library):
    """Common and rare neighbours of the issue's examples."""
    library.articles.upsert([
        *stories("France", 8), *stories("fence", 1, 10),
        *stories("labour", 6), *stories("labor", 2, 10),
        *stories("Europe", 6), *stories("erode", 1, 10),
        *stories("London", 6), *stories("Liverpool", 5),
        *stories("Gerrard", 12), *stories("Gerard", 3, 15),
        *stories("Blair", 5), *stories("Yukos", 2),
    ])
    return library


def words_of(library: Library, ids: list[int]) -> list[str]:
    """The word each article is about (the last word of its body but one)."""
    rows = library.matching.hit_rows(ids)
    return [rows[i][3].split()[-3] for i in ids]


@pytest.mark.parametrize("typo, meant", [
    ("frnce", "France"),     # a deletion beats fence's keyboard-neighbour substitution
    ("laboyr", "labour"),    # labour is commoner than labor
    ("erope", "Europe"),     # Europe is commoner than erode
    ("Bair", "Blair"),       # a 4-letter word finds the 5-letter name it lost a letter of
])
def test_the_closest_common_word_comes_first(world, typo, meant):
    result = search(world, typo)
    assert words_of(world, result.ids[:1]) == [meant], (result.notices, result.ids)
    assert f"no article has {typo.lower()}" in result.notices[-1]


def test_likelier_alternatives_come_first_rarer_ones_later(world):
    ids = search(world, "frnce").ids
    found = words_of(world, ids)
    assert found[:8] == ["France"] * 8 and "fence" not in found[:8]


def test_an_edit_people_make_costs_less():
    assert cost("micthell", "mitchell") < cost("mxtchell", "mitchell")  # swap < substitution
    assert cost("gerard", "gerrard") < cost("gerxrd", "gerrard")  # doubled < substitution
    assert cost("frpnce", "france") > cost("frsnce", "france")  # s touches a, p does not
    assert cost("vlair", "blair") > cost("bkair", "blair")  # the first letter is seen


@pytest.mark.parametrize("typo, meant", [
    ("fondon", "London"),        # a wrong first letter: outside the strict budget
    ("lperpool", "Liverpool"),   # two edits
])
def test_nothing_found_widens_and_asks(world, typo, meant):
    result = search(world, typo)
    assert result.total and set(words_of(world, result.ids)) == {meant}
    assert result.notices[0] == f"did you mean {meant.lower()}?"
    assert result.suggestions == [meant.lower()]


def test_a_rare_word_a_common_one_is_near_is_questioned(world):
    result = search(world, "Gerard")
    assert set(words_of(world, result.ids)) == {"Gerard"}  # the exact results, as typed
    assert result.notices == ["did you mean Gerrard?"] and result.suggestions == ["Gerrard"]
    rerun = search(world, result.suggestions[0])
    assert rerun.total == 12 and rerun.suggestions == []
    assert search(world, "Gerrard").suggestions == []  # the common one is not questioned


def test_suggestions_keep_the_rest_of_the_query(world):
    assert search(world, "gerard talks -fence").suggestions == ["gerrard talks -fence"]
    assert search(world, "person:gerard gerard").suggestions == ["person:gerard gerrard"]


def test_a_word_being_typed_is_not_questioned_for_its_own_ending(world):
    world.articles.upsert(stories("Blai", 1, 20))
    assert search(world, "Blai", live=True).suggestions == []  # may become blair
    assert search(world, "Blai ", live=True).suggestions == ["Blair"]  # finished


def test_a_long_or_mended_query_is_not_rewritten(world):
    assert search(world, "gerard " + "talks " * 40).suggestions == []  # cut at 32 words
    assert search(world, "(gerard").suggestions == []  # an unmatched (
    assert search(world, "gerard " + "x" * 250).suggestions == []


def test_nonsense_finds_nothing_and_suggests_nothing(world):
    result = search(world, "qzxjvw")
    assert (result.total, result.suggestions) == (0, [])
    assert not any("did you mean" in n for n in result.notices)


def test_a_one_off_search_of_a_word_cut_short_searches_it_as_a_prefix(world):
    result = search(world, "yuk", page_only=True)
    assert result.total == 2 and set(words_of(world, result.ids)) == {"Yukos"}
    assert result.notices[0] == "no article has yuk: searched yuk*"
    assert search(world, "yuk london").total == 0  # not the last word: as typed
    assert search(world, "zzq").total == 0 and search(world, "zzq").notices == []


def test_the_command_line_says_did_you_mean_and_gives_suggestions(world, run, monkeypatch):
    monkeypatch.setenv("NEWSREADER_DB", str(world.path))
    out = run("search", "Gerard", "--json")
    data = json.loads(out.output)
    assert data["suggestions"] == ["Gerrard"] and "did you mean Gerrard?" in data["notices"]
    assert data["total"] == 3
    out = run("search", "yuk")
    assert "no article has yuk: searched yuk*" in out.output and "2 articles match" in out.output


# -- names alone ---------------------------------------------------------------------------

def test_a_search_of_a_name_alone_lists_the_articles_most_about_it_first(library):
    library.articles.upsert([make_article(title=t, body=b, published=p) for t, b, p in UKRAINE])
    result = search(library, "place:ukraine")
    # The title first, then the most mentions, then newest first among equals.
    assert result.ids == [3, 2, 4, 1] and result.ranking == "mentions"
    assert search(library, "place:ukraine", order="oldest").ids == [1, 2, 3, 4]


def test_other_filters_alone_say_they_are_newest_first(library):
    library.articles.upsert([make_article(title=t, body=b, published=p) for t, b, p in UKRAINE])
    result = search(library, "is:unread")
    assert result.ids == [5, 4, 3, 2, 1] and result.ranking == "newest"
    assert search(library, "ukraine").ranking == "relevance"


# -- generated names: every kind of edit ---------------------------------------------------

SYLLABLES = ["ka", "ro", "vel", "min", "dra", "so", "tel", "bur", "ni", "gan", "lo", "mar",
             "pes", "ta", "vic", "do", "ren", "sha", "ul", "fo", "zek", "ha", "bri", "ton"]
GIVEN = ["Anna", "Peter", "Maria", "David", "Sofia", "Martin", "Elena", "Thomas"]
WORDS = ("market talks council minister budget election report police energy court health "
         "school border trade prices water power season league match player coach record "
         "strike union plans money growth sales shares banks rates profit").split()


def generated_library(library: Library, seed: int = 20) -> list[str]:
    """Articles about invented people (1 to 8 articles each) among ordinary words; returns
    the surnames, folded."""
    rng = random.Random(seed)
    names: set[str] = set()
    while len(names) < 50:
        names.add("".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3)))))
    surnames = sorted(n for n in names if len(n) >= 5)
    articles = []
    for n, surname in enumerate(surnames):
        for k in range(rng.randint(1, 8)):
            filler = " ".join(rng.choices(WORDS, k=30))
            person = f"{rng.choice(GIVEN)} {surname.title()}"
            articles.append(make_article(
                title=f"{surname.title()} on {rng.choice(WORDS)}",
                body=f"{person} spoke about the {filler}. {surname.title()} said more later.",
                url=f"https://x.test/{n}/{k}"))
    library.articles.upsert(articles)
    return surnames


def rates(library: Library, words: list[str], seed: int) -> dict[str, tuple[float, float]]:
    """Top-1 and top-10 rates per kind of edit, as the benchmark counts them (a typo that
    is itself a word of the library is left out: see test_a_rare_word...)."""
    rng = random.Random(seed)
    known = {w for (w,) in library.conn.execute("SELECT term FROM articles_vocab")}
    found: dict[str, tuple[float, float]] = {}
    for kind in KINDS:
        top1 = top10 = tried = 0
        for word in words:
            typo = make_typo(word, kind, rng)
            if typo is None or typo in known:
                continue
            wanted = set(search(library, f'"{word}"').ids)
            ids = search(library, typo, limit=10, page_only=True).ids[:10]
            tried += 1
            top1 += bool(ids) and ids[0] in wanted
            top10 += any(i in wanted for i in ids)
        found[kind] = (top1 / tried, top10 / tried)
    return found


def test_generated_names_every_kind_of_edit(library):
    surnames = generated_library(library)
    found = rates(library, surnames, seed=3)
    print({kind: f"{t1:.0%}/{t10:.0%}" for kind, (t1, t10) in found.items()})
    for kind in ONE_EDIT:
        assert found[kind][0] >= 0.92 and found[kind][1] >= 0.98, (kind, found[kind])
    assert found["wrong first letter"][1] >= 0.85 and found["two edits"][1] >= 0.85, found
    assert sum(t1 for t1, _ in found.values()) / len(found) >= 0.88, found


def test_alternatives_share_the_first_places_by_their_chances(monkeypatch):
    import tui.search.fuzzy
    from tui.search.fuzzy import _merged

    likely, unlikely = list(range(1, 21)), [100, 101, 5]
    merged = _merged([(0.8, likely), (0.2, unlikely), (0.0, [7, 200])])
    # The n-th id of a list with chance p goes at about n / p; an id in two lists once.
    assert merged[:6] == [1, 2, 3, 4, 100, 5] and merged.index(101) == 9
    assert merged[-1] == 200 and len(merged) == len(set(merged)) == 23
    monkeypatch.setattr(tui.search.fuzzy, "MERGED", 2)  # past MERGED ids, the lists follow
    assert _merged([(0.8, likely), (0.2, unlikely)])[:6] == [1, 2, 100, 101, 3, 4]


def test_the_words_of_names_are_kept_until_entities_change(library):
    library.articles.upsert([make_article(title="Talks", body="Tony Blair met Angela Merkel.")])
    made: list[int] = []

    def words_of(names: list[str]) -> list[str]:
        made.append(len(names))
        return sorted({w.lower() for name in names for w in name.split()})

    first = library.vocabulary.name_words(words_of, ["PERSON"], 100)
    assert {"blair", "merkel"} <= set(first)
    assert library.vocabulary.name_words(words_of, ["PERSON"], 100) == first and len(made) == 1
    library.articles.upsert([make_article(title="Visit", body="Jacques Chirac arrived.")])
    assert "chirac" in library.vocabulary.name_words(words_of, ["PERSON"], 100) and len(made) == 2


def test_a_hint_never_waits_for_the_vocabulary_being_read(world):
    from tui.search.typo import CACHE

    CACHE._building.acquire()  # as while the app's warm-up reads it from the whole index
    try:
        assert search(world, "Gerard").suggestions == []
    finally:
        CACHE._building.release()
    assert search(world, "Gerard").suggestions == ["Gerrard"]
