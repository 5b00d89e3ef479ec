"""Province staff revise a phase-2 target in the admin; the revision is kept with who and when."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from targets.models import Target

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_admin(client, province_staff):
    province_staff.is_staff = True
    province_staff.save(update_fields=["is_staff"])
    province_staff.user_permissions.set(
        Permission.objects.filter(content_type__app_label="targets")
    )
    client.force_login(province_staff)
    return client


def test_a_phase_two_target_revision_is_kept_with_who_and_when(staff_admin, province_staff):
    target = Target.objects.get(indicator__code="HTX_SUPPORTED", phase__number=2)
    url = reverse("admin:targets_target_change", args=[target.pk])
    data = {
        "indicator": target.indicator_id,
        "phase": target.phase_id,
        "comparison": "at_least",
        "value": "25",
        "upper": "",
    }
    assert staff_admin.post(url, data).status_code == 302
    target.refresh_from_db()
    assert str(target) == "≥ 25"
    latest = target.history.first()
    assert (latest.history_user, latest.value, latest.history_type) == (province_staff, 25, "~")
    assert target.history.count() == 1  # the loaded target had no history row of its own
    assert (
        staff_admin.get(reverse("admin:targets_target_history", args=[target.pk])).status_code
        == 200
    )


def test_targets_of_an_ended_phase_cannot_be_changed(staff_admin):
    # Phase 1 ended on 31/12/2025: its targets are the record of what was promised.
    target = Target.objects.get(indicator__code="HTX_SUPPORTED", phase__number=1)
    url = reverse("admin:targets_target_change", args=[target.pk])
    data = {
        "indicator": target.indicator_id,
        "phase": target.phase_id,
        "comparison": "at_least",
        "value": "1",
    }
    assert staff_admin.post(url, data).status_code == 403
    target.refresh_from_db()
    assert str(target) == "≥ 13"


def test_a_range_needs_a_sound_upper_value(staff_admin):
    target = Target.objects.get(indicator__code="NEW_HTX", phase__number=2)
    url = reverse("admin:targets_target_change", args=[target.pk])
    data = {
        "indicator": target.indicator_id,
        "phase": target.phase_id,
        "comparison": "range",
        "value": "10",
        "upper": "8",
    }
    response = staff_admin.post(url, data)
    assert response.status_code == 200
    assert "Khoảng cần có giá trị trên không nhỏ hơn giá trị dưới." in response.content.decode()


def test_indicators_cannot_be_added_or_deleted_in_the_admin(staff_admin):
    # How each indicator is computed is code: the catalogue follows it.
    assert staff_admin.get(reverse("admin:targets_indicator_add")).status_code == 403
