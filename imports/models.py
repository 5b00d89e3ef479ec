"""An uploaded import file, kept with the result of its last check or import."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from org.writes import Rule, nobody


class ImportBatch(models.Model):
    write_rule = Rule(writers=nobody)

    class State(models.TextChoices):
        CHECKED = "checked", _("Checked, not imported")
        IMPORTED = "imported", _("Imported")
        DISCARDED = "discarded", _("Discarded")

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="imports",
    )
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    name = models.CharField(_("file name"), max_length=255)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.CHECKED
    )
    only_good_rows = models.BooleanField(_("only the good rows imported"), default=False)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    # runner.Outcome.as_json() of the last check or import.
    result = models.JSONField(_("result"), default=dict, blank=True)

    class Meta:
        verbose_name = _("Excel import")
        verbose_name_plural = _("Excel imports")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("imports:batch", args=[self.pk])
