"""The sampling frame: counties, towns, villages and households.

Large rosters are CSV exports (see ``inspectcli.repo.roster``); small ones may be YAML
documents of this kind. Both become the same ``RosterRow`` list.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, NonNegativeInt

from inspectcli.model import vocabulary
from inspectcli.model.base import Document, Identifier, Model, Text, bilingual
from inspectcli.model.common import VillageClass

# A built-in category or one of the policy's own (checked against the policy in force).
CategoryWord = Annotated[Text, vocabulary.Accepts(vocabulary.CATEGORY, closed=False)]


class Household(Model):
    id: Identifier = Field(description=bilingual("户编号（稳定不变）", "stable household id"))
    head: Text = Field(description=bilingual("户主姓名", "head of household"))
    status: CategoryWord = Field(
        description=bilingual(
            "户类别：未脱贫户、预脱贫户、已脱贫户、一般户等，或政策自定的类别",
            "category: not-exited, pre-exited, exited, non-registered…, or the policy's own",
        )
    )
    members: NonNegativeInt | None = Field(
        default=None, description=bilingual("家庭人口", "people in the household")
    )
    id_number: str | None = Field(
        default=None, description=bilingual("身份证号（敏感）", "ID number (sensitive)")
    )
    phone: str | None = Field(
        default=None, description=bilingual("联系电话（敏感）", "phone (sensitive)")
    )


class Village(Model):
    name: Text = Field(description=bilingual("村名", "village"))
    village_class: VillageClass = Field(
        alias="class", description=bilingual("贫困村或面上村", "poor or ordinary village")
    )
    households: list[Household] = Field(
        default_factory=list, description=bilingual("农户", "households")
    )


class Town(Model):
    name: Text = Field(description=bilingual("乡镇（街道）", "town"))
    villages: list[Village] = Field(default_factory=list, description=bilingual("村", "villages"))


class County(Model):
    name: Text = Field(description=bilingual("县（区）", "county"))
    towns: list[Town] = Field(default_factory=list, description=bilingual("乡镇", "towns"))


class RosterDocument(Document):
    KIND = "roster"

    kind: Literal["roster"] = Field(description=bilingual("文件类型", "document kind"))
    version: Literal[1] = Field(description=bilingual("格式版本", "schema version"))
    counties: list[County] = Field(description=bilingual("县（区）", "counties"))
