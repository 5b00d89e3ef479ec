"""What the public showcase may show, and what it adds to the registry.

A cooperative appears on the public site only when its `Publication` is PUBLISHED: its unit
officer proposes it, province staff approve it (the website is the Union's voice), and
either may take it down at once (`showcase.services`). Inside a published cooperative each
group of fields has its own choice: the contacts (`show_contacts`), the leaders
(`show_leaders`, and each woman only with her recorded `LeaderConsent`), each product
(`OcopProduct.shown_publicly`). `showcase.published` is the only reader of these rules.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from config.text import fold
from cooperatives.models import Cooperative, OcopProduct
from org.bases import SearchableQuerySet
from org.writes import Rule


def slug_of(name: str) -> str:
    """Return a readable, accent-free slug of a Vietnamese name ("Hợp tác xã Đồng Tâm" →
    "hop-tac-xa-dong-tam"), for the public addresses."""
    words = "".join(c if c.isalnum() else " " for c in fold(name)).split()
    return "-".join(words)[:80].strip("-") or "-"


class Publication(models.Model):
    """Whether a cooperative is on the public showcase, and what it says there."""

    # Its state changes only through showcase.services (propose, approve, unpublish); the
    # officers' form edits the content.
    write_rule = Rule(unit="cooperative__unit_id")

    class State(models.TextChoices):
        DRAFT = "draft", _("Not proposed")
        PROPOSED = "proposed", _("Proposed, awaiting approval")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Taken down")

    cooperative = models.OneToOneField(
        "cooperatives.Cooperative",
        verbose_name=_("cooperative"),
        on_delete=models.CASCADE,
        related_name="publication",
    )
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.DRAFT, db_index=True
    )
    story = models.TextField(
        _("story"),
        max_length=4000,
        blank=True,
        help_text=_("Who they are, what they make, how women lead it: a few paragraphs."),
    )
    show_contacts = models.BooleanField(_("show the contacts below publicly"), default=False)
    phone = models.CharField(_("public phone"), max_length=20, blank=True)
    email = models.EmailField(_("public email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    show_address = models.BooleanField(_("show the address publicly"), default=False)
    show_leaders = models.BooleanField(
        _("show the women who lead it"),
        default=True,
        help_text=_("Only those whose consent is recorded are shown."),
    )
    featured = models.BooleanField(
        _("featured on the home page"),
        default=False,
        help_text=_("Chosen by province staff."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # What the public search reads: the cooperative's name and its shown products' names,
    # folded (config.text.fold). Not its address or registration code, which may be hidden:
    # a search must not tell what a page does not show. Renewed by `renew_search_text`.
    search_text = models.TextField(editable=False, default="")
    # Changed since a form was opened? Its save is refused (the door's stale-edit rule).
    updated_at = models.DateTimeField(auto_now=True)
    objects = SearchableQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at", "search_text"])

    class Meta:
        verbose_name = _("public page")
        verbose_name_plural = _("public pages")

    def __str__(self):
        return str(self.cooperative)

    def save(self, *args, **kwargs):
        self.search_text = search_texts([self.cooperative_id]).get(self.cooperative_id, "")
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    def public_url(self) -> str:
        return reverse("showcase:cooperative", args=[self.cooperative_id, slug_of(str(self))])


def search_texts(cooperative_ids) -> dict[int, str]:
    """Return {cooperative id: its public search text}: two queries."""
    parts = {
        pk: [name]
        for pk, name in Cooperative.objects.filter(pk__in=cooperative_ids).values_list("pk", "name")
    }
    shown = OcopProduct.objects.filter(cooperative_id__in=cooperative_ids, shown_publicly=True)
    for cooperative_id, name in shown.order_by("name").values_list("cooperative_id", "name"):
        parts[cooperative_id].append(name)
    return {pk: fold(" ".join(names)) for pk, names in parts.items()}


def renew_search_text(cooperative_ids):
    """Renew the search text of the public pages of `cooperative_ids` (after a change of a
    name or of the products shown); one update per page, none for a cooperative without."""
    with_page = Publication.objects.filter(cooperative_id__in=set(cooperative_ids))
    pages = list(with_page.values_list("cooperative_id", flat=True))
    for cooperative_id, text in search_texts(pages).items() if pages else ():
        Publication.objects.filter(cooperative_id=cooperative_id).update(search_text=text)


class SalesPoint(models.Model):
    """Where to buy: a shop on an e-commerce platform, the cooperative's own site, or a
    shop or stall to visit; of the whole cooperative or of one product."""

    write_rule = Rule(unit="cooperative__unit_id")

    class Kind(models.TextChoices):
        ONLINE = "online", _("E-commerce shop")
        WEBSITE = "website", _("Own website")
        PLACE = "place", _("Shop or sales point")

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("cooperative"),
        on_delete=models.CASCADE,
        related_name="sales_points",
    )
    product = models.ForeignKey(
        "cooperatives.OcopProduct",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sales_points",
        help_text=_("Empty: the cooperative's whole range is sold there."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    label = models.CharField(
        _("name"), max_length=120, help_text=_("For example: Shopee, Postmart, OCOP shop Sa Pa.")
    )
    url = models.URLField(_("link"), blank=True, help_text=_("Starts with https://"))
    address = models.CharField(_("address"), max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("sales point")
        verbose_name_plural = _("sales points")
        ordering = ["kind", "label", "pk"]

    def __str__(self):
        return self.label

    def clean(self):
        errors = {}
        if self.kind in (self.Kind.ONLINE, self.Kind.WEBSITE) and not self.url:
            errors["url"] = _("Give the link of the shop or website.")
        if self.url and not self.url.lower().startswith(("https://", "http://")):
            errors["url"] = _("A link starts with https:// or http://.")
        if self.kind == self.Kind.PLACE and not (self.address or self.url):
            errors["address"] = _("Give the address of the shop or sales point.")
        if self.product_id and self.product.cooperative_id != self.cooperative_id:
            errors["product"] = _("Choose one of this cooperative's products.")
        if errors:
            raise ValidationError(errors)


class ProductPhoto(models.Model):
    """A photo of a product: re-encoded renditions of one upload (showcase.photos), in
    storage under `folder`."""

    write_rule = Rule(unit="product__cooperative__unit_id")

    product = models.ForeignKey(
        "cooperatives.OcopProduct",
        verbose_name=_("product"),
        on_delete=models.CASCADE,
        related_name="photos",
    )
    position = models.PositiveSmallIntegerField(pgettext_lazy("order", "position"), default=0)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    folder = models.CharField(max_length=32, unique=True, editable=False)
    # The widths stored, smallest first ("320,640,1280"), and the largest one's size.
    widths = models.CharField(max_length=40, editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("product photo")
        verbose_name_plural = _("product photos")
        ordering = ["product", "position", "pk"]

    def __str__(self):
        return self.caption or str(self.product.name)

    @property
    def width_list(self) -> list[int]:
        return [int(w) for w in self.widths.split(",")]

    @classmethod
    def stored_files(cls) -> list[str]:
        """Return the names of every stored rendition (for the backup)."""
        from . import photos

        return [
            photos.name_of(folder, int(width))
            for folder, widths in cls.objects.values_list("folder", "widths")
            for width in widths.split(",")
        ]


class LeaderConsent(models.Model):
    """A person's consent to be named on the public showcase: when it was given, how, and
    who recorded it. Withdrawn by deleting it (the history keeps both)."""

    write_rule = Rule(unit="person__unit_id")

    person = models.OneToOneField(
        "cooperatives.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="public_consent",
    )
    given_on = models.DateField(_("consent given on"))
    how = models.CharField(
        _("how it was given"),
        max_length=200,
        help_text=_("For example: signed form kept at the commune Union."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("consent to be shown publicly")
        verbose_name_plural = _("consents to be shown publicly")

    def __str__(self):
        return str(self.person)

    def clean(self):
        if self.given_on and self.given_on > timezone.localdate():
            raise ValidationError({"given_on": _("The consent date cannot be in the future.")})
