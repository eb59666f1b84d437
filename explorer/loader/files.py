"""Reading a data file safely: regular files only, a size cap, a key-depth guard, then TOML.

Every problem is collected as a :class:`Problem` naming its file and item; none stops
the reading of the other files.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["MAX_FILE_BYTES", "MAX_KEY_PARTS", "Problem", "ValidationError", "read_toml"]

#: A data file larger than this is refused unread: hand-curated TOML is kilobytes.
MAX_FILE_BYTES = 2_000_000
#: A dotted key of more parts than this is refused before parsing (see ``_check_key_depth``).
MAX_KEY_PARTS = 32


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the data: where it is and what is wrong."""

    file: str
    item: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.item}: {self.message}" if self.item else f"{self.file}: {self.message}"


class ValidationError(Exception):
    """Every problem found in the data, not just the first."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the data:\n"
                         + "\n".join(f"  {p}" for p in self.problems))


class _Problems(list):
    def add(self, file: str, item: str, message: str) -> None:
        self.append(Problem(file, item, message))


def _file_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "not a regular file"


class _Refused(Exception):
    """A file left unread or unparsed, with the reason the user sees."""


def _read_limited(path: Path) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_FILE_BYTES`, or :class:`_Refused`.

    Never waits and never reads without bound: a FIFO, a device or a folder named
    ``*.toml`` (or a link to one, such as ``/dev/zero``) is refused before it is read,
    and at most the limit plus one byte is read, whatever ``st_size`` claims.
    """
    link = " (through a symbolic link)" if path.is_symlink() else ""
    mode = path.stat().st_mode  # follows links, opens nothing
    if not stat.S_ISREG(mode):
        raise _Refused(f"is {_file_kind(mode)}{link}, not a regular file")
    # Non-blocking, so that a file swapped for a FIFO after the check still cannot stall the open.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(path, flags), "rb") as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise _Refused(f"is {_file_kind(status.st_mode)}{link}, not a regular file")
        if status.st_size > MAX_FILE_BYTES:
            raise _Refused(f"file is {status.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise _Refused(f"file is more than {MAX_FILE_BYTES:,} bytes; the limit is {MAX_FILE_BYTES:,}")
    return data


# Strings and comments, where dots are text, not key separators. The patterns are
# linear: no nested quantifiers, and an unclosed string fails at its line's end.
_STRING_OR_COMMENT = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*')
_SPACED_DOT = re.compile(r"[ \t]*\.[ \t]*")
# A run of more than MAX_KEY_PARTS dot-joined parts, tried only where a run starts
# (the look-behind) and without backtracking (the possessive ``*+``): linear in the text.
_DEEP_KEY = re.compile(rf"(?<![A-Za-z0-9_.-])(?:[A-Za-z0-9_-]*+\.){{{MAX_KEY_PARTS}}}")
_KEY_RUN = re.compile(r"[A-Za-z0-9_.-]*")


def _check_key_depth(text: str) -> None:
    """Refuse a dotted key of more than :data:`MAX_KEY_PARTS` parts before ``tomllib`` sees it.

    ``tomllib`` spends time and memory growing with the square of a key's depth: a
    200 KB key ``a.a.a…`` takes seconds, then exhausts memory. Curated keys have two
    or three parts (``[[drug.action]]``).
    """
    # Each string or comment becomes one bare part, keeping its line breaks for the line number.
    bare = _SPACED_DOT.sub(".", _STRING_OR_COMMENT.sub(lambda m: "s" + "\n" * m.group().count("\n"), text))
    deep = _DEEP_KEY.search(bare)
    if deep:
        parts = bare.count(".", deep.start(), _KEY_RUN.match(bare, deep.end()).end()) + 1
        raise _Refused(f"line {bare.count(chr(10), 0, deep.start()) + 1}: a dotted key of {parts:,} parts; "
                       f"the limit is {MAX_KEY_PARTS}")


def read_toml(path: Path, problems: _Problems) -> dict[str, Any] | None:
    """Parse one TOML file, or note why it cannot be read and return None.

    Only regular files are read, at most :data:`MAX_FILE_BYTES` of them, and keys
    deeper than :data:`MAX_KEY_PARTS` are refused before parsing, so that no file
    makes validation hang or run out of memory.
    """
    name = path.name if path.parent.name != "hypotheses" else f"hypotheses/{path.name}"
    try:
        text = _read_limited(path).decode("utf-8")
        _check_key_depth(text)
    except _Refused as refusal:
        problems.add(name, "", str(refusal))
        return None
    except FileNotFoundError:
        problems.add(name, "", "file is missing")
        return None
    except UnicodeDecodeError as error:
        problems.add(name, "", f"not UTF-8 text (byte {error.start}): is it a binary file?")
        return None
    except OSError as error:
        problems.add(name, "", f"cannot be read: {error.strerror or error}")
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        problems.add(name, "", f"malformed TOML: {error}")
    except RecursionError:
        problems.add(name, "", "malformed TOML: nested too deeply")
    return None
