"""Groups are listed as an officer counts them: 第二督查组 before 第十督查组 and 第三督查组."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from inspectcli.render.report import ordinal
from inspectcli.report.compute import natural_order


def test_groups_in_the_order_they_are_counted() -> None:
    groups = ["第三督查组", "第十督查组", "第一督查组", "第十二督查组", "第二督查组"]
    assert sorted(groups, key=natural_order) == [
        "第一督查组",
        "第二督查组",
        "第三督查组",
        "第十督查组",
        "第十二督查组",
    ]
    assert sorted(["第10组", "第2组", "第1组"], key=natural_order) == ["第1组", "第2组", "第10组"]


@given(st.integers(1, 99), st.integers(1, 99))
def test_chinese_numerals_compare_by_value(a: int, b: int) -> None:
    first, second = f"第{ordinal(a)}督查组", f"第{ordinal(b)}督查组"
    assert (natural_order(first) < natural_order(second)) == (a < b)


def test_a_run_that_is_no_numeral_sorts_by_its_digits() -> None:
    assert sorted(["组一二", "组十十", "组三"], key=natural_order) == ["组十十", "组三", "组一二"]
