"""Within-article propagation: a name seen once in full labels its later short forms."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from tui.entities.lexicon import PARTICLES, STOP
from tui.entities.patterns import ACRONYM_DEF
from tui.entities.rules import Mention

LEGAL_SUFFIXES = frozenset("""
    FC AFC Inc Inc. Corp Corp. Corporation Ltd Ltd. Limited plc PLC Plc Group Holdings Co Co.
    Company LLC AG SA NV GmbH SpA
""".split())
CLUB_SUFFIXES = frozenset("""
    Athletic Rovers Wanderers Albion Town County United City Hotspur Academical Thistle
    Harriers Rangers Dynamo
""".split())
PAREN_ACRONYM = re.compile(r"\(([A-Z]{2,8}s?)\)")


def _contains(longer: list[str], shorter: list[str]) -> bool:
    size = len(shorter)
    return any(longer[k:k + size] == shorter for k in range(len(longer) - size + 1))


def name_key(name: str) -> str:
    """A look-up key for a name that ignores the case of particles ("Bin Salman")."""
    if " " not in name:
        return name
    return " ".join(w.lower() if w.lower() in PARTICLES else w for w in name.split())


def person_table(names: list[str]) -> dict[str, str]:
    """Every contiguous part of every person's name -> the longest name it belongs to.

    Args:
        names: person names in order of appearance (whitespace squashed).

    Returns:
        A map of `name_key`s such as {"Blinken": "Antony Blinken"}; a part shared by two
        different people ("Harris" for two Harrises) maps to "" (a person, but which one?).
    """
    table: dict[str, str] = {}
    for name in sorted(dict.fromkeys(names), key=lambda n: -n.count(" ")):
        words = name_key(name).split()
        for a in range(len(words)):
            for b in range(a + 1, len(words) + 1):
                part = words[a:b]
                if part[-1] in PARTICLES or (b - a == 1 and part[0].endswith(".")):
                    continue
                key = " ".join(part)
                held = table.get(key)
                if held is None:
                    table[key] = name
                elif held and held != name and not _contains(name_key(held).split(), words):
                    table[key] = ""
    return table


def _extend_particles(text: str, mention: Mention) -> None:
    """Take "von der" in front of "Leyen" when the full name has it there."""
    canonical = name_key(mention.canonical).split()
    first = name_key(mention.text).split()[0]
    if first not in canonical:
        return
    k = canonical.index(first)
    while k > 0 and canonical[k - 1] in PARTICLES:
        k -= 1
        before = canonical[k] + " "
        if text[mention.start - len(before):mention.start].lower() != before:
            return
        mention.start -= len(before)
        mention.text = text[mention.start:mention.end]


def _merge_adjacent(text: str, mentions: list[Mention]) -> list[Mention]:
    """Join neighbours that name the same person ("Antony" + "Blinken" in a headline)."""
    merged: list[Mention] = []
    for mention in mentions:
        last = merged[-1] if merged else None
        if (last is not None and mention.label == "PERSON" and last.label == "PERSON"
                and last.canonical == mention.canonical
                and not text[last.end:mention.start].strip()):
            last.end, last.text = mention.end, text[last.start:mention.end]
        else:
            merged.append(mention)
    return merged


@dataclass(slots=True)
class Known:
    """What an article taught about its names: people's full names, other names' labels."""

    persons: dict[str, str] = field(default_factory=dict)
    """`person_table` of the article."""
    others: dict[str, tuple[str, str]] = field(default_factory=dict)
    """ORG and PLACE names -> (label, canonical)."""


def _stems(mentions: list[Mention]) -> dict[str, tuple[str, bool]]:
    """Organisations' names without their legal suffix -> (the full name, whether a place of
    that name is the organisation too): "Multiplex Group" teaches "Multiplex", "Sunderland
    FC" teaches "Sunderland" (even the city's name), "Harbridge Athletic" teaches
    "Harbridge" (a name no list knows; "Manchester United" leaves the city alone)."""
    stems: dict[str, tuple[str, bool]] = {}
    for m in mentions:
        if m.label == "ORG" and m.how != "guess" and " " in m.text:
            stem, _, suffix = m.text.rpartition(" ")
            if stem and stem not in STOP and (suffix in LEGAL_SUFFIXES
                                              or suffix in CLUB_SUFFIXES):
                stems.setdefault(stem, (m.canonical, suffix in LEGAL_SUFFIXES))
    return stems


def _unnamed_acronyms(text: str, mentions: list[Mention]) -> set[str]:
    """Acronyms defined in parentheses after a name that is no person, organisation or place:
    "British Sign Language (BSL)", "Internationalised Domain Names (IDNs)"."""
    named = {m.end for m in mentions if m.label is not None and m.how != "guess"}
    unnamed: set[str] = set()
    for found in PAREN_ACRONYM.finditer(text):
        acronym, end = found.group(1).rstrip("s"), found.start() - 1
        words = text[max(0, end - 120):end].split()[-len(acronym):]
        if end not in named and len(words) == len(acronym) and text[end:end + 1] == " " and \
                all(w[:1].isupper() for w in words) and \
                "".join(w[0] for w in words).upper() == acronym:
            unnamed.add(acronym)
    return unnamed


def resolve(text: str, mentions: list[Mention],
            context: list[Mention]) -> tuple[list[Mention], Known]:
    """Label candidates from names found elsewhere in the article; set canonical names.

    Args:
        text: the text the mentions index into.
        mentions: mentions of `text`, in order.
        context: mentions of the title, which teach names but are not returned.

    Returns:
        The labelled mentions of `text` in order, and what they taught (`Known`).
    """
    # A guess in a headline is too thin to label the body with.
    context = [m for m in context if m.how != "guess"]
    everything = [*context, *mentions]
    persons = person_table([m.canonical for m in everything if m.label == "PERSON"])
    others: dict[str, tuple[str, str]] = {}
    guessed: dict[str, tuple[str, str]] = {}
    for m in everything:
        if m.label == "ORG" or m.label == "PLACE":
            (guessed if m.how == "guess" else others).setdefault(m.text, (m.label, m.canonical))
    others = guessed | others
    for m in mentions:
        if (m.label == "ORG" or m.label == "PLACE") and " " in m.canonical \
                and text.startswith((" (", "("), m.end):
            found = ACRONYM_DEF.match(text, m.end)
            if found and found.group(1).isupper() and 2 <= len(found.group(1)) <= 8:
                others[found.group(1)] = (m.label, m.canonical)
    stems = _stems(mentions)
    for stem, (canonical, _) in stems.items():
        others.setdefault(stem, ("ORG", canonical))  # the title's "Harbridge" too
    unnamed = _unnamed_acronyms(text, mentions) if "(" in text else ()
    kept: list[Mention] = []
    for m in mentions:
        key = m.canonical
        person = persons.get(name_key(key)) if persons else None
        if unnamed and m.how == "guess" and m.text.rstrip("s") in unnamed:
            m.label = None  # "BSL" after "British Sign Language (BSL)": not an organisation
        elif m.label == "PERSON":
            m.canonical = person or key
        elif person is not None and (m.label is None or m.how == "guess" or not m.strong):
            m.label, m.canonical = "PERSON", person or key
        elif key in others and (m.label is None or m.how == "guess"):
            m.label, m.canonical = others[key]
        elif stems and key in stems and (m.label is None or m.how == "guess" or (
                not m.strong and stems[key][1])):
            m.label, m.canonical = "ORG", stems[key][0]  # "Multiplex" after "Multiplex Group"
        if m.label == "PERSON" and m.canonical != key:
            _extend_particles(text, m)
        if m.label is not None:
            kept.append(m)
    return _merge_adjacent(text, kept), Known(persons, others)


def label_title(title: str, mentions: list[Mention], body: list[Mention],
                known: Known) -> list[Mention]:
    """The title's mentions labelled with what the body says about the same names.

    The body has the sentences: a name it labels (most often) one way is labelled so in the
    title too ("Liverpool" the club, "Parry" the man), and a title candidate the body never
    names is dropped, unless the title's own cues labelled it.
    """
    by_text: dict[str, Counter[tuple[str, str]]] = {}
    for m in body:
        by_text.setdefault(m.text, Counter())[m.label, m.canonical] += 1  # type: ignore[index]
    persons, others = known.persons, known.others
    kept: list[Mention] = []
    for m in mentions:
        seen = by_text.get(m.text)
        person = persons.get(name_key(m.canonical)) if persons else None
        if seen:
            m.label, m.canonical = seen.most_common(1)[0][0]
        elif m.label == "PERSON":
            m.canonical = person or m.canonical
        elif person is not None and (m.label is None or m.how == "guess" or not m.strong):
            m.label, m.canonical = "PERSON", person or m.canonical
        elif m.canonical in others and (m.label is None or m.how == "guess"):
            m.label, m.canonical = others[m.canonical]
        if m.label is not None:
            kept.append(m)
    return _merge_adjacent(title, kept)
