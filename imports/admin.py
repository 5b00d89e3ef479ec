"""Imports in the admin: the files and their results, read-only; importing goes through the
import page (the same checks as everywhere), linked from the list."""

from django.contrib import admin

from org.scoping import DoorAdmin

from .access import batches_for
from .models import ImportBatch

# The change list of the records an import writes links to the import page.
IMPORT_LINK = "admin/change_list_with_import.html"


@admin.register(ImportBatch)
class ImportBatchAdmin(DoorAdmin):
    change_list_template = IMPORT_LINK
    list_display = ["name", "uploaded_by", "uploaded_at", "state"]
    list_filter = ["state"]
    readonly_fields = [f.name for f in ImportBatch._meta.fields]

    def get_queryset(self, request):
        return batches_for(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
