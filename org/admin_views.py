"""The admin's own pages that the portal answers itself, scoped like the rest of the admin."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ValidationError
from django.http import Http404


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
