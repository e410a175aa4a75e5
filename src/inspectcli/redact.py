"""Personal data out of every text we print or write: the one masking of ID and phone numbers.

A leaf module (nothing of the package imported), so that every layer may mask with it.

Masked, wherever it stands in a text and however it is written (blanks or dashes inside):

* a resident ID number: 18 characters (the last may be X) or 15 digits, with a birth date
  where the standard puts it (that keeps an 18-digit household id such as
  441621100201000003 readable);
* a mainland mobile number, 1[3-9] and 9 digits, with or without +86, 86 or 0086;
* a landline with its area code set apart: 0755-12345678, (0755)1234567, 020-8888 6666;
* any number a caller knows to be personal (the roster's id_number and phone values, as
  their letters and digits in upper case), asked for only when a text holds a number of
  7 or more digits that is none of the above.

Digits are replaced by ``*`` where they stand, so a masked text keeps its length and its
separators: IDs and mobiles keep their first 3 and last 4 digits (``138-****-8000``), a
landline its area code and last 2 (``0755-******78``), anything shorter than a mobile its
last 2. Dates, document numbers, money, counts and 16-digit household ids are left alone,
and so are digests (a word of 32, 40 or 64 lowercase hex digits).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from typing import NamedTuple

Known = Callable[[], Collection[str]]

_GROUP = re.compile(r"\d+[Xx]?")
# What may stand between two groups of digits of one number.
_JOINERS = frozenset({" ", "-", "\u00a0", ")", ") ", ")-"})
# A digest as we print them (a fingerprint, a ticket, a frame hash): 32, 40 or 64 hex digits.
_HASH = re.compile(r"(?<![0-9A-Za-z])[0-9a-f]{32}(?:[0-9a-f]{8}|[0-9a-f]{32})?(?![0-9A-Za-z])")
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")

_DATE = r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_ID18 = re.compile(rf"\d{{6}}(?:18|19|20)\d\d{_DATE}\d{{3}}[\dXx]")
_ID15 = re.compile(rf"\d{{8}}{_DATE}\d{{3}}")
_MOBILE = re.compile(r"(?:0086|86)?1[3-9]\d{9}")
# Area codes are 010, 02x and 0xxx without a 0 after the first; a local number never starts with 0.
_AREA = re.compile(r"0[1-9]\d{1,2}")
_LOCAL = re.compile(r"[1-9]\d{6,7}")

LONGEST = 18  # digits of the longest number masked (a resident ID)
SHORTEST_KNOWN = 7  # a roster value shorter than a landline's local part is not looked for


def hidden_range(length: int) -> range:
    """Which digits of a personal number of ``length`` digits are hidden: all but the first
    3 and last 4 when it is as long as a mobile, else all but the last 2."""
    return range(3, length - 4) if length >= 11 else range(0, length - 2)


def shaped(digits: str) -> bool:
    """Digits alone (no separators) shaped like a mobile or a resident ID number."""
    length = len(digits)
    if length == 18:
        return _ID18.fullmatch(digits) is not None
    if length == 15 and _ID15.fullmatch(digits):
        return True
    return length in (11, 13, 15) and _MOBILE.fullmatch(digits) is not None


def _classify(groups: list[str], known: Known | None) -> range | None:
    """Which digits of the number made of ``groups`` to hide; None when it is not personal."""
    digits = "".join(groups)
    if digits[-1] in "Xx":  # the check character of an 18-digit ID, else a letter after it
        if _ID18.fullmatch(digits):
            return hidden_range(len(digits))
        groups = [*groups[:-1], groups[-1][:-1]]
        digits = digits[:-1]
    if _MOBILE.fullmatch(digits):
        national = len(digits) - 11  # +86 stays visible, then 3 digits
        return range(national + 3, len(digits) - 4)
    if _ID18.fullmatch(digits) or _ID15.fullmatch(digits):
        return hidden_range(len(digits))
    if len(groups) > 1 and _AREA.fullmatch(groups[0]) and _LOCAL.fullmatch("".join(groups[1:])):
        return range(len(groups[0]), len(digits) - 2)
    if known is not None and len(digits) >= SHORTEST_KNOWN and digits.upper() in known():
        return hidden_range(len(digits))
    return None


def _chains(text: str) -> Iterator[list[re.Match[str]]]:
    """Runs of digit groups that may be one number: joined by one blank, dash or bracket."""
    hashes = [m.span() for m in _HASH.finditer(text)] if len(text) >= 32 else []
    chain: list[re.Match[str]] = []
    for group in _GROUP.finditer(text):
        if any(start <= group.start() < end for start, end in hashes):
            continue
        if chain and text[chain[-1].end() : group.start()] not in _JOINERS:
            yield chain
            chain = []
        chain.append(group)
    if chain:
        yield chain


# No personal number is shorter: a quick test before the groups are looked at.
_LONG_ENOUGH = re.compile(r"\d[\d \-()\u00a0]{5,}[\dXx]")


class _Number(NamedTuple):
    start: int  # in the text, its first digit (or the + or bracket before it)
    end: int
    hidden: list[int]  # the positions of the digits to hide


def _numbers(text: str, known: Known | None) -> Iterator[_Number]:
    """Each personal number in ``text``. The longest number first, from the left:
    ``3 13912345678`` is a count and a mobile, not one 12-digit number."""
    if not _LONG_ENOUGH.search(text):
        return
    for chain in _chains(text):
        start = 0
        while start < len(chain):
            number = _longest(chain, start, known)
            if number is None:
                start += 1
                continue
            start, personal = number
            yield personal


def _longest(
    chain: list[re.Match[str]], start: int, known: Known | None
) -> tuple[int, _Number] | None:
    """The longest personal number that starts at group ``start``, and the group after it."""
    stop = min(len(chain), start + LONGEST)  # a group holds a digit at least
    while stop > start and sum(len(g.group().rstrip("Xx")) for g in chain[start:stop]) > LONGEST:
        stop -= 1
    for end in range(stop, start, -1):
        groups = chain[start:end]
        masked = _classify([g.group() for g in groups], known)
        if masked is not None:
            places = [i for g in groups for i in range(g.start(), g.end())]
            first = groups[0].start()
            if first > 0 and groups[0].string[first - 1] in "+(":
                first -= 1
            return end, _Number(first, groups[-1].end(), [places[i] for i in masked])
    return None


def hidden_positions(text: str, known: Known | None = None) -> list[int]:
    """The positions in ``text`` of every digit to hide."""
    return [position for number in _numbers(text, known) for position in number.hidden]


def found(text: str) -> list[str]:
    """Each personal number in ``text``, as it is masked (``138-****-8000``)."""
    masked = mask(text)
    return [masked[number.start : number.end] for number in _numbers(text, None)]


def mask(text: str, known: Known | None = None) -> str:
    """``text`` with every ID and phone number masked (see the module's description)."""
    positions = hidden_positions(text, known)
    if not positions:
        return text
    chars = list(text)
    for position in positions:
        chars[position] = "*"
    return "".join(chars)


def mask_terminal(text: str) -> str:
    """``mask`` for text with terminal colour codes, which may split a number in pieces."""
    if "\x1b" not in text:
        return mask(text)
    plain: list[str] = []
    where: list[int] = []  # the position in ``text`` of each character of ``plain``
    last = 0
    for code in [*_ANSI.finditer(text), None]:
        until = code.start() if code else len(text)
        plain.append(text[last:until])
        where.extend(range(last, until))
        last = code.end() if code else len(text)
    positions = hidden_positions("".join(plain))
    if not positions:
        return text
    chars = list(text)
    for position in positions:
        chars[where[position]] = "*"
    return "".join(chars)


def mask_value(value: str) -> str:
    """A value that is personal whatever its shape (the roster's id_number or phone cell):
    masked as a whole, as its own shape would be."""
    masked = mask(value)
    if masked != value:
        return masked
    places = [i for i, ch in enumerate(value) if ch.isalnum()]
    hide = {places[i] for i in hidden_range(len(places))}
    return "".join("*" if i in hide else ch for i, ch in enumerate(value))


class Redactor:
    """``mask`` with the numbers only the caller knows to be personal (a roster's), fetched
    the first time a text holds a long number not shaped like a personal one."""

    def __init__(self, known: Known | None = None) -> None:
        self.known = known

    def __call__(self, text: str) -> str:
        return mask(text, self.known)
