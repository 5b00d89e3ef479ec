"""Vietnamese number format: Django's own leaves grouping off, officers write 1.234.500."""

NUMBER_GROUPING = 3
