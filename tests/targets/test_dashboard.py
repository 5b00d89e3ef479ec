"""The dashboard, the per-unit breakdown and the drill-down pages."""

import datetime

import pytest
from django.urls import reverse

from targets import live
from tests.factories import figures, make_data, supported, unit
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def row(response, code):
    return next(r for r in response.context["rows"] if r["indicator"].code == code)


def test_home_is_the_dashboard_and_a_unit_officer_sees_own_unit(officer_client):
    response = officer_client.get(reverse("home"), follow=True)
    assert response.context["unit"] == unit("03037")
    assert "Tiến độ thực hiện Kế hoạch: Xã Tả Van" in response.content.decode()


def test_dashboard_shows_figures_targets_status_and_change(client, leader):
    client.force_login(leader)
    figures(supported(founded_on=datetime.date(2025, 2, 1)), female_stable_jobs=5)
    response = client.get(reverse("targets:dashboard"), {"as_of": "2025-12-31"})
    supported_row = row(response, "HTX_SUPPORTED")
    assert supported_row["figure"].actual == 1 and supported_row["previous"].actual == 0
    assert supported_row["met"] is False
    assert [str(t) for t in supported_row["targets"]] == ["≥ 13", "≥ 20"]
    assert row(response, "MANAGERS_TRAINED_PCT")["met"] is False
    assert row(response, "STAFF_SKILLS_PCT")["met"] is None
    page = response.content.decode()
    assert "+1" in page and "chưa có số liệu" in page and "Giai đoạn 1 (2023–2025)" in page


def test_year_picker_and_a_bad_date(staff_client):
    response = staff_client.get(reverse("targets:dashboard"), {"year": "2024"})
    assert response.context["day"] == datetime.date(2024, 12, 31)
    # The day as the picker shows it (dd/mm/yyyy), or as links give it (ISO).
    for as_of in ("31/12/2024", "2024-12-31"):
        response = staff_client.get(reverse("targets:dashboard"), {"as_of": as_of})
        assert response.context["day"] == datetime.date(2024, 12, 31)
    assert 'value="31/12/2024"' in response.content.decode()
    response = staff_client.get(reverse("targets:dashboard"), {"as_of": "31/02/2024"})
    assert response.context["day"] == datetime.date.today()
    assert "Không đọc được ngày này" in response.content.decode()


def test_the_drill_down_lists_the_records_behind_the_figure(staff_client):
    counted = supported(name="Hợp tác xã Được tính")
    supported(name="Hợp tác xã Chưa hỗ trợ").__class__.objects.filter(
        name="Hợp tác xã Chưa hỗ trợ"
    ).update(union_supported=False)
    response = staff_client.get(reverse("targets:records", args=["HTX_SUPPORTED"]))
    assert list(response.context["rows"]) == [counted]
    assert response.context["figure"].actual == 1
    page = response.content.decode()
    assert counted.get_absolute_url() in page and "Chưa hỗ trợ" not in page


def test_the_breakdown_links_each_unit_to_its_records(staff_client):
    supported(unit_=unit("02683"))
    response = staff_client.get(
        reverse("targets:breakdown", args=["HTX_SUPPORTED"]),
        {"as_of": "2025-12-31", "per_page": 100},
    )
    bat_xat = next(r for r in response.context["rows"] if r["unit"] and r["unit"].code == "02683")
    assert bat_xat["figure"].actual == 1
    records_url = reverse("targets:records", args=["HTX_SUPPORTED"])
    link = f"{records_url}?as_of=2025-12-31&amp;row={bat_xat['unit'].pk}"
    assert link in response.content.decode()
    listed = staff_client.get(records_url, {"as_of": "2025-12-31", "row": bat_xat["unit"].pk})
    assert len(listed.context["rows"]) == 1


def test_a_unit_officer_follows_a_breakdown_row_of_an_earlier_year(officer_client):
    # Before the reform Tả Van's old communes reported through Thị xã Sa Pa, which is not in
    # the officer's own units: the row's link still lists the officer's own records only.
    old_commune = unit("03037").predecessors.first()
    supported(unit_=old_commune, name="Hợp tác xã cũ")
    supported(unit_=unit("02683"), name="Hợp tác xã nơi khác")
    response = officer_client.get(
        reverse("targets:breakdown", args=["HTX_SUPPORTED"]), {"as_of": "2024-12-31"}
    )
    sa_pa = next(r for r in response.context["rows"] if r["unit"])
    assert (sa_pa["unit"].code, sa_pa["figure"].actual) == ("088", 1)
    listed = officer_client.get(
        reverse("targets:records", args=["HTX_SUPPORTED"]),
        {"as_of": "2024-12-31", "row": sa_pa["unit"].pk},
    )
    assert [c.name for c in listed.context["rows"]] == ["Hợp tác xã cũ"]


def test_the_outside_row_links_to_its_records_too(staff_client):
    supported(unit_=unit("02872", "pre2025"), name="Hợp tác xã ở Tà Chải")  # no successor
    response = staff_client.get(
        reverse("targets:records", args=["HTX_SUPPORTED"]), {"as_of": "2025-12-31", "row": 0}
    )
    assert [c.name for c in response.context["rows"]] == ["Hợp tác xã ở Tà Chải"]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"year": "2024", "as_of": "2026-01-15"}, datetime.date(2024, 12, 31)),
        ({"year": "1"}, None),
        ({"as_of": "0001-06-01"}, None),
        ({"year": "abc"}, None),
    ],
)
def test_the_year_picker_wins_and_odd_dates_fall_back_to_today(staff_client, params, expected):
    response = staff_client.get(reverse("targets:dashboard"), params)
    assert response.status_code == 200
    assert response.context["day"] == (expected or datetime.date.today())


# Every page: session, user, and the session's save (3): 5 queries.
@pytest.mark.parametrize(
    "name, args, expected",
    [
        # + every kept day's figures (the day shown and 31/12 before it among them: whether
        # the kept totals are current (2), their sums by day, the shared managers), targets,
        # the day's phase, the phases, indicators, the unit picker's kept choices (2: the
        # units' version and the choices, in the database cache).
        ("targets:dashboard", [], 15),
        # + the indicator, the grouped figures (current? (2), the unit tree's kept walk (2),
        # the units' totals, the shared managers, the reporting units' names, the page's
        # units), the total (4), targets, phase, the unit picker's kept choices (2).
        ("targets:breakdown", ["MANAGERS_TRAINED_PCT"], 22),
        # + the indicator, the figure (4), the records, and the access log's row of the
        # people it lists (one insert, however many).
        ("targets:records", ["MANAGERS_TRAINED_PCT"], 12),
        ("targets:records", ["HTX_FEMALE_JOBS"], 11),
    ],
)
def test_page_query_counts_do_not_grow_with_data(staff_client, name, args, expected):
    url = reverse(name, args=args) + "?as_of=2025-12-31"
    make_data(3)
    live.renew()  # its own count: test_live.py
    staff_client.get(url)  # the unit picker's choices are kept from the first view on
    small = count_queries(staff_client, url)
    make_data(40)
    live.renew()
    assert count_queries(staff_client, url) == small == expected


def test_progress_bar_width_is_valid_svg_in_vietnamese(staff_client):
    for _ in range(4):
        supported()
    page = staff_client.get(reverse("targets:dashboard"), {"as_of": "2025-12-31"})
    page = page.content.decode()
    # 4 of the 2025 target of at least 13: 30.8% of the bar, with a decimal point.
    assert 'width="30.8"' in page


def test_figures_are_kept_until_the_data_changes(staff_client):
    url = reverse("targets:dashboard") + "?as_of=2025-12-31"
    supported()
    first = count_queries(staff_client, url)
    again = count_queries(staff_client, url)
    assert again < first - 8  # the engine's eight queries are not run again
    supported()  # a change: the next page computes afresh and shows it
    page = staff_client.get(url).content.decode()
    assert count_queries(staff_client, url) == again
    assert 'width="15.4"' in page  # 2 of the 2025 target of at least 13


def test_the_unit_picker_follows_a_renamed_unit(staff_client):
    staff_client.get(reverse("targets:dashboard"))  # the picker's choices are kept
    ta_van = unit("03037")
    ta_van.name = "Xã Tả Van Mới"
    ta_van.save()
    page = staff_client.get(reverse("targets:dashboard")).content.decode()
    assert "Xã Tả Van Mới" in page
    assert '<select name="unit" id="unit">' in page  # the kept picker is HTML, not text
