"""Build a small library with an OLD newsreader's own code and print it as a SQL text dump.

The upgrade tests (tests/test_upgrade.py) load these dumps and open them with the current code.
Run it against a checkout of the old commit, which must come first on the path:

    git worktree add --detach /tmp/oldnr <commit>
    PYTHONPATH=/tmp/oldnr python scripts/build_old_library.py > tests/fixtures/libraries/schemaN.sql

It only uses what every version since the first has (`Library`, `add_sources`), plus tags,
notes, highlights, flags and a saved search when the old library has them (schema 2 on).
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

STORIES = {
    "trade.txt": (
        "US and Mexico resume trade talks\n\n"
        "Secretary of State Antony Blinken met Mexican officials in Mexico City on Thursday.\n\n"
        "The talks covered one billion dollars of trade that crosses the shared border "
        "every day, officials said."
    ),
    "budget.md": (
        "Treasury sets out the spring budget\n\n"
        "The Chancellor told Parliament in London that borrowing would fall next year.\n\n"
        "Economists at the Bank of England said the figures were cautious."
    ),
    "harbour.txt": (
        "Café owners in Ébrard Street welcome the new harbour ferry\n\n"
        "The ferry links the old port with the station, and runs every twenty minutes.\n\n"
        "Local councillor Maria Gonzalez said the service would bring visitors back."
    ),
}


def build(folder: Path) -> sqlite3.Connection:
    """Make the library with the old code; return a plain connection to it for the dump."""
    from tui.ingest import add_sources
    from tui.storage import Library

    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = folder / "library.db"
    library = Library(path)
    add_sources(library, [str(folder / name) for name in STORIES], max_bytes=10_000_000)
    ids = {library.get_article(i).title: i for i in library.ids()}
    trade = ids["US and Mexico resume trade talks"]
    budget = ids["Treasury sets out the spring budget"]
    library.set_flag(trade, "starred", True)
    library.set_flag(budget, "read", True)
    if hasattr(library, "tag_articles"):  # schema 2: tags, notes, highlights, saved searches
        library.tag_articles([trade], ["trade", "Foreign Policy"])
        library.tag_articles([trade, budget], ["to-read"])
        library.add_note(trade, "Compare with the 2013 talks", tags=["follow-up"])
        library.add_note(trade, "The key figure", quote="one billion dollars of trade")
        body = library.get_article(budget).body
        start = body.index("borrowing would fall")
        library.add_highlight(budget, start, start + len("borrowing would fall"),
                              text="a promise to check", tags=["economy"])
        library.save_search("talks", "trade talks")
    library.close()
    return sqlite3.connect(path)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        conn = build(Path(tmp))
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        out = sys.stdout
        out.write(f"-- A schema {version} newsreader library, built by scripts/build_old_library.py\n")
        out.write(f"PRAGMA user_version = {version};\n")
        # iterdump also writes a virtual table's rows as INSERTs, which cannot load (the table
        # is not created yet) and would index every row twice: its shadow tables hold it all.
        virtual = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")]
        for statement in conn.iterdump():
            if not any(statement.startswith(f'INSERT INTO "{name}" ') for name in virtual):
                out.write(statement + "\n")
        conn.close()


if __name__ == "__main__":
    main()
