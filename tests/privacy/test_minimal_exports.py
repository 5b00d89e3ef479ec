"""Minimal exports and what leaders see: the lists' files leave out phone, birth year and
ethnicity unless an editor asks for them with a reason, once, for that one file; leaders see
names and figures, never the details, and cannot find anyone by phone."""

import datetime
from urllib.parse import quote

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from cooperatives import exports as registry_exports
from org.details import SESSION_KEY
from org.models import AccessRecord
from tests.factories import (
    CooperativeFactory,
    EventFactory,
    OfficerFactory,
    ParticipantFactory,
    PersonFactory,
    RoleFactory,
)
from tests.spreadsheets import open_xlsx, table
from training import exports as training_exports

pytestmark = pytest.mark.django_db

PERSON_PHONE = "0912 345 678"
OFFICER_PHONE = "0987 654 321"
BIRTH_YEAR = 1963
REASON = "Gọi điện mời các chị dự lớp tập huấn ngày 12/03."


@pytest.fixture
def people(ta_van):
    """A manager with phone, birth year and ethnicity, a Union officer with a phone, both on
    an event's list of participants."""
    mai = PersonFactory(
        unit=ta_van, full_name="Giàng Thị Mai", phone=PERSON_PHONE, birth_year=BIRTH_YEAR
    )
    dung = OfficerFactory(unit=ta_van, full_name="Vàng Thị Dung", phone=OFFICER_PHONE)
    cooperative = CooperativeFactory(unit=ta_van)
    RoleFactory(cooperative=cooperative, person=mai)
    event = EventFactory(unit=ta_van)
    ParticipantFactory(event=event, person=mai)
    ParticipantFactory(event=event, person=None, officer=dung)
    return {"mai": mai, "dung": dung, "cooperative": cooperative, "event": event}


def change_phone(record, phone):
    """Change `record`'s phone a day after it was added: a change of its own in its history,
    showing the old number and the new one."""
    record.history.update(history_date=timezone.now() - datetime.timedelta(days=1))
    record.phone = phone
    record.save()


# Each export with details: its URL name → its ListExport, the arguments of its URL and how
# many of the fixture's people it holds.
EXPORTS = {
    "cooperatives:person_list_xlsx": (registry_exports.PEOPLE, lambda p: [], 1),
    "training:officer_list_xlsx": (training_exports.OFFICERS, lambda p: [], 1),
    "training:event_participants_xlsx": (
        training_exports.PARTICIPANTS,
        lambda p: [p["event"].pk],
        2,
    ),
}


def headers(export, *, full):
    """The header row of `export`, with its detail columns or without."""
    with translation.override(settings.LANGUAGE_CODE):
        return [str(c.header) for c in export.columns if full or not c.detail]


def cell_values(response) -> set:
    """Every value of every cell of an export, the header rows included."""
    sheet = open_xlsx(response)
    return {cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None}


def details_in(values: set, people) -> set:
    """Which of the people's details a file's cell values hold."""
    return {PERSON_PHONE, OFFICER_PHONE, BIRTH_YEAR, str(people["mai"].ethnicity)} & values


def export_url(name, people, query=""):
    return reverse(name, args=EXPORTS[name][1](people)) + query


def ask(client, url, reason=REASON):
    """Ask for the details of the export at `url` with `reason`; return the response."""
    form = reverse("org:details_form") + "?next=" + quote(url, safe="/")
    return client.post(form, {"reason": reason})


def last_row():
    return AccessRecord.objects.order_by("pk").last()


@pytest.mark.parametrize("name", EXPORTS)
def test_an_export_leaves_the_details_out_by_default(staff_client, people, name):
    export = EXPORTS[name][0]
    response = staff_client.get(export_url(name, people))
    assert table(open_xlsx(response))[0] == headers(export, full=False)
    assert headers(export, full=False) != headers(export, full=True)
    assert details_in(cell_values(response), people) == set()
    assert (last_row().action, last_row().reason) == (AccessRecord.Action.EXPORT, "")


@pytest.mark.parametrize("name", EXPORTS)
def test_asking_with_a_reason_gives_the_details_once(staff_client, people, name):
    export = EXPORTS[name][0]
    url = export_url(name, people)
    response = ask(staff_client, url)
    assert (response.status_code, response.url) == (302, url)
    full = staff_client.get(url)
    assert table(open_xlsx(full))[0] == headers(export, full=True)
    assert details_in(cell_values(full), people)
    row = last_row()
    assert (row.action, row.reason, row.what, row.username, row.people) == (
        AccessRecord.Action.EXPORT,
        REASON,
        url,
        "tinh",
        EXPORTS[name][2],
    )
    # Used up: the next download is the minimal one again.
    again = staff_client.get(url)
    assert table(open_xlsx(again))[0] == headers(export, full=False)
    assert details_in(cell_values(again), people) == set()
    assert last_row().reason == ""


def test_the_details_hold_the_values_of_the_people(staff_client, people):
    url = export_url("cooperatives:person_list_xlsx", people, "?q=giang")
    assert ask(staff_client, url).url == url
    values = cell_values(staff_client.get(url))
    assert {PERSON_PHONE, BIRTH_YEAR, str(people["mai"].ethnicity)} <= values
    url = export_url("training:officer_list_xlsx", people)
    ask(staff_client, url)
    assert OFFICER_PHONE in cell_values(staff_client.get(url))


@pytest.mark.parametrize("reason", ["", "   ", "vì cần"])
def test_no_reason_or_a_short_one_grants_nothing(staff_client, people, reason):
    url = export_url("cooperatives:person_list_xlsx", people)
    response = ask(staff_client, url, reason)
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert SESSION_KEY not in staff_client.session
    file = staff_client.get(url)
    assert details_in(cell_values(file), people) == set()
    assert last_row().reason == ""


def test_a_grant_for_one_export_does_not_unlock_another(staff_client, people):
    people_url = export_url("cooperatives:person_list_xlsx", people)
    officers_url = export_url("training:officer_list_xlsx", people)
    ask(staff_client, people_url)
    officers = staff_client.get(officers_url)
    assert table(open_xlsx(officers))[0] == headers(training_exports.OFFICERS, full=False)
    assert OFFICER_PHONE not in cell_values(officers)
    assert last_row().reason == ""
    # The grant is still the people export's, and only its.
    assert PERSON_PHONE in cell_values(staff_client.get(people_url))
    assert last_row().reason == REASON


def test_a_grant_runs_out(staff_client, people):
    url = export_url("cooperatives:person_list_xlsx", people)
    ask(staff_client, url)
    session = staff_client.session
    grant = session[SESSION_KEY]
    grant["until"] = (timezone.now() - datetime.timedelta(seconds=1)).isoformat()
    session[SESSION_KEY] = grant
    session.save()
    assert details_in(cell_values(staff_client.get(url)), people) == set()


def forge_grant(client, path):
    """Put a grant for `path` in `client`'s session, as if the form had been filled in."""
    session = client.session
    session[SESSION_KEY] = {
        "path": path,
        "reason": REASON,
        "until": (timezone.now() + datetime.timedelta(minutes=5)).isoformat(),
    }
    session.save()


@pytest.mark.parametrize("name", EXPORTS)
def test_a_leader_never_gets_the_details(client, leader, people, name):
    client.force_login(leader)
    url = export_url(name, people)
    form = reverse("org:details_form") + "?next=" + quote(url, safe="/")
    assert client.get(form).status_code == 403
    assert client.post(form, {"reason": REASON}).status_code == 403
    forge_grant(client, url)
    response = client.get(url)
    assert table(open_xlsx(response))[0] == headers(EXPORTS[name][0], full=False)
    assert details_in(cell_values(response), people) == set()
    assert last_row().reason == ""


def details_link(url):
    return reverse("org:details_form") + "?next=" + quote(url, safe="/")


@pytest.mark.parametrize(
    # Not "page": that is Playwright's fixture, whose browser a test naming it would be
    # grouped with (pytest orders tests by the session fixtures they use).
    ("shown", "export"),
    [
        ("person_list", "cooperatives:person_list_xlsx"),
        ("officer_list", "training:officer_list_xlsx"),
        ("event_detail", "training:event_participants_xlsx"),
    ],
)
def test_editors_get_a_link_to_ask_for_the_details_and_leaders_do_not(
    client, province_staff, leader, people, shown, export
):
    pages = {
        "person_list": reverse("cooperatives:person_list") + "?q=mai",
        "officer_list": reverse("training:officer_list") + "?q=dung",
        "event_detail": reverse("training:event_detail", args=[people["event"].pk]),
    }
    query = {"person_list": "?q=mai", "officer_list": "?q=dung"}.get(shown, "")
    link = details_link(export_url(export, people, query))
    client.force_login(province_staff)
    assert f'href="{link}"' in client.get(pages[shown]).content.decode()
    # The link leads to the form, which leads back to that export with its query.
    assert client.get(link).status_code == 200
    assert client.post(link, {"reason": REASON}).url == export_url(export, people, query)
    client.force_login(leader)
    assert reverse("org:details_form") not in client.get(pages[shown]).content.decode()


def pages_of(people):
    return [
        reverse("cooperatives:person_detail", args=[people["mai"].pk]),
        reverse("cooperatives:person_list"),
        reverse("cooperatives:detail", args=[people["cooperative"].pk]),
        reverse("training:officer_detail", args=[people["dung"].pk]),
        reverse("training:officer_list"),
        reverse("training:event_detail", args=[people["event"].pk]),
    ]


def test_leaders_see_names_and_not_the_details(client, leader, people):
    mai, dung = people["mai"], people["dung"]
    # A change of phone number is in the person's history too.
    change_phone(mai, "0912 000 111")
    change_phone(dung, "0987 000 111")
    client.force_login(leader)
    for url in pages_of(people):
        page = client.get(url).content.decode()
        assert mai.full_name in page or dung.full_name in page, url
        for detail in [PERSON_PHONE, "0912 000 111", OFFICER_PHONE, "0987 000 111"]:
            assert detail not in page, (url, detail)
        assert str(BIRTH_YEAR) not in page, url
        assert str(mai.ethnicity) not in page, url


def test_editors_see_the_details(staff_client, people):
    mai, dung = people["mai"], people["dung"]
    change_phone(mai, "0912 000 111")
    person = staff_client.get(reverse("cooperatives:person_detail", args=[mai.pk]))
    page = person.content.decode()
    # The phone now, and its change in the history.
    for detail in [PERSON_PHONE, "0912 000 111", str(BIRTH_YEAR), str(mai.ethnicity)]:
        assert detail in page, detail
    people_list = staff_client.get(reverse("cooperatives:person_list")).content.decode()
    assert str(BIRTH_YEAR) in people_list
    assert str(mai.ethnicity) in people_list
    officer = staff_client.get(reverse("training:officer_detail", args=[dung.pk]))
    assert OFFICER_PHONE in officer.content.decode()


def found(client, name, query):
    """The names a list page finds for `query`."""
    response = client.get(reverse(name), {"q": query})
    assert response.status_code == 200
    return [str(row) for row in response.context["page"].object_list]


@pytest.mark.parametrize("query", ["0912", "0912 345 678", "mai 0912", "345"])
def test_a_leader_cannot_find_a_person_by_phone(client, leader, people, query):
    client.force_login(leader)
    assert found(client, "cooperatives:person_list", query) == []
    export = client.get(reverse("cooperatives:person_list_xlsx"), {"q": query})
    assert table(open_xlsx(export))[1] == []


@pytest.mark.parametrize("query", ["0987", "0987 654 321", "dung 0987"])
def test_a_leader_cannot_find_an_officer_by_phone(client, leader, people, query):
    client.force_login(leader)
    assert found(client, "training:officer_list", query) == []
    export = client.get(reverse("training:officer_list_xlsx"), {"q": query})
    assert table(open_xlsx(export))[1] == []


def test_a_leader_finds_people_by_name_and_an_editor_by_name_or_phone(
    client, leader, province_staff, people
):
    client.force_login(leader)
    assert found(client, "cooperatives:person_list", "giang thi MAI") == ["Giàng Thị Mai"]
    assert found(client, "training:officer_list", "Vàng dung") == ["Vàng Thị Dung"]
    client.force_login(province_staff)
    assert found(client, "cooperatives:person_list", "0912 345") == ["Giàng Thị Mai"]
    assert found(client, "cooperatives:person_list", "mai 678") == ["Giàng Thị Mai"]
    assert found(client, "training:officer_list", "0987") == ["Vàng Thị Dung"]
