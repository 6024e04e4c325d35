"""Run newsreader in a child process where file permissions apply, even when tests run as root,
or where a file-size limit applies.

Root ignores permissions, so as root the child's bounding set lacks CAP_DAC_OVERRIDE and
CAP_DAC_READ_SEARCH (`setpriv`, util-linux): it is still uid 0 and owns the test's files, but
their mode bits bind it like anyone else. Anyone else needs nothing.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.tmux import newsreader_binary

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


def free_id(taken: set[int], start: int = 42000) -> int:
    """A uid or gid number nobody on this machine has."""
    number = start
    while number in taken:
        number += 1
    return number


def user_runner(uid: int, gid: int, groups: list[int], name: str) -> Runner | str:
    """A function running `python -c CODE ARGS...` as another Unix user (uid, primary gid,
    supplementary groups), with USER and LOGNAME set to `name` (notes are signed with it),
    or why there is none (to skip with): only root can become another user.

    The user keeps one capability, CAP_DAC_READ_SEARCH, so that it can read this checkout
    and its Python wherever they are (/root, say); it grants no write anywhere, and writing
    is what these tests are about."""
    if os.geteuid() != 0:
        return "only root can run a command as another user"
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return "setpriv (util-linux) is missing: cannot run a command as another user"
    prefix = [setpriv, f"--reuid={uid}", f"--regid={gid}",
              f"--groups={','.join(map(str, groups))}" if groups else "--clear-groups",
              "--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search"]
    probe = subprocess.run([*prefix, "id", "-u"], capture_output=True, text=True)
    if probe.returncode != 0 or probe.stdout.strip() != str(uid):
        return f"setpriv could not switch to uid {uid}: {probe.stderr.strip()!r}"
    env = {**os.environ, "USER": name, "LOGNAME": name}

    def run(code: str, *args: str, umask: int = 0o022) -> subprocess.CompletedProcess:
        return subprocess.run([*prefix, sys.executable, "-c",
                               f"import os; os.umask({umask:#o}); {code}", *args],
                              cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)

    return run


# -- a file-size limit: every write past it fails with EFBIG ---------------------------------

LIMIT = 40 * 1024
"""Room for SQLite's 32 KB shared-memory file and two 16 KB WAL frames, not for a third."""


def run_limited(db: Path, args: list[str]) -> subprocess.CompletedProcess:
    def limit_writes() -> None:  # in the child, before newsreader starts
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
        resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))

    return subprocess.run([newsreader_binary(), "--db", str(db), *args], capture_output=True,
                          text=True, timeout=120, preexec_fn=limit_writes)
