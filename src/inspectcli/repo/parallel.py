"""Work on the other cores, started the platform's way, or in this process when no other
process can start: the answer is the same either way.

The start method is fork on Linux while this process runs no other thread: nothing is
imported again and the child sees the parent's data without a copy. Elsewhere, and in a
process with a thread (forking one can deadlock, and Python 3.12+ warns), it is the
platform's default (spawn on Windows and macOS): the work is then pickled, so it must be
a module-level function over picklable data (``functools.partial`` of one is fine).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext
from typing import TypeVar

from inspectcli import i18n

T = TypeVar("T")
A = TypeVar("A")

# What starting a process raises where it cannot: no such start method (ValueError), no
# process allowed (OSError, PermissionError), no semaphores (NotImplementedError, ImportError).
CANNOT_START = (ValueError, OSError, NotImplementedError, ImportError)
MAX_WORKERS = 61  # what Windows' ProcessPoolExecutor allows; more would be refused


def context() -> BaseContext:
    """The context processes start with; ValueError (as CPython raises it) when none."""
    method = _method()
    try:
        return multiprocessing.get_context(method)
    except ValueError:
        if method == "spawn":
            raise
        return multiprocessing.get_context("spawn")  # a build without fork: the portable one


def _method() -> str:
    """The method set by a program that embeds us, else fork on Linux, else the platform's
    default; never fork while another thread runs."""
    method = multiprocessing.get_start_method(allow_none=True)
    if method is None:
        linux = sys.platform.startswith("linux")
        method = "fork" if linux else multiprocessing.get_all_start_methods()[0]
    if method == "fork" and _threads() > 1:
        return "spawn"
    return method


def _threads() -> int:
    """This process's threads, those a native library started (pyarrow's pool) included:
    the kernel's count where it tells, else the interpreter's."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def ordered_map(
    function: Callable[[A], T], items: Sequence[A], jobs: int, chunksize: int
) -> Iterator[T]:
    """``map(function, items)`` on ``jobs`` processes, in order; the processes have started
    when this returns (so that a thread started afterwards is not forked).

    Where no process can start, or the pool breaks (a worker killed), the items left are
    done in this process.
    """
    try:
        pool = ProcessPoolExecutor(
            max_workers=min(jobs, MAX_WORKERS),
            mp_context=context(),
            initializer=i18n.activate,
            initargs=(i18n.language(),),
        )
    except CANNOT_START:
        return map(function, items)
    try:
        results = pool.map(function, items, chunksize=chunksize)  # every process starts here
    except CANNOT_START:
        pool.shutdown(cancel_futures=True)
        return map(function, items)
    return _collected(pool, results, function, items)


def _collected(
    pool: ProcessPoolExecutor, results: Iterator[T], function: Callable[[A], T], items: Sequence[A]
) -> Iterator[T]:
    done = 0
    with pool:
        try:
            for result in results:
                yield result
                done += 1
        except (BrokenProcessPool, OSError):
            pool.shutdown(cancel_futures=True)
            yield from map(function, items[done:])
