"""Texts whose exact entity spans are pinned, so that speed work cannot change a single span.

    python -m tests.entity_pins        # rewrite tests/fixtures/entities/pinned.json

Rewrite the pins only when the extractor's output is meant to change (and then bump
`EXTRACTOR_VERSION`); `tests/test_entity_pins.py` compares every span with them. The texts are
the gold articles (tests/gold, written for this project) and the short ones below, written here
to reach the rules that look at the text around a name (cues, possessives, "BBC Radio 4",
spacing between the words of a name, datelines, all-caps lines, line-ups).
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.gold.markup import load_all

PINS = Path(__file__).parent / "fixtures" / "entities" / "pinned.json"

EXTRA = [
    ("Parmenter bid for Harbridge",
     "Shares in Parmenter rose 4% on Monday after the chief executive of Parmenter, Jo Quill, "
     "said the firm would bid for Harbridge. Parmenter said the offer of £1.2bn was final.\n\n"
     "Quill told BBC Radio 4 that Harbridge's board had until 14 March. Mr Quill, 52, added "
     "that Harbridge  Holdings and\tParmenter Group had talked since 2004."),
    ("Parmenter the man",
     "Tom Parmenter, who coaches at Derby, said Parmenter was not for sale. Parmenter scored "
     "twice. \"Parmenter is my name,\" he told the Derby Telegraph on Sunday.\n\n"
     "Parmenter's wife, Ana Parmenter, lives in Derby."),
    ("Liverpool beat Wales side",
     "LIVERPOOL, England (Reuters) - Liverpool beat Everton 2-1 at Anfield on Saturday, with "
     "Kenji Moriyama scoring twice. The Liverpool striker said Wales and Scotland are "
     "improving.\n\nLiverpool: Reina, Finnan, Carragher, Hyypia, Riise, Alonso, Gerrard.\n"
     "Subs not used: Dudek, Traore.\n\nFans travelling from Liverpool to Cardiff were delayed."),
    ("TENNIS - Haddad through in Madrid",
     "MADRID 2004-03-11\nTENNIS - HADDAD THROUGH AS SEEDS FALL\n\nTariq Haddad of Tunisia beat "
     "Luca Ferrante (Italy) 6-3 6-4 in Madrid. Haddad faces Pete Sampras (U.S.) next, in "
     "the Sunday Times Cup, not before 2005 GMT. Windows 2000 and Euro 2004 are not dates."),
    ("Vera Drake star",
     "Vera Drake star Imelda Staunton won for the drama Vera Drake. Hey Jude was played. "
     "Seven Lee films were shown. The album Hey Jude sold well; Mike Leigh directed Vera Drake."),
    ("The Brown budget",
     "The Chancellor, Gordon Brown, said the Budget would help. Mr Brown and Tony Blair met "
     "in Downing Street. Brown said so. Blair said no.\n\nThe US Anti-Doping Agency and "
     "Singapore Airlines, Ex-Liverpool striker Ian Rush and al-Assad's envoy met in Brussels. "
     "May said in May that the Securities and Exchange Commission would act."),
    ("Lycos gets a bid",
     "Lycos shares fell. Lycos said it had been bought. Analysts at Lycos expect more; "
     "Multiplex Group said Multiplex would bid. PC Pro reviewed it. The BBC, ITV and Sky "
     "reported it, as did BBC Radio 5 Live and BBC World Service."),
]


def texts() -> list[tuple[str, str]]:
    """(title, body) of every pinned text, gold articles first."""
    return [(a["title"], a["body"]) for a in load_all()] + EXTRA


def spans(title: str, body: str) -> list[list]:
    """`extract_document`'s spans of one text as plain lists (JSON's shape)."""
    from tui.entities import extract_document

    return [[s.start, s.end, s.text, s.label, s.canonical, s.in_title]
            for s in extract_document(title, body)]


def main() -> None:
    PINS.parent.mkdir(parents=True, exist_ok=True)
    pinned = [spans(title, body) for title, body in texts()]
    PINS.write_text(json.dumps(pinned, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{PINS}: {len(pinned)} texts, {sum(map(len, pinned))} spans")


if __name__ == "__main__":
    main()
