from django.urls import path

from . import views

app_name = "targets"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("units/", views.heat, name="heat"),
    path("<str:code>/units/", views.breakdown, name="breakdown"),
    path("<str:code>/records/", views.records, name="records"),
    # Each list's Excel export is the same view, so it holds exactly the rows of the page.
    path("<str:code>/units/export.xlsx", views.breakdown, {"as_xlsx": True}, name="breakdown_xlsx"),
    path("<str:code>/records/export.xlsx", views.records, {"as_xlsx": True}, name="records_xlsx"),
]
