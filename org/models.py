"""Reporting units (administrative areas and provincial departments) and the portal's users."""

import datetime
from types import SimpleNamespace

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config import caching

from .periods import Period
from .writes import Rule, administrators, nobody

# Renewed when any unit is saved or deleted (`apps.py`): what is kept about the unit tree
# (the reporting map, the unit pickers) is read anew.
UNITS_VERSION = "units:version"

# Vietnam abolished the district level and merged Lào Cai with Yên Bái on this day.
REFORM_DATE = datetime.date(2025, 7, 1)


class UnitQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date):
        """Return units valid on `day` (validity dates are inclusive, open ends unbounded)."""
        return self.filter(UNIT_PERIOD.on(day))

    def area_ids(self, root_ids) -> set[int]:
        """Return the ids of `root_ids` and every unit in their area: what an officer of one
        of them may open and change (`User.area_unit_ids`), and where the people and
        cooperatives linked to one another lie (`Unit.local_area_ids`). Not what a unit's
        figures count on a day: that is `figure_unit_ids`.

        A unit's area holds the units below it (districts → communes) and the units it took
        over (old communes merged into a new commune in 2025), recursively. The tree is a few
        levels deep, so this is one query per level.
        """
        area = set(root_ids)
        frontier = set(root_ids)
        while frontier:
            frontier = (
                set(
                    self.filter(
                        Q(parent_id__in=frontier) | Q(successor_id__in=frontier)
                    ).values_list("id", flat=True)
                )
                - area
            )
            area |= frontier
        return area

    def reporting_map(self, day: datetime.date) -> tuple[list, dict[int, int]]:
        """Return the reporting units on `day`, by name, and {unit id: its reporting unit's
        id} (see `reporting_mapping`)."""
        reporting_ids, mapping = self._reporting(day)
        reporting = sorted(self.filter(pk__in=reporting_ids), key=lambda unit: unit.name)
        return reporting, mapping

    def reporting_mapping(self, day: datetime.date) -> dict[int, int]:
        """Return {unit id: its reporting unit's id} on `day`: every unit that reports through
        one (the reporting units themselves included). Kept until a unit changes."""
        return self._reporting(day)[1]

    def _reporting(self, day: datetime.date) -> tuple[list[int], dict[int, int]]:
        """The reporting units' ids and the mapping on `day`, kept until a unit changes (the
        walk over a national tree of 7,000 units costs more than a page's figures).

        The reporting units are those directly below the province on that day: the districts
        before the 2025 reform, the communes after it. Every other unit reports through the
        nearest of them reached by going up (parent) or forward (successor): an old commune
        to its district before the reform and to its new commune after it. A new commune on a
        day before the reform reports through the district of the old communes it took over,
        when they all lay in one district. Units that reach none (the province, its agencies,
        a new commune made of several districts' communes) are left out. One query (when not
        kept); the walk is over plain rows.
        """
        key = f"reporting-map:{caching.marker(UNITS_VERSION)}:{day.isoformat()}"
        return caching.kept_value(key, lambda: self._walk(day))

    def _walk(self, day: datetime.date) -> tuple[list[int], dict[int, int]]:
        columns = ("pk", "parent_id", "successor_id", "kind", "valid_from", "valid_to")
        units = {
            row[0]: SimpleNamespace(**dict(zip(columns, row, strict=True)))
            for row in Unit.objects.values_list(*columns)
        }
        reporting_ids = {
            unit.pk
            for unit in units.values()
            if unit.parent_id
            and units[unit.parent_id].kind == Unit.Kind.PROVINCE
            and unit.kind != Unit.Kind.DEPARTMENT
            and UNIT_PERIOD.contains(unit, day)
        }
        mapping = {}
        for unit in units.values():
            frontier, seen = [unit.pk], set()
            while frontier:
                found = [pk for pk in frontier if pk in reporting_ids]
                if found:
                    mapping[unit.pk] = found[0]
                    break
                seen.update(frontier)
                frontier = [
                    nxt
                    for pk in frontier
                    for nxt in (units[pk].parent_id, units[pk].successor_id)
                    if nxt and nxt not in seen
                ]
        predecessors = {}
        for unit in units.values():
            if unit.successor_id:
                predecessors.setdefault(unit.successor_id, []).append(unit.pk)
        for unit_id, old_ids in predecessors.items():
            through = {mapping.get(old_id) for old_id in old_ids}
            if unit_id not in mapping and len(through) == 1 and None not in through:
                mapping[unit_id] = through.pop()
        return sorted(reporting_ids), mapping

    def figure_unit_ids(self, unit_id: int, day: datetime.date) -> set[int]:
        """Return the units whose records make up unit `unit_id`'s figures on `day`: its
        area, and the units that report through it that day (see `reporting_map`) — a new
        commune's records before the 2025 reform count under the district its old communes
        lay in. The one rule for a unit's figures: the dashboard and its breakdown rows, the
        records a figure counts and their exports, the figures frozen into a submission and
        `plan_report --unit` all ask it."""
        mapping = self.reporting_mapping(day)
        reporting_through = {pk for pk, reporting_id in mapping.items() if reporting_id == unit_id}
        return self.area_ids([unit_id]) | reporting_through

    def row_ids(self, row: int, day: datetime.date) -> set[int]:
        """Return the units of a breakdown row on `day`: the reporting unit `row`'s figures
        (`figure_unit_ids`), or, for row 0, the units that report through none."""
        mapping = self.reporting_mapping(day)
        if row:
            # Only a reporting unit of the day has a row; any other number is an empty one.
            return self.figure_unit_ids(row, day) if mapping.get(row) == row else set()
        return set(self.values_list("pk", flat=True)) - set(mapping)


UNIT_PERIOD = Period("valid_from", "valid_to")


class Unit(models.Model):
    """An administrative area or a provincial department that owns records and reports."""

    write_rule = Rule(writers=administrators, unit="id")

    class CodeSet(models.TextChoices):
        # Codes are reused across the 2025 reform, so a unit's key is (code set, code).
        PRE_2025 = "pre2025", _("Administrative codes before 01/07/2025")
        FROM_2025 = "2025", _("Administrative codes from 01/07/2025")
        AGENCY = "agency", _("Provincial agencies")

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District-level unit")
        COMMUNE = "commune", _("Commune-level unit")
        DEPARTMENT = "department", _("Provincial department or agency")

    code_set = models.CharField(_("code set"), max_length=10, choices=CodeSet.choices)
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        help_text=_("The unit that took this one over in an administrative reform."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["code_set", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code_set", "code"], name="unit_unique_code_in_set"),
            UNIT_PERIOD.constraint("unit_ends_after_it_starts"),
        ]

    def __str__(self):
        if self.code_set != self.CodeSet.PRE_2025 or self.valid_to is None:
            return self.name
        # Former units say so, and old communes name their district: names recur.
        if self.kind == self.Kind.COMMUNE and self.parent_id:
            return _("%(name)s (%(district)s, until %(end)s)") % {
                "name": self.name,
                "district": self.parent.name,
                "end": self.valid_to.strftime("%d/%m/%Y"),
            }
        return _("%(name)s (until %(end)s)") % {
            "name": self.name,
            "end": self.valid_to.strftime("%d/%m/%Y"),
        }

    def local_area_ids(self) -> set[int]:
        """Return the ids of the units that share this unit's area today: the area of the
        unit that took it over in 2025 (or of itself). People and cooperatives linked to one
        another must lie in one such area."""
        return Unit.objects.area_ids([self.successor_id or self.pk])

    def clean(self):
        UNIT_PERIOD.clean(self)


class User(AbstractUser):
    """A portal user: what they may do comes from `role`, where from `unit`."""

    write_rule = Rule(writers=administrators)

    class Role(models.TextChoices):
        PROVINCE_STAFF = "province", _("Province staff")
        UNIT_OFFICER = "unit", _("Unit officer")
        LEADER = "leader", _("Leader")
        ADMIN = "admin", _("Administrator (IT)")

    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.LEADER)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("Required for unit officers: they see and edit only this unit's records."),
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="unit") | Q(unit__isnull=False),
                name="user_unit_officer_has_unit",
            ),
        ]

    def clean(self):
        super().clean()
        if self.is_unit_officer and not self.unit_id:
            raise ValidationError({"unit": _("A unit officer must belong to a unit.")})

    @property
    def is_unit_officer(self) -> bool:
        """Return whether the user is a unit officer: one unit's area, its own report."""
        return self.role == self.Role.UNIT_OFFICER

    @property
    def sees_all_units(self) -> bool:
        """Return whether the user's scope is the whole province (every role but unit officer)."""
        return not self.is_unit_officer

    @property
    def is_province_staff(self) -> bool:
        """Return whether the user is province staff: the Union's own officers, who run rounds."""
        return self.role == self.Role.PROVINCE_STAFF

    @property
    def is_administrator(self) -> bool:
        """Return whether the user is IT staff, who keep the admin for the others."""
        return self.role == self.Role.ADMIN

    @property
    def can_edit_records(self) -> bool:
        """Return whether the user may create, change and delete registry records."""
        return self.role in (self.Role.PROVINCE_STAFF, self.Role.UNIT_OFFICER, self.Role.ADMIN)

    def area_unit_ids(self) -> set[int] | None:
        """Return the ids of the units this user may see, or None for every unit.

        Cached on the instance: one request computes it once.
        """
        if self.sees_all_units:
            return None
        if not hasattr(self, "_area_unit_ids"):
            self._area_unit_ids = Unit.objects.area_ids([self.unit_id])
        return self._area_unit_ids


class AccessRecordQuerySet(models.QuerySet):
    """The access log only grows: a bulk change or delete of its rows is refused."""

    def update(self, **kwargs):
        raise PermissionDenied(_("The access log cannot be changed."))

    def delete(self):
        raise PermissionDenied(_("The access log cannot be changed."))


class AccessRecord(models.Model):
    """One access to personal data (`org.personal_data`): a person's page seen, a list or an
    export of people, an import that wrote people, a person's request answered.

    Append-only: a row cannot be changed or deleted, through the portal, the admin or the
    ORM (and on the database an UPDATE is refused by a trigger). A row names people by their
    record's id only (`subject`), never by name, so anonymising a person leaves it as it was.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed a person's page")
        LIST = "list", _("Listed people")
        EXPORT = "export", _("Downloaded a file")
        IMPORT = "import", _("Imported people")
        PERSON_FILE = "file", _("Produced a person's file")
        ANONYMISE = "anonymise", _("Anonymised a person")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True, editable=False)
    # Kept when the user's account is deleted: no constraint, and the username beside it.
    user = models.ForeignKey(
        "User",
        verbose_name=_("user"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
        editable=False,
    )
    username = models.CharField(_("username"), max_length=150, editable=False)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices, editable=False)
    what = models.CharField(_("page or file"), max_length=500, editable=False)
    subject = models.CharField(
        _("person"),
        max_length=60,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("The one person concerned, as model and number: cooperatives.person:12."),
    )
    people = models.PositiveIntegerField(_("people"), default=0, editable=False)
    address = models.GenericIPAddressField(_("from address"), null=True, editable=False)
    reason = models.CharField(_("reason given"), max_length=500, blank=True, editable=False)

    # Written by `org.access_log.record` only, never through the door of records.
    write_rule = Rule(writers=nobody)

    objects = AccessRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data access log")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.username} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied(_("The access log cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied(_("The access log cannot be changed."))
