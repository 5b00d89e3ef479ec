"""Nothing unpublished reaches the public site.

Every text field of cooperatives that are not published (not proposed, proposed, taken down,
published but dissolved), and of the hidden parts of published ones (contacts and address
not ticked, products not shown, leaders without consent or whose role ended, men, leaders of
a page that hides them, phone numbers, birth years, ethnic groups, registration codes), holds
a marker string. Every public address — the pages, every filter of the directory and a
search for each marker, the sitemap, robots.txt, the open data files, the JSON-LD inside
the pages, the photos — is walked, and no marker may appear.
"""

import datetime
import itertools
import re

import pytest
from django.urls import reverse

from cooperatives.models import Cooperative, ManagementRole, Person, ProductGroup, Sector
from showcase.models import Publication, slug_of
from tests.factories import (
    ConsentFactory,
    CooperativeFactory,
    PersonFactory,
    ProductFactory,
    PublicationFactory,
    RoleFactory,
    SalesPointFactory,
    photo_of,
)

pytestmark = pytest.mark.django_db

State = Publication.State
counter = itertools.count(1)


def marker() -> str:
    return f"LEAK{next(counter):04d}X"


def marked_cooperative(ta_van, state, **fields):
    """A cooperative whose every text field, and every part's, holds a marker."""
    coop = CooperativeFactory(
        unit=ta_van,
        name=f"Hợp tác xã {marker()}",
        registration_code=marker(),
        address=marker(),
        online_channels=marker(),
        **fields,
    )
    coop.sectors.set(Sector.objects.all()[:1])
    PublicationFactory(
        cooperative=coop,
        state=state,
        story=marker(),
        phone="0912 000 " + str(next(counter) % 1000).zfill(3),
        email=f"{marker().lower()}@example.vn",
        website=f"https://{marker().lower()}.example.vn",
        show_contacts=True,
        show_address=True,
    )
    woman = PersonFactory(unit=ta_van, full_name=marker(), phone="0988 111 222")
    RoleFactory(cooperative=coop, person=woman)
    ConsentFactory(person=woman, how=marker())
    product = ProductFactory(
        cooperative=coop,
        name=marker(),
        description=marker(),
        certificate_number=marker(),
        price_unit=marker(),
        category=ProductGroup.FOOD,
        shown_publicly=True,
    )
    photo_of(product, caption=marker())
    SalesPointFactory(cooperative=coop, label=marker(), url=f"https://{marker().lower()}.vn")
    SalesPointFactory(
        cooperative=coop, product=product, label=marker(), url=f"https://{marker().lower()}.vn"
    )
    return coop


@pytest.fixture
def site(ta_van):
    """A published cooperative with hidden parts, another that hides its leaders, and four
    cooperatives that are not public at all."""
    shown = CooperativeFactory(
        unit=ta_van, name="Hợp tác xã Chè Tả Van", registration_code=marker(), address=marker()
    )
    shown.sectors.set(Sector.objects.all()[:2])
    PublicationFactory(
        cooperative=shown,
        story="Chị em trồng chè.",
        show_contacts=False,
        phone="0912 345 999",
        email=f"{marker().lower()}@example.vn",
        website=f"https://{marker().lower()}.example.vn",
        show_address=False,
        show_leaders=True,
    )
    consenting = PersonFactory(
        unit=ta_van, full_name="Vàng Thị Mai", phone="0977 123 456", birth_year=1979
    )
    RoleFactory(cooperative=shown, person=consenting)
    ConsentFactory(person=consenting, how=marker())
    no_consent = PersonFactory(unit=ta_van, full_name=marker())
    RoleFactory(cooperative=shown, person=no_consent, role=ManagementRole.Role.CHAIR)
    past = PersonFactory(unit=ta_van, full_name=marker())
    RoleFactory(
        cooperative=shown,
        person=past,
        role=ManagementRole.Role.BOARD_MEMBER,
        end_date=datetime.date(2024, 12, 31),
    )
    ConsentFactory(person=past, how=marker())
    man = PersonFactory(unit=ta_van, full_name=marker(), sex=Person.Sex.MALE)
    RoleFactory(cooperative=shown, person=man, role=ManagementRole.Role.BOARD_MEMBER)
    ConsentFactory(person=man, how=marker())
    accountant = PersonFactory(unit=ta_van, full_name=marker())
    RoleFactory(cooperative=shown, person=accountant, role=ManagementRole.Role.ACCOUNTANT)
    ConsentFactory(person=accountant, how=marker())
    tea = ProductFactory(
        cooperative=shown,
        name="Chè Shan tuyết",
        certificate_number="12/QĐ-UBND",
        certified_on=datetime.date(2025, 3, 1),
        year_certified=2025,
        shown_publicly=True,
    )
    photo_of(tea, caption="Búp chè")
    hidden = ProductFactory(
        cooperative=shown,
        name=marker(),
        description=marker(),
        certificate_number=marker(),
        price_unit=marker(),
        shown_publicly=False,
    )
    photo_of(hidden, caption=marker())
    SalesPointFactory(cooperative=shown, product=hidden, label=marker(), url="https://x.vn/a")
    SalesPointFactory(cooperative=shown, label="Gian hàng Postmart")

    discreet = CooperativeFactory(unit=ta_van, name="Tổ hợp tác Dệt Thổ Cẩm")
    PublicationFactory(cooperative=discreet, show_leaders=False)
    leader = PersonFactory(unit=ta_van, full_name=marker())
    RoleFactory(cooperative=discreet, person=leader)
    ConsentFactory(person=leader, how=marker())

    hidden_coops = [
        marked_cooperative(ta_van, State.DRAFT),
        marked_cooperative(ta_van, State.PROPOSED),
        marked_cooperative(ta_van, State.UNPUBLISHED),
        marked_cooperative(
            ta_van,
            State.PUBLISHED,
            status=Cooperative.Status.DISSOLVED,
            status_since=datetime.date(2025, 1, 1),
        ),
    ]
    return {"shown": shown, "discreet": discreet, "tea": tea, "hidden": hidden_coops}


def public_addresses(client, site):
    """Every public address: fixed pages, each directory filter, a search for every marker,
    every cooperative's and product's page (public or not), every photo's, open data."""
    fixed = [
        reverse("showcase:home"),
        reverse("showcase:directory"),
        reverse("showcase:open_data"),
        reverse("showcase:sitemap"),
        reverse("showcase:sitemap_section", args=["public"]),
        reverse("showcase:robots"),
    ]
    fixed += [
        reverse("showcase:open_data_file", args=[name, file_format])
        for name in ("cooperatives", "products")
        for file_format in ("csv", "json")
    ]
    directory = reverse("showcase:directory")
    filters = [f"?sector={code}" for code in Sector.objects.values_list("code", flat=True)]
    filters += [f"?stars={n}" for n in (3, 4, 5)]
    filters += [f"?category={code}" for code in ProductGroup.values]
    filters += [f"?commune={site['shown'].unit_id}", "?page=2"]
    searches = [f"?q={word}" for word in ("hop tac xa", "LEAK", "che", "0912")]
    pages = [directory + query for query in filters + searches]
    # A made-up slug: a public page answers with its own address, and a page that is not
    # public must not answer at all (a 404 repeats the address asked for, so it must not
    # hold the name).
    for coop in Cooperative.objects.all():
        pages.append(reverse("showcase:cooperative", args=[coop.pk, "x"]))
        for product in coop.ocop_products.all():
            pages.append(reverse("showcase:product", args=[product.pk, "x"]))
            for photo in product.photos.all():
                for width in photo.width_list:
                    pages.append(reverse("showcase:photo", args=[photo.folder, width]))
    return fixed + pages


MARKER = re.compile(rb"LEAK\d{4}X", re.IGNORECASE)


def test_no_unpublished_value_reaches_any_public_address(client, site):
    seen = {}
    leaks = {}
    for url in public_addresses(client, site):
        response = client.get(url, follow=True)
        body = b"".join(response) if response.streaming else response.content
        seen[url] = response.status_code
        found = MARKER.findall(body)
        if found:
            leaks[url] = sorted(set(found))
    assert leaks == {}
    # The walk reached what is public, and what is not public was not found.
    assert seen[reverse("showcase:cooperative", args=[site["shown"].pk, "x"])] == 200
    for coop in site["hidden"]:
        assert seen[reverse("showcase:cooperative", args=[coop.pk, "x"])] == 404
        photo = coop.ocop_products.get().photos.get()
        url = reverse("showcase:photo", args=[photo.folder, photo.width_list[0]])
        assert seen[url] == 404


def test_a_published_page_shows_what_was_chosen_and_only_that(client, site):
    page = client.get(
        reverse("showcase:cooperative", args=[site["shown"].pk, slug_of(site["shown"].name)])
    ).content.decode()
    assert "Vàng Thị Mai" in page  # a woman manager of today with her consent
    assert "Chè Shan tuyết" in page and "Gian hàng Postmart" in page
    for hidden in ("0977 123 456", "1979", "0912 345 999", "Kinh", "Tày"):
        assert hidden not in page
    discreet = client.get(
        reverse("showcase:cooperative", args=[site["discreet"].pk, slug_of(site["discreet"].name)])
    ).content.decode()
    assert "Tổ hợp tác Dệt Thổ Cẩm" in discreet
