"""The capitalised runs of a text, cut into words and read by `tui.entities.rules`.

One scan of the text (`patterns.RUN`) finds the runs; each is cut into words (around dates and
money, after an "Ex-" prefix, with a glued "al-" or a trailing "'s"), placed (does it start a
sentence, is it in a headline?) and read. Most runs come back again and again ("Mr Blair",
"Labour", "the BBC"), and when a run's reading depended on its characters alone (no rule looked
at the text around it, nothing glued to it, no date inside it) the mentions it gave are
remembered per process, by the run's characters, with offsets relative to its start: the next
occurrence is replayed without cutting or reading it again.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from tui.entities.gazetteer import gazetteer
from tui.entities.lexicon import CONNECTORS
from tui.entities.patterns import OPENERS, RUN, RUN_PREFIX, RUN_WORD, SENTENCE_END
from tui.entities.rules import MEMO_SIZE, Mention, RunReader, Token, _memo, asked

MAX_RUN = 24
"""Longer runs of capitalised words (all-caps text, lists) are read in pieces of this size."""
EX_PREFIX = re.compile(r"(?:Ex|Anti|Pro|Non|Post|Pre|Mid|Neo|Former)[-‑](?=[A-Z])")
HEADLINE_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
SENTENCE_CLOSE = (".", "!", "?", '"', "”", "’", "'", ")", ":", ";", ",")
SMALL_WORDS = frozenset([
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "is", "nor", "of",
    "on", "onto", "or", "over", "per", "the", "to", "up", "upon", "via", "vs", "vs.", "with"
])
Replay = tuple[int, int, str, "str | None", str, str, bool]
"""One remembered mention: offsets from the run's start, then the mention's other fields."""


def is_title_case(line: str, share: float = 0.8) -> bool:
    """Whether a line is a Title Case headline, where capitals say nothing about names.

    Args:
        line: the line.
        share: how many of its words (small words aside) must be capitalised.
    """
    words = [w for w in HEADLINE_WORD.findall(line) if w.lower() not in SMALL_WORDS]
    if len(words) < 3:
        return False
    return bool(sum(w[0].isupper() for w in words) >= share * len(words))


def _headlines(text: str) -> list[tuple[int, int]]:
    """Ranges of the short Title Case lines of a text (subheadings, or a lone headline)."""
    ranges, start = [], 0
    for line in text.split("\n"):
        # Every word capitalised: a results line ("Carvalho (Brazil) beat Pellerin") is not.
        if len(line) < 160 and not line.rstrip().endswith(SENTENCE_CLOSE) and \
                is_title_case(line, 1.0):
            ranges.append((start, start + len(line)))
        start += len(line) + 1
    return ranges


def _groups(tokens: list[Token], blocked: list[tuple[int, int, str, str]],
            starts: list[int]) -> list[list[Token]]:
    """Split a run's words around dates and money, dropping connectors at the ends."""
    groups: list[list[Token]] = [[]]
    for token in tokens:
        k = bisect.bisect_right(starts, token[0]) - 1
        inside = k >= 0 and blocked[k][1] > token[0]
        inside = inside or (k + 1 < len(starts) and starts[k + 1] < token[1])
        if inside:
            groups.append([])
        else:
            groups[-1].append(token)
    trimmed = []
    for group in groups:
        while group and group[0][2] in CONNECTORS:
            group.pop(0)
        while group and group[-1][2] in CONNECTORS:
            group.pop()
        if group:
            trimmed.append(group)
    return trimmed


def _words(word: str, base: int) -> list[Token]:
    """The words of a run found at `base`, with their offsets."""
    if " " in word and "  " not in word and "\t" not in word and "\u00a0" not in word:
        tokens, at = [], base
        for piece in word.split(" "):  # quicker than a regex for the usual single spaces
            tokens.append((at, at + len(piece), piece))
            at += len(piece) + 1
        return tokens
    if " " in word or "\t" in word or "\u00a0" in word:
        return [(base + w.start(), base + w.end(), w.group()) for w in RUN_WORD.finditer(word)]
    return [(base, base + len(word), word)]


def mentions(text: str, blocked: list[tuple[int, int, str, str]],
             headline: bool = False) -> list[Mention]:
    """The mentions of every capitalised run of `text`, in order.

    Args:
        text: the text (recased: `tui.entities.caps`).
        blocked: its dates and money (`tui.entities.numeric`), which no name crosses.
        headline: the whole text is a Title Case headline.
    """
    gaz = gazetteer()
    reader = RunReader(text, gaz)
    headlines = [(0, len(text))] if headline else _headlines(text)
    starts = [b[0] for b in blocked]
    found: list[Mention] = []
    possessives = gaz.possessives
    skip = gaz.stop_words
    read = reader.read
    memo = _memo
    size = len(text)
    for run in RUN.finditer(text):
        word = run.group()
        if word in skip:
            continue  # a lone "The", "But", "He": common, and never a name
        base, end = run.span()
        run_base = base
        # Is the run at a sentence start? Inline: this loop runs for every capital.
        k = base - 1
        while k >= 0 and text[k] in OPENERS:
            k -= 1
        initial = k < 0 or text[k] in SENTENCE_END
        in_headline = bool(headlines) and any(s <= base < e for s, e in headlines)
        # Context that changes how the run is cut: a glued prefix, a trailing "'s", a date.
        alone = not (base and text[base - 1] in "-'’") and not (
            end < size and text[end] in "'’")
        if alone and starts:
            k = bisect.bisect_left(starts, end)
            alone = not (k and blocked[k - 1][1] > base or (k < len(starts) and starts[k] < end))
        # The commonest place (mid-sentence, not in a headline) keys by the characters alone:
        # no tuple to build and hash for most runs (RunReader's keys are tuples: no clash).
        key = word if not initial and not in_headline else (None, word, initial, in_headline)
        if alone:
            known = memo.get(key)
            if known is not None:
                for item in known:
                    if len(item) == 7:
                        found.append(Mention(base + item[0], base + item[1], item[2], item[3],
                                             item[4], item[5], item[6]))
                    else:
                        start, stop, seen, name, canonical, kind = item
                        mention = asked(text, base + start, base + stop, base + seen, name,
                                        canonical, kind)
                        if mention is not None:
                            found.append(mention)
                continue
        tokens = _words(word, base)
        if "-" in word[:6]:
            cut = EX_PREFIX.match(word)
            if cut:  # "Ex-Liverpool striker", "Anti-Tory": the name is after the hyphen
                start, stop, first = tokens[0]
                tokens[0] = (start + cut.end(), stop, first[cut.end():])
        if base and text[base - 1] in "-'’":
            prefix = RUN_PREFIX.search(text, max(0, base - 4), base)
            if prefix:
                tokens[0] = (prefix.start(), tokens[0][1], text[prefix.start():tokens[0][1]])
                base = prefix.start()
        if end < size and text[end] in "'’" and tokens[-1][2] in possessives \
                and text.startswith(("'s", "’s"), end):
            tokens[-1] = (tokens[-1][0], end + 2, tokens[-1][2] + text[end:end + 2])
        groups = [tokens]
        if starts and not alone:
            k = bisect.bisect_left(starts, end)
            if k and blocked[k - 1][1] > base or (k < len(starts) and starts[k] < end):
                groups = _groups(tokens, blocked, starts)
        if len(tokens) > MAX_RUN:
            groups = [g[k:k + MAX_RUN] for g in groups for k in range(0, len(g), MAX_RUN)]
        recipe: list[tuple[Any, ...]] = []
        looked = False
        for group in groups:
            run_start = group[0][0]
            if run_start != run_base:
                k = run_start - 1
                while k >= 0 and text[k] in OPENERS:
                    k -= 1
                group_initial = k < 0 or text[k] in SENTENCE_END
                group_headline = bool(headlines) and any(s <= run_start < e
                                                         for s, e in headlines)
            else:
                group_initial, group_headline = initial, in_headline
            read(group, group_initial, group_headline, found)
            looked = looked or reader.looked
            recipe.extend(reader.trace)
        if alone and not looked:
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            memo[key] = tuple((item[0] - base, item[1] - base, *item[2:]) if len(item) == 7
                              else (item[0] - base, item[1] - base, item[2] - base, *item[3:])
                              for item in recipe)
    return found
