"""Who may see an import: the officers of the uploader's area, and the province."""

from django.shortcuts import get_object_or_404

from reporting.access import require_editor, scoped

from .models import ImportBatch


def batches_for(user):
    return scoped(ImportBatch.objects.select_related("uploaded_by"), user, "uploaded_by__unit_id")


def get_batch_or_404(user, pk):
    require_editor(user)
    return get_object_or_404(batches_for(user), pk=pk)
