"""Registry pages: cooperatives, their yearly figures, products and roles, and people.

Every view loads its objects through `access`, so scope is decided in one place. A page that
shows people says so to the access log of personal data (`org.access_log.note`): how many
people a list shows, counted off the rows it has already read.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from config.history import history_context
from config.pages import paginate
from config.spreadsheets import applied_filters
from org import details as personal_details
from org.access import require_editor
from org.access_log import Action, note
from org.editing import confirm_delete, form_page
from org.personal_data import detail_fields

from . import exports
from .access import (
    cooperative_history,
    cooperatives_for,
    get_cooperative_or_404,
    get_person_or_404,
    in_scope,
    may_search,
    people_for,
    person_history,
)
from .filters import CooperativeFilter
from .forms import (
    CooperativeForm,
    ManagementRoleForm,
    OcopProductForm,
    PersonForm,
    YearlyFiguresForm,
)
from .models import ManagementRole, OcopProduct, YearlyFigures


@require_GET
def cooperative_list(request, as_xlsx=False):
    today = timezone.localdate()
    filters = CooperativeFilter(
        request.GET or None, cooperatives_for(request.user), user=request.user, day=today
    )

    def details(cooperatives):
        return (
            cooperatives.select_related("unit__parent")
            .prefetch_related("sectors")
            .with_women_managed_on(today)
            .with_latest_figures(today.year)
        )

    if as_xlsx:
        return exports.COOPERATIVES.response(
            details(filters.qs), details=applied_filters(filters.form)
        )
    page = paginate(request, filters.qs, details)
    context = {"filters": filters, "page": page, "today": today}
    return render(request, "cooperatives/list.html", context)


@require_GET
def cooperative_detail(request, pk):
    cooperative = get_cooperative_or_404(request.user, pk)
    today = timezone.localdate()
    roles = list(
        cooperative.roles.select_related("person__ethnicity").order_by(
            "end_date", "-start_date", "pk"
        )
    )
    # The page names the managers: a list of people.
    managers = len({role.person_id for role in roles})
    if managers:
        note(request, Action.LIST, people=managers)
    context = {
        "cooperative": cooperative,
        "sectors": cooperative.sectors.all(),
        "roles": roles,
        "figures": cooperative.yearly_figures.order_by("-year"),
        "products": cooperative.ocop_products.all(),
        "converted_into": cooperatives_for(request.user).filter(converted_from=cooperative),
        "is_women_managed": cooperative.is_women_managed_on(today),
        **history_context(*cooperative_history(cooperative)),
    }
    return render(request, "cooperatives/detail.html", context)


@require_http_methods(["GET", "POST"])
def cooperative_create(request):
    require_editor(request.user)
    return _cooperative_form(request, instance=None)


@require_http_methods(["GET", "POST"])
def cooperative_edit(request, pk):
    require_editor(request.user)
    return _cooperative_form(request, instance=get_cooperative_or_404(request.user, pk))


def _cooperative_form(request, instance):
    form = CooperativeForm(request.POST or None, instance=instance, user=request.user)
    return form_page(request, form, "cooperatives/form.html", {"cooperative": instance})


@require_http_methods(["GET", "POST"])
def cooperative_delete(request, pk):
    require_editor(request.user)
    cooperative = get_cooperative_or_404(request.user, pk)
    return confirm_delete(
        request,
        cooperative,
        done_url="cooperatives:list",
        consequences=lambda: [
            _("%(count)s years of figures") % {"count": cooperative.yearly_figures.count()},
            _("%(count)s management roles") % {"count": cooperative.roles.count()},
            _("%(count)s OCOP products") % {"count": cooperative.ocop_products.count()},
        ],
    )


# The records that belong to one cooperative, edited through the same three views.
PARTS = {
    "figures": (YearlyFigures, YearlyFiguresForm),
    "products": (OcopProduct, OcopProductForm),
    "roles": (ManagementRole, ManagementRoleForm),
}


def _part_form(request, cooperative, part, instance=None):
    model, form_class = PARTS[part]
    if instance is None:
        instance = model(cooperative=cooperative)
    form = form_class(request.POST or None, instance=instance, user=request.user)
    context = {"cooperative": cooperative, "model_name": model._meta.verbose_name}
    response = form_page(
        request, form, "cooperatives/part_form.html", context, redirect_to=cooperative
    )
    if part == "roles" and response.status_code == 200:
        # A role's form offers the people of the cooperative's area to choose from.
        offered = form.fields["person"].queryset.count()
        if offered:
            note(request, Action.LIST, people=offered)
    return response


def _get_part_or_404(request, pk, part, part_pk):
    model, _form = PARTS[part]
    return get_object_or_404(
        in_scope(model.objects.select_related("cooperative__unit"), request.user).filter(
            cooperative_id=pk
        ),
        pk=part_pk,
    )


@require_http_methods(["GET", "POST"])
def part_create(request, pk, part):
    require_editor(request.user)
    return _part_form(request, get_cooperative_or_404(request.user, pk), part)


@require_http_methods(["GET", "POST"])
def part_edit(request, pk, part, part_pk):
    require_editor(request.user)
    record = _get_part_or_404(request, pk, part, part_pk)
    return _part_form(request, record.cooperative, part, instance=record)


@require_http_methods(["GET", "POST"])
def part_delete(request, pk, part, part_pk):
    require_editor(request.user)
    record = _get_part_or_404(request, pk, part, part_pk)
    cooperative_url = record.cooperative.get_absolute_url()
    response = confirm_delete(request, record, done_url=cooperative_url, cancel_url=cooperative_url)
    if part == "roles":
        _shows(request, response, record.person)
    return response


@require_GET
def person_list(request, as_xlsx=False):
    people = people_for(request.user).select_related("unit__parent", "ethnicity")
    query = request.GET.get("q", "").strip()
    if query:
        people = people.search(query) if may_search(request.user, query) else people.none()
    if as_xlsx:
        roles = ManagementRole.objects.active_on(timezone.localdate()).select_related("cooperative")
        people = people.prefetch_related(
            Prefetch("roles", in_scope(roles, request.user), to_attr="current_roles")
        )
        details = [f"{_('Search')}: {query}"] if query else []
        # Phone, birth year and ethnicity only when asked for, with a reason for the log.
        reason = personal_details.granted(request)
        note(request, Action.EXPORT, reason=reason)
        return exports.PEOPLE.response(people, details=details, full=bool(reason))
    page = paginate(request, people)
    page.object_list = list(page.object_list)
    if page.object_list:
        note(request, Action.LIST, people=len(page.object_list))
    context = {"page": page, "q": query}
    return render(request, "cooperatives/person_list.html", context)


@require_GET
def person_detail(request, pk):
    person = get_person_or_404(request.user, pk)
    roles = in_scope(person.roles.select_related("cooperative"), request.user).order_by(
        "-start_date"
    )
    note(request, Action.VIEW, person=person)
    # Leaders see names, not phone, birth year and ethnicity: nor their changes.
    hidden = () if request.user.can_edit_records else detail_fields("cooperatives.Person")
    context = {
        "person": person,
        "roles": roles,
        **history_context(*person_history(request.user, person), hide=hidden),
    }
    return render(request, "cooperatives/person_detail.html", context)


@require_http_methods(["GET", "POST"])
def person_create(request):
    require_editor(request.user)
    return _person_form(request, instance=None)


@require_http_methods(["GET", "POST"])
def person_edit(request, pk):
    require_editor(request.user)
    person = get_person_or_404(request.user, pk)
    return _shows(request, _person_form(request, instance=person), person)


def _person_form(request, instance):
    form = PersonForm(request.POST or None, instance=instance, user=request.user)
    return form_page(request, form, "cooperatives/person_form.html", {"person": instance})


@require_http_methods(["GET", "POST"])
def person_delete(request, pk):
    require_editor(request.user)
    person = get_person_or_404(request.user, pk)
    response = confirm_delete(
        request,
        person,
        done_url="cooperatives:person_list",
        consequences=lambda: [
            _("%(count)s management roles") % {"count": person.roles.count()},
        ],
    )
    return _shows(request, response, person)


def _shows(request, response, person):
    """Note that `response`, a form or a confirmation about `person`, shows them (a saved
    form or a done delete goes elsewhere, showing nothing); return it."""
    if response.status_code == 200:
        note(request, Action.VIEW, person=person)
    return response
