"""`manage.py renew_figures`, the nightly job: today's totals are ready before anyone asks."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from targets import live
from targets.models import FiguresToRenew, KeptDay, UnitTotals
from tests.factories import supported

pytestmark = pytest.mark.django_db


def test_the_nightly_job_keeps_every_day_current():
    supported()
    out = io.StringIO()
    call_command("renew_figures", stdout=out)
    days = live.kept_days(timezone.localdate())
    assert set(KeptDay.objects.values_list("day", flat=True)) == set(days)
    assert not FiguresToRenew.objects.exists()
    assert timezone.localdate().strftime("%d/%m/%Y") in out.getvalue()


def test_everything_renews_figures_changed_outside_the_portal():
    cooperative = supported()
    call_command("renew_figures", stdout=io.StringIO())
    # A change the portal did not make (a database repair): no write marked it.
    type(cooperative).objects.filter(pk=cooperative.pk).update(union_supported=False)
    assert live.compute(timezone.localdate())["HTX_SUPPORTED"].actual == 1
    call_command("renew_figures", "--everything", stdout=io.StringIO())
    assert live.compute(timezone.localdate())["HTX_SUPPORTED"].actual == 0
    assert UnitTotals.objects.filter(htx__gt=0).count() == 0
