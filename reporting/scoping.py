"""Admin support: the Django admin applies the same unit scope as the pages."""

from django.contrib import admin


class ScopedAdmin(admin.ModelAdmin):
    """A ModelAdmin that shows a unit officer only their area's rows and choices.

    `unit_path` names the unit field of the model's rows ("unit", "cooperative__unit").
    Foreign keys to scoped models offer only rows in scope, so nothing can be attached
    to another unit's record either.
    """

    unit_path = "unit"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        unit_ids = request.user.area_unit_ids()
        if unit_ids is None:
            return queryset
        return queryset.filter(**{f"{self.unit_path}_id__in": unit_ids})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        unit_ids = request.user.area_unit_ids()
        if unit_ids is not None and field is not None:
            related = db_field.related_model
            if related._meta.label == "reporting.Unit":
                field.queryset = field.queryset.filter(id__in=unit_ids)
            elif any(f.name == "unit" for f in related._meta.fields):
                field.queryset = field.queryset.filter(unit_id__in=unit_ids)
        return field
