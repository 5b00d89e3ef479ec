"""The round board and the provincial report page are kept until what they show changes, and
their query counts do not grow with the units and submissions of the round."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from org.models import Unit
from reporting import services
from targets.models import Phase, Target
from tests.factories import unit

pytestmark = pytest.mark.django_db

PAGES = ["reporting:provincial_report", "reporting:round_board"]


def queries(client, url, **params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    page = response.content.decode()  # its main part: the log-out form's token changes
    return len(captured), page[page.index("<main") : page.index("</main>")]


@pytest.mark.parametrize("name", PAGES)
def test_a_kept_page_follows_a_newly_accepted_report_and_a_renamed_unit(
    staff_client, round_with_reports, province_staff, name
):
    url = reverse(name, args=[round_with_reports.pk])
    first, page = queries(staff_client, url)
    again, same = queries(staff_client, url)
    assert same == page and again < first  # read back, not summed again

    submission = round_with_reports.submissions.get(unit__code="SCT")
    services.accept(submission=submission, by=province_staff)
    _count, changed = queries(staff_client, url)
    assert changed != page

    # A rename that skips save() (as a data fix in the shell would) is seen too.
    Unit.objects.filter(pk=unit("02683").pk).update(name="Xã Bát Xát Mới")
    _count, renamed = queries(staff_client, url, per_page=100)
    assert "Xã Bát Xát Mới" in renamed


@pytest.mark.parametrize("name", PAGES)
def test_query_counts_do_not_grow_with_the_round(
    staff_client, round_with_reports, report_from_another_province, name
):
    url = reverse(name, args=[round_with_reports.pk])
    small = queries(staff_client, url)[0]
    kept = queries(staff_client, url)[0]
    report_from_another_province()  # one more unit, report
    assert queries(staff_client, url)[0] == small
    assert queries(staff_client, url)[0] == kept


def test_every_way_of_asking_for_a_page_gets_the_same_kept_page(staff_client, round_with_reports):
    url = reverse("reporting:provincial_report", args=[round_with_reports.pk])
    _count, last = queries(staff_client, url, page=5, per_page=25)  # 109 units: 5 pages
    kept, past_the_end = queries(staff_client, url, page=99, per_page=25, extra="x")
    assert past_the_end == last
    assert "extra" not in last and "page=4" in last  # links carry only the page size


def test_a_kept_report_page_follows_a_changed_target(staff_client, round_with_reports):
    url = reverse("reporting:provincial_report", args=[round_with_reports.pk])
    assert "≥ 20" in queries(staff_client, url)[1]  # HTX_SUPPORTED, phase 2
    target = Target.objects.get(indicator__code="HTX_SUPPORTED", phase__number=2)
    target.value = 25
    target.save()
    page = queries(staff_client, url)[1]
    assert "≥ 25" in page


def test_a_kept_report_page_follows_a_phases_new_dates(staff_client, round_with_reports):
    url = reverse("reporting:provincial_report", args=[round_with_reports.pk])
    assert "≥ 20" in queries(staff_client, url)[1]  # 2026 lies in phase 2: HTX_SUPPORTED ≥ 20
    # Province staff extend phase 1 over 2026: the round is measured against its targets.
    Phase.objects.filter(number=1).update(ends_on=datetime.date(2026, 12, 31))
    Phase.objects.filter(number=2).update(starts_on=datetime.date(2027, 1, 1))
    page = queries(staff_client, url)[1]
    assert "≥ 13</td>" in page and "≥ 20</td>" not in page
