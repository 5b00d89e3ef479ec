"""The public pages: what a visitor finds, how fast and light they are, and that they are
cacheable, throttled and write nothing."""

import csv
import datetime
import io
import json
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config import caching
from cooperatives.models import Cooperative, ManagementRole, ProductGroup, Sector
from org.models import Unit
from showcase.kept import SHOWCASE_VERSION
from showcase.models import Publication, slug_of
from tests.factories import (
    ConsentFactory,
    CooperativeFactory,
    FiguresFactory,
    PersonFactory,
    ProductFactory,
    PublicationFactory,
    RoleFactory,
    SalesPointFactory,
    photo_of,
    unit,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture(autouse=True)
def fresh_throttle():
    caches["throttle"].clear()


def published(unit_, name, *, products=1, photos=0, **fields):
    """A published, women-managed cooperative of `unit_` with `products` shown products."""
    coop = CooperativeFactory(unit=unit_, name=name, **fields)
    PublicationFactory(cooperative=coop)
    RoleFactory(cooperative=coop, person=PersonFactory(unit=unit_))
    for n in range(products):
        product = ProductFactory(
            cooperative=coop,
            name=f"{name} sản phẩm {n}",
            shown_publicly=True,
            certified_on=datetime.date(TODAY.year - 1, 1, 10),
            year_certified=TODAY.year - 1,
            expires_on=datetime.date(TODAY.year + 2, 1, 9),
            category=ProductGroup.DRINKS,
        )
        for position in range(photos):
            photo_of(product, position=position)
    return coop


def page_url(coop):
    return reverse("showcase:cooperative", args=[coop.pk, slug_of(coop.name)])


def product_url(product):
    return reverse("showcase:product", args=[product.pk, slug_of(product.name)])


def test_a_visitor_finds_a_cooperative_by_words_without_accents(client, ta_van):
    published(ta_van, "Hợp tác xã Chè Shan Tuyết Tả Van")
    published(ta_van, "Tổ hợp tác Mật ong Bản Hồ")
    page = client.get(reverse("showcase:directory"), {"q": "che shan tuyet"}).content.decode()
    assert "Hợp tác xã Chè Shan Tuyết Tả Van" in page
    assert "Mật ong" not in page


def test_the_directory_filters_by_sector_stars_and_product_group(client, ta_van):
    weaving = Sector.objects.first()
    tea = published(ta_van, "Hợp tác xã Chè")
    tea.sectors.set([weaving])
    expired = published(ta_van, "Hợp tác xã Hết Hạn", products=0)
    ProductFactory(
        cooperative=expired,
        stars=5,
        shown_publicly=True,
        year_certified=2021,
        certified_on=datetime.date(2021, 5, 1),
        category=ProductGroup.TEXTILES,
    )
    directory = reverse("showcase:directory")

    def names(**query):
        page = client.get(directory, query).content.decode()
        return {name for name in ("Hợp tác xã Chè", "Hợp tác xã Hết Hạn") if name in page}

    assert names() == {"Hợp tác xã Chè", "Hợp tác xã Hết Hạn"}
    assert names(sector=weaving.code) == {"Hợp tác xã Chè"}
    # An expired 5-star certificate is no star: only valid certificates count.
    assert names(stars=3) == {"Hợp tác xã Chè"}
    assert names(stars=5) == set()
    assert names(category=ProductGroup.TEXTILES) == {"Hợp tác xã Hết Hạn"}
    # A made-up choice is ignored, not an error.
    assert client.get(directory, {"stars": "9", "sector": "<x>"}).status_code == 200


def test_the_commune_filter_counts_records_of_the_old_communes_it_took_over(client):
    """A cooperative filed under an old commune (before the 2025 reform) is found under the
    commune that took it over: the units valid today."""
    new_commune = unit("03037")
    old = Unit.objects.filter(successor=new_commune).first()
    assert old is not None
    filed_under_old = published(old, "Hợp tác xã Xã Cũ")
    published(unit("02683"), "Hợp tác xã Nơi Khác")
    page = client.get(reverse("showcase:directory"), {"commune": new_commune.pk})
    text = page.content.decode()
    assert filed_under_old.name in text and "Nơi Khác" not in text
    assert f'<option value="{new_commune.pk}" selected>' in text


def test_the_directory_reads_a_constant_number_of_queries(
    client, ta_van, django_assert_num_queries
):
    for n in range(3):
        published(ta_van, f"Hợp tác xã Số {n}", photos=1)
    client.get(reverse("showcase:directory"))  # what is kept is kept from now on
    # 1 the kept values' versions, 2 the kept places, 3 the sectors, 4 count, 5 the page's
    # ids, 6 its rows with their product counts and first photos' ids, 7 those photos, 8
    # their sectors, 9-10 the kept unit map (its version, then itself), 11 their communes.
    with django_assert_num_queries(11):
        first = client.get(reverse("showcase:directory"))
    for n in range(3, 30):
        published(ta_van, f"Hợp tác xã Số {n}", photos=1)
    client.get(reverse("showcase:directory"))  # the places, kept anew after the change
    with django_assert_num_queries(11):
        second = client.get(reverse("showcase:directory"))
    assert first.status_code == second.status_code == 200
    assert second.content.decode().count('class="card"') == 24  # one page


def test_a_cooperative_page_reads_a_constant_number_of_queries(
    client, ta_van, django_assert_num_queries
):
    small = published(ta_van, "Hợp tác xã Nhỏ", products=1, photos=1)
    large = published(ta_van, "Hợp tác xã Lớn", products=6, photos=3)
    client.get(page_url(small))  # the unit tree's map is kept from now on
    # 1 the cooperative and its page, 2-3 the kept unit map (its version, then itself), 4
    # its commune's name, 5 its products, 6 their photos, 7 their sales points, 8 its
    # sectors, 9 its leaders, 10 its own sales points.
    with django_assert_num_queries(10):
        client.get(page_url(small))
    with django_assert_num_queries(10):
        response = client.get(page_url(large))
    # Light: under 60 KB of HTML with six products of three photos each.
    assert len(response.content) < 60_000


def test_a_product_page_shows_its_valid_certificate_as_stars(client, ta_van):
    coop = published(ta_van, "Hợp tác xã Chè", products=0)
    product = ProductFactory(
        cooperative=coop,
        name="Chè Shan tuyết",
        stars=4,
        shown_publicly=True,
        certificate_number="21/QĐ-UBND",
        year_certified=TODAY.year,
        certified_on=datetime.date(TODAY.year, 1, 2),
        price_from=150000,
        price_to=300000,
        price_unit="kg",
    )
    photo_of(product, caption="Búp chè non")
    page = client.get(product_url(product)).content.decode()
    assert "★★★★" in page and "21/QĐ-UBND" in page
    assert f"02/01/{TODAY.year + 3}" in page  # valid 36 months
    assert "150.000 – 300.000 ₫ / kg" in page
    assert 'srcset="' in page and 'loading="eager"' in page and "Búp chè non" in page


def test_an_expired_certificate_is_shown_as_expired_not_as_stars(client, ta_van):
    coop = published(ta_van, "Hợp tác xã Chè", products=0)
    product = ProductFactory(
        cooperative=coop,
        stars=5,
        shown_publicly=True,
        year_certified=2021,
        certified_on=datetime.date(2021, 6, 1),
    )
    page = client.get(product_url(product)).content.decode()
    assert "★" not in page
    assert "01/06/2024" in page  # the end of its 36 months
    assert 'class="expired"' in page
    ld = json.loads(re.search(r'ld\+json">(.*?)</script>', page).group(1))
    assert "award" not in ld


def test_a_wrong_slug_moves_to_the_canonical_address(client, ta_van):
    coop = published(ta_van, "Hợp tác xã Đồng Tâm")
    response = client.get(reverse("showcase:cooperative", args=[coop.pk, "ten-cu"]))
    assert response.status_code == 301
    assert response.url == f"/public/hop-tac-xa/{coop.pk}-hop-tac-xa-dong-tam/"


def test_pages_share_well_and_describe_themselves_to_machines(client, ta_van):
    coop = published(ta_van, "Hợp tác xã Đồng Tâm", photos=1)
    page = client.get(page_url(coop)).content.decode()
    canonical = f"http://testserver/public/hop-tac-xa/{coop.pk}-hop-tac-xa-dong-tam/"
    assert f'<link rel="canonical" href="{canonical}">' in page
    assert '<meta property="og:title" content="Hợp tác xã Đồng Tâm">' in page
    assert re.search(r'og:image" content="http://testserver/public/anh/[0-9a-f]{32}/\d+\.jpg', page)
    ld = json.loads(re.search(r'ld\+json">(.*?)</script>', page).group(1))
    assert ld["@type"] == "Organization" and ld["name"] == "Hợp tác xã Đồng Tâm"
    assert ld["makesOffer"][0]["itemOffered"]["@type"] == "Product"


def test_json_ld_cannot_be_broken_out_of(client, ta_van):
    coop = published(ta_van, "Hợp tác xã </script><script>alert(1)</script>")
    PublicationFactory._meta.model.objects.filter(cooperative=coop).update(story="a & b <c>")
    page = client.get(page_url(coop)).content.decode()
    assert "<script>alert(1)" not in page
    script = re.search(r'ld\+json">(.*?)</script>', page).group(1)
    assert json.loads(script)["description"] == "a & b <c>"


def test_pages_are_cacheable_and_answer_304_when_unchanged(client, ta_van):
    coop = published(ta_van, "Hợp tác xã Đồng Tâm", photos=1)
    for url in (reverse("showcase:home"), reverse("showcase:directory"), page_url(coop)):
        response = client.get(url)
        assert "public" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
        again = client.get(url, headers={"if-none-match": response["ETag"]})
        assert again.status_code == 304, url
    before = client.get(page_url(coop))["ETag"]
    Publication.objects.filter(cooperative=coop).update(story="Câu chuyện mới")
    after = client.get(page_url(coop), headers={"if-none-match": before})
    assert after.status_code == 200 and "Câu chuyện mới" in after.content.decode()


def test_a_taken_down_page_is_gone_at_once(client, ta_van):
    coop = published(ta_van, "Hợp tác xã Đồng Tâm", photos=1)
    photo = coop.ocop_products.get().photos.get()
    photo_url = reverse("showcase:photo", args=[photo.folder, photo.width_list[0]])
    assert client.get(photo_url).status_code == 200
    served = client.get(photo_url)
    assert served["Content-Type"] == "image/jpeg"
    assert served["Cache-Control"] == "public, no-cache"
    assert client.get(photo_url, headers={"if-none-match": served["ETag"]}).status_code == 304
    Publication.objects.filter(cooperative=coop).update(state=Publication.State.UNPUBLISHED)
    assert client.get(page_url(coop)).status_code == 404
    assert client.get(photo_url).status_code == 404
    assert coop.name not in client.get(reverse("showcase:directory")).content.decode()


def test_no_public_page_writes_anything(client, ta_van):
    coop = published(ta_van, "Hợp tác xã Đồng Tâm", photos=1)
    product = coop.ocop_products.get()
    photo = product.photos.get()
    urls = [
        reverse("showcase:home"),
        reverse("showcase:directory") + "?q=dong+tam",
        page_url(coop),
        product_url(product),
        reverse("showcase:photo", args=[photo.folder, photo.width_list[0]]),
        reverse("showcase:open_data"),
        reverse("showcase:open_data_file", args=["products", "json"]),
        reverse("showcase:sitemap"),
        reverse("showcase:robots"),
    ]
    with CaptureQueriesContext(connection) as first:
        for url in urls:
            assert client.get(url).status_code == 200, url
    # The first view fills the shared cache with the unit tree's map (once a day); no
    # record is written, then or ever after.
    touched = {re.search(r'"(\w+)"', q["sql"]).group(1) for q in first if written(q["sql"])}
    assert touched <= {"portal_cache"}
    with CaptureQueriesContext(connection) as again:
        for url in urls:
            client.get(url)
    assert [q["sql"] for q in again if written(q["sql"])] == []
    assert "sessionid" not in client.cookies and "csrftoken" not in client.cookies


def written(sql: str) -> bool:
    return sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE", "REPLACE"))


def test_abusive_traffic_is_throttled_per_address(client, ta_van, settings):
    settings.PUBLIC_RATE = "3/m"
    home = reverse("showcase:home")
    assert [client.get(home).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(home)
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert "Quá nhiều yêu cầu" in refused.content.decode()
    # Another address is not held back.
    assert client.get(home, REMOTE_ADDR="10.0.0.9").status_code == 200


def test_the_open_data_holds_the_published_records_under_a_licence(client, ta_van):
    coop = published(ta_van, "Hợp tác xã Đồng Tâm")
    hidden = CooperativeFactory(unit=ta_van, name="Hợp tác xã Chưa Công Khai")
    ProductFactory(cooperative=hidden, shown_publicly=True)
    response = client.get(reverse("showcase:open_data_file", args=["cooperatives", "csv"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["name"] for row in rows] == ["Hợp tác xã Đồng Tâm"]
    assert rows[0]["page"].endswith(page_url(coop))
    assert "creativecommons.org/licenses/by/4.0" in response["Link"]
    data = client.get(reverse("showcase:open_data_file", args=["products", "json"])).json()
    assert data["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert [row["cooperative"] for row in data["rows"]] == ["Hợp tác xã Đồng Tâm"]
    assert data["rows"][0]["certificate_state"] == "valid"
    missing = reverse("showcase:open_data_file", args=["people", "csv"])
    assert client.get(missing).status_code == 404


def test_the_sitemap_and_robots_list_only_public_pages(client, ta_van):
    coop = published(ta_van, "Hợp tác xã Đồng Tâm")
    hidden = CooperativeFactory(unit=ta_van, name="Hợp tác xã Ẩn")
    PublicationFactory(cooperative=hidden, state=Publication.State.PROPOSED)
    index = client.get(reverse("showcase:sitemap")).content.decode()
    section = reverse("showcase:sitemap_section", args=["public"])
    assert f"<loc>https://testserver{section}</loc>" in index
    sitemap = client.get(section).content.decode()
    assert page_url(coop) in sitemap and product_url(coop.ocop_products.get()) in sitemap
    assert f"/hop-tac-xa/{hidden.pk}-" not in sitemap
    robots = client.get(reverse("showcase:robots")).content.decode()
    assert "Allow: /public/" in robots and "Disallow: /" in robots
    assert "Sitemap: http://testserver/sitemap.xml" in robots


def test_home_counts_what_the_site_shows(client, ta_van):
    tea = published(ta_van, "Hợp tác xã Chè", products=2)
    FiguresFactory(cooperative=tea, year=TODAY.year - 1, workers_total=20, workers_female=15)
    group = published(ta_van, "Tổ hợp tác Dệt", kind="tht")
    ManagementRole.objects.filter(cooperative=group).update(role=ManagementRole.Role.GROUP_LEADER)
    CooperativeFactory(unit=ta_van, name="Hợp tác xã Không Công Khai")
    response = client.get(reverse("showcase:home"))
    figures = response.context["figures"]
    assert (figures.cooperatives, figures.groups) == (1, 1)
    assert figures.female_workers == 15
    assert (figures.products, figures.valid_products) == (3, 3)
    assert figures.by_commune == [[ta_van.pk, ta_van.name, 2]]


def test_leaders_are_shown_with_consent_only(client, ta_van):
    coop = published(ta_van, "Hợp tác xã Đồng Tâm")
    agreed = PersonFactory(unit=ta_van, full_name="Lý Thị Hoa")
    RoleFactory(cooperative=coop, person=agreed, role=ManagementRole.Role.CHAIR)
    ConsentFactory(person=agreed)
    page = client.get(page_url(coop)).content.decode()
    assert "Lý Thị Hoa" in page
    shy = ManagementRole.objects.filter(cooperative=coop).exclude(person=agreed).get().person
    assert shy.full_name not in page
    agreed.public_consent.delete()
    assert "Lý Thị Hoa" not in client.get(page_url(coop)).content.decode()


def test_the_language_link_switches_to_english_and_only_goes_back_inside_the_site(client):
    response = client.get(reverse("showcase:language", args=["en"]), {"next": "/public/"})
    assert response.status_code == 302 and response.url == "/public/"
    assert "Women-led cooperatives" in client.get("/public/").content.decode()
    away = client.get(reverse("showcase:language", args=["vi"]), {"next": "https://evil.example"})
    assert away.url == "/public/"
    assert "Hợp tác xã do phụ nữ quản lý" in client.get("/public/").content.decode()


def test_where_to_buy_lists_the_products_and_the_cooperatives_shops(client, ta_van):
    coop = published(ta_van, "Hợp tác xã Đồng Tâm")
    product = coop.ocop_products.get()
    SalesPointFactory(cooperative=coop, label="Gian hàng Voso", url="https://voso.vn/htx")
    SalesPointFactory(
        cooperative=coop, product=product, label="Shopee chè", url="https://shopee.vn/che"
    )
    page = client.get(product_url(product)).content.decode()
    assert page.index("Shopee chè") < page.index("Gian hàng Voso")
    assert 'href="https://voso.vn/htx" rel="noopener nofollow"' in page


def test_the_home_page_reads_a_constant_number_of_queries(
    client, ta_van, django_assert_num_queries
):
    for n in range(2):
        Publication.objects.filter(
            cooperative=published(ta_van, f"Hợp tác xã {n}", photos=1)
        ).update(featured=True)
    client.get(reverse("showcase:home"))  # the unit tree's map is kept from now on
    caching.renew(SHOWCASE_VERSION)
    # Figures and featured cooperatives computed: 1 the kept values' versions, 2 the kept
    # home (missing), 3 cooperatives by kind and unit, 4 female workers, 5 products, 6 by
    # sector, 7-8 the kept unit map, 9 the communes' names; featured: 10 their ids, 11 their
    # rows, 12 their photos, 13 their sectors, 14-15 the kept map, 16 their communes; then
    # kept (17 count, 18 savepoint, 19 lookup, 20 insert, 21 release).
    with django_assert_num_queries(21):
        client.get(reverse("showcase:home"))
    # Then read as kept: 1 the versions, 2 the kept home.
    with django_assert_num_queries(2):
        client.get(reverse("showcase:home"))
    for n in range(2, 12):
        Publication.objects.filter(
            cooperative=published(ta_van, f"Hợp tác xã {n}", photos=1)
        ).update(featured=True)
    caching.renew(SHOWCASE_VERSION)
    with django_assert_num_queries(21):
        response = client.get(reverse("showcase:home"))
    assert response.content.decode().count('class="card"') == 6


def test_the_search_reads_names_and_shown_products_only(client, ta_van):
    """A search must not tell what a page does not show: a hidden address, a registration
    code, a product not shown."""
    coop = published(ta_van, "Hợp tác xã Đồng Tâm", products=0, address="Thôn Séo Mý Tỷ")
    Cooperative.objects.filter(pk=coop.pk).update(registration_code="5200123456")
    ProductFactory(cooperative=coop, name="Mật ong bạc hà", shown_publicly=True)
    ProductFactory(cooperative=coop, name="Rượu ngô men lá", shown_publicly=False)
    directory = reverse("showcase:directory")

    def found(words):
        return coop.name in client.get(directory, {"q": words}).content.decode()

    assert found("dong tam") and found("mat ong bac ha")
    assert not found("seo my ty") and not found("5200123456") and not found("ruou ngo")
    # The page follows a renamed product, through the door like every write.
    from org import writes
    from tests.factories import UserFactory

    hidden = coop.ocop_products.get(name="Rượu ngô men lá")
    hidden.shown_publicly = True
    writes.save(record=hidden, by=UserFactory(role="province"))
    assert found("ruou ngo")


def test_behind_a_proxy_each_visitor_is_counted_by_the_address_it_passes(client, settings):
    settings.PUBLIC_RATE = "2/m"
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    home = reverse("showcase:home")
    first = [client.get(home, HTTP_X_REAL_IP="203.0.113.5").status_code for _ in range(3)]
    assert first == [200, 200, 429]
    assert client.get(home, HTTP_X_REAL_IP="203.0.113.6").status_code == 200


def test_with_several_provinces_a_province_is_chosen_before_its_communes(client, ta_van):
    """Nationally the communes are thousands: the directory lists a province's only."""
    published(ta_van, "Hợp tác xã Lào Cai")
    other = Unit.objects.create(
        code_set=Unit.CodeSet.FROM_2025, code="99", name="Tỉnh Thử", kind=Unit.Kind.PROVINCE
    )
    far = Unit.objects.create(
        code_set=Unit.CodeSet.FROM_2025,
        code="99001",
        name="Xã Xa Xôi",
        kind=Unit.Kind.COMMUNE,
        parent=other,
        valid_from=datetime.date(2025, 7, 1),
    )
    published(far, "Hợp tác xã Xa Xôi")
    directory = reverse("showcase:directory")
    first = client.get(directory).content.decode()
    assert 'name="province"' in first and "Tỉnh Thử" in first
    assert "Xã Xa Xôi</option>" not in first and f"{ta_van.name}</option>" not in first
    chosen = client.get(directory, {"province": other.pk}).content.decode()
    assert "Xã Xa Xôi</option>" in chosen and f"{ta_van.name}</option>" not in chosen
    assert "Hợp tác xã Xa Xôi" in chosen and "Hợp tác xã Lào Cai" not in chosen
    # A commune alone (the home page's links) brings its province.
    alone = client.get(directory, {"commune": ta_van.pk}).content.decode()
    assert f'<option value="{ta_van.parent_id}" selected>' in alone
    assert "Hợp tác xã Lào Cai" in alone and "Hợp tác xã Xa Xôi" not in alone


def test_a_large_sitemap_is_written_in_pages_under_an_index(client, ta_van, monkeypatch):
    from showcase.sitemaps import PublicPages

    monkeypatch.setattr(PublicPages, "limit", 2)
    for n in range(2):
        published(ta_van, f"Hợp tác xã {n}")
    index = client.get(reverse("showcase:sitemap")).content.decode()
    section = reverse("showcase:sitemap_section", args=["public"])
    pages = re.findall(rf"<loc>https://testserver{section}\?p=(\d)</loc>", index)
    assert pages == ["2", "3", "4"] and f"{section}</loc>" in index  # 3 fixed + 4 pages
    locations = [
        loc
        for page in ["1", *pages]
        for loc in re.findall(
            r"<loc>(.*?)</loc>", client.get(section, {"p": page}).content.decode()
        )
    ]
    assert len(locations) == len(set(locations)) == 7
    assert client.get(section, {"p": "9"}).status_code == 404
