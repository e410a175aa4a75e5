"""Keeping the catalogue complete: extract every English text, merge it into the ``.po``
file of each language, check the translations, compile the ``.mo`` file shipped with the
package. Needs Babel (a development dependency); run time needs only the standard library.

    python -m inspectcli.i18n extract   # new English texts into the .po files, empty
    python -m inspectcli.i18n check     # untranslated, fuzzy, broken placeholders, stale .mo
    python -m inspectcli.i18n compile   # .po → .mo
"""

from __future__ import annotations

import ast
import gettext
import io
import re
import string
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from inspectcli import __version__
from inspectcli.i18n import DOMAIN, GETTEXT_LOCALES, LANGUAGES, LOCALE_DIR

# Modules of typer that pass their words through the standard gettext (help panel titles).
TYPER_MODULES = ("core.py", "rich_utils.py")


class Source(NamedTuple):
    msgid: str
    comment: str  # where the text is used, for the translator


def po_path(language: str) -> Path:
    return LOCALE_DIR / GETTEXT_LOCALES[language] / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def translated_languages() -> list[str]:
    return [language for language in LANGUAGES if language != "en"]


# --- extraction ----------------------------------------------------------------------------


def message_sources() -> Iterator[Source]:
    from inspectcli.messages import EN

    for key, text in EN.items():
        yield Source(text, f"message {key}")


def help_sources() -> Iterator[Source]:
    import typer

    from inspectcli.cli import help as help_texts
    from inspectcli.cli.root import app

    for text in help_texts.texts(typer.main.get_command(app)):
        yield Source(text.english, f"{text.where} ({text.attribute})")


def typer_sources() -> Iterator[Source]:
    """The strings typer passes to ``gettext``: literal arguments of ``_(…)`` calls."""
    import typer

    folder = Path(typer.__file__).parent
    for name in TYPER_MODULES:
        tree = ast.parse((folder / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                yield Source(node.args[0].value, f"typer {name}")


def sources() -> list[Source]:
    """Every English text the user can see, each once, in the order of first use."""
    seen: dict[str, list[str]] = {}
    for source in (*message_sources(), *help_sources(), *typer_sources()):
        seen.setdefault(source.msgid, []).append(source.comment)
    return [Source(msgid, "; ".join(comments)) for msgid, comments in seen.items()]


def template() -> Any:
    from babel.messages.catalog import Catalog

    catalog = Catalog(project="inspectcli", version=__version__, fuzzy=False)
    for source in sources():
        catalog.add(source.msgid, auto_comments=[source.comment])
    return catalog


def extract() -> list[Path]:
    """Merge the current English texts into every ``.po`` file: new ones come in empty (or
    fuzzy, from a similar old text), translations of unchanged texts stay, dropped texts go."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    fresh = template()
    written = []
    for language in translated_languages():
        path = po_path(language)
        if path.is_file():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=GETTEXT_LOCALES[language])
        else:
            catalog = Catalog(locale=GETTEXT_LOCALES[language], project="inspectcli", fuzzy=False)
        catalog.update(fresh, update_creation_date=False)
        catalog.obsolete.clear()
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        write_po(buffer, catalog, width=100, omit_header=False, ignore_obsolete=True)
        path.write_bytes(_without_generator(buffer.getvalue()))
        written.append(path)
    return written


def _without_generator(po: bytes) -> bytes:
    """The catalogue without Babel's ``Generated-By`` header line, which names Babel's
    version: a new Babel release must not change a catalogue whose texts are the same."""
    return _GENERATED_BY.sub(b"", po, count=1)


_GENERATED_BY = re.compile(rb'^"Generated-By: [^"\n]*\\n"\n', re.MULTILINE)


# --- checking ------------------------------------------------------------------------------


def placeholders(text: str) -> list[tuple[str, str, str]] | None:
    """The ``{name:spec!conv}`` fields of a format string, sorted; None if it is not one."""
    try:
        fields = [
            (name, spec or "", conversion or "")
            for _, name, spec, conversion in string.Formatter().parse(text)
            if name is not None
        ]
    except ValueError:
        return None
    return sorted(fields)


def command_lines(text: str) -> list[str]:
    """The lines of an example that are commands; a translation must keep them verbatim."""
    return [line for line in text.splitlines() if line.startswith("inspect ")]


def read_catalogue(language: str) -> Any:
    from babel.messages.pofile import read_po

    with po_path(language).open("rb") as handle:
        return read_po(handle, locale=GETTEXT_LOCALES[language])


def entry_problems(msgid: str, msgstr: str, fuzzy: bool) -> list[str]:
    """What is wrong with one translation, in words; empty when it is good."""
    if not msgstr:
        return ["untranslated"]
    problems = []
    if fuzzy:
        problems.append("fuzzy: the English changed; check the translation, remove the flag")
    if placeholders(msgid) != placeholders(msgstr):
        problems.append(
            f"placeholders differ: {placeholders(msgid)} in English, {placeholders(msgstr)}"
        )
    for line in command_lines(msgid):
        if line not in msgstr.splitlines():
            problems.append(f"the command `{line}` must appear unchanged")
    return problems


def check(language: str) -> list[str]:
    """Every problem of the catalogue of ``language``, one line each."""
    catalog = read_catalogue(language)
    problems = []
    entries = {message.id: message for message in catalog if message.id}
    for source in sources():
        message = entries.get(source.msgid)
        if message is None:
            problems.append(f"missing (run extract): {source.msgid!r} [{source.comment}]")
            continue
        for problem in entry_problems(source.msgid, str(message.string or ""), message.fuzzy):
            problems.append(f"{problem}: {source.msgid!r} [{source.comment}]")
    if compiled_translations(language) != translations(catalog):
        problems.append(f"{mo_path(language)} is stale: run `python -m inspectcli.i18n compile`")
    return problems


def translations(catalog: Iterable[Any]) -> dict[str, str]:
    """msgid → msgstr of what a compiled catalogue holds: translated, not fuzzy."""
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


def compiled_translations(language: str) -> dict[str, str]:
    path = mo_path(language)
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    table: dict[str, str] = compiled._catalog  # type: ignore[attr-defined]
    return {key: value for key, value in table.items() if key}


# --- compiling -----------------------------------------------------------------------------


def compile_catalogues() -> list[Path]:
    from babel.messages.mofile import write_mo

    written = []
    for language in translated_languages():
        catalog = read_catalogue(language)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        mo_path(language).write_bytes(buffer.getvalue())
        written.append(mo_path(language))
    return written
