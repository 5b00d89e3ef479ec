"""A leader opens the dashboard, clicks a figure and lands on the records behind it."""

import datetime

from playwright.sync_api import expect

from org.models import User
from tests.browser.conftest import BROWSER_TEST
from tests.factories import PASSWORD, CooperativeFactory, PersonFactory, RoleFactory, UserFactory

pytestmark = BROWSER_TEST


def test_leader_follows_a_figure_to_its_cooperatives(page, live_server, log_in):
    UserFactory(username="lanhdao", role=User.Role.LEADER)
    for name in ["Hợp tác xã Dệt thổ cẩm Tả Van", "Hợp tác xã Mận Bắc Hà"]:
        cooperative = CooperativeFactory(name=name, union_supported=True)
        RoleFactory(
            cooperative=cooperative, person=PersonFactory(), start_date=datetime.date(2021, 1, 1)
        )
    CooperativeFactory(name="Hợp tác xã không được hỗ trợ")
    log_in("lanhdao", PASSWORD)

    expect(
        page.get_by_role("heading", name="Tiến độ thực hiện Kế hoạch: toàn tỉnh")
    ).to_be_visible()
    supported = page.get_by_role("row").filter(
        has_text="Hợp tác xã do phụ nữ tham gia quản lý được Hội hỗ trợ"
    )
    expect(supported).to_contain_text("≥ 13")
    supported.get_by_role("link", name="2", exact=True).click()

    expect(
        page.get_by_role("heading", name="Hợp tác xã do phụ nữ tham gia quản lý được Hội hỗ trợ: 2")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Hợp tác xã Dệt thổ cẩm Tả Van")).to_be_visible()
    expect(page.get_by_role("link", name="Hợp tác xã Mận Bắc Hà")).to_be_visible()
    expect(page.get_by_text("Hợp tác xã không được hỗ trợ")).to_have_count(0)
    page.get_by_role("link", name="Hợp tác xã Mận Bắc Hà").click()
    expect(page.get_by_role("heading", name="Hợp tác xã Mận Bắc Hà")).to_be_visible()
