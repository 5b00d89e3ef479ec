"""A corpus of bad files, made by code: each gives its message and changes nothing."""

import io
import unicodedata
import zipfile

import pytest
from django.urls import reverse

from cooperatives.models import Cooperative, ManagementRole, Person, YearlyFigures
from imports.models import ImportBatch
from tests.factories import CooperativeFactory
from tests.spreadsheets import COOPERATIVE_HEADERS, xlsx

pytestmark = pytest.mark.django_db


def counts():
    return [
        model.objects.count()
        for model in (Cooperative, YearlyFigures, Person, ManagementRole, ImportBatch)
    ]


def zip_bomb() -> bytes:
    """A valid-looking workbook whose sheet unpacks to 60 MB of zeros."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx({"HTX và THT": [COOPERATIVE_HEADERS]}))) as source:
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as bomb:
            for item in source.infolist():
                bomb.writestr(item, source.read(item))
            bomb.writestr("xl/media/padding.bin", b"0" * (60 * 2**20))
    return output.getvalue()


def coop_row(name="HTX Tả Van", unit="Xã Tả Van"):
    return ["HTX", name, "", unit, ""]


BAD_FILES = {
    "not a workbook": (b"Ho ten,Nam sinh\nMai,1985\n", "không phải là tệp Excel"),
    "old xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".xls"),
    "empty file": (b"", "rỗng"),
    "an empty zip": (b"PK\x05\x06" + b"\0" * 18, "không phải là tệp Excel"),
    "no rows": (xlsx({"HTX và THT": [COOPERATIVE_HEADERS]}), "không có dòng dữ liệu"),
    "missing header": (
        xlsx({"HTX và THT": [["Loại hình", "Tên"], ["HTX", "A"]]}),
        "thiếu cột: Đơn vị hành chính",
    ),
    "unknown header": (
        xlsx({"HTX và THT": [[*COOPERATIVE_HEADERS, "Ghi chú riêng"], [*coop_row(), "x"]]}),
        "Ghi chú riêng",
    ),
    "unknown sheet": (xlsx({"Sheet1": [["a", "b"], [1, 2]]}), "Sheet1"),
    "zip bomb": (zip_bomb(), "50 MB"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_gets_its_message_and_changes_nothing(officer_client, name):
    data, message = BAD_FILES[name]
    before = counts()
    upload = io.BytesIO(data)
    upload.name = "danh-sach.xlsx"
    response = officer_client.post(reverse("imports:start"), {"file": upload})
    assert response.status_code == 200
    assert message in response.content.decode(), response.content.decode()[-3000:]
    assert counts() == before


def test_a_file_over_the_size_limit_is_refused_with_the_limit(officer_client, settings):
    settings.IMPORT_MAX_BYTES = 2**20
    upload = io.BytesIO(b"0" * (2**20 + 1))
    upload.name = "lon.xlsx"
    response = officer_client.post(reverse("imports:start"), {"file": upload})
    assert "lớn hơn 1 MB" in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_too_many_rows_are_refused_with_the_limit(officer_client, settings):
    settings.IMPORT_MAX_ROWS = 3
    rows = [coop_row(f"HTX số {n}") for n in range(4)]
    upload = io.BytesIO(xlsx({"HTX và THT": [COOPERATIVE_HEADERS, *rows]}))
    upload.name = "nhieu.xlsx"
    response = officer_client.post(reverse("imports:start"), {"file": upload})
    assert "nhiều hơn 3 dòng" in response.content.decode()
    assert Cooperative.objects.count() == 0


def test_formulas_dates_and_decomposed_text(officer, ta_van):
    from imports.runner import run_import

    decomposed = unicodedata.normalize("NFD", "HTX  Dệt   Tả Van ")
    data = xlsx(
        {
            "HTX và THT": [
                [*COOPERATIVE_HEADERS, "Ngày thành lập"],
                ["HTX", decomposed, "", "Xã Tả Van", "", "06/07/2023"],
                ["HTX", '=CONCATENATE("HTX"," A")', "", "Xã Tả Van", "", 45113],
                ["HTX", "HTX Sai Ngày", "", "Xã Tả Van", "", "2023/13/45"],
            ]
        }
    )
    outcome = run_import(data, officer, commit=True)
    assert not outcome.saved
    messages = {(p.cell, p.message.split(" (")[0]) for p in outcome.problems}
    assert ("B3", "Ô này chứa công thức") in messages
    assert any(cell == "F4" for cell, _m in messages)
    assert Cooperative.objects.count() == 0

    outcome = run_import(data, officer, commit=True, only_good_rows=True)
    assert outcome.saved
    imported = Cooperative.objects.get()
    assert imported.name == "HTX Dệt Tả Van"
    assert unicodedata.is_normalized("NFC", imported.name)
    assert imported.founded_on.isoformat() == "2023-07-06"


def test_a_row_for_another_unit_is_a_bad_row_for_a_unit_officer(officer, bat_xat):
    from imports.runner import run_import

    CooperativeFactory(unit=bat_xat, registration_code="5300999999", name="HTX Bát Xát")
    data = xlsx(
        {
            "HTX và THT": [
                COOPERATIVE_HEADERS,
                coop_row("HTX Mới Bát Xát", unit="Xã Bát Xát"),
                ["HTX", "Đổi tên HTX Bát Xát", "5300999999", "Xã Tả Van", ""],
            ]
        }
    )
    outcome = run_import(data, officer, commit=True, only_good_rows=True)
    assert outcome.bad_rows == 2 and not outcome.saved
    assert [p.cell for p in outcome.problems] == ["D2", "C3"]
    assert Cooperative.objects.get().name == "HTX Bát Xát"
