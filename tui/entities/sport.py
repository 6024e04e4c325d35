"""Sport: teams named after places, line-ups and scorers, decided by the story around them.

"Liverpool" is a city in a story about the docks and a club in one about a transfer; "Wales"
is a country until it plays ("wins over England, Italy and France"). A story is a sports story
when sports words are dense in it; there a club's short name is an organisation unless a cue
says place ("in Liverpool"), and a country is a national team where a cue says team: a score,
"beat", "against", "the Iceland international", a plural verb ("Scotland are improving"). A
country joined to a team by "," or "and" is a team too. Elsewhere only the strongest cues count
("the Liverpool striker"). Lines that list names with minutes or substitutes are line-ups:
their names are people.
"""

from __future__ import annotations

import re
from itertools import repeat

from tui.entities.context import TRAIL, after, before
from tui.entities.gazetteer import Gazetteer
from tui.entities.patterns import U
from tui.entities.rules import Mention

SPORT_WORDS = frozenset("""
    goal goals scored scores scoring scorer scorers striker strikers midfield midfielder
    midfielders defender defenders goalkeeper keeper winger coach manager boss squad match
    matches fixture fixtures season league cup tournament championship champions title
    semi-final quarter-final final finals kick-off penalty penalties pitch stadium referee
    fans club clubs team teams side sides player players win won wins beat beaten defeat
    defeated draw drew victory victories injury injured fitness game games half-time minute
    minutes medal medals olympic olympics athletics athlete athletes tennis golf rugby
    cricket football soccer wicket wickets innings seeded tries race relay sprint sprinter
    captain caps international debut transfer points premiership
""".split())
SPORT_DENSITY = 0.025
"""Sports words per word above which a story is about sport (BBC: 90% of sport stories, 6%
of the others, mostly reviews of games)."""
SPORT_MIN = 4

TEAM_AFTER = frozenset("""
    striker strikers forward forwards midfielder midfielders midfield defender defenders
    defence defense goalkeeper keeper goalie winger full-back fullback centre-back centre-half
    skipper captain coach manager boss chairman side squad team teammate team-mate players
    player fans supporters international internationals number shirt jersey debut legend
    stalwart youngster academy bench goal goals net wall game games match tie clash win
    victory defeat loss draw lead xv xi pack attack backs line-up lineup u21 under-21
    under-21s beat beats won win wins lost lose loses drew draws scored score led trail
    trailed face faced faces facing host hosted hosts hosting play played plays playing meet
    meets are were have recalled named picked selected dropped axed
""".split())
"""Words right after a name (or its "'s") that make it a team in a sports story."""
STRONG_AFTER = frozenset("""
    striker strikers forward midfielder midfielders defender defenders goalkeeper keeper
    winger full-back fullback centre-back skipper coach manager boss squad fans supporters
    international internationals
""".split())
"""Words after a name that make it a team in any story ("the Liverpool striker")."""
TEAM_BEFORE = frozenset("""
    beat beating beats against over v v. vs vs. versus face faces facing faced host hosts
    hosted hosting play plays played playing meet meets join joined joining joins leave left
    rejoin rejoined edged thrashed hammered crushed routed stunned defeated outplayed
    eliminated trail trailed trailing visit visits visited visiting represent represented
    representing for
""".split())
"""Words right before a name that make it a team in a sports story."""
AFTER_LOSS = frozenset("""
    lost lose loses losing defeat defeats loss losses beaten fell slumped succumbed down
    drew draw draws drawn tie tied level beaten defeated held thrashed knocked eliminated
    hammered
""".split())
"""Words before "to", "with" or "by" that make the name after it a team: "lost to Wales"."""
TRAVEL = frozenset("""
    travel travels travelling traveling travelled traveled fly flew flying flies drive drove
    driving trip journey back return returned returning fans supporters home
""".split())
"""Words before "to" or "from" that make the name after it a place, even a club's name."""
PLACE_BEFORE = frozenset("in near outside across throughout around inside into".split())
COUNTRY_PLACE_BEFORE = frozenset("at from to via".split())
PLACE_AFTER = frozenset("""
    city council airport port police university hospital street road-based born-based
""".split())
SCORE_AFTER = re.compile(r"['’]?s?\s\d{1,2}(?:\s?[-–]\s?\d{1,2})?(?:\s|$|[,.;)])")
SCORE_BEFORE = re.compile(r"\d{1,2}\s?[-–]\s?\d{1,2}\s$")
OF_AFTER_NAME = re.compile(rf"(?<![\w'’.-]){U}[\w'’.-]*\s+of(?:\s+the)?\s+$")
JOINED = re.compile(r"(?:,\s|\sand\s|,\sand\s|\sor\s|\s&\s|\s/\s)")

NAME = r"[^\W\d_][\w'’.-]*(?:\s(?:[a-z]{1,3}\s)?[^\W\d_][\w'’.-]*){0,3}"
ITEM = rf"{NAME}(?:\s\d{{1,3}}(?:\s?(?:pen|og))?|\s\({NAME}(?:\s\d{{1,3}})?\))?"
LINEUP = re.compile(rf"(?:[^\W\d_][\w ]{{0,30}}:\s*)?({ITEM}(?:[,;]\s{ITEM})+)\.?\s*")
PROSE = re.compile(r"(?<![\w'’])[a-z]{4,}")
"""A lower-case word of four letters or more: the line is prose, not a line-up."""
MINUTES = re.compile(r"\s\d{1,3}\b|\(")


def is_sport(text: str) -> bool:
    """Whether a story is about sport, from the density of sports words."""
    words = text.lower().split()
    # str.rstrip mapped with its argument repeated: quicker than a methodcaller
    # (docs/performance.md).
    found = sum(map(SPORT_WORDS.__contains__, map(str.rstrip, words, repeat(TRAIL))))
    return found >= SPORT_MIN and found >= SPORT_DENSITY * len(words)


def lineups(text: str) -> list[tuple[int, int]]:
    """Where the text lists players: lines of names with minutes, four names or more, or
    names after a label ("Subs not used: Cooper, Knight."), and short lists among those."""
    found: list[tuple[int, int, bool]] = []  # (start, end, sure)
    start = 0
    for line in text.split("\n"):
        if "," in line and len(line) < 600 and not PROSE.search(line, line.rfind(":") + 1):
            match = LINEUP.fullmatch(line)
            if match:
                items = match.group(1)
                count = items.count(",") + items.count(";") + 1
                sure = count >= 4 or bool(MINUTES.search(items)) or match.start(1) > 0
                found.append((start + match.start(1), start + match.end(1), sure))
        start += len(line) + 1
    spans = []
    for k, (begin, end, sure) in enumerate(found):
        # A short list counts between sure ones, a few lines away ("Morrison, Wilson.").
        near = [b for b, _, s in found[max(0, k - 2):k + 3] if s and abs(b - begin) < 400]
        if sure or near:
            spans.append((begin, end))
    return spans


def _cue(text: str, m: Mention, country: bool, sport: bool) -> str | None:
    """"team", "place" or None: what the words around mention m say it is."""
    start, end = m.start, m.end
    if text.startswith("(", start - 1) and text.startswith(")", end) or \
            text.startswith("of ", start - 3) and OF_AFTER_NAME.search(text, max(0, start - 40),
                                                                      start) or \
            text.startswith("of the ", start - 7) and OF_AFTER_NAME.search(
                text, max(0, start - 40), start):
        return "place"  # "Pete Sampras (U.S.)", "Ons Jabeur of Tunisia"
    previous, earlier = before(text, start)
    if previous in PLACE_BEFORE or country and previous in COUNTRY_PLACE_BEFORE and not (
            previous == "to" and earlier in AFTER_LOSS):
        return "place"
    if previous in ("to", "from") and (earlier in TRAVEL or text.startswith(" to ", end)):
        return "place"  # "fans travelling from Liverpool to Cardiff"
    possessive, following = after(text, end)
    if following in PLACE_AFTER:
        return "place"
    if following in STRONG_AFTER:
        return "team"
    if SCORE_AFTER.match(text, end) or text[start - 2:start - 1].isdigit() and \
            SCORE_BEFORE.search(text, max(0, start - 8), start):
        return "team"
    if not sport:
        return None
    if following in TEAM_AFTER and not (following in ("are", "were", "have") and not country):
        return "team"
    if previous in TEAM_BEFORE:
        return "team"
    if previous in ("to", "with", "by") and earlier in AFTER_LOSS:
        return "team"
    return None


def teams(text: str, mentions: list[Mention], gaz: Gazetteer) -> None:
    """Label line-ups' names as people and teams as organisations, in place."""
    if "," in text:
        for start, end in lineups(text):
            for m in mentions:
                if start <= m.start and m.end <= end and m.label != "ORG" or (
                        start <= m.start < end and m.label is None):
                    m.label, m.how, m.strong = "PERSON", "cue", True
    phrases, short = gaz.phrases, gaz.teams
    sport: bool | None = None
    decided: list[tuple[Mention, str | None, bool]] = []
    for m in mentions:
        if m.label not in ("PLACE", None) or m.how == "cue":
            continue
        club = short.get(m.text)
        entry = phrases.get(m.text) if club is None else None
        country = entry is not None and entry.country
        if club is None and not country:
            continue
        if sport is None:
            sport = is_sport(text)
        decided.append((m, _cue(text, m, country, sport), country))
    if not decided:
        return
    teamed = {m.text for m, cue, _ in decided if cue == "team"}
    for k, (m, cue, country) in enumerate(decided):
        if cue is None and sport and k:
            previous = decided[k - 1][0]
            if previous.text in teamed and JOINED.fullmatch(text, previous.end, m.start):
                cue = "team"
        if cue is None and sport and k + 1 < len(decided):
            following = decided[k + 1]
            if following[1] == "team" and JOINED.fullmatch(text, m.end, following[0].start):
                cue = "team"
        if cue == "team" or cue is None and sport and (not country or m.text in teamed):
            m.label, m.how, m.strong = "ORG", "team", False
            m.canonical = short.get(m.text, m.canonical)
            teamed.add(m.text)
