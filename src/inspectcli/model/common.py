"""Values shared by several documents: statuses, classes, the sample specification."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, get_args

from pydantic import Field, NonNegativeInt, PositiveInt

from inspectcli.model.base import Identifier, Model, Text, bilingual

VillageClass = Literal["poor", "ordinary"]
# Household categories (户类别) the tool knows. The first three are the register states of
# the 2016-2018 texts, in the order method v1 hashes and codes them: never reorder them.
# `non-registered` is every household outside the register (一般户); the rest are the
# categories of rural-revitalisation work after 2021, in no seed text (see DOMAIN.md).
# A policy says which of them it uses (`Policy.categories`).
HouseholdStatus = Literal[
    "not-exited",
    "pre-exited",
    "exited",
    "non-registered",
    "lifted",
    "monitored",
    "monitored-unstable",
    "monitored-marginal",
    "monitored-sudden",
]

VILLAGE_CLASSES: tuple[VillageClass, ...] = ("poor", "ordinary")
HOUSEHOLD_STATUSES: tuple[HouseholdStatus, ...] = get_args(HouseholdStatus)
# The register states of the seed texts, the categories of a policy that names none.
REGISTER_STATES: tuple[HouseholdStatus, ...] = HOUSEHOLD_STATUSES[:3]

# The Chinese words an exported roster uses, and the words for messages and documents.
VILLAGE_CLASS_ZH: dict[str, VillageClass] = {
    "贫困村": "poor",
    "面上村": "ordinary",
    "非贫困村": "ordinary",
}
HOUSEHOLD_STATUS_ZH: dict[str, HouseholdStatus] = {
    "未脱贫": "not-exited",
    "未脱贫户": "not-exited",
    "预脱贫": "pre-exited",
    "预脱贫户": "pre-exited",
    "已脱贫": "exited",
    "已脱贫户": "exited",
    "一般户": "non-registered",
    "一般农户": "non-registered",
    "非建档立卡户": "non-registered",
    "脱贫户": "lifted",
    "脱贫人口": "lifted",
    "监测对象": "monitored",
    "监测户": "monitored",
    "脱贫不稳定户": "monitored-unstable",
    "边缘易致贫户": "monitored-marginal",
    "突发严重困难户": "monitored-sudden",
}


# How documents name each category (the register states as the 2016-2018 reports do).
CATEGORY_NAME_ZH: dict[str, str] = {
    "not-exited": "未脱贫户",
    "pre-exited": "预脱贫户",
    "exited": "已脱贫户",
    "non-registered": "一般户",
    "lifted": "脱贫户",
    "monitored": "监测对象",
    "monitored-unstable": "脱贫不稳定户",
    "monitored-marginal": "边缘易致贫户",
    "monitored-sudden": "突发严重困难户",
}


@dataclass(frozen=True)
class CategoryTable:
    """The household categories a roster is read with: ``ids[code]`` is the category of
    code ``code`` (a roster keeps codes, one byte each), ``words`` every word a roster may
    write for one (English id, Chinese name, alias) with its code. The built-in categories
    keep their codes; a policy's own follow them in the order it declares them."""

    ids: tuple[str, ...]
    words: Mapping[str, int]
    names: Mapping[str, str]  # category id → the Chinese name documents use

    def name(self, category: str) -> str:
        return self.names.get(category, category)


def category_table(own: tuple[tuple[str, str, tuple[str, ...]], ...] = ()) -> CategoryTable:
    """The built-in categories, then ``own`` (id, Chinese name, aliases) each."""
    ids = (*HOUSEHOLD_STATUSES, *(category for category, _, _ in own))
    words: dict[str, int] = {category: code for code, category in enumerate(ids)}
    words.update((word, words[category]) for word, category in HOUSEHOLD_STATUS_ZH.items())
    names = dict(CATEGORY_NAME_ZH)
    for category, name, aliases in own:
        words.update(dict.fromkeys((name, *aliases), words[category]))
        names[category] = name
    return CategoryTable(ids, words, names)


BUILT_IN_CATEGORIES = category_table()


class Deviation(Model):
    """Why a round samples less than the policy asks, and who approved it."""

    reason: Text = Field(description=bilingual("理由", "why the round samples less"))
    approved_by: Text = Field(description=bilingual("批准人或批准机关", "who approved it"))


class HouseholdRange(Model):
    """How many households to visit in each sampled village."""

    min: PositiveInt = Field(description=bilingual("每村最少户数", "fewest households per village"))
    max: PositiveInt = Field(description=bilingual("每村最多户数", "most households per village"))


class SampleSpec(Model):
    """Sampling minimums: a policy's, or a plan's own (which override the policy's)."""

    towns: NonNegativeInt | None = Field(
        default=None, description=bilingual("抽查乡镇数", "towns to visit in the round")
    )
    poor_villages: NonNegativeInt | None = Field(
        default=None, description=bilingual("抽查贫困村数", "poor villages to visit")
    )
    ordinary_villages: NonNegativeInt | None = Field(
        default=None, description=bilingual("抽查面上村数", "ordinary (non-poor) villages to visit")
    )
    households_per_village: HouseholdRange | None = Field(
        default=None, description=bilingual("每村抽查户数", "households to visit in each village")
    )
    households_by_status: dict[HouseholdStatus, NonNegativeInt] | None = Field(
        default=None,
        description=bilingual(
            "每村各状态户数，如预脱贫户2户、未脱贫户1户",
            "households of each status per village, e.g. pre-exited: 2, not-exited: 1",
        ),
    )
    villages: NonNegativeInt | None = Field(
        default=None,
        description=bilingual(
            "另抽任意类别的村数（抽样方法 v2）",
            "villages of any class, besides those by class (v2)",
        ),
    )
    households_by_category: dict[Identifier, NonNegativeInt] | None = Field(
        default=None,
        description=bilingual(
            "每村各户类别或分组至少户数，如 registered: 20, non-registered: 5（抽样方法 v2）",
            "households per village of each category or group, e.g. registered: 20, "
            "non-registered: 5 (method v2)",
        ),
    )
    method: Literal["v1", "v2"] | None = Field(
        default=None,
        description=bilingual(
            "抽样方法（缺省 v1；使用 v2 的要求时为 v2）",
            "sampling method (default v1; v2 when a v2 key is used)",
        ),
    )
    source: str | None = Field(
        default=None, description=bilingual("依据条款", "the rule this comes from")
    )
    deviation: Deviation | None = Field(
        default=None,
        description=bilingual(
            "低于政策最低要求的理由和批准人（本轮计划中）",
            "in a plan: why it samples below the policy's minimums, and who approved it",
        ),
    )

    def wanted_method(self) -> Literal["v1", "v2"]:
        """v2 when asked for, or when a key only v2 reads is set; else v1."""
        if self.method is not None:
            return self.method
        v2_only = self.villages is not None or self.households_by_category is not None
        return "v2" if v2_only else "v1"
