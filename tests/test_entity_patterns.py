"""One test per pattern of issue 19: evidence across the story, sport, works and products,
organisation boundaries, headlines and datelines, dates that are names. Every name here is
invented (the patterns are real)."""

from __future__ import annotations

import pytest

from tui.entities import extract, extract_document
from tui.entities.caps import recase
from tui.entities.gazetteer import gazetteer
from tui.entities.sport import is_sport, lineups


def found(text: str, title: str | None = None) -> set[tuple[str, str]]:
    return {(s.text, s.label) for s in extract(text, title=title)}


def labels(text: str, name: str, title: str | None = None) -> list[str]:
    """The label of each mention of `name`, in order."""
    return [s.label for s in extract(text, title=title) if s.text == name]


MATCH = ("Harbridge beat Liverpool 2-1 at the weekend. The striker scored twice and the "
         "manager praised the squad after the match. ")

# -- 1. names no list knows, labelled from evidence across the story ------------------------


@pytest.mark.parametrize("text, name", [
    (MATCH + "Kenji Moriyama scored the winner in the second half.", "Kenji Moriyama"),
    (MATCH + "The goalkeeper Tariq Haddad saved a penalty.", "Tariq Haddad"),
    (MATCH + "Italy recalled Luca Ferrante for the qualifier.", "Luca Ferrante"),
])
def test_people_with_names_from_other_languages(text, name):
    assert (name, "PERSON") in found(text)


def test_a_repeated_surname_with_cues_is_a_person():
    text = ("Fenwright joined the club in 1998 as chief executive. The board backed him. "
            "\"We will not sell,\" Fenwright said. Asked about the stadium, Fenwright, "
            "speaking to reporters, said plans were ready.")
    assert labels(text, "Fenwright") == ["PERSON"] * 3


def test_a_one_word_company_is_labelled_from_its_cues():
    text = ("He joined Quorvex in 2001. Shares in Quorvex fell 4% on Monday, and analysts said "
            "Quorvex had lost customers to rivals.")
    assert labels(text, "Quorvex") == ["ORG"] * 3


def test_a_word_also_written_in_lower_case_is_no_name():
    text = "The Harvest was poor, he said. Harvest said nothing. The harvest failed again."
    assert "Harvest" not in {name for name, _ in found(text)}


def test_mr_before_a_title_word_is_a_name():
    text = "Mr King said rates would stay on hold. Mr King added that inflation was low."
    assert labels(text, "King") == ["PERSON", "PERSON"]


def test_a_full_form_teaches_its_short_form():
    text = ("The Brackwell Group said profits rose. Brackwell shares gained 3% as Brackwell "
            "raised its forecast.")
    assert labels(text, "Brackwell Group") == ["ORG"]
    assert labels(text, "Brackwell") == ["ORG", "ORG"]


def test_an_acronym_defined_after_a_thing_is_no_organisation():
    text = ("Deaf people who use Northern Sign Language (NSL) can call for help. The NSL "
            "service is free, and NSL interpreters are on call.")
    assert "NSL" not in {name for name, _ in found(text)}


# -- 2. sport: teams named after places ------------------------------------------------------


def test_a_club_named_after_its_city_is_an_organisation_in_a_sports_story():
    text = ("Liverpool beat Fulham 2-0 on Saturday. The Liverpool striker scored twice as "
            "the home side dominated the match, and the manager said the squad deserved the "
            "win. Liverpool are now third in the league.")
    assert set(labels(text, "Liverpool")) == {"ORG"}
    assert labels(text, "Fulham") == ["ORG"]


def test_the_same_city_is_a_place_elsewhere_and_after_in():
    assert labels("The ferry from Dublin docked in Liverpool on Monday.", "Liverpool") == \
        ["PLACE"]
    text = ("The club won the match 3-1 and the fans sang as the striker scored twice. The "
            "team will fly home to a parade in Liverpool.")
    assert labels(text, "Liverpool") == ["PLACE"]


def test_national_teams_by_cue_and_countries_as_places():
    text = ("Wales beat Italy 27-20 on Saturday, and the win over England, Italy and France "
            "keeps the squad top of the table. The captain scored a try. Scotland are "
            "improving, the coach said, and they played well in France.")
    spans = extract(text)
    by_start = {s.start: s.label for s in spans}
    for name, label in [("Wales", "ORG"), ("England", "ORG"), ("Scotland", "ORG")]:
        assert by_start[text.index(name)] == label, name
    assert [by_start[i] for i in _all(text, "France")] == ["ORG", "PLACE"]


def test_a_country_after_a_player_is_a_place():
    text = ("Chidi Okonkwo (Nigeria) beat Sven Lindgren (Sweden) 6-3 6-4 in the semi-final "
            "of the tournament, the fifth seed's first win over a top player this season.")
    assert ("Nigeria", "PLACE") in found(text) and ("Sweden", "PLACE") in found(text)


def test_club_nicknames_in_a_sports_story():
    text = ("Boro took the lead after ten minutes but the Addicks equalised before half-time, "
            "and the goalkeeper kept the score level as the striker missed a late penalty in "
            "the match.")
    assert ("Boro", "ORG") in found(text) and ("Addicks", "ORG") in found(text)


def test_line_ups_and_scorers_are_people():
    text = ("The home side won the match.\n\nBrannigan, Okafor, Lindqvist (Pruitt 74), "
            "Holland, Castellanos, Quigley.\n\nSubs not used: Cooper, Knight.\n\n"
            "Holland 14, Quigley 80.")
    assert lineups(text)
    people = {name for name, label in found(text) if label == "PERSON"}
    assert {"Brannigan", "Pruitt", "Holland", "Cooper", "Knight", "Quigley"} <= people


def test_sport_is_told_by_the_density_of_its_words():
    assert is_sport(MATCH * 2)
    assert not is_sport("The minister said the budget would rise next year. " * 5)


# -- 3. works, products and events are never people or organisations -----------------------


@pytest.mark.parametrize("text, name", [
    ("Her role in the drama Vera Drake won her an award. Vera Drake opens on Friday.",
     "Vera Drake"),
    ("The band closed the show with a version of Hey Jude.", "Hey Jude"),
    ("Salt Harbour star Imelda Okafor thanked the crew.", "Salt Harbour"),
])
def test_works_are_not_people(text, name):
    assert name not in {n for n, _ in found(text)}


@pytest.mark.parametrize("text, name", [
    ("The machines still run Windows XP, the council said.", "Windows XP"),
    ("Liverpool reached the Champions League final.", "Champions League"),
    ("New phones were shown at CES in Las Vegas.", "CES"),
    ("The Golden Globe went to a newcomer.", "Golden Globe"),
])
def test_products_and_events_are_not_organisations(text, name):
    assert name not in {n for n, _ in found(text)}


def test_a_given_name_before_a_surname_is_not_the_award():
    assert ("Oscar Pellegrini", "PERSON") in found("The coach Oscar Pellegrini resigned.")


# -- 4. organisation boundaries ------------------------------------------------------------


@pytest.mark.parametrize("text, name", [
    ("Shares in China Three Gorges Project Corp rose.", "China Three Gorges Project Corp"),
    ("The US Anti-Doping Agency opened an inquiry.", "US Anti-Doping Agency"),
    ("Passengers on Singapore Airlines were delayed.", "Singapore Airlines"),
    ("The Department for Education and Skills said so.",
     "Department for Education and Skills"),
])
def test_a_leading_place_or_and_stays_inside_a_name(text, name):
    assert (name, "ORG") in found(text)


def test_a_state_body_after_a_place_stands_apart():
    text = "The US Securities and Exchange Commission fined the bank."
    assert {("US", "PLACE"), ("Securities and Exchange Commission", "ORG")} <= found(text)


def test_two_companies_joined_by_and_stay_two():
    text = "The deal was reviewed by the Kessler Group and World Trade Forum on Monday."
    assert {("Kessler Group", "ORG"), ("World Trade Forum", "ORG")} <= found(text)


@pytest.mark.parametrize("text", [
    "Ex-Liverpool striker Tomas Brannigan has retired.",
    "Former Liverpool striker Tomas Brannigan has retired.",
])
def test_ex_and_former_stay_outside_names(text):
    names = {n for n, _ in found(text)}
    assert "Tomas Brannigan" in names
    assert not any(n.startswith(("Ex", "Former")) for n in names)


def test_party_members_and_adjectives_are_the_party():
    text = "Tory MPs rebelled, and the Conservatives lost the vote to Labour and the Lib Dems."
    assert {("Tory", "ORG"), ("Conservatives", "ORG"), ("Labour", "ORG"),
            ("Lib Dems", "ORG")} <= found(text)


def test_broadcasters_keep_their_arms():
    text = "He told BBC Radio 4 and BBC Sport that the BBC World Service would cover it."
    assert {("BBC Radio 4", "ORG"), ("BBC Sport", "ORG"),
            ("BBC World Service", "ORG")} <= found(text)


# -- 5. headlines, datelines, all-caps lines, section tags ---------------------------------


def test_title_mentions_are_extracted_with_the_bodys_labels():
    spans = extract_document("Fenwright firm over Liverpool future",
                             "Liverpool chief executive Rick Fenwright said the club "
                             "would not sell its captain, and the striker agreed.")
    in_title = {(s.text, s.label, s.canonical) for s in spans if s.in_title}
    assert ("Fenwright", "PERSON", "Rick Fenwright") in in_title


def test_all_caps_headline_with_a_section_tag():
    title = "SOCCER - HARBRIDGE BEAT LIVERPOOL, JAPAN IN SURPRISE DEFEAT"
    body = ("Harbridge Athletic beat Liverpool 2-1 on Friday, and Japan lost to Syria in a group "
            "match of the tournament, as the striker scored twice for the team.")
    in_title = {(s.text, s.label) for s in extract_document(title, body) if s.in_title}
    assert ("SOCCER", "ORG") not in in_title and not any(t == "SOCCER" for t, _ in in_title)
    assert {("HARBRIDGE", "ORG"), ("LIVERPOOL", "ORG"), ("JAPAN", "ORG")} <= in_title


def test_datelines_are_places():
    for body in ("MADRID 2004-03-11\n\nThe minister resigned on Thursday.",
                 "MADRID (Reuters) - The minister resigned on Thursday."):
        assert ("MADRID", "PLACE") in found(body)


def test_recase_keeps_offsets_and_acronyms():
    gaz = gazetteer()
    line = "TENNIS - NEW YORK OPEN: UN CHIEF WATCHES"
    out = recase(line, gaz)
    assert len(out) == len(line)
    assert out.startswith("tennis - New York") and " UN " in out


# -- 6. dates that are names ---------------------------------------------------------------


@pytest.mark.parametrize("text, name", [
    ("She told the Sunday Times about it.", "Sunday"),
    ("Trading closed at 2005 GMT.", "2005"),
    ("The office still runs Windows 2000.", "2000"),
])
def test_names_with_dates_in_them_are_not_dates(text, name):
    assert (name, "DATE") not in found(text)


def test_real_dates_stay_dates():
    text = "In 2005 the vote was held on Sunday, and by March 2006 it was law."
    assert {("2005", "DATE"), ("Sunday", "DATE"), ("March 2006", "DATE")} <= found(text)


def _all(text: str, word: str) -> list[int]:
    at, out = text.find(word), []
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1)
    return out
