"""A Jinja sandbox that also bounds what a template costs: time, steps, value sizes, output.

Jinja's own sandbox keeps a template away from Python internals, but a template can still
loop 10^10 times (two nested ``range(100000)``), build ``'x' * 10**10``, recurse without
end, or write gigabytes. A template is a file of the repository, which in CI a pull
request may change, so each of those stops with a template error instead:

* every loop iteration, call, intercepted operator and piece of output is a step; a
  render has MAX_STEPS of them and MAX_SECONDS of time;
* ``*``, ``**``, ``+``, ``%``, ``~`` and call arguments may not make a value larger than
  MAX_VALUE (characters, items, or an integer's digits);
* the output of one part of the document is at most MAX_OUTPUT characters;
* recursion ends at Python's recursion limit (RecursionError, reported like the rest).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from functools import wraps
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from inspectcli.messages import t

MAX_STEPS = 2_000_000
MAX_SECONDS = 20.0
MAX_VALUE = 1_000_000
MAX_OUTPUT = 50_000_000
# Bits of an integer result: 1,000,000 digits is far past any count in a letter.
MAX_BITS = 3_400_000
_LOOP_GUARD = "__inspect_loop_guard"
_SIZE_GUARD = "__inspect_size_guard"
# A width or precision in a printf format (%09d, %.3f) or a str.format field ({:>9}).
_WIDTH = re.compile(r"%[-#0 +]*(\d+)(?:\.(\d+))?|\{[^{}]*?:[^{}\d]*(\d+)(?:[,_]?\.(\d+))?")


class TooCostly(SecurityError):
    """The template asks for more than a document ever needs."""


def _sized(value: Any) -> int:
    """How large ``value`` is, for the limits: characters, items, or decimal digits."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return value.bit_length() * 3 // 10  # about its decimal digits
    if isinstance(value, (str, bytes, list, tuple)):
        return len(value)
    return 0


def _check_size(size: int) -> None:
    if size > MAX_VALUE:
        raise TooCostly(t("render-template-too-large-value", limit=MAX_VALUE))


def _check_format(text: str) -> None:
    """A printf or str.format width such as ``%0999999999d`` would build a huge string."""
    for match in _WIDTH.finditer(text):
        for number in match.groups():
            if number and (len(number) > 7 or int(number) > MAX_VALUE):
                _check_size(MAX_VALUE + 1)


def _check_arguments(args: Iterable[Any]) -> None:
    for value in args:
        if isinstance(value, int) and not isinstance(value, bool):
            _check_size(abs(value))
        else:
            _check_size(_sized(value))


class BoundedEnvironment(SandboxedEnvironment):
    """The sandbox with a budget; one environment for one document."""

    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.steps = 0
        self.deadline = time.monotonic() + MAX_SECONDS
        self.globals["range"] = self._range
        self.globals.pop("lipsum", None)  # lipsum(n) writes n paragraphs
        self.filters = {name: self._guarded(f) for name, f in self.filters.items()}
        self.filters[_LOOP_GUARD] = self._loop
        self.filters[_SIZE_GUARD] = self._size

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS or time.monotonic() > self.deadline:
            raise TooCostly(t("render-template-too-costly", steps=MAX_STEPS, seconds=MAX_SECONDS))

    # --- what the template's code is made of --------------------------------------------

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Every ``for`` iterates through the step counter, and every ``~`` checks sizes."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, _LOOP_GUARD, [], [], None, None)
        for joined in tree.find_all(nodes.Concat):
            joined.nodes = [
                nodes.Filter(part, _SIZE_GUARD, [], [], None, None) for part in joined.nodes
            ]
        return tree

    def _loop(self, iterable: Any) -> Iterator[Any]:
        for item in iterable:
            self.step()
            yield item

    def _size(self, value: Any) -> Any:
        _check_size(_sized(value))
        return value

    def _range(self, *args: int) -> range:
        _check_arguments(args)
        return range(*args)

    def _guarded(self, function: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(function)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            self.step()
            _check_arguments(a for a in args[1:] if not isinstance(a, (Context, type(self))))
            _check_arguments(kwargs.values())
            if function.__name__ == "do_format" and args:  # value|format(...): printf
                _check_format(str(args[0]))
            return function(*args, **kwargs)

        return guarded

    def call_binop(self, context: Context, operator_: str, left: Any, right: Any) -> Any:
        self.step()
        _check_binop(operator_, left, right)
        return super().call_binop(context, operator_, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.step()
        _check_arguments(args)
        _check_arguments(kwargs.values())
        bound = getattr(__obj, "__self__", None)
        if isinstance(bound, str):  # 'x'.ljust(n), '{:>999999999}'.format(1)
            _check_format(bound)
        return super().call(__context, __obj, *args, **kwargs)

    def concat(self, pieces: Iterable[str]) -> str:
        """The output, with every piece a step and the whole bounded."""
        kept: list[str] = []
        size = 0
        for piece in pieces:
            self.step()
            size += len(piece)
            if size > MAX_OUTPUT:
                raise TooCostly(t("render-template-too-long", limit=MAX_OUTPUT // 1_000_000))
            kept.append(piece)
        return "".join(kept)


def _check_binop(name: str, left: Any, right: Any) -> None:
    if name == "*":
        if isinstance(left, int) and isinstance(right, int):
            _check_bits(left.bit_length() + right.bit_length())
        else:
            _check_size(_sized(left) * (right if isinstance(right, int) else 1))
            _check_size(_sized(right) * (left if isinstance(left, int) else 1))
    elif name == "**":
        if isinstance(left, int) and isinstance(right, int) and right > 0:
            _check_bits(left.bit_length() * right)
    elif name == "+":
        _check_size(_sized(left) + _sized(right))
    elif name == "%" and isinstance(left, str):
        _check_format(left)


def _check_bits(bits: int) -> None:
    if bits > MAX_BITS:
        raise TooCostly(t("render-template-too-large-value", limit=MAX_VALUE))
