"""Each indicator on hand-built data, with the catalogue's edge cases (targets/indicators.py)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from org.models import Unit
from targets import indicators
from targets.models import Indicator, Phase, Target
from tests.factories import (
    CooperativeFactory,
    OfficerFactory,
    date,
    figures,
    make_data,
    supported,
    train,
    unit,
)

pytestmark = pytest.mark.django_db

D = datetime.date(2025, 12, 31)


def actual(code, day=D, unit_ids=None):
    return indicators.compute(day, unit_ids)[code].actual


@pytest.mark.parametrize(
    "fields, counted",
    [
        ({}, True),
        ({"union_supported": False}, False),
        ({"status": "dissolved", "status_since": date("2025-06-01")}, False),
        ({"status": "suspended", "status_since": date("2024-01-01")}, False),
        ({"status": "dissolved", "status_since": date("2026-02-01")}, True),
        ({"founded_on": date("2026-01-10")}, False),
    ],
)
def test_portfolio_counts_supported_active_cooperatives(fields, counted):
    union_supported = fields.pop("union_supported", True)
    cooperative = supported(**fields)
    cooperative.union_supported = union_supported
    cooperative.save(update_fields=["union_supported"])
    assert actual("HTX_SUPPORTED") == (1 if counted else 0)


def test_a_cooperative_managed_by_men_only_or_by_a_former_manager_is_not_counted():
    supported(woman=False)
    former = supported()
    former.roles.update(end_date=date("2025-06-30"))
    assert actual("HTX_SUPPORTED") == 0


def test_groups_are_counted_apart_from_cooperatives():
    supported("tht")
    supported("tht")
    supported("htx")
    assert (actual("THT_SUPPORTED"), actual("HTX_SUPPORTED")) == (2, 1)


def test_a_group_that_grew_into_a_cooperative_counts_once_as_the_cooperative():
    group = supported("tht", name="Tổ hợp tác Dệt")
    supported("htx", converted_from=group, founded_on=date("2025-03-01"))
    assert (actual("THT_SUPPORTED"), actual("HTX_SUPPORTED")) == (0, 1)
    # Before the cooperative was founded the group still counted.
    assert actual("THT_SUPPORTED", day=date("2025-01-31")) == 1


def test_a_conversion_without_a_founding_date_counts_once():
    group = supported("tht")
    supported("htx", converted_from=group, founded_on=None)
    assert (actual("THT_SUPPORTED"), actual("HTX_SUPPORTED")) == (0, 1)


def test_a_new_commune_reports_before_the_reform_through_its_old_communes_district():
    # Xã Bát Xát (2025) was made only of old Bát Xát district communes.
    supported(unit_=unit("02683"), founded_on=date("2020-01-01"))
    rows = {u.code if u else None: f for u, f in indicators.compute_by_unit(date("2024-12-31"))}
    assert rows["082"]["HTX_SUPPORTED"].actual == 1
    assert None not in rows


def test_female_jobs_use_each_cooperatives_latest_figures_up_to_the_year():
    first, second = supported(), supported()
    figures(first, 2024, female_stable_jobs=3)
    figures(first, 2025, female_stable_jobs=6)
    figures(first, 2026, female_stable_jobs=8)
    figures(second, 2023, female_stable_jobs=4)
    group = supported("tht")
    figures(group, 2025, female_stable_jobs=7)
    assert actual("HTX_FEMALE_JOBS") == 10
    assert actual("THT_FEMALE_JOBS") == 7
    assert actual("HTX_FEMALE_JOBS", day=date("2024-12-31")) == 7


@pytest.mark.parametrize(
    "workers_female, founded, under_plan, counted",
    [
        (8, "2024-01-01", True, True),
        # Exactly 70% is not "more than 70%".
        (7, "2024-01-01", True, False),
        (6, "2024-01-01", True, False),
        # Founded before the plan's start (06/07/2023), or not under the plan.
        (8, "2023-07-05", True, False),
        (8, "2023-07-06", True, True),
        (8, "2024-01-01", False, False),
    ],
)
def test_new_cooperatives_need_more_than_70_percent_women(
    workers_female, founded, under_plan, counted
):
    cooperative = supported(founded_on=date(founded), established_under_plan=under_plan)
    figures(cooperative, workers_total=10, workers_female=workers_female)
    assert actual("NEW_HTX") == (1 if counted else 0)
    assert actual("NEW_HTX_FEMALE_JOBS") == (workers_female if counted else 0)


def test_a_new_cooperative_without_figures_has_no_share_and_is_not_counted():
    supported(founded_on=date("2024-01-01"), established_under_plan=True)
    assert actual("NEW_HTX") == 0


def test_managers_trained_and_certified_percentages():
    cooperatives = [supported() for _ in range(4)]
    managers = [c.roles.get().person for c in cooperatives]
    train(managers[0], certificate=True)
    train(managers[1])
    train(managers[2], category="ecommerce", certificate=True)
    train(managers[3], start="2023-05-01")  # before the plan: does not count
    figures_ = indicators.compute(D)
    assert figures_["MANAGERS_TRAINED_PCT"] == indicators.Figure(50.0, 2, 4)
    assert figures_["MANAGERS_CERTIFIED_PCT"] == indicators.Figure(25.0, 1, 4)


def test_managers_of_groups_or_unsupported_cooperatives_are_not_in_the_percentage():
    supported("tht")
    CooperativeFactory()  # not supported
    assert indicators.compute(D)["MANAGERS_TRAINED_PCT"] == indicators.Figure(None, 0, 0)


def test_officer_percentages():
    support = [OfficerFactory(works_on_cooperatives=True) for _ in range(2)]
    others = [OfficerFactory() for _ in range(2)]
    OfficerFactory(works_on_cooperatives=True, active_to=date("2025-06-30"))  # left
    train(support[0], category="law")
    train(support[1], category="mobilisation")
    train(others[0], category="mobilisation")
    figures_ = indicators.compute(D)
    assert figures_["STAFF_COOP_TRAINED_PCT"] == indicators.Figure(100.0, 2, 2)
    assert figures_["STAFF_SKILLS_PCT"] == indicators.Figure(50.0, 2, 4)


def test_member_training_percentages_over_portfolio_cooperatives():
    cooperative = supported()
    figures(
        cooperative,
        members_total=20,
        members_female=10,
        members_trained_vocational=10,
        members_trained_ecommerce=11,
    )
    group = supported("tht")
    figures(group, members_total=50, members_female=10, members_trained_vocational=0)
    figures_ = indicators.compute(D)
    assert figures_["MEMBERS_VOCATIONAL_PCT"] == indicators.Figure(50.0, 10, 20)
    assert figures_["MEMBERS_ECOMMERCE_PCT"] == indicators.Figure(55.0, 11, 20)


def test_zero_denominators_are_no_data_not_zero_or_hundred():
    figures_ = indicators.compute(D)
    for code in [
        "MANAGERS_TRAINED_PCT",
        "MANAGERS_CERTIFIED_PCT",
        "STAFF_COOP_TRAINED_PCT",
        "STAFF_SKILLS_PCT",
        "MEMBERS_VOCATIONAL_PCT",
        "MEMBERS_ECOMMERCE_PCT",
    ]:
        assert figures_[code].actual is None, code
    assert figures_["HTX_SUPPORTED"].actual == 0


def test_scope_by_unit_and_breakdown_add_up_to_the_province():
    ta_van, bat_xat = unit("03037"), unit("02683")
    figures(supported(unit_=ta_van), female_stable_jobs=4)
    figures(supported(unit_=bat_xat), female_stable_jobs=6)
    old_commune = ta_van.predecessors.first()
    figures(supported(unit_=old_commune), female_stable_jobs=1)
    OfficerFactory(unit=unit("HLHPN", "agency"))
    assert actual("HTX_FEMALE_JOBS", unit_ids=unit("03037").local_area_ids()) == 5
    rows = indicators.compute_by_unit(D)
    by_name = {u.name if u else None: f for u, f in rows}
    assert by_name["Xã Tả Van"]["HTX_SUPPORTED"].actual == 2
    assert by_name["Xã Bát Xát"]["HTX_FEMALE_JOBS"].actual == 6
    assert by_name[None]["STAFF_SKILLS_PCT"].denominator == 1  # the provincial agency
    assert len(rows) == 100  # the 99 communes of 2025 and what lies outside them
    total = sum(f["HTX_FEMALE_JOBS"].actual for _, f in rows)
    assert total == actual("HTX_FEMALE_JOBS") == 11


def test_breakdown_before_the_reform_is_by_district():
    figures(supported(unit_=unit("02692", "pre2025")), year=2024, female_stable_jobs=3)
    rows = indicators.compute_by_unit(date("2024-12-31"))
    assert len([u for u, _ in rows if u]) == 9
    by_name = {u.name if u else None: f for u, f in rows}
    assert by_name["Huyện Bát Xát"]["HTX_FEMALE_JOBS"].actual == 3


def test_query_count_does_not_grow_with_data_or_units():
    make_data(3)
    Unit.objects.reporting_map(D)  # the unit tree's walk is kept from then on
    with CaptureQueriesContext(connection) as small:
        indicators.compute(D)
        indicators.compute_by_unit(D)
    make_data(60)
    with CaptureQueriesContext(connection) as large:
        indicators.compute(D)
        indicators.compute_by_unit(D)
    # compute: cooperatives, figures, managers, officers; compute_by_unit: the same four
    # grouped by reporting unit, plus the unit tree (its kept walk: the units' version and
    # the map in the database cache; the reporting units).
    assert len(small) == len(large) == 11


@pytest.mark.parametrize("code", indicators.CODES)
def test_drill_down_lists_exactly_what_the_figure_counts(code):
    make_data(12)
    group = supported("tht")
    figures(group, female_stable_jobs=0)
    figure = indicators.compute(D)[code]
    rows = list(indicators.records(code, D))
    kind, field = indicators.RECORDS[code]
    if figure.denominator is not None and kind == "cooperatives":
        # Members' percentages: the rows' members over their trained members.
        assert sum(r.members_total for r in rows) == figure.denominator
        assert sum(r.counted for r in rows) == figure.numerator
    elif figure.denominator is not None:
        # People and officers: every row is in the denominator, the flagged ones above it.
        assert len(rows) == figure.denominator
        assert sum(bool(r.counted) for r in rows) == figure.numerator
    elif field:
        assert sum(r.counted for r in rows) == figure.actual
    else:
        assert len(rows) == figure.actual


def target(code, phase, comparison, value, upper=None):
    return Target(
        indicator=Indicator.objects.get(code=code),
        phase=Phase.objects.get(number=phase),
        comparison=comparison,
        value=value,
        upper=upper,
    )


@pytest.mark.parametrize("value, met", [(2, False), (3, True), (4, True), (5, False)])
def test_a_range_target_is_met_inside_it_only(value, met):
    assert Target.objects.get(indicator__code="NEW_HTX", phase__number=1).is_met(value) is met


@pytest.mark.parametrize("value, met", [(50, False), (50.1, True), (None, None)])
def test_more_than_fifty_percent_is_missed_at_exactly_fifty(value, met):
    target_ = Target.objects.get(indicator__code="MEMBERS_ECOMMERCE_PCT", phase__number=1)
    assert target_.is_met(value) is met


@pytest.mark.parametrize(
    "code, phase, expected",
    [
        ("HTX_SUPPORTED", 1, "≥ 13"),
        ("NEW_HTX", 1, "3–4"),
        ("MEMBERS_ECOMMERCE_PCT", 2, "> 50%"),
        ("STAFF_SKILLS_PCT", 2, "≥ 90%"),
    ],
)
def test_targets_read_as_the_plan_writes_them(code, phase, expected):
    assert str(Target.objects.get(indicator__code=code, phase__number=phase)) == expected
