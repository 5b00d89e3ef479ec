"""URLs of the admin's that the portal answers itself: mounted before the admin's own."""

from django.contrib import admin
from django.urls import path

from .admin_views import inventory, view_on_site

urlpatterns = [
    path(
        "r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site),
        name="admin_view_on_site",
    ),
    # The inventory of personal data (org.personal_data), for administrators and province staff.
    path("personal-data/", admin.site.admin_view(inventory), name="admin_personal_data"),
]
