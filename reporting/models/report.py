"""The provincial report's own parts: what the Union writes and how the document is issued."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from org.writes import Rule, province

from .submissions import ReportingRound

DEFAULT_RECIPIENTS = "\n".join(
    [
        "Trung ương Hội LHPN Việt Nam;",
        "TT. Tỉnh ủy, HĐND, UBND tỉnh;",
        "Các sở, ban, ngành liên quan;",
        "Lưu: VT.",
    ]
)


class ProvincialReport(models.Model):
    """The Union's report for a round: its narrative and the Decree 30 document details."""

    write_rule = Rule(writers=province)

    round = models.OneToOneField(
        ReportingRound, on_delete=models.CASCADE, related_name="provincial_report"
    )
    number = models.PositiveIntegerField(
        _("document number"),
        null=True,
        blank=True,
        help_text=_("Left empty until the clerk registers it."),
    )
    symbol = models.CharField(_("symbol"), max_length=30, default="BC-HPN")
    place = models.CharField(_("place"), max_length=60, default="Lào Cai")
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    authority = models.CharField(_("signing authority"), max_length=60, default="TM. BAN THƯỜNG VỤ")
    signer_title = models.CharField(_("signer's position"), max_length=60, default="CHỦ TỊCH")
    signer_name = models.CharField(_("signer's name"), max_length=100, blank=True)
    recipients = models.TextField(
        _("recipients"), default=DEFAULT_RECIPIENTS, help_text=_("One per line.")
    )
    results = models.TextField(_("results"), blank=True)
    difficulties = models.TextField(_("difficulties"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("provincial report")
        verbose_name_plural = _("provincial reports")

    def __str__(self):
        return str(self.round)

    @property
    def recipient_lines(self) -> list[str]:
        return [
            line.strip().lstrip("-").strip()
            for line in self.recipients.splitlines()
            if line.strip()
        ]
