"""Where exports and reports go: a regular file written whole or not at all, or
standard output.

A file is written to a temporary name in the target folder and renamed into place
once complete, so an interrupted write leaves no half-written file. Whatever is
at the target already must be a regular file, and is replaced only with
``force``: a device node, a FIFO, a socket, a folder or a symbolic link is never
replaced or written through. A new file gets the mode any new file gets (0666
less the umask, so 0644 under umask 022); one overwritten keeps its mode. Every
failure, a full disk included, is one ``OutputError`` naming the file."""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, TextIO

STDOUT = "-"  # the --out that writes to standard output

# What stands at a path, for the one-line refusal: the kinds that are not regular files.
KINDS = ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISDIR, "a folder"),
         (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
         (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"))


class OutputError(RuntimeError):
    """The output cannot be written (file exists, not a regular file, disk full)."""


def check_target(target: Path, force: bool) -> None:
    """Refuse a target that is anything but absent or (with ``force``) a regular file,
    or whose folder does not exist."""
    try:
        mode = target.lstat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        if target.parent.exists() and not target.parent.is_dir():
            raise OutputError(f"{target}: {target.parent} is not a folder") from None
        if not target.parent.is_dir():
            raise OutputError(f"{target}: folder {target.parent} does not exist") from None
        return
    except OSError as error:
        raise OutputError(f"{target}: cannot look at it ({error.strerror})") from None
    for is_kind, kind in KINDS:
        if is_kind(mode):
            raise OutputError(f"{target}: is {kind}, not a regular file; refusing to "
                              f"write there (give a new file name, or - for standard output)")
    if not stat.S_ISREG(mode):
        raise OutputError(f"{target}: is not a regular file; refusing to write there")
    if not force:
        raise OutputError(f"{target}: file exists (use --force to overwrite)")


def umask() -> int:
    """The process's file-creation mask (read without changing it where Linux allows)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode(target: Path) -> int:
    """The permission bits ``target`` should end with: its own when it exists (an
    overwrite keeps them), else what ``open`` gives a new file, 0666 less the umask.
    (``mkstemp`` makes its files 0600, private whatever the umask.)"""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~umask()


@contextlib.contextmanager
def atomic_paths(targets: Sequence[Path], force: bool) -> Iterator[list[Path]]:
    """Temporary paths beside ``targets``, renamed onto them when the block succeeds and
    removed when it fails or is interrupted. Each file ends with the mode of
    ``file_mode``, set before the rename. An ``OSError`` of the block (disk full) is
    an ``OutputError`` naming the first target."""
    for target in targets:
        check_target(target, force)
    temporary: list[Path] = []
    try:
        for target in targets:
            handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                            dir=target.parent)
            os.close(handle)
            temporary.append(Path(name))
        yield temporary
        for part, target in zip(temporary, targets, strict=True):
            check_target(target, force)  # nothing slipped in while we wrote
            os.chmod(part, file_mode(target))
            os.replace(part, target)
    except OSError as error:
        raise OutputError(f"{targets[0]}: cannot write ({error.strerror or error})") from None
    finally:
        for part in temporary:
            part.unlink(missing_ok=True)


@contextlib.contextmanager
def binary_outputs(targets: Sequence[str | Path], force: bool) -> Iterator[list[BinaryIO]]:
    """Binary streams for ``targets``: standard output for ``-`` (then alone), else
    files written atomically by ``atomic_paths``."""
    if any(str(target) == STDOUT for target in targets):
        if len(targets) != 1:
            raise OutputError("this format writes several files: give a file name, not -")
        try:
            yield [sys.stdout.buffer]
            sys.stdout.buffer.flush()
        except BrokenPipeError:  # the reader stopped early (| head): not our failure
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except OSError as error:
            raise OutputError(f"standard output: cannot write ({error.strerror or error})"
                              ) from None
        return
    with atomic_paths([Path(target) for target in targets], force) as parts, \
            contextlib.ExitStack() as stack:
        yield [stack.enter_context(part.open("wb")) for part in parts]


@contextlib.contextmanager
def as_text(stream: BinaryIO) -> Iterator[TextIO]:
    """UTF-8 text over a binary stream, flushed and let go (never closing the stream)."""
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
    try:
        yield text
        text.flush()
    finally:
        text.detach()
