"""`inspect report`: rectification figures, the problem ledger and accountability.

One computation (``compute.build_report``) makes a ``model.Report`` of plain data; the
table, Markdown, JSON and xlsx renderers only lay it out, so every format shows the same
numbers; the bulletin and the group's report (``render.figures``) count with it too.

Definitions (also in the README):

- **Period.** A finding belongs to the period (``2026-11``, ``2026Q4``, ``2026``) in which
  its round started: the ``start`` of the plan its problem list names. Rounds last a day
  or two and their ids carry that month.
- **As of.** Everything is counted as of one date (``--as-of``, default today), as
  ``inspect deadline`` counts it: rectification dated after that day is not yet done.
- **Rectified / verified.** A finding is *verified* when its status is ``verified`` (and
  the follow-up verification, if dated, is on or before the as-of date); *rectified* when
  it is ``rectified``, or ``verified`` with a later verification date. Both need the
  ``rectified`` date, if written, on or before the as-of date.
- **Overdue.** Not done, and the deadline in force is past: the state ``overdue`` of
  ``deadlines.derive.state_of``; never stored in a file. The deadline in force is the
  ``new_deadline`` of the last approved extension (Heyuan §6), else the finding's own.
- **整改率 (rectification rate, Heyuan §6)** = (rectified + verified) / findings.
- **On-time rate** = findings done on or before the deadline in force / (findings done +
  findings overdue). Findings still open within their deadline are not yet settled and
  count in neither. A done finding without a ``rectified`` date counts as on time, as in
  ``inspect deadline``.
- A group with nothing to divide by shows "—" (``None`` in the data, ``null`` in JSON).
- **Groupings.** ``county``: the finding's county (every county of the period's plans is
  shown, with or without findings); ``unit``: the responsible unit; ``category``: the
  top-level entry of the policy's content catalogue the finding's content code belongs to
  (all entries shown, in catalogue order, with the policy's names); ``group``: the
  inspection group of the round's plan.
- **Ledger (台账, Hainan §3.3, §5.3).** One line per finding of the period: 问题编号, 县,
  具体问题, 整改目标, 整改措施, 责任单位, 责任人, 整改时限 (in force), 状态 (as of),
  完成日期, 是否逾期 (是 / 否 / 逾期完成).
- **Accountability (Suzhou art. 39).** See ``accountability``: households tagged
  ``mis-identification`` / ``wrong-exit`` counted per village, town and county; people per
  thousand registered (roster ``members``); thresholds and consequences from the policy.
"""
