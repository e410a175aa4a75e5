"""The problem list of a round and the rectification record of each problem.

Heyuan §4 (problem list, deadline), §6 (extension with reason and new date);
Hainan §3.3, §5.3 (ledger: deadline, target, measures, responsible unit and person).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, get_args

from pydantic import Field

from inspectcli.model import vocabulary
from inspectcli.model.base import ContentCode, Document, Identifier, Model, Text, bilingual

RectificationStatus = Literal["open", "rectifying", "rectified", "verified"]
Severity = Literal["general", "serious", "major"]
Tag = Literal["mis-identification", "wrong-exit"]
SEVERITY_VALUES: tuple[Severity, ...] = get_args(Severity)
STATUS_VALUES: tuple[RectificationStatus, ...] = get_args(RectificationStatus)

SEVERITY_ZH: dict[str, str] = {
    value: vocabulary.SEVERITY.chinese(value) for value in SEVERITY_VALUES
}
STATUS_ZH: dict[str, str] = {value: vocabulary.STATUS.chinese(value) for value in STATUS_VALUES}

# The same values as written in a file: English or Chinese (严重, 整改中, 识别不精准).
StatusWord = Annotated[RectificationStatus, vocabulary.Accepts(vocabulary.STATUS)]
SeverityWord = Annotated[Severity, vocabulary.Accepts(vocabulary.SEVERITY)]
TagWord = Annotated[Tag, vocabulary.Accepts(vocabulary.TAG)]
ResultWord = Annotated[Literal["passed", "failed"], vocabulary.Accepts(vocabulary.RESULT)]


class Location(Model):
    county: Text = Field(description=bilingual("县（区）", "county"))
    town: Text | None = Field(default=None, description=bilingual("乡镇", "town"))
    village: Text | None = Field(default=None, description=bilingual("村", "village"))
    household: Text | None = Field(default=None, description=bilingual("户编号", "household id"))
    missing_household: Text | None = Field(
        default=None,
        description=bilingual(
            "名册中没有的应纳未纳户（漏评）户主姓名，须写明所在村，不填户编号",
            "head of a household missing from the register (漏评): give its village, no id",
        ),
    )


class Responsible(Model):
    unit: Text = Field(description=bilingual("责任单位", "responsible unit"))
    person: Text | None = Field(default=None, description=bilingual("责任人", "responsible person"))


class Update(Model):
    date: dt.date = Field(description=bilingual("日期", "date"))
    status: StatusWord | None = Field(default=None, description=bilingual("状态", "new status"))
    note: Text = Field(description=bilingual("进展说明", "what was done"))
    evidence: list[Text] = Field(
        default_factory=list, description=bilingual("佐证材料", "evidence")
    )


class Extension(Model):
    requested: dt.date = Field(description=bilingual("申请日期", "date requested"))
    reason: Text = Field(description=bilingual("延期原因", "reason (Heyuan §6)"))
    new_deadline: dt.date = Field(description=bilingual("申请的新时限", "requested new deadline"))
    decision: Literal["pending", "approved", "rejected"] = Field(
        default="pending", description=bilingual("审批结果", "decision")
    )
    decided: dt.date | None = Field(default=None, description=bilingual("审批日期", "date decided"))


class Verification(Model):
    date: dt.date = Field(description=bilingual("核验日期", "date of the follow-up revisit"))
    by: Text = Field(description=bilingual("核验人", "who verified"))
    result: ResultWord = Field(description=bilingual("核验结论", "result"))
    note: str | None = Field(default=None, description=bilingual("说明", "note"))


class Rectification(Model):
    status: StatusWord = Field(
        default="open", description=bilingual("整改状态", "open, rectifying, rectified or verified")
    )
    rectified: dt.date | None = Field(
        default=None, description=bilingual("整改完成日期", "date rectified")
    )
    evidence: list[Text] = Field(
        default_factory=list, description=bilingual("整改佐证", "evidence of rectification")
    )
    updates: list[Update] = Field(
        default_factory=list, description=bilingual("进展记录", "dated updates")
    )
    extensions: list[Extension] = Field(
        default_factory=list, description=bilingual("延期申请", "extension requests")
    )
    verification: Verification | None = Field(
        default=None, description=bilingual("“回头看”核验", "follow-up verification")
    )


class Finding(Model):
    id: Identifier = Field(
        description=bilingual("问题编号", "finding id, unique in the repository")
    )
    content: ContentCode = Field(
        description=bilingual("督查内容编号", "content code from the catalogue")
    )
    location: Location = Field(description=bilingual("问题所在地", "where the problem was found"))
    description: Text = Field(description=bilingual("具体问题", "the problem"))
    evidence: list[Text] = Field(
        default_factory=list, description=bilingual("问题佐证", "evidence")
    )
    responsible: Responsible = Field(
        description=bilingual("责任单位和责任人", "responsible unit and person")
    )
    severity: SeverityWord = Field(
        default="general", description=bilingual("严重程度", "general, serious or major")
    )
    measures: Text = Field(description=bilingual("整改要求（措施）", "required measures"))
    target: Text | None = Field(
        default=None, description=bilingual("整改目标", "rectification target")
    )
    deadline: dt.date = Field(description=bilingual("整改时限", "rectification deadline"))
    tags: list[TagWord] = Field(
        default_factory=list,
        description=bilingual("识别不精准、退出不精准", "mis-identification, wrong-exit"),
    )
    rectification: Rectification = Field(
        default_factory=Rectification, description=bilingual("整改情况", "rectification record")
    )


class Letter(Model):
    number: Text | None = Field(
        default=None, description=bilingual("整改函文号", "document number")
    )
    date: dt.date | None = Field(default=None, description=bilingual("发函日期", "date sent"))
    to: Text | None = Field(default=None, description=bilingual("主送单位", "addressee"))
    copy_to: list[Text] = Field(
        default_factory=list, description=bilingual("抄送单位", "copied to")
    )


class FindingsDocument(Document):
    KIND = "findings"

    kind: Literal["findings"] = Field(description=bilingual("文件类型", "document kind"))
    version: Literal[1] = Field(description=bilingual("格式版本", "schema version"))
    plan: Identifier = Field(
        description=bilingual("所属督查方案编号", "id of the plan of the round")
    )
    county: Text | None = Field(
        default=None,
        description=bilingual("被督查县（区）", "the inspected county this list goes to"),
    )
    exchanged: dt.date | None = Field(
        default=None,
        description=bilingual("交换意见日期", "date opinions were exchanged with the unit"),
    )
    letter: Letter | None = Field(
        default=None, description=bilingual("整改函", "rectification letter")
    )
    findings: list[Finding] = Field(description=bilingual("问题清单", "the problems found"))
    suggestions: list[Text] = Field(
        default_factory=list,
        description=bilingual(
            "督查组对该县（区）的意见建议，写入督查报告（广东第十、十六条）",
            "the group's opinions and suggestions for this county, for the written report "
            "(Guangdong art. 10, 16)",
        ),
    )
