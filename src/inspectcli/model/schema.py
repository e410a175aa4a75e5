"""The JSON Schema of each document kind, for editors (`inspect schema`, `inspect init`)."""

from __future__ import annotations

import json
from typing import Any


def schema_of(kind: str) -> dict[str, Any]:
    from inspectcli.model import KINDS

    model = KINDS[kind]
    schema = model.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"inspectcli {kind}"
    # Editors complete `kind` and `version` best when they are constants.
    schema["properties"]["kind"] = {
        "const": kind,
        "description": schema["properties"]["kind"].get("description", ""),
    }
    return schema


def schema_text(kind: str) -> str:
    """The schema of ``kind`` as the text of a ``KIND.schema.json`` file."""
    return json.dumps(schema_of(kind), ensure_ascii=False, indent=2) + "\n"
