"""``inspect.yaml``: who issues documents, which policy is in force, where things are."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Field

from inspectcli.model import vocabulary
from inspectcli.model.base import Document, Identifier, Model, Text, bilingual
from inspectcli.model.findings import LetterKind


class Authority(Model):
    name: Text = Field(description=bilingual("发文机关全称", "issuing authority, full name"))
    short_name: Text = Field(
        description=bilingual(
            "发文机关代字，如“河扶”", "short name used in document numbers, e.g. 河扶"
        )
    )
    leading_group: Text | None = Field(
        default=None,
        description=bilingual("督查工作领导小组", "the leading group the groups report to"),
    )
    address: str | None = Field(default=None, description=bilingual("地址", "postal address"))


class PolicyChoice(Model):
    preset: Annotated[Identifier, vocabulary.Accepts(vocabulary.PRESET, closed=False)] = Field(
        description=bilingual("采用的政策", "the policy preset in force")
    )
    overrides: dict[str, Any] = Field(
        default_factory=dict,
        description=bilingual(
            "对政策的覆盖设置，逐项合并", "parts of the policy replaced, merged key by key"
        ),
    )


class RegisteredDocument(Model):
    """An entry of the register of documents sent (发文登记): a number once used is kept
    here so that it is never given out again (GB/T 9704 7.2.4)."""

    number: Text = Field(description=bilingual("发文字号", "document number"))
    date: dt.date | None = Field(default=None, description=bilingual("成文日期", "date"))
    title: Text | None = Field(default=None, description=bilingual("标题", "title"))
    bulletin: str | None = Field(
        default=None,
        pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
        description=bilingual(
            "该文号所属的月度通报（YYYY-MM）", "the monthly bulletin (YYYY-MM) it numbers"
        ),
    )
    # A findings file's `letter:` numbers one letter; the other kind sent for the same
    # problems (a 督办函 besides the 整改函) gets its own number, kept here.
    findings: Text | None = Field(
        default=None,
        description=bilingual(
            "该文号所属信函的问题清单文件（自仓库根目录），如同一问题清单另发的督办函",
            "the findings file (from the repository's root) of the letter it numbers, "
            "such as a 督办函 sent for the problems of a 整改函",
        ),
    )
    kind: Annotated[LetterKind, vocabulary.Accepts(vocabulary.LETTER_KIND)] | None = Field(
        default=None, description=bilingual("该信函的种类", "the kind of that letter")
    )


class BulletinSettings(Model):
    """Whom the monthly bulletin goes to: a city office writes to its counties, a county or
    district office to its towns and departments (Da'an §4.5 is a district's)."""

    units: Literal["counties", "towns"] = Field(
        default="counties",
        description=bilingual(
            "通报对象的层级：counties（各县〔区〕）或 towns（各乡镇〔街道〕）",
            "the units the bulletin is about: counties, or towns (a county or district office)",
        ),
    )
    addressee: Text | None = Field(
        default=None,
        description=bilingual(
            "主送机关（缺省按层级）", "addressee (default: by the level of the units)"
        ),
    )
    copy_to: list[Text] = Field(
        default_factory=list,
        description=bilingual(
            "抄送机关（缺省为领导小组）", "copied to (default: the leading group)"
        ),
    )


SheetField = Literal[
    "number",
    "category",
    "description",
    "town",
    "village",
    "household",
    "unit",
    "person",
    "measures",
    "target",
    "deadline",
    "severity",
    "evidence",
]


class SheetSettings(Model):
    """How ``inspect import findings`` reads a problem list (问题清单) typed in a spreadsheet."""

    headers: dict[SheetField, list[Text]] = Field(
        default_factory=dict,
        description=bilingual(
            "各字段的表头名称（补充内置名称；同名表头从其他字段移到此字段）",
            "headers of each field, besides the built-in ones (a header named here is "
            "taken from any other field)",
        ),
    )


class SettingsDocument(Document):
    KIND = "settings"

    kind: Literal["settings"] = Field(description=bilingual("文件类型", "document kind"))
    version: Literal[1] = Field(description=bilingual("格式版本", "schema version"))
    authority: Authority = Field(description=bilingual("发文机关", "issuing authority"))
    policy: PolicyChoice = Field(description=bilingual("政策", "policy in force"))
    roster: str | None = Field(
        default=None,
        description=bilingual("抽样名册路径（CSV或YAML）", "path of the roster, CSV or YAML"),
    )
    visited: str | None = Field(
        default=None,
        description=bilingual(
            "在其他仓库或往年已走访农户的名单（CSV，household_id 列，可加 visited_on 走访日期列），"
            "按农户轮换期不再抽取；无日期的只在 forever 时排除",
            "CSV of households visited elsewhere (column household_id, optional visited_on), "
            "left out by the household rotation; rows without a date only by `forever`",
        ),
    )
    templates: str = Field(
        default="templates", description=bilingual("模板目录", "templates folder")
    )
    issued: list[RegisteredDocument] = Field(
        default_factory=list,
        description=bilingual(
            "发文登记：已使用的文号（整改函的文号记在问题清单中）",
            "document numbers in use besides the letters' (kept in the findings files)",
        ),
    )
    bulletin: BulletinSettings = Field(
        default_factory=BulletinSettings,
        description=bilingual(
            "月度通报的主送、抄送和对象层级", "addressee, copies and units of the bulletin"
        ),
    )
    sheets: SheetSettings = Field(
        default_factory=SheetSettings,
        description=bilingual("导入问题清单电子表格", "importing problem lists from spreadsheets"),
    )
    exclude: list[str] = Field(
        default_factory=list,
        description=bilingual("不检查的文件（glob）", "files to leave out, as glob patterns"),
    )
