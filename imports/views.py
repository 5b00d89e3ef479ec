"""Import pages: upload a workbook, see the check, then import it (or only its good rows)."""

from django.contrib import messages
from django.core.files.base import ContentFile
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from config.pages import paginate
from config.spreadsheets import download
from org.access import require_editor
from org.access_log import Action, note

from .access import batches_for, get_batch_or_404
from .forms import UploadForm
from .marking import mark_problems
from .models import ImportBatch
from .reading import BadFile
from .runner import run_import
from .template import build_template


@require_http_methods(["GET", "POST"])
def start(request):
    require_editor(request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            outcome = run_import(data, request.user, commit=False)
        except BadFile as error:
            form.add_error("file", str(error))
        else:
            batch = ImportBatch(uploaded_by=request.user, name=upload.name[:255])
            batch.file.save(f"{timezone.now():%Y%m%d%H%M%S}.xlsx", ContentFile(data), save=False)
            batch.result = outcome.as_json()
            batch.save()
            return redirect(batch)
    context = {"form": form, "page": paginate(request, batches_for(request.user))}
    return render(request, "imports/start.html", context)


@require_GET
def template(request):
    require_editor(request.user)
    return download(build_template(request.user), "mau-nhap-du-lieu-kh294.xlsx")


@require_GET
def batch(request, pk):
    record = get_batch_or_404(request.user, pk)
    return render(request, "imports/batch.html", {"batch": record, "result": record.result})


@require_GET
def marked(request, pk):
    record = get_batch_or_404(request.user, pk)
    with record.file.open("rb") as stored:
        content = mark_problems(stored.read(), record.result.get("problems", []))
    return download(content, f"kiem-tra-nhap-{record.pk}.xlsx")


def _get_own_checked_batch(request, pk):
    """The batch to confirm or discard: locked against a second click, the user's own (an
    import acts with its uploader's scope) and not yet imported or discarded."""
    record = get_batch_or_404(request.user, pk, lock=True)
    if record.uploaded_by_id != request.user.pk:
        messages.error(request, _("Only the person who uploaded this file can import it."))
        return None
    if record.state != ImportBatch.State.CHECKED:
        messages.error(request, _("This file has already been imported or discarded."))
        return None
    return record


@require_POST
def confirm(request, pk):
    record = _get_own_checked_batch(request, pk)
    if record is None:
        return redirect("imports:batch", pk=pk)
    only_good_rows = request.POST.get("only_good_rows") == "1"
    if record.result.get("bad_rows") and not only_good_rows:
        messages.error(
            request, _("This file has bad rows: fix them, or import only the good rows.")
        )
        return redirect(record)
    with record.file.open("rb") as stored:
        data = stored.read()
    try:
        # Only the rows the check found good, and only if they still are.
        outcome = run_import(data, request.user, commit=True, rows=record.result.get("good"))
    except BadFile as error:  # the check read it, so only a changed setting gets here
        messages.error(request, str(error))
        return redirect(record)
    if outcome.saved:
        record.result["changes"] = outcome.as_json()["changes"]
        record.state = ImportBatch.State.IMPORTED
        record.only_good_rows = only_good_rows
        record.imported_at = timezone.now()
        if outcome.people_written:
            note(request, Action.IMPORT, people=outcome.people_written)
        messages.success(request, _("Imported: %(rows)s rows.") % {"rows": outcome.good_rows})
    else:
        # Show what is bad now: the user may check the file again or discard it.
        record.result = outcome.as_json()
        messages.error(
            request,
            _(
                "Nothing was imported: the data changed since the check and some rows are now "
                "bad. Look at them below."
            ),
        )
    record.save()
    return redirect(record)


@require_POST
def discard(request, pk):
    record = _get_own_checked_batch(request, pk)
    if record is None:
        return redirect("imports:batch", pk=pk)
    record.state = ImportBatch.State.DISCARDED
    record.save(update_fields=["state"])
    messages.success(request, _("The file was discarded; nothing was imported."))
    return redirect("imports:start")
