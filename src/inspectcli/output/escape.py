"""What user text may not carry into an output, one function per kind of reader.

Case files, rosters and file names are written by anyone; the text they hold reaches a
terminal, a CI log, a spreadsheet or an XML parser. Each of those acts on some
characters (a terminal on ESC and CR, XML refuses most C0 controls), so every formatter
passes user text through the function here that fits its reader.
"""

from __future__ import annotations

import re
from functools import cache

# C0 controls, DEL and C1 controls: a terminal acts on them (ESC starts a sequence that
# can set the title or erase a line, CR returns to the line start, BEL rings); no reader
# expects them in data.
_CONTROLS = "\x00-\x1f\x7f-\x9f"
# Characters XML 1.0 forbids (its production `Char`); a parser stops at the first.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Everything str.splitlines() breaks at, CRLF first so that it counts as one break.
LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
REPLACEMENT = "\ufffd"


@cache
def _controls(keep: str) -> re.Pattern[str]:
    kept = "".join(re.escape(ch) for ch in keep)
    return re.compile(f"(?![{kept}])[{_CONTROLS}]" if kept else f"[{_CONTROLS}]")


def visible(text: str, keep: str = "") -> str:
    """Control characters (but those in ``keep``) shown as ``\\x1b``: seen, never acted on."""
    return _controls(keep).sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def stripped(text: str, keep: str = "") -> str:
    """Control characters (but those in ``keep``) removed, for documents to print."""
    return _controls(keep).sub("", text)


def xml_safe(text: str) -> str:
    """Characters XML 1.0 forbids replaced by U+FFFD, so that the document stays well formed."""
    return _NOT_XML.sub(REPLACEMENT, text)
