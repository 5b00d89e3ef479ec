"""How the values officers type into Excel cells are read: text, numbers, dates, yes/no.

Each parser takes what openpyxl gives (str, int, float, datetime or None) and returns the
value, or raises ValueError with a message in the user's language. Nothing is guessed: a
number that could be read two ways is refused.

Numbers follow Vietnamese habit: a dot groups thousands and a comma marks decimals, so
"1.234.500" is 1234500 and "1.234,5" is 1234.5. "1,234" (a thousand in English, one and a
bit in Vietnamese) and "1.5" are refused as ambiguous.
"""

import datetime
import re
import unicodedata

from django.utils.translation import gettext as _

from config.text import fold

# Excel counts days from 30/12/1899 (its 1900 leap-year bug included).
EXCEL_EPOCH = datetime.date(1899, 12, 30)
# Serial numbers of dates from 1900 to 2100: anything else in a date column is not a date.
SERIAL_RANGE = (1, 73415)

_PLAIN = re.compile(r"^-?\d+$")
_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_GROUPED_DECIMAL = re.compile(r"^-?\d{1,3}(\.\d{3})+,\d+$")
_PLAIN_DECIMAL = re.compile(r"^-?\d+,\d+$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

YES = {"co", "x", "1", "yes", "dung", "true"}
NO = {"khong", "0", "no", "sai", "false"}


def clean_text(value) -> str:
    """Return `value` as text in composed Unicode (NFC), with single spaces and no spaces
    at either end. Excel files from some keyboards hold decomposed Vietnamese letters."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(unicodedata.normalize("NFC", str(value)).split())


def clean_lines(value) -> str:
    """Return `value` as text of one or more lines, each cleaned as by `clean_text`, without
    blank lines at either end (a cell with line breaks: a description, an answer)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    lines = [clean_text(line) for line in unicodedata.normalize("NFC", str(value)).splitlines()]
    return "\n".join(lines).strip("\n")


def parse_integer(value):
    """Return a whole number (or None for an empty cell)."""
    number = parse_number(value)
    if number is None:
        return None
    if number != int(number):
        shown = str(number).replace(".", ",") if isinstance(value, float) else clean_text(value)
        raise ValueError(_("“%(value)s” is not a whole number.") % {"value": shown})
    return int(number)


def parse_number(value):
    """Return the number in a cell: a number cell as it is, text by Vietnamese habit."""
    if value is None or isinstance(value, bool):
        if value is None:
            return None
        raise ValueError(_("Enter a number."))
    if isinstance(value, int | float):
        return value
    text = clean_text(value).replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if _PLAIN.match(text):
        return int(text)
    if _GROUPED.match(text):
        return int(text.replace(".", ""))
    # "1,234" is a thousand to an English keyboard: only a comma with dots before it, or
    # with other than three digits after it, is surely a decimal comma.
    plain_decimal = _PLAIN_DECIMAL.match(text) and len(text.split(",")[1]) != 3
    if _GROUPED_DECIMAL.match(text) or plain_decimal:
        return float(text.replace(".", "").replace(",", "."))
    if re.match(r"^-?[\d.,]+$", text):
        raise ValueError(
            _(
                "“%(value)s” can be read in more than one way: write thousands with dots and "
                "decimals with a comma, for example 1.234.500 or 1.234,5."
            )
            % {"value": text}
        )
    raise ValueError(_("“%(value)s” is not a number.") % {"value": text})


def parse_date(value):
    """Return a date from a date cell, a dd/mm/yyyy or yyyy-mm-dd text, or an Excel serial
    number (typed as a number or as text)."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = clean_text(value)
    if not text:
        return None
    try:
        if isinstance(value, int | float) or text.isdigit():
            serial = float(value) if isinstance(value, int | float) else int(text)
            if not SERIAL_RANGE[0] <= serial <= SERIAL_RANGE[1] or serial != int(serial):
                raise ValueError
            return EXCEL_EPOCH + datetime.timedelta(days=int(serial))
        if match := _DAY_MONTH_YEAR.match(text):
            day, month, year = (int(part) for part in match.groups())
            return datetime.date(year, month, day)
        if match := _ISO.match(text):
            year, month, day = (int(part) for part in match.groups())
            return datetime.date(year, month, day)
    except ValueError:
        pass
    raise ValueError(
        _("“%(value)s” is not a date: write it as dd/mm/yyyy, for example 06/07/2023.")
        % {"value": text}
    )


def parse_yes_no(value) -> bool:
    """Return True for "Có"/"x"/1, False for "Không"/0 or an empty cell."""
    text = fold(clean_text(value))
    if text in YES:
        return True
    if text in NO or text == "":
        return False
    raise ValueError(_("“%(value)s”: write “Có” or “Không”.") % {"value": clean_text(value)})
