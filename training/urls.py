from django.urls import path

from . import views

app_name = "training"
urlpatterns = [
    path("", views.event_list, name="event_list"),
    # Each list's Excel export is the same view, so it holds exactly the rows of the page.
    path("export.xlsx", views.event_list, {"as_xlsx": True}, name="event_list_xlsx"),
    path("new/", views.event_create, name="event_create"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path(
        "<int:pk>/participants.xlsx",
        views.event_participants_xlsx,
        name="event_participants_xlsx",
    ),
    path("<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("<int:pk>/delete/", views.event_delete, name="event_delete"),
    path("<int:pk>/participants/add/", views.participants_add, name="participants_add"),
    path(
        "<int:pk>/participants/<int:participant_pk>/edit/",
        views.participant_edit,
        name="participant_edit",
    ),
    path(
        "<int:pk>/participants/<int:participant_pk>/delete/",
        views.participant_delete,
        name="participant_delete",
    ),
    path("<int:pk>/head-counts/", views.head_counts_edit, name="head_counts"),
    path("officers/", views.officer_list, name="officer_list"),
    path("officers/export.xlsx", views.officer_list, {"as_xlsx": True}, name="officer_list_xlsx"),
    path("officers/new/", views.officer_create, name="officer_create"),
    path("officers/<int:pk>/", views.officer_detail, name="officer_detail"),
    path("officers/<int:pk>/edit/", views.officer_edit, name="officer_edit"),
    path("officers/<int:pk>/delete/", views.officer_delete, name="officer_delete"),
]
