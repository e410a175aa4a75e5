"""A rich progress bar on stderr, shown only for work long enough to watch."""

from __future__ import annotations

import atexit
from collections.abc import Callable

SHOW_FROM = 200  # fewer items than this finish before a bar would be read


def progress_factory(label: str) -> Callable[[int], Callable[[int], None] | None]:
    def start(total: int) -> Callable[[int], None] | None:
        if total < SHOW_FROM:
            return None
        from rich.console import Console
        from rich.progress import Progress

        progress = Progress(console=Console(stderr=True), transient=True)
        progress.start()
        atexit.register(progress.stop)
        task = progress.add_task(label, total=total)

        def advance(count: int) -> None:
            progress.advance(task, count)
            if progress.tasks[0].finished:
                progress.stop()

        return advance

    return start
