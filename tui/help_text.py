"""Help text shared by the command line and the app (no imports: the CLI loads it fast)."""

QUERY_HELP = """\
  mexico trade            both words (any order, anywhere)
  "prime minister"        the exact phrase
  negoti*                 words starting with negoti
  mexico -trump           mexico but not trump
  blair OR brown          either word; ( ) group: (blair OR brown) budget
  title:trade             a word in the title (body: for the body)
  source:reuters          source contains reuters (author:, url: alike)
  source:="BBC News"      exactly that source (any case); source:= none
  tag:trade  tag:cli*     tagged trade; tags starting with cli
  after:2021-09-09        published on or after a date (2021-09, 2021 too)
  before:2w  after:7d     ages: d days, w weeks, m months, y years
                          (articles without a publication date count by
                          the date they were added: the search says so)
  is:unread is:read is:starred   has:note has:highlight has:tag
  person:blinken          naming a person (org:, place: alike; entity: any)
  place:"mexico city"     names match loosely: person:blinkn finds Blinken
Misspelt words (4+ letters) find the likeliest nearby words of the library:
Clouthir finds Clouthier. Exact matches rank above typo matches; "did you
mean ...?" offers a likelier word for a rare one (gerard: gerrard).
Any text is safe to type: what cannot be used is ignored and said so."""

ADD_FORMATS = ("text (.txt, .md, .markdown, .text), web pages (.html, .htm), RSS and Atom "
               "feeds (.rss, .atom, .xml), datasets (.json, .jsonl, .ndjson, .csv) and "
               "http(s) URLs")
"""Everything `newsreader add` and the add dialog read (tui.ingest.files.SUPPORTED, and URLs)."""
