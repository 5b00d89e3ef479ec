"""Scope is security: every URL, for every role, against own and another unit's records.

URLS lists every URL of the project that takes a user's request. A new URL that is not
added here fails `test_every_url_is_walked`, so no page escapes the walk.
"""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.urls import get_resolver, reverse, reverse_lazy

from cooperatives.models import Cooperative, ManagementRole, OcopProduct, Person, YearlyFigures
from imports.models import ImportBatch
from org.models import User
from reporting import services
from reporting.models import ReportingRound
from tests.factories import (
    CooperativeFactory,
    EventFactory,
    FiguresFactory,
    HeadCountFactory,
    OfficerFactory,
    ParticipantFactory,
    PersonFactory,
    ProductFactory,
    RoleFactory,
    UserFactory,
)
from tests.imports.conftest import xlsx
from tests.spreadsheets import open_xlsx

pytestmark = pytest.mark.django_db

READ, WRITE, EDITORS, SUMMARY, STEP, STAFF = "read", "write", "editors", "summary", "step", "staff"
# GET status for: a unit officer on their own unit's URL, a leader, province staff.
# SUMMARY: province-wide pages (a unit officer has their own unit's instead);
# STEP: workflow steps, POST only; STAFF: province staff only;
# EDITORS: pages read only by those who may change records (imports), GET only.
EXPECT = {
    READ: {"own": 200, "leader": 200, "staff": 200},
    WRITE: {"own": 200, "leader": 403, "staff": 200},
    EDITORS: {"own": 200, "leader": 403, "staff": 200},
    SUMMARY: {"own": 403, "leader": 200, "staff": 200},
    STEP: {"own": 405, "leader": 405, "staff": 405},
    STAFF: {"own": 403, "leader": 403, "staff": 200},
}

# name → (kind of access, function of a records dict → reverse() args)
URLS = {
    "cooperatives:list": (READ, lambda r: []),
    "cooperatives:list_xlsx": (READ, lambda r: []),
    "cooperatives:create": (WRITE, lambda r: []),
    "cooperatives:detail": (READ, lambda r: [r["coop"].pk]),
    "cooperatives:edit": (WRITE, lambda r: [r["coop"].pk]),
    "cooperatives:delete": (WRITE, lambda r: [r["coop"].pk]),
    "cooperatives:part_create": (WRITE, lambda r: [r["coop"].pk, "figures"]),
    "cooperatives:part_edit": (WRITE, lambda r: [r["coop"].pk, "figures", r["figures"].pk]),
    "cooperatives:part_delete": (WRITE, lambda r: [r["coop"].pk, "roles", r["role"].pk]),
    "cooperatives:person_list": (READ, lambda r: []),
    "cooperatives:person_list_xlsx": (READ, lambda r: []),
    "cooperatives:person_create": (WRITE, lambda r: []),
    "cooperatives:person_detail": (READ, lambda r: [r["person"].pk]),
    "cooperatives:person_edit": (WRITE, lambda r: [r["person"].pk]),
    "cooperatives:person_delete": (WRITE, lambda r: [r["person"].pk]),
    "training:event_list": (READ, lambda r: []),
    "training:event_list_xlsx": (READ, lambda r: []),
    "training:event_create": (WRITE, lambda r: []),
    "training:event_detail": (READ, lambda r: [r["event"].pk]),
    "training:event_participants_xlsx": (READ, lambda r: [r["event"].pk]),
    "training:event_edit": (WRITE, lambda r: [r["event"].pk]),
    "training:event_delete": (WRITE, lambda r: [r["event"].pk]),
    "training:participants_add": (WRITE, lambda r: [r["event"].pk]),
    "training:participant_edit": (WRITE, lambda r: [r["event"].pk, r["participant"].pk]),
    "training:participant_delete": (WRITE, lambda r: [r["event"].pk, r["participant"].pk]),
    "training:head_counts": (WRITE, lambda r: [r["event"].pk]),
    "training:officer_list": (READ, lambda r: []),
    "training:officer_list_xlsx": (READ, lambda r: []),
    "training:officer_create": (WRITE, lambda r: []),
    "training:officer_detail": (READ, lambda r: [r["officer"].pk]),
    "training:officer_edit": (WRITE, lambda r: [r["officer"].pk]),
    "training:officer_delete": (WRITE, lambda r: [r["officer"].pk]),
    "targets:dashboard": (READ, lambda r: []),
    "targets:breakdown": (READ, lambda r: ["HTX_SUPPORTED"]),
    "targets:breakdown_xlsx": (READ, lambda r: ["HTX_SUPPORTED"]),
    "targets:records": (READ, lambda r: ["MANAGERS_TRAINED_PCT"]),
    "targets:records_xlsx": (READ, lambda r: ["MANAGERS_TRAINED_PCT"]),
    "reporting:round_list": (READ, lambda r: []),
    "reporting:round_board": (READ, lambda r: [r["submission"].round_id]),
    "reporting:round_board_xlsx": (READ, lambda r: [r["submission"].round_id]),
    "reporting:provincial_report": (SUMMARY, lambda r: [r["submission"].round_id]),
    "reporting:report_xlsx": (SUMMARY, lambda r: [r["submission"].round_id]),
    "reporting:report_pdf": (SUMMARY, lambda r: [r["submission"].round_id]),
    "reporting:report_edit": (STAFF, lambda r: [r["submission"].round_id]),
    "reporting:submission": (READ, lambda r: [r["submission"].round_id, r["submission"].unit_id]),
    "reporting:attachment_upload": (
        STEP,
        lambda r: [r["submission"].round_id, r["submission"].unit_id],
    ),
    "reporting:attachment_download": (
        READ,
        lambda r: [r["submission"].round_id, r["submission"].unit_id, r["attachment"].pk],
    ),
    "reporting:attachment_delete": (
        STEP,
        lambda r: [r["submission"].round_id, r["submission"].unit_id, r["attachment"].pk],
    ),
    "reporting:submission_step": (
        STEP,
        lambda r: [r["submission"].round_id, r["submission"].unit_id, "submit"],
    ),
    "imports:start": (WRITE, lambda r: []),
    "imports:template": (EDITORS, lambda r: []),
    "imports:batch": (EDITORS, lambda r: [r["batch"].pk]),
    "imports:marked": (EDITORS, lambda r: [r["batch"].pk]),
    "imports:confirm": (STEP, lambda r: [r["batch"].pk]),
    "imports:discard": (STEP, lambda r: [r["batch"].pk]),
    "restore:deleted": (STAFF, lambda r: []),
    "restore:restore": (STEP, lambda r: ["cooperative", 1]),
}
# Every part of a cooperative goes through the same views; each kind is walked too.
PARTS = {"figures": "figures", "products": "product", "roles": "role"}
# URLs outside the registry, covered by their own tests (test_site.py) or Django's admin.
ELSEWHERE = {"home", "login", "logout", "set_language"}


def records(unit):
    coop = CooperativeFactory(unit=unit, name=f"Hợp tác xã {unit.name}", union_supported=True)
    person = PersonFactory(unit=unit, full_name=f"Người {unit.name}")
    event = EventFactory(unit=unit, title=f"Tập huấn {unit.name}")
    officer = OfficerFactory(unit=unit, full_name=f"Cán bộ {unit.name}")
    HeadCountFactory(event=event, cooperative=coop)
    round_ = ReportingRound.objects.filter(year=2026).first() or services.create_round(year=2026)
    submission = services.start_submission(round_=round_, unit=unit)
    attachment = submission.attachments.create(
        file=ContentFile(b"%PDF-1.4 test", name="ke-hoach.pdf"),
        name="ke-hoach.pdf",
        uploaded_by=UserFactory(),
    )
    batch = ImportBatch.objects.create(
        uploaded_by=UserFactory(role=User.Role.UNIT_OFFICER, unit=unit),
        name="danh-sach.xlsx",
        file=ContentFile(xlsx({"HTX và THT": [["Tên"], [coop.name]]}), name="danh-sach.xlsx"),
    )
    return {
        "batch": batch,
        "submission": submission,
        "attachment": attachment,
        "coop": coop,
        "person": person,
        "figures": FiguresFactory(cooperative=coop),
        "product": ProductFactory(cooperative=coop),
        "role": RoleFactory(cooperative=coop, person=person),
        "event": event,
        "officer": officer,
        "participant": ParticipantFactory(event=event, person=person),
    }


@pytest.fixture
def own(ta_van):
    return records(ta_van)


@pytest.fixture
def other(bat_xat):
    return records(bat_xat)


def test_every_url_is_walked():
    names = set()
    for pattern in get_resolver().url_patterns:
        namespace = getattr(pattern, "namespace", None)
        if namespace == "admin":
            continue
        if namespace:
            names |= {f"{namespace}:{p.name}" for p in pattern.url_patterns}
        else:
            names.add(pattern.name)
    assert names == set(URLS) | ELSEWHERE


def urls_for(recs):
    for name, (access, args) in URLS.items():
        yield name, access, reverse(name, args=args(recs))
    for part, key in PARTS.items():
        coop = recs["coop"].pk
        yield f"{part} new", WRITE, reverse("cooperatives:part_create", args=[coop, part])
        for view in ("part_edit", "part_delete"):
            url = reverse(f"cooperatives:{view}", args=[coop, part, recs[key].pk])
            yield f"{part} {view}", WRITE, url


def test_unit_officer_reaches_own_records_and_never_another_units(client, officer, own, other):
    client.force_login(officer)
    for name, access, url in urls_for(own):
        assert client.get(url).status_code == EXPECT[access]["own"], name
    for name, access, url in urls_for(other):
        if url in {u for _n, _a, u in urls_for(own)}:
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
    for name, _access, url in urls_for(own):
        response = client.get(url)
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
