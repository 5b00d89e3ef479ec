"""The figures a submission freezes: stored in one JSON shape and read back unchanged."""

import json

import pytest

from org.models import Unit
from reporting import services
from reporting.frozen import freeze, frozen_actual, thaw
from targets import indicators
from targets.indicators import Figure, percentage
from tests.factories import UserFactory, figures, supported

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "figure, stored",
    [
        (Figure(3), {"actual": 3, "numerator": None, "denominator": None}),
        (Figure(0), {"actual": 0, "numerator": None, "denominator": None}),
        (Figure(None), {"actual": None, "numerator": None, "denominator": None}),
        (percentage(1, 2), {"actual": 50.0, "numerator": 1, "denominator": 2}),
        (percentage(1, 3), {"actual": 100 / 3, "numerator": 1, "denominator": 3}),
        # No data: a zero denominator gives no percentage, never 0% or 100%.
        (percentage(0, 0), {"actual": None, "numerator": 0, "denominator": 0}),
    ],
)
def test_a_figure_is_stored_in_the_fixed_shape_and_read_back(figure, stored):
    data = freeze({"CODE": figure})
    assert data == {"CODE": stored}
    # Through JSON, as the database and the backups keep it.
    assert thaw(json.loads(json.dumps(data))) == {"CODE": figure}


def test_nothing_frozen_reads_as_no_figures():
    assert thaw(None) == {}
    assert frozen_actual(None, "HTX_SUPPORTED") is None
    assert frozen_actual(freeze({"NEW_HTX": Figure(2)}), "HTX_SUPPORTED") is None
    assert frozen_actual(freeze({"NEW_HTX": Figure(2)}), "NEW_HTX") == 2


def test_a_submitted_report_reads_back_the_computed_figures(officer, ta_van):
    # A count, a percentage with data and percentages without (no Union officers).
    figures(supported(unit_=ta_van), year=2026, members_total=20, members_trained_vocational=5)
    round_ = services.create_round(by=UserFactory.build(), year=2026)
    submission = services.start_submission(round_=round_, unit=ta_van)
    services.submit(submission=submission, by=officer)
    submission.refresh_from_db()

    day = round_.as_of
    computed = indicators.compute(day, Unit.objects.figure_unit_ids(ta_van.pk, day))
    assert thaw(submission.indicators) == computed
    assert computed["HTX_SUPPORTED"] == Figure(1)
    assert computed["MEMBERS_VOCATIONAL_PCT"] == percentage(5, 20)
    assert computed["STAFF_SKILLS_PCT"] == Figure(None, 0, 0)
