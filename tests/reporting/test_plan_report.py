"""python manage.py plan_report: DESIGN.md's JSON on a small fixed data set."""

import datetime
import io
import json
import logging

import pytest
from django.core.management import CommandError, call_command

from tests.factories import (
    EventFactory,
    FiguresFactory,
    OfficerFactory,
    ParticipantFactory,
    supported,
    unit,
)

pytestmark = pytest.mark.django_db


def report(*args):
    out = io.StringIO()
    call_command("plan_report", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def small_province():
    ta_van, bat_xat = unit("03037"), unit("02683")
    new = supported(unit_=ta_van, established_under_plan=True, founded_on=datetime.date(2024, 3, 1))
    FiguresFactory(
        cooperative=new,
        year=2025,
        members_total=20,
        members_female=18,
        workers_total=10,
        workers_female=8,
        female_stable_jobs=8,
        members_trained_vocational=10,
        members_trained_ecommerce=10,
    )
    group = supported("tht", unit_=bat_xat)
    FiguresFactory(
        cooperative=group,
        year=2024,
        members_total=12,
        members_female=12,
        workers_total=12,
        workers_female=12,
        female_stable_jobs=12,
    )
    event = EventFactory(category="governance", start_date=datetime.date(2025, 4, 1))
    ParticipantFactory(event=event, person=new.roles.get().person, certificate_issued=True)
    officer = OfficerFactory(unit=unit("HLHPN", "agency"), works_on_cooperatives=True)
    mobilisation = EventFactory(
        category="mobilisation", unit=unit("HLHPN", "agency"), start_date=datetime.date(2025, 9, 9)
    )
    ParticipantFactory(event=mobilisation, officer=officer)


def test_province_report_field_by_field(small_province):
    data = report("--year", "2025", "--format", "json", "--live")
    assert (data["year"], data["as_of"], data["scope"]) == (2025, "2025-12-31", "15")
    indicators = data["indicators"]
    assert indicators["HTX_SUPPORTED"] == {
        "actual": 1,
        "target": {"comparison": "at_least", "value": 13, "phase": 1},
        "met": False,
    }
    assert indicators["THT_SUPPORTED"]["actual"] == 1
    assert indicators["HTX_FEMALE_JOBS"]["actual"] == 8
    assert indicators["THT_FEMALE_JOBS"]["actual"] == 12
    assert indicators["NEW_HTX"] == {
        "actual": 1,
        "target": {"comparison": "range", "value": 3, "upper": 4, "phase": 1},
        "met": False,
    }
    assert indicators["NEW_HTX_FEMALE_JOBS"]["actual"] == 8
    assert indicators["MANAGERS_TRAINED_PCT"] == {
        "actual": 100.0,
        "target": {"comparison": "at_least", "value": 100, "phase": 1},
        "met": True,
        "numerator": 1,
        "denominator": 1,
    }
    assert indicators["MANAGERS_CERTIFIED_PCT"]["met"] is True
    assert indicators["STAFF_COOP_TRAINED_PCT"]["actual"] == 100.0
    assert indicators["STAFF_SKILLS_PCT"]["actual"] == 100.0
    assert indicators["MEMBERS_VOCATIONAL_PCT"]["actual"] == 50.0
    assert indicators["MEMBERS_VOCATIONAL_PCT"]["met"] is True
    # "More than 50%" is missed at exactly 50%.
    assert indicators["MEMBERS_ECOMMERCE_PCT"]["met"] is False
    units = data["units"]
    assert units["03037"]["HTX_SUPPORTED"]["actual"] == 1
    assert units["02683"]["THT_FEMALE_JOBS"]["actual"] == 12
    assert units["02683"]["MEMBERS_VOCATIONAL_PCT"]["actual"] is None
    assert units["outside_units"]["STAFF_SKILLS_PCT"]["denominator"] == 1
    assert len(units) == 100


def test_unit_report_keeps_to_the_unit(small_province):
    data = report("--year", "2025", "--unit", "03037", "--live")
    assert data["scope"] == "03037"
    assert list(data["units"]) == ["03037"]
    assert data["indicators"]["THT_SUPPORTED"]["actual"] == 0
    assert data["indicators"]["STAFF_SKILLS_PCT"]["actual"] is None


def test_a_reused_code_means_the_unit_valid_that_year(small_province):
    assert report("--year", "2024", "--unit", "02647", "--live")["scope"] == "02647"
    assert report("--year", "2024", "--unit", "082", "--live")["units"].keys() == {"082"}


def test_past_year_uses_its_phase_and_the_figures_known_then(small_province):
    data = report("--year", "2024", "--live")
    assert data["as_of"] == "2024-12-31"
    assert data["indicators"]["HTX_SUPPORTED"]["actual"] == 1
    # The cooperative's only figures are of 2025: unknown at the end of 2024.
    assert data["indicators"]["HTX_FEMALE_JOBS"]["actual"] == 0
    assert len(data["units"]) == 10  # the 9 districts, then what lies outside them


@pytest.mark.parametrize(
    "args, message",
    [
        (["--year", "2025"], "--live"),
        (["--year", "2999", "--live"], "has not begun"),
        (["--year", "2025", "--unit", "99999", "--live"], "No single unit"),
    ],
)
def test_bad_requests_are_refused_with_a_reason(args, message):
    with pytest.raises(CommandError, match=message):
        report(*args)


def test_without_live_the_report_sums_the_accepted_submissions(round_with_reports, tmp_path):
    data = report("--year", "2026", "--format", "json")
    assert (data["year"], data["as_of"], data["scope"]) == (2026, "2026-11-14", "15")
    assert data["indicators"]["HTX_FEMALE_JOBS"]["actual"] == 6
    assert data["indicators"]["MEMBERS_VOCATIONAL_PCT"] == {
        "actual": 50.0,
        "target": {"comparison": "at_least", "value": 50, "phase": 2},
        "met": True,
        "numerator": 10,
        "denominator": 20,
    }
    assert set(data["units"]) == {"03037", "02683"}  # accepted only: not SCT's draft
    assert (
        report("--year", "2026", "--unit", "02683")["indicators"]["THT_FEMALE_JOBS"]["actual"] == 9
    )


@pytest.mark.parametrize("file_format, magic", [("xlsx", b"PK"), ("pdf", b"%PDF")])
def test_xlsx_and_pdf_files(round_with_reports, tmp_path, caplog, file_format, magic):
    output = tmp_path / f"report.{file_format}"
    caplog.set_level(logging.INFO)
    call_command(
        "plan_report",
        "--year",
        "2026",
        "--format",
        file_format,
        "--output",
        str(output),
        stdout=io.StringIO(),
    )
    assert output.read_bytes().startswith(magic)
    assert not caplog.records  # no library's progress lines in the command's output
    with pytest.raises(CommandError, match="--output"):
        report("--year", "2026", "--format", file_format)
