from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.start, name="start"),
    path("template.xlsx", views.template, name="template"),
    path("<int:pk>/", views.batch, name="batch"),
    path("<int:pk>/marked.xlsx", views.marked, name="marked"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/discard/", views.discard, name="discard"),
]
