"""Files written whole or not at all, and the partial files a killed writer leaves.

A file is written to a partial file beside it, made by `tempfile.mkstemp` (an unpredictable
name, O_EXCL, never following a symlink: nothing planted in a shared folder is written
through), then renamed over the target. A full disk, an error or a kill leaves the target as
it was. A partial's name says what it is (`.notes.json.newsreader-export-in-progress-…`) and
carries the host and process that made it, so the next writer into that folder removes those
of its own whose process is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import tempfile
from pathlib import Path

_KINDS = ("backup", "export")
_PARTIAL = re.compile(
    r"^\.(?P<name>.+)\.newsreader-(?P<kind>backup|export)-in-progress-(?P<host>[A-Za-z0-9]*)-"
    r"(?P<pid>\d+)-[a-z0-9_]{8}(?:-journal|-wal|-shm)?$")
NAME_KEPT = 100
"""Characters of the target's name kept in its partial's (file names stop at 255 bytes)."""


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:32]


def make_partial(target: Path, kind: str) -> tuple[int, Path]:
    """Create the partial file that will become `target`.

    Args:
        target: The file it will replace.
        kind: "backup" or "export": what the name says it is.

    Returns:
        Its open descriptor (O_EXCL, O_NOFOLLOW, mode 0600) and its path.
    """
    if kind not in _KINDS:
        raise ValueError(kind)
    prefix = (f".{target.name[:NAME_KEPT]}.newsreader-{kind}-in-progress-{_host()}-"
              f"{os.getpid()}-")
    fd, name = tempfile.mkstemp(prefix=prefix, dir=target.parent)
    return fd, Path(name)


def write_atomically(target: Path, data: str | bytes, *, kind: str = "export",
                     tidy: bool = True) -> None:
    """Write `data` (text is UTF-8) to `target` whole or not at all.

    The target keeps its permissions when it exists; a new file gets the usual ones (0666
    less the umask). On any failure the partial file is removed and the error raised.

    Args:
        target: The file written.
        data: Its new content.
        kind: What the partial's name says it is ("export" or "backup").
        tidy: Remove stale partials from the folder first (False when the caller did, before
            writing many files there).

    Raises:
        OSError: The folder cannot be written, the disk is full...
    """
    target = Path(target)
    if tidy:
        remove_stale_partials(target.parent)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_umask()
    fd, partial = make_partial(target, kind)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(payload)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(partial, mode)
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    sync_folder(target.parent)


def remove_stale_partials(folder: Path) -> int:
    """Remove the partial files left in `folder` by newsreader processes of this host that
    are gone (killed part way): only names made by `make_partial`, only ours (same owner).

    Returns:
        How many files were removed.
    """
    removed = 0
    host, uid = _host(), os.getuid() if hasattr(os, "getuid") else None
    try:
        names = [entry for entry in os.scandir(folder) if entry.name.startswith(".")]
    except OSError:
        return 0
    for entry in names:
        match = _PARTIAL.match(entry.name)
        if not match or match["host"] != host or _alive(int(match["pid"])):
            continue
        try:
            if uid is not None and entry.stat(follow_symlinks=False).st_uid != uid:
                continue
            os.unlink(entry.path)
            removed += 1
        except OSError:
            continue
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # another user's process, or one we may not ask about: keep its file
    return True


def _umask() -> int:
    """The process's umask, read without changing it where Linux allows."""
    with contextlib.suppress(OSError, ValueError), \
            open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def sync_folder(folder: Path) -> None:
    """Make a rename into `folder` durable (POSIX); where folders cannot be opened, skip it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
