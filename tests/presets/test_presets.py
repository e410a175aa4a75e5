"""Every built-in preset loads and validates, says what its source says, and cites it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from inspectcli.model.policy import PolicyDocument
from inspectcli.pipeline.load import load_bytes
from inspectcli.presets import HERE, load_preset, preset_names

NAMES = preset_names()
SEEDS = Path("/work/shared/seeds")  # the original texts, where this machine has them
# A rule's comment cites its article: 第十八条, §4, §2(五), art. 9, the annex; or says plainly
# that the rule is the office's own choice, not the text's.
CITATION = re.compile(
    r"第[一二三四五六七八九十百]+条|§\s*\d|art\.\s*\d|annex|not in the text", re.IGNORECASE
)
HEADER_KEYS = {"kind", "version", "name", "title", "source"}


def test_the_five_sources_have_a_preset() -> None:
    assert set(NAMES) >= {"guangdong", "daan", "heyuan", "hainan", "suzhou"}


@pytest.mark.parametrize("name", NAMES)
def test_preset_loads_without_problems_through_the_validate_path(name: str) -> None:
    path = HERE / f"{name}.yaml"
    loaded = load_bytes(path.name, path.read_bytes())
    assert loaded.problems == []
    assert isinstance(loaded.model, PolicyDocument)
    assert loaded.model.name == name == path.stem
    assert load_preset(name) == loaded.model


def _top_level_blocks(text: str) -> dict[str, str]:
    """Each top-level key with its lines, the comment lines just above it included."""
    blocks: dict[str, str] = {}
    pending: list[str] = []
    key = None
    for line in text.splitlines():
        match = re.match(r"^([a-z_]+):", line)
        if match:
            key = match.group(1)
            blocks[key] = "\n".join([*pending, line])
            pending = []
        elif line.startswith("#"):
            pending.append(line)
        elif key is not None:
            blocks[key] += "\n" + line
    return blocks


@pytest.mark.parametrize("name", NAMES)
def test_every_rule_cites_its_article_in_a_comment(name: str) -> None:
    blocks = _top_level_blocks((HERE / f"{name}.yaml").read_text(encoding="utf-8"))
    for key, block in blocks.items():
        if key in HEADER_KEYS:
            continue
        comments = " ".join(part.split("#", 1)[1] for part in block.splitlines() if "#" in part)
        assert CITATION.search(comments), f"{name}.yaml: `{key}` has no comment citing its article"


def test_every_visit_duty_cites_its_article_in_a_comment() -> None:
    text = (HERE / "suzhou.yaml").read_text(encoding="utf-8")
    entries = text.split("\n  - roles:")[1:]
    before = text.split("\n  - roles:")[:-1]
    assert len(entries) == 9
    for previous in before:
        assert CITATION.search(previous.splitlines()[-1]), previous.splitlines()[-1]


# --- what each source says (DOMAIN.md) ----------------------------------------------------


def _preset(name: str) -> PolicyDocument:
    preset = load_preset(name)
    assert preset is not None
    return preset


def test_guangdong_supervision_and_patrol_areas_and_feedback_period() -> None:
    policy = _preset("guangdong")
    assert policy.inspection_kinds == ["supervision", "patrol"]  # art. 3
    assert policy.comprehensive is not None
    assert (policy.comprehensive.times, policy.comprehensive.per) == (1, "year")  # art. 8
    supervision = [c for c in policy.catalogue if c.applies_to == "supervision"]
    patrol = [c for c in policy.catalogue if c.applies_to == "patrol"]
    assert len(supervision) == 8  # art. 9
    assert len(patrol) == 4  # art. 15
    assert supervision[3].title == "精准识别、精准退出情况"
    assert patrol[2].title == "贫困村和贫困人口识别、退出问题"
    feedback = policy.deadlines.feedback
    assert feedback is not None and (feedback.amount, feedback.unit) == (2, "months")  # art. 18


def test_daan_monthly_rounds_bulletin_content_and_sampling() -> None:
    policy = _preset("daan")
    assert policy.frequency == "monthly" and policy.bulletin == "monthly"  # §2, §4(五)
    assert policy.inspection_kinds == ["supervision"]
    assert [c.code for c in policy.catalogue] == ["01", "02", "03", "04", "05"]  # §1
    spec = policy.sampling  # §4(一)
    assert (spec.towns, spec.poor_villages) == (2, 1)
    assert spec.households_per_village is not None
    assert (spec.households_per_village.min, spec.households_per_village.max) == (3, 5)


def test_hainan_has_25_problem_types_in_6_categories_numbered_as_the_text() -> None:
    policy = _preset("hainan")
    assert [len(c.items) for c in policy.catalogue] == [5, 5, 4, 4, 4, 3]
    numbers = [int(item.code[2:]) for c in policy.catalogue for item in c.items]
    assert numbers == list(range(1, 26))
    assert all(item.code[:2] == c.code for c in policy.catalogue for item in c.items)
    classic_route = policy.catalogue[4].items[0]
    assert classic_route.code == "0519" and "经典调研线路" in classic_route.signs[0]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the original texts are not on this machine")
def test_hainan_titles_are_the_words_of_the_text() -> None:
    (seed,) = SEEDS.glob("003_*.txt")
    text = seed.read_text(encoding="utf-8")
    policy = _preset("hainan")
    for category in policy.catalogue:
        assert category.title in text
        for item in category.items:
            assert f"{int(item.code[2:])}.{item.title}" in text, item.code
            for sign in item.signs:
                assert sign in text, item.code


def test_hainan_ledger_requires_deadline_target_measures_unit_and_person() -> None:
    ledger = {c.field: c for c in _preset("hainan").ledger}  # §3(三), §5(三)
    for field in ("deadline", "target", "measures", "responsible.unit", "responsible.person"):
        assert ledger[field].required, field


def test_suzhou_visit_duties_are_those_of_articles_4_9_20_28() -> None:
    duties = [
        (tuple(d.roles), d.activity, d.times, d.every_months, d.each, d.source)
        for d in _preset("suzhou").visit_duties
    ]
    assert duties == [
        (("city-leader",), "research-trips", 6, 12, None, "第四条"),
        (("city-leader",), "household-visits", 24, 12, None, "第四条"),
        (("county-leader",), "research-trips", 10, 12, None, "第九条"),
        (("county-leader",), "household-visits", 30, 12, None, "第九条"),
        (("town-party-secretary", "town-mayor"), "household-visits", 60, 1, None, "第二十条"),
        (
            ("town-cadre-for-village",),
            "household-visits",
            1,
            3,
            "every-poor-household-of-village",
            "第二十条",
        ),
        (
            ("village-party-secretary", "first-secretary"),
            "household-visits",
            1,
            2,
            "every-poor-household-of-village",
            "第二十八条",
        ),
        (("first-secretary",), "days-in-village", 22, 1, None, "第二十八条"),
        (("paired-cadre",), "household-visits", 10, 12, "each-paired-household", "第二十八条"),
    ]


def test_a_policy_without_the_new_fields_still_validates() -> None:
    minimal = {"kind": "policy", "version": 1, "name": "old", "title": "一个旧政策"}
    policy = PolicyDocument.model_validate(minimal)
    assert policy.visit_duties == [] and policy.ledger == [] and policy.inspection_kinds == []
