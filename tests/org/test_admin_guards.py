"""The admin keeps the portal's rules: its pages of past versions only show them, the
province's own records are changed by province staff (and IT) only, and its "view on site"
redirect tells nobody whether another unit's record exists."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.forms.models import model_to_dict
from django.urls import reverse

from org.models import User
from org.scoping import ReadOnlyHistoryAdmin
from targets.models import Target
from tests.factories import HeadCountFactory, UserFactory
from tests.records import records

pytestmark = pytest.mark.django_db

# The record of `records()` to try for each model whose admin has history pages.
WITH_HISTORY = {
    "cooperatives.cooperative": "coop",
    "cooperatives.person": "person",
    "cooperatives.yearlyfigures": "figures",
    "cooperatives.managementrole": "role",
    "cooperatives.ocopproduct": "product",
    "training.trainingevent": "event",
    "training.unionofficer": "officer",
    "training.participant": "participant",
    "training.headcount": "head_count",
    "reporting.submission": "submission",
    "targets.target": "target",
}


@pytest.fixture
def recs(ta_van):
    found = records(ta_van)
    found["head_count"] = HeadCountFactory(event=found["event"], cooperative=found["coop"])
    target = Target.objects.select_related("phase").order_by("-phase__ends_on").first()
    target.save()  # the migration loads targets without history: give it a version
    found["target"] = target
    return found


def staff(role, unit=None, apps_=()):
    user = UserFactory(role=role, unit=unit, is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label__in=apps_))
    return user


def as_posted(values):
    """Return a record's field values as its admin form would post them, renamed."""
    data = {
        name: "" if value is None else [v.pk for v in value] if isinstance(value, list) else value
        for name, value in values.items()
    }
    for name in ("name", "full_name", "title"):
        if name in data:
            data[name] = "Đổi tên"
    return data


def past_version_url(record):
    opts = record._meta
    version = record.history.order_by("-history_id").first().history_id
    name = f"admin:{opts.app_label}_{opts.model_name}_simple_history"
    return reverse(name, args=[record.pk, version])


def test_every_admin_with_history_is_tried():
    with_history = {
        model._meta.label_lower
        for model in apps.get_models()
        if admin.site.is_registered(model)
        and isinstance(admin.site.get_model_admin(model), ReadOnlyHistoryAdmin)
    }
    assert with_history == set(WITH_HISTORY)


@pytest.mark.parametrize("role", [User.Role.PROVINCE_STAFF, User.Role.LEADER])
def test_no_page_of_a_past_version_saves_what_is_posted(client, recs, role):
    # Django's own user with every permission: nothing but the page itself may refuse.
    client.force_login(staff(role, apps_=["cooperatives", "training", "reporting", "targets"]))
    for label, key in WITH_HISTORY.items():
        record = recs[key]
        before = model_to_dict(record)
        url = past_version_url(record)
        assert client.get(url).status_code == 200, label
        response = client.post(url, {**as_posted(before), "_save": "Lưu"})
        assert response.status_code == 405, label
        record.refresh_from_db()
        assert model_to_dict(record) == before, label


def test_a_unit_officer_cannot_post_a_past_version_of_another_units_record(client, recs, bat_xat):
    client.force_login(staff(User.Role.UNIT_OFFICER, bat_xat, ["cooperatives", "training"]))
    url = past_version_url(recs["coop"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "Đổi", "_save": "Lưu"}).status_code in (404, 405)
    recs["coop"].refresh_from_db()
    assert recs["coop"].name != "Đổi"


def test_a_version_id_that_is_not_a_number_is_not_found(client, recs, province_staff):
    province_staff.is_staff = True
    province_staff.is_superuser = True
    province_staff.save()
    client.force_login(province_staff)
    url = reverse("admin:cooperatives_cooperative_simple_history", args=[recs["coop"].pk, "abc"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "role, may_change",
    [
        (User.Role.PROVINCE_STAFF, True),
        (User.Role.ADMIN, True),
        (User.Role.LEADER, False),
    ],
)
def test_only_province_staff_and_it_change_the_plans_records(client, recs, role, may_change):
    client.force_login(staff(role, apps_=["targets", "reporting"]))
    target = recs["target"]
    url = reverse("admin:targets_target_change", args=[target.pk])
    data = {
        "indicator": target.indicator_id,
        "phase": target.phase_id,
        "comparison": target.comparison,
        "value": target.value + 1,
        "upper": "",
    }
    response = client.post(url, data)
    target.refresh_from_db()
    assert (target.value == data["value"]) is may_change
    if not may_change:
        assert response.status_code == 403
        for name in ("targets_phase", "targets_indicator", "reporting_reportinground"):
            assert client.get(reverse(f"admin:{name}_add")).status_code == 403, name


def test_view_on_site_tells_a_unit_officer_nothing_of_another_units_records(
    client, recs, ta_van, bat_xat
):
    others = records(bat_xat)
    client.force_login(staff(User.Role.UNIT_OFFICER, ta_van, ["cooperatives", "training"]))
    for key in ("coop", "person", "event"):
        content_type = ContentType.objects.get_for_model(recs[key])
        own = client.get(f"/admin/r/{content_type.pk}/{recs[key].pk}/")
        assert own.status_code == 302 and own["Location"].endswith(recs[key].get_absolute_url()), (
            key
        )
        another = client.get(f"/admin/r/{content_type.pk}/{others[key].pk}/")
        missing = client.get(f"/admin/r/{content_type.pk}/999999/")
        assert another.status_code == missing.status_code == 404, key
    assert client.get(f"/admin/r/{content_type.pk}/abc/").status_code == 404
