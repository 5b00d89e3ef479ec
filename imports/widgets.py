"""import-export widgets that read cells as officers type them (see `cells`), and find the
records a row refers to within what the importing user may touch."""

from django.utils import translation
from django.utils.translation import gettext as _
from import_export import widgets

from config.text import fold

from . import cells


class Text(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return cells.clean_text(value)


class Lines(widgets.Widget):
    """Text that may hold several lines (a description, an answer), kept line by line."""

    def clean(self, value, row=None, **kwargs):
        return cells.clean_lines(value)


class WholeNumber(widgets.Widget):
    """A whole number; an empty cell gives `empty` (0 for counts, None where optional)."""

    def __init__(self, empty=None):
        super().__init__()
        self.empty = empty

    def clean(self, value, row=None, **kwargs):
        number = cells.parse_integer(value)
        return self.empty if number is None else number


class Date(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return cells.parse_date(value)


class YesNo(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return cells.parse_yes_no(value)


def _labels(value, label) -> set[str]:
    """The folded ways a choice may be written: its code, and its label in each language."""
    names = {fold(value)}
    for language in ("vi", "en"):
        with translation.override(language):
            names.add(fold(str(label)))
    return names


class Choice(widgets.Widget):
    """One of a model field's choices, written as its label (Vietnamese or English) or code;
    `aliases` maps further folded spellings (e.g. "htx") to codes."""

    def __init__(self, choices, aliases=None, default=None):
        super().__init__()
        self.choices = choices
        self.aliases = aliases or {}
        self.default = default

    def clean(self, value, row=None, **kwargs):
        text = fold(cells.clean_text(value))
        if not text:
            if self.default is None:
                raise ValueError(_("This cell is required."))
            return self.default
        if text in self.aliases:
            return self.aliases[text]
        for code, label in self.choices:
            if text in _labels(code, label):
                return code
        allowed = "; ".join(str(label) for _code, label in self.choices)
        raise ValueError(
            _("“%(value)s” is not one of: %(allowed)s.")
            % {"value": cells.clean_text(value), "allowed": allowed}
        )


class Named(widgets.Widget):
    """A record of `queryset` given by one of `keys` (fields compared folded, so "Tả Van",
    "ta van" and "TẢ VAN" are the same); `missing` is the message when nothing matches;
    `prepare`, if given, is called once with the records loaded.

    A key is compared whole ("Lâm nghiệp, dược liệu" is one sector), but for the keys of
    `listed`, which hold several names separated by commas (an ethnic group's other names)."""

    def __init__(self, queryset, keys, missing, required=True, aliases=(), prepare=None, listed=()):
        widgets.Widget.__init__(self)
        self.queryset = queryset
        self.keys = keys
        self.missing = missing
        self.required = required
        self.aliases = aliases  # (another spelling, the name it stands for), both folded
        self.prepare = prepare
        self.listed = listed
        self._index = None

    def index(self):
        if self._index is None:
            self._index = {}
            records = list(self.queryset)
            if self.prepare:
                self.prepare(records)
            for record in records:
                for key in self.keys:
                    value = str(getattr(record, key) or "")
                    for name in value.split(",") if key in self.listed else [value]:
                        if fold(name):
                            self._index.setdefault(fold(name), set()).add(record)
            for alias, name in self.aliases:
                self._index.setdefault(alias, self._index.get(name, set()))
        return self._index

    def find(self, text):
        matches = self.index().get(fold(text), set())
        if len(matches) != 1:
            raise ValueError(self.missing % {"value": text})
        return next(iter(matches))

    def clean(self, value, row=None, **kwargs):
        text = cells.clean_text(value)
        if not text:
            if self.required:
                raise ValueError(_("This cell is required."))
            return None
        return self.find(text)


class NamedList(Named, widgets.ManyToManyWidget):
    """Several records of `queryset`, separated by ";" (saved as a many-to-many field)."""

    separator = ";"
    field = "pk"

    def clean(self, value, row=None, **kwargs):
        text = cells.clean_text(value)
        return [self.find(part) for part in text.split(self.separator) if part.strip()]
