"""The admin's own pages that the portal answers itself, scoped like the rest of the admin."""

from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from . import personal_data
from .models import AccessRecord


def view_on_site(request, content_type_id, object_id):
    """Redirect to a record's page, as the admin's "View on site" does, only for a record the
    user may open in the admin: any other id is a 404, whether it exists or not, so that ids
    cannot be probed (Django's own redirects for any record that exists)."""
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type else None
    if model is None or not admin.site.is_registered(model):
        raise Http404
    model_admin = admin.site.get_model_admin(model)
    if not model_admin.has_view_or_change_permission(request):
        raise Http404
    try:
        visible = model_admin.get_queryset(request).filter(pk=object_id).exists()
    except (ValueError, ValidationError):
        visible = False
    if not visible:
        raise Http404
    return shortcut(request, content_type_id, object_id)


def sees_inventory(user) -> bool:
    """Administrators and province staff (and Django's superusers) read the inventory of
    personal data; leaders and unit officers do not."""
    return user.is_active and (user.is_administrator or user.is_province_staff or user.is_superuser)


def inventory(request):
    """The inventory of personal data (`org.personal_data`): each model's personal fields,
    basic or sensitive, whether exports leave them out by default, and who may see them."""
    if not sees_inventory(request.user):
        raise PermissionDenied
    models = {}
    for field in personal_data.FIELDS:
        opts = apps.get_model(field.model)._meta
        group = models.setdefault(
            field.model, {"label": field.model, "name": capfirst(opts.verbose_name), "fields": []}
        )
        group["fields"].append(
            {
                "name": field.field,
                "verbose_name": capfirst(opts.get_field(field.field).verbose_name),
                "sensitive": field.sensitivity == personal_data.Sensitivity.SENSITIVE,
                "sensitivity": personal_data.Sensitivity(field.sensitivity).label,
                "detail": field.detail,
                "seen_by": field.seen_by,
            }
        )
    # Models that describe a person but hold no personal field of their own (links).
    links = [
        {"label": label, "name": capfirst(apps.get_model(label)._meta.verbose_name)}
        for label in sorted(personal_data.PERSON_MODELS - set(models))
    ]
    context = {
        **admin.site.each_context(request),
        "title": _("Personal data"),
        "purpose": personal_data.PURPOSE,
        "models": list(models.values()),
        "links": links,
        "sees_log": admin.site.get_model_admin(AccessRecord).has_view_permission(request),
    }
    return TemplateResponse(request, "admin/personal_data.html", context)
