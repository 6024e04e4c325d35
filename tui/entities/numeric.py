"""DATE and MONEY spans: regular expressions plus the context checks they cannot express."""

from __future__ import annotations

import bisect
import re

from tui.entities.lexicon import STOP
from tui.entities.patterns import (
    CURRENCY_SIGNS,
    DATE_DECADE,
    DATE_NAME,
    DATE_NUMBER,
    MONEY_CODE,
    MONEY_NUMBER,
    MONEY_RUPEES,
    MONEY_SIGN,
    MONEY_WORDS,
    MONTH_CONTEXT,
    MONTHS,
    NUMBER_WORDS_BEFORE,
    SIGN_PREFIX,
    YEAR_CONTEXT,
    U,
)

MONTH_NAMES = frozenset([*MONTHS, "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
                         "Oct", "Nov", "Dec"])
AMBIGUOUS_MONTHS = frozenset({"May", "March", "April", "June", "August"})
"""Months that are also names or verbs: alone they need a cue ("in May", "since March")."""
NAME_AFTER = re.compile(rf"[ \u00a0]{U}")
SURELY_MONTH = re.compile(r"\b(?:in|since|until|till|by|during|last|next|early|late|mid|this|"
                          r"from|through|before|after|between)\s$", re.IGNORECASE)
NEXT_NAME = re.compile(r"[ \u00a0]([A-Z][a-z]+)")
NAME_BEFORE = re.compile(rf"(?<![\w'’.-])({U}[\w'’-]*)[ \u00a0]$")
PAPER_WORDS = frozenset("""
    Times Telegraph Mirror Express Post Herald Mail Tribune Observer Independent Sport People
    Star Business Night Life Mercury Sun World Record Journal Review Magazine Special Live
""".split())
"""Words after a weekday that make it part of a name: newspapers, programmes."""
WEEKDAYS = frozenset(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                      "Sunday"])
YEAR_NAMES = frozenset("""
    Summer Spring Autumn Fall Winter Christmas Easter Season Fiscal FY Class Vintage Year
    Budget Census Election Elections Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
""".split())
"""Capitalised words a year may follow and still be a date ("Summer 2004")."""
WORD_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")

Found = tuple[int, int, str, str]
"""(start, end, label, canonical)."""


def _squash(text: str) -> str:
    return " ".join(text.split())


def _bare_month_is_date(text: str, start: int, end: int) -> bool:
    month = text[start:end].rstrip(".")
    if len(month) <= 4 and month != "May" and month != "June" and month != "July":
        return False  # "Jan", "Mar" alone are names, not months
    if MONTH_CONTEXT.search(text[max(0, start - 12):start]):
        return True
    if month in AMBIGUOUS_MONTHS:
        return False
    # "Thursday, January" is a date; "January Jones" is not.
    return not NAME_AFTER.match(text, end)


def number_starts(text: str) -> list[int]:
    """Where NUMBER_START matches, in order: every ASCII digit that no word character (`\\w`,
    which is `str.isalnum` or "_") or "." precedes. Ten `str.find` loops over the digits (20 an
    article, 8 of them starts) cost a third of the regex's scan of every character."""
    places = []
    for digit in "0123456789":
        at = text.find(digit)
        while at >= 0:
            if not at or not ((before := text[at - 1]).isalnum() or before == "_"
                              or before == "."):
                places.append(at)
            at = text.find(digit, at + 1)
    places.sort()
    return places


def _numbers(text: str) -> tuple[list[tuple[int, int]], list[re.Match[str]]]:
    """MONEY_NUMBER's spans and DATE_NUMBER's matches, as their `finditer` would give them.

    Both start with a digit that no word character or "." precedes: one scan finds those
    places, and each pattern is tried there only (a scan of its own per pattern costs more
    than the tries)."""
    money: list[tuple[int, int]] = []
    dates: list[re.Match[str]] = []
    money_at = date_at = 0
    money_match, date_match = MONEY_NUMBER.match, DATE_NUMBER.match
    for at in number_starts(text):
        if at >= money_at:
            found = money_match(text, at)
            if found is not None:
                money.append(found.span())
                money_at = found.end()
        if at >= date_at and (not at or text[at - 1] not in "$£€¥,"):
            date = date_match(text, at)
            if date is not None:
                dates.append(date)
                date_at = date.end()
    return money, dates


SCALE_WORDS = ("hundred", "thousand", "million", "billion", "trillion")
"""The words MONEY_WORDS starts with."""


def _places(text: str, literals: str | tuple[str, ...]) -> list[int]:
    """Where each of `literals` occurs in `text`, in order (`str.find`: no regex scan)."""
    places = []
    for literal in literals:
        at = text.find(literal)
        while at >= 0:
            places.append(at)
            at = text.find(literal, at + 1)
    places.sort()
    return places


def _matches(pattern: re.Pattern[str], text: str, places: list[int]) -> list[re.Match[str]]:
    """`pattern.finditer(text)`'s matches for a pattern that can only start at `places` and
    whose matches hold no other of those places: each place is tried once, with `match`."""
    found = []
    for at in places:
        match = pattern.match(text, at)
        if match is not None:
            found.append(match)
    return found


def _money(text: str, numbers: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = []
    # A currency sign starts MONEY_SIGN and never stands inside its match: looking for each
    # sign (memchr) and matching there is quicker than the regex's scan of every character.
    for match in _matches(MONEY_SIGN, text, _places(text, CURRENCY_SIGNS)):
        start = match.start()
        if start and text[start - 1] in WORD_BEFORE:
            prefix = SIGN_PREFIX.search(text, max(0, start - 4), start)
            if prefix is None:
                continue
            start = prefix.start()
        spans.append((start, match.end()))
    spans.extend(numbers)
    if "Rs" in text:
        spans.extend(m.span() for m in MONEY_RUPEES.finditer(text))
    if "USD" in text or "EUR" in text or "GBP" in text:
        spans.extend(m.span() for m in MONEY_CODE.finditer(text))
    if "illion" not in text and "thousand" not in text and "hundred" not in text:
        return spans
    # As for the signs: a scale word starts MONEY_WORDS, and no match holds a second one.
    for match in _matches(MONEY_WORDS, text, _places(text, SCALE_WORDS)):
        start = match.start()
        if start and text[start - 1] in WORD_BEFORE:
            continue
        words = NUMBER_WORDS_BEFORE.search(text, max(0, start - 60), start)
        spans.append((words.start() if words else start, match.end()))
    return spans


def _dates(text: str, numbers: list[re.Match[str]]) -> list[tuple[int, int]]:
    spans = []
    for match in DATE_NAME.finditer(text):
        start, end = match.span()
        if start and text[start - 1] in WORD_BEFORE:
            continue
        if not match.group("tail") and text[start:end] in WEEKDAYS:
            after = NEXT_NAME.match(text, end)
            if after and after.group(1) in PAPER_WORDS:
                continue  # "Sunday Times", "Monday Night Football": a name, not a date
        if not match.group("tail") and text[start:end].rstrip(".") in MONTH_NAMES \
                and not _bare_month_is_date(text, start, end):
            continue
        spans.append((start, end))
    for match in numbers:
        start, end = match.span()
        k = start
        while k < end and "0" <= text[k] <= "9":
            k += 1
        digits, number = k - start, int(text[start:k])
        kind = match.lastgroup
        if kind == "day_month":
            ok = 1 <= number <= 31 and digits <= 2
        elif kind == "decade":
            ok = digits == 4 and 1800 <= number <= 2090 and number % 10 == 0
        elif kind in ("iso", "year"):
            ok = digits == 4 and 1800 <= number <= 2099 and (
                kind == "iso" or not YEAR_CONTEXT.search(text[max(0, start - 8):start])
                and not _named(text, start))
        else:
            ok = digits <= 2
        if ok:
            spans.append((start, end))
    if "0s" in text:
        spans.extend(m.span() for m in DATE_DECADE.finditer(text))
    return spans


def _named(text: str, start: int) -> bool:
    """Whether a year follows a name it belongs to: "Windows 2000", "Euro 2004"."""
    before = NAME_BEFORE.search(text, max(0, start - 24), start)
    if before is None:
        return False
    word = before.group(1)
    return word not in STOP and word not in MONTH_NAMES and word not in WEEKDAYS and \
        word not in YEAR_NAMES and not word.isupper()


def money_and_dates(text: str) -> list[Found]:
    """Every MONEY then DATE span in `text`, sorted by start, none overlapping.

    Args:
        text: the text to scan.

    Returns:
        (start, end, label, canonical) tuples; the canonical form squashes whitespace.
    """
    found: list[Found] = []
    money: list[tuple[int, int]] = []  # the kept MONEY spans, sorted, none overlapping
    money_numbers, date_numbers = _numbers(text)
    for spans, label in ((_money(text, money_numbers), "MONEY"),
                         (_dates(text, date_numbers), "DATE")):
        last = -1
        for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
            if start < last:
                continue  # overlaps the span of this label kept before it
            if label == "DATE" and money:
                k = bisect.bisect_right(money, (start, len(text) + 1))
                if k and money[k - 1][1] > start or k < len(money) and money[k][0] < end:
                    continue  # overlaps an amount
            found.append((start, end, label, _squash(text[start:end])))
            last = end
        if label == "MONEY":
            money = sorted((s, e) for s, e, _, _ in found)
    found.sort()
    return found


def month_or_person(text: str, start: int, end: int, persons: dict[str, str]) -> str | None:
    """The person a bare "May" names when the article knows a Theresa May and nothing says month.

    Returns:
        The person's canonical name, or None when the span stays a DATE.
    """
    word = text[start:end]
    if word not in AMBIGUOUS_MONTHS or persons.get(word) is None:
        return None
    if SURELY_MONTH.search(text[max(0, start - 12):start]):
        return None
    return persons[word] or word
