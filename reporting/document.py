"""The provincial report as an official document (Decree 30/2020/NĐ-CP layout) in PDF.

The layout rules (A4; margins 20/20/30/15 mm; a Times New Roman-metric serif with every
Vietnamese letter; the national motto block; number and symbol; place and date; title;
recipients; signature block) are in `templates/reporting/report_pdf.html`, from
`shared/data/nd30_2020_format_spec.csv`. Rendering a large report takes seconds, so a PDF is
rendered once and kept until what it shows changes (`kept`).
"""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from config.caching import digest
from targets import live

from . import rollup
from .kept import kept
from .models import AssignedTask, ProvincialReport

# The fonts named in the PDF's CSS (Liberation Serif 2, installed by scripts/setup.sh).
FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
# The most units whose words on one task the Union's draft quotes (see `prefill`).
PREFILL_UNITS = 200


def report_for(round_) -> ProvincialReport:
    """Return the round's provincial report (a new one, not saved, until province staff save
    it); the parts the Union has not written yet are filled (not saved) with the accepted
    units' narratives as they stand now."""
    report = ProvincialReport.objects.filter(round=round_).first() or ProvincialReport(round=round_)
    prefill(report)
    return report


def prefill(report: ProvincialReport):
    """Fill the empty narrative parts with the accepted units' narratives, grouped by task.

    Where more than PREFILL_UNITS units wrote on a task (a national roll-up: thousands), the
    draft says how many did instead: their words stay on their own reports."""
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
            if len(said) > PREFILL_UNITS:
                # The report's own text: Vietnamese, whatever the reader's language.
                with translation.override("vi"):
                    said = [
                        _("- %(count)s units wrote on this task; see each unit's report.")
                        % {"count": len(said)}
                    ]
            if said:
                lines += [f"{task}:", *said]
        setattr(report, part, "\n".join(lines))


def render_pdf(round_) -> bytes:
    """Return the report's PDF, rendering it only when what it shows has changed.

    The page's HTML is cheap to build and holds every input (figures, names, dates, the
    Union's text), so its hash is the key of the rendered file.
    """
    report = report_for(round_)
    summary = rollup.rollup(round_)
    context = {
        "round": round_,
        "report": report,
        **summary,
        "indicator_rows": rollup.against_targets(round_, summary),
        # The plan's road to 2030 from the registry as it stands (the kept figures): its HTML
        # is in the key, so a change of the figures renders the document anew.
        "roads": live.roads(),
        "today": timezone.localdate(),
        "issued_on": report.issued_on or timezone.localdate(),
        "font_dir": FONT_DIR,
    }
    # An official document of a Vietnamese body: Vietnamese, whatever the reader's language.
    with translation.override("vi"):
        html = render_to_string("reporting/report_pdf.html", context)
    return kept(round_, digest(html), "pdf", lambda: _pdf(html))


def _pdf(html) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango is slow for other pages

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
