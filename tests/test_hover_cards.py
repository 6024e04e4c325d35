"""Hover cards in the shapes real sites produce (issue 17): each fixture is our own invented
name; the body keeps the mention, loses the card, and nothing else in the sentence moves."""

from __future__ import annotations

import pytest

from tui.ingest.clean import clean, remove_hover_cards

CARDS = {
    "nickname in parentheses": (
        "Senator Bartholomew QuillfeatherBartholomew (Bart) QuillfeatherSenate panel advances "
        "harbour bill Overnight Energy: Ports brace for storms MORE (R-Maine) said on Tuesday "
        "that the bill would pass.",
        "Senator Bartholomew Quillfeather (R-Maine) said on Tuesday that the bill would pass."),
    "nickname in quotes": (
        'Rep. Cornelia WhitlowCornelia "Nell" WhitlowHouse votes to extend ferry aid MORE '
        "spoke first.",
        "Rep. Cornelia Whitlow spoke first."),
    "middle names and an initial": (
        "Rep. Delphine QuarrowDelphine Ann Marie K. QuarrowQuarrow unveils rail plan "
        "Lawmakers spar over budget MORE voted no.",
        "Rep. Delphine Quarrow voted no."),
    "initials": (
        "Judge J.R. TallisJ. R. TallisCourt hears canal case MORE ruled on Friday.",
        "Judge J.R. Tallis ruled on Friday."),
    "Jr. in the mention and the card": (
        "Rep. Orvin Pettibone Jr.Orvin Thaddeus Pettibone Jr.Pettibone backs ferry fund MORE "
        "(D-Ore.) agreed.",
        "Rep. Orvin Pettibone Jr. (D-Ore.) agreed."),
    "Jr. in the card only": (
        "Gov. Lyle FarnsworthLyle Farnsworth Jr.Governor signs dock law MORE vetoed it.",
        "Gov. Lyle Farnsworth vetoed it."),
    "III": (
        "Lord Henry Ashcombe IIIHenry Ashcombe IIIPeers debate harbour tax MORE objected.",
        "Lord Henry Ashcombe III objected."),
    ", Jr.": (
        "Mayor Dunstan Reeve, Jr.Dunstan Reeve, Jr.Mayor opens new pier MORE cut the ribbon.",
        "Mayor Dunstan Reeve, Jr. cut the ribbon."),
    "apostrophe and hyphen": (
        "Rep. Maeve O'Donnell-VanceMaeve O'Donnell-VanceO'Donnell-Vance: 'We will not fold' "
        "MORE replied.",
        "Rep. Maeve O'Donnell-Vance replied."),
    "curly apostrophe": (
        "Sen. Kieran O’ShaughnessyKieran Patrick O’ShaughnessyO’Shaughnessy’s ferry bill stalls "
        "MORE left early.",
        "Sen. Kieran O’Shaughnessy left early."),
    "accented letters": (
        "Minister Zoë Ébrard-LyonnaisZoë Élodie Ébrard-LyonnaisÉbrard-Lyonnais meets ferry "
        "unions MORE and her deputy Søren ÅkessonSøren ÅkessonÅkesson: ‘Ports are safe’ MORE "
        "were present.",
        "Minister Zoë Ébrard-Lyonnais and her deputy Søren Åkesson were present."),
    "teasers with quotes, colons and numbers": (
        "Secretary Wendeline KestrelWendeline Kestrel2022 midterms: 5 takeaways from the ferry "
        "vote 'We're not done,' Kestrel says Poll: 48% back the $1.2B harbour plan "
        '"Historic": 3 ports reopen MORE met the workers.',
        "Secretary Wendeline Kestrel met the workers."),
}


@pytest.mark.parametrize("name", CARDS)
def test_the_card_goes_and_the_mention_stays(name):
    raw, expected = CARDS[name]
    assert remove_hover_cards(raw) == expected
    # In a whole article too, among paragraphs that must not move.
    before, after = "The ferry strike entered its third day.", "Talks resume on Monday."
    assert clean(f"{before}\n\n{raw} {after}\n\n{after}") == (
        f"{before}\n\n{expected} {after}\n\n{after}")


@pytest.mark.parametrize("text", [
    "Rep. Orvin Pettibone Jr. said MORE ferries were needed.",
    "Lord Ashcombe III (Henry) said: MORE later.",
    "Bartholomew (Bart) Quillfeather spoke. MORE to come.",
    "Kestrel: 5 takeaways, \"Historic\" MORE",
])
def test_text_that_only_looks_like_a_card_is_kept(text):
    assert remove_hover_cards(text) == text
