"""Writes that can never lose anything: a lock around read-modify-write, and atomic replacement.

A ledger is rewritten through a temporary file in the same folder, flushed and fsynced, given the
original's permission bits, then moved over the original with ``os.replace`` (atomic on POSIX and
Windows) and the folder fsynced: a crash at any point leaves the old file or the new one, whole.
If the file's bytes are not the ones the edit was computed from, the write is refused.

Two hanoi processes editing one file take turns: ``locked`` holds an exclusive ``flock`` on the
ledger file itself. Because a replace gives the path a new inode, a process that waited on the old
inode checks after locking that the path still names the file it locked, and locks again if not.
So no lock file is left beside the ledger. Where ``fcntl`` is missing (Windows) there is no lock,
but the ``expected`` check still refuses to overwrite a concurrent change.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

from hanoi_cli.core.ledger.problems import ExitCode, LedgerError, Problem

LOCK_TIMEOUT = 30.0  # seconds to wait for another hanoi process editing the same file


def _refuse(name: str, code: str, message: str) -> LedgerError:
    return LedgerError([Problem(code, message, name)], ExitCode.USAGE)


def _not_writable(name: str, why: str) -> LedgerError:
    return _refuse(name, "not-writable", f"cannot write the ledger: {why}")


def _folder_read_only(name: str, folder: Path) -> LedgerError:
    return _not_writable(name, f"its folder {folder.name or folder} is read-only (the new file is written beside it)")


def target_path(path: str | Path) -> Path:
    """The real file behind ``path``: replacing a symbolic link would turn it into a copy."""
    return Path(os.path.realpath(path))


def check_writable(path: str | Path, name: Optional[str] = None) -> None:
    """Refuse early, with a clear message, when the file or its folder cannot be written."""
    real = target_path(path)
    name = name or str(path)
    if not real.exists():
        raise _refuse(name, "file-not-found", "no such file")
    if not real.is_file():  # a pipe would block the lock and the read; a folder or device is no ledger
        raise _refuse(name, "not-a-file", "this is not a regular file (a folder, a pipe or a device)")
    if not os.access(real, os.W_OK):
        raise _not_writable(name, "the file is read-only")
    if not os.access(real.parent, os.W_OK | os.X_OK):
        raise _folder_read_only(name, real.parent)


@contextmanager
def locked(path: str | Path, name: Optional[str] = None, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold an exclusive lock on the ledger at ``path`` (waiting up to ``timeout`` seconds)."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; the expected-bytes check still applies
        yield
        return
    real = target_path(path)
    name = name or str(path)
    deadline = time.monotonic() + timeout
    while True:
        try:  # never blocks: a named pipe swapped in for the ledger would block a plain open forever
            fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except FileNotFoundError:
            raise _refuse(name, "file-not-found", "no such file") from None
        except OSError as exc:
            raise _refuse(name, "unreadable-file", exc.strerror or str(exc)) from None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced while this process waited for the lock
                raise _refuse(name, "not-a-file", "this is not a regular file (a folder, a pipe or a device)")
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise _refuse(
                            name, "file-locked", f"another process has held the file for {timeout:g} s; try again"
                        ) from None
                    time.sleep(0.01)
            try:
                current = os.stat(real)
            except FileNotFoundError:
                current = None
            if current is not None and current.st_ino == os.fstat(fd).st_ino and current.st_dev == os.fstat(fd).st_dev:
                remove_leftovers(real)
                yield
                return
            # The file was replaced while we waited: lock the new one.
        finally:
            os.close(fd)  # closing the descriptor releases the lock


def remove_leftovers(real: Path) -> None:
    """Delete temporary files an earlier write left beside the ledger when it was killed (kill -9
    between ``mkstemp`` and ``os.replace``). Called under the lock, so no hanoi process is writing
    one now; only names ``write_atomic`` makes (``.NAME.XXXXXXXX.tmp``) that are regular files."""
    import re

    pattern = re.compile(rf"\.{re.escape(real.name)}\.[a-z0-9_]{{8}}\.tmp")
    try:
        entries = list(os.scandir(real.parent))
    except OSError:
        return
    for entry in entries:
        if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
            except OSError:
                pass


def read_regular(real: Path) -> bytes:
    """A file's bytes, opened without blocking and refused unless it is a regular file."""
    fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise IsADirectoryError(f"{real} is not a regular file")
        return handle.read()


def _new_file_mode() -> int:
    """What a new file would get from ``open`` (0666 less the umask): the temporary file is 0600."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: str | Path, data: bytes, *, expected: Optional[bytes], name: Optional[str] = None) -> None:
    """Replace the file at ``path`` with ``data``, atomically, keeping its permission bits.

    ``expected`` is the content the new data was computed from: if the file holds anything else
    now, nothing is written (``file-changed``). ``None`` means the file must not exist yet.
    """
    real = target_path(path)
    name = name or str(path)
    try:
        current: Optional[bytes] = read_regular(real)
        mode: Optional[int] = stat.S_IMODE(os.stat(real).st_mode)
    except FileNotFoundError:
        current, mode = None, None
    except IsADirectoryError:
        raise _refuse(name, "not-a-file", "this is not a regular file (a folder, a pipe or a device)") from None
    except OSError as exc:
        raise _refuse(name, "unreadable-file", exc.strerror or str(exc)) from None
    if current != expected:
        raise _refuse(
            name,
            "file-changed",
            "the file changed on disk after hanoi read it; nothing was written: run the command again",
        )
    if current is not None and not os.access(real, os.W_OK):
        raise _not_writable(name, "the file is read-only")
    folder = real.parent
    import tempfile  # only a run that writes needs it

    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{real.name}.", suffix=".tmp")
    except PermissionError:
        raise _folder_read_only(name, folder) from None
    except OSError as exc:
        raise _not_writable(name, exc.strerror or str(exc)) from None
    try:
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temporary, mode if mode is not None else _new_file_mode())
            os.replace(temporary, real)
        except PermissionError as exc:
            raise _not_writable(name, exc.strerror or str(exc)) from None
        except OSError as exc:
            raise _refuse(name, "write-failed", f"the ledger was not changed: {exc.strerror or exc}") from None
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; some systems cannot open a folder, which is harmless."""
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
