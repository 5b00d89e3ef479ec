"""The inventory of personal data, in one place: which field of which model is personal data
under Law No. 91/2025/QH15 on personal data protection (and Decree 356/2025/NĐ-CP), basic or
sensitive, why the portal holds it and who may see it.

Every field of a model that describes a person (`PERSON_MODELS`) is classified here, as
personal (`FIELDS`) or not (`NOT_PERSONAL`); a test fails on a field that is neither, and on a
field of any other model whose name looks personal (a name, phone, e-mail, birth year,
ethnicity) that is not classified. The admins' page (`/admin/personal-data/`) and the
README's section "Personal data" are read off this module.

Models are named by label ("app.Model"), so this module imports no app above `org`.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sensitivity(models.TextChoices):
    BASIC = "basic", _("Basic personal data")
    SENSITIVE = "sensitive", _("Sensitive personal data")


# Why the portal holds personal data: the plan's monitoring (Plan 294/KH-UBND, section VI.1).
PURPOSE = _(
    "Monitoring Plan 294/KH-UBND (section VI.1): counting women managers, trained managers "
    "and Union staff for the plan's indicators, and contacting them about support."
)

# Who may see each kind of field (the roles of DESIGN.md).
AREA = _("Officers of the person's area, province staff and administrators; leaders see names")
AREA_NO_LEADERS = _(
    "Officers of the person's area, province staff and administrators; not leaders. In "
    "exports only when asked for, with a reason kept in the access log"
)
ADMINS = _("Administrators; the user themself")
LOG_READERS = _("Administrators only, in the access log of personal data")
PUBLIC = _("Everyone, on the public showcase, only with the person's recorded consent")


@dataclass(frozen=True)
class PersonalField:
    """A field that holds personal data: its model's label, its name, how sensitive, and
    who may see it. `detail` marks the fields a list export leaves out unless asked for."""

    model: str
    field: str
    sensitivity: str
    seen_by: object
    detail: bool = False

    @property
    def purpose(self):
        return PURPOSE


def _fields(model: str, seen_by, basic=(), sensitive=(), details=()) -> list[PersonalField]:
    return [
        PersonalField(model, name, Sensitivity.BASIC, seen_by, detail=name in details)
        for name in basic
    ] + [
        PersonalField(model, name, Sensitivity.SENSITIVE, seen_by, detail=name in details)
        for name in sensitive
    ]


FIELDS: list[PersonalField] = [
    # Ethnic origin is sensitive personal data (Decree 13/2023, art. 2.4; Law 91/2025).
    *_fields(
        "cooperatives.Person",
        AREA,
        basic=["full_name", "sex", "search_text", "unit"],
        sensitive=[],
    ),
    *_fields(
        "cooperatives.Person",
        AREA_NO_LEADERS,
        basic=["birth_year", "phone"],
        sensitive=["ethnicity"],
        details=["birth_year", "phone", "ethnicity"],
    ),
    *_fields("training.UnionOfficer", AREA, basic=["full_name", "position", "search_text"]),
    *_fields("training.UnionOfficer", AREA_NO_LEADERS, basic=["phone"], details=["phone"]),
    *_fields("org.User", ADMINS, basic=["username", "first_name", "last_name", "email"]),
    *_fields("showcase.LeaderConsent", AREA, basic=["given_on", "how"]),
    *_fields("showcase.Publication", PUBLIC, basic=["phone", "email"]),
    # Who acted, from which network address: the users' own data, in the access log.
    *_fields("org.AccessRecord", LOG_READERS, basic=["username", "address"]),
]

# The models that describe a person: each of their fields is classified, personal or not.
PERSON_MODELS = {
    "cooperatives.Person",
    "training.UnionOfficer",
    "training.Participant",
    "org.User",
    "showcase.LeaderConsent",
}

# The fields of PERSON_MODELS that are not personal data: keys, links to records, flags of the
# portal's own and the times a record changed.
NOT_PERSONAL = {
    "cooperatives.Person": {"id", "created_at", "updated_at", "anonymised_on"},
    "training.UnionOfficer": {
        "id",
        "level",
        "unit",
        "active_from",
        "active_to",
        "works_on_cooperatives",
        "created_at",
        "updated_at",
        "anonymised_on",
    },
    "training.Participant": {
        "id",
        "event",
        "person",
        "officer",
        "certificate_issued",
        "certificate_kind",
        "updated_at",
    },
    "org.User": {
        "id",
        "password",
        "last_login",
        "is_superuser",
        "is_staff",
        "is_active",
        "date_joined",
        "role",
        "unit",
        "groups",
        "user_permissions",
    },
    "showcase.LeaderConsent": {"id", "person", "recorded_by", "updated_at"},
}


def personal_fields(model_label: str) -> list[PersonalField]:
    """Return the personal fields of the model labelled `model_label`."""
    return [field for field in FIELDS if field.model == model_label]


def detail_fields(model_label: str) -> set[str]:
    """Return the names of the fields of `model_label` that exports leave out by default."""
    return {field.field for field in FIELDS if field.model == model_label and field.detail}
