"""Drive the installed `newsreader` in a private tmux server, as a person would."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest


def newsreader_binary() -> str:
    """The console script installed next to this Python (the README's venv), else on PATH."""
    beside = Path(sys.executable).parent / "newsreader"
    if beside.exists():
        return str(beside)
    found = shutil.which("newsreader")
    if not found:
        pytest.skip("newsreader is not installed (pip install .)")
    return found


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
