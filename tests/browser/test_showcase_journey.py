"""The public showcase, whole journeys: a visitor on a phone or a desktop, without logging in,
finds a women-led cooperative by a product's name typed without accents, reads who leads it,
sees its product's photo and OCOP certificate and where to buy it, in Vietnamese or English;
and a cooperative's page goes public only once its unit officer proposes it and province
staff approve it, and leaves the public site the moment she takes it down."""

import datetime
import re

import pytest
from django.core.cache import caches
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from showcase.models import slug_of
from tests.browser.conftest import BROWSER_TEST, DESKTOP, FITS, PHONE, log_in_on
from tests.factories import (
    ConsentFactory,
    CooperativeFactory,
    PersonFactory,
    ProductFactory,
    PublicationFactory,
    RoleFactory,
    SalesPointFactory,
    figures,
    photo_of,
)

pytestmark = BROWSER_TEST

# Whether the first picture in the page's main part has been loaded and decoded.
FIRST_PICTURE_LOADED = "() => { const img = document.querySelector('main img');"
FIRST_PICTURE_LOADED += " return !!img && img.complete && img.naturalWidth > 0; }"
PREVIEW_BANNER = "Xem trước: trang sẽ hiển thị như thế này sau khi được công khai."


@pytest.fixture(autouse=True)
def fresh_throttle():
    """Start with no public page counted against the address (the throttle is per minute)."""
    caches["throttle"].clear()


def published_tea_cooperative(ta_van):
    """A published, featured cooperative led by a woman who agreed to be named, with a tea of
    valid OCOP certificate (a photo, an online shop) and a honey whose certificate expired."""
    today = timezone.localdate()
    coop = CooperativeFactory(name="Hợp tác xã Nông sản Hoa Ban", unit=ta_van)
    PublicationFactory(cooperative=coop, featured=True)
    figures(coop, today.year, workers_female=9)
    mai = PersonFactory(full_name="Giàng Thị Mai", unit=ta_van)
    RoleFactory(cooperative=coop, person=mai)
    ConsentFactory(person=mai)
    tea = ProductFactory(
        cooperative=coop,
        name="Chè Shan tuyết",
        stars=4,
        certified_on=today - datetime.timedelta(days=365),
        expires_on=today + datetime.timedelta(days=700),
        shown_publicly=True,
    )
    photo_of(tea, size=(1600, 1200), caption="Đồi chè Shan tuyết cổ thụ")
    SalesPointFactory(cooperative=coop, product=tea, label="Gian hàng Postmart")
    ProductFactory(
        cooperative=coop,
        name="Mật ong bạc hà",
        stars=3,
        year_certified=2021,
        certified_on=datetime.date(2021, 5, 4),
        expires_on=datetime.date(2024, 5, 4),
        shown_publicly=True,
    )
    # Another published cooperative: the search must tell them apart.
    weavers = CooperativeFactory(name="Hợp tác xã Thổ cẩm Hầu Thào", unit=ta_van)
    PublicationFactory(cooperative=weavers)
    RoleFactory(cooperative=weavers, person=PersonFactory(unit=ta_van))
    return coop


@pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_visitor_finds_a_cooperative_and_its_product_without_logging_in(
    browser, live_server, ta_van, screen
):
    published_tea_cooperative(ta_van)
    context = browser.new_context(viewport=screen)
    page = context.new_page()

    page.goto(f"{live_server.url}/public/")
    expect(
        page.get_by_role("heading", name="Hợp tác xã do phụ nữ quản lý tại Lào Cai")
    ).to_be_visible()
    on_this_site = page.locator("ul.figures")
    expect(on_this_site.get_by_role("listitem").nth(0)).to_have_text("2 hợp tác xã")
    expect(on_this_site.get_by_role("listitem").nth(2)).to_have_text("9 lao động nữ")
    featured = page.locator("section", has=page.get_by_role("heading", name="Tiêu biểu"))
    expect(featured.get_by_role("link", name="Hợp tác xã Nông sản Hoa Ban")).to_be_visible()
    expect(featured.get_by_role("link", name="Hợp tác xã Thổ cẩm Hầu Thào")).to_have_count(0)
    assert page.evaluate(FITS)

    # The name typed on a phone keyboard, without accents.
    page.get_by_label("Tìm hợp tác xã hoặc sản phẩm").fill("nong san hoa ban")
    page.get_by_role("button", name="Tìm kiếm").click()
    expect(page.get_by_role("status")).to_have_text("1 hợp tác xã, tổ hợp tác")
    assert page.evaluate(FITS)
    page.get_by_role("link", name="Hợp tác xã Nông sản Hoa Ban").click()

    expect(page.get_by_role("heading", name="Hợp tác xã Nông sản Hoa Ban", level=1)).to_be_visible()
    expect(page.get_by_text("Hợp tác xã của chị em phụ nữ trồng chè Shan tuyết")).to_be_visible()
    leaders = page.locator(
        "section", has=page.get_by_role("heading", name="Phụ nữ tham gia quản lý")
    )
    expect(leaders).to_contain_text("Giàng Thị Mai · Giám đốc")
    tea = page.locator("li.card", has_text="Chè Shan tuyết")
    expect(tea.locator(".stars")).to_contain_text("★★★★")
    honey = page.locator("li.card", has_text="Mật ong bạc hà")
    expect(honey).to_contain_text("Giấy chứng nhận OCOP (3 sao) đã hết hiệu lực")
    expect(honey.locator(".stars")).to_have_count(0)  # no star badge on an expired certificate
    page.wait_for_function(FIRST_PICTURE_LOADED)
    assert page.evaluate(FITS)
    page.get_by_role("link", name="Chè Shan tuyết").click()

    expect(page.get_by_role("heading", name="Chè Shan tuyết", level=1)).to_be_visible()
    photo = page.locator("main figure img").first
    expect(photo).to_have_attribute(
        "srcset", re.compile(r"/public/anh/\w+/320\.jpg 320w, .* 1280w")
    )
    page.wait_for_function(FIRST_PICTURE_LOADED)
    expect(page.get_by_text("Đồi chè Shan tuyết cổ thụ")).to_be_visible()
    expect(page.locator("article .stars")).to_contain_text("★★★★")
    where_to_buy = page.locator("section", has=page.get_by_role("heading", name="Nơi mua"))
    shop = where_to_buy.get_by_role("link", name="Gian hàng Postmart")
    expect(shop).to_have_attribute("href", "https://postmart.vn/gian-hang/htx")
    assert page.evaluate(FITS)

    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", name="OCOP certificate")).to_be_visible()
    expect(page.get_by_role("heading", name="Where to buy")).to_be_visible()
    # The way back, named in its own language (Django writes it with combining accents).
    expect(page.locator("header a[hreflang=vi]")).to_be_visible()
    assert page.evaluate(FITS)
    context.close()

    # Without JavaScript (an old phone, a data saver) the forms and pages work the same; a
    # product's name typed without accents finds the cooperative that makes it.
    no_script = browser.new_context(viewport=screen, java_script_enabled=False)
    plain = no_script.new_page()
    plain.goto(f"{live_server.url}/public/hop-tac-xa/")
    plain.get_by_label("Tên hoặc sản phẩm").fill("che shan tuyet")
    plain.get_by_role("button", name="Xem").click()
    expect(plain.get_by_role("status")).to_have_text("1 hợp tác xã, tổ hợp tác")
    plain.get_by_role("link", name="Hợp tác xã Nông sản Hoa Ban").click()
    expect(plain.get_by_role("heading", name="Hợp tác xã Nông sản Hoa Ban")).to_be_visible()
    expect(plain.get_by_text("Giàng Thị Mai · Giám đốc")).to_be_visible()
    expect(plain.get_by_role("link", name="Chè Shan tuyết")).to_be_visible()
    no_script.close()


def jpeg(path, size=(1600, 1200)):
    """Write a made-up photo (a green tea hill) as a JPEG file and return its path."""
    Image.new("RGB", size, (70, 130, 60)).save(path, "JPEG")
    return path


def test_a_page_goes_public_only_once_province_staff_approve_it(
    browser, live_server, ta_van, officer, province_staff, tmp_path
):
    coop = CooperativeFactory(name="Hợp tác xã Chè Hoa Ban", unit=ta_van)
    RoleFactory(cooperative=coop, person=PersonFactory(full_name="Giàng Thị Mai", unit=ta_van))
    ProductFactory(cooperative=coop, name="Chè Shan tuyết")
    public_url = f"{live_server.url}/public/hop-tac-xa/{coop.pk}-{slug_of(coop.name)}/"
    manage_url = f"{live_server.url}/registry/{coop.pk}/public/"
    visitor = browser.new_context().new_page()

    officer_context = browser.new_context()
    page = officer_context.new_page()
    log_in_on(page, live_server.url, officer.username)
    page.goto(live_server.url + coop.get_absolute_url())
    page.get_by_role("link", name="Trang công khai").click()
    expect(page.get_by_role("heading", name="Trang công khai")).to_be_visible()
    expect(page.locator("p.state")).to_contain_text("Chưa đề xuất")
    expect(page.get_by_label("Tiêu biểu trên trang chủ")).to_have_count(0)  # province's choice

    # What the page says.
    page.get_by_label("Bài giới thiệu").fill("Chị em người Dao đỏ hái chè Shan tuyết cổ thụ.")
    page.get_by_label("Công khai thông tin liên hệ dưới đây").check()
    page.get_by_label("Điện thoại công khai").fill("0912 345 678")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu: Hợp tác xã Chè Hoa Ban.")).to_be_visible()

    # The director agreed, on a signed form, to be named.
    leader = page.get_by_role("listitem").filter(has_text="Giàng Thị Mai")
    expect(leader).to_contain_text("không hiển thị: chưa ghi nhận sự đồng ý")
    leader.get_by_role("link", name="Ghi nhận sự đồng ý").click()
    page.get_by_label("Ngày đồng ý").fill("08/03/2026")
    page.get_by_label("Hình thức đồng ý").fill("Phiếu đồng ý có chữ ký, lưu tại Hội LHPN xã")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu: Giàng Thị Mai.")).to_be_visible()
    page.goto(manage_url)
    expect(leader).to_contain_text("đã ghi nhận sự đồng ý (08/03/2026)")

    # The tea is shown publicly, with a photo.
    tea = page.get_by_role("listitem").filter(has_text="Chè Shan tuyết")
    expect(tea).to_contain_text("không hiển thị")
    tea.get_by_role("link", name="Sửa").click()
    page.get_by_label("Hiển thị trên trang giới thiệu công khai").check()
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu: Chè Shan tuyết (3★).")).to_be_visible()
    page.goto(manage_url)
    expect(tea).to_contain_text("được công khai")
    tea.get_by_role("link", name="Ảnh").click()
    not_a_photo = tmp_path / "bao-cao.jpg"
    not_a_photo.write_text("Báo cáo tháng 11: không phải ảnh.")
    page.locator("input[name=image]").set_input_files(not_a_photo)
    page.get_by_role("button", name="Tải lên").click()
    field = page.locator(".field.has-error", has=page.locator("input[name=image]"))
    expect(field).to_contain_text("Không đọc được tệp này dưới dạng ảnh.")
    expect(page.get_by_text("Chưa có ảnh.")).to_be_visible()
    page.locator("input[name=image]").set_input_files(jpeg(tmp_path / "doi-che.jpg"))
    page.get_by_label("Chú thích").fill("Đồi chè Shan tuyết cổ thụ")
    page.get_by_role("button", name="Tải lên").click()
    expect(page.get_by_text("Đã thêm ảnh.")).to_be_visible()
    expect(page.locator("ul.photos li")).to_have_count(1)
    page.wait_for_function(FIRST_PICTURE_LOADED)

    # The preview shows the page as it will be, and says it is not public yet.
    page.goto(manage_url)
    page.get_by_role("link", name="Xem trước").click()
    expect(page.get_by_text(PREVIEW_BANNER)).to_be_visible()
    expect(page.get_by_text("Chị em người Dao đỏ hái chè Shan tuyết cổ thụ.")).to_be_visible()
    expect(page.get_by_text("Giàng Thị Mai")).to_be_visible()
    page.wait_for_function(FIRST_PICTURE_LOADED)

    page.goto(manage_url)
    page.get_by_role("button", name="Đề xuất công khai").click()
    expect(page.locator("p.state")).to_contain_text("Đã đề xuất, chờ duyệt")
    expect(page.get_by_role("button", name="Duyệt và công khai")).to_have_count(0)
    assert visitor.goto(public_url).status == 404

    staff_context = browser.new_context()
    staff = staff_context.new_page()
    log_in_on(staff, live_server.url, province_staff.username)
    staff.goto(manage_url)
    expect(staff.get_by_label("Tiêu biểu trên trang chủ")).to_be_visible()
    staff.get_by_role("button", name="Duyệt và công khai").click()
    expect(staff.locator("p.state")).to_contain_text("Đã công khai")
    staff_context.close()

    assert visitor.goto(public_url).status == 200
    expect(visitor.get_by_text(PREVIEW_BANNER)).to_have_count(0)
    expect(visitor.get_by_text("Chị em người Dao đỏ hái chè Shan tuyết cổ thụ.")).to_be_visible()
    expect(visitor.get_by_text("Giàng Thị Mai · Giám đốc")).to_be_visible()
    expect(visitor.get_by_role("link", name="0912 345 678")).to_be_visible()
    visitor.wait_for_function(FIRST_PICTURE_LOADED)
    photo_url = live_server.url + visitor.locator("main img").first.get_attribute("src")

    page.reload()
    expect(page.locator("p.state")).to_contain_text("Đã công khai")
    page.get_by_role("button", name="Gỡ xuống ngay").click()
    expect(page.locator("p.state")).to_contain_text("Đã gỡ xuống")
    assert visitor.goto(public_url).status == 404
    assert visitor.request.get(photo_url).status == 404  # its photos leave with it
    officer_context.close()
    visitor.context.close()
