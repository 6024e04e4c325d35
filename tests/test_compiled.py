"""The optional mypyc build of tui.entities: the same spans as the Python, and never stale.

The build is made by `make compiled` or `HATCH_BUILD_HOOK_ENABLE_CUSTOM=1 pip install .`
(hatch_build.py) into tui/_compiled_entities; `tui.compiled.prefer_compiled` takes it only while
its STAMP names the hash of the sources as they are. The guard is tested on a package made here
(its "compiled" module a second .py: the import system takes whatever the first `__path__`
entry holds, extension or source); the tests that need a real build skip, saying why, when this
checkout has none (the default install builds none).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import tui.entities
from tests.gold.markup import load_all
from tui import compiled
from tui.entities import extract_document, rules

ROOT = Path(__file__).resolve().parent.parent


def _build_state() -> str | None:
    """Why the compiled extractor is not running in this process, or None when it is."""
    folder = compiled.compiled_dir("tui.entities")
    if compiled.is_compiled(rules):
        return None
    if os.environ.get("NEWSREADER_PURE"):
        return "NEWSREADER_PURE is set"
    stamp = compiled.built_from(folder)
    if stamp is None:
        return f"no compiled build in {folder} (make compiled, or see README: Faster extraction)"
    return f"the build in {folder} is stale (made from other sources): make compiled"


needs_build = pytest.mark.skipif(_build_state() is not None, reason=str(_build_state()))

SPANS = """
import json, sys
from tests.gold.markup import load_all
from tui import compiled
from tui.entities import extract_document, rules
spans = [[list(s.fields().values()) for s in extract_document(a["title"], a["body"])]
         for a in load_all()]
print(json.dumps({"compiled": compiled.is_compiled(rules), "spans": spans}))
"""


def _spans_in_child(**env: str) -> dict:
    done = subprocess.run([sys.executable, "-c", SPANS], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, **env}, check=True)
    return json.loads(done.stdout)


@needs_build
def test_the_compiled_extractor_gives_the_pure_ones_spans_on_the_gold():
    rules._memo.clear()
    here = [[list(s.fields().values()) for s in extract_document(a["title"], a["body"])]
            for a in load_all()]
    pure = _spans_in_child(NEWSREADER_PURE="1")
    assert pure["compiled"] is False
    assert sum(map(len, here)) > 500
    for k, (mine, theirs) in enumerate(zip(here, pure["spans"], strict=True)):
        assert mine == theirs, load_all()[k]["title"]


@needs_build
def test_a_real_build_is_dropped_once_a_source_is_edited(tmp_path):
    """A copy of the package with its real build: used as built, not after one edit."""
    shutil.copytree(ROOT / "tui", tmp_path / "tui",
                    ignore=shutil.ignore_patterns("__pycache__"))
    probe = ("from tui.entities import rules, extract; from tui import compiled; "
             "print(compiled.is_compiled(rules), len(extract('Tony Blair met Bush in Paris.')))")

    def run() -> str:
        return subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True,
                              text=True, timeout=60, check=True).stdout.split()

    built, count = run()
    assert built == "True"
    with (tmp_path / "tui" / "entities" / "rules.py").open("a", encoding="utf-8") as source:
        source.write("\n# an edit\n")
    assert run() == ["False", count]


def _package(root: Path) -> tuple[Path, Path]:
    """A package `fake` whose __init__ prefers a build in `root`/built, like tui.entities."""
    source = root / "fake"
    source.mkdir()
    built = root / "built"
    built.mkdir()
    (source / "__init__.py").write_text(textwrap.dedent(f"""
        from tui.compiled import prefer_compiled
        prefer_compiled(__name__, __path__, {str(built)!r})
        from fake.mod import WHERE
        """), encoding="utf-8")
    (source / "mod.py").write_text('WHERE = "source"\n', encoding="utf-8")
    (built / "mod.py").write_text('WHERE = "built"\n', encoding="utf-8")
    return source, built


def _where(root: Path, **env: str) -> str:
    done = subprocess.run([sys.executable, "-c", "import fake; print(fake.WHERE)"], cwd=root,
                          capture_output=True, text=True, timeout=60, check=True,
                          env={**{k: v for k, v in os.environ.items() if k != "NEWSREADER_PURE"},
                               "PYTHONPATH": f"{root}{os.pathsep}{ROOT}", **env})
    return done.stdout.strip()


def test_a_build_is_used_only_while_its_stamp_matches_the_sources(tmp_path):
    source, built = _package(tmp_path)
    assert _where(tmp_path) == "source"  # no STAMP: no build
    (built / "STAMP").write_text(compiled.source_hash(str(source)) + "\nmade here\n",
                                 encoding="utf-8")
    assert _where(tmp_path) == "built"
    assert _where(tmp_path, NEWSREADER_PURE="1") == "source"
    (source / "mod.py").write_text('WHERE = "edited source"\n', encoding="utf-8")
    assert _where(tmp_path) == "edited source"


def test_a_new_or_removed_module_makes_the_build_stale(tmp_path):
    source, built = _package(tmp_path)
    (built / "STAMP").write_text(compiled.source_hash(str(source)), encoding="utf-8")
    assert _where(tmp_path) == "built"
    (source / "extra.py").write_text("", encoding="utf-8")
    assert _where(tmp_path) == "source"
    (source / "extra.py").unlink()
    assert _where(tmp_path) == "built"


def test_the_extractor_package_looks_for_its_build_first():
    """tui.entities asks for its build before importing its modules (a source edit that drops
    the call would silently never use a build)."""
    init = Path(tui.entities.__file__).read_text(encoding="utf-8")
    call = init.index("prefer_compiled(__name__, __path__)")
    assert call < init.index("from tui.entities.")
