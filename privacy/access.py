"""Who answers a person's requests, and the people they look up: every privacy view goes
through here.

A person's requests (to see, to have a file of, to correct or to erase what the portal holds
about them) are answered by province staff, the Union's own officers, and by administrators:
the only roles that see every unit. A person is either a registry person
(`cooperatives.Person`) or a Union officer (`training.UnionOfficer`), told apart in URLs by
their kind.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Value
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from cooperatives.access import people_for
from cooperatives.models import Person
from org import writes
from training.access import officers_for
from training.models import UnionOfficer

# The kinds of people, as URLs name them: their model, their label, where they are corrected.
KINDS = {"person": Person, "officer": UnionOfficer}
KIND_LABELS = {"person": _("Registry person"), "officer": _("Union officer")}
EDIT_URLS = {"person": "cooperatives:person_edit", "officer": "training:officer_edit"}


def answers_requests(user) -> bool:
    """Return whether `user` answers people's requests: province staff and administrators,
    the door's rule for the province's own records (`org.writes.province`)."""
    return writes.province(user)


def require_privacy_officer(user):
    """Raise PermissionDenied unless `user` answers people's requests."""
    if not answers_requests(user):
        raise PermissionDenied


def kind_of(record) -> str:
    """Return the kind ("person" or "officer") of a person's record."""
    return next(kind for kind, model in KINDS.items() if isinstance(record, model))


def people_of_kind(user, kind):
    """Return the records of `kind` that `user` may see, with what their pages name."""
    if kind == "person":
        return people_for(user).select_related("unit__parent", "ethnicity")
    return officers_for(user).select_related("unit__parent")


def get_someone_or_404(user, kind, pk):
    """Return the person of `kind` numbered `pk` for `user`, who must answer requests.

    Outside `user`'s area the record is a 404, as everywhere (ids cannot be probed); inside
    it, a user who does not answer requests is refused (403)."""
    record = get_object_or_404(people_of_kind(user, kind), pk=pk)
    require_privacy_officer(user)
    return record


def matches(user, query: str):
    """Return the registry people and Union officers whose name (or phone, or position)
    holds every word of `query`, as one list ordered by name: rows of kind, id, full name,
    unit id and the day they were anonymised."""
    columns = ("kind", "id", "full_name", "unit_id", "anonymised_on")
    people = people_for(user).search(query).annotate(kind=_kind("person"))
    people = people.order_by().values(*columns)
    officers = officers_for(user).search(query).annotate(kind=_kind("officer"))
    officers = officers.order_by().values(*columns)
    return people.union(officers, all=True).order_by("full_name", "kind", "id")


def _kind(kind: str):
    return Value(kind, output_field=CharField())
