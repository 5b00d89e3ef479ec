"""What a locked-out log-in sees: the log-in page again, saying why and for how long."""

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render
from django.utils.translation import ngettext


def locked_out(request, original_response=None, credentials=None):
    """Return the log-in page with the lock-out message (django-axes' AXES_LOCKOUT_CALLABLE).

    Used for the admin's log-in too: the form posts back to the page it came from.
    """
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = ngettext(
        "Too many failed log-ins. This user name is locked on this computer for %(minutes)d "
        "minute; try again later, or ask the administrator to unlock it.",
        "Too many failed log-ins. This user name is locked on this computer for %(minutes)d "
        "minutes; try again later, or ask the administrator to unlock it.",
        minutes,
    ) % {"minutes": minutes}
    form = AuthenticationForm(request, initial={"username": (credentials or {}).get("username")})
    context = {"form": form, "locked_out": message, "next": request.POST.get("next", "")}
    # 429 Too Many Requests: the page is shown as usual, and scripts can tell what happened.
    return render(request, "registration/login.html", context, status=429)
