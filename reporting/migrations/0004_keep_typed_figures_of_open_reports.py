"""Reports still open keep the figures their units typed before figures were counted from the
follow-up records: each non-zero one becomes a correction with that reason, so that the
submit step does not replace it by the count. Accepted reports are left as they are (they
count as typed)."""

from django.db import migrations

COUNTED_FIELDS = [
    "trade_promotion_events",
    "loans_count",
    "loans_amount",
    "funding_state_budget",
    "funding_credit",
    "funding_mobilised",
    "funding_cooperatives",
]
REASON = "Nhập tay trước khi có số liệu tính từ hồ sơ theo dõi hỗ trợ"


def keep_typed_figures(apps, schema_editor):
    Submission = apps.get_model("reporting", "Submission")
    for submission in Submission.objects.exclude(state="accepted").iterator():
        typed = {name: REASON for name in COUNTED_FIELDS if getattr(submission, name)}
        if typed:
            submission.corrections = {**typed, **submission.corrections}
            submission.save(update_fields=["corrections"])


class Migration(migrations.Migration):
    dependencies = [("reporting", "0003_figures_counted_from_records")]

    operations = [migrations.RunPython(keep_typed_figures, migrations.RunPython.noop)]
