from django.urls import path, register_converter

from . import views
from .access import KINDS


class KindConverter:
    """Matches the kinds of people whose requests are answered (access.KINDS)."""

    regex = "|".join(KINDS)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(KindConverter, "person_kind")

app_name = "privacy"
urlpatterns = [
    path("", views.find, name="find"),
    path("people/<person_kind:kind>/<int:pk>/", views.person, name="person"),
    path("people/<person_kind:kind>/<int:pk>/file.xlsx", views.person_file_download, name="file"),
    path("people/<person_kind:kind>/<int:pk>/anonymise/", views.anonymise_person, name="anonymise"),
]
