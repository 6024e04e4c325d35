"""The import contract: how the house's layers may call each other, read from the source with
`ast` (every import, at the top of a module or inside a function).

    faces:  tui/cli/ (click)         tui/app.py, screens/, widgets/, commands, themes,
                                     terminal (Textual)
    core:   tui/api/    ->  search, ingest, entities, annotations, quotes, clipboard,
            export, segment, ...  ->  tui/storage (the only SQL)  ->  text, models, config
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TUI = ROOT / "tui"

FACES = ("tui.cli", "tui.app", "tui.screens", "tui.widgets", "tui.commands", "tui.themes",
         "tui.terminal", "tui.entry")
"""What a person drives: the command line (`tui.entry` is the `newsreader` command: its lean
`search --json` path reads through `tui.search` and `tui.storage` directly, to skip loading
what other commands need) and the Textual app."""
CLI_MAY_IMPORT = ("tui.api", "tui.config", "tui.text", "tui.cli", "tui.app", "tui.entry")
"""The command line calls the core through `tui.api` alone (`tui.app` only to open the
reader; `tui.entry`, the `newsreader` command, for the search options both read)."""
SQL = re.compile(
    r"\b(SELECT\b[\s\S]*\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|"
    r"CREATE\s+(TABLE|INDEX|VIRTUAL|TRIGGER|UNIQUE)|DROP\s+(TABLE|INDEX|TRIGGER)|PRAGMA\s+\w|"
    r"MATCH\s+\?)")
"""SQL statements (or the FTS MATCH clause) in a string literal."""


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, tuple[Path, ast.Module]]:
    return {module_name(p): (p, ast.parse(p.read_text(encoding="utf-8"), str(p)))
            for p in sorted(TUI.rglob("*.py"))}


MODULES = modules()


def imports(name: str) -> set[str]:
    """Every module `name` imports (relative imports resolved; `from x import y` gives
    both x and x.y, since y may be a module)."""
    path, tree = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            found.add(origin)
            found.update(f"{origin}.{alias.name}" for alias in node.names)
    return found


def is_face(name: str) -> bool:
    return any(name == face or name.startswith(face + ".") for face in FACES)


def within(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


CORE = sorted(name for name in MODULES if not is_face(name))


def test_the_layers_are_all_seen():
    assert {"tui.api", "tui.storage.library", "tui.search", "tui.cli.notes", "tui.app"} <= set(
        MODULES)


@pytest.mark.parametrize("name", CORE)
def test_no_textual_below_the_faces(name):
    assert not {m for m in imports(name) if m == "textual" or m.startswith("textual.")}


@pytest.mark.parametrize("name", CORE)
def test_the_core_imports_no_face(name):
    assert not {m for m in imports(name) if m.startswith("tui.") and is_face(m)}


@pytest.mark.parametrize("name", [n for n in MODULES if within(n, ("tui.cli",))])
def test_the_command_line_calls_the_api_and_nothing_below(name):
    below = {m for m in imports(name) if m.startswith("tui.") or m == "tui"}
    assert not {m for m in below if m != "tui" and not within(m, CLI_MAY_IMPORT)}


@pytest.mark.parametrize("name", [n for n in MODULES if within(n, ("tui.storage",))])
def test_storage_does_not_import_ingest_or_search(name):
    assert not {m for m in imports(name) if within(m, ("tui.ingest", "tui.search"))}


@pytest.mark.parametrize("name", [n for n in MODULES if not within(n, ("tui.storage",))])
def test_no_sql_outside_storage(name):
    """Only `tui/storage` writes SQL: no `execute(` call and no SQL statement in a string
    anywhere else (the faces included)."""
    path, tree = MODULES[name]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in ("execute", "executemany", "executescript"):
            found.append(f"{path.name}:{node.lineno}: .{node.func.attr}(")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                SQL.search(node.value):
            found.append(f"{path.name}:{node.lineno}: {node.value[:60]!r}")
    assert not found


def test_the_sql_rule_sees_sql():
    assert SQL.search("SELECT id FROM articles")
    assert SQL.search("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
    assert not SQL.search("Select the text, then press enter to copy it from the list")
