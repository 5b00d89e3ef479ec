"""Follow-up pages: the support given to cooperatives, the difficulties they raised and their
answers, and the catalogue of kinds of support.

Every view loads its records through `access`, so scope is decided in one place; every save
goes through the door (`org.writes`)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from config.history import history_context
from config.pages import paginate
from config.spreadsheets import applied_filters
from cooperatives.access import get_cooperative_or_404
from org import writes
from org.access import require_editor, require_province_staff, units_to_file_under
from org.editing import add_errors, confirm_delete, form_page
from org.models import Unit

from . import exports
from .access import (
    difficulties_for,
    get_difficulty_or_404,
    get_support_or_404,
    opens,
    supports_for,
)
from .filters import DifficultyFilter, SupportFilter
from .forms import AnswerForm, BulkSupportForm, DifficultyForm, SupportForm, SupportKindForm
from .models import Difficulty, Support, SupportKind, overdue_since
from .timeline import timeline

# Rows of the "open difficulties by body / by unit" tables on the list.
GROUPS_SHOWN = 15


def _support_details(supports):
    return supports.select_related("cooperative__unit__parent", "kind", "body__parent")


@require_GET
def cooperative_followup(request, cooperative_pk):
    """A cooperative's follow-up: what it was given, what it raised, and its timeline."""
    cooperative = get_cooperative_or_404(request.user, cooperative_pk)
    today = timezone.localdate()
    context = {
        "cooperative": cooperative,
        "today": today,
        "timeline": timeline(cooperative, request.user, today),
        "may_change": request.user.can_edit_records,
    }
    return render(request, "followup/cooperative.html", context)


@require_GET
def support_list(request, as_xlsx=False):
    filters = SupportFilter(request.GET or None, supports_for(request.user), user=request.user)
    if as_xlsx:
        return exports.SUPPORTS.response(
            _support_details(filters.qs), details=applied_filters(filters.form)
        )
    page = paginate(request, filters.qs, _support_details)
    return render(request, "followup/support_list.html", {"filters": filters, "page": page})


@require_GET
def support_detail(request, pk):
    support = get_support_or_404(request.user, pk)
    context = {
        "support": support,
        "may_change": request.user.can_edit_records and opens(request.user, support.cooperative),
        **history_context(Support.history.filter(id=support.pk)),
    }
    return render(request, "followup/support_detail.html", context)


@require_http_methods(["GET", "POST"])
def support_create(request, cooperative_pk):
    require_editor(request.user)
    cooperative = get_cooperative_or_404(request.user, cooperative_pk)
    form = SupportForm(request.POST or None, cooperative=cooperative)
    context = {"cooperative": cooperative}
    return form_page(request, form, "followup/support_form.html", context)


@require_http_methods(["GET", "POST"])
def support_edit(request, pk):
    require_editor(request.user)
    support = get_support_or_404(request.user, pk, to_change=True)
    form = SupportForm(request.POST or None, instance=support)
    context = {"cooperative": support.cooperative, "support": support}
    return form_page(request, form, "followup/support_form.html", context)


@require_http_methods(["GET", "POST"])
def support_delete(request, pk):
    require_editor(request.user)
    support = get_support_or_404(request.user, pk, to_change=True)
    return confirm_delete(request, support, done_url=_followup_url(support.cooperative_id))


def _followup_url(cooperative_pk) -> str:
    return reverse("followup:cooperative", args=[cooperative_pk])


@require_http_methods(["GET", "POST"])
def support_bulk(request):
    """One event for many cooperatives: choose them (by unit and name), tick, save once."""
    require_editor(request.user)
    unit = None
    if request.GET.get("unit", "").isdigit():
        unit = Unit.objects.filter(pk=request.GET["unit"]).first()
    query = request.GET.get("q", "").strip()
    form = BulkSupportForm(request.POST or None, user=request.user, unit=unit, query=query)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                saved = [writes.save(record=record, by=request.user) for record in form.records()]
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Saved: %(kind)s for %(count)s cooperatives.")
                % {"kind": saved[0].kind, "count": len(saved)},
            )
            return redirect(f"{reverse('followup:support_list')}?batch={saved[0].batch}")
    context = {"form": form, "q": query, "unit": unit, "units": units_to_file_under(request.user)}
    return render(request, "followup/support_bulk.html", context)


def _difficulty_details(difficulties):
    return difficulties.select_related("cooperative__unit__parent", "body__parent")


@require_GET
def difficulty_list(request, as_xlsx=False):
    filters = DifficultyFilter(
        request.GET or None, difficulties_for(request.user), user=request.user
    )
    if as_xlsx:
        return exports.DIFFICULTIES.response(
            _difficulty_details(filters.qs), details=applied_filters(filters.form)
        )
    today = timezone.localdate()
    page = paginate(request, filters.qs, _difficulty_details)
    context = {
        "filters": filters,
        "page": page,
        "today": today,
        "by_body": _waiting_by(filters.qs, "body", today),
        "by_unit": _waiting_by(filters.qs, "cooperative__unit", today),
    }
    return render(request, "followup/difficulty_list.html", context)


def _waiting_by(difficulties, group: str, today):
    """The difficulties not answered yet, and those overdue, per `group` (the body, the
    cooperative's unit): the groups with most waiting first. One query."""
    overdue = Q(raised_on__lt=overdue_since(today))
    return list(
        difficulties.still_open()
        .order_by()
        .values(f"{group}_id", f"{group}__name")
        .annotate(waiting=Count("pk"), overdue=Count("pk", filter=overdue))
        .order_by("-overdue", "-waiting", f"{group}__name")[:GROUPS_SHOWN]
    )


@require_GET
def difficulty_detail(request, pk):
    difficulty = get_difficulty_or_404(request.user, pk)
    context = {
        "difficulty": difficulty,
        "today": timezone.localdate(),
        "may_change": request.user.can_edit_records and opens(request.user, difficulty.cooperative),
        **history_context(Difficulty.history.filter(id=difficulty.pk)),
    }
    return render(request, "followup/difficulty_detail.html", context)


@require_http_methods(["GET", "POST"])
def difficulty_create(request, cooperative_pk):
    require_editor(request.user)
    cooperative = get_cooperative_or_404(request.user, cooperative_pk)
    form = DifficultyForm(request.POST or None, cooperative=cooperative)
    context = {"cooperative": cooperative}
    return form_page(request, form, "followup/difficulty_form.html", context)


@require_http_methods(["GET", "POST"])
def difficulty_edit(request, pk):
    require_editor(request.user)
    difficulty = get_difficulty_or_404(request.user, pk, to_change=True)
    form = DifficultyForm(request.POST or None, instance=difficulty)
    context = {"cooperative": difficulty.cooperative, "difficulty": difficulty}
    return form_page(request, form, "followup/difficulty_form.html", context)


@require_http_methods(["GET", "POST"])
def difficulty_answer(request, pk):
    """The answer of the body responsible (or of the cooperative's own unit)."""
    require_editor(request.user)
    difficulty = get_difficulty_or_404(request.user, pk)
    form = AnswerForm(request.POST or None, instance=difficulty)
    context = {"cooperative": difficulty.cooperative, "difficulty": difficulty, "answering": True}
    return form_page(request, form, "followup/difficulty_form.html", context)


@require_http_methods(["GET", "POST"])
def difficulty_delete(request, pk):
    require_editor(request.user)
    difficulty = get_difficulty_or_404(request.user, pk, to_change=True)
    return confirm_delete(request, difficulty, done_url=_followup_url(difficulty.cooperative_id))


@require_GET
def kind_list(request):
    kinds = SupportKind.objects.annotate(records=Count("support"))
    return render(request, "followup/kind_list.html", {"kinds": kinds})


@require_http_methods(["GET", "POST"])
def kind_create(request):
    require_province_staff(request.user)
    form = SupportKindForm(request.POST or None)
    return form_page(request, form, "followup/kind_form.html")


@require_http_methods(["GET", "POST"])
def kind_edit(request, pk):
    require_province_staff(request.user)
    kind = get_object_or_404(SupportKind, pk=pk)
    form = SupportKindForm(request.POST or None, instance=kind)
    return form_page(request, form, "followup/kind_form.html", {"kind": kind})
