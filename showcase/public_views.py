"""The public showcase: pages anyone may read, without logging in.

Every page reads through `published` (the boundary) and writes nothing. Pages are sent
with an ETag of their content and `Cache-Control: public, no-cache`: a browser or a proxy
keeps them and asks again each time (a 304 when nothing changed), so a page taken down is
gone on the next view. Abusive traffic is throttled per address (settings.PUBLIC_RATE).
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_ratelimit.core import is_ratelimited

from cooperatives.models import ProductGroup, Sector
from org.models import Unit

from . import linked_data, photos, published
from .kept import kept
from .sitemaps import SITEMAPS

PAGE_SIZE = 24


def public(view):
    """A public page: no log-in, GET or HEAD only, throttled per address, cacheable with an
    ETag of its content."""

    @login_not_required
    @require_safe
    @wraps(view)
    def page(request, *args, **kwargs):
        if throttled(request):
            return too_many(request)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()  # the sitemap's is a TemplateResponse
        if response.status_code == 200 and not response.streaming:
            etag = f'"{hashlib.blake2b(response.content, digest_size=16).hexdigest()}"'
            response.headers["ETag"] = etag
            response = get_conditional_response(request, etag=etag, response=response)
        if response.status_code in (200, 304):
            patch_cache_control(response, public=True, no_cache=True)
        # The language comes from a cookie (config.middleware.ChosenLanguageMiddleware).
        patch_vary_headers(response, ["Cookie"])
        return response

    return page


def throttled(request) -> bool:
    """Count this request of its address; whether the address went over PUBLIC_RATE."""
    return is_ratelimited(
        request, group="public", key="ip", rate=settings.PUBLIC_RATE, increment=True
    )


def too_many(request):
    response = render(request, "showcase/too_many.html", status=429)
    response.headers["Retry-After"] = "60"
    return response


@public
def home(request):
    today = timezone.localdate()
    figures, featured = kept(
        "home", lambda: (published.figures(today), published.featured()), today
    )
    context = {"figures": figures, "featured": featured, "groups": ProductGroup.choices}
    return render(request, "showcase/home.html", context)


@public
def directory(request):
    get, today = request.GET, timezone.localdate()
    places = kept("places", lambda: published.places(today), today)
    province, commune = _chosen_place(places, get.get("province", ""), get.get("commune", ""))
    sectors = list(Sector.objects.values_list("code", "name"))
    sector = get.get("sector", "") if get.get("sector", "") in dict(sectors) else ""
    stars = get.get("stars", "") if get.get("stars", "") in {"3", "4", "5"} else ""
    category = get.get("category", "") if get.get("category", "") in ProductGroup.values else ""
    query = get.get("q", "").strip()[:100]
    area = commune or province
    rows = published.directory(
        query=query,
        area=Unit.objects.get(pk=area) if area else None,
        sector=sector,
        stars=int(stars) if stars else None,
        category=category,
    )
    page = Paginator(rows.values_list("pk", flat=True), PAGE_SIZE).get_page(get.get("page"))
    several = len(places.provinces) > 1
    context = {
        "page": page,
        "cooperatives": published.listing(published.page_of(rows, page.object_list)),
        # Nationally the communes are thousands: a province is chosen first.
        "provinces": places.provinces if several else [],
        "communes": places.communes_of(province) if several else places.communes,
        "sectors": sectors,
        "groups": ProductGroup.choices,
        "chosen": {
            "q": query,
            "province": province,
            "commune": commune,
            "sector": sector,
            "stars": stars,
            "category": category,
        },
        "query_string": _without_page(get),
    }
    return render(request, "showcase/directory.html", context)


def _chosen_place(places, province, commune):
    """The (province id, commune id) chosen, each None when not one of `places`; a commune
    chosen alone (a link from the home page) brings its province."""
    commune = int(commune) if commune.isdigit() else None
    province = int(province) if province.isdigit() else None
    commune_province = places.province_of(commune)
    if commune_province is None:
        commune = None
    elif province is None:
        province = commune_province
    elif province != commune_province:
        commune = None
    if province not in {pk for pk, _name in places.provinces}:
        province = None
    return province, commune


def _without_page(get) -> str:
    rest = get.copy()
    rest.pop("page", None)
    return rest.urlencode()


@public
def cooperative(request, pk, slug):
    page = published.cooperative_page(pk)
    if page is None:
        raise Http404(_("This cooperative is not on the public site."))
    if slug != page.slug:
        return redirect(page.url, permanent=True)
    return render(request, "showcase/cooperative.html", cooperative_context(request, page))


def cooperative_context(request, page, preview=False):
    return {
        "cooperative": page,
        "preview": preview,
        "linked_data": None if preview else linked_data.organization(request, page),
        "share": linked_data.share(
            request,
            url=page.url,
            title=page.name,
            text=page.story,
            photo=page.photo,
            og_type="profile",
        ),
    }


@public
def product(request, pk, slug):
    page = published.product_page(pk)
    if page is None:
        raise Http404(_("This product is not on the public site."))
    if slug != page.slug:
        return redirect(page.url, permanent=True)
    context = {
        "product": page,
        "linked_data": linked_data.product(request, page),
        "share": linked_data.share(
            request,
            url=page.url,
            title=page.name,
            text=page.description,
            photo=page.photo,
            og_type="product",
        ),
    }
    return render(request, "showcase/product.html", context)


@login_not_required
@require_safe
def photo(request, folder, width):
    """A rendition of a public product's photo. Its files never change (a new upload has a
    new folder); it is served only while its product is public."""
    if throttled(request):
        return too_many(request)
    if not published.photo_is_public(folder):
        raise Http404(_("This photo is not on the public site."))
    return serve_photo(request, folder, width, public=True)


def serve_photo(request, folder, width, *, public):
    name = photos.name_of(folder, width)
    etag = f'"{folder}-{width}"'
    conditional = get_conditional_response(request, etag=etag)
    if conditional is None:
        if not default_storage.exists(name):
            raise Http404(_("This photo is not on the public site."))
        conditional = FileResponse(default_storage.open(name), content_type="image/jpeg")
        conditional.headers["ETag"] = etag
    patch_cache_control(conditional, **{"public" if public else "private": True}, no_cache=True)
    return conditional


@public
def open_data(request):
    return render(request, "showcase/open_data.html", {"files": linked_data.OPEN_DATA_FILES})


@public
def open_data_file(request, name, file_format):
    if name not in linked_data.OPEN_DATA:
        raise Http404(_("There is no such file."))
    return linked_data.open_data_response(request, name, file_format)


@public
def sitemap(request):
    """The sitemap's index: its pages of a thousand addresses."""
    return _kept_sitemap(
        request,
        "sitemap-index",
        lambda: sitemap_index(request, SITEMAPS, sitemap_url_name="showcase:sitemap_section"),
    )


@public
def sitemap_section(request, section):
    if section not in SITEMAPS:
        raise Http404(_("There is no such file."))
    page = request.GET.get("p", "1")
    return _kept_sitemap(
        request, "sitemap", lambda: sitemap_view(request, SITEMAPS, section=section), page
    )


def _kept_sitemap(request, name, view, *parts):
    """A sitemap file as written, kept until the data changes."""

    def written():
        response = view()
        response.render()
        return response.content

    content = kept(name, written, request.get_host(), timezone.localdate(), *parts)
    return HttpResponse(content, content_type="application/xml")


@public
def robots(request):
    sitemap = request.build_absolute_uri(reverse("showcase:sitemap"))
    lines = [
        "User-agent: *",
        f"Allow: {reverse('showcase:home')}",
        "Disallow: /",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@login_not_required
@require_safe
def language(request, code):
    """Choose the public site's language (a link: the public pages carry no form)."""
    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("showcase:home")
    response = redirect(back)
    if code in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
        )
    return response
