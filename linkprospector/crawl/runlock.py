"""One run at a time per database: an advisory lock on ``<db>.lock``.

The lock is ``fcntl.flock`` on an open file descriptor, so the kernel releases it when
the process ends, however it ends (crash, SIGKILL): no stale lock file blocks the next
night. The lock is held until the process exits (or :func:`release_run_lock`), and
taking it again in the same process is a no-op (a nightly run takes it, then its
crawl does).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

_held: dict[str, int] = {}


class RunLocked(Exception):
    """Another process holds the run lock; the message is one line for the user."""


def lock_path(db_path: str | Path) -> Path:
    """The lock file that guards ``db_path``."""
    return Path(f"{Path(db_path).expanduser().resolve()}.lock")


def acquire_run_lock(db_path: str | Path) -> Path:
    """Take the run lock of ``db_path`` for this process, or raise RunLocked."""
    path = lock_path(db_path)
    key = str(path)
    if key in _held:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
        os.close(fd)
        raise RunLocked(
            f"another linkprospector run is using {db_path} ({holder}); not starting a second one"
        ) from None
    except OSError:
        os.close(fd)
        raise
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"pid {os.getpid()}".encode(), 0)
    _held[key] = fd
    return path


def release_run_lock(db_path: str | Path) -> None:
    """Give the lock back before the process ends (no-op when not held)."""
    fd = _held.pop(str(lock_path(db_path)), None)
    if fd is not None:
        os.ftruncate(fd, 0)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def run_lock_problem(db_path: str | Path | None) -> str | None:
    """Take the run lock; one line saying why not, or None. A server database needs no
    lock file: many runs write it at once, each keyed by its own run id."""
    if not db_path or "://" in str(db_path):
        return None
    try:
        acquire_run_lock(db_path)
    except RunLocked as exc:
        return str(exc)
    except OSError as exc:
        return f"cannot lock {lock_path(db_path)}: {exc.strerror or exc}"
    return None
