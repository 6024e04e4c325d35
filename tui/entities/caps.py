"""All-caps text read as if written in mixed case: headlines, datelines, section tags.

In "SOCCER - JAPAN GET LUCKY WIN" every word is capitalised, so capitals say nothing. Such a
line is rewritten, letter for letter (offsets do not move), in the case a reporter would have
used: a word the gazetteers or the story know keeps its capital ("Japan"), an acronym they
know stays as it is ("UN"), and every other word is written in lower case ("soccer", "get"),
so a section tag is never taken for a name. A dateline at the start of a paragraph
("MADRID 2004-03-11", "LONDON (Reuters) -") is rewritten the same way when it names a place.
"""

from __future__ import annotations

import re

from tui.entities.gazetteer import Gazetteer

CAPS_LINE = re.compile(r"^[^a-z\n]*[A-Z]{2}[^a-z\n]*$", re.MULTILINE)
"""A line without a lower-case letter (ASCII is enough to find one quickly)."""
LOWER = re.compile(r"[a-z]")
TWO_CAPITALS = re.compile(r"[A-Z]{2}")
DATELINE = re.compile(r"^([A-Z][A-Z'’.-]+(?:[ ][A-Z][A-Z'’.-]+){0,3})(?=[ ]?(?:\(|,|[-–—]|"
                      r"[0-9]{4}-[0-9]{2}|$))", re.MULTILINE)
WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
SMALL = frozenset("a an and as at but by for from in into of on or over per the to up via "
                  "vs with".split())


def _vocabulary(text: str) -> frozenset[str]:
    """Capitalised words written in mixed case somewhere in the text ("Japan", "Olympic")."""
    return frozenset(re.findall(r"\b[A-Z][a-z][\w'’-]*", text))


def _recase_words(line: str, gaz: Gazetteer, known: frozenset[str]) -> str:
    """`line` with each all-caps word recased (same length)."""
    words = list(WORD.finditer(line))
    out = list(line)
    phrases, longest = gaz.phrases, gaz.longest
    k = 0
    while k < len(words):
        word = words[k].group()
        if not word.isupper() or len(word) < 2 and word != "A":
            k += 1
            continue
        titled = word.title()
        # The longest known phrase from here, in title case ("NEW YORK" -> "New York").
        size = 0
        most = min(longest.get(titled, 0), len(words) - k)
        for n in range(most, 1, -1):
            joined = " ".join(w.group().title() if w.group().isupper() else w.group()
                              for w in words[k:k + n])
            if joined in phrases and line[words[k].start():words[k + n - 1].end()].count(
                    " ") == n - 1:
                size = n
                break
        if size:
            for w in words[k:k + size]:
                _put(out, w.start(), w.group().title())
            k += size
            continue
        if word in phrases and len(word) <= 5 or word.lower() in SMALL:
            replacement = word if word.lower() not in SMALL else word.lower()
        elif titled in phrases or titled in known or titled in gaz.given or \
                titled in gaz.surnames:
            replacement = titled
        else:
            replacement = word.lower()
        _put(out, words[k].start(), replacement)
        k += 1
    return "".join(out)


def _put(out: list[str], start: int, word: str) -> None:
    if len(word) == len(out[start:start + len(word)]):
        out[start:start + len(word)] = word


def recase(text: str, gaz: Gazetteer, story: str = "") -> str:
    """`text` with its all-caps lines and datelines in mixed case (the same length).

    Args:
        text: a title or a body.
        gaz: the gazetteer.
        story: more text whose mixed-case words tell names from words (the body, for a
            title); `text` itself always counts.
    """
    # CAPS_LINE and DATELINE only match at line starts: try them there, which is quicker than
    # a scan of every character (a prose line shows a lower-case letter in its first few).
    lines, datelines, start = [], [], 0
    lower, capitals, dateline, phrases = LOWER.search, TWO_CAPITALS.search, DATELINE.match, \
        gaz.phrases
    for line in text.split("\n"):
        if line:
            if "A" <= line[0] <= "Z" and len(line) > 1:
                m = dateline(text, start)
                if m is not None and m.group(1).title() in phrases and \
                        m.group(1) not in phrases:
                    datelines.append(m)
            if len(line) >= 4 and lower(line) is None and capitals(line) is not None and \
                    len(line.strip()) >= 4:
                caps = CAPS_LINE.match(text, start)
                if caps is not None:
                    lines.append(caps)
        start += len(line) + 1
    if not lines and not datelines:
        return text
    known = _vocabulary(text + "\n" + story) if lines else frozenset()
    out = text
    for m in lines:
        start, end = m.span()
        out = out[:start] + _recase_words(out[start:end], gaz, known) + out[end:]
    for m in datelines:
        start, end = m.span(1)
        if out[start:end].isupper():
            out = out[:start] + _recase_words(out[start:end], gaz, frozenset()) + out[end:]
    return out
