"""Text folding for diacritics-insensitive search."""

import re
import unicodedata

# The combining marks of Vietnamese (and of Latin letters generally) once decomposed.
COMBINING_MARKS = re.compile("[\u0300-\u036f]")


def fold(text: str) -> str:
    """Return `text` lower-cased, without Vietnamese diacritics, with single spaces.

    "Hợp tác xã Đồng Tâm" → "hop tac xa dong tam". "đ" has no decomposition in Unicode,
    so it is mapped by hand.
    """
    decomposed = unicodedata.normalize("NFD", text or "")
    stripped = COMBINING_MARKS.sub("", decomposed)
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return " ".join(stripped.lower().split())
