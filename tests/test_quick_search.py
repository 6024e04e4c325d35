"""`newsreader search ... --json` takes a lean path (tui/entry.py) past click: the same JSON,
the same errors and exit codes as the click command, for every kind of query."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS, make_article

ROOT = Path(__file__).resolve().parents[1]
LEAN = "import sys; sys.argv[0] = 'newsreader'; from tui.entry import main; main()"
FULL = "import sys; sys.argv[0] = 'newsreader'; from tui.cli import main; main()"
CHECK_LEAN = (
    "import sys; from tui.entry import quick_search; code = quick_search(sys.argv[1:]); "
    "print('LEAN', code, file=sys.stderr)"
)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    """A library with words, phrases, sources, authors, tags, names and a typo to find."""
    from tui.ingest import add_sources
    from tui.storage import Library

    path = tmp_path_factory.mktemp("quick") / "library.db"
    with Library(path) as library:
        add_sources(library, [str(SEEDS)], max_bytes=10_000_000, workers=1)
        library.articles.upsert([
            make_article(title="Harbour ferry strike", body="The harbour ferry strike ended "
                         "when Maria Lopez met the union.\n\nFerries run again.",
                         source="Coast News", author="Ann Reyes", url="https://e.com/1",
                         published="2024-03-01"),
            make_article(title="Ferry timetable", body="New ferry times for the harbour; the "
                         "strike is over. Cafés reopen.", source="Coast News",
                         url="https://e.com/2", published="2024-03-02"),
            make_article(title="Budget vote", body="The council voted on the budget. Harbour "
                         "fees rise.", source="City Desk", author="Bo Chen",
                         url="https://e.com/3", published="2023-11-20"),
        ])
        ids = sorted(library.articles.ids())
        library.notes.tag_articles(ids[-2:], ["ports"])
        library.vocabulary.refresh()
    with Library(path) as library:  # what has: and is: look for
        ids = _ids(path)
        first, strike, timetable, budget = (ids[title] for title in (
            "US, Mexico resume high-level trade talks halted during Trump era",
            "Harbour ferry strike", "Ferry timetable", "Budget vote"))
        library.notes.add_note(strike, "ask the union")
        library.notes.add_highlight(budget, 0, 7)
        library.marks.set_flags([first, timetable], "starred", True)
        library.marks.set_flags([strike], "read", True)
    return path


def _ids(path: Path) -> dict[str, int]:
    """Each article's id by its title."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return {title: id for id, title in conn.execute("SELECT id, title FROM articles")}
    finally:
        conn.close()


QUERIES = [
    # words, prefixes, case and diacritics, scripts
    ["harbour"], ["harbour", "ferry"], ["Mexico"], ["negoti*"], ["trad*", "talks"], ["cafes"],
    ["café"], ["日本"], ["mexico"], ["trade", "talks"], ["zzzqxj"],
    # phrases, alone and with words, in a column
    ['"ferry strike"'], ['"high-level trade talks"', "mexico"], ['title:"ferry strike"'],
    ["title:ferry"], ["body:union"],
    # typos: unknown words, rare words ("did you mean"), a word cut short
    ["ferri"], ["harbur"], ["Clouthir"], ["negotiatons"], ["timetabl"], ["hhhharbour"],
    # filters: entities (as typed, loosely, none), source, author, url, tags
    ["person:lopez"], ["person:blinkn"], ["person:nobody"], ["org:reuters"],
    ["place:mexico"], ['place:"mexico city"'], ["entity:ebrard"], ["person:lopez", "ferry"],
    ["source:coast"], ['source:"City Desk"'], ['source:="Coast News"'], ["source:="],
    ["by:reyes"], ["author:chen"], ["url:e.com"], ["tag:ports"], ["tag:por*"], ["tag:none"],
    # dates: a day, a month, a year, ranges, ages, nonsense
    ["ferry", "after:2024-03-02"], ["before:2024-01-01"], ["after:2024-03", "harbour"],
    ["after:2023", "before:2024-03-02"], ["after:2024-03-01", "before:2024-03-02"],
    ["before:2w"], ["after:7d", "harbour"], ["after:notadate"], ["after:2024-13-45"],
    # has: and is:
    ["has:note"], ["has:highlight"], ["has:tag"], ["has:url"], ["has:nothing"],
    ["is:unread", "harbour"], ["is:read"], ["is:starred"], ["is:unstarred"], ["is:bogus"],
    # boolean words, negation, groups
    ["ferry", "OR", "budget"], ["harbour", "NOT", "ferry"], ["NOT", "harbour"],
    ["(harbour", "OR", "budget)", "NOT", "strike"], ["harbour", "NOT", "tag:ports"],
    ["NOT", "tag:ports"], ["tag:ports", "OR", "person:lopez"], ["harbour", "AND", "ferry"],
    # broken or hostile input
    ['"unclosed'], ["(harbour"], ["harbour)"], ["((((((((((harbour))))))))))"], ["AND"],
    ["OR"], [""], ["*"], ['""'], ["title:"], [":"], ["\x1b[31mred"], ["x" * 300],
    ["a"] * 40,
    # options, in each spelling, with filters too
    ["harbour", "--limit", "1"], ["harbour", "-n", "2"], ["harbour", "-n1"],
    ["harbour", "--limit=2"], ["harbour", "--sort", "newest"], ["harbour", "--sort=title"],
    ["harbour", "--sort", "oldest", "-n", "5"], ["tag:ports", "--sort", "title"],
    ["person:lopez", "--sort", "oldest"], ["has:note", "-n", "1"],
    ["harbour", "--limit", "99999999999999999999"],
]
"""Every kind of query: words, phrases, columns, typos, every filter, dates, has: and is:,
boolean words and negation, broken input, options in each spelling."""

REFUSED = [
    ["harbour", "--limit", "0"], ["harbour", "--limit", "x"], ["harbour", "--sort", "best"],
    ["harbour", "-n"], ["harbour", "--limit", "-3"], ["harbour", "--save", "s"],
    ["harbour", "--", "-ferry"], ["harbour", "-ferry"], ["-ferry", "harbour"], ["--help"], [],
    ["harbour", "--sort"], ["harbour", "--limit", ""], ["harbour", "--sort", "NEWEST"],
]
"""What the lean path leaves to click: its usage errors, --save, --help, options it does not
know (a query word starting with `-`)."""


def run(code: str, args: list[str], db: Path | str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, "--db", str(db), "search", *args],
                          capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize("args", QUERIES, ids=" ".join)
def test_the_lean_path_prints_what_the_click_command_prints(db, args):
    args = [*args, "--json"]
    lean, full = run(LEAN, args, db), run(FULL, args, db)
    assert (lean.returncode, lean.stdout, lean.stderr) == (
        full.returncode, full.stdout, full.stderr)
    assert lean.returncode == 0 and lean.stdout.startswith("{")
    # ... and it was the lean path that printed it.
    assert run(CHECK_LEAN, args, db).stderr.splitlines()[-1] == "LEAN 0"


@pytest.mark.parametrize("args", REFUSED, ids=" ".join)
def test_what_the_lean_path_does_not_know_goes_to_click(db, args):
    args = [*args, "--json"] if args else args
    lean, full = run(LEAN, args, db), run(FULL, args, db)
    assert (lean.returncode, lean.stdout, lean.stderr) == (
        full.returncode, full.stdout, full.stderr)
    assert run(CHECK_LEAN, args, db).stderr.splitlines()[-1] == "LEAN None"


@pytest.mark.parametrize("where", ["missing", "folder", "damaged", "newer"])
def test_errors_read_and_exit_as_the_click_command_says_them(db, tmp_path, where):
    import sqlite3

    path = tmp_path / "library.db"
    if where == "folder":
        path.mkdir()
    elif where == "damaged":
        path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    elif where == "newer":
        path.write_bytes(db.read_bytes())
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA user_version = 999")
    args = ["harbour", "--json"]
    lean, full = run(LEAN, args, path), run(FULL, args, path)
    assert (lean.returncode, lean.stdout, lean.stderr) == (
        full.returncode, full.stdout, full.stderr)
    assert lean.returncode == (2 if where == "folder" else 1)  # a folder: click's usage error
    assert "Traceback" not in lean.stderr and lean.stderr.count("\n") <= 4


def test_a_read_only_library_says_so_after_the_results(db, tmp_path):
    import os

    if os.geteuid() == 0:
        pytest.skip("root writes any file: no read-only library to open")
    path = tmp_path / "shared.db"
    path.write_bytes(db.read_bytes())
    path.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        lean, full = run(LEAN, ["harbour", "--json"], path), run(FULL, ["harbour", "--json"], path)
    finally:
        tmp_path.chmod(0o755)
    assert (lean.returncode, lean.stdout, lean.stderr) == (
        full.returncode, full.stdout, full.stderr)
    assert "read-only" in lean.stderr


def test_the_lean_path_loads_no_command_line_nor_app(db):
    """(rapidfuzz loads here: in a library this small every word is rare enough to be asked
    "did you mean"; test_project.py checks a search that needs none.)"""
    code = ("import sys\nfrom tui.entry import main\n"
            f"sys.argv = ['newsreader', '--db', {str(db)!r}, 'search', 'harbour', '--json']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "slow = ('click', 'textual', 'rich.console', 'tui.cli', 'tui.ingest.pipeline', "
            "'tui.entities', 'tui.annotations', 'tui.atomic', 'socket', 'tui.config', "
            "'dataclasses', 'inspect', 'tui.quotes')\n"
            "print([m for m in slow if m in sys.modules], file=sys.stderr)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stderr.splitlines()[-1] == "[]", out.stderr


SPELLINGS = {
    "absolute": "{home}/lib/library.db", "relative": "lib/library.db",
    "dots": "./lib/./library.db", "two slashes": "lib//library.db", "home": "~/lib/library.db",
    "environment": "env:{home}/lib/library.db", "environment, home": "env:~/lib/library.db",
    "environment, relative": "env:./lib/library.db",
    "environment, missing": "env:{home}/lib/nothing.db", "home, missing": "~/nothing.db",
}
"""How a library's path may be given (`--db`, or `env:` for NEWSREADER_DB): written plainly,
the lean path opens it without making a Path; otherwise through one, as the click command
line does."""


@pytest.mark.parametrize("spelling", SPELLINGS, ids=str)
def test_a_library_path_in_any_spelling_opens_as_the_click_command_opens_it(
        db, tmp_path, spelling):
    import os
    import shutil

    home = tmp_path / "home"
    (home / "lib").mkdir(parents=True)
    shutil.copy(db, home / "lib" / "library.db")
    given = SPELLINGS[spelling].format(home=home)
    env = {**os.environ, "HOME": str(home), "PYTHONPATH": str(ROOT)}
    env.pop("NEWSREADER_DB", None)
    if given.startswith("env:"):
        env["NEWSREADER_DB"], options = given[len("env:"):], []
    else:
        options = ["--db", given]

    def run_here(code: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", code, *options, "search", "harbour",
                               "--json"], capture_output=True, text=True, cwd=home, env=env)

    lean, full = run_here(LEAN), run_here(FULL)
    assert (lean.returncode, lean.stdout, lean.stderr) == (
        full.returncode, full.stdout, full.stderr)
    if "missing" in spelling:
        assert lean.returncode == 1 and "no library at" in lean.stderr
        assert run_here(CHECK_LEAN).stderr.splitlines()[-1] == "LEAN None"  # click said so
    else:
        assert lean.returncode == 0 and '"total": 3' in lean.stdout
        assert run_here(CHECK_LEAN).stderr.splitlines()[-1] == "LEAN 0"


def test_a_library_of_an_older_schema_is_upgraded_then_searched_as_by_click(tmp_path):
    """The lean path opens a library as every command does: one that needs an upgrade gets it
    (the same migrations, in the same transaction), then the same results."""
    import json

    from tests.library_checks import load, raw
    from tui.storage import SCHEMA_VERSION

    copies = [load("schema2.sql", tmp_path / f"{name}.db") for name in ("lean", "full", "ran")]
    assert {raw(path)[0] for path in copies} == {2}
    args = ["talks", "--json"]
    lean, full = run(LEAN, args, copies[0]), run(FULL, args, copies[1])
    assert (lean.returncode, lean.stdout, lean.stderr) == (
        full.returncode, full.stdout, full.stderr)
    assert lean.returncode == 0 and json.loads(lean.stdout)["total"] == 1
    assert run(CHECK_LEAN, args, copies[2]).stderr.splitlines()[-1] == "LEAN 0"
    assert {raw(path)[0] for path in copies} == {SCHEMA_VERSION}
