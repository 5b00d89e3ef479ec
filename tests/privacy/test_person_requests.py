"""A person's requests (privacy/views.py): finding them, what the portal holds about them,
their file, the way to correct it and their anonymisation — for province staff and
administrators only, every page and file in the access log."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cooperatives.models import Person
from org import writes
from org.models import AccessRecord, User
from privacy.anonymise import placeholder
from tests.factories import (
    ConsentFactory,
    OfficerFactory,
    PersonFactory,
    RoleFactory,
    UserFactory,
    date,
    train,
)
from training.models import UnionOfficer

pytestmark = pytest.mark.django_db

Action = AccessRecord.Action
REASON = "Bà Mai đề nghị xoá dữ liệu cá nhân ngày 01/12/2026"
# The pages of one person, by URL name and kind of person.
PAGES = ["privacy:person", "privacy:file", "privacy:anonymise"]


@pytest.fixture
def mai(ta_van, province_staff):
    """A director in Tả Van, trained twice (once with a certificate), consenting to be shown
    publicly, renamed once (two rows of history)."""
    person = PersonFactory(full_name="Giàng Thị Máy", phone="0912 345 678", unit=ta_van)
    person.full_name = "Giàng Thị Mai"
    writes.save(record=person, by=province_staff)
    RoleFactory(person=person, cooperative__name="Hợp tác xã Chè Tả Van", role="director")
    governance = train(person, certificate=True, start="2024-05-06").event
    governance.title = "Quản trị hợp tác xã"
    governance.save(update_fields=["title"])
    train(person, category="ecommerce", start="2025-03-10")
    ConsentFactory(person=person)
    return person


@pytest.fixture
def hoa(ta_van):
    """A Union officer of Tả Van, trained once."""
    officer = OfficerFactory(full_name="Giàng Thị Hoa", position="Chủ tịch Hội", unit=ta_van)
    train(officer, category="mobilisation")
    return officer


def url(name, record):
    kind = "officer" if isinstance(record, UnionOfficer) else "person"
    return reverse(name, args=[kind, record.pk])


def find(client, query, page=None):
    address = reverse("privacy:find") + (f"?page={page}" if page else "")
    return client.post(address, {"q": query})


def workbook_of(response):
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return load_workbook(io.BytesIO(response.content))


def data_rows(sheet):
    """The rows below a list sheet's title, date and header rows, as values."""
    return [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]


# Who may reach the pages


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("kind", ["person", "officer"])
def test_only_province_staff_and_administrators_reach_a_persons_pages(
    client, officer, leader, province_staff, mai, hoa, bat_xat, name, kind
):
    record = mai if kind == "person" else hoa
    elsewhere = PersonFactory(unit=bat_xat) if kind == "person" else OfficerFactory(unit=bat_xat)
    for user in (officer, leader):
        client.force_login(user)
        assert client.get(url(name, record)).status_code == 403
    client.force_login(officer)
    # Another unit's person is a 404 to a unit officer, as everywhere: ids cannot be probed.
    assert client.get(url(name, elsewhere)).status_code == 404
    for user in (province_staff, UserFactory(role=User.Role.ADMIN)):
        client.force_login(user)
        assert client.get(url(name, record)).status_code == 200
        assert client.get(url(name, elsewhere)).status_code == 200


def test_unit_officers_and_leaders_neither_search_nor_anonymise(client, officer, leader, mai):
    for user in (officer, leader):
        client.force_login(user)
        assert client.get(reverse("privacy:find")).status_code == 403
        assert find(client, "Mai").status_code == 403
        response = client.post(url("privacy:anonymise", mai), {"reason": REASON})
        assert response.status_code == 403
    mai.refresh_from_db()
    assert mai.anonymised_on is None
    assert not AccessRecord.objects.filter(action=Action.LIST).exists()


# Finding a person


def test_the_search_finds_people_and_officers_by_name_and_logs_the_list(staff_client, mai, hoa):
    PersonFactory(full_name="Lò Văn Sáng")
    response = find(staff_client, "giang thi")
    assert response.status_code == 200
    rows = response.context["page"].object_list
    assert [(row["kind"], row["id"]) for row in rows] == [("officer", hoa.pk), ("person", mai.pk)]
    page = response.content.decode()
    assert url("privacy:person", mai) in page and url("privacy:person", hoa) in page
    assert "Lò Văn Sáng" not in page
    logged = AccessRecord.objects.get(action=Action.LIST)
    assert logged.people == 2
    # The name searched for is in no row of the log: it was posted, not put in the URL.
    assert logged.what == reverse("privacy:find")


def test_opening_the_search_page_lists_and_logs_nobody(staff_client, mai):
    response = staff_client.get(reverse("privacy:find"))
    assert response.status_code == 200 and response.context["page"] is None
    assert "Giàng Thị Mai" not in response.content.decode()
    response = find(staff_client, "")
    assert response.context["form"].errors.keys() == {"q"}
    assert not AccessRecord.objects.exists()


def test_the_search_pages_through_many_matches(staff_client, ta_van):
    PersonFactory.create_batch(20, unit=ta_van)
    OfficerFactory.create_batch(10, full_name="Nguyễn Thị Thử cán bộ", unit=ta_van)
    first = find(staff_client, "nguyen thi thu")
    second = find(staff_client, "nguyen thi thu", page=2)
    assert first.context["page"].paginator.count == 30
    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5
    shown = [
        (row["kind"], row["id"])
        for response in (first, second)
        for row in response.context["page"].object_list
    ]
    assert len(set(shown)) == 30
    assert [r.people for r in AccessRecord.objects.order_by("pk")] == [25, 5]


def test_the_search_costs_the_same_queries_for_one_match_and_for_a_page(
    staff_client, ta_van, bat_xat, django_assert_num_queries
):
    PersonFactory(full_name="Vàng Thị Dung", unit=ta_van)
    # Queries: in the request's transaction (a savepoint and its release) the session, the
    # user, the count, the page's rows and their units; then the log's row and the session
    # renewed (with its savepoint and release).
    with django_assert_num_queries(11):
        assert len(find(staff_client, "vang thi").context["page"].object_list) == 1
    PersonFactory.create_batch(15, full_name="Vàng Thị Dung", unit=bat_xat)
    OfficerFactory.create_batch(15, full_name="Vàng Thị Dung", unit=ta_van)
    with django_assert_num_queries(11):
        assert len(find(staff_client, "vang thi").context["page"].object_list) == 25


# What the portal holds about them


def test_a_persons_page_shows_what_the_portal_holds_and_is_logged(staff_client, mai):
    response = staff_client.get(url("privacy:person", mai))
    page = response.content.decode()
    holdings = response.context["holdings"]
    for text in ["Giàng Thị Mai", "0912 345 678", "Hợp tác xã Chè Tả Van", "Quản trị hợp tác xã"]:
        assert text in page, text
    assert [role.cooperative.name for role in holdings.roles] == ["Hợp tác xã Chè Tả Van"]
    assert len(holdings.trainings) == 2 and holdings.consent is not None
    assert holdings.history_count == 2
    logged = AccessRecord.objects.get()
    assert (logged.action, logged.subject, logged.people) == (
        Action.VIEW,
        f"cooperatives.person:{mai.pk}",
        1,
    )
    # The page lists the log's rows about her, the one just written included next time.
    again = staff_client.get(url("privacy:person", mai))
    assert [row.pk for row in again.context["holdings"].log] == [logged.pk]


def test_an_officers_page_shows_their_post_and_training(staff_client, hoa):
    response = staff_client.get(url("privacy:person", hoa))
    page = response.content.decode()
    assert "Giàng Thị Hoa" in page and "Chủ tịch Hội" in page
    assert len(response.context["holdings"].trainings) == 1
    assert AccessRecord.objects.get().subject == f"training.unionofficer:{hoa.pk}"


def test_a_persons_page_costs_the_same_queries_for_one_row_and_for_many(
    staff_client, ta_van, province_staff, django_assert_num_queries
):
    person = PersonFactory(unit=ta_van)
    RoleFactory(person=person)
    train(person)
    # Queries: session, user, the person with unit and ethnic group, roles with cooperatives,
    # participations with events and units, consent, history count, the log's rows and
    # their count; then the log's row and the session renewed (a savepoint and its release).
    with django_assert_num_queries(13):
        staff_client.get(url("privacy:person", person))
    for start in ("2024-06-03", "2024-07-01", "2024-08-05"):
        RoleFactory(person=person)
        train(person, start=start)
    ConsentFactory(person=person)
    writes.save(record=person, by=province_staff)
    with django_assert_num_queries(13):
        response = staff_client.get(url("privacy:person", person))
    holdings = response.context["holdings"]
    assert (len(holdings.roles), len(holdings.trainings), len(holdings.log)) == (4, 4, 1)


def test_the_correction_link_leads_to_the_usual_edit_page(staff_client, mai, hoa):
    for record, edit in ((mai, "cooperatives:person_edit"), (hoa, "training:officer_edit")):
        page = staff_client.get(url("privacy:person", record)).content.decode()
        edit_url = reverse(edit, args=[record.pk])
        assert f'href="{edit_url}"' in page
        response = staff_client.get(edit_url)
        assert response.status_code == 200
        assert response.context["form"].instance == record


# Their file


def test_a_persons_file_holds_their_record_roles_training_consent_history_and_log(
    staff_client, mai
):
    staff_client.get(url("privacy:person", mai))  # a row of the log about her
    workbook = workbook_of(staff_client.get(url("privacy:file", mai)))
    record, roles, training, consent, *histories, log = workbook.worksheets
    assert len(histories) == 4  # the record, its roles, participations and consent
    fields = dict(data_rows(record))
    assert {"Giàng Thị Mai", "0912 345 678", 1985, "Xã Tả Van"} <= set(fields.values())
    assert [row[0] for row in data_rows(roles)] == ["Hợp tác xã Chè Tả Van"]
    # Latest first: title, category, start and end dates, organising unit, certificate.
    trainings = data_rows(training)
    assert [(row[2].date(), row[3].date()) for row in trainings] == [
        (date("2025-03-10"), date("2025-03-10")),
        (date("2024-05-06"), date("2024-05-06")),
    ]
    assert trainings[1][0] == "Quản trị hợp tác xã" and trainings[1][4] == "Xã Tả Van"
    assert data_rows(consent)[0][1] == "Phiếu đồng ý có chữ ký, lưu tại Hội LHPN xã"
    own_history = data_rows(histories[0])
    assert len(own_history) == Person.history.filter(id=mai.pk).count() == 2
    # Each history row names every field as it was: the first name, then the second.
    names = [row for row in own_history if "Giàng Thị Máy" in row or "Giàng Thị Mai" in row]
    assert len(names) == 2 and "Giàng Thị Máy" in names[0]
    assert [len(data_rows(sheet)) for sheet in histories[1:]] == [1, 2, 1]
    assert [row[2] for row in data_rows(log)] == [str(Action.VIEW.label)]


def test_a_persons_file_is_logged_as_such_about_them(staff_client, mai, hoa):
    for record, subject in (
        (mai, f"cooperatives.person:{mai.pk}"),
        (hoa, f"training.unionofficer:{hoa.pk}"),
    ):
        staff_client.get(url("privacy:file", record))
        logged = AccessRecord.objects.filter(subject=subject)
        assert sorted(logged.values_list("action", flat=True)) == sorted(
            [Action.EXPORT, Action.PERSON_FILE]
        )
        assert {row.what for row in logged} == {url("privacy:file", record)}


def test_an_officers_file_holds_their_record_training_and_history(staff_client, hoa):
    workbook = workbook_of(staff_client.get(url("privacy:file", hoa)))
    record, training, own_history, participations, log = workbook.worksheets
    assert {"Giàng Thị Hoa", "Chủ tịch Hội"} <= set(dict(data_rows(record)).values())
    assert len(data_rows(training)) == 1
    assert len(data_rows(own_history)) == 1 and len(data_rows(participations)) == 1
    assert data_rows(log) == []


# Their anonymisation


def test_the_confirmation_page_asks_for_a_reason_and_is_logged(staff_client, mai):
    response = staff_client.get(url("privacy:anonymise", mai))
    assert response.status_code == 200 and "reason" in response.context["form"].fields
    assert AccessRecord.objects.get().action == Action.VIEW


@pytest.mark.parametrize("data", [{}, {"reason": ""}, {"reason": "xin xoá"}])
def test_anonymising_without_a_reason_is_refused_beside_the_field(staff_client, mai, data):
    response = staff_client.post(url("privacy:anonymise", mai), data)
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"reason"}
    mai.refresh_from_db()
    assert mai.full_name == "Giàng Thị Mai" and mai.anonymised_on is None
    assert not AccessRecord.objects.filter(action=Action.ANONYMISE).exists()


def test_anonymising_through_the_page(staff_client, province_staff, mai, hoa):
    for record in (mai, hoa):
        address = url("privacy:anonymise", record)
        response = staff_client.post(address, {"reason": REASON})
        assert response.status_code == 302 and response.url == url("privacy:person", record)
        record.refresh_from_db()
        assert record.full_name == placeholder(record) and record.anonymised_on is not None
        logged = AccessRecord.objects.get(action=Action.ANONYMISE, what=address)
        assert (logged.user, logged.reason) == (province_staff, REASON)
    # Her page still shows what is kept: her roles and training.
    holdings = staff_client.get(url("privacy:person", mai)).context["holdings"]
    assert len(holdings.roles) == 1 and len(holdings.trainings) == 2


def test_a_person_anonymised_already_is_refused_on_the_form(staff_client, mai):
    staff_client.post(url("privacy:anonymise", mai), {"reason": REASON})
    response = staff_client.post(url("privacy:anonymise", mai), {"reason": REASON})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"__all__"}
    assert AccessRecord.objects.filter(action=Action.ANONYMISE).count() == 1
