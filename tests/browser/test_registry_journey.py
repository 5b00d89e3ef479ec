"""A unit officer records a cooperative with a woman director and yearly figures."""

from playwright.sync_api import expect

from cooperatives.models import Cooperative
from org.models import User
from tests.browser.conftest import BROWSER_TEST
from tests.factories import PASSWORD, UserFactory, unit

pytestmark = BROWSER_TEST


def test_officer_creates_a_women_managed_cooperative_and_finds_it(page, live_server, log_in):
    ta_van = unit("03037")
    UserFactory(username="canbo", role=User.Role.UNIT_OFFICER, unit=ta_van)
    log_in("canbo", PASSWORD)
    expect(
        page.get_by_role("heading", name="Tiến độ thực hiện Kế hoạch: Xã Tả Van")
    ).to_be_visible()
    page.get_by_role("navigation").get_by_role("link", name="Hợp tác xã", exact=True).click()
    expect(page.get_by_role("heading", name="Hợp tác xã và tổ hợp tác")).to_be_visible()

    page.get_by_role("link", name="Thêm hợp tác xã").click()
    page.get_by_label("Loại hình").select_option(label="Hợp tác xã (HTX)")
    page.get_by_label("Tên").fill("Hợp tác xã Thổ cẩm Hầu Thào")
    page.get_by_label("Mã số đăng ký").fill("5301004242")
    page.get_by_label("Đơn vị hành chính").select_option(label="Xã Tả Van")
    page.get_by_label("Dệt thổ cẩm").check()
    page.get_by_label("Ngày thành lập").fill("08/03/2024")
    page.get_by_label("Do các cấp Hội Phụ nữ hỗ trợ thành lập, củng cố").check()
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", name="Hợp tác xã Thổ cẩm Hầu Thào")).to_be_visible()
    expect(page.get_by_text("Hiện không có nữ quản lý")).to_be_visible()

    page.get_by_role("link", name="Thêm chức danh").click()
    page.get_by_label("Chức danh").select_option(label="Giám đốc")
    page.get_by_label("Ngày bắt đầu").fill("08/03/2024")
    page.get_by_label("Họ và tên người mới").fill("Giàng Thị Dở")
    page.get_by_label("Giới tính").select_option(label="Nữ")
    page.get_by_label("Dân tộc").select_option(label="HMông")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("link", name="Giàng Thị Dở")).to_be_visible()
    expect(page.get_by_text("Có nữ quản lý (hiện nay)")).to_be_visible()

    page.get_by_role("link", name="Thêm số liệu năm").click()
    page.get_by_label("Năm:", exact=True).fill("2025")
    page.get_by_label("Tổng số lao động").fill("20")
    page.get_by_label("Lao động nữ:", exact=True).fill("25")
    page.get_by_label("Tổng số thành viên").fill("18")
    page.get_by_role("button", name="Lưu").click()
    # Bad input: the message stands beside the field and nothing is saved.
    expect(
        page.get_by_text("“lao động nữ” (25) không được lớn hơn “tổng số lao động” (20).")
    ).to_be_visible()
    page.get_by_label("Lao động nữ:", exact=True).fill("17")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("cell", name="85,0%")).to_be_visible()

    page.get_by_role("link", name="Hợp tác xã", exact=True).first.click()
    page.get_by_label("Tìm kiếm").fill("tho cam hau thao")
    page.get_by_role("button", name="Lọc").click()
    row = page.get_by_role("row").filter(has_text="Hợp tác xã Thổ cẩm Hầu Thào")
    expect(row).to_contain_text("Có")
    expect(row).to_contain_text("Đang hoạt động")
    assert Cooperative.objects.get().is_women_managed_on(Cooperative.objects.get().founded_on)
