"""Drive `newsreader` (this checkout's) in a private tmux server, as a person would."""

from __future__ import annotations

import atexit
import functools
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
"""The checkout under test."""
LAUNCHER = """#!{python}
# newsreader from the checkout {root} (written by tests/tmux.py: the e2e tests run the code
# under test, never a copy pip installed earlier).
import sys
sys.path.insert(0, {root!r})
if __name__ == "__main__":  # worker processes (multiprocessing) import this file again
    from tui.cli import main
    sys.argv[0] = "newsreader"
    sys.exit(main())
"""


def newsreader_binary() -> str:
    """A `newsreader` command that runs this checkout with the test's Python.

    Not the console script pip installed: a non-editable install (the README's `pip install
    '.[test]'`) copies the package into site-packages, and a later change to the checkout
    would not reach it. The launcher puts the checkout first on `sys.path` and calls the same
    entry point as the console script (`tui.cli:main`).
    """
    return str(checkout_launcher())


@functools.cache
def checkout_launcher() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="newsreader-bin-"))
    folder.chmod(0o755)  # other users' processes in the permission tests may run it
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    launcher = folder / "newsreader"
    launcher.write_text(LAUNCHER.format(python=sys.executable, root=str(ROOT)),
                        encoding="utf-8")
    launcher.chmod(0o755)
    return launcher


class Tmux:
    """A private tmux server (`-L` socket of our own) running one pane."""

    def __init__(self, width: int = 100, height: int = 30):
        if not shutil.which("tmux"):
            pytest.skip("tmux is not installed")
        self.socket = f"newsreader-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.width, self.height = width, height

    def tmux(self, *args: str, check: bool = True) -> str:
        out = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True)
        if check and out.returncode != 0:
            raise AssertionError(f"tmux {args}: {out.stderr}")
        return out.stdout

    def start(self, args: list[str], env: dict[str, str]) -> None:
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        command = " ".join(shlex.quote(a) for a in args)
        # Echo the exit code rather than trusting pane_dead_status; never redirect stderr
        # (Textual draws the UI there).
        # COLUMNS/LINES from the test run would override the pane's size in Textual.
        shell = f"env -u COLUMNS -u LINES {exports} {command}; echo EXIT=$?; sleep 60"
        self.tmux("-f", "/dev/null", "new-session", "-d", "-x", str(self.width),
                  "-y", str(self.height), shell)
        self.tmux("set-option", "-s", "set-clipboard", "on")

    def keys(self, *keys: str, literal: bool = False) -> None:
        for key in keys:
            self.tmux("send-keys", *(["-l"] if literal else []), key)
            # A lone ESC followed at once by a key reads as alt+key: wait as a person would.
            time.sleep(0.4 if key == "Escape" else 0.05)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p")

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")

    def title(self) -> str:
        return self.tmux("display-message", "-p", "#{pane_title}").strip()

    def buffer(self) -> str:
        return self.tmux("show-buffer", check=False)

    def kill(self) -> None:
        self.tmux("kill-server", check=False)
