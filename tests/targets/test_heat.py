"""The units × indicators table: each unit's figure today and how it stands on the road to
2030, from the kept figures, for province-wide roles."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from org.models import Unit
from targets import indicators, live
from tests.factories import figures, make_data, supported, train, unit
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def rows(client, **params):
    response = client.get(reverse("targets:heat"), params)
    assert response.status_code == 200
    return {
        (row["unit"].code if row["unit"] else None): {
            cell["indicator"].code: cell for cell in row["cells"]
        }
        for row in response.context["page"].object_list
    }


def test_each_units_cell_is_its_figure_today_with_its_state(staff_client):
    # Tả Van: one HTX with a woman director never trained since the plan began.
    supported(unit_=unit("03037"), founded_on=datetime.date(2020, 1, 1))
    table = rows(staff_client, per_page=100)
    cells = table["03037"]
    assert cells["HTX_SUPPORTED"]["value"] == 1
    # A count has no unit target: its pace only, never "met" or "at risk".
    assert cells["HTX_SUPPORTED"]["judgement"].state == "no_target"
    # 0% of managers trained, no progress since the plan began: at risk of missing 100%.
    assert cells["MANAGERS_TRAINED_PCT"]["value"] == 0
    assert cells["MANAGERS_TRAINED_PCT"]["judgement"].state == "at_risk"
    assert cells["STAFF_SKILLS_PCT"]["judgement"].state == "no_data"


def test_a_trained_manager_meets_the_units_percentage(staff_client):
    cooperative = supported(unit_=unit("03037"))
    train(cooperative.roles.get().person, certificate=True)
    cells = rows(staff_client, per_page=100)["03037"]
    assert cells["MANAGERS_TRAINED_PCT"]["judgement"].state == "met"
    page = staff_client.get(reverse("targets:heat"), {"per_page": 100}).content.decode()
    assert f"{reverse('targets:dashboard')}?unit={unit('03037').pk}" in page


def test_every_rows_figures_are_the_engines_for_the_units_reporting_through_it(staff_client):
    make_data(3)
    old = Unit.objects.filter(code_set="pre2025", kind="commune").exclude(successor=None).first()
    figures(supported(unit_=old), 2024, female_stable_jobs=7)
    today = timezone.localdate()
    rows = live.reporting_rows(today)
    for (row_unit, series), (pk, _name, ids) in zip(live.trends_of(rows, today), rows, strict=True):
        assert set(ids) == Unit.objects.row_ids(pk or 0, today)
        assert (row_unit.pk if row_unit else None) == pk
        for day, figures_ in series:
            assert figures_ == indicators.compute(day, ids), (row_unit, day)


def test_a_unit_officer_may_not_see_other_units(officer_client):
    assert officer_client.get(reverse("targets:heat")).status_code == 403


def test_the_query_count_does_not_grow_with_data(staff_client):
    make_data(3)
    live.renew()
    staff_client.get(reverse("targets:heat"))  # the unit tree's walk is kept from then on
    small = count_queries(staff_client, reverse("targets:heat"))
    make_data(30)
    live.renew()
    # Session, user, targets, phase, phases, indicators, the rows (current? (2), the unit
    # tree's kept walk (2), the reporting units' names, every unit's id, whether anything
    # lies outside the rows), the page's units, totals and shared managers, the session's
    # save (3).
    assert count_queries(staff_client, reverse("targets:heat")) == small == 19
