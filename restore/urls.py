from django.urls import path

from . import views

app_name = "restore"
urlpatterns = [
    path("deleted/", views.deleted_list, name="deleted"),
    path("deleted/<str:kind>/<int:history_id>/restore/", views.restore_view, name="restore"),
]
