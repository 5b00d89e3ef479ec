"""Page helpers shared by the apps' views: pagination and the page asked for."""

from django.conf import settings
from django.core.paginator import Paginator


def paginate(request, queryset, details=None):
    """Return the requested page of `queryset`, with a page size the user may choose.

    `details(queryset)`, if given, adds what only the rows shown need (annotations with
    subqueries, related rows): it is applied to the page's rows alone, since the database
    would otherwise compute it for every row it skips to reach a deep page.
    `page.query` is the request's query string without the page number, for page links.
    """
    page = Paginator(queryset, page_size(request)).get_page(request.GET.get("page"))
    if details is not None:
        ids = list(page.object_list.values_list("pk", flat=True))
        rows = details(queryset.model._default_manager.filter(pk__in=ids)).in_bulk()
        page.object_list = [rows[pk] for pk in ids]
    page.per_page_choices = settings.REGISTRY_PAGE_SIZES
    query = request.GET.copy()
    query.pop("page", None)
    page.query = query.urlencode()
    return page


def page_size(request) -> int:
    """The page size asked for, if it is one of those offered (else the first)."""
    sizes = settings.REGISTRY_PAGE_SIZES
    try:
        per_page = int(request.GET.get("per_page", sizes[0]))
    except ValueError:
        return sizes[0]
    return per_page if per_page in sizes else sizes[0]


def page_asked(request, count: int) -> str:
    """The page `paginate` shows of `count` rows for `request`, as "number/size": the same
    page for every way of asking for it (a page past the end is the last one)."""
    per_page = page_size(request)
    number = Paginator(range(count), per_page).get_page(request.GET.get("page")).number
    return f"{number}/{per_page}"
