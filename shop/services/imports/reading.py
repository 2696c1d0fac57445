"""Reading the import files: CSV header and rows, errors collected up to a limit.

What the catalog and order imports share (see the package's docstring).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

MAX_ERRORS = 20
# Strict shapes that Python and the database read identically.
MONEY = re.compile(r"[0-9]{1,10}(?:\.[0-9]{1,2})?")
WHOLE_NUMBER = re.compile(r"[0-9]{1,7}")


class ImportFailed(Exception):
    """The file was refused; ``errors`` are "line N: …" messages. Nothing was written."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    lines: int = 0
    notes: list[str] = field(default_factory=list)


class Errors(list):
    """Collects at most MAX_ERRORS messages; ``full`` tells the reader to stop."""

    full = False

    def add(self, line: int, message: str) -> None:
        if len(self) < MAX_ERRORS:
            self.append(f"line {line}: {message}")
        elif not self.full:
            self.append(
                f"… more errors after line {line - 1} not shown; fix these first"
            )
            self.full = True


def read_header(path: Path, required: tuple[str, ...]) -> list[str]:
    """The file's column names; ImportFailed if one we need is missing."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            header = [name.strip() for name in next(csv.reader(handle), [])]
    except UnicodeDecodeError:
        raise ImportFailed(
            ["line 1: the file is not UTF-8 text (save it as CSV UTF-8)"]
        ) from None
    if not header:
        raise ImportFailed(["line 1: the file is empty; expected a header row"])
    missing = [name for name in required if name not in header]
    if missing:
        raise ImportFailed(
            [
                f"line 1: missing column(s): {', '.join(missing)} (expected {','.join(required)})"
            ]
        )
    duplicated = sorted({name for name in header if name and header.count(name) > 1})
    if duplicated:
        raise ImportFailed([f"line 1: column(s) appear twice: {', '.join(duplicated)}"])
    return header


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str] | None]]:
    """(line number, stripped row) streaming; the row is None when its field count is
    wrong. The line number is where the record ends (quoted fields may span lines)."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        reader.fieldnames = [name.strip() for name in reader.fieldnames or []]
        try:
            for row in reader:
                if None in row or None in row.values():
                    yield reader.line_num, None
                    continue
                yield (
                    reader.line_num,
                    {key: value.strip() for key, value in row.items()},
                )
        except (csv.Error, UnicodeDecodeError) as exc:
            raise ImportFailed(
                [f"line {reader.line_num + 1}: unreadable CSV ({exc})"]
            ) from None


def field_count_error(header: list[str]) -> str:
    return f"expected {len(header)} fields like the header, found a different number"
