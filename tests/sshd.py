"""A private sshd on 127.0.0.1, for the end-to-end tests that go through a real `ssh`.

Everything it uses lives in one temporary folder: its config, a host key and a client key
made for the run with ssh-keygen, `authorized_keys`, `known_hosts` and a client config naming
the host `newsreader-test`. It listens on 127.0.0.1 only, on a free port, logs in only with
that key, and is stopped by its pid.
"""

from __future__ import annotations

import getpass
import os
import shlex
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

SSHD = "/usr/sbin/sshd"
HOST = "newsreader-test"
"""The name the client config gives the private server (`ssh -F CONFIG newsreader-test`)."""
PRIVSEP_DIR = Path("/run/sshd")
"""sshd, started as root, insists on this empty folder (a compile-time path)."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Sshd:
    """A running private sshd; `ssh(...)` builds the client's command line to reach it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.client_config = folder / "ssh_config"

    def start(self) -> None:
        missing = [tool for tool in ("ssh", "ssh-keygen") if not shutil.which(tool)]
        if not os.access(SSHD, os.X_OK):
            missing.insert(0, SSHD)
        if missing:
            pytest.skip(f"cannot run sshd: {', '.join(missing)} missing (.ci/run installs "
                        "openssh-server and openssh-client)")
        folder = self.folder
        for name in ("host_key", "client_key"):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name,
                            "-f", str(folder / name)], check=True, timeout=30)
        # Only the test's key, and only what the tests need from a session: no forwarding.
        client_key = (folder / "client_key.pub").read_text().strip()
        (folder / "authorized_keys").write_text(f"restrict,pty {client_key}\n")
        if os.geteuid() == 0 and not PRIVSEP_DIR.is_dir():
            PRIVSEP_DIR.mkdir(mode=0o755, parents=True, exist_ok=True)
        for _attempt in range(3):  # the free port may be taken between probe and bind
            self.port = _free_port()
            self._write_configs()
            log = (folder / "sshd.log").open("wb")
            self.proc = subprocess.Popen([SSHD, "-D", "-e", "-f", str(folder / "sshd_config")],
                                         stdin=subprocess.DEVNULL, stdout=log, stderr=log)
            log.close()
            if self._wait_until_listening():
                return
            self.stop()
        said = (folder / "sshd.log").read_text(errors="replace").strip().splitlines()
        pytest.skip(f"cannot run sshd: {said[-1] if said else 'it did not start'}")

    def _write_configs(self) -> None:
        folder = self.folder
        (folder / "sshd_config").write_text("\n".join([
            "ListenAddress 127.0.0.1",
            f"Port {self.port}",
            f"HostKey {folder / 'host_key'}",
            f"AuthorizedKeysFile {folder / 'authorized_keys'}",
            f"PidFile {folder / 'sshd.pid'}",
            f"AllowUsers {getpass.getuser()}",
            "AuthenticationMethods publickey",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PermitRootLogin prohibit-password",
            # The keys sit in a temporary folder, which StrictModes would refuse (/tmp is
            # world-writable); no other file is read.
            "StrictModes no",
            "UsePAM no",
            "PermitUserEnvironment no",
            "X11Forwarding no",
            "AllowTcpForwarding no",
            "AllowAgentForwarding no",
            "PrintMotd no",
            "PrintLastLog no",
            "AcceptEnv LANG LC_*",  # as Debian's sshd does: a remote tmux needs a UTF-8 locale
            "LogLevel ERROR",
            "",
        ]))
        host_key = (folder / "host_key.pub").read_text().split()
        (folder / "known_hosts").write_text(f"[127.0.0.1]:{self.port} {host_key[0]} "
                                            f"{host_key[1]}\n")
        self.client_config.write_text("\n".join([
            f"Host {HOST}",
            "  HostName 127.0.0.1",
            f"  Port {self.port}",
            f"  User {getpass.getuser()}",
            f"  IdentityFile {folder / 'client_key'}",
            "  IdentitiesOnly yes",
            f"  UserKnownHostsFile {folder / 'known_hosts'}",
            "  StrictHostKeyChecking yes",
            "  SendEnv LANG LC_*",
            "  BatchMode yes",
            "  ConnectTimeout 10",
            "  LogLevel ERROR",
            "",
        ]))

    def _wait_until_listening(self, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return True
            except OSError:
                time.sleep(0.05)
        return False

    def ssh(self, *remote: str, tty: bool = False) -> list[str]:
        """The local command line that runs `remote` (a list of words) on the private server;
        `tty` asks for a terminal (`ssh -t`)."""
        return ["ssh", "-F", str(self.client_config), *(["-t"] if tty else []), HOST,
                shlex.join(remote)]

    def stop(self) -> None:
        """Stop the server by its pid (the tests end their own sessions first)."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc = None
