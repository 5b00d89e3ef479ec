"""The registry list: filters, diacritics-insensitive search, constant query count."""

import datetime

import pytest
from django import forms
from django.test.html import parse_html
from django.urls import reverse

from cooperatives.models import Cooperative, Sector
from org.models import Unit
from tests.factories import CooperativeFactory, FiguresFactory, PersonFactory, RoleFactory, unit
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


def names(response):
    return [c.name for c in response.context["page"].object_list]


@pytest.mark.parametrize(
    "query",
    ["hop tac xa dong tam", "HỢP TÁC XÃ ĐỒNG TÂM", "dong tam", "Đồng Tâm", "5301000777", "tả van"],
)
def test_search_ignores_case_and_diacritics(staff_client, query):
    CooperativeFactory(
        name="Hợp tác xã Đồng Tâm", registration_code="5301000777", address="Thôn Tả Van"
    )
    CooperativeFactory(name="Tổ hợp tác Mây tre", kind="tht")
    response = staff_client.get(reverse("cooperatives:list"), {"q": query})
    assert names(response) == ["Hợp tác xã Đồng Tâm"]


def test_filters_by_kind_status_sector_and_support(staff_client):
    weaving = Sector.objects.get(code="weaving")
    match = CooperativeFactory(name="A", kind="tht", union_supported=True)
    match.sectors.add(weaving)
    CooperativeFactory(name="B", kind="tht", union_supported=False).sectors.add(weaving)
    CooperativeFactory(name="C", kind="htx", union_supported=True).sectors.add(weaving)
    CooperativeFactory(
        name="D",
        kind="tht",
        union_supported=True,
        status="dissolved",
        status_since=datetime.date(2024, 1, 1),
    ).sectors.add(weaving)
    params = {"kind": "tht", "status": "active", "sector": weaving.pk, "union_supported": "true"}
    assert names(staff_client.get(reverse("cooperatives:list"), params)) == ["A"]


def test_filter_women_managed_today(staff_client):
    managed = CooperativeFactory(name="Có nữ quản lý")
    RoleFactory(cooperative=managed)
    former = CooperativeFactory(name="Nữ quản lý đã nghỉ")
    RoleFactory(cooperative=former, end_date=datetime.date(2021, 1, 1))
    url = reverse("cooperatives:list")
    assert names(staff_client.get(url, {"women_managed": "true"})) == ["Có nữ quản lý"]
    assert names(staff_client.get(url, {"women_managed": "false"})) == ["Nữ quản lý đã nghỉ"]


def test_filter_by_an_old_district_finds_its_communes(staff_client):
    bat_xat_district = unit("082", Unit.CodeSet.PRE_2025)
    old_commune = unit("02692", Unit.CodeSet.PRE_2025)  # a commune of Bát Xát before 2025
    assert old_commune.parent == bat_xat_district
    CooperativeFactory(name="Trong huyện Bát Xát", unit=old_commune)
    CooperativeFactory(name="Ở nơi khác", unit=unit("03037"))
    response = staff_client.get(reverse("cooperatives:list"), {"unit": bat_xat_district.pk})
    assert names(response) == ["Trong huyện Bát Xát"]


def test_officer_of_a_new_commune_sees_records_filed_under_its_old_communes(client, officer):
    # Xã Tả Van (2025) took over old communes; their records stay readable by its officer.
    old = officer.unit.predecessors.first()
    CooperativeFactory(name="Hồ sơ trước sáp nhập", unit=old)
    client.force_login(officer)
    assert names(client.get(reverse("cooperatives:list"))) == ["Hồ sơ trước sáp nhập"]


def test_list_shows_female_labour_share_and_women_managed(staff_client):
    cooperative = CooperativeFactory(name="Hợp tác xã Lao Chải")
    FiguresFactory(
        cooperative=cooperative,
        year=datetime.date.today().year,
        workers_total=8,
        workers_female=6,
        female_stable_jobs=6,
    )
    RoleFactory(cooperative=cooperative)
    page = staff_client.get(reverse("cooperatives:list")).content.decode()
    assert "75,0%" in page
    assert "Có" in page


def make_cooperatives(count, unit_):
    sectors = list(Sector.objects.all()[:3])
    for _ in range(count):
        cooperative = CooperativeFactory(unit=unit_)
        cooperative.sectors.set(sectors)
        FiguresFactory(cooperative=cooperative)
        RoleFactory(cooperative=cooperative, person=PersonFactory(unit=unit_))


@pytest.mark.parametrize("role_client", ["staff_client", "officer_client"])
def test_list_query_count_does_not_grow_with_rows_or_page_size(request, role_client, ta_van):
    client = request.getfixturevalue(role_client)
    url = reverse("cooperatives:list") + "?per_page=100"
    make_cooperatives(5, ta_van)
    small = count_queries(client, url)
    make_cooperatives(195, ta_van)
    large = count_queries(client, url)
    assert small == large
    # Province staff, 11: session, user, count, unit choices and sector choices of the filter
    # form, the page's ids, then those rows alone with women-managed and latest figures as
    # subqueries (a deep page costs what the first does), sectors of the page; then the
    # session's save (savepoint, update, release). A unit officer adds their unit (page
    # header) and one query per level of their unit's area (Tả Van: 2).
    expected = 11 if role_client == "staff_client" else 14
    assert large == expected


def test_person_list_query_count_is_constant(staff_client, ta_van):
    url = reverse("cooperatives:person_list") + "?per_page=100"
    PersonFactory.create_batch(5, unit=ta_van)
    small = count_queries(staff_client, url)
    PersonFactory.create_batch(150, unit=ta_van)
    assert count_queries(staff_client, url) == small


def test_a_deep_page_shows_its_own_rows_in_order_with_their_details(staff_client, ta_van):
    make_cooperatives(30, ta_van)
    names = list(Cooperative.objects.order_by("name", "pk").values_list("name", flat=True))
    page = staff_client.get(reverse("cooperatives:list"), {"page": 2}).context["page"]
    assert [c.name for c in page.object_list] == names[25:]
    assert all(hasattr(c, "is_women_managed") for c in page.object_list)


def test_unit_filter_lists_every_unit_with_the_chosen_one_selected(staff_client):
    """The unit choices are written without a template per option (thousands of units at
    national scale) but must read exactly as Django's own select."""
    chosen = unit("03037")
    response = staff_client.get(reverse("cooperatives:list"), {"unit": chosen.pk})
    field = response.context["filters"].form["unit"]
    assert f'<option value="{chosen.pk}" selected>' in str(field)
    plain = forms.Select(choices=field.field.choices)
    attrs = field.build_widget_attrs({"id": field.auto_id})
    assert parse_html(str(field)) == parse_html(plain.render("unit", str(chosen.pk), attrs))
