from django.urls import path, register_converter

from . import views


class PartConverter:
    """Matches the kinds of record that belong to one cooperative (views.PARTS)."""

    regex = "|".join(views.PARTS)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(PartConverter, "part")

app_name = "cooperatives"
urlpatterns = [
    path("", views.cooperative_list, name="list"),
    # Each list's Excel export is the same view, so it holds exactly the rows of the page.
    path("export.xlsx", views.cooperative_list, {"as_xlsx": True}, name="list_xlsx"),
    path("new/", views.cooperative_create, name="create"),
    path("<int:pk>/", views.cooperative_detail, name="detail"),
    path("<int:pk>/edit/", views.cooperative_edit, name="edit"),
    path("<int:pk>/delete/", views.cooperative_delete, name="delete"),
    path("<int:pk>/<part:part>/new/", views.part_create, name="part_create"),
    path("<int:pk>/<part:part>/<int:part_pk>/edit/", views.part_edit, name="part_edit"),
    path("<int:pk>/<part:part>/<int:part_pk>/delete/", views.part_delete, name="part_delete"),
    path("people/", views.person_list, name="person_list"),
    path("people/export.xlsx", views.person_list, {"as_xlsx": True}, name="person_list_xlsx"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/delete/", views.person_delete, name="person_delete"),
]
