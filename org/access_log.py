"""The access log of personal data (`AccessRecord`): who saw, listed, downloaded, imported or
asked for whose data, when, how many people and from which address.

A view says what its response discloses with `note` (a person's page, a list of people);
`AccessLogMiddleware` writes one row once the response is ready — one insert per request,
however many people a list holds. Every download (a response sent as an attachment) is
written too, noted or not, so no export can leave the portal unrecorded; and so is every admin
page of a model that describes a person (`personal_data.PERSON_MODELS`).
"""

import ipaddress
from dataclasses import dataclass

from django.conf import settings

from .models import AccessRecord
from .personal_data import PERSON_MODELS

Action = AccessRecord.Action

# The admin's pages of one record and of a list, by the last part of their URL name.
ADMIN_PAGES = {"change": Action.VIEW, "history": Action.VIEW, "changelist": Action.LIST}
ADMIN_MODELS = {label.replace(".", "_").lower(): label for label in PERSON_MODELS}


@dataclass
class Access:
    action: str
    people: int = 0
    subject: str = ""
    reason: str = ""


def subject_of(record) -> str:
    """Name one person's record for the log by model and number: "cooperatives.person:12"."""
    return f"{record._meta.label_lower}:{record.pk}"


def note(request, action, *, people: int = 0, person=None, reason: str = ""):
    """Say that the response to `request` discloses personal data: `person`, one record's
    page, or `people` people in a list; written once the response is ready."""
    if person is not None:
        request.personal_access = Access(action, 1, subject_of(person), reason)
    else:
        request.personal_access = Access(action, people, "", reason)


def record(*, user, action, what: str, people: int = 0, subject: str = "", reason="", address=None):
    """Write one row of the log now: for what happens outside a request (a command)."""
    return AccessRecord.objects.create(
        user=user if user is not None and user.pk else None,
        username=getattr(user, "username", "") or "",
        action=action,
        what=what[:500],
        people=people,
        subject=subject,
        reason=reason[:500],
        address=address,
    )


def client_address(request) -> str | None:
    """The address the request came from: the header a proxy in front sets, when configured
    (as for the public pages' rate limit), else the connection's; None if not an address."""
    value = request.META.get(settings.RATELIMIT_IP_META_KEY or "REMOTE_ADDR", "")
    value = value.split(",")[0].strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def page_of(request) -> str:
    """The page or file asked for, as the log keeps it: the path and its query, with what was
    typed into a search box (`q`) left out — it may be a person's name, and the log, which
    cannot change, must never keep a name that anonymising would have to remove (`q=*`)."""
    query = request.GET.copy()
    if query.get("q"):
        query["q"] = "*"
    encoded = query.urlencode(safe="*")
    return f"{request.path}?{encoded}" if encoded else request.path


def is_download(response) -> bool:
    return response.get("Content-Disposition", "").startswith("attachment")


def _admin_access(request, response) -> Access | None:
    """The access of an admin page of a model that describes a person, if this is one."""
    match = request.resolver_match
    if match is None or match.namespace != "admin" or not match.url_name:
        return None
    model, _sep, page = match.url_name.rpartition("_")
    if model not in ADMIN_MODELS or page not in ADMIN_PAGES:
        return None
    if page == "changelist":
        change_list = (getattr(response, "context_data", None) or {}).get("cl")
        people = len(change_list.result_list) if change_list is not None else 0
        return Access(Action.LIST, people)
    object_id = match.kwargs.get("object_id", "")
    return Access(Action.VIEW, 1, f"{ADMIN_MODELS[model].lower()}:{object_id}")


class AccessLogMiddleware:
    """Write the log's row of each response that disclosed personal data (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or response.status_code >= 400:
            return response
        access = getattr(request, "personal_access", None) or _admin_access(request, response)
        if is_download(response):
            # Every file is written down; a list export says how many people it holds.
            access = access or Access(Action.EXPORT)
            access.action = Action.EXPORT
            access.people = getattr(response, "people", access.people)
        if access is not None:
            record(
                user=user,
                action=access.action,
                what=page_of(request),
                people=access.people,
                subject=access.subject,
                reason=access.reason,
                address=client_address(request),
            )
        return response
