"""A unit officer submits; province staff return it; it is fixed, resubmitted and accepted;
a leader downloads the official PDF."""

from playwright.sync_api import expect

from org.models import User
from reporting.models import Submission
from tests.browser.conftest import BROWSER_TEST
from tests.factories import PASSWORD, ReportingRoundFactory, UserFactory, unit

pytestmark = BROWSER_TEST


def switch_user(page, log_in, username):
    page.context.clear_cookies()
    log_in(username, PASSWORD)


def test_a_report_goes_from_draft_to_the_provincial_pdf(
    page, live_server, log_in, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    round_ = ReportingRoundFactory()
    UserFactory(username="canbo", role=User.Role.UNIT_OFFICER, unit=unit("03037"))
    UserFactory(username="tinh", role=User.Role.PROVINCE_STAFF)
    UserFactory(username="lanhdao", role=User.Role.LEADER)
    submission_url = f"{live_server.url}/reports/{round_.pk}/units/{unit('03037').pk}/"

    log_in("canbo", PASSWORD)
    page.get_by_role("navigation").get_by_role("link", name="Báo cáo").click()
    page.get_by_role("link", name=round_.title).click()
    page.get_by_role("link", name="Xã Tả Van").click()
    page.get_by_label("Tin, bài truyền thông").fill("3")
    page.get_by_role("button", name="Lưu bản nháp").click()
    expect(page.get_by_text("Đã lưu bản nháp.")).to_be_visible()
    # Submitting asks first; the officer confirms.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Lưu và gửi báo cáo lên tỉnh").click()
    expect(page.get_by_text("Đã gửi báo cáo lên tỉnh.")).to_be_visible()
    expect(page.get_by_text("Đã gửi, đang chờ tỉnh xem xét.")).to_be_visible()

    switch_user(page, log_in, "tinh")
    page.goto(submission_url)
    page.get_by_label("Lý do").fill("Thiếu số liệu tập huấn thương mại điện tử")
    page.get_by_role("button", name="Trả lại để chỉnh sửa").click()
    expect(page.get_by_text("Đã trả lại báo cáo cho đơn vị.")).to_be_visible()

    switch_user(page, log_in, "canbo")
    page.goto(submission_url)
    expect(page.get_by_role("alert")).to_contain_text("Thiếu số liệu tập huấn thương mại điện tử")
    page.get_by_label("Thương mại điện tử: lớp tập huấn").fill("1")
    page.get_by_label("Thương mại điện tử: người tham gia").fill("25")
    page.get_by_label("Thương mại điện tử: trong đó nữ").fill("22")
    # Saving and submitting in one click keeps what was just typed.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Lưu và gửi báo cáo lên tỉnh").click()
    expect(page.get_by_text("Đã gửi báo cáo lên tỉnh.")).to_be_visible()

    switch_user(page, log_in, "tinh")
    page.goto(submission_url)
    page.get_by_role("button", name="Tiếp nhận").click()
    expect(page.get_by_text("Đã tiếp nhận báo cáo.")).to_be_visible()
    assert Submission.objects.get().courses["ecommerce"] == {
        "courses": 1,
        "participants": 25,
        "female": 22,
    }

    switch_user(page, log_in, "lanhdao")
    page.goto(f"{live_server.url}/reports/{round_.pk}/report/")
    expect(page.get_by_text("1/109 đơn vị")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải văn bản PDF").click()
    path = download.value.path()
    assert open(path, "rb").read(5) == b"%PDF-"
    assert download.value.suggested_filename == "bao-cao-ke-hoach-294-2026.pdf"
