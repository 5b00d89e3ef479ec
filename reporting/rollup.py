"""A round's state unit by unit, and the provincial roll-up of its accepted submissions.

- Completeness: units with an accepted submission / units expected in the round. Only the
  round's expected units count (a submission of another unit is not in the sum), so it never
  exceeds 100%, across the 2025 merger too.
- Timeliness: units whose accepted submission was first submitted on time / units expected.
- The roll-up adds up the accepted submissions of expected units: counts are summed; a
  percentage is recomputed from the summed numerators and denominators ("no data" when the
  denominators sum to zero). Indicators are never recomputed here: they are the figures frozen
  by `targets.indicators` when each unit submitted.
"""

import json
from dataclasses import dataclass, field

from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from config.text import fold
from followup.figures import COUNTED_FIELDS
from org.models import Unit
from targets.indicators import CODES, Figure, percentage
from targets.models import Indicator, Phase, Target
from training.models import TrainingEvent

from .frozen import frozen_actual, frozen_items
from .models import Submission
from .models.submissions import ENTRY_FIELDS

State = Submission.State

# The figures shown for each unit in the report's unit table (the counts; the workbook has all).
UNIT_TABLE = [
    ("HTX_SUPPORTED", _("Cooperatives")),
    ("THT_SUPPORTED", _("Groups")),
    ("HTX_FEMALE_JOBS", _("Women's jobs (HTX)")),
    ("THT_FEMALE_JOBS", _("Women's jobs (THT)")),
    ("NEW_HTX", _("New cooperatives")),
]


class SubmissionFigures:
    """A submission as the board, the roll-up and the workbook read it: its state, dates and
    figures, not its narratives. Plain values, not a model instance: a national round has
    thousands, and a model instance and Django's decoding of its JSON fields cost more than
    the reading itself (BENCHMARKS.md)."""

    COLUMNS = ["pk", "unit_id", "state", "first_submitted_at", "reopen_requested", *ENTRY_FIELDS]
    # The model's rule, read from these attributes (`round`, `first_submitted_at`).
    lateness = Submission.lateness

    def __init__(self, round_, unit, values, indicators, courses, origins=(None, None)):
        self.__dict__.update(zip(self.COLUMNS, values, strict=True))
        self.round, self.unit, self.indicators, self.courses = round_, unit, indicators, courses
        # The figures counted from records when it was submitted, and the unit's corrections.
        self.from_records, self.corrections = origins

    def get_state_display(self) -> str:
        return State(self.state).label


def _submissions(round_) -> dict:
    """Return the round's submissions by unit id as `SubmissionFigures` (one query); the frozen
    figures of each, and the courses of each accepted one, decoded once."""
    rows = round_.submissions.values_list(
        *SubmissionFigures.COLUMNS,
        # Read as text and decoded here: only the courses of accepted reports are summed.
        Cast("indicators", TextField()),
        Cast("courses", TextField()),
        Cast("from_records", TextField()),
        Cast("corrections", TextField()),
    )
    by_unit = {}
    for *values, indicators, courses, from_records, corrections in rows:
        accepted = values[2] == State.ACCEPTED
        by_unit[values[1]] = SubmissionFigures(
            round_,
            None,
            values,
            json.loads(indicators) if indicators else None,
            json.loads(courses) if accepted and courses else {},
            (
                json.loads(from_records) if accepted and from_records else None,
                json.loads(corrections) if accepted and corrections else {},
            ),
        )
    return by_unit


def origins(submissions) -> dict[str, int]:
    """How many of the figures `submissions` report came from the follow-up records, and
    how many were typed: the figures never counted from records, those of a report
    submitted before figures were counted, and those the unit corrected (also counted
    apart, as `corrected`)."""
    counted = typed = corrected = 0
    for submission in submissions:
        if submission.from_records is None:
            typed += len(ENTRY_FIELDS)
            continue
        changed = len(set(submission.corrections) & set(COUNTED_FIELDS))
        counted += len(COUNTED_FIELDS) - changed
        typed += len(ENTRY_FIELDS) - len(COUNTED_FIELDS) + changed
        corrected += changed
    return {"from_records": counted, "typed": typed, "corrected": corrected}


@dataclass
class BoardRow:
    unit: Unit
    submission: SubmissionFigures | None

    @property
    def figures(self) -> list:
        """Return the unit's frozen figures of UNIT_TABLE (None before it submitted)."""
        frozen = self.submission.indicators if self.submission else None
        return [frozen_actual(frozen, code) for code, _label in UNIT_TABLE]

    @property
    def on_time(self) -> bool | None:
        """True if first submitted on time, False if late, None if not submitted yet."""
        if self.submission is None or self.submission.first_submitted_at is None:
            return None
        return self.submission.lateness is None


@dataclass
class ProvinceRow:
    """A province's line in a roll-up over several provinces: its expected units, those
    accepted and on time, and the UNIT_TABLE figures summed over the accepted ones. The
    provincial agencies, which lie in no province of the unit tree, share a line of their
    own (`province` None)."""

    province: Unit | None
    expected: int = 0
    accepted: int = 0
    on_time: int = 0
    figures: list = field(default_factory=lambda: [0] * len(UNIT_TABLE))

    @property
    def name(self) -> str:
        return self.province.name if self.province else str(_("Provincial agencies"))


def by_province(rows) -> list[ProvinceRow]:
    """Return `rows` summed province by province when they lie in several provinces (the
    Central Union's roll-up), in Vietnamese order, the agencies last; none when they lie in
    one province."""
    lines = {}
    for row in rows:
        unit, parent = row.unit, row.unit.parent
        if parent is not None and parent.kind == Unit.Kind.PROVINCE:
            province = parent
        else:
            province = unit if unit.kind == Unit.Kind.PROVINCE else None
        line = lines.setdefault(province and province.pk, ProvinceRow(province))
        line.expected += 1
        if _accepted(row.submission):
            line.accepted += 1
            line.on_time += row.on_time is True
            line.figures = [a + (b or 0) for a, b in zip(line.figures, row.figures, strict=True)]
    if len(lines.keys() - {None}) < 2:
        return []
    return sorted(lines.values(), key=lambda line: (line.province is None, fold(line.name)))


def board(round_, units=None) -> list[BoardRow]:
    """Return every expected unit of the round (or those of `units`) with its submission
    (two queries)."""
    # The units' narratives are read by the report's text (`document.prefill`), not here.
    by_unit = _submissions(round_)
    units = round_.expected_units.all() if units is None else units
    # Parents are few (they name old communes): prefetched once each, not joined per row.
    units = units.prefetch_related("parent")
    # In Vietnamese order ("Âu Lâu" among the A's), which the database's byte order is not.
    units = sorted(units, key=lambda unit: (unit.kind, fold(unit.name)))
    rows = []
    for unit in units:
        submission = by_unit.get(unit.pk)
        if submission is not None:
            submission.unit = unit
        rows.append(BoardRow(unit, submission))
    return rows


def accepted_submissions(round_):
    return round_.submissions.filter(
        state=State.ACCEPTED, unit__in=round_.expected_units.all()
    ).select_related("unit", "round")


def summed_indicators(submissions) -> dict[str, Figure]:
    """Return the indicators summed over `submissions`' frozen figures."""
    totals = {code: [0, 0, 0] for code in CODES}  # actual, numerator, denominator
    percentages = set()
    for submission in submissions:
        for code, actual, numerator, denominator in frozen_items(submission.indicators):
            total = totals.get(code)
            if total is None:
                continue
            if denominator is not None:
                percentages.add(code)
                total[1] += numerator or 0
                total[2] += denominator
            else:
                total[0] += actual or 0
    return {
        code: (percentage(total[1], total[2]) if code in percentages else Figure(total[0]))
        for code, total in totals.items()
    }


def summed_courses(submissions) -> dict[str, dict[str, int]]:
    totals = {}
    for submission in submissions:
        for category, parts in submission.courses.items():
            row = totals.setdefault(category, {})
            for part, value in parts.items():
                row[part] = row.get(part, 0) + (value or 0)
    return totals


def rollup(round_) -> dict:
    """Return the provincial roll-up of the round (see the module docstring)."""
    rows = board(round_)
    # Expected units only (the rows), as `accepted_submissions` gives them.
    accepted = [row.submission for row in rows if _accepted(row.submission)]
    expected = len(rows)
    on_time = sum(1 for submission in accepted if submission.lateness is None)
    # Summed here, not by the database: the same accepted submissions, already read.
    entries = {name: sum(getattr(s, name) for s in accepted) for name in ENTRY_FIELDS}
    return {
        "rows": rows,
        "accepted": accepted,
        "indicators": summed_indicators(accepted),
        "entries": entries,
        "entry_rows": [
            (Submission._meta.get_field(name).verbose_name, entries[name]) for name in ENTRY_FIELDS
        ],
        "origins": origins(accepted),
        "courses": (courses := summed_courses(accepted)),
        "course_rows": [
            (label, courses.get(category, {})) for category, label in TrainingEvent.Category.choices
        ],
        "expected": expected,
        "reported": len(accepted),
        "on_time": on_time,
        "completeness": percentage(len(accepted), expected),
        "timeliness": percentage(on_time, expected),
        "missing": [row.unit for row in rows if not _accepted(row.submission)],
        "late": [row for row in rows if row.on_time is False],
        "provinces": by_province(rows),
        "unit_table_labels": [label for _code, label in UNIT_TABLE],
    }


def _accepted(submission) -> bool:
    return submission is not None and submission.state == State.ACCEPTED


def against_targets(round_, summary) -> list[dict]:
    """Return each indicator's summed figure with the target of the round's phase."""
    phase = Phase.objects.of_day(round_.as_of)
    targets = {
        t.indicator_id: t for t in Target.objects.filter(phase=phase).select_related("phase")
    }
    rows = []
    for indicator in Indicator.objects.filter(code__in=CODES):
        figure, target = summary["indicators"][indicator.code], targets.get(indicator.pk)
        if target is not None:
            target.indicator = indicator
        rows.append(
            {
                "indicator": indicator,
                "figure": figure,
                "target": target,
                "met": target.is_met(figure.actual) if target else None,
            }
        )
    return rows
