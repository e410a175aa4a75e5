"""Values shared by several documents: statuses, classes, the sample specification."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, NonNegativeInt, PositiveInt

from inspectcli.model.base import Model, bilingual

VillageClass = Literal["poor", "ordinary"]
HouseholdStatus = Literal["not-exited", "pre-exited", "exited"]

VILLAGE_CLASSES: tuple[VillageClass, ...] = ("poor", "ordinary")
HOUSEHOLD_STATUSES: tuple[HouseholdStatus, ...] = ("not-exited", "pre-exited", "exited")

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
}


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
    source: str | None = Field(
        default=None, description=bilingual("依据条款", "the rule this comes from")
    )
