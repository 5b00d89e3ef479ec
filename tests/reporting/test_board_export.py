"""A round's board as an Excel file: every expected unit's state and timeliness for those
who see the whole province, one's own unit for a unit officer."""

import pytest
from django.urls import reverse

from tests.spreadsheets import open_xlsx, table

pytestmark = pytest.mark.django_db


def board_rows(client, round_):
    response = client.get(reverse("reporting:round_board_xlsx", args=[round_.pk]))
    sheet = open_xlsx(response)
    headers, rows = table(sheet)
    return sheet, {row[0].value: dict(zip(headers, row, strict=True)) for row in rows}


def test_the_board_export_lists_every_expected_unit_with_its_timeliness(
    client, leader, round_with_reports
):
    client.force_login(leader)
    sheet, rows = board_rows(client, round_with_reports)
    assert len(rows) == round_with_reports.expected_units.count()
    assert sheet["A1"].value == round_with_reports.title
    ta_van, bat_xat = rows["Xã Tả Van"], rows["Xã Bát Xát"]
    assert ta_van["Trạng thái"].value == "Đã tiếp nhận"
    assert ta_van["Đúng hạn"].value == "đúng hạn"
    first = ta_van["Gửi lần đầu"]
    assert first.value.strftime("%d/%m/%Y %H:%M") == "10/11/2026 09:00"  # local time
    assert first.number_format == "dd/mm/yyyy hh:mm"
    assert bat_xat["Đúng hạn"].value.startswith("muộn")
    missing = next(row for row in rows.values() if row["Trạng thái"].value == "Chưa lập")
    assert missing["Đúng hạn"].value == "chưa nộp"


def test_a_unit_officer_exports_only_own_row(client, officer, round_with_reports):
    client.force_login(officer)
    _sheet, rows = board_rows(client, round_with_reports)
    assert list(rows) == ["Xã Tả Van"]


def test_the_board_links_to_its_export(client, officer, round_with_reports):
    client.force_login(officer)
    page = client.get(reverse("reporting:round_board", args=[round_with_reports.pk]))
    url = reverse("reporting:round_board_xlsx", args=[round_with_reports.pk])
    assert f'href="{url}"' in page.content.decode()
