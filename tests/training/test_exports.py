"""The training lists as Excel files: the filtered rows with dates and head-counts."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    EventFactory,
    HeadCountFactory,
    OfficerFactory,
    ParticipantFactory,
    PersonFactory,
)
from tests.spreadsheets import open_xlsx, table

pytestmark = pytest.mark.django_db


def rows_by_header(response):
    headers, rows = table(open_xlsx(response))
    return [dict(zip(headers, row, strict=True)) for row in rows]


def test_event_export_follows_the_filters_with_dates_and_attendance(staff_client, ta_van):
    event = EventFactory(
        title="Quản trị HTX 2025",
        start_date=datetime.date(2025, 3, 4),
        end_date=datetime.date(2025, 3, 6),
        place="Nhà văn hoá Tả Van",
        funding_source="state_budget",
        funding_amount=12_500_000,
    )
    for _ in range(2):
        ParticipantFactory(event=event, person=PersonFactory(unit=ta_van))
    HeadCountFactory(event=event, total=30)
    EventFactory(title="Quản trị HTX 2024", start_date=datetime.date(2024, 3, 4))
    EventFactory(title="Thương mại điện tử 2025", category="ecommerce")
    response = staff_client.get(
        reverse("training:event_list_xlsx"), {"year": 2025, "category": "governance"}
    )
    [row] = rows_by_header(response)
    assert row["Tên lớp"].value == "Quản trị HTX 2025"
    assert row["Nội dung"].value == "Quản trị, điều hành"
    start, end = row["Ngày bắt đầu"], row["Ngày kết thúc"]
    assert (start.value.date(), end.value.date()) == (
        datetime.date(2025, 3, 4),
        datetime.date(2025, 3, 6),
    )
    assert start.number_format == end.number_format == "dd/mm/yyyy"
    assert row["Kinh phí (đồng)"].value == 12_500_000
    assert row["Kinh phí (đồng)"].number_format == "#,##0"
    assert (row["Học viên có tên"].value, row["Học viên theo số lượng"].value) == (2, 30)
    response = staff_client.get(reverse("training:event_list_xlsx"), {"year": 2025})
    assert "Năm: 2025" in open_xlsx(response)["A2"].value


def test_event_export_query_count_does_not_grow_with_rows(staff_client, django_assert_num_queries):
    EventFactory.create_batch(3)
    # 7: session, user, the events (attendance as subqueries), the session's save
    # (savepoint, update, release) and the access log's row of the download (one insert).
    url = reverse("training:event_list_xlsx")
    with django_assert_num_queries(7):
        assert len(table(open_xlsx(staff_client.get(url)))[1]) == 3
    EventFactory.create_batch(40)
    with django_assert_num_queries(7):
        assert len(table(open_xlsx(staff_client.get(url)))[1]) == 43


def test_officer_export_says_who_works_on_cooperatives_and_when_in_post(staff_client):
    OfficerFactory(
        full_name="Vàng Thị Mai",
        position="Chủ tịch Hội",
        works_on_cooperatives=True,
        active_from=datetime.date(2021, 7, 1),
    )
    OfficerFactory(full_name="Lý Thị Sử", works_on_cooperatives=False)
    response = staff_client.get(
        reverse("training:officer_list_xlsx"), {"works_on_cooperatives": "true"}
    )
    [row] = rows_by_header(response)
    assert row["Họ và tên"].value == "Vàng Thị Mai"
    assert row["Chức vụ"].value == "Chủ tịch Hội"
    assert row["Làm công tác hỗ trợ HTX"].value == "Có"
    assert row["Công tác từ ngày"].value.date() == datetime.date(2021, 7, 1)
    assert row["Công tác đến ngày"].value is None


def test_an_events_participants_export_with_people_and_officers(officer_client, ta_van, bat_xat):
    event = EventFactory(unit=ta_van, title="Quản trị HTX")
    mai = PersonFactory(unit=ta_van, full_name="Giàng Thị Mai", birth_year=1985, sex="F")
    ParticipantFactory(event=event, person=mai, certificate_issued=True)
    ParticipantFactory(
        event=event, person=None, officer=OfficerFactory(unit=ta_van, full_name="Lò Thị Hoa")
    )
    url = reverse("training:event_participants_xlsx", args=[event.pk])
    rows = rows_by_header(officer_client.get(url))
    assert [r["Họ và tên"].value for r in rows] == ["Giàng Thị Mai", "Lò Thị Hoa"]
    assert "Năm sinh" not in rows[0]  # a personal detail: only when asked for
    # Asked for, with a reason (org/details.py), the file has the birth years.
    details = reverse("org:details_form") + "?next=" + url
    assert officer_client.post(details, {"reason": "Mời các chị dự lớp nâng cao."}).url == url
    rows = rows_by_header(officer_client.get(url))
    assert [(r["Họ và tên"].value, r["Năm sinh"].value) for r in rows] == [
        ("Giàng Thị Mai", 1985),
        ("Lò Thị Hoa", None),
    ]
    other = EventFactory(unit=bat_xat)
    assert (
        officer_client.get(reverse("training:event_participants_xlsx", args=[other.pk])).status_code
        == 404
    )
