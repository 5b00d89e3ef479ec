"""Imports in the admin: the files and their results, read-only; importing goes through the
import page (the same checks as everywhere), linked from the list."""

from django.contrib import admin

from .access import batches_for
from .models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    change_list_template = "admin/imports/importbatch/change_list.html"
    list_display = ["name", "uploaded_by", "uploaded_at", "state"]
    list_filter = ["state"]
    readonly_fields = [f.name for f in ImportBatch._meta.fields]

    def get_queryset(self, request):
        return batches_for(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
