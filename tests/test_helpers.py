"""The tests' own helpers can fail: `settle` and `until` raise when what they wait for never
comes, and the e2e tests' `newsreader` runs this checkout."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from textual.app import App
from textual.widgets import Static

from tests.conftest import settle, until
from tests.tmux import ROOT, newsreader_binary


class Idle(App):
    def compose(self):
        yield Static("idle")


async def test_settle_raises_when_its_condition_never_holds():
    async with Idle().run_test() as pilot:
        with pytest.raises(AssertionError, match="still waiting after 0.2 s for a condition"):
            await settle(pilot, lambda: False, timeout=0.2)
        await settle(pilot, lambda: True, timeout=0.2)


async def test_settle_raises_when_a_worker_never_ends():
    app = Idle()
    async with app.run_test() as pilot:
        release = threading.Event()
        app.run_worker(lambda: release.wait(5), thread=True, group="stuck")
        with pytest.raises(AssertionError, match="workers stuck"):
            await settle(pilot, timeout=0.2)
        release.set()
        await settle(pilot)


async def test_until_raises_when_its_condition_never_holds():
    async with Idle().run_test() as pilot:
        with pytest.raises(AssertionError, match="timed out"):
            await until(pilot, lambda: False, timeout=0.1)


def test_the_e2e_newsreader_imports_this_checkout_not_an_installed_copy():
    launcher = newsreader_binary()
    found = subprocess.run(
        [sys.executable, "-c", "import runpy, sys; runpy.run_path(sys.argv[1]); import tui; "
         "print(tui.__file__)", launcher], capture_output=True, text=True, timeout=60, cwd="/")
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == str(ROOT / "tui" / "__init__.py")
    with open(launcher, encoding="utf-8") as script:
        assert script.readline() == f"#!{sys.executable}\n"


def test_no_test_module_imports_another():
    """Shared helpers live in conftest.py, samples.py and httpd.py: a test module that imports
    another runs (and may break with) that module's tests."""
    import ast
    from pathlib import Path

    here = Path(__file__).resolve().parent
    found = []
    for path in sorted(here.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                name = node.module.rpartition(".")[2]
                if name.startswith("test_") and name != path.stem:
                    found.append(f"{path.name}: from {node.module}")
    assert not found
