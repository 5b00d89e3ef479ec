"""Training pages: validation messages, picking participants, head-counts, query counts."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    CooperativeFactory,
    EventFactory,
    HeadCountFactory,
    OfficerFactory,
    ParticipantFactory,
    PersonFactory,
    unit,
)
from tests.queries import count_queries
from training.models import HeadCount, Participant, TrainingEvent, UnionOfficer

pytestmark = pytest.mark.django_db


def errors(response, field):
    return response.context["form"].errors.get(field, [])


def event_data(unit, **overrides):
    data = {
        "title": "Tập huấn quản trị hợp tác xã",
        "category": "governance",
        "format": "in_person",
        "start_date": "2025-04-10",
        "end_date": "2025-04-11",
        "unit": unit.pk,
        "funding_source": "state_budget",
        "funding_amount": 15000000,
    }
    return data | overrides


def test_event_is_recorded(officer_client, ta_van):
    response = officer_client.post(reverse("training:event_create"), event_data(ta_van))
    event = TrainingEvent.objects.get()
    assert response.url == event.get_absolute_url()
    assert (event.unit, event.funding_amount) == (ta_van, 15000000)


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"end_date": "2025-04-09"}, "end_date", "Ngày kết thúc không được trước ngày bắt đầu."),
        ({"funding_amount": -1}, "funding_amount", "Không được là số âm."),
    ],
)
def test_bad_event_is_refused(officer_client, ta_van, overrides, field, message):
    response = officer_client.post(
        reverse("training:event_create"), event_data(ta_van, **overrides)
    )
    assert errors(response, field) == [message]
    assert not TrainingEvent.objects.exists()


def test_officer_leaving_before_joining_is_refused(officer_client, ta_van):
    data = {
        "full_name": "Lù Thị Sâu",
        "level": "commune",
        "unit": ta_van.pk,
        "active_from": "2024-01-01",
        "active_to": "2023-01-01",
    }
    response = officer_client.post(reverse("training:officer_create"), data)
    assert errors(response, "active_to") == ["Ngày kết thúc không được trước ngày bắt đầu."]
    assert not UnionOfficer.objects.exists()


def test_search_offers_people_and_officers_not_yet_on_the_list(officer_client):
    event = EventFactory()
    PersonFactory(full_name="Giàng Thị Mỷ")
    already = PersonFactory(full_name="Giàng Thị Dở")
    ParticipantFactory(event=event, person=already)
    OfficerFactory(full_name="Giàng Thị Sua")
    url = reverse("training:participants_add", args=[event.pk])
    form = officer_client.get(url, {"q": "giang thi"}).context["form"]
    assert [str(p) for p in form.fields["people"].queryset] == ["Giàng Thị Mỷ"]
    assert [str(o) for o in form.fields["officers"].queryset] == ["Giàng Thị Sua"]


def test_ticked_people_and_officers_are_added_with_their_certificate(officer_client):
    event = EventFactory()
    first, second = PersonFactory(), PersonFactory()
    officer = OfficerFactory()
    response = officer_client.post(
        reverse("training:participants_add", args=[event.pk]),
        {
            "people": [first.pk, second.pk],
            "officers": [officer.pk],
            "certificate_issued": "on",
            "certificate_kind": "Giấy chứng nhận",
        },
    )
    assert response.status_code == 302
    assert event.participants.filter(certificate_issued=True).count() == 3


def test_the_same_person_twice_in_one_event_is_refused_and_nothing_is_added(officer_client):
    event = EventFactory()
    already, new = PersonFactory(full_name="Lý Thị Mây"), PersonFactory()
    ParticipantFactory(event=event, person=already)
    response = officer_client.post(
        reverse("training:participants_add", args=[event.pk]), {"people": [new.pk, already.pk]}
    )
    assert errors(response, "people") == ["Lý Thị Mây đã có trong danh sách của lớp này."]
    assert list(event.participants.values_list("person", flat=True)) == [already.pk]


def test_adding_nobody_is_refused(officer_client):
    event = EventFactory()
    response = officer_client.post(reverse("training:participants_add", args=[event.pk]), {})
    assert response.context["form"].non_field_errors() == [
        "Hãy đánh dấu ít nhất một người để thêm."
    ]


def test_certificate_kind_needs_the_certificate_ticked(officer_client):
    participant = ParticipantFactory(person=PersonFactory())
    url = reverse("training:participant_edit", args=[participant.event_id, participant.pk])
    response = officer_client.post(url, {"certificate_kind": "Chứng chỉ nghề"})
    assert errors(response, "certificate_kind") == [
        "Hãy đánh dấu “đã cấp chứng nhận” trước khi ghi loại chứng nhận."
    ]


def head_count_data(rows):
    data = {"form-TOTAL_FORMS": len(rows), "form-INITIAL_FORMS": 0}
    for i, row in enumerate(rows):
        data |= {f"form-{i}-{key}": value for key, value in row.items()}
    return data


def test_head_counts_are_saved_in_bulk_and_empty_rows_ignored(officer_client):
    event = EventFactory()
    cooperative = CooperativeFactory()
    rows = [
        {
            "cooperative": cooperative.pk,
            "description": "Thành viên",
            "total": 20,
            "female": 18,
            "ethnic_minority": 15,
        },
        {"description": "Phụ nữ thôn", "total": 12, "female": 12, "ethnic_minority": 0},
        {"cooperative": "", "description": "", "total": "", "female": "", "ethnic_minority": ""},
    ]
    response = officer_client.post(
        reverse("training:head_counts", args=[event.pk]), head_count_data(rows)
    )
    assert response.status_code == 302
    assert event.attendance() == {"named": 0, "total": 32, "female": 30, "ethnic_minority": 15}


def test_head_count_with_more_women_than_participants_saves_nothing(officer_client):
    event = EventFactory()
    rows = [
        {"total": 10, "female": 8, "ethnic_minority": 2},
        {"total": 10, "female": 11, "ethnic_minority": 2},
    ]
    response = officer_client.post(
        reverse("training:head_counts", args=[event.pk]), head_count_data(rows)
    )
    assert response.status_code == 200
    assert response.context["formset"].errors[1]["female"] == [
        "“phụ nữ” (11) không được lớn hơn “người tham gia” (10)."
    ]
    assert not HeadCount.objects.exists()


def test_event_list_filters_by_year_category_and_format(staff_client):
    EventFactory(title="A", start_date=datetime.date(2024, 3, 1), category="ecommerce")
    EventFactory(title="B", start_date=datetime.date(2025, 3, 1), category="ecommerce")
    EventFactory(title="C", start_date=datetime.date(2025, 3, 1), category="governance")
    EventFactory(
        title="D", start_date=datetime.date(2025, 3, 1), category="ecommerce", format="online"
    )
    response = staff_client.get(
        reverse("training:event_list"),
        {"year": 2025, "category": "ecommerce", "format": "in_person"},
    )
    assert [e.title for e in response.context["page"].object_list] == ["B"]


def test_event_list_shows_named_and_counted_participants_without_multiplying(staff_client):
    event = EventFactory()
    ParticipantFactory.create_batch(3, event=event, person=factory_person())
    HeadCountFactory(event=event, total=10, female=5, ethnic_minority=1)
    HeadCountFactory(event=event, total=7, female=7, ethnic_minority=0)
    row = staff_client.get(reverse("training:event_list")).context["page"].object_list[0]
    assert (row.named, row.counted) == (3, 17)


def factory_person():
    """Return a fresh person for each participant of a batch."""
    import factory

    return factory.SubFactory(PersonFactory)


def make_events(count):
    for event in EventFactory.create_batch(count):
        ParticipantFactory(event=event, person=PersonFactory())
        HeadCountFactory(event=event)


@pytest.mark.parametrize("role_client", ["staff_client", "officer_client"])
def test_event_list_query_count_does_not_grow(request, role_client):
    client = request.getfixturevalue(role_client)
    url = reverse("training:event_list") + "?per_page=100"
    make_events(5)
    small = count_queries(client, url)
    make_events(95)
    assert count_queries(client, url) == small
    # Province staff, 9: session, user, count, the page's ids, then those rows alone (named
    # and counted as subqueries), the unit filter's choices; the session's save (3). A unit
    # officer adds their unit (header) and the two levels of their area.
    assert small == (9 if role_client == "staff_client" else 12)


def test_officer_list_query_count_does_not_grow(staff_client):
    url = reverse("training:officer_list") + "?per_page=100"
    OfficerFactory.create_batch(5)
    small = count_queries(staff_client, url)
    OfficerFactory.create_batch(60)
    assert count_queries(staff_client, url) == small


def test_person_page_shows_training_history_and_links_only_visible_events(client, officer, bat_xat):
    person = PersonFactory()
    own = EventFactory(title="Lớp của xã", start_date=datetime.date(2025, 5, 1))
    province = EventFactory(
        title="Lớp của tỉnh", unit=bat_xat, start_date=datetime.date(2024, 5, 1)
    )
    ParticipantFactory(event=own, person=person)
    ParticipantFactory(event=province, person=person, certificate_issued=True)
    client.force_login(officer)
    page = client.get(person.get_absolute_url()).content.decode()
    assert page.index("Lớp của xã") < page.index("Lớp của tỉnh")
    assert f'href="{own.get_absolute_url()}"' in page
    assert f'href="{province.get_absolute_url()}"' not in page


def test_a_commune_event_takes_people_and_cooperatives_of_its_area_only(staff_client, bat_xat):
    event = EventFactory()  # organised by Xã Tả Van
    stranger = PersonFactory(full_name="Người Bát Xát", unit=bat_xat)
    url = reverse("training:participants_add", args=[event.pk])
    response = staff_client.post(url, {"people": [stranger.pk]})
    assert errors(response, "people")
    far = CooperativeFactory(unit=bat_xat)
    rows = [{"cooperative": far.pk, "total": 5, "female": 5, "ethnic_minority": 0}]
    response = staff_client.post(
        reverse("training:head_counts", args=[event.pk]), head_count_data(rows)
    )
    assert response.context["formset"].errors[0]["cooperative"]
    assert not event.participants.exists() and not event.head_counts.exists()


def test_a_province_event_takes_people_from_every_area(staff_client, bat_xat):
    event = EventFactory(unit=unit("HLHPN", "agency"))
    here, there = PersonFactory(), PersonFactory(unit=bat_xat)
    url = reverse("training:participants_add", args=[event.pk])
    assert staff_client.post(url, {"people": [here.pk, there.pk]}).status_code == 302
    assert event.participants.count() == 2


def test_a_certificate_error_stands_once_beside_its_own_field(officer_client):
    event = EventFactory()
    first, second = PersonFactory(), PersonFactory()
    response = officer_client.post(
        reverse("training:participants_add", args=[event.pk]),
        {"people": [first.pk, second.pk], "certificate_kind": "Chứng chỉ"},
    )
    assert errors(response, "certificate_kind") == [
        "Hãy đánh dấu “đã cấp chứng nhận” trước khi ghi loại chứng nhận."
    ]
    assert errors(response, "people") == []


def test_a_refused_submission_offers_only_the_matches_and_the_ticked(officer_client):
    event = EventFactory()
    PersonFactory.create_batch(5)
    ticked = PersonFactory(full_name="Lý Thị Mây")
    ParticipantFactory(event=event, person=ticked)
    url = reverse("training:participants_add", args=[event.pk]) + "?q=khong+ai"
    response = officer_client.post(url, {"people": [ticked.pk, "x"]})
    assert list(response.context["form"].fields["people"].queryset) == [ticked]


def test_a_person_with_training_records_is_not_deleted(officer_client):
    person = PersonFactory(full_name="Lò Thị Xuân")
    ParticipantFactory(person=person)
    response = officer_client.post(
        reverse("cooperatives:person_delete", args=[person.pk]), follow=True
    )
    assert "“Lò Thị Xuân” chưa được xóa" in response.content.decode()
    assert Participant.objects.filter(person=person).exists()


def test_a_head_count_outlives_its_cooperative(officer_client):
    count = HeadCountFactory(
        cooperative=CooperativeFactory(), total=12, female=10, ethnic_minority=5
    )
    officer_client.post(reverse("cooperatives:delete", args=[count.cooperative_id]))
    count.refresh_from_db()
    assert count.cooperative is None
    assert count.event.attendance()["total"] == 12


def test_saving_head_counts_keeps_a_cooperative_the_user_may_not_choose(officer_client, bat_xat):
    # Rows recorded before the area rule, or by the province, keep their cooperative.
    count = HeadCountFactory(
        cooperative=CooperativeFactory(unit=bat_xat), total=9, female=9, ethnic_minority=0
    )
    data = head_count_data([])
    data |= {
        "form-TOTAL_FORMS": 1,
        "form-INITIAL_FORMS": 1,
        "form-0-id": count.pk,
        "form-0-cooperative": count.cooperative_id,
        "form-0-total": 9,
        "form-0-female": 9,
        "form-0-ethnic_minority": 0,
    }
    officer_client.post(reverse("training:head_counts", args=[count.event_id]), data)
    count.refresh_from_db()
    assert count.cooperative is not None
