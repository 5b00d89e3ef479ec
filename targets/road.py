"""The road to 2030: is an indicator on track to meet its target? Pure Python, no queries.

Input, for each indicator: its points [(day, actual)] in day order — the baseline on the
plan's start (06/07/2023), the value on 31/12 of each year since, and today's value last —
with the plan's targets {(code, phase number): Target} and the phases (for their end days).
`actual` None means no data. The rules, in the order they are applied:

1. The judging target is the phase-2 (2030) target; an indicator without one is judged by its
   latest phase that has a target (NEW_HTX_FEMALE_JOBS: the 2025 target). `heat_state` for
   one unit (`unit_level=True`) has no target for a count, since the plan sets counts for the
   province only; a unit's percentage is judged by the province's target.
2. "no_data": today's value is None.
3. "no_target": no judging target. The words give the value's pace only, never "met".
4. "met": today's value meets the judging target (`Target.is_met`), however little time has
   passed.
5. Pace per year = (today's value − the first non-None value) / the years between their days
   (days / 365.25). The first non-None value is the baseline, or the first later value when
   the baseline is None. "no_data" when there is no earlier value than today's, or when less
   than MIN_YEARS (a quarter of a year) lies between them: too early to measure a pace, and a
   state that claims neither "on_track" nor "at_risk".
6. Projection = today's value + pace × the years left to the judging target's end day (none
   when the day has passed), never below 0 and, for a percentage, never above 100; rounded to
   two decimals (as targets are stored) before it is compared.
7. "on_track" when the projection reaches the target: `is_met`, but for a range its lower
   value is enough and for "equals" crossing the value is; else "at_risk". A value already
   above a range's upper value (or above an "equals" value) is "at_risk": the plan asked for
   that range.

The amount still needed, in the words: at least T → T − v; more than T → for a count the next
whole number above T, minus v; for a percentage "more than T − v" points; a range → its lower
value − v; equals → T − v. Years left are rounded to one decimal (whole years without one),
the pace to one decimal at most, in the language's number format (Vietnamese decimal comma).
"""

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from .models import Indicator, Target

MET, ON_TRACK, AT_RISK, NO_DATA, NO_TARGET = "met", "on_track", "at_risk", "no_data", "no_target"
STATE_LABELS = {
    MET: pgettext_lazy("road state", "Met"),
    ON_TRACK: pgettext_lazy("road state", "On track"),
    AT_RISK: pgettext_lazy("road state", "At risk of missing"),
    NO_DATA: pgettext_lazy("road state", "Not enough data"),
    NO_TARGET: pgettext_lazy("road state", "No target"),
}
# Less time than this between the first value and today's measures no pace.
MIN_YEARS = 0.25
DAYS_A_YEAR = 365.25

# What a count counts, in the words "needs 5 more <unit>"; a percentage moves in points.
UNITS = {
    "HTX_SUPPORTED": pgettext_lazy("unit of a count", "cooperatives"),
    "THT_SUPPORTED": pgettext_lazy("unit of a count", "cooperative groups"),
    "HTX_FEMALE_JOBS": pgettext_lazy("unit of a count", "women workers"),
    "THT_FEMALE_JOBS": pgettext_lazy("unit of a count", "women workers"),
    "NEW_HTX": pgettext_lazy("unit of a count", "new cooperatives"),
    "NEW_HTX_FEMALE_JOBS": pgettext_lazy("unit of a count", "jobs for women"),
}
OTHER_UNIT = pgettext_lazy("unit of a count", "units")
POINTS = pgettext_lazy("unit of a percentage", "percentage points")

Point = tuple[datetime.date, float | int | None]


@dataclass(frozen=True)
class Goal:
    """A phase's target with its end day, and the straight path to it from the first value."""

    phase: int
    ends_on: datetime.date
    target: Target | None
    path: tuple[Point, Point] | None


@dataclass(frozen=True)
class Judgement:
    """Where an indicator stands: its state, pace per year, projection and the words."""

    state: str
    words: str
    pace: float | None = None
    projected: float | None = None
    goal: Goal | None = None

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self.state])


@dataclass(frozen=True)
class Road:
    """One indicator's road: its points, its goals in phase order and how it stands."""

    indicator: Indicator
    points: list[Point]
    goals: list[Goal]
    judgement: Judgement
    today: datetime.date

    @property
    def state(self) -> str:
        return self.judgement.state

    @property
    def pace_words(self) -> str:
        return self.judgement.words

    def goal(self, phase: int) -> Goal | None:
        return next((goal for goal in self.goals if goal.phase == phase), None)

    @property
    def target_2025(self) -> Target | None:
        goal = self.goal(1)
        return goal and goal.target

    @property
    def target_2030(self) -> Target | None:
        goal = self.goal(2)
        return goal and goal.target


def points_of(series, code: str) -> list[Point]:
    """Return [(day, actual)] of `code` from a series [(day, {code: Figure})]."""
    return [(day, figures[code].actual if code in figures else None) for day, figures in series]


def roads(
    *, series, targets, phases, indicators, today: datetime.date, unit_level=False
) -> list[Road]:
    """Return each indicator's road, in the order of `indicators`: the province's, or one
    unit's (`unit_level`: a count has no target of its own)."""
    return [
        road(
            indicator,
            points_of(series, indicator.code),
            targets=targets,
            phases=phases,
            today=today,
            unit_level=unit_level,
        )
        for indicator in indicators
    ]


def road(indicator, points, *, targets, phases, today, unit_level=False) -> Road:
    """Return the road of one indicator from its points [(day, actual)]."""
    goals = _goals(indicator, points, targets, phases, unit_level)
    return Road(
        indicator=indicator,
        points=list(points),
        goals=goals,
        judgement=_judge(indicator, points, goals, today),
        today=today,
    )


def heat_state(indicator, points, *, targets, phases, today, unit_level=True) -> Judgement:
    """Return how one unit's indicator stands (a cell of a unit × indicator table): the same
    rules as the province's, but a count has no target at unit level."""
    goals = _goals(indicator, points, targets, phases, unit_level)
    return _judge(indicator, points, goals, today)


def _goals(indicator, points, targets, phases, unit_level) -> list[Goal]:
    start = _first_value(points)
    no_target = unit_level and indicator.kind == Indicator.Kind.COUNT
    goals = []
    for phase in sorted(phases, key=lambda phase: phase.number):
        target = None if no_target else targets.get((indicator.code, phase.number))
        path = None
        if target is not None and start is not None and start[0] < phase.ends_on:
            path = (start, (phase.ends_on, float(target.value)))
        goals.append(Goal(phase.number, phase.ends_on, target, path))
    return goals


def _first_value(points) -> Point | None:
    return next(((day, value) for day, value in points if value is not None), None)


def _judge(indicator, points, goals, today) -> Judgement:
    percent = indicator.kind == Indicator.Kind.PERCENT
    unit = POINTS if percent else UNITS.get(indicator.code, OTHER_UNIT)
    judged = next((goal for goal in reversed(goals) if goal.target is not None), None)
    now_day, now = points[-1] if points else (today, None)
    if now is None:
        return Judgement(NO_DATA, _("No figure for today yet."), goal=judged)

    start = _first_value(points)
    years = (now_day - start[0]).days / DAYS_A_YEAR
    pace = (now - start[1]) / years if years >= MIN_YEARS else None
    words = {"pace": _number(pace), "unit": unit}

    if judged is None:
        if pace is None:
            text = _("No target to judge by; too early to measure a pace.")
        else:
            text = _("No target to judge by; current pace %(pace)s %(unit)s a year.") % words
        return Judgement(NO_TARGET, text, pace)

    target = judged.target
    year = judged.ends_on.year
    if target.is_met(now):
        return Judgement(
            MET, _("Already meets the %(year)s target.") % {"year": year}, pace, goal=judged
        )
    if pace is None:
        if start[0] == now_day:
            text = _("Only one figure so far: no pace to judge by.")
        else:
            text = _("Less than three months of figures: too early to judge the pace.")
        return Judgement(NO_DATA, text, goal=judged)

    years_left = max(0, (judged.ends_on - today).days / DAYS_A_YEAR)
    projected = max(0.0, now + pace * years_left)
    if percent:
        projected = min(100.0, projected)
    projected = round(projected, 2)
    words |= {"years": _number(years_left), "year": year, "target": target.describe()}
    if _reaches(target, now, projected):
        # "28 HTX", "100%": what the projection counts, in the sentence.
        words["projected"] = f"{_number(projected)}%" if percent else f"{_number(projected)} {unit}"
        text = _(
            "On track: current pace %(pace)s %(unit)s a year, %(projected)s expected by "
            "the end of %(year)s."
        )
        return Judgement(ON_TRACK, text % words, pace, projected, judged)
    return Judgement(
        AT_RISK, _at_risk_words(target, now, percent, years_left, words), pace, projected, judged
    )


def _reaches(target, now, projected) -> bool:
    """Return whether the projection gets to the target (rule 7 of the docstring)."""
    low = Decimal(str(target.value))
    match target.comparison:
        case Target.Comparison.RANGE:
            return Decimal(str(now)) <= target.upper and Decimal(str(projected)) >= low
        case Target.Comparison.EQUALS:
            return Decimal(str(now)) < low <= Decimal(str(projected))
        case _:
            return bool(target.is_met(projected))


def _at_risk_words(target, now, percent, years_left, words) -> str:
    value = float(target.value)
    more_than = target.comparison == Target.Comparison.MORE_THAN
    needed = (math.floor(value) + 1 if more_than and not percent else value) - now
    if needed <= 0:
        return _("Above the target (%(target)s).") % words
    words["amount"] = _number(needed)
    if years_left == 0:
        return _("The %(year)s target was missed: %(amount)s %(unit)s short.") % words
    if more_than and percent:
        text = _(
            "Needs more than %(amount)s more %(unit)s in %(years)s years; current pace "
            "%(pace)s %(unit)s a year."
        )
    else:
        text = _(
            "Needs %(amount)s more %(unit)s in %(years)s years; current pace %(pace)s "
            "%(unit)s a year."
        )
    return text % words


def _number(value) -> str:
    """Return `value` with one decimal at most, none when whole, in the language's format."""
    if value is None:
        return ""
    rounded = round(value, 1)
    sign = "−" if rounded < 0 else ""
    rounded = abs(rounded)
    if rounded == int(rounded):
        return sign + number_format(int(rounded), force_grouping=True)
    return sign + number_format(rounded, decimal_pos=1, force_grouping=True)


def day_label(day: datetime.date) -> str:
    """Return a day as officers write it: dd/mm/yyyy."""
    return date_format(day, "d/m/Y")
