"""Document numbers (发文字号, GB/T 9704 7.2.4) such as 青乡振〔2026〕12号: read, compared,
written, and the next free one; a number once used is never given out again."""

from __future__ import annotations

import re


def parse_number(number: str, short_name: str) -> tuple[int, int] | None:
    """``(year, serial)`` of a document number such as 青乡振〔2026〕12号, or None."""
    opening, closing = r"[〔\[［(（]", r"[〕\]］)）]"
    pattern = (
        rf"^\s*{re.escape(short_name)}\s*{opening}\s*(\d{{4}})\s*{closing}\s*第?0*(\d+)\s*号\s*$"
    )
    match = re.match(pattern, number)
    return (int(match.group(1)), int(match.group(2))) if match else None


def format_number(short_name: str, year: int, serial: int) -> str:
    """GB/T 9704 7.2.4: year in 〔〕, serial without leading zeros or 第."""
    return f"{short_name}〔{year}〕{serial}号"


def next_number(numbers: list[tuple[str, str]], short_name: str, year: int) -> str:
    """One above the highest serial of ``year`` in use; numbers are never reused."""
    serials = [
        parsed[1]
        for _, number in numbers
        if (parsed := parse_number(number, short_name)) is not None and parsed[0] == year
    ]
    return format_number(short_name, year, max(serials, default=0) + 1)


def number_key(number: str, short_name: str | None) -> tuple[int, int] | str:
    """What makes two numbers the same: year and serial for the authority's own numbers
    (〔2026〕12号 and [2026]第12号 are one number), else the text without spaces."""
    parsed = parse_number(number, short_name) if short_name else None
    return parsed if parsed is not None else "".join(number.split())
