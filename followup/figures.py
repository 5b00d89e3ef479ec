"""The yearly submission's figures that are counted from the follow-up records: defined here
once, read by the submission's form, its submit step and the support list's links.

For a unit and a period (the round's), the supports given within it count:
- `trade_promotion_events`: the supports of a kind that counts as trade promotion, an event
  entered for several cooperatives at once (one batch) counting once;
- `loans_count`: the cooperatives that got a preferential loan (borrowers), and
  `loans_amount`: the sum lent;
- `funding_*`: the sum of the supports' amounts by funding source (plan section V).

Whose supports: for a provincial body, those it gave; for an area, those given to the
cooperatives whose records make up its figures on the period's last day (the dashboard's
rule, `Unit.objects.figure_unit_ids`).
"""

import datetime

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.http import urlencode

from org.models import Unit

from .models import Funding, Support, SupportKind
from .summary import day_text

TRADE = Q(kind__counts_as=SupportKind.CountsAs.TRADE_PROMOTION)
LOAN = Q(kind__counts_as=SupportKind.CountsAs.LOAN)
# The submission's field for each funding source.
FUNDING_FIELDS = {
    Funding.STATE_BUDGET: "funding_state_budget",
    Funding.CREDIT: "funding_credit",
    Funding.MOBILISED: "funding_mobilised",
    Funding.COOPERATIVES: "funding_cooperatives",
}
# Every submission field counted from records, in the form's order.
COUNTED_FIELDS = [
    "trade_promotion_events",
    "loans_count",
    "loans_amount",
    *FUNDING_FIELDS.values(),
]


def supports_of(unit: Unit, first: datetime.date, last: datetime.date):
    """The supports that make up `unit`'s figures for the period `first`–`last`."""
    supports = Support.objects.given_between(first, last)
    if unit.kind == Unit.Kind.DEPARTMENT:
        return supports.filter(body=unit)
    return supports.filter(cooperative__unit_id__in=Unit.objects.figure_unit_ids(unit.pk, last))


def counted(unit: Unit, first: datetime.date, last: datetime.date) -> dict[str, int]:
    """{submission field: figure} counted from the supports (one query)."""
    totals = supports_of(unit, first, last).aggregate(
        batches=Count("batch", distinct=True, filter=TRADE),
        single=Count("pk", filter=TRADE & Q(batch__isnull=True)),
        loans_count=Count("cooperative", distinct=True, filter=LOAN),
        loans_amount=Sum("loan_amount", filter=LOAN),
        **{
            field: Sum("amount", filter=Q(funding_source=source))
            for source, field in FUNDING_FIELDS.items()
        },
    )
    figures = {"trade_promotion_events": totals.pop("batches") + totals.pop("single")}
    return figures | {field: value or 0 for field, value in totals.items()}


def record_links(unit: Unit, first: datetime.date, last: datetime.date) -> dict[str, str]:
    """{submission field: the support list's address showing the records it counts}."""
    period = {"given_from": day_text(first), "given_to": day_text(last)}
    whose = {"body": unit.pk} if unit.kind == Unit.Kind.DEPARTMENT else {"unit": unit.pk}
    base = reverse("followup:support_list")
    narrowing = {
        "trade_promotion_events": {"counts_as": SupportKind.CountsAs.TRADE_PROMOTION},
        "loans_count": {"counts_as": SupportKind.CountsAs.LOAN},
        "loans_amount": {"counts_as": SupportKind.CountsAs.LOAN},
        **{field: {"funding_source": source} for source, field in FUNDING_FIELDS.items()},
    }
    return {
        field: f"{base}?{urlencode({**whose, **period, **narrow})}"
        for field, narrow in narrowing.items()
    }
