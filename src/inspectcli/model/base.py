"""What every model shares: unknown keys rejected, no silent type coercion."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# Text that must say something; surrounding blanks are a typing slip, not data.
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
# Identifiers are written by people and appear in file names, URLs and terminals: no
# blanks, slashes or control characters inside, and no leading dot (a hidden file).
IDENTIFIER_PATTERN = r"^[^\s/\\.\x00-\x1f\x7f-\x9f][^\s/\\\x00-\x1f\x7f-\x9f]*$"
Identifier = Annotated[
    str, StringConstraints(min_length=1, max_length=80, pattern=IDENTIFIER_PATTERN)
]
# A catalogue code such as "02" or "0203"; quoted in YAML so that leading zeros survive.
ContentCode = Annotated[
    str, StringConstraints(min_length=1, max_length=20, pattern=r"^[0-9A-Za-z.\-]+$")
]
Date = dt.date


class Model(BaseModel):
    """Base of every part of a document: unknown keys are errors, types are exact."""

    model_config = ConfigDict(extra="forbid", strict=True, validate_default=False)


class Document(Model):
    """Base of every top-level document."""

    KIND: ClassVar[str] = ""
    VERSIONS: ClassVar[tuple[int, ...]] = (1,)

    kind: str = Field(description="文件类型 / what this document is")
    version: int = Field(description="文件格式版本 / schema version of this kind")


def bilingual(chinese: str, english: str) -> str:
    """A field description for JSON Schema, read by editors in either language."""
    return f"{chinese} / {english}"
