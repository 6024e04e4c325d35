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


TRAIL = ".,;:!?\"“”‘’'()[]"


def before(text: str, start: int) -> tuple[str, str]:
    """The two words right before `start`, nearest first, lower-cased ("" when there is none,
    or when the name is not preceded by a space: '"Parry' has no word before it)."""
    if start <= 0 or not text[start - 1:start].isspace():
        return "", ""
    parts = text[max(0, start - 40):start].rsplit(None, 2)  # the last two words, as split()'s
    if not parts:
        return "", ""
    return parts[-1].lstrip(TRAIL).lower(), (parts[-2].lstrip(TRAIL).lower()
                                             if len(parts) > 1 else "")


def after(text: str, end: int) -> tuple[bool, str]:
    """Whether a possessive follows `end` ("'s", "'"), and the next word, lower-cased and
    without the punctuation that ends it ("said." -> "said")."""
    following = text[end:end + 1]
    if following == "'" or following == "’":
        end += 2 if text[end + 1:end + 2] in ("s", "S") else 1
        parts = text[end:end + 30].split(None, 1)
        return True, parts[0].rstrip(TRAIL).lower() if parts else ""
    if not following.isspace():
        return False, ""  # "Parry," "Parry." and the like (or the end): no word follows
    parts = text[end:end + 30].split(None, 1)
    return False, parts[0].rstrip(TRAIL).lower() if parts else ""
