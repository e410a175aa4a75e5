"""A policy: catalogue, sampling minimums, deadline rules, accountability thresholds.

Policies are data. Built-in presets live in ``inspectcli/presets/`` as policy documents;
a repository picks one in ``inspect.yaml`` and may override any part of it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, PositiveFloat, PositiveInt

from inspectcli.model.base import ContentCode, Document, Identifier, Model, Text, bilingual
from inspectcli.model.common import SampleSpec


class CatalogueItem(Model):
    code: ContentCode = Field(description=bilingual("内容编号", "content code"))
    title: Text = Field(description=bilingual("督查事项", "what is checked"))


class CatalogueCategory(Model):
    code: ContentCode = Field(description=bilingual("类别编号", "category code"))
    title: Text = Field(description=bilingual("类别", "category"))
    content: str | None = Field(default=None, description=bilingual("督查内容", "what is checked"))
    methods: list[Text] = Field(
        default_factory=list, description=bilingual("督查形式", "how it is checked")
    )
    items: list[CatalogueItem] = Field(default_factory=list, description=bilingual("细项", "items"))
    note: str | None = Field(default=None, description=bilingual("备注", "note"))


PeriodUnit = Literal["days", "working-days", "months"]


class Period(Model):
    """A period counted from an event, as statutes count it (the start day not counted)."""

    amount: PositiveInt = Field(description=bilingual("期限长度", "length of the period"))
    unit: PeriodUnit = Field(
        description=bilingual("单位：日、工作日、月", "unit: days, working-days or months")
    )
    source: str | None = Field(default=None, description=bilingual("依据条款", "the rule"))


class DeadlineRules(Model):
    letter: Period | None = Field(
        default=None,
        description=bilingual(
            "督查结束后发出整改函的期限", "rectification letter due after a round"
        ),
    )
    rectification: Period | None = Field(
        default=None,
        description=bilingual(
            "默认整改期限（自整改函起）", "default rectification period from the letter"
        ),
    )
    feedback: Period | None = Field(
        default=None,
        description=bilingual(
            "巡查反馈后报送整改情况的期限", "report on rectification after patrol feedback"
        ),
    )
    follow_up: Period | None = Field(
        default=None,
        description=bilingual("整改期满后“回头看”的期限", "follow-up revisit after the deadline"),
    )
    archive: Literal["monthly", "quarterly", "yearly"] | None = Field(
        default=None,
        description=bilingual(
            "归档周期（期末最后一个工作日）", "archive on the last working day of each"
        ),
    )
    report: Literal["monthly", "quarterly"] | None = Field(
        default=None,
        description=bilingual("向领导小组汇报的周期", "report to the leading group every"),
    )
    source: str | None = Field(default=None, description=bilingual("依据条款", "the rule"))


# --- accountability (Suzhou art. 39) ------------------------------------------------------

AccountabilityLevel = Literal["village", "town", "county"]
# What is counted per unit, over the findings of a report's period (see inspectcli.report):
# households named by findings tagged mis-identification / wrong-exit, and the people of
# those households (roster `members`) per thousand registered people of the unit.
AccountabilityMeasure = Literal[
    "mis-identified-households",
    "wrongly-exited-households",
    "mis-identified-or-wrongly-exited-permille",
]


class Threshold(Model):
    """One condition: the measure reaches ``at_least`` (inclusive, as 以上（含） reads)."""

    measure: AccountabilityMeasure = Field(
        description=bilingual(
            "计数口径：识别不精准户数、退出不精准户数、识别或退出不精准人口千分比",
            "mis-identified households, wrongly exited households, or people per mille",
        )
    )
    at_least: PositiveFloat = Field(
        description=bilingual("达到即追责（含本数）", "count (or ‰) that triggers it, inclusive")
    )


class AccountabilityRule(Model):
    """A threshold of accountability: reached when ANY of its conditions is (或者)."""

    id: Identifier = Field(description=bilingual("情形编号", "id of the rule"))
    level: AccountabilityLevel = Field(
        description=bilingual("责任层级：村、乡镇、县区", "unit the count is made for")
    )
    when: list[Threshold] = Field(
        min_length=1,
        description=bilingual("追责情形（满足其一即达到）", "conditions; any one reaches the rule"),
    )
    consequence: Text = Field(description=bilingual("处理措施", "the consequence the rule names"))
    source: str | None = Field(default=None, description=bilingual("依据条款", "the rule"))


Frequency = Literal["monthly", "quarterly", "yearly", "as-needed"]


class Policy(Model):
    """The body of a policy, without the document header."""

    name: Identifier = Field(
        description=bilingual("政策标识", "short name used to pick the policy")
    )
    title: Text = Field(description=bilingual("政策文件名称", "title of the policy document"))
    source: str | None = Field(
        default=None, description=bilingual("文号或来源", "document number or source")
    )
    frequency: Frequency | None = Field(
        default=None, description=bilingual("督查频次", "how often rounds run")
    )
    catalogue: list[CatalogueCategory] = Field(
        default_factory=list, description=bilingual("督查内容目录", "content catalogue")
    )
    sampling: SampleSpec = Field(
        default_factory=SampleSpec, description=bilingual("抽样最低要求", "sampling minimums")
    )
    rotation_months: int | None = Field(
        default=None,
        description=bilingual(
            "近N个月已到访单位不再抽取", "leave out units visited in the last N months"
        ),
    )
    deadlines: DeadlineRules = Field(
        default_factory=DeadlineRules, description=bilingual("时限规则", "deadline rules")
    )
    accountability: list[AccountabilityRule] = Field(
        default_factory=list, description=bilingual("问责情形", "accountability thresholds")
    )

    def codes(self) -> dict[str, str]:
        """Every content code of the catalogue, category and item, with its title."""
        found: dict[str, str] = {}
        for category in self.catalogue:
            found[category.code] = category.title
            for item in category.items:
                found[item.code] = item.title
        return found


class PolicyDocument(Document, Policy):
    KIND = "policy"

    kind: Literal["policy"] = Field(description=bilingual("文件类型", "document kind"))
    version: Literal[1] = Field(description=bilingual("格式版本", "schema version"))
