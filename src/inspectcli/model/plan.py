"""The plan of one round of one inspection group (Guangdong art. 10, 16; Heyuan §2, §4)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, get_args

from pydantic import Field

from inspectcli.model import vocabulary
from inspectcli.model.base import ContentCode, Document, Identifier, Model, Text, bilingual
from inspectcli.model.common import SampleSpec, VillageClass

Method = Literal[
    "meeting",
    "document-review",
    "field-survey",
    "questionnaire",
    "interview",
    "hearing-report",
    "public-complaints",
    "random-visit",
    "unannounced-visit",
    "third-party-evaluation",
    "household-visit",
    "data-check",
]

METHOD_ZH: dict[str, str] = {value: vocabulary.METHOD.chinese(value) for value in get_args(Method)}

# The values as written in a plan: English or Chinese (督查, 暗访, 入户走访).
MethodWord = Annotated[Method, vocabulary.Accepts(vocabulary.METHOD)]
KindWord = Annotated[Literal["supervision", "patrol"], vocabulary.Accepts(vocabulary.KIND)]
ScopeWord = Annotated[Literal["comprehensive", "special"], vocabulary.Accepts(vocabulary.SCOPE)]
ModeWord = Annotated[Literal["announced", "unannounced"], vocabulary.Accepts(vocabulary.MODE)]


class Group(Model):
    name: Text = Field(description=bilingual("督查组名称", "group name"))
    leader: Text = Field(description=bilingual("组长", "leader, who answers for the group"))
    members: list[Text] = Field(default_factory=list, description=bilingual("成员", "members"))
    liaisons: dict[str, Text] = Field(
        default_factory=dict,
        description=bilingual("各县联络员（县名: 姓名）", "one liaison per county (county: name)"),
    )


class SampledUnit(Model):
    id: Text = Field(description=bilingual("单位编号", "unit id as in the roster"))
    ticket: str = Field(
        pattern=r"^[0-9a-f]{64}$",
        description=bilingual("抽签值 SHA-256", "the unit's SHA-256 ticket"),
    )


class SampledTown(SampledUnit):
    pass


class SampledVillage(SampledUnit):
    town: Text = Field(description=bilingual("所属乡镇编号", "id of its town"))
    village_class: VillageClass = Field(
        alias="class", description=bilingual("村类别", "village class")
    )


class SampledHousehold(SampledUnit):
    village: Text = Field(description=bilingual("所属村编号", "id of its village"))
    status: Identifier = Field(
        description=bilingual("户类别（政策的类别）", "household category (of the policy)")
    )


class Sample(Model):
    """A drawn sample, recorded so that anyone can re-derive it (methods v1 and v2, see README)."""

    seed: Text = Field(description=bilingual("随机种子", "seed of the draw"))
    method: Literal["v1", "v2"] = Field(
        description=bilingual("抽样方法版本", "sampling method version")
    )
    tool_version: Text = Field(description=bilingual("工具版本", "inspectcli version that drew it"))
    frame_sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$",
        description=bilingual("抽样框摘要", "SHA-256 of the canonical frame"),
    )
    drawn: dt.date | None = Field(
        default=None, description=bilingual("抽样日期", "date of the draw")
    )
    excluded: list[Text] = Field(
        default_factory=list,
        description=bilingual(
            "因近期已到访而排除的单位", "units left out because visited recently"
        ),
    )
    towns: list[SampledTown] = Field(default_factory=list, description=bilingual("乡镇", "towns"))
    villages: list[SampledVillage] = Field(
        default_factory=list, description=bilingual("村", "villages")
    )
    households: list[SampledHousehold] = Field(
        default_factory=list, description=bilingual("农户", "households")
    )


class PlanDocument(Document):
    KIND = "plan"

    kind: Literal["plan"] = Field(description=bilingual("文件类型", "document kind"))
    version: Literal[1] = Field(description=bilingual("格式版本", "schema version"))
    id: Identifier = Field(description=bilingual("本轮督查编号", "id of the round"))
    title: Text | None = Field(default=None, description=bilingual("标题", "title"))
    type: KindWord = Field(
        description=bilingual(
            "督查或巡查", "supervision (target-oriented) or patrol (problem-oriented)"
        )
    )
    scope: ScopeWord = Field(
        description=bilingual("综合督查或专项督查", "comprehensive or special")
    )
    mode: ModeWord = Field(description=bilingual("明察或暗访", "announced or unannounced"))
    group: Group = Field(description=bilingual("督查组", "inspection group"))
    counties: list[Text] = Field(
        min_length=1, description=bilingual("督查县（区）", "counties inspected")
    )
    start: dt.date = Field(description=bilingual("开始日期", "first day of the round"))
    end: dt.date = Field(description=bilingual("结束日期", "last day of the round"))
    content: list[ContentCode] = Field(
        default_factory=list,
        description=bilingual("督查内容编号", "content codes from the catalogue"),
    )
    methods: list[MethodWord] = Field(
        default_factory=list, description=bilingual("督查方式", "methods")
    )
    feedback: dt.date | None = Field(
        default=None,
        description=bilingual("巡查反馈日期", "date the patrol's findings were fed back"),
    )
    sampling: SampleSpec | None = Field(
        default=None,
        description=bilingual("本轮抽样要求（覆盖政策）", "sample specification for this round"),
    )
    sample: Sample | None = Field(
        default=None, description=bilingual("已抽取的样本", "the drawn sample")
    )
