"""Standard output and error through the one redactor: whatever a command prints, in any
format, leaves with its ID and phone numbers masked (``inspectcli.redact``)."""

from __future__ import annotations

import io
import sys
from typing import Any, TextIO

from inspectcli.redact import mask_terminal


class RedactedStream(io.TextIOBase):
    """A text stream that masks what is written to it, then writes it to ``target``.

    Binary writes (an xlsx report to a pipe) go to ``buffer`` as they are: what they hold
    was masked cell by cell when it was made."""

    def __init__(self, target: TextIO) -> None:
        super().__init__()
        self.target = target

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # click asks whether a stream is binary by writing b""
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self.target.write(mask_terminal(text))
        return len(text)

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        # Also called when the wrapper is collected, which may be after the stream under it
        # was closed (a test runner's capture, the interpreter's shutdown).
        if not getattr(self.target, "closed", False):
            self.target.flush()

    def isatty(self) -> bool:
        return self.target.isatty()

    def fileno(self) -> int:
        return self.target.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.target.encoding

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return self.target.errors

    @property
    def buffer(self) -> Any:
        return self.target.buffer

    def __getattr__(self, name: str) -> Any:
        return getattr(self.target, name)


def redact_standard_streams() -> None:
    """Put the redactor in front of ``sys.stdout`` and ``sys.stderr`` (once)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and not isinstance(stream, RedactedStream):
            setattr(sys, name, RedactedStream(stream))
