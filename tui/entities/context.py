"""Cues around an unknown name: the lower-case words before and after it say what it is."""

from __future__ import annotations

import re

from tui.entities.lexicon import FACILITY_NOUNS, ORG_NOUNS, PERSON_CUES, PLACE_PREPOSITIONS

AGE_OR_WHO = re.compile(r",\s(?:\d{1,3},|who\b|whose\b)|\s\(\d{1,3}\)")
APPOSITION = re.compile(r",\s(?:an?|the|its|his|her|their)\s((?:[\w'’-]+\s){0,3}[\w'’-]+)")
NOUN_AFTER = re.compile(r"\s([a-z][\w-]*)")
SAID_AFTER = re.compile(r"\s(?:said|says|told|added|argued|wrote|explained)\b")
SAID_BEFORE = frozenset({"said", "says", "told", "added"})
PLACE_OF = frozenset({"state", "city", "town", "village", "province", "region", "county",
                      "district", "port", "capital", "island", "republic", "kingdom", "suburb",
                      "outskirts"})
STAKE_IN = frozenset({"shares", "stake", "stakes", "stock"})
STAFF_AT = frozenset({"analyst", "analysts", "economist", "economists", "strategist",
                      "strategists", "researcher", "researchers", "executive", "executives",
                      "banker", "bankers", "engineer", "engineers", "employees", "staff",
                      "workers"})
WINDOW = 40
PUNCTUATION = "\"“”‘’'()[]"


def around(text: str, start: int, end: int, single: bool) -> str | None:
    """PERSON, ORG or PLACE for the unknown name text[start:end], or None when nothing says.

    "FACILITY" means a building ("Paddington Green police station"): not an entity.

    Args:
        text: the whole text.
        start: where the name starts.
        end: where it ends.
        single: the name is one word (a lone word gets no "said" cue: companies say too).
    """
    following = text[end:end + 1]
    if following in ",(" and AGE_OR_WHO.match(text, end):
        return "PERSON"
    if following == ",":
        apposition = APPOSITION.match(text, end)
        if apposition:
            for word in apposition.group(1).split():
                if word in PERSON_CUES:
                    return "PERSON"
                if word in ORG_NOUNS:
                    return "ORG"
    before = text[max(0, start - WINDOW):start].rstrip()
    comma = before.endswith(",")
    words = before.rstrip(",").rsplit(None, 2)[-2:]
    previous = words[-1].strip(PUNCTUATION).lower() if words else ""
    earlier = words[0].strip(PUNCTUATION).lower() if len(words) == 2 else ""
    if previous in PERSON_CUES:
        return "PERSON"
    if previous in ORG_NOUNS:
        return "ORG"
    if (previous in PLACE_PREPOSITIONS or previous == "in" and not single) and not comma:
        return "PLACE"
    if previous == "of" and earlier in PLACE_OF:
        return "PLACE"
    if previous in ("of", "in") and earlier in STAKE_IN or previous in ("at", "from") \
            and earlier in STAFF_AT:
        return "ORG"
    if following == " " and not text[start:end].isupper():
        noun = NOUN_AFTER.match(text, end)
        if noun and noun.group(1) in ORG_NOUNS:
            return "ORG"
        if noun and noun.group(1) in FACILITY_NOUNS:
            return "FACILITY"
    if not single and (previous in SAID_BEFORE or (earlier, previous) == ("according", "to")
                       or SAID_AFTER.match(text, end)):
        return "PERSON"
    return None
