"""The project's promises about itself: README and CI agree, the core never imports Textual."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def readme_test_command() -> str:
    text = (ROOT / "README.md").read_text()
    block = re.search(r"<!-- test-command -->\s*```sh\n(.+?)\n```", text, re.S)
    assert block, "README lost its marked test command"
    return block.group(1).strip()


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    found = re.search(r'^TEST_COMMAND="(.+)"$', ci, re.M)
    assert found, ".ci/run lost its TEST_COMMAND line"
    assert found.group(1) == readme_test_command()
    assert 'bash -c "$TEST_COMMAND"' in ci


def test_quick_start_has_exactly_two_commands():
    text = (ROOT / "README.md").read_text()
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.+?)\n```", quick, re.S)
    assert len(commands) == 2 and all("\n" not in c for c in commands)
    assert commands[0].rstrip().endswith("newsreader")


CORE = ["tui.storage", "tui.search", "tui.ingest", "tui.config", "tui.models", "tui.cli",
        "tui.segment", "tui.annotations", "tui.quotes", "tui.clipboard", "tui.export",
        "tui.entities", "tui.atomic", "tui.document", "tui.external", "tui.rules",
        "tui.highlights", "tui.undo"]


@pytest.mark.parametrize("module", CORE)
def test_core_never_imports_textual(module):
    code = f"import sys, {module}; print(any(m.split('.')[0] == 'textual' for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


SLOW_IMPORTS = ["textual", "sqlite_utils", "httpx", "trafilatura", "feedparser", "lxml",
                "importlib.metadata", "rapidfuzz", "tui.entities", "tui.ingest.pipeline",
                "tui.ingest.files", "tui.ingest.feeds", "tui.ingest.html"]
"""Modules the reading commands start without (issue 9): each costs from 3 ms to 150 ms, and
`newsreader search` is meant to beat `rg` over the same articles. ("x" is too short to have
typos, so this search needs no rapidfuzz either.)"""
LEAN_SKIPS = ["click", "tui.cli", "rich", "tui.annotations", "tui.atomic", "socket",
              "pathlib", "typing", "urllib.parse", "tui.storage.marks",
              "tui.storage.feeds", "tui.storage.backup", "tui.storage.saved"]
"""... and `search --json`, which goes past click (tui/entry.py, issue 23), without these:
nor the parts of a library a search does not use (each is made when first used)."""


@pytest.mark.parametrize("args", [["search", "x"], ["search", "x", "--json"], ["list"],
                                  ["show", "1"], ["searches"], ["--help"]], ids=" ".join)
def test_reading_commands_start_without_slow_imports(args, tmp_path):
    from tests.conftest import SEEDS
    from tui.ingest import add_sources
    from tui.storage import Library

    db = tmp_path / "library.db"
    with Library(db) as library:
        add_sources(library, [str(SEEDS)], max_bytes=10_000_000)
    code = (
        "import sys\nfrom tui.entry import main\n"
        f"sys.argv = ['newsreader', '--db', {str(db)!r}, *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        f"print([m for m in {SLOW_IMPORTS + (LEAN_SKIPS if '--json' in args else [])!r} "
        "if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[-1] == "[]"


def test_version_option_reads_the_package_metadata():
    from click.testing import CliRunner

    from tui import config
    from tui.cli import cli

    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"newsreader, version {config.version()}\n"


def test_version_lives_in_package_metadata_only():
    from tui import config

    assert re.match(r"\d+\.\d+", config.version())
    sources = "\n".join(p.read_text() for p in (ROOT / "tui").rglob("*.py"))
    assert "__version__" not in sources


def test_seed_is_byte_for_byte_and_ships_in_the_wheel(tmp_path):
    seed = ROOT / "seeds" / "000_cfe1045a203737ce.txt"
    assert seed.stat().st_size == 3356
    pytest.importorskip("hatchling")
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stderr
    wheel = next(tmp_path.glob("newsreader-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        assert zf.read("tui/seeds/000_cfe1045a203737ce.txt") == seed.read_bytes()
        assert "tui/app.tcss" in zf.namelist()


def test_installing_the_project_prints_no_warning():
    """`pip install .` with the venv the README makes prints no warning (issue 16). Resolved
    offline against what this venv holds: a pip older than 23.3 (Python 3.11's own, when the
    venv is made without --upgrade-deps) says "lxml ... does not provide the extra
    'html_clean'" about justext's requirement."""
    pytest.importorskip("hatchling")
    out = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index",
         "--no-build-isolation", str(ROOT)],
        capture_output=True, text=True, timeout=300,
        # Only pip's defaults: no machine-wide index or constraints file of this computer.
        env={**os.environ, "PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    assert out.returncode == 0, out.stderr
    warnings = [line for line in (out.stdout + out.stderr).splitlines() if "WARNING" in line]
    assert warnings == [], (f"{warnings}: this venv's pip is too old; make it as the README "
                            "says (python3 -m venv --upgrade-deps)")


def test_the_readme_makes_venvs_whose_pip_installs_silently():
    text = (ROOT / "README.md").read_text()
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.+?)\n```", quick, re.S)
    assert all(c.startswith("python3 -m venv --upgrade-deps .venv && ") for c in commands)
