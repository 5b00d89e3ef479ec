"""The access log of personal data in the admin: administrators list, search, filter and
export it; nobody adds, changes or deletes a row there; other roles do not see it. And the
inventory of personal data, for administrators and province staff only."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from config.spreadsheets import DATETIME, field_header
from org import personal_data
from org.access_log import record
from org.models import AccessRecord, User
from tests.factories import UserFactory
from tests.queries import count_queries
from tests.spreadsheets import open_xlsx, table

pytestmark = pytest.mark.django_db

Action = AccessRecord.Action
CHANGELIST = reverse("admin:org_accessrecord_changelist")
EXPORT = reverse("admin:org_accessrecord_export")
INVENTORY = reverse("admin_personal_data")


def staff(role, unit=None, **kwargs):
    """A user of `role` let into the admin with every permission the admin's groups could
    give: only the log's own rule stands between them and it."""
    user = UserFactory(role=role, unit=unit, is_staff=True, **kwargs)
    user.user_permissions.set(Permission.objects.all())
    return user


@pytest.fixture
def administrator():
    return staff(User.Role.ADMIN)


@pytest.fixture(params=["administrator", "superuser"])
def it_user(request):
    """An administrator (IT), and one who is also Django's superuser: the log is read-only
    for both."""
    return staff(User.Role.ADMIN, is_superuser=request.param == "superuser")


def row(user, at, **values):
    """A row of the log written at `at` (whole seconds, as a spreadsheet keeps them)."""
    return AccessRecord.objects.create(
        user=user, username=user.username, at=at.replace(microsecond=0), **values
    )


@pytest.fixture
def log(officer, province_staff):
    """A few rows of the log, of two users, a month ago and within the last days."""
    month_ago = timezone.now() - datetime.timedelta(days=30)
    recently = timezone.now() - datetime.timedelta(days=2)
    return [
        row(officer, month_ago, action=Action.VIEW, what="/registry/people/12/", people=1,
            subject="cooperatives.person:12", address="10.0.0.7"),
        row(officer, month_ago, action=Action.LIST, what="/registry/people/", people=40,
            address="10.0.0.7"),
        row(province_staff, recently, action=Action.EXPORT, people=40,
            what="/registry/people/export.xlsx", reason="Mời dự tập huấn ngày 12/03",
            address="10.0.0.9"),
        row(province_staff, recently + datetime.timedelta(hours=1), action=Action.VIEW,
            what="/training/officers/31/", people=1, subject="training.unionofficer:31",
            address="10.0.0.9"),
    ]  # fmt: skip


def listed(client, query=""):
    """The rows the log's change list shows for `query`, as ids in the list's order."""
    response = client.get(CHANGELIST + query)
    assert response.status_code == 200
    return [row.pk for row in response.context["cl"].result_list]


def test_an_administrator_lists_the_whole_log_newest_first(client, it_user, log):
    client.force_login(it_user)
    assert listed(client) == [log[3].pk, log[2].pk, log[1].pk, log[0].pk]


def test_the_log_is_searched_by_username_and_by_person(client, administrator, log):
    client.force_login(administrator)
    assert set(listed(client, "?q=canbo_tavan")) == {log[0].pk, log[1].pk}
    assert listed(client, "?q=cooperatives.person:12") == [log[0].pk]
    assert listed(client, "?q=training.unionofficer:31") == [log[3].pk]
    assert listed(client, "?q=10.0.0.9") == [log[3].pk, log[2].pk]
    assert listed(client, "?q=tập huấn") == [log[2].pk]


def test_the_log_is_filtered_by_action_and_by_date(client, administrator, log):
    client.force_login(administrator)
    assert listed(client, "?action__exact=view") == [log[3].pk, log[0].pk]
    assert listed(client, "?action__exact=export") == [log[2].pk]
    # The date filter's "past 7 days", as its link says it.
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    week = {"at__gte": today - datetime.timedelta(days=7), "at__lt": today + datetime.timedelta(1)}
    assert listed(client, "?" + urlencode(week)) == [log[3].pk, log[2].pk]
    old = timezone.localtime(log[0].at)
    hierarchy = f"?at__year={old.year}&at__month={old.month}&at__day={old.day}"
    assert listed(client, hierarchy) == [log[1].pk, log[0].pk]


def test_the_export_holds_exactly_the_filtered_list_and_is_itself_logged(
    client, administrator, log
):
    client.force_login(administrator)
    query = "?action__exact=view&q=10.0.0"
    shown = listed(client, query)
    assert shown == [log[3].pk, log[0].pk]

    response = client.get(EXPORT + query)
    sheet = open_xlsx(response)
    assert "10.0.0" in sheet["A2"].value  # the row that says with which filters
    headers, rows = table(sheet)
    assert headers == [
        field_header(AccessRecord, name)
        for name in ("at", "username", "action", "what", "subject", "people", "address", "reason")
    ]
    expected = AccessRecord.objects.filter(pk__in=shown).order_by("-at", "-pk")
    assert [[cell.value for cell in row[1:6]] for row in rows] == [
        [row.username, row.get_action_display(), row.what, row.subject, row.people]
        for row in expected
    ]
    at = [row[0] for row in rows]
    assert all(cell.number_format == DATETIME for cell in at)
    assert [cell.value for cell in at] == [
        timezone.localtime(row.at).replace(tzinfo=None) for row in expected
    ]

    written = AccessRecord.objects.order_by("-pk").first()
    assert written.pk not in {row.pk for row in log}
    assert (written.action, written.username) == (Action.EXPORT, administrator.username)
    # What was searched for is not kept: it may be a name (org.access_log.page_of).
    assert written.what == EXPORT + query.replace("q=10.0.0", "q=*")


def test_the_export_without_a_filter_holds_every_row(client, administrator, log):
    client.force_login(administrator)
    _headers, rows = table(open_xlsx(client.get(EXPORT)))
    assert [row[3].value for row in rows] == [row.what for row in reversed(log)]


def test_the_change_list_links_to_the_export_of_what_it_shows(client, administrator, log):
    client.force_login(administrator)
    page = client.get(CHANGELIST + "?action__exact=view&q=10.0.0").content.decode()
    assert f'href="{EXPORT}?action__exact=view&amp;q=10.0.0"' in page


def test_the_change_list_makes_no_query_per_row(client, administrator, log, officer):
    client.force_login(administrator)
    few = count_queries(client, CHANGELIST)
    for number in range(30):
        record(user=officer, action=Action.VIEW, what=f"/registry/people/{number}/", people=1)
    assert count_queries(client, CHANGELIST) == few


def test_no_one_changes_the_log_through_the_admin(client, it_user, log):
    client.force_login(it_user)
    row = log[0]
    before = AccessRecord.objects.values().get(pk=row.pk)
    change = reverse("admin:org_accessrecord_change", args=[row.pk])
    delete = reverse("admin:org_accessrecord_delete", args=[row.pk])
    add = reverse("admin:org_accessrecord_add")

    page = client.get(change)
    assert page.status_code == 200  # read only: nothing to save
    assert 'name="_save"' not in page.content.decode()
    assert client.post(change, {"username": "ai_do", "reason": "", "_save": "1"}).status_code == 403
    assert client.get(add).status_code == 403
    assert client.post(add, {"username": "ai_do", "action": "view"}).status_code == 403
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    client.post(
        CHANGELIST,
        {"action": "delete_selected", "_selected_action": [r.pk for r in log], "post": "yes"},
    )
    assert AccessRecord.objects.values().get(pk=row.pk) == before
    assert AccessRecord.objects.filter(pk__in=[r.pk for r in log]).count() == len(log)


@pytest.mark.parametrize("role", User.Role.values)
@pytest.mark.parametrize("superuser", [False, True])
def test_the_log_admin_offers_no_write_and_no_action_to_anyone(rf, ta_van, role, superuser):
    user = staff(role, ta_van if role == User.Role.UNIT_OFFICER else None, is_superuser=superuser)
    request = rf.get(CHANGELIST)
    request.user = user
    model_admin = admin.site.get_model_admin(AccessRecord)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.get_actions(request) == {}


@pytest.mark.parametrize("who", ["officer", "province_staff", "leader"])
def test_other_roles_do_not_see_the_log(client, request, who, log):
    user = request.getfixturevalue(who)
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.all())
    client.force_login(user)
    rows = AccessRecord.objects.count()
    assert client.get(CHANGELIST).status_code == 403
    assert client.get(EXPORT).status_code == 403
    assert client.get(reverse("admin:org_accessrecord_change", args=[log[0].pk])).status_code == 403
    assert AccessRecord.objects.count() == rows  # a refused file is not a download
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert CHANGELIST not in index.content.decode()


def test_the_inventory_lists_every_personal_field_for_an_administrator(client, administrator):
    client.force_login(administrator)
    response = client.get(INVENTORY)
    assert response.status_code == 200
    page = response.content.decode()
    for field in personal_data.FIELDS:
        assert f'data-field="{field.model}.{field.field}"' in page, field
    shown = {
        (group["label"], row["name"], row["sensitive"], row["detail"])
        for group in response.context["models"]
        for row in group["fields"]
    }
    assert shown == {
        (f.model, f.field, f.sensitivity == personal_data.Sensitivity.SENSITIVE, f.detail)
        for f in personal_data.FIELDS
    }
    assert response.context["purpose"] == personal_data.PURPOSE
    assert CHANGELIST in page
    assert INVENTORY in client.get(reverse("admin:index")).content.decode()


def test_province_staff_read_the_inventory_without_the_log(client, province_staff):
    province_staff.is_staff = True
    province_staff.save()
    client.force_login(province_staff)
    response = client.get(INVENTORY)
    assert response.status_code == 200
    assert CHANGELIST not in response.content.decode()
    assert INVENTORY in client.get(reverse("admin:index")).content.decode()


@pytest.mark.parametrize("who", ["officer", "leader"])
def test_leaders_and_unit_officers_do_not_read_the_inventory(client, request, who):
    user = request.getfixturevalue(who)
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.all())
    client.force_login(user)
    assert client.get(INVENTORY).status_code == 403
    assert INVENTORY not in client.get(reverse("admin:index")).content.decode()
