"""Province staff walk the main pages and the admin: the strict Content-Security-Policy
blocks nothing the portal itself needs (no inline script or style anywhere)."""

from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import BROWSER_TEST
from tests.factories import PASSWORD, UserFactory, unit
from tests.records import records

pytestmark = BROWSER_TEST

# Records every policy violation, whatever the console says about it.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def test_main_pages_and_admin_break_no_rule_of_the_policy(page, live_server, log_in):
    recs = records(unit("03037"))
    UserFactory(username="tinh", is_staff=True, is_superuser=True)
    errors = []
    page.on(
        "console",
        lambda m: errors.append(f"{m.text} {m.location}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.add_init_script(RECORD_VIOLATIONS)

    log_in("tinh", PASSWORD)
    expect(
        page.get_by_role("heading", name="Tiến độ thực hiện Kế hoạch: toàn tỉnh")
    ).to_be_visible()
    pages = {
        reverse("targets:dashboard"): "Tiến độ thực hiện Kế hoạch",
        reverse("cooperatives:list"): "Hợp tác xã và tổ hợp tác",
        reverse("cooperatives:detail", args=[recs["coop"].pk]): recs["coop"].name,
        reverse("training:event_list"): "Tập huấn",
        reverse("training:event_detail", args=[recs["event"].pk]): recs["event"].title,
        reverse("reporting:round_list"): "Báo cáo",
        reverse("reporting:round_board", args=[recs["submission"].round_id]): "2026",
        reverse("imports:start"): "Nhập từ Excel",
        reverse("imports:batch", args=[recs["batch"].pk]): recs["batch"].name,
        reverse("restore:deleted"): "Bản ghi đã xóa",
        reverse("admin:index"): "Quản trị",
        reverse("admin:cooperatives_cooperative_changelist"): "Hợp tác xã",
        reverse("admin:cooperatives_cooperative_change", args=[recs["coop"].pk]): "Hợp tác xã",
    }
    for path, heading in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        expect(page.get_by_role("heading", name=heading).first).to_be_visible()
        # The site's stylesheet applied (a blocked one would leave this label on show).
        language_label = "getComputedStyle(document.querySelector('label[for=language]'))"
        if not path.startswith("/admin/"):
            assert page.evaluate(f"{language_label}.position") == "absolute", path
        assert page.evaluate("window.cspViolations") == [], path
    # Django's admin pages name no icon, so Chromium asks for /favicon.ico: not our concern.
    assert [error for error in errors if "/favicon.ico" not in error] == []
