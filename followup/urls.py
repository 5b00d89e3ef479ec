from django.urls import path

from . import summary_views, views

app_name = "followup"
urlpatterns = [
    path("cooperatives/<int:cooperative_pk>/", views.cooperative_followup, name="cooperative"),
    path(
        "cooperatives/<int:cooperative_pk>/support/new/",
        views.support_create,
        name="support_create",
    ),
    path(
        "cooperatives/<int:cooperative_pk>/difficulties/new/",
        views.difficulty_create,
        name="difficulty_create",
    ),
    path("support/", views.support_list, name="support_list"),
    # Each list's Excel export is the same view, so it holds exactly the rows of the page.
    path("support/export.xlsx", views.support_list, {"as_xlsx": True}, name="support_list_xlsx"),
    path("support/many/", views.support_bulk, name="support_bulk"),
    path("support/<int:pk>/", views.support_detail, name="support_detail"),
    path("support/<int:pk>/edit/", views.support_edit, name="support_edit"),
    path("support/<int:pk>/delete/", views.support_delete, name="support_delete"),
    path("difficulties/", views.difficulty_list, name="difficulty_list"),
    path(
        "difficulties/export.xlsx",
        views.difficulty_list,
        {"as_xlsx": True},
        name="difficulty_list_xlsx",
    ),
    path("difficulties/<int:pk>/", views.difficulty_detail, name="difficulty_detail"),
    path("difficulties/<int:pk>/edit/", views.difficulty_edit, name="difficulty_edit"),
    path("difficulties/<int:pk>/answer/", views.difficulty_answer, name="difficulty_answer"),
    path("difficulties/<int:pk>/delete/", views.difficulty_delete, name="difficulty_delete"),
    path("summary/", summary_views.summary, name="summary"),
    path("summary/export.xlsx", summary_views.summary, {"as_xlsx": True}, name="summary_xlsx"),
    path("comparison/", summary_views.comparison, name="comparison"),
    path(
        "comparison/export.xlsx",
        summary_views.comparison,
        {"as_xlsx": True},
        name="comparison_xlsx",
    ),
    path("kinds/", views.kind_list, name="kind_list"),
    path("kinds/new/", views.kind_create, name="kind_create"),
    path("kinds/<int:pk>/edit/", views.kind_edit, name="kind_edit"),
]
