"""Who may see an import: the officers of the uploader's area, and the province."""

from django.shortcuts import get_object_or_404

from org.access import require_editor, scoped

from .models import ImportBatch


def batches_for(user):
    return scoped(ImportBatch.objects.select_related("uploaded_by"), user, "uploaded_by__unit_id")


def get_batch_or_404(user, pk, *, lock=False):
    """The batch, to those who may change records; `lock` holds its row until the request's
    transaction ends (a second click on "import" waits, then finds it imported)."""
    require_editor(user)
    batches = batches_for(user)
    if lock:
        batches = batches.select_for_update(of=("self",))
    return get_object_or_404(batches, pk=pk)
