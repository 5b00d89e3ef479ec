"""URLs of the admin's that the portal answers itself: mounted before the admin's own."""

from django.contrib import admin
from django.urls import path

from .admin_views import view_on_site

urlpatterns = [
    path(
        "r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site),
        name="admin_view_on_site",
    ),
]
