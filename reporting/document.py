"""The provincial report as an official document (Decree 30/2020/NĐ-CP layout) in PDF.

The layout rules (A4; margins 20/20/30/15 mm; a Times New Roman-metric serif with every
Vietnamese letter; the national motto block; number and symbol; place and date; title;
recipients; signature block) are in `templates/reporting/report_pdf.html`, from
`shared/data/nd30_2020_format_spec.csv`. Rendering a large report takes seconds, so a PDF is
rendered once and kept until one of its inputs changes (`pdf_key`).
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation

from targets.models import Target

from . import rollup
from .models import AssignedTask, ProvincialReport, Submission

PDF_DIR = Path(settings.MEDIA_ROOT) / "reports"
# The fonts named in the PDF's CSS (Liberation Serif 2, installed by scripts/setup.sh).
FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")


def report_for(round_) -> ProvincialReport:
    """Return the round's provincial report, its narrative prefilled from the units'."""
    report, created = ProvincialReport.objects.get_or_create(round=round_)
    if created:
        prefill(report)
        report.save()
    return report


def prefill(report: ProvincialReport):
    """Fill the empty narrative parts with the accepted units' narratives, grouped by task."""
    submissions = list(rollup.accepted_submissions(report.round))
    tasks = AssignedTask.objects.filter(
        pk__in={int(pk) for s in submissions for pk in s.narratives}
    )
    for part in ("results", "difficulties", "proposals"):
        if getattr(report, part):
            continue
        lines = []
        for task in tasks:
            said = [
                f"- {s.unit}: {s.narratives[str(task.pk)][part]}"
                for s in submissions
                if s.narratives.get(str(task.pk), {}).get(part)
            ]
            if said:
                lines += [f"{task}:", *said]
        setattr(report, part, "\n".join(lines))


def pdf_key(round_, report: ProvincialReport) -> str:
    """Return a key that changes whenever anything the PDF shows changes."""
    inputs = [
        round_.pk,
        report.updated_at.isoformat(),
        Submission.objects.filter(round=round_).aggregate(m=Max("updated_at"))["m"],
        Target.history.aggregate(m=Max("history_date"))["m"],
        # Counts shown as "missing" depend on which submissions exist.
        Submission.objects.filter(round=round_).count(),
    ]
    return hashlib.sha256(repr(inputs).encode()).hexdigest()[:24]


def render_pdf(round_) -> bytes:
    """Return the report's PDF, rendering it only when its inputs changed."""
    report = report_for(round_)
    path = PDF_DIR / f"round-{round_.pk}-{pdf_key(round_, report)}.pdf"
    if path.exists():
        return path.read_bytes()
    from weasyprint import HTML  # imported here: loading Pango is slow for other pages

    summary = rollup.rollup(round_)
    context = {
        "round": round_,
        "report": report,
        **summary,
        "indicator_rows": rollup.against_targets(round_, summary),
        "issued_on": report.issued_on or timezone.localdate(),
        "font_dir": FONT_DIR,
    }
    # An official document of a Vietnamese body: Vietnamese, whatever the reader's language.
    with translation.override("vi"):
        html = render_to_string("reporting/report_pdf.html", context)
    content = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    PDF_DIR.mkdir(parents=True, exist_ok=True)
    for old in PDF_DIR.glob(f"round-{round_.pk}-*.pdf"):
        old.unlink()
    path.write_bytes(content)
    return content
