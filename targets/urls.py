from django.urls import path

from . import views

app_name = "targets"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<str:code>/units/", views.breakdown, name="breakdown"),
    path("<str:code>/records/", views.records, name="records"),
]
