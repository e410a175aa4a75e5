"""`inspect policy show` lists the rules of a policy that stay data only, with the reason,
on standard error, so that standard output still loads as a policy."""

from __future__ import annotations

import yaml
from typer.testing import CliRunner

from inspectcli.cli.root import app
from inspectcli.presets import load_preset

runner = CliRunner()


def test_suzhou_visit_duties_are_listed_as_data_only() -> None:
    result = runner.invoke(app, ["policy", "show", "suzhou"])
    assert result.exit_code == 0
    assert "data only, not checked: `visit_duties`" in result.stderr
    assert yaml.safe_load(result.stdout)["name"] == "suzhou"


def test_heyuan_reminders_are_data_only_and_checked_rules_are_not_listed() -> None:
    result = runner.invoke(app, ["policy", "show", "heyuan", "--format", "json"])
    assert "`deadlines.archive`" in result.stderr
    assert "`deadlines.report`" in result.stderr
    assert "round_length" not in result.stderr  # checked by inspect validate
    assert "sampling" not in result.stderr


def test_quiet_keeps_the_list_out() -> None:
    result = runner.invoke(app, ["--quiet", "policy", "show", "suzhou"])
    assert result.exit_code == 0
    assert "data only" not in result.stderr


def test_guangdong_feedback_cites_the_article_that_sets_two_months() -> None:
    # 第十八条 sets the 2 months after a patrol's feedback (第十二条 is the supervision rule,
    # with no period); the rectification letter and period are in no Guangdong article.
    policy = load_preset("guangdong")
    assert policy is not None
    feedback = policy.deadlines.feedback
    assert feedback is not None and (feedback.amount, feedback.unit) == (2, "months")
    assert feedback.source is not None and feedback.source.startswith("第十八条")
    assert policy.deadlines.rectification is None and policy.deadlines.letter is None
