from django.urls import path

from . import details

app_name = "org"

urlpatterns = [
    path("exports/details/", details.details_form, name="details_form"),
]
