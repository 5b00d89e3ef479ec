"""Fixtures of the reporting tests."""

import datetime
import zoneinfo

import pytest

from org.models import Unit
from reporting import services
from reporting.kept import report_dir
from tests.factories import ReportingRoundFactory, SubmissionFactory, figures, supported, unit

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def report(round_, code, staff, *, when, accept=True, **entries):
    """Fill, submit (at `when`) and accept one unit's report."""
    unit_ = unit(code, "agency" if code.isalpha() else "2025")
    submission = SubmissionFactory(round=round_, unit=unit_, **entries)
    services.submit(submission=submission, by=staff, now=when)
    if accept:
        services.accept(submission=submission, by=staff)
    return submission


@pytest.fixture
def report_from_another_province(round_with_reports, province_staff):
    """Return a function that adds to `round_with_reports` a commune of a second province,
    with an accepted on-time report: the round becomes a roll-up over several provinces."""

    def add():
        province = Unit.objects.create(code="S01", name="Tỉnh Mô Phỏng", kind=Unit.Kind.PROVINCE)
        commune = Unit.objects.create(
            code="S01-001", name="Xã Một", kind=Unit.Kind.COMMUNE, parent=province
        )
        round_with_reports.expected_units.add(commune)
        submission = SubmissionFactory(round=round_with_reports, unit=commune)
        on_time = datetime.datetime(2026, 11, 10, tzinfo=HCM)
        services.submit(submission=submission, by=province_staff, now=on_time)
        services.accept(submission=submission, by=province_staff)
        return submission

    return add


@pytest.fixture
def pdf_dir():
    """The folder where the report's files are kept."""
    return report_dir()


@pytest.fixture
def round_with_reports(province_staff):
    # Tả Van: 1 supported HTX (20 members, 10 trained in a vocation); Bát Xát: 1 THT.
    figures(
        supported(unit_=unit("03037")),
        year=2026,
        members_total=20,
        members_female=15,
        members_trained_vocational=10,
        female_stable_jobs=6,
    )
    figures(
        supported("tht", unit_=unit("02683")),
        year=2026,
        workers_total=12,
        workers_female=10,
        female_stable_jobs=9,
    )
    round_ = ReportingRoundFactory(year=2026)
    on_time = datetime.datetime(2026, 11, 10, 9, tzinfo=HCM)
    late = datetime.datetime(2026, 11, 16, 8, tzinfo=HCM)
    report(
        round_,
        "03037",
        province_staff,
        when=on_time,
        media_reports=3,
        funding_state_budget=5_000_000,
        courses={"governance": {"courses": 1, "participants": 20, "female": 18}},
    )
    report(
        round_,
        "02683",
        province_staff,
        when=late,
        media_reports=2,
        funding_state_budget=1_000_000,
        courses={"governance": {"courses": 2, "participants": 30, "female": 25}},
    )
    report(round_, "SCT", province_staff, when=on_time, accept=False, media_reports=100)
    return round_
