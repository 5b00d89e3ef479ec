"""Form bases shared by the apps that file records under a unit."""

from config.forms import VersionedModelForm
from config.widgets import LongSelect

from .access import AREA_KINDS, units_to_file_under


class UnitScopedForm(VersionedModelForm):
    """A form whose `unit` offers the units of `unit_kinds` (all kinds if None) valid today
    that the user may file a record under, plus the record's own unit (which may predate the
    2025 reform); a new record gets the only one preselected when there is one."""

    unit_kinds = AREA_KINDS

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.unit if self.instance.unit_id else None
        units = units_to_file_under(user, current=current, kinds=self.unit_kinds)
        field = self.fields["unit"]
        # Thousands of units in a national data set; its choices come with the queryset.
        field.widget = LongSelect()
        field.queryset = units
        if not self.instance.pk:
            # Two rows at most are read to learn whether there is only one.
            first_two = list(units[:2])
            if len(first_two) == 1:
                field.initial = first_two[0]
