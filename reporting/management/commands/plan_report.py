"""python manage.py plan_report --year Y [--unit CODE] --format json|xlsx|pdf [--live] [-o F]"""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from org.models import Unit
from reporting import rollup
from reporting.document import render_pdf
from reporting.models import ReportingRound
from reporting.workbook import report_workbook
from targets import indicators
from targets.models import Phase, Target


class Command(BaseCommand):
    help = (
        "Print the plan's indicators for a year, against the targets of its phase, for the "
        "province or one unit, with every reporting unit's figures (DESIGN.md's JSON)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument(
            "--unit",
            help="A unit code (e.g. 082, 03037, HLHPN); the code set valid on that day is "
            "used, or name it as SET:CODE (pre2025:02647).",
        )
        parser.add_argument("--format", choices=["json", "xlsx", "pdf"], default="json")
        parser.add_argument(
            "--live",
            action="store_true",
            help="Compute from the registry now instead of from the accepted submissions.",
        )
        parser.add_argument("--output", help="Write to this file instead of the screen.")

    def handle(self, *args, year, unit, live, output, **options):
        file_format = options["format"]
        if file_format != "json":
            if live or unit:
                raise CommandError(
                    "The xlsx and pdf reports are the province's, from accepted submissions: "
                    "leave out --live and --unit."
                )
            if not output:
                raise CommandError(f"Give --output FILE for a {file_format} report.")
            round_ = annual_round(year)
            content = report_workbook(round_) if file_format == "xlsx" else render_pdf(round_)
            with open(output, "wb") as handle:
                handle.write(content)
            self.stdout.write(f"Wrote {output} ({len(content):,} bytes).")
            return
        if live:
            day = as_of(year)
            scope = find_unit(unit, day) if unit else province_on(day)
            # A unit's figures on the day: the one rule of the dashboard and the submissions.
            unit_ids = Unit.objects.figure_unit_ids(scope.pk, day) if unit else None
            report = build_report(day, scope, unit_ids)
        else:
            report = report_from_submissions(annual_round(year), unit)
        text = json.dumps(report, ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        else:
            self.stdout.write(text)


def as_of(year: int) -> datetime.date:
    """Return the day a year's report is computed for: 31 December, or today this year."""
    today = timezone.localdate()
    if year > today.year:
        raise CommandError(f"{year} has not begun yet.")
    return today if year == today.year else datetime.date(year, 12, 31)


def province_on(day: datetime.date) -> Unit:
    return Unit.objects.filter(kind=Unit.Kind.PROVINCE).active_on(day).get()


def find_unit(text: str, day: datetime.date) -> Unit:
    code_set, _, code = text.rpartition(":")
    units = Unit.objects.filter(code=code)
    if code_set:
        units = units.filter(code_set=code_set)
    elif units.count() > 1:
        units = units.active_on(day)
    found = list(units[:2])
    if len(found) != 1:
        raise CommandError(f"No single unit has the code {text!r} on {day:%d/%m/%Y}.")
    return found[0]


def annual_round(year: int) -> ReportingRound:
    round_ = ReportingRound.objects.filter(year=year, kind=ReportingRound.Kind.ANNUAL).first()
    if round_ is None:
        raise CommandError(f"There is no annual reporting round for {year}; use --live.")
    return round_


def _entries_maker(day):
    phase = Phase.objects.of_day(day)
    targets = {
        target.indicator.code: target
        for target in Target.objects.filter(phase=phase).select_related("indicator", "phase")
    }

    def entries(figures):
        return {code: entry(figures[code], targets.get(code)) for code in indicators.CODES}

    return entries


def report_from_submissions(round_: ReportingRound, unit_code: str | None) -> dict:
    """Return the JSON of a round from its accepted submissions' frozen figures."""
    entries = _entries_maker(round_.as_of)
    accepted = list(rollup.accepted_submissions(round_))
    if unit_code:
        scope = find_unit(unit_code, round_.as_of)
        accepted = [s for s in accepted if s.unit_id == scope.pk]
        if not accepted:
            raise CommandError(f"{scope} has no accepted submission in {round_}.")
    else:
        scope = province_on(round_.as_of)
    return {
        "year": round_.year,
        "as_of": round_.as_of.isoformat(),
        "scope": scope.code,
        "indicators": entries(rollup.summed_indicators(accepted)),
        "units": {s.unit.code: entries(rollup.summed_indicators([s])) for s in accepted},
    }


def build_report(day: datetime.date, scope: Unit, unit_ids) -> dict:
    """Return the report as DESIGN.md's JSON: the scope's indicators and each unit's."""
    entries = _entries_maker(day)
    report = {
        "year": day.year,
        "as_of": day.isoformat(),
        "scope": scope.code,
        "indicators": entries(indicators.compute(day, unit_ids)),
        "units": {},
    }
    for unit, figures in indicators.compute_by_unit(day, unit_ids):
        key = unit.code if unit else "outside_units"
        report["units"][key] = entries(figures)
    return report


def entry(figure, target) -> dict:
    actual = figure.actual
    if isinstance(actual, float):
        actual = round(actual, 2)
    data = {
        "actual": actual,
        "target": target.as_json() if target else None,
        "met": target.is_met(figure.actual) if target else None,
    }
    if figure.denominator is not None:
        data |= {"numerator": figure.numerator, "denominator": figure.denominator}
    return data
