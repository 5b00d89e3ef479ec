from django.urls import path, register_converter

from . import officer_views, public_views


class FolderConverter:
    """A photo's folder: 32 hexadecimal digits (showcase.photos.new_folder)."""

    regex = "[0-9a-f]{32}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FolderConverter, "folder")

app_name = "showcase"
urlpatterns = [
    # The public site: no log-in (showcase.public_views).
    path("public/", public_views.home, name="home"),
    path("public/hop-tac-xa/", public_views.directory, name="directory"),
    path("public/hop-tac-xa/<int:pk>-<str:slug>/", public_views.cooperative, name="cooperative"),
    path("public/san-pham/<int:pk>-<str:slug>/", public_views.product, name="product"),
    path("public/anh/<folder:folder>/<int:width>.jpg", public_views.photo, name="photo"),
    path("public/du-lieu-mo/", public_views.open_data, name="open_data"),
    path(
        "public/du-lieu-mo/<slug:name>.<str:file_format>",
        public_views.open_data_file,
        name="open_data_file",
    ),
    path("public/ngon-ngu/<str:code>/", public_views.language, name="language"),
    path("sitemap.xml", public_views.sitemap, name="sitemap"),
    path("sitemap-<slug:section>.xml", public_views.sitemap_section, name="sitemap_section"),
    path("robots.txt", public_views.robots, name="robots"),
    # The officers' side, beside the registry.
    path("registry/<int:pk>/public/", officer_views.manage, name="manage"),
    path("registry/<int:pk>/public/preview/", officer_views.preview, name="preview"),
    path(
        "registry/<int:pk>/public/<str:step>/",
        officer_views.step,
        name="step",
    ),
    path(
        "registry/public-photos/<folder:folder>/<int:width>.jpg",
        officer_views.preview_photo,
        name="preview_photo",
    ),
    path(
        "registry/<int:pk>/public/sales-points/new/",
        officer_views.sales_point_create,
        name="sales_point_create",
    ),
    path(
        "registry/<int:pk>/public/sales-points/<int:point_pk>/edit/",
        officer_views.sales_point_edit,
        name="sales_point_edit",
    ),
    path(
        "registry/<int:pk>/public/sales-points/<int:point_pk>/delete/",
        officer_views.sales_point_delete,
        name="sales_point_delete",
    ),
    path(
        "registry/<int:pk>/products/<int:product_pk>/photos/",
        officer_views.product_photos,
        name="photos",
    ),
    path(
        "registry/<int:pk>/products/<int:product_pk>/photos/<int:photo_pk>/delete/",
        officer_views.photo_delete,
        name="photo_delete",
    ),
    path("registry/people/<int:person_pk>/consent/", officer_views.consent, name="consent"),
    path(
        "registry/people/<int:person_pk>/consent/withdraw/",
        officer_views.consent_withdraw,
        name="consent_withdraw",
    ),
]
