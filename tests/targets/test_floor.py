"""The benchmark's floor (benchmarks/floor.py): one hand-written SQL query that must give the
engine's figures, edge cases included, or the overhead ratio would compare unlike work."""

import datetime

import pytest
from django.db import connection

from benchmarks.floor import engine_totals, floor_totals
from targets import indicators
from tests.factories import (
    CooperativeFactory,
    OfficerFactory,
    date,
    figures,
    make_data,
    supported,
    train,
)

pytestmark = pytest.mark.django_db

D = datetime.date(2025, 12, 31)  # the day the figures are for, as in test_indicators.py


def floor(day=D):
    with connection.cursor() as cursor:
        return floor_totals(cursor, day)


def test_the_floor_gives_the_engines_totals_on_mixed_data():
    make_data(12)
    group = supported("tht")
    grown = supported("htx", founded_on=date("2024-06-01"))
    grown.converted_from = group
    grown.save()
    supported(status="dissolved", status_since=date("2025-06-01"))
    supported(woman=False)
    exactly_70 = supported(established_under_plan=True, founded_on=date("2024-01-01"))
    figures(exactly_70, workers_total=10, workers_female=7)
    OfficerFactory(works_on_cooperatives=True, active_to=date("2025-06-30"))
    train(OfficerFactory(), category="mobilisation", start="2023-05-01")  # before the plan
    totals = floor()
    assert totals == engine_totals(indicators.compute(D))
    assert totals[("HTX_SUPPORTED", "actual")] == indicators.compute(D)["HTX_SUPPORTED"].actual > 0


def test_the_floor_on_an_empty_database_is_all_zero():
    assert set(floor().values()) == {0}
    CooperativeFactory()  # not supported: still nothing counted
    assert floor() == engine_totals(indicators.compute(D))
