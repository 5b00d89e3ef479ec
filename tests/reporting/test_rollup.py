"""The provincial roll-up on a fixed data set: sums, completeness and timeliness."""

import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reporting import rollup, services
from tests.factories import UserFactory, unit

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def test_the_roll_up_sums_accepted_reports_figure_by_figure(round_with_reports):
    summary = rollup.rollup(round_with_reports)
    indicators = summary["indicators"]
    assert indicators["HTX_SUPPORTED"].actual == 1
    assert indicators["THT_SUPPORTED"].actual == 1
    assert indicators["HTX_FEMALE_JOBS"].actual == 6
    assert indicators["THT_FEMALE_JOBS"].actual == 9
    assert (
        indicators["MEMBERS_VOCATIONAL_PCT"].numerator,
        indicators["MEMBERS_VOCATIONAL_PCT"].denominator,
    ) == (10, 20)
    assert indicators["MEMBERS_VOCATIONAL_PCT"].actual == 50.0
    assert indicators["STAFF_SKILLS_PCT"].actual is None  # no officers: no data
    # The submitted but not accepted report of Sở Công Thương is not in the sums.
    assert summary["entries"]["media_reports"] == 5
    assert summary["entries"]["funding_state_budget"] == 6_000_000
    assert summary["courses"]["governance"] == {"courses": 3, "participants": 50, "female": 43}


def test_completeness_and_timeliness_count_expected_units_only(round_with_reports):
    summary = rollup.rollup(round_with_reports)
    assert (summary["reported"], summary["expected"], summary["on_time"]) == (2, 109, 1)
    assert summary["completeness"].actual == pytest.approx(2 / 109 * 100)
    assert [row.unit.code for row in summary["late"]] == ["02683"]
    assert unit("SCT", "agency") in summary["missing"]


def test_completeness_never_exceeds_all_units_across_the_merger(province_staff):
    # A 2025 round expects the communes valid at its end (14/11/2025), not the old districts.
    round_ = services.create_round(by=UserFactory.build(), year=2025)
    assert not round_.expected_units.filter(kind="district").exists()
    with pytest.raises(ValidationError):
        services.start_submission(round_=round_, unit=unit("082", "pre2025"))
    summary = rollup.rollup(round_)
    assert summary["reported"] <= summary["expected"] == 109


def test_against_targets_uses_the_phase_of_the_round(round_with_reports):
    summary = rollup.rollup(round_with_reports)
    rows = {
        row["indicator"].code: row for row in rollup.against_targets(round_with_reports, summary)
    }
    assert str(rows["HTX_SUPPORTED"]["target"]) == "≥ 20"  # 2026: phase 2
    assert rows["HTX_SUPPORTED"]["met"] is False
    assert rows["STAFF_SKILLS_PCT"]["met"] is None


@pytest.mark.parametrize("name", ["reporting:provincial_report", "reporting:round_board"])
def test_the_unit_table_is_shown_a_page_at_a_time_in_vietnamese_order(
    staff_client, round_with_reports, name
):
    """109 units here, thousands at national scale: the pages of the unit table hold every
    expected unit once, in the order of the full roll-up."""
    url = reverse(name, args=[round_with_reports.pk])
    shown = []
    for number in (1, 2, 3):
        page = staff_client.get(url, {"page": number, "per_page": 50}).context["page"]
        shown += [row.unit for row in page.object_list]
    assert page.paginator.count == 109
    expected = rollup.rollup(round_with_reports)["rows"]
    if name == "reporting:round_board":  # reports waiting for review first, else the same
        expected = sorted(expected, key=lambda row: not waits_for_review(row))
    assert shown == [row.unit for row in expected]


def waits_for_review(row) -> bool:
    return row.submission is not None and row.submission.state == "submitted"


def test_a_roll_up_over_several_provinces_is_summed_province_by_province(
    round_with_reports, report_from_another_province
):
    """The Central Union's roll-up: a line per province (units accepted of those expected,
    summed figures, units on time); none for one province's own report."""
    assert rollup.rollup(round_with_reports)["provinces"] == []
    report_from_another_province()

    lines = rollup.rollup(round_with_reports)["provinces"]
    assert [line.name for line in lines] == ["Tỉnh Lào Cai", "Tỉnh Mô Phỏng", "Các sở, ngành"]
    lao_cai, other, agencies = lines
    assert (other.expected, other.accepted, other.on_time, other.figures) == (1, 1, 1, [0] * 5)
    # Tả Van (1 HTX) and Bát Xát (1 THT, late) of Lào Cai's 99 communes; the agencies' one
    # report (Sở Công Thương) is not accepted.
    assert (lao_cai.expected, lao_cai.accepted, lao_cai.on_time) == (99, 2, 1)
    assert lao_cai.figures == [1, 1, 6, 9, 0]
    assert (agencies.expected, agencies.accepted) == (10, 0)


def test_the_report_page_of_several_provinces_has_their_lines(
    staff_client, round_with_reports, report_from_another_province
):
    url = reverse("reporting:provincial_report", args=[round_with_reports.pk])
    assert "Theo tỉnh" not in staff_client.get(url).content.decode()
    report_from_another_province()
    page = staff_client.get(url).content.decode()
    assert "Theo tỉnh" in page and "Tỉnh Mô Phỏng" in page and "2/99" in page
