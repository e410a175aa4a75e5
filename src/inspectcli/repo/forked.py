"""A function run in a forked child, its result read back through a pipe: the second core
for work on data the parent already holds (nothing is copied to the child)."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def start(work: Callable[[], T]) -> Callable[[], T]:
    """Start ``work`` in a forked child now; the function returned waits for its result.

    Where fork is unavailable or the child fails, ``work`` runs in this process instead,
    so the answer is the same either way.
    """
    if not hasattr(os, "fork"):
        return work
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return work
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _run_in_child(work, write_end)
    os.close(write_end)

    def result() -> T:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if status != 0 or not data:
            return work()
        answer: T = pickle.loads(data)
        return answer

    return result


def _run_in_child(work: Callable[[], object], write_end: int) -> None:
    code = 1
    try:
        data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        code = 0
    finally:
        os._exit(code)  # no atexit handlers, no flushing of the parent's buffers
