"""A unit officer records a training event with two women managers and a head-count."""

from playwright.sync_api import expect

from org.models import User
from tests.browser.conftest import BROWSER_TEST
from tests.factories import (
    PASSWORD,
    CooperativeFactory,
    PersonFactory,
    RoleFactory,
    UserFactory,
    unit,
)

pytestmark = BROWSER_TEST


def test_officer_records_a_training_and_finds_it_on_a_managers_page(page, live_server, log_in):
    ta_van = unit("03037")
    UserFactory(username="canbo", role=User.Role.UNIT_OFFICER, unit=ta_van)
    cooperative = CooperativeFactory(name="Hợp tác xã Dệt thổ cẩm Tả Van", unit=ta_van)
    for name, role in [("Giàng Thị Sểnh", "director"), ("Lý Thị Mây", "chair")]:
        RoleFactory(cooperative=cooperative, role=role, person=PersonFactory(full_name=name))
    log_in("canbo", PASSWORD)

    page.get_by_role("link", name="Tập huấn", exact=True).click()
    page.get_by_role("link", name="Ghi nhận lớp tập huấn").click()
    page.get_by_label("Tên lớp").fill("Bồi dưỡng kỹ năng quản trị HTX năm 2025")
    page.get_by_label("Nội dung").select_option(label="Quản trị, điều hành")
    page.get_by_label("Ngày bắt đầu").fill("15/09/2025")
    page.get_by_label("Ngày kết thúc").fill("16/09/2025")
    page.get_by_label("Địa điểm").fill("Nhà văn hóa xã Tả Van")
    page.get_by_label("Nguồn kinh phí").select_option(label="Ngân sách Nhà nước")
    page.get_by_label("Kinh phí (đồng)").fill("12000000")
    page.get_by_role("button", name="Lưu").click()
    expect(
        page.get_by_role("heading", name="Bồi dưỡng kỹ năng quản trị HTX năm 2025")
    ).to_be_visible()

    page.get_by_role("link", name="Thêm học viên").click()
    page.get_by_label("Tìm người trong sổ và cán bộ Hội").fill("thi")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.get_by_label("Giàng Thị Sểnh — Xã Tả Van").check()
    page.get_by_label("Lý Thị Mây — Xã Tả Van").check()
    page.get_by_label("Đã cấp chứng nhận").check()
    page.get_by_role("button", name="Thêm những người đã đánh dấu").click()
    expect(page.get_by_text("Đã thêm vào danh sách: Giàng Thị Sểnh, Lý Thị Mây.")).to_be_visible()

    page.get_by_role("link", name="Cập nhật số lượng").click()
    page.get_by_label("Đối tượng (dòng 1)").fill("Thành viên hợp tác xã")
    page.get_by_label("Người tham gia (dòng 1)").fill("25")
    page.get_by_label("Phụ nữ (dòng 1)").fill("20")
    page.get_by_label("Dân tộc thiểu số (dòng 1)").fill("18")
    page.get_by_role("button", name="Lưu").click()
    expect(
        page.get_by_text("2 người có tên; 25 người theo số lượng, trong đó 20 nữ")
    ).to_be_visible()

    page.get_by_role("link", name="Lý Thị Mây").click()
    history = page.get_by_role("row").filter(has_text="Bồi dưỡng kỹ năng quản trị HTX năm 2025")
    expect(history).to_contain_text("Quản trị, điều hành")
    expect(history).to_contain_text("Có")
