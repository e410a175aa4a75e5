"""The problem list of a round and the rectification record of each problem.

Heyuan §4 (problem list, deadline), §6 (extension with reason and new date);
Hainan §3.3, §5.3 (ledger: deadline, target, measures, responsible unit and person).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, get_args

from pydantic import Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from inspectcli.model import vocabulary
from inspectcli.model.base import ContentCode, Document, Identifier, Model, Text, bilingual
from inspectcli.model.moment import When, end_of, to_moment

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


class Measure(Model):
    """One measure of a rectification plan, with its own deadline and person (a township's
    整改方案 lists several under one problem)."""

    text: Text = Field(description=bilingual("整改措施", "the measure"))
    deadline: When | None = Field(
        default=None, description=bilingual("完成时限", "deadline of this measure")
    )
    person: Text | None = Field(default=None, description=bilingual("责任人", "person in charge"))


Role = Literal["lead", "responsible"]
ROLES: tuple[Role, ...] = ("lead", "responsible")


def _no_date() -> Any:
    """No date yet: a finding's deadline may come from its measures (see `Finding`)."""
    return None


class EvidenceFile(Model):
    """A file of the repository that proves the rectification (佐证资料), and the SHA-256 of
    what was submitted (`inspect finding update --evidence-file`)."""

    file: Text = Field(
        description=bilingual("佐证文件在案卷库中的路径", "the file's path in the repository")
    )
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = Field(
        default=None, description=bilingual("文件的 SHA-256", "the file's SHA-256")
    )


# A label of material kept elsewhere (on paper), or a file in the repository.
Evidence = Text | EvidenceFile


class Update(Model):
    date: When = Field(description=bilingual("日期", "date"))
    status: StatusWord | None = Field(default=None, description=bilingual("状态", "new status"))
    note: Text = Field(description=bilingual("进展说明", "what was done"))
    evidence: list[Evidence] = Field(
        default_factory=list, description=bilingual("佐证材料", "evidence")
    )


class Extension(Model):
    requested: When = Field(description=bilingual("申请日期", "date requested"))
    reason: Text = Field(description=bilingual("延期原因", "reason (Heyuan §6)"))
    new_deadline: When = Field(description=bilingual("申请的新时限", "requested new deadline"))
    decision: Literal["pending", "approved", "rejected"] = Field(
        default="pending", description=bilingual("审批结果", "decision")
    )
    decided: When | None = Field(default=None, description=bilingual("审批日期", "date decided"))


class Verification(Model):
    date: When = Field(description=bilingual("核验日期", "date of the follow-up revisit"))
    by: Text = Field(description=bilingual("核验人", "who verified"))
    result: ResultWord = Field(description=bilingual("核验结论", "result"))
    note: str | None = Field(default=None, description=bilingual("说明", "note"))


class Rectification(Model):
    status: StatusWord = Field(
        default="open", description=bilingual("整改状态", "open, rectifying, rectified or verified")
    )
    rectified: When | None = Field(
        default=None, description=bilingual("整改完成日期", "date rectified")
    )
    evidence: list[Evidence] = Field(
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
    revisits: list[Verification] = Field(
        default_factory=list,
        description=bilingual(
            "此前各次“回头看”（未通过的），按时间先后；最近一次在 verification",
            "the earlier follow-up revisits (those that failed), oldest first; the latest is "
            "`verification`",
        ),
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
    lead: Responsible | None = Field(
        default=None, description=bilingual("牵头单位和责任人", "lead unit and its person")
    )
    responsible: Responsible | Annotated[list[Responsible], Field(min_length=1)] = Field(
        description=bilingual(
            "责任单位和责任人，可为多个", "responsible unit and person, or a list of them"
        ),
    )
    severity: SeverityWord = Field(
        default="general", description=bilingual("严重程度", "general, serious or major")
    )
    measures: Text | Annotated[list[Measure], Field(min_length=1)] = Field(
        description=bilingual(
            "整改要求（措施），或多条措施各有时限和责任人",
            "required measures: a text, or a list of measures each with its deadline and person",
        ),
    )
    target: Text | None = Field(
        default=None, description=bilingual("整改目标", "rectification target")
    )
    # Typed as a date for every reader: `_deadline_from_measures` fills it in when only the
    # measures give one, and `_deadline_given` refuses a finding that has none at all.
    deadline: When = Field(
        default_factory=_no_date,
        description=bilingual(
            "整改时限，缺省为各项措施中最晚的时限",
            "rectification deadline; by default the latest deadline of its measures",
        ),
    )
    on_the_spot: bool = Field(
        default=False,
        description=bilingual(
            "立行立改：巡查期间即行整改（广东第十六条（二））",
            "rectified on the spot, while the round is running (Guangdong art. 16(2))",
        ),
    )
    tags: list[TagWord] = Field(
        default_factory=list,
        description=bilingual("识别不精准、退出不精准", "mis-identification, wrong-exit"),
    )
    rectification: Rectification = Field(
        default_factory=Rectification, description=bilingual("整改情况", "rectification record")
    )

    @model_validator(mode="before")
    @classmethod
    def _deadline_from_measures(cls, data: Any) -> Any:
        if not isinstance(data, dict) or "deadline" in data:
            return data
        measures = data.get("measures")
        if not isinstance(measures, list):
            return data
        dates = [to_moment(m.get("deadline")) for m in measures if isinstance(m, dict)]
        if dates and all(isinstance(d, dt.date) for d in dates):
            return {**data, "deadline": max(dates, key=end_of)}
        return data

    @model_validator(mode="after")
    def _deadline_given(self) -> Finding:
        if self.deadline is None:
            raise PydanticCustomError("deadline_missing", "no deadline")
        return self

    @property
    def responsibles(self) -> list[Responsible]:
        given = self.responsible
        return given if isinstance(given, list) else [given]

    def units(self) -> list[tuple[Role, Responsible]]:
        """Every unit the finding names with its role: the lead first, then the rest."""
        named: list[tuple[Role, Responsible]] = [("lead", self.lead)] if self.lead else []
        return named + [("responsible", r) for r in self.responsibles]

    @property
    def first_unit(self) -> Responsible:
        """The unit that answers first for the finding: its lead, else the first named."""
        return self.lead or self.responsibles[0]

    @property
    def measure_list(self) -> list[Measure]:
        given = self.measures
        return [Measure(text=given)] if isinstance(given, str) else given

    def measures_text(self) -> str:
        """The measures on one line: a text as written, a list numbered (1) … (2) …."""
        if isinstance(self.measures, str):
            return self.measures
        return " ".join(f"({i}) {m.text}" for i, m in enumerate(self.measures, 1))


LetterKind = Literal["rectification-letter", "supervision-letter"]


class Letter(Model):
    kind: LetterKind = Field(
        default="rectification-letter",
        description=bilingual(
            "整改函，或督查期间及之后发出的（限时整改）督办函",
            "a rectification letter, or a supervision letter (督办函) sent during or after a round",
        ),
    )
    number: Text | None = Field(
        default=None, description=bilingual("整改函文号", "document number")
    )
    date: dt.date | None = Field(default=None, description=bilingual("发函日期", "date sent"))
    to: Text | None = Field(default=None, description=bilingual("主送单位", "addressee"))
    copy_to: list[Text] = Field(
        default_factory=list, description=bilingual("抄送单位", "copied to")
    )
    deadline: When | None = Field(
        default=None,
        description=bilingual(
            "督办函的整改时限，为未写时限的问题的时限",
            "the letter's deadline, which is that of every finding that gives none",
        ),
    )

    @property
    def supervision(self) -> bool:
        return self.kind == "supervision-letter"


class FeedbackReport(Model):
    """The county's report on its rectification after patrol feedback (Guangdong art. 18:
    反馈整改情况 within 2 months): recording it meets that deadline."""

    date: When = Field(description=bilingual("报送日期", "date the report was sent"))
    number: Text | None = Field(default=None, description=bilingual("报告文号", "its number"))


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
    feedback_report: FeedbackReport | None = Field(
        default=None,
        description=bilingual(
            "巡查反馈后被巡查地区报送的整改情况报告（广东第十八条）",
            "the rectification report sent after patrol feedback (Guangdong art. 18)",
        ),
    )
    findings: list[Finding] = Field(description=bilingual("问题清单", "the problems found"))

    @model_validator(mode="before")
    @classmethod
    def _deadline_from_letter(cls, data: Any) -> Any:
        """A 督办函 gives one deadline for its problems: each finding without its own (or
        its measures') takes it."""
        if not isinstance(data, dict) or not isinstance(data.get("letter"), dict):
            return data
        due, found = data["letter"].get("deadline"), data.get("findings")
        if due is None or not isinstance(found, list):
            return data
        filled = [
            {**f, "deadline": due}
            if isinstance(f, dict)
            and "deadline" not in f
            and not isinstance(f.get("measures"), list)
            else f
            for f in found
        ]
        return {**data, "findings": filled}

    suggestions: list[Text] = Field(
        default_factory=list,
        description=bilingual(
            "督查组对该县（区）的意见建议，写入督查报告（广东第十、十六条）",
            "the group's opinions and suggestions for this county, for the written report "
            "(Guangdong art. 10, 16)",
        ),
    )
