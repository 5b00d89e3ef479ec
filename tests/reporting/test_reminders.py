"""send_reminders e-mails the officers of units that have not submitted, near the deadline."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from org.models import User
from reporting import services
from tests.factories import ReportingRoundFactory, SubmissionFactory, UserFactory, unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_due_in_three_days():
    due = timezone.now() + datetime.timedelta(days=3)
    year = timezone.localdate().year
    return ReportingRoundFactory(year=year, kind="ad_hoc", due_before=due)


def remind(days):
    call_command("send_reminders", "--days", str(days), stdout=io.StringIO())


def test_officers_of_units_that_have_not_submitted_are_reminded(
    round_due_in_three_days, province_staff
):
    waiting = UserFactory(role=User.Role.UNIT_OFFICER, unit=unit("03037"), email="tavan@example.vn")
    submitted_unit = unit("02683")
    done = UserFactory(role=User.Role.UNIT_OFFICER, unit=submitted_unit, email="batxat@example.vn")
    UserFactory(role=User.Role.UNIT_OFFICER, unit=unit("02728"), email="")  # no address
    submission = SubmissionFactory(round=round_due_in_three_days, unit=submitted_unit)
    services.submit(submission=submission, by=done)
    remind(7)
    assert [message.to for message in mail.outbox] == [[waiting.email]]
    assert "Nhắc báo cáo" in mail.outbox[0].subject
    assert "Xã Tả Van" in mail.outbox[0].body


def test_nobody_is_reminded_too_early_or_after_the_deadline(round_due_in_three_days):
    UserFactory(role=User.Role.UNIT_OFFICER, unit=unit("03037"), email="tavan@example.vn")
    remind(2)
    assert mail.outbox == []
    round_due_in_three_days.due_before = timezone.now() - datetime.timedelta(hours=1)
    round_due_in_three_days.save()
    remind(30)
    assert mail.outbox == []
