"""Reading and writing the CSV layouts of the claim evaluations, with errors that name the file."""
from __future__ import annotations

import csv
from pathlib import Path

from ..errors import InputError


def read_rows(path, required: tuple[str, ...]) -> tuple[list[dict], list[str]]:
    """(rows, header) of a CSV file; InputError naming the file when unreadable or columns lack."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
            header = list(reader.fieldnames or [])
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise InputError(path, f"cannot read as UTF-8 CSV ({e})") from None
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(path, f"missing column(s) {', '.join(missing)} (has: {', '.join(header) or 'none'})")
    return rows, header


def write_rows(path, header: list[str], rows: list[list]) -> None:
    """Write a CSV file (InputError naming it when it cannot be written)."""
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)
    except OSError as e:
        raise InputError(path, f"cannot write ({e.strerror or e})") from None
