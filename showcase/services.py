"""The showcase's writes that are more than a form's save, each through the one door
(`org.writes`): the publication's workflow (propose → approve → unpublish) and a product's
photo. Its other records (a publication's content, sales points, consents) are saved by
their forms through the same door (`org.editing`).

The door checks the role, the scope and the version the user saw, and keeps the history
with who and when; these functions add the workflow's own rules on top.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperatives.models import Cooperative
from org import writes

from . import photos
from .models import ProductPhoto, Publication

State = Publication.State


def publication_of(cooperative: Cooperative) -> Publication:
    """Return the cooperative's publication as stored now, or a new unsaved one (not
    proposed yet). Read afresh: a step refused halfway leaves nothing behind in memory."""
    stored = Publication.objects.filter(cooperative_id=cooperative.pk).first()
    return stored or Publication(cooperative_id=cooperative.pk)


def _require(condition, message):
    if not condition:
        raise ValidationError(message, code="workflow")


def _require_showable(cooperative: Cooperative):
    """The showcase shows active, women-managed cooperatives and groups."""
    today = timezone.localdate()
    _require(
        cooperative.status == Cooperative.Status.ACTIVE,
        _("Only an active cooperative or group can be shown publicly."),
    )
    _require(
        cooperative.is_women_managed_on(today),
        _("The showcase shows women-managed cooperatives: record a woman manager first."),
    )


def _step(publication, by, seen, state, reason):
    publication.state = state
    return writes.save(record=publication, by=by, seen=seen, reason=reason)


def propose(*, cooperative: Cooperative, by, seen=None) -> Publication:
    """The unit's officer (or province staff) asks for the cooperative to be published."""
    publication = publication_of(cooperative)
    _require(
        publication.state in (State.DRAFT, State.UNPUBLISHED),
        _("This page is already proposed or published."),
    )
    _require_showable(cooperative)
    return _step(publication, by, seen, State.PROPOSED, _("Proposed for the public showcase"))


def approve(*, cooperative: Cooperative, by, seen=None) -> Publication:
    """Province staff publish a proposed page."""
    if not writes.province(by):
        raise writes.Refused(_("Only province staff approve what the public site shows."))
    publication = publication_of(cooperative)
    _require(publication.state == State.PROPOSED, _("Only a proposed page can be approved."))
    _require_showable(cooperative)
    publication.published_at = publication.published_at or timezone.now()
    return _step(publication, by, seen, State.PUBLISHED, _("Approved and published"))


def unpublish(*, cooperative: Cooperative, by, seen=None) -> Publication:
    """Take a published (or proposed) page down at once: the unit's officer or province
    staff."""
    publication = publication_of(cooperative)
    _require(
        publication.state in (State.PROPOSED, State.PUBLISHED),
        _("This page is not published."),
    )
    return _step(publication, by, seen, State.UNPUBLISHED, _("Taken down from the public site"))


STEPS = {"propose": propose, "approve": approve, "unpublish": unpublish}


def add_photo(*, photo: ProductPhoto, upload, by) -> ProductPhoto:
    """Check and re-encode `upload`, store its renditions and save `photo` (its product,
    caption and position set) through the door. A bad file or a refusal stores nothing."""
    if not writes.may_write(by, ProductPhoto):
        raise writes.Refused(_("You may not change product photos."))
    prepared = photos.prepare(upload)
    photo.folder = photos.new_folder()
    photo.width, photo.height = prepared.width, prepared.height
    photo.widths = ",".join(str(width) for width in sorted(prepared.renditions))
    photos.store(prepared, photo.folder)
    try:
        return writes.save(record=photo, by=by, reason=_("Photo added"))
    except BaseException:
        photos.remove(photo.folder, prepared.renditions)
        raise
