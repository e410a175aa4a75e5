"""The words an officer types for a value, in one place: each value a case file or an
option takes has its English name (what the code compares) and the Chinese words for it.

Files, options, prompts and the JSON Schemas accept both; the model keeps the English
value, and a file keeps the word its author typed (edits change only the keys they set).
In Chinese, a list of choices names the Chinese words.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import core_schema

from inspectcli.model.common import CATEGORY_NAME_ZH, HOUSEHOLD_STATUS_ZH, HOUSEHOLD_STATUSES


@dataclass(frozen=True, eq=False)  # compared and hashed by identity
class Vocabulary:
    """English value → its Chinese words; the first word is the one shown."""

    words: dict[str, tuple[str, ...]]

    @functools.cached_property
    def _lookup(self) -> dict[str, str]:
        table = {value: value for value in self.words}
        for value, chinese in self.words.items():
            table.update((word, value) for word in chinese)
        return table

    def value(self, text: str) -> str | None:
        """The English value ``text`` stands for (surrounding blanks ignored), or None."""
        return self._lookup.get(text.strip())

    def chinese(self, value: str) -> str:
        return self.words[value][0] if self.words.get(value) else value

    def accepted(self) -> tuple[str, ...]:
        """Every word taken: the English values first, then the Chinese words."""
        return tuple(self._lookup)

    def shown(self, values: Iterable[str], language: str) -> tuple[str, ...]:
        """``values`` as a user of ``language`` reads them."""
        if language == "zh":
            return tuple(self.chinese(value) for value in values)
        return tuple(values)


# Finding severity (Heyuan §4 grades problems; 严重 as officers say it, 重大 as the
# scaffold's comment wrote it).
SEVERITY = Vocabulary({"general": ("一般",), "serious": ("较重",), "major": ("严重", "重大")})
# The rectification lifecycle (Heyuan §4-§6; Hainan §5.3).
STATUS = Vocabulary(
    {
        "open": ("未整改",),
        "rectifying": ("整改中",),
        "rectified": ("已整改", "整改完成"),
        "verified": ("已核验", "已验收"),
    }
)
# The two findings the report counts apart (Guangdong art. 2: 识别、退出精准).
TAG = Vocabulary({"mis-identification": ("识别不精准",), "wrong-exit": ("退出不精准",)})
# Guangdong art. 3: 督查 is target-oriented, 巡查 problem-oriented.
KIND = Vocabulary({"supervision": ("督查",), "patrol": ("巡查",)})
SCOPE = Vocabulary({"comprehensive": ("综合", "综合督查"), "special": ("专项", "专项督查")})
# Guangdong art. 12: 明察 and 暗访.
MODE = Vocabulary({"announced": ("明察",), "unannounced": ("暗访",)})
# Guangdong art. 12 lists the methods of a round.
METHOD = Vocabulary(
    {
        "meeting": ("召开会议",),
        "document-review": ("查阅资料",),
        "field-survey": ("实地调研",),
        "questionnaire": ("问卷调查",),
        "interview": ("个别谈话",),
        "hearing-report": ("听取汇报",),
        "public-complaints": ("受理群众来信来访",),
        "random-visit": ("随机抽查",),
        "unannounced-visit": ("暗访",),
        "third-party-evaluation": ("第三方评估",),
        "household-visit": ("入户走访",),
        "data-check": ("系统数据比对",),
    }
)
RESULT = Vocabulary({"passed": ("通过", "核验通过"), "failed": ("未通过", "核验未通过")})
# The built-in policies, by the place whose document each one follows.
PRESET = Vocabulary(
    {
        "guangdong": ("广东", "广东省"),
        "daan": ("大安", "大安区"),
        "heyuan": ("河源", "河源市"),
        "hainan": ("海南", "海南省"),
        "suzhou": ("宿州", "宿州市"),
    }
)
# What a row of `inspect report` counts.
GROUPING = Vocabulary(
    {
        "county": ("县", "县区", "县（区）"),
        "unit": ("单位", "责任单位"),
        "category": ("类别", "问题类别"),
        "group": ("组", "督查组"),
        "household-group": ("户类别分组", "户类别组"),
    }
)
# Household categories, the built-in ones (a policy may add its own: model.policy); not
# in ALL, since a roster's categories are open.
CATEGORY = Vocabulary(
    {
        category: tuple(
            dict.fromkeys(
                (
                    CATEGORY_NAME_ZH[category],
                    *(w for w, c in HOUSEHOLD_STATUS_ZH.items() if c == category),
                )
            )
        )
        for category in HOUSEHOLD_STATUSES
    }
)
FAIL_ON = Vocabulary({"overdue": ("逾期",), "due-today": ("今日到期",), "never": ("从不",)})
FORMAT = Vocabulary({"table": ("表格",), "text": ("文本",)})
# The two layouts of GB/T 9704-2012 (§10.1 the letter format of a 函; the document format).
LAYOUT = Vocabulary({"letter": ("信函格式",), "document": ("文件格式",)})
# The letters of a round: the 整改函 after it, the 督办函 during or after it.
LETTER_KIND = Vocabulary(
    {"rectification-letter": ("整改函",), "supervision-letter": ("督办函", "限时整改督办函")}
)

ALL = (
    SEVERITY,
    STATUS,
    TAG,
    KIND,
    SCOPE,
    MODE,
    METHOD,
    RESULT,
    PRESET,
    GROUPING,
    FAIL_ON,
    LAYOUT,
    LETTER_KIND,
)


def of(values: Iterable[Any]) -> Vocabulary | None:
    """The vocabulary that names every one of ``values`` (a ``Literal``'s or a subset of
    one, such as the statuses an update sets), else the formats' words when some of them
    are formats, else None."""
    wanted = [str(value) for value in values]
    for vocabulary in ALL:
        if set(wanted) <= vocabulary.words.keys():
            return vocabulary
    if set(wanted) & FORMAT.words.keys():
        return Vocabulary({value: FORMAT.words.get(value, ()) for value in wanted})
    return None


@dataclass(frozen=True, eq=False)
class Accepts:
    """``Annotated`` metadata of a field whose value may be written in either language:
    the word becomes the English value before the type is checked, and the JSON Schema
    offers every word, so that an editor completes the Chinese ones too."""

    vocabulary: Vocabulary
    closed: bool = True  # False: other values are allowed too (a repository's own policy)

    def _to_value(self, data: Any) -> Any:
        if isinstance(data, str):
            return self.vocabulary.value(data) or data
        return data

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_before_validator_function(self._to_value, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        if self.closed:
            return {"type": "string", "enum": list(self.vocabulary.accepted())}
        return {**handler(schema), "examples": list(self.vocabulary.accepted())}
