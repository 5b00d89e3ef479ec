"""Scope is security: every URL, for every role, against own and another unit's records.

URLS (tests/url_table.py) lists every URL of the project that takes a user's request, of
every app. A new URL that is not added there fails `test_every_url_is_walked`, so no page
escapes the walk.
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import URLResolver, get_resolver, include, path, reverse, reverse_lazy

from cooperatives.models import Cooperative, ManagementRole, OcopProduct, Person, YearlyFigures
from org.models import User
from tests.factories import CooperativeFactory, UserFactory
from tests.records import records
from tests.spreadsheets import open_xlsx
from tests.url_table import (
    EDITORS,
    ELSEWHERE,
    PUBLIC,
    READ,
    STAFF,
    STEP,
    SUMMARY,
    URLS,
    WRITE,
    urls_for,
)

pytestmark = pytest.mark.django_db

# GET status for: a unit officer on their own unit's URL, a leader, province staff, by the
# kind of access of a URL (tests/url_table.py).
EXPECT = {
    READ: {"own": 200, "leader": 200, "staff": 200},
    WRITE: {"own": 200, "leader": 403, "staff": 200},
    EDITORS: {"own": 200, "leader": 403, "staff": 200},
    SUMMARY: {"own": 403, "leader": 200, "staff": 200},
    STEP: {"own": 405, "leader": 405, "staff": 405},
    STAFF: {"own": 403, "leader": 403, "staff": 200},
    PUBLIC: {"own": 200, "leader": 200, "staff": 200},
}


@pytest.fixture
def own(ta_van):
    return records(ta_van)


@pytest.fixture
def other(bat_xat):
    return records(bat_xat)


def url_names(patterns, namespace=""):
    """Yield the full name of every URL under `patterns`, into includes at any depth, with
    or without a namespace; an unnamed URL as its route. The admin is left out: its pages
    are Django's, scoped by the admin tests below."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from url_names(pattern.url_patterns, inner)
        elif pattern.name:
            yield f"{namespace}{pattern.name}"
        else:
            yield f"{namespace}(no name) {pattern.pattern}"


def test_every_url_is_walked():
    names = list(url_names(get_resolver().url_patterns))
    # Two URLs of one name would walk only the one reverse() finds.
    assert sorted({name for name in names if names.count(name) > 1}) == []
    assert set(names) == set(URLS) | ELSEWHERE


def a_view(request):
    """A view for the made-up URLs below; never called."""


def test_the_walk_finds_every_url_however_it_is_included():
    inner = [path("", a_view, name="deep")]
    outer = [path("inner/", include((inner, "inner")))]
    urlpatterns = [
        path("", a_view, name="home"),
        path("plain/", a_view),
        path("app/", include(([path("", a_view, name="list")], "app"))),
        path("outer/", include((outer, "outer"))),
        path("mixed/", include([path("", a_view, name="no_namespace")])),
        path("admin/", admin.site.urls),
    ]
    assert sorted(url_names(urlpatterns)) == [
        "(no name) plain/",
        "app:list",
        "home",
        "no_namespace",
        "outer:inner:deep",
    ]


def test_unit_officer_reaches_own_records_and_never_another_units(client, officer, own, other):
    client.force_login(officer)
    for name, access, url in urls_for(own):
        assert client.get(url).status_code == EXPECT[access]["own"], name
    for name, access, url in urls_for(other):
        if url in {u for _n, _a, u in urls_for(own)} or access == PUBLIC:
            continue  # lists and create pages have no id: checked by content below
        assert client.get(url).status_code == (405 if access == STEP else 404), name
        if access in (WRITE, STEP):
            assert client.post(url, {}).status_code == 404, name
    other["submission"].refresh_from_db()
    assert other["submission"].state == "draft"


def test_unit_officer_lists_and_search_show_only_own_unit(client, officer, own, other):
    client.force_login(officer)
    for url in [
        reverse("cooperatives:list"),
        reverse("cooperatives:list") + "?q=hop+tac+xa",
        reverse("cooperatives:person_list"),
        reverse("cooperatives:person_list") + "?q=nguoi",
        reverse("training:event_list"),
        reverse("training:officer_list"),
        reverse("training:officer_list") + "?q=can+bo",
        reverse("training:participants_add", args=[own["event"].pk]) + "?q=a",
    ]:
        page = client.get(url).content.decode()
        names = (
            ("coop", "name"),
            ("person", "full_name"),
            ("event", "title"),
            ("officer", "full_name"),
        )
        assert any(getattr(own[key], attr) in page for key, attr in names), url
        assert not any(getattr(other[key], attr) in page for key, attr in names), url


def exported_text(response):
    """Return every text cell of an Excel export, joined."""
    sheet = open_xlsx(response)
    return "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)


EXPORTS = [
    (reverse_lazy("cooperatives:list_xlsx"), {}, "coop", "name"),
    (reverse_lazy("cooperatives:list_xlsx"), {"q": "hop tac xa"}, "coop", "name"),
    (reverse_lazy("cooperatives:person_list_xlsx"), {"q": "nguoi"}, "person", "full_name"),
    (reverse_lazy("training:event_list_xlsx"), {}, "event", "title"),
    (reverse_lazy("training:officer_list_xlsx"), {"q": "can bo"}, "officer", "full_name"),
    (reverse_lazy("targets:records_xlsx", args=["HTX_SUPPORTED"]), {}, "coop", "name"),
    (
        reverse_lazy("targets:records_xlsx", args=["MANAGERS_TRAINED_PCT"]),
        {},
        "person",
        "full_name",
    ),
]


@pytest.mark.parametrize("url, params, key, attr", EXPORTS)
def test_exports_hold_only_the_rows_the_user_may_see(
    client, officer, leader, province_staff, own, other, url, params, key, attr
):
    client.force_login(officer)
    text = exported_text(client.get(url, params))
    assert getattr(own[key], attr) in text and getattr(other[key], attr) not in text
    for user in (leader, province_staff):
        client.force_login(user)
        text = exported_text(client.get(url, params))
        assert getattr(own[key], attr) in text and getattr(other[key], attr) in text


def test_unit_officer_exports_only_own_row_of_the_board_and_breakdown(client, officer, own, other):
    client.force_login(officer)
    for url in [
        reverse("reporting:round_board_xlsx", args=[own["submission"].round_id]),
        reverse("targets:breakdown_xlsx", args=["HTX_SUPPORTED"]),
    ]:
        text = exported_text(client.get(url))
        assert str(own["coop"].unit) in text and str(other["coop"].unit) not in text, url
    # Another unit's figures are a 404 in an export as on the page.
    url = reverse("targets:breakdown_xlsx", args=["HTX_SUPPORTED"])
    assert client.get(url, {"unit": other["coop"].unit_id}).status_code == 404


@pytest.mark.parametrize("name", ["targets:dashboard"])
def test_unit_officer_sees_only_own_figures_and_never_another_units(
    client, officer, own, other, name
):
    client.force_login(officer)
    for code, key, attr in [
        ("HTX_SUPPORTED", "coop", "name"),
        ("MANAGERS_TRAINED_PCT", "person", "full_name"),
    ]:
        page = client.get(reverse("targets:records", args=[code])).content.decode()
        assert getattr(own[key], attr) in page and getattr(other[key], attr) not in page
    # Asking for another unit's figures is a 404, like asking for its records.
    for url in [
        reverse(name),
        reverse("targets:breakdown", args=["HTX_SUPPORTED"]),
        reverse("targets:records", args=["HTX_SUPPORTED"]),
    ]:
        assert client.get(url, {"unit": other["coop"].unit_id}).status_code == 404, url
        assert client.get(url, {"unit": own["coop"].unit_id}).status_code == 200, url


def test_unit_officer_cannot_file_a_record_under_another_unit(client, officer, bat_xat):
    client.force_login(officer)
    data = {"kind": "htx", "name": "Hợp tác xã lạ", "unit": bat_xat.pk, "status": "active"}
    response = client.post(reverse("cooperatives:create"), data)
    assert response.status_code == 200 and response.context["form"].errors["unit"]
    response = client.post(
        reverse("cooperatives:person_create"), {"full_name": "A", "sex": "F", "unit": bat_xat.pk}
    )
    assert response.context["form"].errors["unit"]
    assert not Cooperative.objects.exists() and not Person.objects.exists()


def test_unit_officer_cannot_attach_another_units_person_to_own_cooperative(
    client, officer, own, other
):
    client.force_login(officer)
    url = reverse("cooperatives:part_create", args=[own["coop"].pk, "roles"])
    data = {"person": other["person"].pk, "role": "director", "start_date": "2024-01-01"}
    response = client.post(url, data)
    assert response.context["form"].errors["person"]
    assert ManagementRole.objects.filter(cooperative=own["coop"]).count() == 1


def test_unit_officer_cannot_move_a_part_to_another_units_cooperative(client, officer, own, other):
    # The part's URL names the cooperative; a mismatched pair is a 404, not a move.
    client.force_login(officer)
    url = reverse("cooperatives:part_edit", args=[other["coop"].pk, "figures", own["figures"].pk])
    assert client.get(url).status_code == 404


def test_leader_reads_everything_and_changes_nothing(client, leader, own, other):
    client.force_login(leader)
    for recs in (own, other):
        for name, access, url in urls_for(recs):
            assert client.get(url).status_code == EXPECT[access]["leader"], name
            if access == WRITE:
                assert client.post(url, {}).status_code == 403, name
            if access == STEP:
                client.post(url, {})  # refused by the workflow with a message
            recs["submission"].refresh_from_db()
            assert recs["submission"].state == "draft", name
    assert Cooperative.objects.count() == 2
    assert YearlyFigures.objects.count() == OcopProduct.objects.count() == 2


def test_province_staff_reach_every_units_records(client, province_staff, own, other):
    client.force_login(province_staff)
    for recs in (own, other):
        for name, access, url in urls_for(recs):
            assert client.get(url).status_code == EXPECT[access]["staff"], name


def test_anonymous_visitor_is_sent_to_log_in(client, own):
    for name, access, url in urls_for(own):
        response = client.get(url)
        if access == PUBLIC:
            assert response.status_code == 200, name
        else:
            assert response.status_code == 302 and response.url.startswith("/login/"), name


def test_deleting_own_cooperative_takes_its_parts(client, officer, own):
    client.force_login(officer)
    response = client.post(reverse("cooperatives:delete", args=[own["coop"].pk]))
    assert response.status_code == 302
    assert not Cooperative.objects.exists() and not YearlyFigures.objects.exists()


@pytest.fixture
def staff_officer(ta_van):
    """A unit officer that IT made staff with every registry permission."""
    user = UserFactory(role=User.Role.UNIT_OFFICER, unit=ta_van, is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["cooperatives", "training"])
    )
    return user


ADMIN_MODELS = {
    "cooperatives_cooperative": "coop",
    "cooperatives_person": "person",
    "cooperatives_yearlyfigures": "figures",
    "cooperatives_managementrole": "role",
    "cooperatives_ocopproduct": "product",
    "training_trainingevent": "event",
    "training_unionofficer": "officer",
    "training_participant": "participant",
}


def test_admin_shows_a_unit_officer_only_own_records(client, staff_officer, own, other):
    client.force_login(staff_officer)
    for model, key in ADMIN_MODELS.items():
        changelist = client.get(reverse(f"admin:{model}_changelist"))
        assert changelist.status_code == 200
        assert list(changelist.context["cl"].queryset) == [own[key]], model
        own_change = reverse(f"admin:{model}_change", args=[own[key].pk])
        assert client.get(own_change).status_code == 200, model
        other_change = reverse(f"admin:{model}_change", args=[other[key].pk])
        response = client.get(other_change, follow=True)
        assert str(other[key]) not in response.content.decode().split("<main")[-1], model
        assert response.redirect_chain, model


def test_admin_autocomplete_offers_a_unit_officer_only_own_cooperatives(
    client, staff_officer, own, other
):
    client.force_login(staff_officer)
    url = reverse("admin:autocomplete")
    params = {
        "app_label": "cooperatives",
        "model_name": "yearlyfigures",
        "field_name": "cooperative",
    }
    results = client.get(url, params).json()["results"]
    assert [r["text"] for r in results] == [own["coop"].name]


def test_admin_refuses_to_file_a_cooperative_under_another_unit(client, staff_officer, bat_xat):
    client.force_login(staff_officer)
    data = {
        "kind": "htx",
        "name": "Hợp tác xã lạ",
        "unit": bat_xat.pk,
        "status": "active",
        **{
            f"{prefix}-{key}": 0
            for prefix in ("yearly_figures", "roles", "ocop_products")
            for key in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
    }
    response = client.post(reverse("admin:cooperatives_cooperative_add"), data)
    assert response.status_code == 200
    assert not Cooperative.objects.exists()


def test_roles_join_only_people_and_cooperatives_of_one_area(client, province_staff, own, other):
    # Even province staff cannot make a Bát Xát person manage a Tả Van cooperative: the
    # Tả Van officer would then see, and the Bát Xát officer change, each other's data.
    client.force_login(province_staff)
    url = reverse("cooperatives:part_create", args=[own["coop"].pk, "roles"])
    data = {"person": other["person"].pk, "role": "director", "start_date": "2024-01-01"}
    response = client.post(url, data)
    assert response.context["form"].errors["person"]
    assert ManagementRole.objects.filter(cooperative=own["coop"]).count() == 1


def test_a_cooperative_grows_only_out_of_a_group_of_its_area(client, province_staff, own, other):
    client.force_login(province_staff)
    group = CooperativeFactory(kind="tht", unit=other["coop"].unit, name="Tổ hợp tác Bát Xát")
    data = {
        "kind": "htx",
        "name": own["coop"].name,
        "unit": own["coop"].unit.pk,
        "status": "active",
        "converted_from": group.pk,
    }
    response = client.post(reverse("cooperatives:edit", args=[own["coop"].pk]), data)
    assert response.context["form"].errors["converted_from"]
    own["coop"].refresh_from_db()
    assert own["coop"].converted_from is None


def test_leader_made_staff_cannot_change_records_in_the_admin(client, leader, own):
    leader.is_staff = True
    leader.save(update_fields=["is_staff"])
    leader.user_permissions.set(Permission.objects.filter(content_type__app_label="cooperatives"))
    client.force_login(leader)
    url = reverse("admin:cooperatives_cooperative_change", args=[own["coop"].pk])
    response = client.post(url, {"name": "Đổi tên", "kind": "htx", "status": "active"})
    assert response.status_code == 403
    assert client.get(reverse("admin:cooperatives_cooperative_add")).status_code == 403
    own["coop"].refresh_from_db()
    assert own["coop"].name != "Đổi tên"
