"""The access log of personal data: every page that shows people and every download leaves one
row, with how many people; a list's row costs no query per person; the log only grows; an
import that writes people is logged too."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from imports.models import ImportBatch
from org import access_log
from org.models import AccessRecord, User
from tests.factories import (
    CooperativeFactory,
    EventFactory,
    OfficerFactory,
    ParticipantFactory,
    PersonFactory,
    RoleFactory,
    UserFactory,
)
from tests.queries import count_queries
from tests.records import records
from tests.spreadsheets import (
    COOPERATIVE_HEADERS,
    DIRECTOR_ROW,
    ROLE_HEADERS,
    open_xlsx,
    table,
    xlsx,
)
from tests.url_table import PUBLIC, urls_for

pytestmark = pytest.mark.django_db

Action = AccessRecord.Action
SEEN = {Action.VIEW, Action.LIST}

# Pages that name a person without noting it: none. (The walk fails on any page that does.)
NOT_NOTED_YET = set()


def new_rows(after: int) -> list[AccessRecord]:
    return list(AccessRecord.objects.filter(pk__gt=after).order_by("pk"))


def last_pk() -> int:
    return AccessRecord.objects.order_by("pk").values_list("pk", flat=True).last() or 0


def is_download(response) -> bool:
    return response.get("Content-Disposition", "").startswith("attachment")


def html_of(response) -> str:
    """The page's text, or "" for what is not a page (a file, an image, a redirect)."""
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return ""
    return response.content.decode()


def test_every_download_and_every_page_naming_a_person_is_logged(client, province_staff, ta_van):
    recs = records(ta_van)
    person, officer = recs["person"], recs["officer"]
    person.full_name = "Vừ Thị Riêng Tư"
    person.save()
    officer.full_name = "Sùng Thị Kín Đáo"
    officer.save()
    client.force_login(province_staff)
    downloads, naming, unnoted, stray = set(), set(), set(), set()
    for name, kind, url in urls_for(recs):
        before = last_pk()
        response = client.get(url)
        written = new_rows(before)
        if is_download(response):
            downloads.add(name)
            assert [
                (row.user_id, row.username, row.what, row.address)
                for row in written
                if row.action == Action.EXPORT
            ] == [(province_staff.pk, "tinh", url, "127.0.0.1")], name
            continue
        page = html_of(response)
        if kind == PUBLIC:
            # The public showcase names a manager only with their recorded consent, for
            # visitors who are not signed in: published, not disclosed.
            continue
        if person.full_name in page or officer.full_name in page:
            naming.add(name)
            actions = [row.action for row in written]
            if len(actions) != 1 or actions[0] not in SEEN:
                unnoted.add(name)
            else:
                assert (written[0].username, written[0].what) == ("tinh", url), name
                assert written[0].address == "127.0.0.1"
                assert written[0].people >= 1
        elif written:
            stray.add(name)
    assert unnoted == NOT_NOTED_YET
    assert stray == set()
    # The walk met what it is about: the lists and pages of people, and their exports.
    assert {
        "cooperatives:person_list_xlsx",
        "training:officer_list_xlsx",
        "training:event_participants_xlsx",
        "targets:records_xlsx",
        "cooperatives:list_xlsx",
        "reporting:attachment_download",
    } <= downloads
    assert {
        "cooperatives:detail",
        "cooperatives:person_list",
        "cooperatives:person_detail",
        "cooperatives:person_edit",
        "training:event_detail",
        "training:officer_list",
        "training:officer_detail",
        "targets:records",
    } <= naming


def test_a_persons_page_names_them_in_the_log(staff_client, ta_van):
    person = PersonFactory(unit=ta_van)
    officer = OfficerFactory(unit=ta_van)
    staff_client.get(reverse("cooperatives:person_detail", args=[person.pk]))
    staff_client.get(reverse("training:officer_detail", args=[officer.pk]))
    assert [
        (row.action, row.people, row.subject) for row in AccessRecord.objects.order_by("pk")
    ] == [
        (Action.VIEW, 1, f"cooperatives.person:{person.pk}"),
        (Action.VIEW, 1, f"training.unionofficer:{officer.pk}"),
    ]


def test_the_people_export_records_how_many_people_it_holds(staff_client, ta_van):
    PersonFactory.create_batch(7, unit=ta_van)
    PersonFactory(unit=ta_van, full_name="Lò Thị Hoa")
    url = reverse("cooperatives:person_list_xlsx")
    assert len(table(open_xlsx(staff_client.get(url)))[1]) == 8
    assert len(table(open_xlsx(staff_client.get(url, {"q": "lo thi hoa"})))[1]) == 1
    assert [
        (row.action, row.people, row.reason) for row in AccessRecord.objects.order_by("pk")
    ] == [
        (Action.EXPORT, 8, ""),
        (Action.EXPORT, 1, ""),
    ]


def test_the_officer_and_participant_exports_record_how_many_people_they_hold(staff_client, ta_van):
    OfficerFactory.create_batch(4, unit=ta_van)
    event = EventFactory(unit=ta_van)
    for _ in range(3):
        ParticipantFactory(event=event, person=PersonFactory(unit=ta_van))
    staff_client.get(reverse("training:officer_list_xlsx"))
    staff_client.get(reverse("training:event_participants_xlsx", args=[event.pk]))
    assert [(row.action, row.people) for row in AccessRecord.objects.order_by("pk")] == [
        (Action.EXPORT, 4),
        (Action.EXPORT, 3),
    ]


def test_a_list_page_records_the_rows_it_shows(staff_client, ta_van):
    PersonFactory.create_batch(30, unit=ta_van)
    OfficerFactory.create_batch(27, unit=ta_van)
    people = reverse("cooperatives:person_list")
    officers = reverse("training:officer_list")
    staff_client.get(people)
    staff_client.get(people, {"page": 2})
    staff_client.get(people, {"per_page": 50})
    staff_client.get(officers, {"page": 2})
    assert [(row.action, row.people) for row in AccessRecord.objects.order_by("pk")] == [
        (Action.LIST, 25),
        (Action.LIST, 5),
        (Action.LIST, 30),
        (Action.LIST, 2),
    ]


def test_a_name_searched_for_is_not_kept_in_the_log(staff_client, ta_van):
    # The log cannot be changed, so it must never hold a name anonymising would remove.
    PersonFactory(full_name="Sùng Thị Mỷ", unit=ta_van)
    response = staff_client.get(reverse("cooperatives:person_list"), {"q": "Sùng Mỷ", "page": 1})
    assert "Sùng Thị Mỷ" in response.content.decode()
    row = AccessRecord.objects.get()
    assert (row.action, row.people) == (Action.LIST, 1)
    assert row.what == reverse("cooperatives:person_list") + "?q=*&page=1"
    assert "S%C3%B9ng" not in row.what and "Sùng" not in row.what


def test_pages_that_name_people_among_other_things_record_how_many(staff_client, ta_van):
    cooperative = CooperativeFactory(unit=ta_van)
    director = PersonFactory(unit=ta_van)
    RoleFactory(cooperative=cooperative, person=director)
    RoleFactory(cooperative=cooperative, person=director, role="deputy_director")
    RoleFactory(cooperative=cooperative, person=PersonFactory(unit=ta_van), role="accountant")
    event = EventFactory(unit=ta_van)
    ParticipantFactory(event=event, person=director)
    ParticipantFactory(event=event, person=None, officer=OfficerFactory(unit=ta_van))
    quiet = EventFactory(unit=ta_van)
    assert (
        staff_client.get(reverse("cooperatives:detail", args=[cooperative.pk])).status_code == 200
    )
    assert staff_client.get(reverse("training:event_detail", args=[event.pk])).status_code == 200
    # An event without named participants names nobody: nothing to log.
    assert staff_client.get(reverse("training:event_detail", args=[quiet.pk])).status_code == 200
    assert [(row.action, row.people) for row in AccessRecord.objects.order_by("pk")] == [
        (Action.LIST, 2),  # two managers, one of them in two roles
        (Action.LIST, 2),
    ]


def test_searching_people_to_add_to_an_event_records_those_offered(staff_client, ta_van):
    event = EventFactory(unit=ta_van)
    PersonFactory(unit=ta_van, full_name="Lò Thị Hoa")
    PersonFactory(unit=ta_van, full_name="Lò Thị Hương")
    OfficerFactory(unit=ta_van, full_name="Lò Thị Huệ")
    PersonFactory(unit=ta_van, full_name="Giàng Thị Mai")
    url = reverse("training:participants_add", args=[event.pk])
    assert staff_client.get(url).status_code == 200  # the search box alone names nobody
    assert staff_client.get(url, {"q": "lo thi h"}).status_code == 200
    assert [(row.action, row.people) for row in AccessRecord.objects.all()] == [(Action.LIST, 3)]


@pytest.mark.parametrize("name", ["cooperatives:person_list", "cooperatives:person_list_xlsx"])
def test_logging_a_list_adds_no_query_per_person(staff_client, ta_van, name):
    url = reverse(name)
    PersonFactory.create_batch(2, unit=ta_van)
    few = count_queries(staff_client, url)
    PersonFactory.create_batch(18, unit=ta_van)
    assert count_queries(staff_client, url) == few
    assert [row.people for row in AccessRecord.objects.order_by("pk")] == [2, 20]


def test_the_log_cannot_be_changed_or_deleted(province_staff):
    row = access_log.record(
        user=province_staff, action=Action.VIEW, what="/registry/people/1/", people=1
    )
    row.people = 0
    with pytest.raises(PermissionDenied):
        row.save()
    with pytest.raises(PermissionDenied):
        row.delete()
    with pytest.raises(PermissionDenied):
        AccessRecord.objects.filter(pk=row.pk).update(people=0)
    with pytest.raises(PermissionDenied):
        AccessRecord.objects.all().delete()
    # Below the ORM, the database refuses an UPDATE (a trigger).
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE org_accessrecord SET people = 0 WHERE id = %s", [row.pk])
    stored = AccessRecord.objects.get()
    assert (stored.pk, stored.people, stored.username, stored.action) == (
        row.pk,
        1,
        "tinh",
        Action.VIEW,
    )


# A cooperative of Tả Van and its woman director (a new person).
REGISTRY = {
    "HTX và THT": [
        COOPERATIVE_HEADERS,
        ["HTX", "HTX Dệt thổ cẩm Tả Van", "5300123456", "Xã Tả Van", "Dệt thổ cẩm"],
    ],
    "Người quản lý": [ROLE_HEADERS, DIRECTOR_ROW],
}


def import_on_the_page(client, sheets):
    """Upload `sheets` as a workbook, then confirm its import; return the batch."""
    file = io.BytesIO(xlsx(sheets))
    file.name = "danh-sach.xlsx"
    assert client.post(reverse("imports:start"), {"file": file}).status_code == 302
    batch = ImportBatch.objects.latest("pk")
    assert client.post(reverse("imports:confirm", args=[batch.pk])).status_code == 302
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.IMPORTED
    return batch


def test_an_import_on_the_page_that_writes_people_is_logged(officer_client, officer, ta_van):
    batch = import_on_the_page(officer_client, REGISTRY)
    row = AccessRecord.objects.get()
    assert (row.action, row.people, row.user_id, row.what, row.address) == (
        Action.IMPORT,
        1,
        officer.pk,
        reverse("imports:confirm", args=[batch.pk]),
        "127.0.0.1",
    )
    # The same file again writes nobody (the director is unchanged); cooperatives alone
    # write nobody either.
    CooperativeFactory(unit=ta_van, registration_code="5300999999")
    import_on_the_page(officer_client, REGISTRY)
    import_on_the_page(
        officer_client,
        {
            "HTX và THT": [
                COOPERATIVE_HEADERS,
                ["HTX", "HTX Chè Tả Van", "5300777777", "Xã Tả Van", "Trồng trọt"],
            ]
        },
    )
    assert AccessRecord.objects.count() == 1


def test_the_import_command_logs_the_people_it_writes(tmp_path, province_staff):
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes(xlsx(REGISTRY))
    call_command("import_registry", str(path), "--dry-run")
    assert not AccessRecord.objects.exists()
    call_command("import_registry", str(path), "--user", "tinh")
    row = AccessRecord.objects.get()
    assert (row.action, row.people, row.user_id, row.username, row.address) == (
        Action.IMPORT,
        1,
        province_staff.pk,
        "tinh",
        None,
    )
    assert row.what == f"import_registry {path}"
    other = tmp_path / "nguoi.xlsx"
    row_of_another = ["Lò Thị Hoa", "Nữ", 1990, "Mông", "Xã Tả Van", "5300123456", "Kế toán"]
    other.write_bytes(xlsx({"Người quản lý": [ROLE_HEADERS, [*row_of_another, "01/01/2025"]]}))
    call_command("import_registry", str(other))  # without a user: the command's name
    latest = AccessRecord.objects.order_by("pk").last()
    assert (latest.user_id, latest.username, latest.people) == (None, "import_registry", 1)


def test_the_admins_pages_of_people_are_logged(client, ta_van):
    # IT staff open people in the admin too: the list counts those shown, a record's page
    # and its history name the person.
    administrator = UserFactory(role=User.Role.ADMIN, is_staff=True)
    administrator.user_permissions.set(Permission.objects.all())
    client.force_login(administrator)
    people = PersonFactory.create_batch(3, unit=ta_van)
    officer = OfficerFactory(unit=ta_van)
    pages = [
        reverse("admin:cooperatives_person_changelist"),
        reverse("admin:cooperatives_person_change", args=[people[0].pk]),
        reverse("admin:cooperatives_person_history", args=[people[1].pk]),
        reverse("admin:training_unionofficer_change", args=[officer.pk]),
        reverse("admin:cooperatives_cooperative_changelist"),  # names no person
    ]
    for page in pages:
        assert client.get(page).status_code == 200, page
    assert [
        (row.action, row.people, row.subject, row.what)
        for row in AccessRecord.objects.order_by("pk")
    ] == [
        (Action.LIST, 3, "", pages[0]),
        (Action.VIEW, 1, f"cooperatives.person:{people[0].pk}", pages[1]),
        (Action.VIEW, 1, f"cooperatives.person:{people[1].pk}", pages[2]),
        (Action.VIEW, 1, f"training.unionofficer:{officer.pk}", pages[3]),
    ]
    assert {row.username for row in AccessRecord.objects.all()} == {administrator.username}
