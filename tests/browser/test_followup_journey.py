"""The follow-up of cooperatives, whole journeys on a desktop: a commune's officer records a
difficulty a cooperative raised at a dialogue and assigns it to the provincial department of
industry and trade, whose officer finds it among those assigned to the department and answers
it (an answer dated before the difficulty is refused), and the answer shows on the
cooperative's timeline; one trade fair for three cooperatives is entered once, counts once in
the yearly report and its money three times, each counted figure links to the records it
counts, and changing one needs a reason. The follow-up page and the bulk form fit a phone."""

import datetime

import pytest
from playwright.sync_api import expect

from followup.models import Difficulty, Funding, Support
from org.models import User
from reporting.models import Submission
from tests.browser.conftest import BROWSER_TEST, DESKTOP, FITS, PHONE, log_in_on
from tests.factories import (
    CooperativeFactory,
    DifficultyFactory,
    ReportingRoundFactory,
    SupportFactory,
    UserFactory,
    support_kind,
    unit,
)

pytestmark = BROWSER_TEST

TRADE_FAIR = "Hội chợ, triển lãm, kết nối cung cầu"
FAIR = "Hội chợ nông sản Sa Pa 2026"
ANSWER = "Đã giới thiệu hợp tác xã tham gia Hội chợ hàng Việt tại Hà Nội tháng 11/2026"
REASON = "Thêm một phiên chợ phiên tổ chức cùng xã, chưa nhập vào hồ sơ"


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": DESKTOP}


@pytest.fixture(autouse=True)
def quick_failure(page):
    """Fail a step within 10 s, not Playwright's 30: each journey stays under a minute."""
    page.set_default_timeout(10_000)


@pytest.fixture
def department():
    """Sở Công Thương, the provincial body that answers difficulties of markets and sales."""
    return unit("SCT", "agency")


def switch_to(page, live_server, username):
    """Log out through the header's button, and log `username` in."""
    page.get_by_role("button", name="Đăng xuất").click()
    log_in_on(page, live_server.url, username)


def fits_on_a_phone(page) -> bool:
    """Whether the page, shown again on a 360 px wide screen, has no sideways scroll."""
    page.set_viewport_size(PHONE)
    page.reload()
    fits = page.evaluate(FITS)
    page.set_viewport_size(DESKTOP)
    return fits


def save(page):
    page.get_by_role("button", name="Lưu", exact=True).click()


def test_a_difficulty_raised_in_a_commune_is_answered_by_the_provincial_department(
    page, live_server, ta_van, bat_xat, officer, department
):
    UserFactory(role=User.Role.UNIT_OFFICER, unit=department, username="canbo_sct")
    weavers = CooperativeFactory(name="Hợp tác xã Dệt thổ cẩm Tả Van", unit=ta_van)
    # Another commune's difficulty for the department, and one of Tả Van's for its own
    # commune: the department's officer sees the first, not the second.
    DifficultyFactory(
        cooperative=CooperativeFactory(name="Hợp tác xã Chè Bát Xát", unit=bat_xat),
        body=department,
        category=Difficulty.Category.CAPITAL,
        raised_on=datetime.date(2026, 3, 2),  # waiting for more than 90 days
    )
    DifficultyFactory(
        cooperative=weavers,
        description="Thiếu mặt bằng làm xưởng dệt",
        category=Difficulty.Category.LAND,
        raised_on=datetime.date(2026, 6, 1),
    )

    log_in_on(page, live_server.url, "canbo_tavan")
    page.get_by_role("navigation").get_by_role("link", name="Hợp tác xã").click()
    page.get_by_role("link", name=weavers.name).click()
    page.get_by_role("link", name="Hỗ trợ và khó khăn").click()
    expect(
        page.get_by_role("heading", name="Theo dõi: hỗ trợ và khó khăn, vướng mắc")
    ).to_be_visible()
    page.get_by_role("link", name="Ghi nhận khó khăn, vướng mắc").click()
    page.get_by_label("Nội dung:", exact=True).select_option(label="Thị trường, tiêu thụ")
    page.get_by_label("Nội dung khó khăn, vướng mắc").fill(
        "Không tìm được đầu ra ổn định cho khăn thổ cẩm ở Hà Nội"
    )
    page.get_by_label("Ngày nêu").fill("15/10/2026")
    page.get_by_label("Hình thức nêu").select_option(label="Hội nghị, đối thoại")
    page.get_by_label("Cơ quan chịu trách nhiệm trả lời").select_option(label="Sở Công Thương")
    save(page)
    expect(page.get_by_role("status")).to_contain_text("Đã lưu: Thị trường, tiêu thụ")
    raised = Difficulty.objects.get(category=Difficulty.Category.MARKET)
    assert (raised.cooperative, raised.channel, raised.body, raised.state) == (
        weavers,
        Difficulty.Channel.DIALOGUE,
        department,
        Difficulty.State.OPEN,
    )

    # The department's officer finds it among the difficulties assigned to the department.
    switch_to(page, live_server, "canbo_sct")
    page.get_by_role("navigation").get_by_role("link", name="Khó khăn, vướng mắc").click()
    waiting = page.locator(
        "section", has=page.get_by_role("heading", name="Chưa trả lời, theo cơ quan trả lời")
    )
    expect(waiting.get_by_role("row", name="Sở Công Thương 2 1")).to_be_visible()
    listed = page.locator("table", has=page.get_by_role("columnheader", name="Ngày nêu"))
    expect(listed.locator("tbody tr")).to_have_count(2)
    expect(listed).not_to_contain_text("Thiếu mặt bằng làm xưởng dệt")
    row = listed.get_by_role("row").filter(has_text=weavers.name)
    expect(row).to_contain_text("Thị trường, tiêu thụ")
    expect(row).to_contain_text("Mới nêu")
    row.get_by_role("link", name="15/10/2026").click()
    expect(
        page.get_by_role("heading", name="Khó khăn, vướng mắc: Thị trường, tiêu thụ")
    ).to_be_visible()
    page.get_by_role("link", name="Trả lời", exact=True).click()
    expect(page.get_by_role("heading", name="Trả lời khó khăn, vướng mắc")).to_be_visible()
    page.get_by_label("Trạng thái").select_option(label="Đã giải quyết")
    page.get_by_label("Nội dung trả lời").fill(ANSWER)
    # First an answer dated before the difficulty was raised: refused, said beside the date.
    page.get_by_label("Ngày trả lời").fill("10/10/2026")
    save(page)
    answered_on = page.locator(".field", has=page.get_by_label("Ngày trả lời"))
    expect(answered_on).to_have_class("field has-error")
    expect(answered_on).to_contain_text("Ngày trả lời không thể trước ngày nêu khó khăn.")
    raised.refresh_from_db()
    assert raised.state == Difficulty.State.OPEN
    # What was typed is kept; only the date is fixed.
    expect(page.get_by_label("Nội dung trả lời")).to_have_value(ANSWER)
    page.get_by_label("Ngày trả lời").fill("20/11/2026")
    save(page)
    expect(page.get_by_role("status")).to_contain_text("Đã lưu:")
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("Đã giải quyết")
    expect(facts).to_contain_text("20/11/2026")
    raised.refresh_from_db()
    assert (raised.state, raised.answer, raised.answered_on) == (
        Difficulty.State.RESOLVED,
        ANSWER,
        datetime.date(2026, 11, 20),
    )
    # The department changed the answer only, not what the commune recorded.
    assert raised.category == Difficulty.Category.MARKET
    assert raised.raised_on == datetime.date(2026, 10, 15)

    # Back in the commune, the cooperative's timeline shows the answer first.
    switch_to(page, live_server, "canbo_tavan")
    page.get_by_role("navigation").get_by_role("link", name="Hợp tác xã").click()
    page.get_by_role("link", name=weavers.name).click()
    page.get_by_role("link", name="Hỗ trợ và khó khăn").click()
    entries = page.locator("ol.timeline > li")
    expect(entries.nth(0)).to_contain_text("20/11/2026")
    expect(entries.nth(0)).to_contain_text("Sở Công Thương trả lời")
    expect(entries.nth(0)).to_contain_text(ANSWER)
    expect(entries.nth(1)).to_contain_text("15/10/2026")
    expect(entries.nth(1)).to_contain_text("Nêu khó khăn: Thị trường, tiêu thụ")
    expect(entries.nth(1)).to_contain_text("Sở Công Thương (Đã giải quyết)")
    assert fits_on_a_phone(page)


def test_a_trade_fair_for_three_cooperatives_counts_once_in_the_yearly_report(
    page, live_server, ta_van, bat_xat, officer
):
    round_ = ReportingRoundFactory(year=2026)
    assert (round_.period_start, round_.period_end) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 11, 14),
    )
    teas = [
        CooperativeFactory(name="Hợp tác xã Chè Shan tuyết Tả Van", unit=ta_van),
        CooperativeFactory(name="Hợp tác xã Chè cổ thụ Séo Mý Tỷ", unit=ta_van),
        CooperativeFactory(name="Tổ hợp tác Chè xanh Lao Chải", unit=ta_van, kind="tht"),
    ]
    CooperativeFactory(name="Hợp tác xã Dệt thổ cẩm Tả Van", unit=ta_van)
    CooperativeFactory(name="Hợp tác xã Chè Bát Xát", unit=bat_xat)
    # A fair after the round's period (it ends on 14/11): not counted in its report.
    SupportFactory(
        cooperative=teas[0],
        kind=support_kind("trade_promotion"),
        given_on=datetime.date(2026, 11, 20),
        occasion="Hội chợ OCOP mùa đông",
        funding_source=Funding.STATE_BUDGET,
        amount=2_000_000,
    )

    log_in_on(page, live_server.url, "canbo_tavan")
    page.get_by_role("navigation").get_by_role("link", name="Hỗ trợ").click()
    page.get_by_role("link", name="Ghi một sự kiện cho nhiều HTX/THT").click()
    # Only the officer's own cooperatives are offered; narrowed to the tea ones by name,
    # typed without accents.
    page.get_by_label("Đơn vị", exact=True).select_option(label="Xã Tả Van")
    page.get_by_label("Tên HTX/THT").fill("che")
    page.get_by_role("button", name="Tìm", exact=True).click()
    served = page.get_by_role("group", name="HTX/THT được hỗ trợ")
    expect(served.get_by_role("checkbox")).to_have_count(3)
    assert fits_on_a_phone(page)
    for tea in teas:
        served.get_by_label(f"{tea.name} – Xã Tả Van").check()
    page.get_by_label("Loại hỗ trợ").select_option(label=TRADE_FAIR)
    page.get_by_label("Ngày:", exact=True).fill("20/09/2026")
    page.get_by_label("Đơn vị hỗ trợ").select_option(label="Hội Liên hiệp Phụ nữ tỉnh")
    page.get_by_label("Sự kiện, chương trình").fill(FAIR)
    page.get_by_label("Nguồn kinh phí").select_option(label="Ngân sách Nhà nước")
    page.get_by_label("Kinh phí (đồng)").fill("5000000")
    save(page)
    expect(page.get_by_role("status")).to_have_text(f"Đã lưu: {TRADE_FAIR} cho 3 HTX/THT.")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(3)
    for tea in teas:
        expect(rows.filter(has_text=tea.name)).to_contain_text(FAIR)
    saved = Support.objects.filter(occasion=FAIR)
    assert sorted(saved.values_list("cooperative__name", flat=True)) == sorted(
        tea.name for tea in teas
    )
    assert len(set(saved.values_list("batch", flat=True))) == 1

    # The yearly report counts the fair once, and its money for each cooperative.
    page.get_by_role("navigation").get_by_role("link", name="Báo cáo").click()
    page.get_by_role("link", name=round_.title).click()
    page.get_by_role("link", name="Xã Tả Van").click()
    trade = page.get_by_label("Hoạt động xúc tiến thương mại:", exact=True)
    budget = page.get_by_label("Ngân sách Nhà nước (đồng):", exact=True)
    expect(trade).to_have_value("1")
    expect(budget).to_have_value("15000000")
    trade_field = page.locator(".field.counted", has=trade)
    budget_field = page.locator(".field.counted", has=budget)
    expect(trade_field).to_contain_text("Tính từ hồ sơ: 1 · xem hồ sơ")
    expect(budget_field).to_contain_text("Tính từ hồ sơ: 15.000.000 · xem hồ sơ")
    # The records of the unit's cooperatives given in the round's period, from its budget.
    period = "given_from=01%2F01%2F2026&given_to=14%2F11%2F2026"
    expect(budget_field.get_by_role("link", name="xem hồ sơ")).to_have_attribute(
        "href", f"/follow-up/support/?unit={ta_van.pk}&{period}&funding_source=state_budget"
    )
    trade_field.get_by_role("link", name="xem hồ sơ").click()
    expect(page.get_by_role("heading", name="Hỗ trợ đã thực hiện")).to_be_visible()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(3)
    for tea in teas:
        expect(rows.filter(has_text=tea.name)).to_contain_text(FAIR)
    expect(page.locator("table")).not_to_contain_text("Hội chợ OCOP mùa đông")
    page.go_back()

    # A changed counted figure needs a reason, asked for beside it.
    trade.fill("2")
    page.get_by_role("button", name="Lưu bản nháp").click()
    reason = trade_field.get_by_label("Lý do sửa số liệu tính từ hồ sơ")
    expect(trade_field).to_contain_text("Số tính từ hồ sơ là 1: hãy ghi lý do báo cáo số khác.")
    assert not Submission.objects.exists()
    expect(trade).to_have_value("2")
    reason.fill(REASON)
    page.get_by_role("button", name="Lưu bản nháp").click()
    expect(page.get_by_text("Đã lưu bản nháp.")).to_be_visible()
    expect(trade).to_have_value("2")
    expect(trade_field).to_contain_text("đơn vị đã sửa")
    expect(reason).to_have_value(REASON)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Lưu và gửi báo cáo lên tỉnh").click()
    expect(page.get_by_text("Đã gửi báo cáo lên tỉnh.")).to_be_visible()
    changed = page.locator("section.locked")
    expect(changed).to_contain_text("Số liệu đơn vị sửa so với số tính từ hồ sơ:")
    expect(changed).to_contain_text(REASON)

    submission = Submission.objects.get(round=round_, unit=ta_van)
    assert submission.state == Submission.State.SUBMITTED
    assert submission.trade_promotion_events == 2
    assert submission.funding_state_budget == 15_000_000
    assert submission.corrections == {"trade_promotion_events": REASON}
    assert submission.from_records["trade_promotion_events"] == 1
    assert submission.from_records["funding_state_budget"] == 15_000_000
