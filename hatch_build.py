"""Optional build step: compile tui/entities with mypyc into tui/_compiled_entities.

mypyc is the compiler that ships with mypy (mypy and black are built with it): it turns
type-annotated Python into C extensions while the source stays Python. Here it is strictly
optional and off by default:

    HATCH_BUILD_HOOK_ENABLE_CUSTOM=1 pip install .      # a wheel with the compiled extractor
    HATCH_BUILD_HOOK_ENABLE_CUSTOM=1 pip install -e .   # editable: builds into the checkout
    python hatch_build.py                               # the same, in a checkout (make compiled)

The Python modules stay the source of truth: the extensions go into their own folder with a
STAMP (the hash of the sources they were built from), and `tui.compiled.prefer_compiled` uses
them only while that hash matches, so an edit is never run as stale C. If anything fails (no C
compiler, no Python headers, a module mypyc refuses), the install goes on without them and says
so in one line.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PACKAGE = "tui.entities"
SKIP = {"__init__.py"}  # it chooses between the builds, so it stays Python
ROOT = Path(__file__).resolve().parent


def _compiled_module() -> Any:
    """tui/compiled.py, loaded by path: the build must not import the package it builds."""
    spec = importlib.util.spec_from_file_location("_tui_compiled", ROOT / "tui" / "compiled.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def compile_package(out: Path) -> list[Path]:
    """Compile PACKAGE's modules into `out` (tui/_compiled_entities, or a folder that a wheel takes
    there).

    The sources are copied first and the stamp is the hash of that copy, so what is stamped is
    exactly what was compiled. STAMP is written last: a half-made build is never used.

    Returns:
        The files written into `out`.
    """
    from mypyc.build import mypycify
    from setuptools import Distribution

    with tempfile.TemporaryDirectory(prefix="newsreader-mypyc-") as temp:
        tree = Path(temp, "src")
        shutil.copytree(ROOT / "tui", tree / "tui",
                        ignore=shutil.ignore_patterns("__pycache__", "_compiled_*", "*.so"))
        copy = tree.joinpath(*PACKAGE.split("."))
        stamp = _compiled_module().source_hash(str(copy))
        modules = sorted(f"{copy.relative_to(tree)}/{p.name}" for p in copy.glob("*.py")
                         if p.name not in SKIP)
        here = os.getcwd()
        os.chdir(tree)
        try:
            # One library per module (separate=True), beside its shim: mypyc then derives each
            # module's __file__ as this folder/<module>.so, a sibling of tui/entities, so the
            # gazetteer's `parent.parent / "data"` is tui/data as in the sources.
            extensions = mypycify(modules, opt_level="3", target_dir=str(Path(temp, "c")),
                                  separate=True)
            build = Distribution({"name": "newsreader-compiled", "ext_modules": extensions})
            command: Any = build.get_command_obj("build_ext")
            command.build_lib = str(Path(temp, "lib"))
            command.build_temp = str(Path(temp, "obj"))
            command.ensure_finalized()
            command.run()
        finally:
            os.chdir(here)
        built = sorted(Path(temp, "lib").joinpath(*PACKAGE.split(".")).glob("*.so"))
        if len(built) != 2 * len(modules):  # each module's shim and library
            raise RuntimeError(f"mypyc made {len(built)} extensions for {len(modules)} modules")
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        written = []
        for path in built:
            written.append(Path(shutil.copy2(path, out / path.name)))
        import mypy.version

        (out / "STAMP").write_text(f"{stamp}\nmypyc {mypy.version.__version__}, "
                                   f"{len(modules)} modules of {PACKAGE}\n", encoding="utf-8")
        return [*written, out / "STAMP"]


def _build(out: Path) -> list[Path]:
    """Compile in a child process (its compiler and setuptools state stay out of the build's):
    the files written, or none when it failed, with why on stderr."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, str(ROOT / "hatch_build.py"), str(out)],
                          capture_output=True, text=True, check=False)
    if done.returncode:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1][:160]
        print(f"newsreader: the compiled extractor was not built ({last}); "
              "the pure-Python one is used", file=sys.stderr)
        return []
    print(f"newsreader: compiled {PACKAGE} with mypyc in {time.monotonic() - started:.0f} s",
          file=sys.stderr)
    return sorted(out.iterdir())


try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # `python hatch_build.py` in a venv without hatchling
    BuildHookInterface = object  # type: ignore[misc,assignment]


class CompileHook(BuildHookInterface):  # type: ignore[misc]
    """The wheel's optional `custom` build hook (enable-by-default = false in pyproject.toml)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        relative = Path("tui", "_compiled_" + "_".join(PACKAGE.split(".")[1:]))
        if version == "editable":  # the checkout is what runs: build beside it
            _build(ROOT / relative)
            return
        self._temp = tempfile.mkdtemp(prefix="newsreader-wheel-")
        files = _build(Path(self._temp, "out"))
        if files:
            for path in files:
                build_data["force_include"][str(path)] = str(relative / path.name)
            build_data["pure_python"] = False
            build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if getattr(self, "_temp", None):
            shutil.rmtree(self._temp, ignore_errors=True)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tui" / "_compiled_entities"
    try:
        compile_package(target)
    except Exception as error:  # one line for the hook to show, not a traceback
        print(f"{type(error).__name__}: {error}".splitlines()[0], file=sys.stderr)
        raise SystemExit(1) from None
    print(f"compiled {PACKAGE} into {target}")
