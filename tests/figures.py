"""Figures as the dashboard shows them to whoever the client is logged in as."""

from django.urls import reverse


def dashboard_figure(client, code: str):
    """The actual value of indicator `code` on the province's dashboard."""
    rows = client.get(reverse("targets:dashboard")).context["rows"]
    return next(r for r in rows if r["indicator"].code == code)["figure"].actual
