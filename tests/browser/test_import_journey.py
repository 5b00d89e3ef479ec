"""A unit officer imports a file with a bad row: she sees the check, downloads her file with
the bad cell explained, imports only the good rows, and finds the new cooperative."""

import io

from openpyxl import load_workbook
from playwright.sync_api import expect

from cooperatives.models import Cooperative
from org.models import User
from tests.browser.conftest import BROWSER_TEST
from tests.factories import PASSWORD, UserFactory, unit
from tests.spreadsheets import COOPERATIVE_HEADERS, xlsx

pytestmark = BROWSER_TEST


def test_check_mark_and_import_only_the_good_rows(page, live_server, log_in, tmp_path):
    UserFactory(username="tavan", role=User.Role.UNIT_OFFICER, unit=unit("03037"))
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes(
        xlsx(
            {
                "HTX và THT": [
                    COOPERATIVE_HEADERS,
                    ["HTX", "HTX Dệt Tả Van", "5300123456", "Xã Tả Van", "Dệt thổ cẩm"],
                    ["HTX", "HTX Bát Xát", "5300654321", "Xã Bát Xát", ""],
                ]
            }
        )
    )
    log_in("tavan", PASSWORD)
    page.get_by_role("link", name="Nhập dữ liệu").click()
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(path)
    page.get_by_role("button", name="Kiểm tra tệp").click()

    expect(page.get_by_role("heading", name="1 dòng lỗi")).to_be_visible()
    expect(page.get_by_role("cell", name="Đơn vị hành chính*")).to_be_visible()
    assert Cooperative.objects.count() == 0

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp của tôi có đánh dấu các ô lỗi").click()
    marked = load_workbook(io.BytesIO(download.value.path().read_bytes()))["HTX và THT"]
    assert "Xã Bát Xát" in marked["D3"].comment.text

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Chỉ nhập 1 dòng hợp lệ").click()
    expect(page.get_by_text("Đã nhập 1 dòng.")).to_be_visible()
    assert list(Cooperative.objects.values_list("name", flat=True)) == ["HTX Dệt Tả Van"]

    page.get_by_role("link", name="Hợp tác xã", exact=True).first.click()
    expect(page.get_by_role("link", name="HTX Dệt Tả Van")).to_be_visible()
