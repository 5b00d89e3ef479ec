"""The boundary of the public site: the only reader of what it may show.

Public pages, the sitemap, the open data and the JSON-LD get plain values built here, never
a model instance, so a template cannot reach a field that was not chosen to be public. What
is public (showcase.models): a cooperative whose publication is PUBLISHED and that is
active; in it, the contacts and the address when their choices are ticked, the women
managers of today who have a recorded consent when `show_leaders` is ticked, and the
products ticked `shown_publicly`, with their photos and sales points.

The officers' preview builds the same page from the same functions for a cooperative that
is not published yet (`preview=True`).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.urls import reverse
from django.utils import timezone

from cooperatives.models import (
    CERTIFICATE_VALID,
    Cooperative,
    Kind,
    ManagementRole,
    OcopProduct,
    ProductGroup,
    Sector,
    YearlyFigures,
    certificate_not_expired_q,
    woman_manager_q,
)
from org.models import Unit

from .models import LeaderConsent, ProductPhoto, Publication, SalesPoint, slug_of

PUBLISHED = Publication.State.PUBLISHED


def cooperatives(preview_pk=None):
    """Return the published cooperatives (with `preview_pk`: that one, whatever its state)."""
    if preview_pk is not None:
        return Cooperative.objects.filter(pk=preview_pk)
    return Cooperative.objects.filter(
        publication__state=PUBLISHED, status=Cooperative.Status.ACTIVE
    )


def products(preview_pk=None):
    """Return the products shown publicly of the published cooperatives."""
    return OcopProduct.objects.filter(shown_publicly=True, cooperative__in=cooperatives(preview_pk))


# --- Plain values handed to pages -------------------------------------------------------


@dataclass(frozen=True)
class Photo:
    folder: str
    widths: tuple[int, ...]
    width: int
    height: int
    caption: str
    preview: bool = False

    def url(self, width: int) -> str:
        name = "showcase:preview_photo" if self.preview else "showcase:photo"
        return reverse(name, args=[self.folder, width])

    @property
    def src_width(self) -> int:
        """The middle rendition's width: what a browser without srcset shows."""
        return self.widths[min(1, len(self.widths) - 1)]

    @property
    def src_height(self) -> int:
        return self.height_at(self.src_width)

    @property
    def src(self) -> str:
        return self.url(self.src_width)

    @property
    def largest(self) -> str:
        return self.url(self.widths[-1])

    @property
    def srcset(self) -> str:
        return ", ".join(f"{self.url(width)} {width}w" for width in self.widths)

    def height_at(self, width: int) -> int:
        return round(self.height * width / self.width)


def _photo(folder, widths, width, height, caption="", preview=False) -> Photo | None:
    if not folder:
        return None
    sizes = tuple(int(w) for w in widths.split(","))
    return Photo(folder, sizes, width, height, caption, preview)


@dataclass(frozen=True)
class SalesPointValue:
    kind: str
    kind_label: str
    label: str
    url: str
    address: str


@dataclass(frozen=True)
class ProductValue:
    pk: int
    name: str
    slug: str
    category: str
    category_label: str
    stars: int
    year_certified: int
    certificate_number: str
    certified_on: datetime.date | None
    expires_on: datetime.date | None
    certificate_state: str
    description: str
    price_from: int | None
    price_to: int | None
    price_unit: str
    cooperative_pk: int
    cooperative_name: str
    cooperative_slug: str
    photos: list = field(default_factory=list)
    sales_points: list = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return self.certificate_state == CERTIFICATE_VALID

    @property
    def url(self) -> str:
        return reverse("showcase:product", args=[self.pk, self.slug])

    @property
    def cooperative_url(self) -> str:
        return reverse("showcase:cooperative", args=[self.cooperative_pk, self.cooperative_slug])

    @property
    def photo(self) -> Photo | None:
        return self.photos[0] if self.photos else None


@dataclass(frozen=True)
class Leader:
    name: str
    role: str


@dataclass(frozen=True)
class CooperativeValue:
    pk: int
    name: str
    slug: str
    kind: str
    kind_label: str
    commune: str
    founded_year: int | None
    sectors: list
    story: str = ""
    featured: bool = False
    phone: str = ""
    email: str = ""
    website: str = ""
    address: str = ""
    leaders: list = field(default_factory=list)
    products: list = field(default_factory=list)
    sales_points: list = field(default_factory=list)
    product_count: int = 0
    photo: Photo | None = None
    published_at: datetime.datetime | None = None
    changed_at: datetime.datetime | None = None

    @property
    def url(self) -> str:
        return reverse("showcase:cooperative", args=[self.pk, self.slug])


# --- Communes (the units valid today) -----------------------------------------------------


def communes_today(unit_ids, day: datetime.date) -> dict[int, Unit]:
    """Return {unit id: the unit it reports through on `day`} for `unit_ids` (a commune
    after the 2025 reform), read from the kept reporting map: one query for the names."""
    mapping = Unit.objects.reporting_mapping(day)
    through = {pk: mapping[pk] for pk in unit_ids if pk in mapping}
    units = {unit.pk: unit for unit in Unit.objects.filter(pk__in=set(through.values()))}
    return {pk: units[reporting] for pk, reporting in through.items()}


@dataclass(frozen=True)
class Places:
    """Where published cooperatives are, for the directory's filter: the communes (the
    units valid today) they report through, and those communes' provinces."""

    provinces: list  # [(id, name)], by name
    communes: list  # [(id, name, province id)], by name

    def communes_of(self, province_id) -> list:
        return [commune for commune in self.communes if commune[2] == province_id]

    def province_of(self, commune_id):
        return next((c[2] for c in self.communes if c[0] == commune_id), None)


def places(day: datetime.date) -> Places:
    """Return the places of the published cooperatives on `day`: two queries."""
    unit_ids = set(cooperatives().order_by().values_list("unit_id", flat=True).distinct())
    mapping = Unit.objects.reporting_mapping(day)
    reached = {mapping[pk] for pk in unit_ids if pk in mapping}
    rows = (
        Unit.objects.filter(pk__in=reached)
        .order_by("name", "pk")
        .values_list("pk", "name", "parent_id", "parent__name")
    )
    communes = [(pk, name, parent_id) for pk, name, parent_id, _parent in rows]
    provinces = sorted({(row[2], row[3]) for row in rows}, key=lambda p: (p[1] or "", p[0]))
    return Places(provinces=provinces, communes=communes)


# --- The directory ------------------------------------------------------------------------


def directory(
    *, query="", area: Unit | None = None, sector=None, stars=None, category="", day=None
):
    """Return the published cooperatives matching the filters, by name. `area` is a commune
    or a province: its records are those the dashboard counts for it (`figure_unit_ids`: a
    cooperative filed under an old commune counts under the commune that took it over)."""
    day = day or timezone.localdate()
    rows = cooperatives()
    if query:
        rows = rows.filter(publication__in=Publication.objects.search(query))
    if area is not None:
        rows = rows.filter(unit_id__in=Unit.objects.figure_unit_ids(area.pk, day))
    if sector:
        rows = rows.filter(sectors__code=sector)
    shown = products().filter(cooperative=OuterRef("pk"))
    if stars:
        in_force = shown.filter(certificate_not_expired_q(day), stars__gte=stars)
        rows = rows.filter(Exists(in_force))
    if category:
        rows = rows.filter(Exists(shown.filter(category=category)))
    return rows.order_by("name", "pk")


def page_of(rows, ids) -> list:
    """The cooperatives of `rows` whose ids are `ids` (a page of `directory`), in its order."""
    return rows.filter(pk__in=list(ids))


def listing(rows, day=None) -> list[CooperativeValue]:
    """Return the plain values of `rows` (a page of `directory`, or all of it for the open
    data), in their order: four queries (the rows with their product counts, their first
    photos, their sectors, their communes' names), however many rows."""
    day = day or timezone.localdate()
    shown = products().filter(cooperative=OuterRef("pk"))
    first_photo = ProductPhoto.objects.filter(
        product__cooperative=OuterRef("pk"), product__shown_publicly=True
    ).order_by("product__name", "product_id", "position", "pk")
    rows = list(
        rows.annotate(
            product_count=Subquery(
                shown.order_by().values("cooperative").annotate(n=Count("pk")).values("n")[:1]
            ),
            photo_pk=Subquery(first_photo.values("pk")[:1]),
        ).values(*LISTED)
    )
    photos = {
        pk: _photo(*values)
        for pk, *values in ProductPhoto.objects.filter(
            pk__in=[row["photo_pk"] for row in rows if row["photo_pk"]]
        ).values_list("pk", "folder", "widths", "width", "height")
    }
    sectors = _sectors_of([row["pk"] for row in rows])
    communes = communes_today({row["unit_id"] for row in rows}, day)
    return [_listed(row, sectors, communes, photos.get(row["photo_pk"])) for row in rows]


LISTED = [
    "pk",
    "name",
    "kind",
    "unit_id",
    "founded_on",
    "publication__featured",
    "product_count",
    "photo_pk",
]


def _identity(row, communes) -> dict:
    """What every view of a cooperative shows of it: name, kind, commune, founding year."""
    commune = communes.get(row["unit_id"])
    return {
        "pk": row["pk"],
        "name": row["name"],
        "slug": slug_of(row["name"]),
        "kind": row["kind"],
        "kind_label": str(Kind(row["kind"]).label),
        "commune": commune.name if commune else "",
        "founded_year": row["founded_on"].year if row["founded_on"] else None,
    }


def _listed(row, sectors, communes, photo) -> CooperativeValue:
    return CooperativeValue(
        **_identity(row, communes),
        sectors=sectors.get(row["pk"], []),
        featured=row["publication__featured"],
        product_count=row["product_count"] or 0,
        photo=photo,
    )


def _sectors_of(cooperative_ids) -> dict[int, list[str]]:
    found = {}
    through = Cooperative.sectors.through.objects.filter(cooperative_id__in=cooperative_ids)
    for cooperative_id, name in through.order_by("sector__position", "sector__name").values_list(
        "cooperative_id", "sector__name"
    ):
        found.setdefault(cooperative_id, []).append(name)
    return found


def featured(limit=6) -> list[CooperativeValue]:
    """Return the cooperatives province staff featured on the home page."""
    chosen = directory().filter(publication__featured=True)
    return listing(page_of(chosen, chosen.values_list("pk", flat=True)[:limit]))


# --- One cooperative ----------------------------------------------------------------------


def cooperative_page(pk, *, preview=False, day=None) -> CooperativeValue | None:
    """Return the public page of cooperative `pk`, or None when it is not public (with
    `preview`: as it would be once published). Ten queries, with the kept unit map's two."""
    day = day or timezone.localdate()
    row = (
        cooperatives(pk if preview else None)
        .filter(pk=pk)
        .values(
            "pk",
            "name",
            "kind",
            "unit_id",
            "founded_on",
            "address",
            "publication__story",
            "publication__featured",
            "publication__show_contacts",
            "publication__phone",
            "publication__email",
            "publication__website",
            "publication__show_address",
            "publication__show_leaders",
            "publication__published_at",
            "publication__updated_at",
        )
        .first()
    )
    if row is None:
        return None
    contacts = bool(row["publication__show_contacts"])
    shown = product_values(products(pk if preview else None).filter(cooperative_id=pk), preview)
    return CooperativeValue(
        **_identity(row, communes_today({row["unit_id"]}, day)),
        sectors=_sectors_of([pk]).get(pk, []),
        story=row["publication__story"] or "",
        featured=bool(row["publication__featured"]),
        phone=row["publication__phone"] if contacts else "",
        email=row["publication__email"] if contacts else "",
        website=row["publication__website"] if contacts else "",
        address=row["address"] if row["publication__show_address"] else "",
        leaders=_leaders(pk, day) if row["publication__show_leaders"] else [],
        products=shown,
        sales_points=_sales_points(Q(cooperative_id=pk, product__isnull=True)).get(None, []),
        product_count=len(shown),
        photo=shown[0].photo if shown and shown[0].photo else None,
        published_at=row["publication__published_at"],
        changed_at=row["publication__updated_at"],
    )


def _leaders(cooperative_id, day) -> list[Leader]:
    """The women managing it on `day` who agreed to be shown: name and role only."""
    consented = LeaderConsent.objects.filter(person=OuterRef("person"))
    roles = (
        ManagementRole.objects.active_on(day)
        .filter(woman_manager_q(), Exists(consented), cooperative_id=cooperative_id)
        .order_by("role", "person__full_name")
        .values_list("person__full_name", "role")
    )
    labels = dict(ManagementRole.Role.choices)
    return [Leader(name, str(labels[role])) for name, role in roles]


def _sales_points(condition) -> dict[int | None, list[SalesPointValue]]:
    """Return {product id (None: the whole cooperative's): its sales points} of those
    matching `condition`: one query."""
    labels = dict(SalesPoint.Kind.choices)
    found = {}
    rows = SalesPoint.objects.filter(condition).values_list(
        "product_id", "kind", "label", "url", "address"
    )
    for product_id, kind, label, url, address in rows:
        found.setdefault(product_id, []).append(
            SalesPointValue(kind, str(labels[kind]), label, url, address)
        )
    return found


# --- Products -----------------------------------------------------------------------------

PRODUCT_FIELDS = [
    "pk",
    "name",
    "category",
    "stars",
    "year_certified",
    "certificate_number",
    "certified_on",
    "expires_on",
    "description",
    "price_from",
    "price_to",
    "price_unit",
    "cooperative_id",
    "cooperative__name",
]


def product_values(rows, preview=False, day=None) -> list[ProductValue]:
    """Return the plain values of `rows` (shown products) with their photos and sales
    points: three queries."""
    day = day or timezone.localdate()
    rows = list(rows.order_by("name", "pk").values(*PRODUCT_FIELDS))
    pks = [row["pk"] for row in rows]
    photos = {}
    for photo in ProductPhoto.objects.filter(product_id__in=pks).values_list(
        "product_id", "folder", "widths", "width", "height", "caption"
    ):
        photos.setdefault(photo[0], []).append(_photo(*photo[1:], preview=preview))
    points = _sales_points(Q(product_id__in=pks))
    groups = dict(ProductGroup.choices)
    values = []
    for row in rows:
        state = OcopProduct(
            year_certified=row["year_certified"], expires_on=row["expires_on"]
        ).certificate_state(day)
        values.append(
            ProductValue(
                pk=row["pk"],
                name=row["name"],
                slug=slug_of(row["name"]),
                category=row["category"],
                category_label=str(groups.get(row["category"], "")),
                stars=row["stars"],
                year_certified=row["year_certified"],
                certificate_number=row["certificate_number"],
                certified_on=row["certified_on"],
                expires_on=row["expires_on"],
                certificate_state=state,
                description=row["description"],
                price_from=row["price_from"],
                price_to=row["price_to"],
                price_unit=row["price_unit"],
                cooperative_pk=row["cooperative_id"],
                cooperative_name=row["cooperative__name"],
                cooperative_slug=slug_of(row["cooperative__name"]),
                photos=photos.get(row["pk"], []),
                sales_points=points.get(row["pk"], []),
            )
        )
    return values


def product_page(pk, day=None) -> ProductValue | None:
    """Return the public page of product `pk`, with its cooperative's own sales points after
    the product's, or None when it is not public. Four queries."""
    found = product_values(products().filter(pk=pk), day=day)
    if not found:
        return None
    product = found[0]
    whole_range = Q(cooperative_id=product.cooperative_pk, product__isnull=True)
    product.sales_points.extend(_sales_points(whole_range).get(None, []))
    return product


def photo_is_public(folder: str) -> bool:
    """Whether the photo stored under `folder` belongs to a public product."""
    return ProductPhoto.objects.filter(folder=folder, product__in=products()).exists()


# --- The home page's figures --------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    cooperatives: int
    groups: int
    female_workers: int
    products: int
    valid_products: int
    by_sector: list
    by_commune: list


def figures(day=None) -> Figures:
    """Return what the published showcase holds: cooperatives and groups, their female
    workers (each one's latest yearly figures up to this year), their shown products (and
    those with a valid OCOP certificate), by sector and by commune. Six queries."""
    day = day or timezone.localdate()
    shown = cooperatives()
    # One grouped read gives both the counts by kind and those by unit (groups, not rows).
    kinds, per_unit = {}, {}
    for kind, unit_id, n in shown.order_by().values_list("kind", "unit_id").annotate(n=Count("pk")):
        kinds[kind] = kinds.get(kind, 0) + n
        per_unit[unit_id] = per_unit.get(unit_id, 0) + n
    latest = YearlyFigures.objects.filter(cooperative=OuterRef("pk"), year__lte=day.year)
    workers = shown.annotate(
        latest_female=Subquery(latest.order_by("-year").values("workers_female")[:1])
    ).aggregate(n=Sum("latest_female"))["n"]
    shown_products = products()
    product_counts = shown_products.aggregate(
        total=Count("pk"),
        valid=Count("pk", filter=Q(expires_on__gte=day)),
    )
    by_sector = list(
        Sector.objects.filter(cooperative__in=shown)
        .annotate(n=Count("cooperative", distinct=True))
        .order_by("-n", "position", "name")
        .values_list("code", "name", "n")
    )
    communes = {}
    for unit_id, unit in communes_today(per_unit, day).items():
        entry = communes.setdefault(unit.pk, [unit.pk, unit.name, 0])
        entry[2] += per_unit[unit_id]
    by_commune = sorted(communes.values(), key=lambda entry: (-entry[2], entry[1]))
    return Figures(
        cooperatives=kinds.get(Kind.HTX, 0),
        groups=kinds.get(Kind.THT, 0),
        female_workers=workers or 0,
        products=product_counts["total"],
        valid_products=product_counts["valid"],
        by_sector=by_sector,
        by_commune=by_commune,
    )


def addresses() -> list[tuple[str, datetime.datetime | None]]:
    """Return (address, last change) of every public cooperative's and product's page, for
    the sitemap: two queries."""
    found = [
        (reverse("showcase:cooperative", args=[pk, slug_of(name)]), changed)
        for pk, name, changed in cooperatives()
        .order_by("pk")
        .values_list("pk", "name", "publication__updated_at")
    ]
    found += [
        (reverse("showcase:product", args=[pk, slug_of(name)]), changed)
        for pk, name, changed in products().order_by("pk").values_list("pk", "name", "updated_at")
    ]
    return found
