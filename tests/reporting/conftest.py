"""Fixtures of the reporting tests."""

import datetime
import zoneinfo

import pytest

from org.models import Unit
from reporting import services
from tests.factories import unit
from tests.targets.test_indicators import figures, supported

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def report(round_, code, staff, *, when, accept=True, **entries):
    """Fill, submit (at `when`) and accept one unit's report."""
    unit_ = unit(code, "agency" if code.isalpha() else "2025")
    submission = services.start_submission(round_=round_, unit=unit_)
    for name, value in entries.items():
        setattr(submission, name, value)
    submission.save()
    services.submit(submission=submission, by=staff, now=when)
    if accept:
        services.accept(submission=submission, by=staff)
    return submission


def report_from_another_province(round_, staff):
    """Add to `round_` a commune of a second province, with an accepted on-time report: the
    round becomes a roll-up over several provinces."""
    province = Unit.objects.create(code="S01", name="Tỉnh Mô Phỏng", kind=Unit.Kind.PROVINCE)
    commune = Unit.objects.create(
        code="S01-001", name="Xã Một", kind=Unit.Kind.COMMUNE, parent=province
    )
    round_.expected_units.add(commune)
    submission = services.start_submission(round_=round_, unit=commune)
    services.submit(
        submission=submission, by=staff, now=datetime.datetime(2026, 11, 10, tzinfo=HCM)
    )
    services.accept(submission=submission, by=staff)
    return submission


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
    round_ = services.create_round(year=2026)
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
