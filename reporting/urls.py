from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("<int:pk>/", views.round_board, name="round_board"),
    # The board's Excel export is the same view, so it holds exactly the rows of the page.
    path("<int:pk>/export.xlsx", views.round_board, {"as_xlsx": True}, name="round_board_xlsx"),
    path("<int:pk>/report/", views.provincial_report, name="provincial_report"),
    path("<int:pk>/report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("<int:pk>/report.pdf", views.report_pdf, name="report_pdf"),
    path("<int:pk>/report/edit/", views.report_edit, name="report_edit"),
    path("<int:round_pk>/units/<int:unit_pk>/", views.submission_page, name="submission"),
    path(
        "<int:round_pk>/units/<int:unit_pk>/files/",
        views.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "<int:round_pk>/units/<int:unit_pk>/files/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "<int:round_pk>/units/<int:unit_pk>/files/<int:attachment_pk>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path(
        "<int:round_pk>/units/<int:unit_pk>/<str:step>/",
        views.submission_step,
        name="submission_step",
    ),
]
