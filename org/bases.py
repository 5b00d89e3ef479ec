"""Shared model bases and validators of every app's records: search text that ignores case
and diacritics, numbers that cannot be negative, parts that cannot exceed their whole."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from config.text import fold

NOT_NEGATIVE = MinValueValidator(0, message=_("This cannot be a negative number."))


class SearchTextModel(models.Model):
    """A model that keeps `search_text`, its SEARCH_FIELDS folded by `config.text.fold`, so that
    search ignores case and diacritics on every database with a plain LIKE."""

    SEARCH_FIELDS: tuple[str, ...] = ()

    search_text = models.TextField(editable=False, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.refresh_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def refresh_search_text(self):
        """Set `search_text` from SEARCH_FIELDS: save() does, bulk writes must call it."""
        self.search_text = fold(" ".join(getattr(self, name) or "" for name in self.SEARCH_FIELDS))


class SearchableQuerySet(models.QuerySet):
    def search(self, query: str):
        """Return rows whose `search_text` holds every word of `query`, ignoring case and
        diacritics (see `config.text.fold`)."""
        qs = self
        # A NUL character is no letter of any name, and PostgreSQL refuses it in a query.
        for word in fold(query.replace("\x00", " ")).split():
            qs = qs.filter(search_text__contains=word)
        return qs


def parts_within_whole_errors(record, pairs) -> dict:
    """Return {part: message} for each (part, whole) field pair of `record` whose part is
    larger than its whole. A missing or negative value has its own message, so it is not
    compared (that would only add noise)."""
    errors = {}
    for part, whole in pairs:
        part_value, whole_value = getattr(record, part), getattr(record, whole)
        if None in (part_value, whole_value) or min(part_value, whole_value) < 0:
            continue
        if part_value > whole_value:
            errors[part] = _(
                "“%(part)s” (%(part_value)s) cannot be more than “%(whole)s” (%(whole_value)s)."
            ) % {
                "part": record._meta.get_field(part).verbose_name,
                "part_value": part_value,
                "whole": record._meta.get_field(whole).verbose_name,
                "whole_value": whole_value,
            }
    return errors
