from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from django.views.i18n import set_language

urlpatterns = [
    # Everyone lands on the dashboard: the province's, or a unit officer's own unit's.
    path("", RedirectView.as_view(pattern_name="targets:dashboard"), name="home"),
    path("progress/", include("targets.urls")),
    path("reports/", include("reporting.urls")),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Anyone may choose the language, the log-in page included.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("registry/", include("cooperatives.urls")),
    # The public showcase (/public/, sitemap.xml, robots.txt) and its officers' pages.
    path("", include("showcase.urls")),
    path("training/", include("training.urls")),
    path("follow-up/", include("followup.urls")),
    path("imports/", include("imports.urls")),
    # Exports with personal details, asked for with a reason (org.details).
    path("", include("org.urls")),
    # Deleted records and their restore (province staff).
    path("history/", include("restore.urls")),
    path("privacy/", include("privacy.urls")),
    # The admin's "view on site" redirect, scoped (it would tell whether any id exists).
    path("admin/", include("org.admin_urls")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = _("Plan 294 portal administration")
admin.site.site_title = _("Plan 294 portal")
