"""Run newsreader in a child process where file permissions apply, even when tests run as root.

Root ignores permissions, so as root the child's bounding set lacks CAP_DAC_OVERRIDE and
CAP_DAC_READ_SEARCH (`setpriv`, util-linux): it is still uid 0 and owns the test's files, but
their mode bits bind it like anyone else. Anyone else needs nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = "import sys, tui.storage; from tui.cli import main; sys.argv[0] = 'newsreader'; main()"
"""`python -c CLI ARGS...` is `newsreader ARGS...`."""
DROP = "--bounding-set=-dac_override,-dac_read_search"

Runner = Callable[..., subprocess.CompletedProcess]


def unprivileged_runner(scratch: Path) -> Runner | str:
    """A function running `python -c CODE ARGS...` where permissions apply, or why there is
    none (to skip with). `scratch` is an empty folder for the check."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            return ("running as root, and without setpriv (util-linux) nothing here can make "
                    "file permissions apply to a child process")
        probe = scratch / "read-only"
        probe.write_text("")
        probe.chmod(0o444)
        ok = subprocess.run([setpriv, DROP, "true"], capture_output=True, text=True)
        denied = subprocess.run([setpriv, DROP, "sh", "-c", f"echo x >> '{probe}'"],
                                capture_output=True, text=True)
        if ok.returncode != 0 or "ermission denied" not in denied.stderr:
            return ("running as root, and setpriv could not drop the capabilities that bypass "
                    f"file permissions: {ok.stderr or denied.stderr!r}")
        prefix = [setpriv, DROP]

    def run(code: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*prefix, sys.executable, "-c", code, *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=120)

    return run
