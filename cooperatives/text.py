"""Text folding for diacritics-insensitive search."""

import unicodedata


def fold(text: str) -> str:
    """Return `text` lower-cased, without Vietnamese diacritics, with single spaces.

    "Hợp tác xã Đồng Tâm" → "hop tac xa dong tam". "đ" has no decomposition in Unicode,
    so it is mapped by hand.
    """
    decomposed = unicodedata.normalize("NFD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return " ".join(stripped.lower().split())
