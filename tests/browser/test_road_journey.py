"""A leader asks "are we on track?": the dashboard draws each indicator's road to 2030 with
its numbers beside it; province staff find the units at risk and open one unit's road."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from org.models import User
from tests.browser.conftest import BROWSER_TEST, log_in_on
from tests.factories import PASSWORD, UserFactory, figures, supported, unit

pytestmark = BROWSER_TEST

# How far the page is wider than the screen (0 when nothing sticks out).
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_a_leader_reads_each_indicators_road_and_its_numbers(page, live_server, log_in):
    UserFactory(username="lanhdao", role=User.Role.LEADER)
    cooperative = supported(founded_on=datetime.date(2020, 1, 1))
    figures(cooperative, 2024, female_stable_jobs=7)
    log_in("lanhdao", PASSWORD)

    expect(page.get_by_role("heading", name="Lộ trình đến năm 2030")).to_be_visible()
    charts = page.locator("svg.road-chart[role=img]")
    expect(charts).to_have_count(12)
    jobs = page.locator("figure.road").filter(
        has_text="Lao động nữ có việc làm ổn định trong hợp tác xã"
    )
    expect(jobs.get_by_role("img")).to_be_visible()
    # One HTX with 7 women in stable jobs against 400 by 2030: at risk, and it says why.
    expect(jobs.locator(".road-state")).to_have_text("Có nguy cơ không đạt")
    expect(jobs.locator(".road-words")).to_contain_text("Cần thêm 393")
    jobs.get_by_text("Số liệu").click()
    today = timezone.localdate().strftime("%d/%m/%Y")
    expect(jobs.get_by_role("row", name="31/12/2024 7")).to_be_visible()
    expect(jobs.get_by_role("row", name=f"{today} 7")).to_be_visible()
    box = charts.first.bounding_box()
    assert box["width"] > 200 and box["height"] > 80  # drawn, not collapsed


def test_province_staff_open_a_unit_at_risk_on_a_phone(browser, live_server):
    UserFactory(username="tinh", role=User.Role.PROVINCE_STAFF)
    supported(unit_=unit("03037"))  # a woman director never trained: 0% against 100%
    context = browser.new_context(viewport={"width": 360, "height": 780})
    phone = context.new_page()
    log_in_on(phone, live_server.url, "tinh")

    title = "Các đơn vị trên lộ trình đến năm 2030"
    phone.get_by_role("link", name=title).click()
    expect(phone.get_by_role("heading", name=title)).to_be_visible()
    assert phone.evaluate(OVERFLOW) <= 0  # the table scrolls in its own box
    phone.goto(phone.url + "?per_page=100")  # Tả Van is on a later page of 25
    ta_van = phone.get_by_role("row").filter(has_text="Xã Tả Van")
    expect(ta_van.locator(".road-at_risk").first).to_have_text("Có nguy cơ không đạt")
    ta_van.get_by_role("link", name="Xã Tả Van").click()
    heading = phone.get_by_role("heading", name="Tiến độ thực hiện Kế hoạch: Xã Tả Van")
    expect(heading).to_be_visible()
    expect(phone.locator("svg.road-chart")).to_have_count(12)
    assert phone.evaluate(OVERFLOW) <= 0
    context.close()
