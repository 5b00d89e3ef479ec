"""What machines read of the showcase: schema.org JSON-LD in each page, and the published
data as open data files (CSV and JSON) under a stated licence. Built only from the plain
values of `published`, like the pages."""

import csv
import io
import json

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import published

LICENCE = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
PUBLISHER = gettext_lazy("Women's Union of Lào Cai province")


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def share(request, *, url, title, text, photo, og_type) -> dict:
    """What a page tells Zalo, Facebook and search engines about itself: its canonical
    address, title, a one-line description (160 characters at most) and a picture."""
    text = " ".join((text or "").split()) or _("A cooperative led by women in Lào Cai province.")
    found = {
        "canonical": _absolute(request, url),
        "title": title,
        "description": Truncator(text).chars(160),
        "og_type": og_type,
    }
    if photo:
        found |= {
            "image": _absolute(request, photo.largest),
            "image_width": photo.widths[-1],
            "image_height": photo.height_at(photo.widths[-1]),
        }
    return found


def organization(request, page: published.CooperativeValue) -> dict:
    """schema.org Organization of a cooperative's page, its products as offers."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": page.name,
        "url": _absolute(request, page.url),
    }
    if page.story:
        data["description"] = page.story[:500]
    if page.founded_year:
        data["foundingDate"] = str(page.founded_year)
    if page.commune:
        data["address"] = {
            "@type": "PostalAddress",
            "addressLocality": page.commune,
            "addressCountry": "VN",
            **({"streetAddress": page.address} if page.address else {}),
        }
    for key, value in (("telephone", page.phone), ("email", page.email)):
        if value:
            data[key] = value
    if page.website:
        data["sameAs"] = [page.website]
    if page.photo:
        data["image"] = _absolute(request, page.photo.largest)
    if page.products:
        data["makesOffer"] = [
            {
                "@type": "Offer",
                "itemOffered": {
                    "@type": "Product",
                    "name": product.name,
                    "url": _absolute(request, product.url),
                },
            }
            for product in page.products
        ]
    return data


def product(request, page: published.ProductValue) -> dict:
    """schema.org Product of a product's page: its maker, price range, OCOP rating."""
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": page.name,
        "url": _absolute(request, page.url),
        "manufacturer": {
            "@type": "Organization",
            "name": page.cooperative_name,
            "url": _absolute(request, page.cooperative_url),
        },
    }
    if page.description:
        data["description"] = page.description[:500]
    if page.category_label:
        data["category"] = page.category_label
    if page.photos:
        data["image"] = [_absolute(request, photo.largest) for photo in page.photos]
    if page.is_valid:
        data["award"] = _("OCOP %(stars)s stars (certificate %(number)s, valid until %(end)s)") % {
            "stars": page.stars,
            "number": page.certificate_number or "—",
            "end": page.expires_on.strftime("%d/%m/%Y"),
        }
    if page.price_from or page.price_to:
        data["offers"] = {
            "@type": "AggregateOffer",
            "priceCurrency": "VND",
            "lowPrice": page.price_from or page.price_to,
            "highPrice": page.price_to or page.price_from,
        }
    return data


# --- Open data ----------------------------------------------------------------------------

COOPERATIVE_COLUMNS = [
    "id",
    "name",
    "kind",
    "commune",
    "sectors",
    "founded_year",
    "shown_products",
    "page",
]
PRODUCT_COLUMNS = [
    "id",
    "name",
    "cooperative_id",
    "cooperative",
    "product_group",
    "ocop_stars",
    "year_certified",
    "certificate_number",
    "certificate_issued",
    "certificate_valid_until",
    "certificate_state",
    "price_from_vnd",
    "price_to_vnd",
    "price_unit",
    "page",
]


def cooperative_rows(request) -> list[dict]:
    rows = published.listing(published.directory())
    return [
        {
            "id": row.pk,
            "name": row.name,
            "kind": row.kind,
            "commune": row.commune,
            "sectors": "; ".join(row.sectors),
            "founded_year": row.founded_year,
            "shown_products": row.product_count,
            "page": _absolute(request, row.url),
        }
        for row in rows
    ]


def product_rows(request) -> list[dict]:
    rows = published.product_values(published.products())
    return [
        {
            "id": row.pk,
            "name": row.name,
            "cooperative_id": row.cooperative_pk,
            "cooperative": row.cooperative_name,
            "product_group": row.category,
            "ocop_stars": row.stars,
            "year_certified": row.year_certified,
            "certificate_number": row.certificate_number,
            "certificate_issued": row.certified_on.isoformat() if row.certified_on else "",
            "certificate_valid_until": row.expires_on.isoformat() if row.expires_on else "",
            "certificate_state": row.certificate_state,
            "price_from_vnd": row.price_from,
            "price_to_vnd": row.price_to,
            "price_unit": row.price_unit,
            "page": _absolute(request, row.url),
        }
        for row in rows
    ]


# name → (rows, columns, what it holds)
OPEN_DATA = {
    "cooperatives": (
        cooperative_rows,
        COOPERATIVE_COLUMNS,
        gettext_lazy("Published women-managed cooperatives and groups"),
    ),
    "products": (product_rows, PRODUCT_COLUMNS, gettext_lazy("Their products shown publicly")),
}
OPEN_DATA_FILES = [(name, about, columns) for name, (_r, columns, about) in OPEN_DATA.items()]


def open_data_response(request, name: str, file_format: str):
    """The open data file `name` as CSV (UTF-8 with a byte-order mark, which Excel needs to
    read Vietnamese) or JSON with its licence and date."""
    rows_of, columns, about = OPEN_DATA[name]
    rows = rows_of(request)
    if file_format == "json":
        return JsonResponse(
            {
                "title": str(about),
                "publisher": str(PUBLISHER),
                "licence": LICENCE,
                "generated": timezone.now().isoformat(timespec="seconds"),
                "columns": columns,
                "rows": rows,
            },
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerows(
        {key: "" if value is None else value for key, value in row.items()} for row in rows
    )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'inline; filename="{name}.csv"'
    response.headers["Link"] = f'<{LICENCE["url"]}>; rel="license"'
    return response


def as_script(data: dict) -> str:
    """`data` as the text of a <script type="application/ld+json"> element: JSON whose <, >
    and & are escaped, so no value can end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
