"""Days as a Vietnamese officer writes them, in a browser set to English: dd/mm/yyyy shown and
read, a calendar beside the field, an impossible day said beside it with nothing saved."""

from playwright.sync_api import expect

from cooperatives.models import Cooperative
from org.models import User
from tests.browser.conftest import BROWSER_TEST, log_in_on
from tests.factories import UserFactory, unit

pytestmark = BROWSER_TEST


def test_a_day_is_typed_and_shown_as_dd_mm_yyyy_in_an_english_browser(browser, live_server):
    UserFactory(username="canbo", role=User.Role.UNIT_OFFICER, unit=unit("03037"))
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    log_in_on(page, live_server.url, "canbo")
    page.goto(f"{live_server.url}/registry/new/")

    founded = page.get_by_label("Ngày thành lập")
    expect(founded).to_have_attribute("placeholder", "dd/mm/yyyy")
    expect(page.get_by_role("button", name="Chọn trên lịch").first).to_be_visible()
    # A day chosen on the browser's calendar is written back as dd/mm/yyyy.
    page.locator(".calendar-native").first.evaluate(
        "calendar => { calendar.value = '2024-03-08';"
        " calendar.dispatchEvent(new Event('change')); }"
    )
    expect(founded).to_have_value("08/03/2024")

    page.get_by_label("Tên").fill("Hợp tác xã Ngày Tháng")
    founded.fill("31/02/2025")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đây không phải là ngày hợp lệ (dd/mm/yyyy).")).to_be_visible()
    assert not Cooperative.objects.exists()

    page.get_by_label("Ngày thành lập").fill("08/03/2024")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("heading", name="Hợp tác xã Ngày Tháng")).to_be_visible()
    cooperative = Cooperative.objects.get()
    page.goto(f"{live_server.url}/registry/{cooperative.pk}/edit/")
    expect(page.get_by_label("Ngày thành lập")).to_have_value("08/03/2024")
    context.close()
