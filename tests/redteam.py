"""Red team: a hostile library, and every command that prints or exports run against it.

A library can hold text newsreader never cleaned: written by another program, a co-user, an
older version, or restored from someone's backup. This builds one with plain sqlite3 (escape
sequences, C0 and C1 controls, bidi overrides in every text column), runs each command that
prints or exports against it in its own process, and reports every character in 0x00-0x1f
(but newline and tab), 0x7f-0x9f or a bidi control that reaches standard output, standard
error or an exported file, and any output that is not UTF-8.

    python -m tests.redteam [--keep FOLDER]      # prints what leaked; exit code 1 if anything

tests/test_redteam.py runs it.
"""

from __future__ import annotations

import argparse
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = "import sys; from tui.cli import main; sys.argv[0] = 'newsreader'; main()"

PAYLOAD = (
    "\x1b]0;PWNED\x07"  # set the window title
    "\x1b]52;c;cHduZWQ=\x07"  # fill the clipboard (OSC 52)
    "\x1b[2J\x1b[31m"  # clear the screen, go red
    "\x1bPtmux;\x1b\x1b]2;x\x07\x1b\\"  # DCS passthrough to the outer terminal
    "\x9b31m\x9d0;c1\x9c"  # 8-bit CSI and OSC
    "\x00\x08\r\x0b\x7f"  # NUL, backspace, carriage return, VT, DEL
    "\u202eevil\u202c\u2066x\u2069\u200f\u061c"  # bidi overrides, isolates and marks
)
"""Everything a terminal could act on, in one string."""
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

WORD = "saffron"
"""A word in every title and body, to search for."""
TAG = "redteam"
SKIPPED_COLUMNS = {("annotations", "kind")}
"""Text columns left as they are: a CHECK constraint allows only 'note' and 'highlight'."""


@dataclass
class Leak:
    """Something a terminal could act on, found where it must not be."""

    where: str
    """The command and stream (`list: stdout`), or the exported file."""
    found: str
    """The offending characters, spelt out, or why the output is not text."""


def build(folder: Path) -> Path:
    """A hostile library in `folder`: made by newsreader, then poisoned with sqlite3."""
    folder.mkdir(parents=True, exist_ok=True)
    story = folder / "story.txt"
    story.write_text(
        f"Saffron trade talks\n\nThe {WORD} talks resumed in Mexico City on Thursday. "
        "Antony Blinken met Marcelo Ebrard to discuss the border.\n\n"
        f"A second paragraph about {WORD} and trade.\n", encoding="utf-8")
    path = folder / "hostile.db"
    for args in (["add", str(story)], ["tag", "1", TAG],
                 ["note", "1", "A note on the talks", "--tag", TAG],
                 ["note", "1", "A highlight", "--quote", f"The {WORD} talks resumed"],
                 ["search", WORD, "--save", "weekly"]):
        done = newsreader(path, folder, *args)
        if done.returncode != 0:
            raise RuntimeError(f"could not build the library ({args}): {done.stderr}")
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO feeds (url, title, added) VALUES (?, ?, ?)",
                     (f"http://127.0.0.1:9/feed{PAYLOAD}", f"Feed {PAYLOAD}",
                      "2024-01-01T00:00:00Z"))
        poison(conn)
    return path


def poison(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """Put `PAYLOAD` around the value of every text column of every table (the full-text
    index follows through its triggers); returns the `(table, column)` pairs changed."""
    tables = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        " AND name NOT LIKE 'articles_fts%' AND name NOT LIKE 'sqlite_%'")]
    changed = []
    for table in tables:
        for column in conn.execute(f'PRAGMA table_info("{table}")').fetchall():
            name, kind = column[1], column[2].upper()
            if (kind and "TEXT" not in kind) or (table, name) in SKIPPED_COLUMNS:
                continue
            if table == "meta":  # counters and caches: poison the text of the caches only
                conn.execute(f"UPDATE meta SET {name} = ? || {name} WHERE key LIKE '%:%'",
                             (PAYLOAD,))
            else:
                # Dates keep their first ten characters (what lists show), then the payload.
                conn.execute(f'UPDATE "{table}" SET "{name}" = ? || "{name}" || ?',
                             ("" if name in ("published", "added", "created") else PAYLOAD,
                              PAYLOAD))
            changed.append((table, name))
    return changed


def commands(folder: Path) -> list[list[str]]:
    """Every command that prints or exports, with the options that change what it prints."""
    in_argv = PAYLOAD.replace("\x00", "")  # the one character a command line cannot hold
    hostile_file = folder / f"dropped{in_argv}.txt"
    hostile_file.write_text(f"Dropped {PAYLOAD} title\n\n{PAYLOAD} about {WORD}.\n",
                            encoding="utf-8")
    return [
        ["list"], ["list", "--json"], ["list", "--sort", "title"],
        ["show", "1"], ["show", "1", "--json"],
        ["search", WORD], ["search", WORD, "--json"], ["search", f"tag:{TAG}*"],
        ["search", "talks", "--sort", "title", "--limit", "5"],
        ["searches"], ["searches", "--json"],
        ["tag", "1"], ["tag", "1", "--json"], ["tag", "1", "fresh"],
        ["notes"], ["notes", "--json"], ["notes", "--search", "note"],
        ["quote", "1", "-s", "1"], ["quote", "1", "-s", "1", "--style", "plain"],
        ["quote", "1", "-s", "2", "--style", "citation"], ["quote", "1", "-s", "1", "--paragraph"],
        ["export", "--output", str(folder / "vault")], ["export", "--format", "json"],
        ["export", "--format", "json", "--output", str(folder / "notes.json")],
        ["entities", "--top"], ["entities", "--top", "--json"],
        ["entities", str(hostile_file)], ["entities", str(hostile_file), "--json"],
        ["feeds", "list"], ["feeds", "list", "--json"],
        ["update"], ["update", "--json"],
        ["stats"], ["stats", "--json"],
        ["backup", str(folder / "copy.db"), "--force"],
        ["add", str(hostile_file)], ["add", str(hostile_file), "--json"],
        ["show", "2"], ["show", "99"], ["note", "1", f"{in_argv} noted"],
        ["show", "1", "--format", "markdown"], ["review"], ["review", "--json"],
        ["rules", "test", WORD], ["rules", "test", WORD, "--json"],
    ]


def newsreader(db: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    """Run `newsreader --db DB ARGS...` from this source tree, capturing bytes."""
    env = {**os.environ, "HOME": str(home), "NEWSREADER_CONFIG": str(home / "none.toml"),
           "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")}
    for name in ("NEWSREADER_DB", "NEWSREADER_DEBUG", "TMUX", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "-c", CLI, "--db", str(db), *args], cwd=ROOT,
                          env=env, capture_output=True, timeout=120)


def leaks(where: str, data: bytes) -> list[Leak]:
    """What in `data` a terminal could act on."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [Leak(where, f"not UTF-8 ({exc})")]
    found = sorted(set(FORBIDDEN.findall(text)))
    return [Leak(where, "".join(c.encode("unicode_escape").decode() for c in found))] \
        if found else []


def attack(folder: Path) -> tuple[list[Leak], int]:
    """Build the library, run every command; returns the leaks and how many outputs were
    checked."""
    path = build(folder)
    found: list[Leak] = []
    checked = 0
    for args in commands(folder):
        done = newsreader(path, folder, *args)
        # Spelt out: the report itself must not carry the payload to a terminal.
        name = " ".join(args).replace(str(folder), "…").encode("unicode_escape").decode()
        if b"Traceback" in done.stderr:
            found.append(Leak(f"{name}: stderr", "a traceback"))
        for stream, data in (("stdout", done.stdout), ("stderr", done.stderr)):
            found += leaks(f"{name}: {stream}", data)
            checked += 1
    for exported in [*sorted((folder / "vault").glob("*.md")), folder / "notes.json"]:
        found += leaks(str(exported.relative_to(folder)), exported.read_bytes())
        checked += 1
    return found, checked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", type=Path, help="Build and keep everything in this folder.")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        found, checked = attack(args.keep or Path(scratch))
    for leak in found:
        print(f"LEAK {leak.where}: {leak.found}")
    print(f"{checked} outputs checked, {len(found)} leaks")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
