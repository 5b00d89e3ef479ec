"""The registry lists as Excel files: the rows of the page with its filters, all of them,
with real numbers and dates, in a constant number of queries."""

import datetime
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperatives.models import Sector
from tests.factories import CooperativeFactory, FiguresFactory, PersonFactory, RoleFactory
from tests.spreadsheets import column, open_xlsx, table

pytestmark = pytest.mark.django_db


def test_the_export_holds_every_filtered_row_not_only_the_page(staff_client, ta_van, bat_xat):
    CooperativeFactory.create_batch(30, unit=ta_van)  # more than a page of 25
    CooperativeFactory(unit=ta_van, kind="tht", name="Tổ hợp tác Tả Van")
    CooperativeFactory(unit=bat_xat, name="Hợp tác xã Bát Xát")
    params = {"kind": "htx", "unit": ta_van.pk, "page": 2, "per_page": 25}
    response = staff_client.get(reverse("cooperatives:list_xlsx"), params)

    sheet = open_xlsx(response)
    names = column(sheet, "Tên")
    assert len(names) == 30 and "Tổ hợp tác Tả Van" not in names
    assert "Hợp tác xã Bát Xát" not in names
    assert set(column(sheet, "Loại hình")) == {"Hợp tác xã (HTX)"}
    # What and when: a title, then the moment and the filters applied; headers frozen.
    assert sheet["A1"].value == "Hợp tác xã và tổ hợp tác"
    assert sheet["A2"].value.startswith(f"Xuất lúc {timezone.localdate():%d/%m/%Y}")
    assert "Loại hình: Hợp tác xã (HTX)" in sheet["A2"].value
    assert "Đơn vị: Xã Tả Van" in sheet["A2"].value
    assert sheet.freeze_panes == "A4"
    assert response["Content-Disposition"] == (
        f'attachment; filename="hop-tac-xa-{timezone.localdate():%Y-%m-%d}.xlsx"'
    )


def test_the_page_links_to_its_export_with_the_current_filters(staff_client):
    response = staff_client.get(reverse("cooperatives:list"), {"kind": "tht", "page": 1})
    assert (
        f'href="{reverse("cooperatives:list_xlsx")}?kind=tht"' in response.content.decode()
        and "Xuất Excel" in response.content.decode()
    )
    response = staff_client.get(reverse("cooperatives:person_list"), {"q": "Hoa"})
    assert f'href="{reverse("cooperatives:person_list_xlsx")}?q=Hoa"' in response.content.decode()


def test_a_cooperative_row_has_its_details_and_latest_figures(staff_client, ta_van):
    year = timezone.localdate().year
    cooperative = CooperativeFactory(
        name="Hợp tác xã Dệt Tả Van",
        registration_code="5301000777",
        address="Thôn Tả Van",
        founded_on=datetime.date(2019, 5, 17),
        union_supported=True,
    )
    cooperative.sectors.add(*Sector.objects.filter(code__in=["weaving", "tourism"]))
    RoleFactory(cooperative=cooperative)  # a woman director: women-managed today
    FiguresFactory(cooperative=cooperative, year=year - 1, workers_total=4, workers_female=1)
    FiguresFactory(
        cooperative=cooperative,
        year=year,
        members_total=20,
        members_female=15,
        workers_total=10,
        workers_female=8,
        revenue=1_250_000_000,
    )
    sheet = open_xlsx(staff_client.get(reverse("cooperatives:list_xlsx")))
    headers, rows = table(sheet)
    cells = dict(zip(headers, rows[0], strict=True))

    assert cells["Tên"].value == "Hợp tác xã Dệt Tả Van"
    assert cells["Mã số đăng ký"].value == "5301000777"
    assert cells["Đơn vị"].value == "Xã Tả Van"
    assert cells["Địa chỉ"].value == "Thôn Tả Van"
    assert set(cells["Lĩnh vực"].value.split(", ")) == {
        str(s) for s in Sector.objects.filter(code__in=["weaving", "tourism"])
    }
    founded = cells["Ngày thành lập"]
    assert founded.is_date and founded.value.date() == datetime.date(2019, 5, 17)
    assert founded.number_format == "dd/mm/yyyy"
    assert cells["Tình trạng"].value == "Đang hoạt động"
    assert cells["Có nữ quản lý (hiện nay)"].value == "Có"
    assert cells["Số liệu năm"].value == year
    assert [cells[h].value for h in ("Tổng số thành viên", "Thành viên nữ")] == [20, 15]
    assert [cells[h].value for h in ("Tổng số lao động", "Lao động nữ")] == [10, 8]
    share = cells["Tỷ lệ lao động nữ"]
    assert share.value == 0.8 and share.number_format == "0.0%"
    revenue = cells["Doanh thu (đồng)"]
    assert revenue.value == 1_250_000_000 and revenue.number_format == "#,##0"


def make_cooperatives(count, unit_):
    weaving = Sector.objects.get(code="weaving")
    for _ in range(count):
        cooperative = CooperativeFactory(unit=unit_)
        cooperative.sectors.add(weaving)
        FiguresFactory(cooperative=cooperative)
        RoleFactory(cooperative=cooperative, person=PersonFactory(unit=unit_))


@pytest.mark.parametrize("role_client", ["staff_client", "officer_client"])
def test_export_query_count_does_not_grow_with_rows(
    request, role_client, ta_van, django_assert_num_queries
):
    client = request.getfixturevalue(role_client)
    make_cooperatives(3, ta_van)
    # Province staff, 10: session, user; the unit of the filter and one query per level of
    # its area (Tả Van: 2); the rows (women-managed and latest figures are subqueries) and
    # their sectors, once per chunk of 1,000; then the session's save (savepoint, update,
    # release). A unit officer adds their own area's levels (2). A page reads outside any
    # transaction (config.middleware.WriteTransactionMiddleware). Then the access log's row
    # of the download (one insert).
    expected = 11 if role_client == "staff_client" else 13
    url = reverse("cooperatives:list_xlsx") + "?unit=" + str(ta_van.pk)
    with django_assert_num_queries(expected):
        assert len(table(open_xlsx(client.get(url)))[1]) == 3
    make_cooperatives(40, ta_van)
    with django_assert_num_queries(expected):
        assert len(table(open_xlsx(client.get(url)))[1]) == 43


def test_people_export_lists_current_roles_and_follows_the_search(staff_client, ta_van):
    hoa = PersonFactory(full_name="Lò Thị Hoa", phone="0912 345 678", birth_year=1980)
    RoleFactory(person=hoa, cooperative=CooperativeFactory(name="HTX Mây tre"))
    RoleFactory(
        person=hoa,
        cooperative=CooperativeFactory(name="HTX Cũ"),
        end_date=datetime.date(2021, 12, 31),
    )
    PersonFactory(full_name="Giàng Văn Pó", sex="M")
    url = reverse("cooperatives:person_list_xlsx") + "?q=lo%20thi%20hoa"
    response = staff_client.get(url)
    sheet = open_xlsx(response)
    headers, rows = table(sheet)
    assert len(rows) == 1
    cells = dict(zip(headers, (c.value for c in rows[0]), strict=True))
    # Phone, birth year and ethnicity are personal details: left out unless asked for.
    assert cells == {
        "Họ và tên": "Lò Thị Hoa",
        "Giới tính": "Nữ",
        "Đơn vị": "Xã Tả Van",
        "Chức vụ hiện nay": "Giám đốc, HTX Mây tre",
    }
    assert "Tìm kiếm: lo thi hoa" in sheet["A2"].value
    assert response["Content-Disposition"].startswith('attachment; filename="nguoi-')
    # Asked for with a reason (org/details.py), the same export has them.
    details = reverse("org:details_form") + "?next=" + quote(url, safe="/")
    assert staff_client.post(details, {"reason": "Gọi mời dự tập huấn."}).url == url
    headers, rows = table(open_xlsx(staff_client.get(url)))
    assert dict(zip(headers, (c.value for c in rows[0]), strict=True)) == {
        **cells,
        "Năm sinh": 1980,
        "Dân tộc": str(hoa.ethnicity),
        "Số điện thoại": "0912 345 678",
    }


def test_people_export_query_count_does_not_grow_with_rows(
    staff_client, ta_van, django_assert_num_queries
):
    make_cooperatives(3, ta_van)
    # 8: session, user, the people (with unit and ethnic group) and their current roles
    # (with cooperative) once per chunk, the session's save (savepoint, update, release) and
    # the access log's row of the download (one insert, however many people).
    url = reverse("cooperatives:person_list_xlsx")
    with django_assert_num_queries(8):
        assert len(table(open_xlsx(staff_client.get(url)))[1]) == 3
    make_cooperatives(40, ta_van)
    with django_assert_num_queries(8):
        assert len(table(open_xlsx(staff_client.get(url)))[1]) == 43
