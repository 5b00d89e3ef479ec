"""The round board finds a unit's report at once: by state (late included), by unit name
without accents, reports waiting for review first."""

import pytest
from django.urls import reverse

from config.text import fold

pytestmark = pytest.mark.django_db


def board(client, round_, **query):
    response = client.get(reverse("reporting:round_board", args=[round_.pk]), query)
    assert response.status_code == 200
    return response.context["page"]


def names(page):
    return [row.unit.name for row in page.object_list]


def test_reports_waiting_for_review_come_first(staff_client, round_with_reports):
    page = board(staff_client, round_with_reports)
    assert names(page)[0] == "Sở Công Thương"  # submitted, not yet accepted
    assert page.paginator.count == 109


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("submitted", ["Sở Công Thương"]),
        ("accepted", ["Xã Bát Xát", "Xã Tả Van"]),
        ("late", ["Xã Bát Xát"]),
    ],
)
def test_the_board_filters_by_state(staff_client, round_with_reports, state, expected):
    assert sorted(names(board(staff_client, round_with_reports, state=state))) == expected


def test_units_that_have_not_started_are_found_too(staff_client, round_with_reports):
    page = board(staff_client, round_with_reports, state="not_started", per_page=100)
    assert page.paginator.count == 106
    assert all(row.submission is None for row in page.object_list)


def test_a_unit_is_found_by_its_name_without_accents(staff_client, round_with_reports):
    page = board(staff_client, round_with_reports, q="ta VAN")
    assert "Xã Tả Van" in names(page)
    assert all("ta van" in fold(name) for name in names(page))


def test_a_filtered_page_is_not_shown_for_the_whole_board(staff_client, round_with_reports):
    """The board is kept between views: each filter is kept apart, and its page links carry it."""
    filtered = board(staff_client, round_with_reports, state="late")
    assert "state=late" in filtered.query
    assert board(staff_client, round_with_reports).paginator.count == 109


def test_a_bad_filter_is_said_and_shows_the_whole_board(staff_client, round_with_reports):
    response = staff_client.get(
        reverse("reporting:round_board", args=[round_with_reports.pk]), {"state": "bogus"}
    )
    assert response.context["page"].paginator.count == 109
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()


def test_a_unit_officer_filters_their_own_board(officer_client, round_with_reports):
    assert names(board(officer_client, round_with_reports, state="accepted")) == ["Xã Tả Van"]
