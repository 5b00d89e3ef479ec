"""The deleted records' page and the restore of one, for province staff."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from config.pages import paginate
from org.access import require_province_staff

from .services import KINDS, OWNER, RestoreError, deleted_records, restore


@require_GET
def deleted_list(request):
    require_province_staff(request.user)
    kind = request.GET.get("kind", "")
    rows = deleted_records(kind if kind in KINDS else None)
    kinds = [(key, capfirst(model._meta.verbose_name_plural)) for key, model in KINDS.items()]
    context = {"page": paginate(request, rows), "kinds": kinds, "kind": kind}
    return render(request, "restore/deleted.html", context)


@require_POST
def restore_view(request, kind, history_id):
    require_province_staff(request.user)
    if kind not in KINDS:
        raise Http404
    record = get_object_or_404(KINDS[kind].history.model, history_id=history_id, history_type="-")
    try:
        instance, parts = restore(record=record, by=request.user)
    except RestoreError as error:
        messages.error(request, str(error))
        return redirect(reverse("restore:deleted") + f"?kind={kind}")
    message = _("Restored: %(record)s.") % {"record": instance}
    if parts:
        message += " " + ngettext(
            "%(count)s record deleted with it was restored too.",
            "%(count)s records deleted with it were restored too.",
            parts,
        ) % {"count": parts}
    messages.success(request, message)
    return redirect(_page_of(instance))


def _page_of(instance) -> str:
    """Return the page that shows a restored record: its own, or its owner's."""
    if hasattr(instance, "get_absolute_url"):
        return instance.get_absolute_url()
    return getattr(instance, OWNER[type(instance)]).get_absolute_url()
