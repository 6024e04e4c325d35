"""Two threads importing into tui.search at once must not meet half-made modules.

The app imports the search package lazily, from several threads: the UI thread on the first
search, the vocabulary worker as the first rows show, the warm-up (the palette's providers)
and the saved-search counts. A thread importing a submodule by its dotted name
(`from .search.typo import CACHE`) does not wait for the package while another thread runs
its `__init__`: it takes the submodule's import lock, and the submodule's own `from . import
...` then waits for the package, whose `__init__` waits for that submodule. Python breaks the
cycle by handing one side a partly made module, and the app said "saved failed: cannot import
name 'fold' from partially initialized module 'tui.search.typo'" (seen in the tmux
concurrency test and over ssh). Importing the package first (`from .search import typo`)
waits for the other thread's `__init__` to finish, so every lazy import from outside the
package takes that form.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tui"


def dotted_imports_into_search(package_dir: Path = PACKAGE) -> list[str]:
    """Imports of a tui.search module by its dotted name, from outside the package."""
    found = []
    for path in sorted(package_dir.rglob("*.py")):
        relative = path.relative_to(package_dir.parent).with_suffix("")
        if relative.parts[:2] == ("tui", "search"):
            continue  # inside the package, its own modules import each other freely
        package = list(relative.parts[:-1])  # an __init__'s package is its own folder
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package[:len(package) - (node.level - 1)] if node.level else []
                names = [".".join([*base, *(node.module or "").split(".")]).strip(".")]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            found += [f"{relative}:{node.lineno} {name}" for name in names
                      if name.startswith("tui.search.")]
    return found


def test_code_outside_the_search_package_imports_its_modules_through_the_package():
    assert dotted_imports_into_search() == []


RACE = """
import importlib.abc, sys, threading, time

inside = threading.Event()

class Slow(importlib.abc.MetaPathFinder):
    # Holds thread A inside tui.search's __init__ while B imports.
    def find_spec(self, name, path, target=None):
        if name == "tui.search.about" and threading.current_thread().name == "A":
            inside.set()
            time.sleep(0.4)
        return None

sys.meta_path.insert(0, Slow())
import tui.models, tui.storage  # what the app has loaded by then
errors = []

def a():
    try:
        import tui.search
    except Exception as exc:
        errors.append(f"A: {exc}")

def b():
    inside.wait(5)
    try:
        from tui.search import typo, names
        typo.CACHE, names.NAMES
    except Exception as exc:
        errors.append(f"B: {exc}")

threads = [threading.Thread(target=a, name="A"), threading.Thread(target=b, name="B")]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(errors or "ok")
"""


@pytest.mark.parametrize("attempt", range(3))
def test_a_submodule_imported_through_the_package_waits_for_its_init(attempt):
    result = subprocess.run([sys.executable, "-c", RACE], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
