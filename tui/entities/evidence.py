"""Evidence across a story for names no list knows: what the words around each mention say.

A name with no cue where it stands ("Parry joined Liverpool...") is often named again with
one ("..., Parry said"; "Parry, speaking to..."). Each mention of a candidate casts a vote
from the words around it; a name's votes across the story decide its label for every mention.
"Said" counts for a person only when nothing says company ("shares in Bosch", "Bosch's
profits"), since companies say things too; a name the census knows as a surname or given name
needs less.
"""

from __future__ import annotations

import re
from collections import defaultdict

from tui.entities.context import after, before
from tui.entities.gazetteer import Gazetteer
from tui.entities.lexicon import ORG_NOUNS, PERSON_CUES, STOP
from tui.entities.patterns import OPENERS, SENTENCE_END
from tui.entities.rules import Mention

SPEECH = frozenset("""
    said says told added admitted revealed explained insisted believes believed claimed
    stated warned argued suggested confirmed denied conceded acknowledged recalled noted
    replied urged agreed accepted announced asked hopes hoped thinks thought feels felt wants
    wanted wrote writes
""".split())
"""Verbs after a name that a person (or a company) does."""
DEEDS = frozenset("""
    scored scores netted struck saved equalised headed crossed fired volleyed tapped nodded
    hit smashed converted missed kicked sprinted ran won lost finished starred sang played
    married died born resigned retired joined graduated smiled laughed shrugged
""".split())
"""Verbs after a name that only people do (in news): "Moriyama scored"."""
PERSON_AFTER_POSSESSIVE = frozenset("""
    wife husband son daughter father mother brother sister family career agent lawyer
    girlfriend boyfriend partner widow children parents home death funeral life goal header
    shot strike cross pass tackle performance debut contract injury
""".split())
ORG_AFTER = frozenset("""
    shares stock shareholders investors profits profit sales revenue revenues results
    earnings board customers subscribers users staff employees workers products website
    brand stores branches chairman founder spokesman
    spokeswoman executives management division subsidiary unit takeover merger bid stake
    inc plc ltd corp group
""".split())
"""Words after a name (or its "'s") that say organisation: "Bosch shares", "Lycos's profits"."""
ORG_BEFORE = frozenset("""
    bought buy buys buying acquired acquire acquiring sued sue merge merged merging rival
    rivals owner owners shareholder shareholders investors customers subscribers
""".split())
ORG_OF = frozenset("""
    shares stake stakes executive executives chairman chairwoman boss founder owner owners
    shareholders chief spokesman spokeswoman stock president director directors
    subsidiary division unit takeover
""".split())
"""Nouns before "of" or "in" that say the name after is an organisation: "shares in Lycos",
"chief executive of Parmalat"."""
WHO = re.compile(r",\s(?:\d{1,3},|who\b|aged\b)|\s\(\d{1,3}\)")


def _vote(text: str, m: Mention) -> str | None:
    """"PERSON", "ORG", "SAID" (person or company) or None for one mention."""
    end = m.end
    possessive, following = after(text, end)
    if not possessive and WHO.match(text, end):
        return "PERSON"
    if following in ORG_AFTER:
        return "ORG"
    if possessive and following in PERSON_AFTER_POSSESSIVE:
        return "PERSON"
    if not possessive and following in DEEDS:
        return "PERSON"
    previous, earlier = before(text, m.start)
    if previous:
        if previous in ORG_NOUNS or previous in ORG_BEFORE or previous in ("in", "of") and \
                earlier in ORG_OF:
            return "ORG"
        if previous in PERSON_CUES:
            return "PERSON"
        if previous in SPEECH and text[end:end + 1] in ".,;:\"”" or not text[end:end + 1]:
            return "SAID"
    if not possessive and following in SPEECH:
        return "SAID"
    if text.startswith(",", end) and _speaks_after_comma(text, end):
        return "PERSON"
    return None


def _speaks_after_comma(text: str, end: int) -> bool:
    """"Parry, speaking to BBC Sport," / "Parry, 45, said": a clause about a person."""
    rest = text[end + 1:end + 40].lstrip()
    word = rest.split(" ", 1)[0].lower().rstrip(",")
    return word in ("speaking", "talking", "writing", "who", "whose") or word.isdigit()


def _in_lower_case(text: str, word: str) -> bool:
    """Whether `word` (lower case) stands as a whole word in `text`."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (not at or not text[at - 1].isalnum()) and (end == len(text)
                                                       or not text[end].isalnum()):
            return True
        at = text.find(word, at + 1)
    return False


def _initial(text: str, start: int) -> bool:
    k = start - 1
    while k >= 0 and text[k] in OPENERS:
        k -= 1
    return k < 0 or text[k] in SENTENCE_END


def weigh(text: str, mentions: list[Mention], gaz: Gazetteer) -> None:
    """Label candidates (label None) from the votes of all their mentions, in place."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.label is None:
            groups[m.text].append(m)
    for name, group in groups.items():
        if name.isupper() or len(name) < 3 or name in STOP:
            continue
        words = name.split()
        if len(words) == 1 and _in_lower_case(text, name.lower()):
            continue  # also written in lower case: a word, not a name
        votes = {"PERSON": 0, "ORG": 0, "SAID": 0}
        inside = 0
        for m in group:
            vote = _vote(text, m)
            if vote:
                votes[vote] += 1
            if not _initial(text, m.start):
                inside += 1
        known = words[-1] in gaz.surnames or words[0] in gaz.given
        total = sum(votes.values())
        if not inside and total < 2:
            continue  # one cue at sentence starts only: too thin
        if votes["ORG"] > votes["PERSON"] and votes["ORG"] >= votes["SAID"] / 2:
            label = "ORG"
        elif votes["PERSON"] or votes["SAID"] and (known or votes["SAID"] >= 2):
            label = "PERSON"
        else:
            continue
        for m in group:
            m.label, m.how = label, "guess"


WORK_BEFORE = frozenset("""
    film films drama movie musical comedy thriller documentary biopic novel book album
    single song opera series sitcom programme soap epic blockbuster cartoon anthem ballad
""".split())
"""A noun right before a name that makes it the title of a work: "the drama Vera Drake"."""
WORK_PHRASES = frozenset([
    "role in", "performance in", "starred in", "starring in", "appeared in", "stars in",
    "star in", "appearance in", "version of", "director of", "star of", "cast of",
    "sequel to", "turn in", "roles in", "award for", "nomination for", "nominated for",
])
WORK_AFTER = frozenset("""
    star stars co-star co-stars director actress actor soundtrack sequel cast author book
    books novel novels series film films movie movies album creator producers
""".split())
"""A word right after a name that makes it a work: "Vera Drake star Imelda Staunton"."""


def _work(text: str, m: Mention) -> bool:
    """Whether the words around a mention say it is a film, song, book or show."""
    previous, earlier = before(text, m.start)
    if previous and (previous in WORK_BEFORE or f"{earlier} {previous}" in WORK_PHRASES):
        return True
    possessive, following = after(text, m.end)
    return not possessive and following in WORK_AFTER


def works(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions without the titles of works (a name one cue calls a work, everywhere)."""
    titles: set[str] = set()
    for m in mentions:
        if m.text not in titles and m.how in ("shape", "guess", "") and m.label != "ORG" and \
                _work(text, m):
            titles.add(m.text)
    if not titles:
        return mentions
    # A surname of a person named in full is that person ("seven Lee films").
    names = {w for m in mentions if m.label == "PERSON" and " " in m.text
             for w in m.text.split()}
    titles -= names
    return [m for m in mentions if m.text not in titles or m.how in ("gazetteer", "cue")]
