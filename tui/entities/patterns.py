"""Compiled regular expressions: capitalised runs, dates and amounts of money.

Speed note: Python's re only skips ahead quickly when a pattern starts with a plain character
class or literal, so every pattern here starts with one (a capital, a digit, a currency sign, a
month name) and checks what precedes it with a look-behind placed after that first character.
"""

from __future__ import annotations

import re

# Python's re has no \p{Lu}: spell out the upper-case letters of the scripts news names use
# (Latin with its extensions, Greek, Cyrillic).
UPPER = "".join(chr(c) for r in ((0x41, 0x250), (0x370, 0x530), (0x1E00, 0x1F00))
                for c in range(*r) if chr(c).isupper() or chr(c).istitle())
U = f"[{re.escape(UPPER)}]"

ABBREVIATIONS = [
    "Mr", "Mrs", "Ms", "Dr", "St", "Mt", "Ft", "Gov", "Sen", "Sens", "Rep", "Reps", "Gen", "Lt",
    "Col", "Capt", "Sgt", "Cpl", "Adm", "Cmdr", "Maj", "Brig", "Prof", "Rev", "Hon", "Jr", "Sr",
    "Inc", "Corp", "Co", "Ltd", "Bros", "Pres", "Supt", "Det", "Insp", "Atty", "Mme", "Mlle",
    "Messrs", "Dept"
]
WORD_TAIL = (rf"[\w\u0300-\u036f]*"
             rf"(?:[-‑](?:(?:on|upon|en|sur|le|la|de|du|the)-)?[{re.escape(UPPER)}0-9]\w*"
             rf"|['’](?![sS]\b)\w+)*(?:(?<=s)['’](?=[ \u00a0]{U}))?")
# The look-ahead lets most words skip the abbreviation alternatives at once.
ABBREVIATION_TAILS = "|".join(f"(?<={a[0]}){a[1:]}\\." for a in ABBREVIATIONS)
TOKEN_TAIL = (rf"(?:(?=[a-z]{{1,5}}\.)(?:{ABBREVIATION_TAILS})"
              rf"|\.(?:{U}\.)*(?!\w)|{U}*&{U}+\b|{WORD_TAIL})")
"""Everything of a capitalised token after its first letter: "r." of "Mr.", ".S." of "U.S."."""
TOKEN = rf"(?:{U}{TOKEN_TAIL}|(?:al|el|ad|ash|as|d|l)[-'’]{U}{WORD_TAIL})"
CONNECTOR = (r"(?:of|for|the|and|&|de|del|della|degli|dei|di|da|das|do|dos|du|des|la|le|van|"
             r"von|der|den|ter|ten|bin|bint|ibn|al|el|zu|af|av|y)")
SPACE = r"[ \t\u00a0]+"

RUN = re.compile(rf"{U}(?<![\w'’].){TOKEN_TAIL}(?:{SPACE}(?:{CONNECTOR}{SPACE}){{0,3}}{TOKEN})*")
"""A run of capitalised words that may be names, never across a line break."""
RUN_PREFIX = re.compile(r"(?:^|(?<=[^\w'’]))(?:al|el|ad|ash|as|d|l)[-'’]$")
"""An Arabic or French article glued before a run: "al-" of "al-Assad"."""
RUN_WORD = re.compile(r"[^ \t\u00a0]+")

WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
MONTH = (r"(?:(?:January|February|March|April|May|June|July|August|September|October|"
         r"November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)")
DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89][0-9][0-9]|20[0-9][0-9])"
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTH_ABBREVIATIONS = [
    "Sept", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
]
HOLIDAYS = [
    "Christmas Day", "Christmas Eve", "Christmas", "New Year['’]s Day", "New Year['’]s Eve",
    "Boxing Day", "Valentine['’]s Day", "Thanksgiving Day", "Thanksgiving", "Labor Day",
    "Labour Day", "Independence Day", "Memorial Day", "Armistice Day", "Remembrance Day",
    "Bastille Day", "Easter Sunday", "Easter Monday", "Easter", "Good Friday", "Ramadan",
    "Eid al-Fitr", "Eid al-Adha", "Eid", "Hanukkah", "Diwali", "Passover", "Yom Kippur",
    "Lunar New Year", "Chinese New Year", "Halloween"]


def factored(alternatives: list[str]) -> str:
    """An alternation grouped by first character ("M(?:onday|arch|ay)|T(?:uesday|...)"): re
    tries alternatives one by one, so this tests each first letter once. The matches are the
    same: alternatives that share a first letter keep their order, and those that do not can
    never both match at one place."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "|".join(first + (f"(?:{'|'.join(rest)})" if len(rest) > 1 else rest[0])
                    for first, rest in groups.items())


DATE_NAMES = factored([*(rf"{name}\b" for name in (*WEEKDAYS, *MONTHS, *HOLIDAYS)),
                       *(rf"{name}\b\.?" for name in MONTH_ABBREVIATIONS)])
"""Literals only, so that re can skip to their first letters."""
NOT_YEAR = (r"(?:people|persons|men|women|children|years|months|days|hours|km|miles|metres|"
            r"meters|feet|tonnes|tons|troops|soldiers|jobs|homes|houses|cars|units|votes|"
            r"cases|deaths|staff|workers|employees|pupils|students|fans|seats|points|words|"
            r"GMT|BST|UTC|EST|EDT|CET|CEST|ET|hrs|local\stime)\b")
"""Words after a number that make it a count or a time of day, not a year ("2005 GMT")."""
DATE_NAME = re.compile(
    rf"(?:{DATE_NAMES})"
    rf"(?P<tail>,?\s(?:{MONTH}\s{DAY}\b(?:,?\s{YEAR}\b)?|{DAY}\s(?:of\s)?{MONTH}"
    rf"(?:,?\s{YEAR}\b)?|{DAY}\b(?:,?\s{YEAR}\b)?|(?:of\s)?{YEAR}\b))?")
"""Dates that start with a name: "Thursday", "March 3, 2021", "May of 2019", "Christmas"."""
DATE_NUMBER = re.compile(
    rf"[0-9](?<![\w$£€¥.,].)[0-9]*(?:"
    rf"(?P<day_month>(?:st|nd|rd|th)?(?:\sof)?\s{MONTH}(?:,?\s{YEAR}\b)?)"
    rf"|(?P<iso>-[01][0-9]-[0-3][0-9]\b)|(?P<slash>/[01]?[0-9]/(?:[0-9]{{2}})?[0-9]{{2}}\b)"
    rf"|(?P<decade>s\b)"
    rf"|(?P<year>(?:[-–/](?:[0-9]{{2}})?[0-9]{{2}})?(?![\w%]|[.,][0-9]|\s?(?:per\s?cent|%)"
    rf"|\s{NOT_YEAR})))")
"""Dates that start with a digit; code checks the number is a day, a year or a decade."""
NUMBER_START = re.compile(r"[0-9](?<![\w.].)")
"""Where a number starts: the only places DATE_NUMBER and MONEY_NUMBER can match
(`tui.entities.numeric.number_starts` finds the same places without a scan)."""
DATE_DECADE = re.compile(r"['’][0-9]0s\b")
MONTH_CONTEXT = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|of|last|next|early|late|this|during|through|"
    r"before|after|on|between|and|to|or|end|mid|beginning|start|throughout|each|every|the|"
    r"late|early|since)"
    r"\s|mid-)$", re.IGNORECASE)
YEAR_CONTEXT = re.compile(r"(?:£|\$|€|¥|\bNo\.?|#|\bnumber|\bpage|\broom|\bflight)\s?$",
                          re.IGNORECASE)

NUMBER = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
MAGNITUDE = (r"(?:\s?(?:bn|mn|m|k|tn|trn|trillion|billion|million|thousand|crore|lakh)\b"
             r"|(?=\W|$))")
SCALE_WORD = r"(?:hundred|thousand|million|billion|trillion)s?(?:\sof)?"
CURRENCY = (r"(?:dollars?|euros?|pounds?(?:\ssterling)?|sterling|yen|yuan|renminbi|rupees?|"
            r"pesos?|francs?|roubles?|rubles?|won|rand|reais|real|lira|liras|dinars?|dirhams?|"
            r"riyals?|shekels?|krona|kronor|krone|kroner|zloty|forint|baht|ringgit|naira|"
            r"hryvnias?|rupiah|cents?|pence|bitcoins?)\b")
CODE = r"(?:USD|EUR|GBP|JPY|CNY|RMB|CHF|CAD|AUD|INR|RUB|BRL|HKD|KRW|MXN|ZAR|SEK|NOK)\b"
CURRENCY_SIGNS = "$£€¥₹₩₽₺₦"
MONEY_SIGN = re.compile(
    rf"[{re.escape(CURRENCY_SIGNS)}]\s?(?:{NUMBER})(?:\s?(?:-|–|to)\s?(?:{NUMBER}))?{MAGNITUDE}")
"""An amount after a currency sign: "$1.13bn", "£600m"; "US" before "$" is added in code."""
SIGN_PREFIX = re.compile(r"(?:^|(?<=[^\w]))(?:US|USD|A|AU|C|CA|NZ|HK|S|R|NT|Mex|Z)$")
MONEY_RUPEES = re.compile(rf"Rs(?<![\w].{{2}})\.?\s?(?:{NUMBER}){MAGNITUDE}")
MONEY_NUMBER = re.compile(
    rf"[0-9](?<![\w.].)[0-9,]*(?:\.[0-9]+)?(?=\s?[^\W\d_])"
    rf"(?:(?:\s?(?:{SCALE_WORD}|bn|m|tn))?\s?(?:{CURRENCY}|{CODE})|p\b)")
"""A number before a currency word or code: "18 billion euros", "5 million USD", "50p". (The
look-ahead for a letter says nothing new: it stops most numbers before the alternatives.)"""
MONEY_CODE = re.compile(rf"{CODE}\s?(?:{NUMBER}){MAGNITUDE}")
MONEY_WORDS = re.compile(rf"(?:hundred|thousand|million|billion|trillion)s?(?:\sof)?\s{CURRENCY}")
"""A spelled-out amount, found from its scale word: "One billion dollars"."""
NUMBER_WORDS_BEFORE = re.compile(
    r"(?i:(?:\b(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|half\sa|a\shalf|a\sfew|"
    r"several|tens\sof|hundreds\sof|thousands\sof|millions\sof|billions\sof)[\s-]+"
    r"(?:and\s)?)+)$")

SENTENCE_END = frozenset(".!?…:;\n")
OPENERS = frozenset(" \t\u00a0\"“‘'([«—–-*•")
ACRONYM_DEF = re.compile(r"\s?\((\S+)\)")
