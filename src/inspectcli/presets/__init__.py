"""Built-in policies, one policy document per source (see ``../shared/DOMAIN.md``)."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from inspectcli.model.policy import PolicyDocument

HERE = Path(__file__).parent


def preset_names() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.yaml"))


@functools.cache
def presets_digest() -> bytes:
    """Changes whenever a built-in preset changes, so cached results follow it."""
    hasher = hashlib.blake2b(digest_size=16)
    for path in sorted(HERE.glob("*.yaml")):
        hasher.update(path.name.encode() + path.read_bytes())
    return hasher.digest()


@functools.cache
def load_preset(name: str) -> PolicyDocument | None:
    """The preset ``name`` (or its place: 河源), or None when there is none. A broken preset
    is a bug: it raises."""
    from inspectcli.model.policy import PolicyDocument
    from inspectcli.model.vocabulary import PRESET
    from inspectcli.repo.yamlread import parse

    name = PRESET.value(name) or name
    path = HERE / f"{name}.yaml"
    if not path.is_file():
        return None
    parsed = parse(path.name, path.read_bytes())
    if parsed.problems:
        raise RuntimeError(f"built-in preset {name} is broken: {parsed.problems}")
    return PolicyDocument.model_validate(parsed.data)
