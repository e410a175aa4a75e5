"""``python -m inspectcli.i18n extract|check|compile``: see ``inspectcli.i18n.tools``."""

from __future__ import annotations

import argparse
import sys

from inspectcli.i18n import tools


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m inspectcli.i18n", description=__doc__)
    parser.add_argument("action", choices=("extract", "check", "compile"))
    action = parser.parse_args(argv).action
    if action == "extract":
        for path in tools.extract():
            print(f"updated {path}; translate the empty entries, then compile")
        return 0
    if action == "compile":
        for path in tools.compile_catalogues():
            print(f"wrote {path}")
        return 0
    failed = False
    for language in tools.translated_languages():
        for problem in tools.check(language):
            print(f"{tools.po_path(language)}: {problem}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
