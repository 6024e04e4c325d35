"""Cut one run of capitalised words into names and label each by gazetteer, cue or shape."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tui.entities.context import around
from tui.entities.gazetteer import Entry, Gazetteer
from tui.entities.lexicon import (
    COMPANY_TAILS,
    CONNECTORS,
    FACILITY_TAILS,
    HONORIFICS,
    NON_ENTITY_TAILS,
    ORG_FIRSTS,
    ORG_HEADS,
    ORG_ROLES,
    ORG_TAILS,
    PARTICLES,
    PERSON_CUES,
    PLACE_HEADS,
    PLACE_TAILS,
    STATE_TAILS,
    STOP,
    TITLE_WORDS,
    WEAK_TITLES,
    WORK_WORDS,
)
from tui.entities.names import several, single

RADIO_NUMBER = re.compile(r"[ \u00a0]\d{1,2}\b")
ROLE_PLURALS = frozenset(["MPs", "MEPs", "MSPs", "AMs", "Senators", "Ministers", "Peers",
                          "Councillors", "Lords", "Democrats", "Republicans"])
Token = tuple[int, int, str]
"""(start, end, word) of one word of a run."""
MEMO_SIZE = 200_000
"""Runs whose reading is remembered (per process) before the memory starts again."""
Logged = tuple[Any, ...]
"""One `RunReader.emit` call's arguments (six) or one `RunReader.ask` call's (four), as the
run memory replays them."""
_memo: dict[object, tuple[Logged, ...]] = {}
"""Readings remembered: `RunReader.read`'s by a run's words (`Logged` calls: a tuple key), and
`tui.entities.runs`'s by a run's characters (whole mentions: the run's string itself, or a
tuple that starts with None when it starts a sentence or sits in a headline)."""
_memo_for: list[Gazetteer] = []


def asked(text: str, start: int, end: int, seen: int, name: str, canonical: str,
          kind: int) -> Mention | None:
    """The mention of an unknown name text[start:end] labelled by the words around it.

    Args:
        seen: where the name's last word ends (past a trailing apostrophe).
        kind: 1 for one word; 2 for several, a person when nothing around says otherwise;
            3 for several, a candidate then.

    Returns:
        None when the words around say it is a building ("police station").
    """
    label = around(text, start, seen, single=kind == 1)
    if label == "FACILITY":
        return None
    if label is None and kind == 2:
        label = "PERSON"
    return Mention(start, end, name, label, canonical, "guess" if label else "")


@dataclass(slots=True)
class Mention:
    """A possible entity: labelled, or a candidate (label None) that propagation may label.

    Attributes:
        how: "gazetteer", "cue" or "shape" for confident labels, "guess" for weak ones,
            "" for candidates.
        strong: False when a known person's name may take the mention over (a city).
    """

    start: int
    end: int
    text: str
    label: str | None
    canonical: str
    how: str
    strong: bool = True


class RunReader:
    """Labels the runs of one text; holds the text for context look-ups around each run."""

    def __init__(self, text: str, gaz: Gazetteer) -> None:
        self.text = text
        self.gaz = gaz
        self.phrases = gaz.phrases
        self.longest = gaz.longest
        self.tokens: list[Token] = []
        self.words: list[str] = []
        self.out: list[Mention] = []
        self.log: list[tuple[Any, ...]] = []
        self.trace: list[tuple[Any, ...]] = []
        """The mentions of the current run, or how to find them (`asked`), with offsets."""
        self.looked = False
        """Whether reading the current run used the text after it in a way `ask` does not
        note ("BBC Radio 4"): then it is not remembered."""
        if not _memo_for or _memo_for[0] is not gaz:
            _memo.clear()
            _memo_for[:] = [gaz]

    def phrase(self, i: int) -> tuple[int, Entry | None]:
        """The longest known phrase starting at word i: (its length in words, its entry)."""
        words = self.words
        most = min(self.longest.get(words[i], 0), len(words) - i)
        for size in range(most, 0, -1):
            entry = self.phrases.get(words[i] if size == 1 else " ".join(words[i:i + size]))
            if entry is not None:
                return size, entry
        return 0, None

    def is_title(self, j: int) -> bool:
        """Whether word j starts a title that a name follows ("Secretary" in "... Secretary X")."""
        words = self.words
        if j + 1 >= len(words) or words[j + 1] in CONNECTORS and words[j] not in self.longest:
            return False
        if words[j] in TITLE_WORDS:
            return not (words[j] in WEAK_TITLES and j and words[j - 1] in self.gaz.given)
        entry = self.phrase(j)[1] if words[j] in self.longest else None
        return entry is not None and entry.label == "TITLE"

    def chunk_end(self, i: int) -> int:
        """Where the name starting at word i ends: at a connector or before a title."""
        words, n, j = self.words, len(self.words), i
        while j < n:
            word = words[j]
            if word in CONNECTORS:
                k = j
                while k < n and (words[k] in PARTICLES or words[k] == "&"):
                    k += 1
                if k > j and k < n and words[k] not in CONNECTORS:
                    j = k
                    continue
                if word == "and" and j == i + 1 and (words[j - 1] in ORG_TAILS
                                                or words[j - 1] in ORG_HEADS) \
                        and words[self.chunk_end(j + 1) - 1] in ORG_TAILS:
                    j = self.chunk_end(j + 1)  # "Securities and Exchange Commission"
                break
            if j > i and (self.is_title(j) or word in ROLE_PLURALS):
                break  # "Tory MPs": the party, then who
            j += 1
            if word[-1] in "'’" and words[self.chunk_end(j) - 1] not in ORG_TAILS:
                break  # "Williams' Angels", but "Workers' Party"
        return j

    def of_extension(self, j: int) -> int:
        """After an org or place head, the end of an "of ..." or "for ..." continuation."""
        words = self.words
        if j + 1 < len(words) and words[j] in ("of", "for"):
            k = j + 2 if words[j + 1] == "the" else j + 1
            if k < len(words) and words[k] not in CONNECTORS and (
                    words[k] not in self.gaz.given or words[k] in self.phrases):
                end = self.chunk_end(k)
                # "Department for Education and Skills", not "Bank of England and Barclays"
                if end + 1 < len(words) and words[end] == "and" and \
                        self.chunk_end(end + 1) == end + 2 and self.plain(words[end + 1]):
                    return end + 2
                return end
        return j

    def plain(self, word: str) -> bool:
        """Whether a capitalised word is no name any list knows ("Skills", "Industry")."""
        gaz = self.gaz
        return word not in self.phrases and word not in gaz.surnames and \
            word not in gaz.given and word not in STOP

    def read(self, tokens: list[Token], initial: bool, headline: bool,
             out: list[Mention]) -> None:
        """Append the mentions found in one run to `out`.

        Args:
            tokens: the run's words with their offsets (dates and money already cut out).
            initial: the run starts a sentence, so its first word's capital says nothing.
            headline: the run is in a Title Case line: only known names count.
            out: where mentions go, in order.
        """
        self.tokens, self.out = tokens, out
        # Most runs ("Mr Blair", "Labour", "the BBC") come back again and again, and how they
        # read depends on their words alone unless a rule looked around them: remember those.
        self.words = words = [t[2] for t in tokens]
        key = (initial, headline, *words)
        known = _memo.get(key)
        self.looked, self.trace = False, []
        if known is not None:
            for args in known:
                if len(args) == 4:
                    self.ask(*args)
                else:
                    self.emit(*args)
            return
        self.log = []
        if len(tokens) == 1:
            self.read_one(initial, headline)
        else:
            self.read_many(initial, headline)
        if not self.looked:
            if len(_memo) >= MEMO_SIZE:
                _memo.clear()
            _memo[key] = tuple(self.log)

    def read_many(self, initial: bool, headline: bool) -> None:
        """`read` for a run of several words."""
        tokens = self.tokens
        words, n, i, cue = self.words, len(tokens), 0, ""
        while i < n:
            word = words[i]
            if word in CONNECTORS and not (cue and word in PARTICLES):
                i, cue = i + 1, ""
                continue
            size, entry = self.phrase(i)
            if entry is not None and size == 1 and entry.label == "MISC" and \
                    word in self.gaz.given and i + 1 < n and words[i + 1] not in CONNECTORS:
                entry = None  # "Oscar Wilde", not the award
            if headline:
                if entry is not None and entry.label in ("PLACE", "ORG"):
                    self.emit(i, i + size, entry.label, entry.canonical, "gazetteer", entry.strong)
                    i += size
                else:
                    self.emit(i, i + 1, None)
                    i += 1
                continue
            at_start = initial and i == 0
            if word in STOP and size < 2 and not cue and (
                    at_start or words[self.chunk_end(i) - 1] not in ORG_TAILS) and not (
                    not at_start and word in self.gaz.given and i + 1 < n
                    and words[i + 1] not in CONNECTORS):  # "Will Wright" mid-sentence
                if not at_start:
                    self.emit(i, i + 1, None)
                i += 1
                continue
            if entry is not None and size > 1:
                i, cue = self.known(i, size, entry, cue)
                continue
            j = self.chunk_end(i)
            if j == i:
                i, cue = i + 1, ""
                continue
            i, cue = self.classify(i, j, cue, at_start, entry if size == 1 else None)

    def read_one(self, initial: bool, headline: bool) -> None:
        """`read` for the commonest run, a single word (a quicker path, same answers)."""
        word = self.words[0]
        entry = self.phrases.get(word)
        if headline:
            if entry is not None and entry.label in ("PLACE", "ORG"):
                self.emit(0, 1, entry.label, entry.canonical, "gazetteer", entry.strong)
            else:
                self.emit(0, 1, None)
        elif word in STOP:
            if not initial:
                self.emit(0, 1, None)
        elif word not in TITLE_WORDS and (entry is None or entry.label != "TITLE"):
            single(self, 0, initial, entry)

    def emit(self, i: int, j: int, label: str | None, canonical: str = "", how: str = "",
             strong: bool = True) -> None:
        """Append the mention of words[i:j] (and note it in the log and the trace)."""
        self.log.append((i, j, label, canonical, how, strong))
        start, end = self.tokens[i][0], self.tokens[j - 1][1]
        if self.text[end - 1] in "'’":
            end -= 1
        elif label == "ORG" and self.words[j - 1] == "Radio":
            self.looked = True
            number = RADIO_NUMBER.match(self.text, end)
            if number:  # "BBC Radio 4"
                end, canonical = number.end(), ""
        text = self.text[start:end]
        if not canonical:
            canonical = text if i + 1 == j or text.isprintable() and "  " not in text \
                else " ".join(text.split())
        self.trace.append((start, end, text, label, canonical, how, strong))
        self.out.append(Mention(start, end, text, label, canonical, how, strong))

    def ask(self, i: int, j: int, single: bool, fallback: bool) -> None:
        """Append the mention of the unknown name words[i:j] that the words around it label
        (`tui.entities.context.around`), if they do not say it is a building.

        Args:
            single: the name is one word.
            fallback: the label is PERSON when the words around say nothing.
        """
        self.log.append((i, j, single, fallback))
        start, seen = self.tokens[i][0], self.tokens[j - 1][1]
        end = seen - 1 if self.text[seen - 1] in "'’" else seen
        text = self.text[start:end]
        canonical = text if i + 1 == j or text.isprintable() and "  " not in text \
            else " ".join(text.split())
        kind = 1 if single else 2 if fallback else 3
        if self.words[j - 1] == "Radio":
            self.looked = True  # as emit does for "BBC Radio 4" (no rule calls ask there)
        self.trace.append((start, end, seen, text, canonical, kind))
        mention = asked(self.text, start, end, seen, text, canonical, kind)
        if mention is not None:
            self.out.append(mention)

    def apart(self, i: int, j: int) -> bool:
        """Whether the organisation name words[i:j] after a place stands without it.

        "US" + "Securities and Exchange Commission" (a name of its own) and "US" + "State
        Department" (a branch of that place's state) split; "China Construction Bank",
        "Singapore Airlines" and "US Anti-Doping Agency" are names whole.
        """
        words = self.words
        rest = words[i] if j == i + 1 else " ".join(words[i:j])
        entry = self.phrases.get(rest)
        if entry is not None and entry.label == "ORG" or words[j - 1] in STATE_TAILS:
            return True
        return j == i + 1 and words[i] not in COMPANY_TAILS

    def known(self, i: int, size: int, entry: Entry, cue: str) -> tuple[int, str]:
        """A phrase of several words from the gazetteer (or a title) at word i."""
        if entry.label == "TITLE":
            return i + size, "strong"
        if entry.label == "MISC":
            return i + size, cue
        end = self.chunk_end(i + size) if i + size < len(self.words) else i + size
        if end > i + size and self.words[end - 1] in ORG_TAILS and not (
                entry.country and self.apart(i + size, end)):
            self.emit(i, end, "ORG", how="shape")
            return end, ""
        self.emit(i, i + size, entry.label, entry.canonical, "gazetteer", entry.strong)
        return i + size, ""

    def classify(self, i: int, j: int, cue: str, at_start: bool,
                 entry: Entry | None) -> tuple[int, str]:
        """Label words[i:j]; returns where to go on and the title cue in force there."""
        words, gaz = self.words, self.gaz
        first, last, size = words[i], words[j - 1], j - i
        place = entry is not None and entry.label == "PLACE"
        if last in ORG_TAILS and not (size == 1 and entry is not None):
            if size > 1 and entry is not None and place and entry.country and self.apart(i + 1, j):
                self.emit(i, i + 1, "PLACE", entry.canonical, "gazetteer", entry.strong)
                return i + 1, ""
            end = self.of_extension(j) if last in ORG_HEADS else j
            if size > 1 or end > j:
                self.emit(i, end, "ORG", how="shape")
                return end, ""
        if size == 1 and first in PLACE_HEADS:
            end = self.of_extension(j)
            if end > j:
                self.emit(i, end, "PLACE", how="shape")
                return end, ""
        if (entry is not None and entry.label == "TITLE" or first in TITLE_WORDS) \
                and cue != "name":
            if first in HONORIFICS:
                return i + 1, "name"  # "Mr King": a name follows, even a title word
            return i + 1, ("weak" if first in WEAK_TITLES and cue != "strong" else "strong")
        if size > 1 and entry is None and first.lower() in PERSON_CUES:
            return i + 1, "weak"
        if j < len(words) and self.is_title(j):
            if entry is not None and entry.label in ("PLACE", "ORG"):
                self.emit(i, i + 1, entry.label, entry.canonical, "gazetteer", entry.strong)
            elif words[j] in ORG_ROLES and first not in STOP and entry is None:
                self.emit(i, j, "ORG", how="cue")
            return j, cue
        if size > 1 and (last in NON_ENTITY_TAILS or any(w in WORK_WORDS for w in words[i + 1:j])):
            return j, ""
        if size > 1 and last in FACILITY_TAILS:
            self.emit(i, j, "PLACE", how="shape")  # a named building or ground
            return j, ""
        if size > 1 and first in ORG_FIRSTS:
            self.emit(i, j, "ORG", how="shape")
            return j, ""
        if size > 1 and last in PLACE_TAILS and not cue:
            self.emit(i, j, "PLACE", how="shape")
            return j, ""
        if size > 1 and (entry is not None and entry.label == "MISC" or at_start and (
                entry is None and first not in gaz.given and first.lower() not in PARTICLES
                and not (len(first) <= 2 and first.isupper())
                and (first.endswith(("ing", "ed", "ly")) or words[i + 1] in self.phrases
                     or words[i + 1] in gaz.given))):
            return i + 1, cue
        if cue and not (size == 1 and entry is not None and entry.label != "TITLE"
                        and (cue == "weak" or entry.strong)):
            if cue != "weak" or self.name_like(i, j):
                self.emit(i, j, "PERSON", how="cue")
            else:
                self.emit(i, j, None)
            return j, ""
        if size == 1:
            single(self, i, at_start, entry)
        else:
            several(self, i, j)
        return j, ""

    def name_like(self, i: int, j: int) -> bool:
        """Whether words[i:j] look like a person's name after a weak title ("Lord Faulkner")."""
        words, gaz = self.words, self.gaz
        if words[i] in gaz.given or any(w in PARTICLES for w in words[i + 1:j - 1]):
            return True
        return any(p in gaz.surnames for p in words[j - 1].split("-")) and not any(
            w.isupper() and len(w) > 1 and w[-1] != "." for w in words[i:j])
