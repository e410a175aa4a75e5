"""A policy: catalogue, sampling minimums, deadline rules, accountability thresholds.

Policies are data. Built-in presets live in ``inspectcli/presets/`` as policy documents;
a repository picks one in ``inspect.yaml`` and may override any part of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field, PositiveFloat, PositiveInt

from inspectcli.model.base import ContentCode, Document, Identifier, Model, Text, bilingual
from inspectcli.model.common import (
    HOUSEHOLD_STATUSES,
    REGISTER_STATES,
    CategoryTable,
    HouseholdStatus,
    SampleSpec,
    category_table,
)

InspectionKind = Literal["supervision", "patrol"]


class CatalogueItem(Model):
    code: ContentCode = Field(description=bilingual("内容编号", "content code"))
    title: Text = Field(description=bilingual("督查事项", "what is checked"))
    signs: list[Text] = Field(
        default_factory=list,
        description=bilingual("主要表现", "how the problem typically shows (e.g. Hainan §2)"),
    )


class CatalogueCategory(Model):
    code: ContentCode = Field(description=bilingual("类别编号", "category code"))
    title: Text = Field(description=bilingual("类别", "category"))
    content: str | None = Field(default=None, description=bilingual("督查内容", "what is checked"))
    methods: list[Text] = Field(
        default_factory=list, description=bilingual("督查形式", "how it is checked")
    )
    items: list[CatalogueItem] = Field(default_factory=list, description=bilingual("细项", "items"))
    note: str | None = Field(default=None, description=bilingual("备注", "note"))
    applies_to: InspectionKind | None = Field(
        default=None,
        description=bilingual(
            "只用于督查或只用于巡查（缺省两者皆可）",
            "only for supervision or only for patrol (default: either)",
        ),
    )


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


class AtLeast(Model):
    """A minimum number of times per calendar period, e.g. once a year (Guangdong art. 8)."""

    times: PositiveInt = Field(description=bilingual("至少次数", "at least this many times"))
    per: Literal["month", "quarter", "year"] = Field(
        description=bilingual("每月、每季度或每年", "per month, quarter or year")
    )
    source: str | None = Field(default=None, description=bilingual("依据条款", "the rule"))


VisitActivity = Literal["research-trips", "household-visits", "days-in-village"]
VisitTarget = Literal["every-poor-household-of-village", "each-paired-household"]


class VisitDuty(Model):
    """How often someone must go to the poor: at least ``times`` ``activity`` every
    ``every_months`` months, counted per person, or per household of ``each`` (Suzhou art. 4,
    9, 20, 28)."""

    roles: list[Identifier] = Field(
        min_length=1,
        description=bilingual("承担该义务的人员（标识）", "who has the duty, as identifiers"),
    )
    who: Text = Field(description=bilingual("人员（原文称谓）", "who, as the policy names them"))
    activity: VisitActivity = Field(
        description=bilingual(
            "专题调研、走访贫困户或驻村天数",
            "research trips, household visits or days spent in the village",
        )
    )
    times: PositiveInt = Field(description=bilingual("不少于", "at least this many"))
    every_months: PositiveInt = Field(
        description=bilingual("每N个月（12为每年，3为每季度）", "in every N months (12: a year)")
    )
    each: VisitTarget | None = Field(
        default=None,
        description=bilingual(
            "按户计：本村每个贫困户，或所包每户（缺省按人计）",
            "counted per household: every poor household of the village, or each paired "
            "household (default: per person)",
        ),
    )
    source: str | None = Field(default=None, description=bilingual("依据条款", "the rule"))


LedgerField = Literal[
    "id",
    "content",
    "location",
    "description",
    "responsible.unit",
    "responsible.person",
    "measures",
    "target",
    "deadline",
    "rectification.status",
]


class RectificationRules(Model):
    """What closing a finding (销号) requires."""

    evidence_required: bool = Field(
        default=False,
        description=bilingual(
            "无佐证资料不得标记已整改或已核验（销号）",
            "rectified or verified without evidence is an error, not a warning",
        ),
    )
    backdating_days: int = Field(
        default=10,
        ge=0,
        description=bilingual(
            "记录日期早于提交日期超过N个工作日即为补记（倒签）",
            "a record dated more than N working days before its commit is backdated",
        ),
    )
    history_errors: bool = Field(
        default=False,
        description=bilingual(
            "倒签、改写整改记录按错误处理（缺省为警告）",
            "backdated and rewritten records are errors, not warnings",
        ),
    )


class LedgerColumn(Model):
    """One column of the problem ledger (问题台账) and the finding field that fills it."""

    field: LedgerField = Field(description=bilingual("对应的问题字段", "the finding field"))
    title: Text = Field(description=bilingual("栏目名称", "column heading"))
    required: bool = Field(
        default=False,
        description=bilingual("每个问题都必须填写", "every finding must fill it in"),
    )
    source: str | None = Field(default=None, description=bilingual("依据条款", "the rule"))


class RoundLength(Model):
    """How long a round may last, in calendar days, first and last day counted."""

    max_days: PositiveInt = Field(description=bilingual("每次最多天数", "at most this many days"))
    source: str | None = Field(default=None, description=bilingual("依据条款", "the rule"))


# --- household categories and groups ---------------------------------------------------

# What a policy that names no categories uses: the register states of its text, and the
# households outside the register, which every policy lets a round visit.
DEFAULT_CATEGORIES: tuple[HouseholdStatus, ...] = (*REGISTER_STATES, "non-registered")


def household_categories(
    chosen: list[HouseholdStatus] | None, own: list[OwnCategory] | None = None
) -> tuple[str, ...]:
    """``chosen`` (default: DEFAULT_CATEGORIES) in code order, then the policy's ``own``."""
    wanted = set(chosen if chosen is not None else DEFAULT_CATEGORIES)
    return (*(c for c in HOUSEHOLD_STATUSES if c in wanted), *(c.id for c in own or []))


def category_groups(
    chosen: list[HouseholdStatus] | None,
    groups: list[CategoryGroup] | None,
    own: list[OwnCategory] | None = None,
) -> dict[str, tuple[str, ...]]:
    """Each category alone, then each group; without groups, ``registered`` (the register
    states among the categories, and the own ones marked ``registered``) and
    ``non-registered``."""
    categories = household_categories(chosen, own)
    found: dict[str, tuple[str, ...]] = {c: (c,) for c in categories}
    if groups is None:
        on_register = set(REGISTER_STATES) | {c.id for c in own or [] if c.registered}
        found["registered"] = tuple(c for c in categories if c in on_register)
        found["non-registered"] = ("non-registered",)
    else:
        found.update({g.id: tuple(g.members) for g in groups})
    return found


class OwnCategory(Model):
    """A household category the tool does not know, declared by the policy (e.g. a county
    that visits 低保户 apart): its id, the name documents use and the other words a
    roster may write for it."""

    id: Identifier = Field(description=bilingual("类别标识", "id of the category"))
    name: Text = Field(description=bilingual("中文名称", "its Chinese name"))
    aliases: list[Text] = Field(
        default_factory=list,
        description=bilingual("花名册中的其他写法", "other words a roster writes for it"),
    )
    registered: bool = Field(
        default=False,
        description=bilingual(
            "属于建档立卡户（计入缺省的 registered 分组）",
            "on the poverty register (counted in the default `registered` group)",
        ),
    )
    source: str | None = Field(default=None, description=bilingual("依据条款", "the rule"))


class CategoryGroup(Model):
    """Categories counted together by sampling quotas and reports, e.g. ``registered``."""

    id: Identifier = Field(description=bilingual("分组标识", "id of the group"))
    name: Text = Field(description=bilingual("分组名称", "name of the group"))
    members: list[Identifier] = Field(
        min_length=1, description=bilingual("包含的户类别", "the categories of the group")
    )
    source: str | None = Field(default=None, description=bilingual("依据条款", "the rule"))


Forever = Literal["forever"]
# A roster keeps a category as one byte; 255 marks a bad cell, the built-in ones come first.
OWN_CATEGORIES_LIMIT = 200


class Rotation(Model):
    """How long a visited unit is left out of later draws, per level: months or forever."""

    towns: PositiveInt | Forever | None = Field(
        default=None, description=bilingual("乡镇轮换月数或 forever", "months, or forever")
    )
    villages: PositiveInt | Forever | None = Field(
        default=None, description=bilingual("村轮换月数或 forever", "months, or forever")
    )
    households: PositiveInt | Forever | None = Field(
        default=None, description=bilingual("农户轮换月数或 forever", "months, or forever")
    )
    source: str | None = Field(default=None, description=bilingual("依据条款", "the rule"))


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
    inspection_kinds: list[InspectionKind] = Field(
        default_factory=list,
        description=bilingual(
            "本政策规定的督查巡查类型（缺省不限）",
            "kinds of round the policy provides for: supervision, patrol (default: any)",
        ),
    )
    comprehensive: AtLeast | None = Field(
        default=None,
        description=bilingual("综合督查至少频次", "comprehensive supervision at least this often"),
    )
    bulletin: Frequency | None = Field(
        default=None, description=bilingual("通报频次", "how often results are circulated")
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
    round_length: RoundLength | None = Field(
        default=None,
        description=bilingual("每次督查的天数上限", "how many days a round may last"),
    )
    liaison_per_county: str | None = Field(
        default=None,
        description=bilingual(
            "每个县区须有联络员（填写依据条款）",
            "every county of a round needs a liaison: the rule that says so",
        ),
    )
    rotation: Rotation | None = Field(
        default=None,
        description=bilingual(
            "分层轮换：乡镇、村、农户各自的月数或 forever（抽样方法 v2）",
            "rotation per level: months or forever for towns, villages, households (method v2)",
        ),
    )
    categories: list[HouseholdStatus] | None = Field(
        default=None,
        description=bilingual(
            "本政策的户类别（缺省：三种建档立卡状态和一般户）",
            "household categories of the policy (default: the three register states and "
            "non-registered)",
        ),
    )
    own_categories: list[OwnCategory] | None = Field(
        default=None,
        max_length=OWN_CATEGORIES_LIMIT,
        description=bilingual(
            "本政策自定的户类别（如低保户），在 categories 之外",
            "household categories of the policy's own (e.g. 低保户), besides `categories`",
        ),
    )
    groups: list[CategoryGroup] | None = Field(
        default=None,
        description=bilingual(
            "抽样和统计使用的户类别分组（缺省：registered、non-registered）",
            "groups of categories for sampling and reports (default: registered, non-registered)",
        ),
    )
    deadlines: DeadlineRules = Field(
        default_factory=DeadlineRules, description=bilingual("时限规则", "deadline rules")
    )
    accountability: list[AccountabilityRule] = Field(
        default_factory=list, description=bilingual("问责情形", "accountability thresholds")
    )
    ledger: list[LedgerColumn] = Field(
        default_factory=list,
        description=bilingual("问题台账栏目", "columns of the problem ledger"),
    )
    rectification: RectificationRules = Field(
        default_factory=RectificationRules,
        description=bilingual("整改销号要求", "what closing a finding requires"),
    )
    visit_duties: list[VisitDuty] = Field(
        default_factory=list,
        description=bilingual("走访、调研和驻村要求", "duties to visit, research and stay"),
    )

    def household_categories(self) -> tuple[str, ...]:
        """The categories a roster may give a household under this policy, in code order."""
        return household_categories(self.categories, self.own_categories)

    def category_groups(self) -> dict[str, tuple[str, ...]]:
        """Every name a quota may count by: each category (itself alone) and each group."""
        return category_groups(self.categories, self.groups, self.own_categories)

    def category_table(self) -> CategoryTable:
        """The words a roster may write for a category, the built-in and the policy's own."""
        own = self.own_categories or []
        return category_table(tuple((c.id, c.name, tuple(c.aliases)) for c in own))

    def _entries(self) -> Iterator[tuple[str, str, str]]:
        """Code, title and category code of every category and item, in catalogue order."""
        for category in self.catalogue:
            yield category.code, category.title, category.code
            for item in category.items:
                yield item.code, item.title, category.code

    def codes(self) -> dict[str, str]:
        """Every content code of the catalogue, category and item, with its title."""
        return {code: title for code, title, _ in self._entries()}

    def category_of(self) -> dict[str, str]:
        """Each content code's category code, a category being its own: the catalogue is
        a hierarchy of two levels, so an item such as ``0302`` lies under ``03``."""
        return {code: category for code, _, category in self._entries()}


class PolicyDocument(Document, Policy):
    KIND = "policy"

    kind: Literal["policy"] = Field(description=bilingual("文件类型", "document kind"))
    version: Literal[1] = Field(description=bilingual("格式版本", "schema version"))
