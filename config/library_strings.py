"""Words that Django's admin and django-axes show without a Vietnamese translation of their
own (Django 5.2's catalogue lacks them; django-axes has none): listed here so that
`makemessages` puts them in the portal's catalogue, whose translation then applies wherever
the library shows them. Nothing imports this module."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

ADMIN = [
    _("Skip to main content"),
    _("Breadcrumbs"),
    _("Toggle navigation"),
    _("Sidebar"),
    _("Filter navigation items"),
    _("Toggle theme (current theme: auto)"),
    _("Toggle theme (current theme: light)"),
    _("Toggle theme (current theme: dark)"),
    _("Model name"),
    _("Add link"),
    _("Change or view list link"),
    _("Error:"),
    ngettext_lazy("Please correct the error below.", "Please correct the errors below.", "count"),
    _("Hide counts"),
    _("Show counts"),
    _("Added:"),
    _("Changed:"),
    _("Deleted:"),
    _("Forgotten your login credentials?"),
    _("In case you’ve forgotten, you are:"),
    _("Select all objects on this page for an action"),
    _("Select this object for an action - {}"),
    _("View selected %(model)s"),
]

ACCOUNTS = [
    _("After you’ve created a user, you’ll be able to edit more user options."),
    _("Set password"),
    _("Reset password"),
    _("Password-based authentication"),
    _(
        "Whether the user will be able to authenticate using a password or not. If disabled, "
        "they may still be able to authenticate using other backends, such as Single Sign-On "
        "or LDAP."
    ),
    _("Enabled"),
    _("Disabled"),
    _("Password-based authentication was disabled."),
    _("Enable password-based authentication"),
    _("Disable password-based authentication"),
    _("This action will <strong>enable</strong> password-based authentication for this user."),
    _("Enable password-based authentication for this user by setting a password."),
    _("Raw passwords are not stored, so there is no way to see the user’s password."),
    _("Conflicting form data submitted. Please try again."),
    _("Email"),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "count",
    ),
]

LOCKOUT = [
    _("access attempt"),
    _("access attempts"),
    _("access failure"),
    _("access failures"),
    _("access log"),
    _("access logs"),
    _("access attempt expiration"),
    _("access attempt expirations"),
    _("User Agent"),
    _("IP Address"),
    _("Username"),
    _("HTTP Accept"),
    _("Path"),
    _("Attempt Time"),
    _("Access lock out"),
    _("GET Data"),
    _("POST Data"),
    _("Failed Logins"),
    _("Expires At"),
    _("Logout Time"),
    _("Session key hash (sha256)"),
    _("Locked Out"),
    _("Form Data"),
    _("Meta Data"),
    _("Clean up expired attempts"),
    _("Not set"),
    _("Attempt Remaining"),
]
