"""No byte a terminal would act on leaves newsreader, whatever the library holds: the red team
(tests/redteam.py) against every command that prints or exports, and the rule that makes it
hold (every line goes through one helper that cleans it)."""

from __future__ import annotations

import ast
import json
import re
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from tests.redteam import PAYLOAD, attack, build, leaks
from tui.cli import cli, say
from tui.text import _JSON_UNSAFE, _JsonEscapes, json_text, terminal_text

CLI_DIR = Path(__file__).resolve().parent.parent / "tui" / "cli"


def test_no_command_lets_anything_through(tmp_path):
    found, checked = attack(tmp_path)
    assert found == []
    assert checked >= 80  # every command's stdout and stderr, the vault and the JSON file
    assert len(list((tmp_path / "vault").glob("*.md"))) == 1


def test_the_library_really_is_hostile(tmp_path):
    """The attack is real: every text column holds the raw payload, and the checker sees it."""
    path = build(tmp_path)
    with sqlite3.connect(path) as conn:
        title, body, url = conn.execute("SELECT title, body, url FROM articles").fetchone()
        note, tag = conn.execute(
            "SELECT text, (SELECT name FROM tags LIMIT 1) FROM annotations").fetchone()
    for value in (title, body, url, note, tag):
        assert PAYLOAD in value
    assert leaks("sample", PAYLOAD.encode())
    assert leaks("sample", b"caf\xe9")  # not UTF-8
    assert not leaks("sample", "tab\tand\nnewline, U+FFFD \ufffd".encode())


def test_the_command_line_prints_only_through_say():
    """One helper writes every line (`say`, and `emit_json` for --json): a new command cannot
    forget to clean what it prints."""
    allowed = {"say", "emit_json"}
    offenders = []
    for path in sorted(CLI_DIR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef) or function.name in allowed:
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Call):
                    name = ast.unparse(node.func)
                    if name in ("click.echo", "print", "click.secho") or name.endswith(
                            ("stdout.write", "stderr.write")):
                        offenders.append(f"{path.name}:{node.lineno} {name}")
    assert offenders == []


def test_say_cleans_and_keeps_bold_on_the_words(monkeypatch):
    import click

    printed = []
    monkeypatch.setattr(click, "echo", lambda message, **kwargs: printed.append(message))
    say("a\x1b]0;x\x07 hit\tend", bold=[(8, 11)])
    say("50%", err=True, nl=False, overwrite=True)
    assert printed == ["a\ufffd]0;x\ufffd \x1b[1mhit\x1b[0m\tend", "\r\x1b[K50%"]


def test_terminal_text_and_json_text():
    text = "a\x1b[2Jb\x9b1m\u202ec\ud800\x7f\td\n"
    assert terminal_text(text) == "a\ufffd[2Jb\ufffd1m\ufffdc\ufffd\ufffd\td\n"
    assert len(terminal_text(text)) == len(text)
    dumped = json_text({"k": text})
    assert json.loads(dumped) == {"k": text}
    assert not leaks("json", dumped.encode("utf-8", "surrogatepass").replace(b"\xed\xa0\x80", b""))
    assert "\\u009b" in dumped and "\\u202e" in dumped and "\\ud800" in dumped


def test_json_text_escapes_exactly_what_its_class_names():
    """`json_text` escapes by a table filled as characters are met (no regex to compile on a
    one-off search): over every code point it escapes exactly what `_JSON_UNSAFE` matches."""
    every = "".join(chr(code) for code in range(0x110000))
    expected = re.compile(_JSON_UNSAFE).sub(lambda m: f"\\u{ord(m.group()):04x}", every)
    assert every.translate(_JsonEscapes(_JSON_UNSAFE)) == expected
    assert json_text([every]) == re.compile(_JSON_UNSAFE).sub(
        lambda m: f"\\u{ord(m.group()):04x}", json.dumps([every], ensure_ascii=False, indent=2))


def test_json_output_escapes_c1_and_bidi(tmp_path):
    db = tmp_path / "lib.db"
    runner = CliRunner()
    story = tmp_path / "story.txt"
    story.write_text("Plain title\n\nPlain body.\n")
    assert runner.invoke(cli, ["--db", str(db), "add", str(story)]).exit_code == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE articles SET title = ?", ("Title \u202e\x9b31m",))
    out = runner.invoke(cli, ["--db", str(db), "list", "--json"]).output
    assert "\u202e" not in out and "\x9b" not in out
    assert json.loads(out)[0]["title"] == "Title \u202e\x9b31m"
