"""The registry: cooperatives (HTX) and cooperative groups (THT), their people and figures.

Derived facts are defined once, here, and reused by lists, filters, pages and indicators:
- a *woman manager* is a woman holding, on a date, one of MANAGER_ROLES for her
  cooperative's kind (plan section III; in a THT the group leader or deputy);
- a cooperative is *women-managed* on a date when at least one woman manager holds a role
  in it then;
- a cooperative is *active* on a date when it was founded by then and its status was
  "active" then (a later status change means it was active before it);
- its *female-labour share* is female workers / workers from its latest yearly figures
  of a year up to the one asked about.
"""

import calendar
import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from org.bases import (
    NOT_NEGATIVE,
    SearchableQuerySet,
    SearchTextModel,
    parts_within_whole_errors,
)
from org.periods import Period
from org.writes import Rule, administrators


class Ethnicity(models.Model):
    """One of Vietnam's 54 official ethnic groups (GSO list 121-TCTK, codes 01–54)."""

    write_rule = Rule(writers=administrators)

    KINH = "01"

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=60)
    other_names = models.CharField(_("other names"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("ethnic group")
        verbose_name_plural = _("ethnic groups")
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def is_minority(self) -> bool:
        return self.code != self.KINH


class Sector(models.Model):
    """A line of business a cooperative works in (agriculture, weaving, tourism...)."""

    write_rule = Rule(writers=administrators)

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Kind(models.TextChoices):
    HTX = "htx", _("Cooperative (HTX)")
    THT = "tht", _("Cooperative group (THT)")


class RoleKind(models.TextChoices):
    CHAIR = "chair", _("Chair of the board")
    BOARD_MEMBER = "board_member", _("Board member")
    DIRECTOR = "director", _("Director")
    DEPUTY_DIRECTOR = "deputy_director", _("Deputy director")
    SUPERVISORY_HEAD = "supervisory_head", _("Head of the supervisory board")
    SUPERVISORY_MEMBER = "supervisory_member", _("Supervisory board member")
    CONTROLLER = "controller", _("Controller")
    ACCOUNTANT = "accountant", _("Accountant")
    GROUP_LEADER = "group_leader", _("Group leader")
    DEPUTY_GROUP_LEADER = "deputy_group_leader", _("Deputy group leader")


# Which roles exist in which kind of cooperative.
ROLES_BY_KIND = {
    Kind.HTX: {
        RoleKind.CHAIR,
        RoleKind.BOARD_MEMBER,
        RoleKind.DIRECTOR,
        RoleKind.DEPUTY_DIRECTOR,
        RoleKind.SUPERVISORY_HEAD,
        RoleKind.SUPERVISORY_MEMBER,
        RoleKind.CONTROLLER,
        RoleKind.ACCOUNTANT,
    },
    Kind.THT: {RoleKind.GROUP_LEADER, RoleKind.DEPUTY_GROUP_LEADER, RoleKind.ACCOUNTANT},
}

# The roles that make a woman a "manager" (plan section III; DESIGN.md).
MANAGER_ROLES = {
    Kind.HTX: {
        RoleKind.CHAIR,
        RoleKind.BOARD_MEMBER,
        RoleKind.DIRECTOR,
        RoleKind.SUPERVISORY_HEAD,
        RoleKind.SUPERVISORY_MEMBER,
        RoleKind.CONTROLLER,
    },
    Kind.THT: {RoleKind.GROUP_LEADER, RoleKind.DEPUTY_GROUP_LEADER},
}


class CooperativeQuerySet(SearchableQuerySet):
    def in_units(self, unit_ids):
        return self.filter(unit_id__in=unit_ids)

    def active_on(self, day: datetime.date):
        """Return cooperatives active on `day` (see the module docstring)."""
        founded = Q(founded_on__isnull=True) | Q(founded_on__lte=day)
        status_active_then = Q(status=Cooperative.Status.ACTIVE) | Q(status_since__gt=day)
        return self.filter(founded, status_active_then)

    def women_managed_on(self, day: datetime.date):
        return self.filter(_women_managed_on(day))

    def with_women_managed_on(self, day: datetime.date):
        """Annotate `is_women_managed` (bool) as of `day`."""
        return self.annotate(is_women_managed=_women_managed_on(day))

    def with_latest_figures(self, year: int):
        """Annotate the year, members, workers and revenue of each cooperative's latest
        yearly figures up to `year` (`latest_figures_year`, `latest_<field>`)."""
        latest = YearlyFigures.objects.filter(cooperative=OuterRef("pk"), year__lte=year).order_by(
            "-year"
        )
        fields = ["members_total", "members_female", "workers_total", "workers_female", "revenue"]
        return self.annotate(
            latest_figures_year=Subquery(latest.values("year")[:1]),
            **{f"latest_{field}": Subquery(latest.values(field)[:1]) for field in fields},
        )


def _women_managed_on(day: datetime.date) -> Exists:
    return Exists(
        ManagementRole.objects.active_on(day).women_managers().filter(cooperative=OuterRef("pk"))
    )


# The code of the error a taken registration code gives (shown beside the code).
DUPLICATE_CODE = "duplicate_registration_code"


class Cooperative(SearchTextModel):
    """A cooperative (HTX) or a cooperative group (THT) in the registry."""

    write_rule = Rule(unit="unit_id")

    SEARCH_FIELDS = ("name", "registration_code", "address")

    Kind = Kind

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        NOT_EFFECTIVE = "not_effective", _("Not operating effectively")
        SUSPENDED = "suspended", _("Suspended")
        AWAITING_DISSOLUTION = "awaiting_dissolution", _("Awaiting dissolution")
        DISSOLVED = "dissolved", _("Dissolved")

    kind = models.CharField(_("kind"), max_length=3, choices=Kind.choices, default=Kind.HTX)
    name = models.CharField(_("name"), max_length=255)
    registration_code = models.CharField(
        _("registration code"),
        max_length=30,
        blank=True,
        help_text=_("The business or group registration number, if it has one."),
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        related_name="cooperatives",
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    status_since = models.DateField(
        _("status since"),
        null=True,
        blank=True,
        help_text=_("The date the current status took effect (required unless active)."),
    )
    union_supported = models.BooleanField(
        _("set up or supported by the Women's Union"), default=False
    )
    established_under_plan = models.BooleanField(
        _("founded with the plan's advice and support"), default=False
    )
    converted_from = models.ForeignKey(
        "self",
        verbose_name=_("grew out of cooperative group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="converted_into",
        limit_choices_to={"kind": Kind.THT},
    )
    sells_online = models.BooleanField(_("sells on e-commerce platforms"), default=False)
    online_channels = models.CharField(
        _("e-commerce channels"),
        max_length=255,
        blank=True,
        help_text=_("For example: Shopee, Postmart, Voso, its own website."),
    )
    members_insured = models.BooleanField(_("members have social insurance"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CooperativeQuerySet.as_manager()
    # Every change is kept with who and when (shown on its page; see config/history.py).
    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"], m2m_fields=[sectors])

    class Meta:
        verbose_name = _("cooperative")
        verbose_name_plural = _("cooperatives")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "registration_code"],
                condition=~Q(registration_code=""),
                name="cooperative_unique_registration_code_per_kind",
                violation_error_message=_(
                    "Another cooperative or group of this kind already has this registration code."
                ),
                violation_error_code=DUPLICATE_CODE,
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "kind", "status"]),
            # The lists' order: a page is read off the index, not sorted from every row.
            models.Index(fields=["name", "id"], name="cooperative_list_order"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cooperatives:detail", args=[self.pk])

    def validate_constraints(self, exclude=None):
        """The database's constraints, each message beside its field: a registration code
        that is taken is the code's error, not the whole record's."""
        try:
            super().validate_constraints(exclude)
        except ValidationError as error:
            errors = error.update_error_dict({})
            general = errors.pop(NON_FIELD_ERRORS, [])
            taken = [e for e in general if getattr(e, "code", None) == DUPLICATE_CODE]
            if taken:
                errors.setdefault("registration_code", []).extend(taken)
            rest = [e for e in general if e not in taken]
            if rest:
                errors[NON_FIELD_ERRORS] = rest
            raise ValidationError(errors) from error

    def clean(self):
        errors = {}
        self.registration_code = self.registration_code.strip()
        if self.status != self.Status.ACTIVE and not self.status_since:
            errors["status_since"] = _("Give the date this status took effect.")
        if self.founded_on and self.status_since and self.status_since < self.founded_on:
            errors["status_since"] = _("The status date cannot be before the founding date.")
        if self.founded_on and self.founded_on > datetime.date.today():
            errors["founded_on"] = _("The founding date cannot be in the future.")
        if self.converted_from_id:
            if self.kind != Kind.HTX:
                errors["converted_from"] = _("Only a cooperative (HTX) grows out of a group.")
            elif self.converted_from.kind != Kind.THT:
                errors["converted_from"] = _("Choose a cooperative group (THT).")
            elif self.unit_id and self.converted_from.unit_id not in self.unit.local_area_ids():
                errors["converted_from"] = _("Choose a cooperative group of the same area.")
        if self.pk and self.kind:
            # A change of kind must not leave roles or conversions that the new kind lacks.
            if self.roles.exclude(role__in=sorted(ROLES_BY_KIND[self.kind])).exists():
                errors["kind"] = _(
                    "Some recorded roles do not exist in this kind; change or delete them first."
                )
            elif self.kind != Kind.THT and self.converted_into.exists():
                errors["kind"] = _("A cooperative has grown out of this group: it stays a group.")
        if errors:
            raise ValidationError(errors)

    def is_women_managed_on(self, day: datetime.date) -> bool:
        return (
            ManagementRole.objects.active_on(day).women_managers().filter(cooperative=self).exists()
        )

    def latest_figures(self, year: int | None = None):
        """Return the latest yearly figures up to `year` (any year if None), or None."""
        figures = self.yearly_figures.all()
        if year is not None:
            figures = figures.filter(year__lte=year)
        return figures.order_by("-year").first()


def female_share(female: int | None, total: int | None) -> float | None:
    """Return female / total, or None ("no data") when total is zero or unknown."""
    if not total or female is None:
        return None
    return female / total


# (part, whole): every part is at most its whole. One table for clean() and the database.
FIGURE_PARTS = [
    ("members_female", "members_total"),
    ("workers_female", "workers_total"),
    ("workers_female_ethnic_minority", "workers_female"),
    ("workers_female_priority", "workers_female"),
    ("female_stable_jobs", "workers_female"),
    ("new_female_jobs", "workers_female"),
    ("members_trained_vocational", "members_total"),
    ("members_trained_ecommerce", "members_total"),
]
FIGURE_COUNTS = [
    "members_total",
    "members_female",
    "workers_total",
    "workers_female",
    "workers_female_ethnic_minority",
    "workers_female_priority",
    "female_stable_jobs",
    "new_female_jobs",
    "members_trained_vocational",
    "members_trained_ecommerce",
    "charter_capital",
    "revenue",
]


class YearlyFigures(models.Model):
    """A cooperative's members, workers, training and finances for one year."""

    write_rule = Rule(unit="cooperative__unit_id")

    cooperative = models.ForeignKey(
        Cooperative,
        verbose_name=_("cooperative"),
        on_delete=models.CASCADE,
        related_name="yearly_figures",
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[
            MinValueValidator(2000, message=_("Enter a year from 2000 on.")),
            MaxValueValidator(2100, message=_("Enter a year up to 2100.")),
        ],
    )
    members_total = models.IntegerField(_("members"), default=0, validators=[NOT_NEGATIVE])
    members_female = models.IntegerField(_("female members"), default=0, validators=[NOT_NEGATIVE])
    workers_total = models.IntegerField(_("workers"), default=0, validators=[NOT_NEGATIVE])
    workers_female = models.IntegerField(_("female workers"), default=0, validators=[NOT_NEGATIVE])
    workers_female_ethnic_minority = models.IntegerField(
        _("ethnic-minority female workers"), default=0, validators=[NOT_NEGATIVE]
    )
    workers_female_priority = models.IntegerField(
        _("female workers in priority groups"),
        default=0,
        validators=[NOT_NEGATIVE],
        help_text=_(
            "Poor or near-poor households, disability, returnees, victims of trafficking or "
            "violence, unsafe migration, laid-off industrial workers (plan section III)."
        ),
    )
    female_stable_jobs = models.IntegerField(
        _("female workers with stable jobs"), default=0, validators=[NOT_NEGATIVE]
    )
    new_female_jobs = models.IntegerField(
        _("new jobs for women this year"), default=0, validators=[NOT_NEGATIVE]
    )
    members_trained_vocational = models.IntegerField(
        _("members trained in vocational skills or technology transfer"),
        default=0,
        validators=[NOT_NEGATIVE],
    )
    members_trained_ecommerce = models.IntegerField(
        _("members trained in e-commerce"), default=0, validators=[NOT_NEGATIVE]
    )
    charter_capital = models.BigIntegerField(
        _("charter capital (VND)"), default=0, validators=[NOT_NEGATIVE]
    )
    revenue = models.BigIntegerField(_("revenue (VND)"), default=0, validators=[NOT_NEGATIVE])
    profit = models.BigIntegerField(
        _("profit (VND)"), default=0, help_text=_("A loss is entered as a negative number.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("yearly figures")
        verbose_name_plural = _("yearly figures")
        ordering = ["cooperative", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "year"],
                name="figures_one_row_per_cooperative_and_year",
                violation_error_message=_("This cooperative already has figures for this year."),
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{part}__lte": F(whole)}), name=f"figures_{part}_within_whole"
                )
                for part, whole in FIGURE_PARTS
            ],
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{field}__gte": 0}), name=f"figures_{field}_not_negative"
                )
                for field in FIGURE_COUNTS
            ],
        ]

    def __str__(self):
        return f"{self.cooperative} – {self.year}"

    def clean(self):
        errors = {}
        duplicate = YearlyFigures.objects.filter(cooperative_id=self.cooperative_id, year=self.year)
        if self.cooperative_id and duplicate.exclude(pk=self.pk).exists():
            errors["year"] = _("This cooperative already has figures for %(year)s.") % {
                "year": self.year
            }
        errors |= parts_within_whole_errors(self, FIGURE_PARTS)
        if errors:
            raise ValidationError(errors)

    @property
    def female_labour_share(self) -> float | None:
        return female_share(self.workers_female, self.workers_total)


class Person(SearchTextModel):
    """A person who holds or held a role in a cooperative."""

    write_rule = Rule(unit="unit_id")

    SEARCH_FIELDS = ("full_name", "phone")

    class Sex(models.TextChoices):
        FEMALE = "F", _("Female")
        MALE = "M", _("Male")

    full_name = models.CharField(_("full name"), max_length=150)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1920, message=_("Enter a birth year from 1920 on.")),
            MaxValueValidator(2015, message=_("Enter a birth year up to 2015.")),
        ],
    )
    ethnicity = models.ForeignKey(
        Ethnicity,
        verbose_name=_("ethnic group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    phone = models.CharField(
        _("phone"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^\+?[0-9][0-9 .]{7,18}$",
                message=_("Enter a phone number of digits, for example 0912 345 678."),
            )
        ],
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    # Set when the person's name and contact data were replaced (`privacy.anonymise`).
    anonymised_on = models.DateField(_("anonymised on"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SearchableQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name", "pk"]
        # The list's order: a page is read off the index, not sorted from every row.
        indexes = [models.Index(fields=["full_name", "id"], name="person_list_order")]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("cooperatives:person_detail", args=[self.pk])


def woman_manager_q(prefix: str = "") -> Q:
    """Return the condition "a woman in a manager role for her cooperative's kind" on
    ManagementRole rows (or on rows reached through `prefix`, e.g. "roles__")."""
    by_kind = Q()
    for kind, roles in MANAGER_ROLES.items():
        by_kind |= Q(**{f"{prefix}cooperative__kind": kind, f"{prefix}role__in": sorted(roles)})
    return Q(**{f"{prefix}person__sex": Person.Sex.FEMALE}) & by_kind


class ManagementRoleQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date):
        """Return roles held on `day` (start and end dates inclusive)."""
        return self.filter(ROLE_PERIOD.on(day))

    def women_managers(self):
        return self.filter(woman_manager_q())


ROLE_PERIOD = Period("start_date", "end_date", start_may_be_empty=False)


class ManagementRole(models.Model):
    """A person's role in a cooperative, from a start date to an end date (open if current)."""

    write_rule = Rule(unit="cooperative__unit_id")

    Role = RoleKind

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="roles"
    )
    cooperative = models.ForeignKey(
        Cooperative, verbose_name=_("cooperative"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    # Changed since a form was opened? Its save is refused (org.forms.VersionedModelForm).
    updated_at = models.DateTimeField(auto_now=True)

    objects = ManagementRoleQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("management role")
        verbose_name_plural = _("management roles")
        ordering = ["cooperative", "-start_date", "pk"]
        constraints = [
            ROLE_PERIOD.constraint("role_ends_after_it_starts"),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()} – {self.cooperative}"

    def clean(self):
        errors = ROLE_PERIOD.errors(self)
        if (
            self.cooperative_id
            and self.person_id
            and self.person.unit_id not in self.cooperative.unit.local_area_ids()
        ):
            errors["person"] = _(
                "This person is filed under another area; add them under the cooperative's unit."
            )
        if (
            self.cooperative_id
            and self.role
            and self.role not in ROLES_BY_KIND[self.cooperative.kind]
        ):
            errors["role"] = _("A %(kind)s has no role “%(role)s”.") % {
                "kind": self.cooperative.get_kind_display(),
                "role": self.get_role_display(),
            }
        if errors:
            raise ValidationError(errors)

    def is_active_on(self, day: datetime.date) -> bool:
        return ROLE_PERIOD.contains(self, day)

    @property
    def has_ended(self) -> bool:
        """Return whether the role ended before today (a past role on the cooperative's page)."""
        return ROLE_PERIOD.ended_before(self, timezone.localdate())

    @property
    def is_manager_role(self) -> bool:
        return self.role in MANAGER_ROLES[self.cooperative.kind]


# An OCOP certificate is valid for 36 months from its issue (Decision 148/QĐ-TTg, 2023).
OCOP_VALID_MONTHS = 36
CERTIFICATE_VALID, CERTIFICATE_EXPIRED, CERTIFICATE_UNDATED = "valid", "expired", "undated"


def certificate_not_expired_q(day: datetime.date) -> Q:
    """The OCOP products whose certificate has not surely ended on `day`: valid until a
    later day, or undated and of a year whose 36 months may still run (see
    `OcopProduct.certificate_state`)."""
    return Q(expires_on__gte=day) | Q(
        expires_on__isnull=True, year_certified__gte=day.year - OCOP_VALID_MONTHS // 12
    )


class ProductGroup(models.TextChoices):
    """The OCOP programme's six product groups (Decision 148/QĐ-TTg, 2023)."""

    FOOD = "food", _("Food")
    DRINKS = "drinks", _("Drinks")
    HERBS = "herbs", _("Herbal products")
    TEXTILES = "textiles", _("Textiles and garments")
    CRAFTS = "crafts", _("Souvenirs, furniture and decoration")
    TOURISM = "tourism", _("Community and rural tourism")


class OcopProduct(models.Model):
    """A product certified under the One Commune One Product (OCOP) programme."""

    write_rule = Rule(unit="cooperative__unit_id")

    cooperative = models.ForeignKey(
        Cooperative,
        verbose_name=_("cooperative"),
        on_delete=models.CASCADE,
        related_name="ocop_products",
    )
    name = models.CharField(_("product"), max_length=200)
    stars = models.PositiveSmallIntegerField(
        _("OCOP stars"),
        validators=[
            MinValueValidator(1, message=_("OCOP stars go from 1 to 5.")),
            MaxValueValidator(5, message=_("OCOP stars go from 1 to 5.")),
        ],
    )
    year_certified = models.PositiveSmallIntegerField(
        _("year certified"),
        validators=[
            MinValueValidator(2018, message=_("The OCOP programme certifies from 2018 on.")),
            MaxValueValidator(2100, message=_("Enter a year up to 2100.")),
        ],
    )
    # What the public showcase shows of a product (showcase/published.py), when its
    # cooperative is published and `shown_publicly` is ticked.
    category = models.CharField(
        _("product group"), max_length=20, choices=ProductGroup.choices, blank=True
    )
    description = models.TextField(_("description"), max_length=3000, blank=True)
    certificate_number = models.CharField(_("OCOP certificate number"), max_length=60, blank=True)
    certified_on = models.DateField(_("certificate issued on"), null=True, blank=True)
    expires_on = models.DateField(
        _("certificate valid until"),
        null=True,
        blank=True,
        help_text=_("Left empty: 36 months after the issue date, as the OCOP programme sets."),
    )
    price_from = models.PositiveIntegerField(_("price from (VND)"), null=True, blank=True)
    price_to = models.PositiveIntegerField(_("price up to (VND)"), null=True, blank=True)
    price_unit = models.CharField(
        _("price per"), max_length=40, blank=True, help_text=_("For example: kg, hộp 500 g.")
    )
    shown_publicly = models.BooleanField(_("show on the public showcase"), default=False)

    # Changed since a form was opened? Its save is refused (org.forms.VersionedModelForm).
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("OCOP product")
        verbose_name_plural = _("OCOP products")
        ordering = ["cooperative", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stars__gte=1, stars__lte=5), name="ocop_stars_from_one_to_five"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.stars}★)"

    def save(self, *args, **kwargs):
        # Every path fills the end of validity the programme sets, not only a form's clean().
        if self.certified_on and not self.expires_on:
            self.expires_on = add_months(self.certified_on, OCOP_VALID_MONTHS)
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.certified_on:
            if self.year_certified and self.certified_on.year != self.year_certified:
                errors["certified_on"] = _("The issue date must fall in the year certified.")
            if not self.expires_on:
                self.expires_on = add_months(self.certified_on, OCOP_VALID_MONTHS)
        if self.expires_on and self.certified_on and self.expires_on <= self.certified_on:
            errors["expires_on"] = _("The certificate must end after it was issued.")
        if self.expires_on and not self.certified_on:
            errors["certified_on"] = _("Give the issue date with the end of validity.")
        if self.price_from and self.price_to and self.price_to < self.price_from:
            errors["price_to"] = _("The highest price cannot be below the lowest.")
        if errors:
            raise ValidationError(errors)

    def certificate_state(self, day: datetime.date) -> str:
        """Return VALID, EXPIRED or UNDATED: whether the OCOP certificate is valid on `day`.
        Without dates, a certificate of year Y has surely ended after 31/12 of Y + 3 (36
        months from any day of Y); before that it is UNDATED, never shown as valid."""
        if self.expires_on:
            return CERTIFICATE_VALID if day <= self.expires_on else CERTIFICATE_EXPIRED
        if day.year > self.year_certified + OCOP_VALID_MONTHS // 12:
            return CERTIFICATE_EXPIRED
        return CERTIFICATE_UNDATED


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Return the day `months` later (the month's last day when it is shorter: 29/02 + 12
    months is 28/02)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last))
