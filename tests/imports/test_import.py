"""Importing a workbook: check first, then import; the same file twice changes nothing."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from cooperatives.models import Cooperative, ManagementRole, Person, YearlyFigures
from imports.models import ImportBatch
from imports.sheets import SHEETS
from tests.factories import CooperativeFactory, EventFactory, PersonFactory
from tests.spreadsheets import COOPERATIVE_HEADERS, ROLE_HEADERS, xlsx

pytestmark = pytest.mark.django_db


def upload(client, data, name="danh-sach.xlsx"):
    file = io.BytesIO(data)
    file.name = name
    return client.post(reverse("imports:start"), {"file": file})


def registry():
    return (
        Cooperative.objects.count(),
        YearlyFigures.objects.count(),
        Person.objects.count(),
        ManagementRole.objects.count(),
    )


def test_check_shows_what_would_change_and_saves_nothing(officer_client, registry_file):
    response = upload(officer_client, registry_file)
    batch = ImportBatch.objects.get()
    assert response.url == batch.get_absolute_url()
    assert registry() == (0, 0, 0, 0)
    page = officer_client.get(response.url).content.decode()
    assert "2 thêm mới" in page  # two cooperatives
    assert "Nhập 4 dòng" in page


def test_import_then_the_same_file_again_changes_nothing(officer_client, registry_file, ta_van):
    upload(officer_client, registry_file)
    batch = ImportBatch.objects.get()
    response = officer_client.post(reverse("imports:confirm", args=[batch.pk]))
    assert response.status_code == 302
    assert registry() == (2, 1, 1, 1)
    weaving = Cooperative.objects.get(registration_code="5300123456")
    assert weaving.unit == ta_van
    assert [s.name for s in weaving.sectors.all()] == ["Dệt thổ cẩm"]
    figures = weaving.yearly_figures.get()
    assert (figures.year, figures.workers_female, figures.revenue) == (2026, 20, 1234500000)
    manager = Person.objects.get()
    assert (manager.full_name, manager.sex, manager.ethnicity.code) == ("Giàng Thị Mai", "F", "08")
    assert ManagementRole.objects.get().role == "director"
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.IMPORTED

    upload(officer_client, registry_file)
    again = ImportBatch.objects.latest("pk")
    counts = [count for sheet in again.result["sheets"] for count in sheet["counts"]]
    assert {action for _model, action, _n in counts} == {"skip"}
    officer_client.post(reverse("imports:confirm", args=[again.pk]))
    assert registry() == (2, 1, 1, 1)


def test_a_changed_row_updates_its_record(officer_client, registry_file):
    upload(officer_client, registry_file)
    officer_client.post(reverse("imports:confirm", args=[ImportBatch.objects.get().pk]))
    renamed = xlsx(
        {
            "HTX và THT": [
                COOPERATIVE_HEADERS,
                ["HTX", "HTX Thổ cẩm Tả Van", "5300123456", "Xã Tả Van", "Dệt thổ cẩm"],
            ]
        }
    )
    upload(officer_client, renamed)
    batch = ImportBatch.objects.latest("pk")
    assert batch.result["sheets"][0]["counts"] == [["hợp tác xã", "update", 1]]
    page = officer_client.get(batch.get_absolute_url()).content.decode()
    assert "Hợp tác xã: HTX Thổ cẩm Tả Van" in page
    assert "sửa Tên*" in page  # only the name changes
    officer_client.post(reverse("imports:confirm", args=[batch.pk]))
    assert Cooperative.objects.get(registration_code="5300123456").name == "HTX Thổ cẩm Tả Van"


BAD_AND_GOOD = {
    "HTX và THT": [
        COOPERATIVE_HEADERS,
        ["HTX", "HTX Tốt", "5300000001", "Xã Tả Van", ""],
        ["HTX", "HTX Lỗi", "5300000002", "Xã Tả Van", "Nghề không có"],
        ["HTX", "HTX Tốt", "5300000001", "Xã Tả Van", ""],
    ]
}


def test_a_file_with_a_bad_row_imports_nothing_unless_only_good_rows_are_chosen(officer_client):
    upload(officer_client, xlsx(BAD_AND_GOOD))
    batch = ImportBatch.objects.get()
    page = officer_client.get(batch.get_absolute_url()).content.decode()
    assert "2 dòng lỗi" in page
    assert "“Nghề không có” không có trong danh mục lĩnh vực" in page
    assert "Dòng 2 đã là của bản ghi này" in page  # the repeated row
    assert "Chỉ nhập 1 dòng hợp lệ" in page

    officer_client.post(reverse("imports:confirm", args=[batch.pk]), {"only_good_rows": "1"})
    assert list(Cooperative.objects.values_list("name", flat=True)) == ["HTX Tốt"]
    batch.refresh_from_db()
    assert batch.only_good_rows and batch.state == ImportBatch.State.IMPORTED


def test_the_marked_copy_explains_each_bad_cell(officer_client):
    upload(officer_client, xlsx(BAD_AND_GOOD))
    batch = ImportBatch.objects.get()
    response = officer_client.get(reverse("imports:marked", args=[batch.pk]))
    sheet = load_workbook(io.BytesIO(response.content))["HTX và THT"]
    assert "không có trong danh mục lĩnh vực" in sheet["E3"].comment.text
    assert sheet["E3"].fill.fgColor.rgb.endswith("FFC7CE")
    assert "Dòng 2" in sheet["A4"].comment.text
    assert sheet["B2"].comment is None
    assert sheet["B3"].value == "HTX Lỗi"  # the user's data is kept


def test_people_are_matched_by_name_birth_year_and_unit(officer_client, ta_van):
    existing = PersonFactory(unit=ta_van, full_name="Giàng Thị Mai", birth_year=1985, sex="F")
    event = EventFactory(unit=ta_van)
    data = xlsx(
        {
            "Học viên tập huấn": [
                ["Số hiệu lớp tập huấn", "Họ và tên", "Giới tính", "Năm sinh", "Đơn vị hành chính"],
                [event.pk, "giàng thị  mai", "Nữ", 1985, "Xã Tả Van"],
                [event.pk, "Giàng Thị Mai", "Nữ", 1990, "Xã Tả Van"],
            ]
        }
    )
    upload(officer_client, data)
    officer_client.post(reverse("imports:confirm", args=[ImportBatch.objects.get().pk]))
    assert Person.objects.count() == 2  # the 1990 one is another woman
    assert set(event.participants.values_list("person__birth_year", flat=True)) == {1985, 1990}
    assert event.participants.filter(person=existing).exists()


def test_columns_that_are_not_required_may_be_left_out(officer_client, ta_van):
    """The instructions say so, key columns included: no birth year matches a person by
    name and unit, no registration code a cooperative by kind, unit and name."""
    event = EventFactory(unit=ta_van)
    data = xlsx(
        {
            "HTX và THT": [["Loại hình", "Tên", "Đơn vị hành chính"], ["THT", "Tổ Lếch", "03037"]],
            "Học viên tập huấn": [
                ["Số hiệu lớp tập huấn", "Họ và tên", "Giới tính", "Đơn vị hành chính"],
                [event.pk, "Lò Thị Hoa", "Nữ", "Xã Tả Van"],
            ],
        }
    )
    for _time in range(2):
        upload(officer_client, data)
        batch = ImportBatch.objects.latest("pk")
        assert batch.result["problems"] == []
        officer_client.post(reverse("imports:confirm", args=[batch.pk]))
    assert Cooperative.objects.get().registration_code == ""
    assert Person.objects.get().birth_year is None
    assert event.participants.get().person.full_name == "Lò Thị Hoa"


def test_another_units_event_is_a_bad_row(officer_client, bat_xat):
    event = EventFactory(unit=bat_xat)
    data = xlsx(
        {
            "Học viên tập huấn": [
                ["Số hiệu lớp tập huấn", "Họ và tên", "Giới tính", "Đơn vị hành chính"],
                [event.pk, "Lò Thị Hoa", "Nữ", "Xã Tả Van"],
            ]
        }
    )
    upload(officer_client, data)
    batch = ImportBatch.objects.get()
    assert batch.result["problems"][0]["cell"] == "A2"
    assert Person.objects.count() == 0


def test_the_template_has_every_sheet_with_its_headers_and_the_officers_units(officer_client):
    response = officer_client.get(reverse("imports:template"))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Hướng dẫn", *(spec.title for spec in SHEETS), "Danh mục"]
    headers = [cell.value for cell in workbook["HTX và THT"][1]]
    assert headers[:4] == ["Loại hình*", "Tên*", "Mã số đăng ký", "Đơn vị hành chính*"]
    units = [row[1] for row in workbook["Danh mục"].iter_rows(min_row=2, values_only=True)]
    assert "Xã Tả Van" in units and "Xã Bát Xát" not in units
    # The ethnic group as the forms name it (the official "HMông"), the everyday name accepted.
    notes = [row[2] for row in workbook["Hướng dẫn"].iter_rows(values_only=True) if row[2:]]
    assert any("HMông (ghi “Mông” cũng được)" in (note or "") for note in notes)


def test_the_template_fills_in_and_imports(officer_client, ta_van):
    workbook = load_workbook(io.BytesIO(officer_client.get(reverse("imports:template")).content))
    sheet = workbook["HTX và THT"]
    sheet.append(["HTX", "HTX Mẫu", "5300777777", "Xã Tả Van"])
    output = io.BytesIO()
    workbook.save(output)
    upload(officer_client, output.getvalue())
    officer_client.post(reverse("imports:confirm", args=[ImportBatch.objects.get().pk]))
    assert Cooperative.objects.get().name == "HTX Mẫu"


def test_a_leader_cannot_import(client, leader, registry_file):
    client.force_login(leader)
    assert upload(client, registry_file).status_code == 403
    assert ImportBatch.objects.count() == 0


def test_command_dry_run_saves_nothing_and_a_real_run_imports(tmp_path, registry_file, capsys):
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes(registry_file)
    call_command("import_registry", str(path), "--dry-run")
    assert registry() == (0, 0, 0, 0)
    call_command("import_registry", str(path))
    assert registry() == (2, 1, 1, 1)
    call_command("import_registry", str(path))
    assert registry() == (2, 1, 1, 1)
    assert "Đã nhập 4 dòng." in capsys.readouterr().out


def test_command_refuses_a_file_with_bad_rows(tmp_path):
    path = tmp_path / "loi.xlsx"
    path.write_bytes(xlsx(BAD_AND_GOOD))
    with pytest.raises(CommandError, match="--only-good-rows"):
        call_command("import_registry", str(path))
    assert Cooperative.objects.count() == 0


def test_an_import_is_kept_in_each_records_history_with_who_did_it(officer_client, officer):
    upload(officer_client, xlsx(BAD_AND_GOOD))
    officer_client.post(
        reverse("imports:confirm", args=[ImportBatch.objects.get().pk]), {"only_good_rows": "1"}
    )
    cooperative = Cooperative.objects.get()
    (created,) = cooperative.history.all()
    assert (created.history_type, created.history_user) == ("+", officer)
    page = officer_client.get(cooperative.get_absolute_url()).content.decode()
    assert officer.username in page or officer.get_full_name() in page


def test_the_admin_lists_of_imported_records_link_to_the_import(client, province_staff):
    province_staff.is_staff = province_staff.is_superuser = True
    province_staff.save()
    client.force_login(province_staff)
    for name in ("cooperatives_cooperative", "cooperatives_person", "imports_importbatch"):
        page = client.get(reverse(f"admin:{name}_changelist")).content.decode()
        assert f'href="{reverse("imports:start")}"' in page, name


def test_names_that_differ_by_an_accent_are_two_people(officer_client, ta_van):
    PersonFactory(unit=ta_van, full_name="Lò Thị Hà", birth_year=1985, sex="F", phone="0912345678")
    CooperativeFactory(unit=ta_van, registration_code="5301000123")
    data = xlsx(
        {
            "Người quản lý": [
                ROLE_HEADERS,
                ["Lò Thị Hạ", "Nữ", 1985, "", "Xã Tả Van", "5301000123", "Giám đốc", "01/02/2024"],
            ]
        }
    )
    upload(officer_client, data)
    officer_client.post(reverse("imports:confirm", args=[ImportBatch.objects.get().pk]))
    assert sorted(Person.objects.values_list("full_name", "phone")) == [
        ("Lò Thị Hà", "0912345678"),
        ("Lò Thị Hạ", ""),
    ]


def test_confirm_imports_only_the_rows_the_check_found_good(officer_client, ta_van):
    data = xlsx(
        {
            "Số liệu năm": [
                ["Mã số đăng ký HTX/THT", "Năm", "Tổng số lao động"],
                ["5301999001", 2026, 10],
                ["5301999077", 2026, 12],  # no such cooperative yet: a bad row
            ]
        }
    )
    CooperativeFactory(unit=ta_van, registration_code="5301999001")
    upload(officer_client, data)
    batch = ImportBatch.objects.get()
    CooperativeFactory(unit=ta_van, registration_code="5301999077")  # added meanwhile

    refused = officer_client.post(reverse("imports:confirm", args=[batch.pk]), follow=True)
    assert "Tệp có dòng lỗi" in refused.content.decode()
    assert YearlyFigures.objects.count() == 0

    officer_client.post(reverse("imports:confirm", args=[batch.pk]), {"only_good_rows": "1"})
    assert list(YearlyFigures.objects.values_list("cooperative__registration_code", flat=True)) == [
        "5301999001"
    ]


def test_only_the_uploader_can_import_their_checked_file(officer_client, client, province_staff):
    upload(officer_client, xlsx(BAD_AND_GOOD))
    batch = ImportBatch.objects.get()
    client.force_login(province_staff)
    assert client.get(batch.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("imports:confirm", args=[batch.pk]), {"only_good_rows": "1"}, follow=True
    )
    assert "Chỉ người đã tải tệp này lên mới nhập được." in response.content.decode()
    assert Cooperative.objects.count() == 0
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.CHECKED


def test_blank_cells_keep_what_is_stored(officer_client, ta_van):
    dissolved = CooperativeFactory(
        unit=ta_van,
        registration_code="5300123456",
        name="HTX Dệt Tả Van",
        status=Cooperative.Status.DISSOLVED,
        status_since=datetime.date(2025, 3, 1),
        address="Bản Lếch",
    )
    data = xlsx(
        {
            "HTX và THT": [
                [*COOPERATIVE_HEADERS, "Địa chỉ", "Tình trạng", "Tình trạng từ ngày"],
                ["HTX", "HTX Dệt Tả Van", "5300123456", "Xã Tả Van", "", "", "", ""],
            ]
        }
    )
    upload(officer_client, data)
    batch = ImportBatch.objects.get()
    assert batch.result["sheets"][0]["counts"] == [["hợp tác xã", "skip", 1]]
    dissolved.refresh_from_db()
    assert (dissolved.status, dissolved.address) == (Cooperative.Status.DISSOLVED, "Bản Lếch")


def test_a_bad_cell_inside_merged_cells_is_marked_on_the_merged_range(officer_client):
    workbook = load_workbook(io.BytesIO(xlsx(BAD_AND_GOOD)))
    sheet = workbook["HTX và THT"]
    sheet.merge_cells("D2:D3")  # row 3 loses its unit to the merged cell
    output = io.BytesIO()
    workbook.save(output)
    upload(officer_client, output.getvalue())
    batch = ImportBatch.objects.get()
    response = officer_client.get(reverse("imports:marked", args=[batch.pk]))
    marked = load_workbook(io.BytesIO(response.content))["HTX và THT"]
    assert "Ô này bắt buộc phải có." in marked["D2"].comment.text
