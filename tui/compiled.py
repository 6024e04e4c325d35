"""An optional compiled build of a pure-Python package, used only when built from its sources.

`tui.entities` is plain, type-annotated Python and stays the source of truth. Built with the
wheel's optional mypyc hook (`hatch_build.py`: `HATCH_BUILD_HOOK_ENABLE_CUSTOM=1 pip install .`,
or `make compiled` in a checkout), the same modules also exist as C extensions in
`tui/_compiled_<package>/`, with a STAMP file naming the hash of the sources they were built
from. A package calls `prefer_compiled(__name__, __path__)` before importing its modules: the
compiled folder goes first on the package's `__path__` only when STAMP matches the sources as
they are now, so an edited source (an editable install, a checkout after `git pull`) runs as
Python until it is built again, never as stale C. Nothing is ever built here at run time.

`NEWSREADER_PURE=1` in the environment always takes the Python modules (to compare the two).
"""

from __future__ import annotations

import os
import sys

TUI = os.path.dirname(os.path.abspath(__file__))
STAMP = "STAMP"


def source_hash(package_dir: str) -> str:
    """The hash of a package's Python sources (its own folder, not subpackages) and of the
    interpreter they are built for: what a compiled build must have been made from."""
    import hashlib  # here: OpenSSL's 8 ms are paid only where a build exists

    digest = hashlib.sha256(sys.implementation.cache_tag.encode())
    for name in sorted(os.listdir(package_dir)):
        if name.endswith(".py"):
            digest.update(f"\0{name}\0".encode())
            with open(os.path.join(package_dir, name), "rb") as source:
                digest.update(source.read())
    return digest.hexdigest()


def compiled_dir(package: str) -> str:
    """The folder of `package`'s compiled build: "tui.entities" -> tui/_compiled_entities.

    A sibling of the package's own folder, at the same depth, so that a module's paths made
    from its `__file__` (the gazetteer's `parent.parent / "data"`) find the same files."""
    return os.path.join(TUI, "_compiled_" + "_".join(package.split(".")[1:]))


def built_from(folder: str) -> str | None:
    """The source hash a compiled build's STAMP names, or None when there is no build."""
    try:
        with open(os.path.join(folder, STAMP), encoding="utf-8") as stamp:
            return stamp.readline().strip() or None
    except OSError:
        return None


def prefer_compiled(package: str, path: list[str], folder: str | None = None) -> bool:
    """Put `package`'s compiled build first on its `__path__` when it matches the sources.

    Args:
        package: the package's `__name__`.
        path: the package's `__path__` (changed in place); its first entry holds the sources.
        folder: where the build is, if not in `compiled_dir(package)`.

    Returns:
        Whether the compiled modules will be imported.
    """
    if os.environ.get("NEWSREADER_PURE") or not path:
        return False
    folder = folder or compiled_dir(package)
    stamp = built_from(folder)  # no build (the usual case): one failed open, no hashing
    if stamp is None or stamp != source_hash(path[0]):
        return False
    if folder not in path:
        path.insert(0, folder)
    return True


def is_compiled(module: object) -> bool:
    """Whether a module was loaded from a compiled extension rather than its .py source."""
    return not str(getattr(module, "__file__", "") or "").endswith(".py")
