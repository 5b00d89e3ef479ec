"""Small helpers of the public pages: JSON-LD, prices, stars, language names."""

import unicodedata

from django import template
from django.utils.formats import number_format
from django.utils.safestring import mark_safe

from showcase import linked_data

register = template.Library()


@register.filter
def ld_json(data):
    # B308/B703 (mark_safe) do not apply: as_script writes <, > and & as JSON's \u escapes,
    # so no value can end the element or open another.
    return mark_safe(linked_data.as_script(data))  # nosec B308 B703


@register.filter
def price_range(product):
    low, high = product.price_from, product.price_to
    amounts = [number_format(value, force_grouping=True) for value in (low, high) if value]
    text = " – ".join(dict.fromkeys(amounts)) + " ₫"
    return f"{text} / {product.price_unit}" if product.price_unit else text


@register.filter
def star_signs(count):
    return "★" * count


@register.filter
def composed(text):
    """`text` in composed form (NFC): Django's own language names write Vietnamese accents
    as separate marks, which search and screen readers may not match."""
    return unicodedata.normalize("NFC", str(text))
