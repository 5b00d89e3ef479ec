"""Cells as officers type them: Vietnamese numbers, dates as text or serials, odd Unicode."""

import datetime
import unicodedata

import pytest

from imports import cells


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("1.234.500", 1234500),
        ("1234500", 1234500),
        (" 1.234.500 ", 1234500),
        ("1 234 500", 1234500),
        ("1.234", 1234),
        ("-2.500.000", -2500000),
        (1234500, 1234500),
        (25.0, 25),
        ("1.234,5", 1234.5),
        ("0,75", 0.75),
        (None, None),
        ("", None),
    ],
)
def test_numbers_are_read_the_vietnamese_way(typed, number):
    assert cells.parse_number(typed) == number


@pytest.mark.parametrize("typed", ["1,234", "1.5", "1,234.5", "1.23.4", "12.34"])
def test_a_number_that_reads_two_ways_is_refused_not_guessed(typed):
    with pytest.raises(ValueError, match="more than one way|nhiều cách"):
        cells.parse_number(typed)


def test_a_fraction_is_not_a_whole_number():
    with pytest.raises(ValueError):
        cells.parse_integer("1.234,5")
    with pytest.raises(ValueError):
        cells.parse_integer(2.5)
    assert cells.parse_integer("1.234.500") == 1234500


def test_words_are_not_numbers():
    with pytest.raises(ValueError):
        cells.parse_number("hai mươi")


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("06/07/2023", datetime.date(2023, 7, 6)),
        ("6/7/2023", datetime.date(2023, 7, 6)),
        ("2023-07-06", datetime.date(2023, 7, 6)),
        (45113, datetime.date(2023, 7, 6)),
        ("45113", datetime.date(2023, 7, 6)),
        (datetime.datetime(2023, 7, 6, 0, 0), datetime.date(2023, 7, 6)),
        (None, None),
    ],
)
def test_dates_as_text_serials_or_date_cells(typed, day):
    assert cells.parse_date(typed) == day


@pytest.mark.parametrize("typed", ["31/02/2024", "07/2023", "hôm qua", 9999999, 45113.5])
def test_a_date_that_is_not_one_is_refused(typed):
    with pytest.raises(ValueError, match="dd/mm/yyyy|ngày/tháng/năm"):
        cells.parse_date(typed)


def test_decomposed_vietnamese_and_stray_spaces_are_cleaned():
    decomposed = unicodedata.normalize("NFD", "  Hợp tác xã   Tả Van ")
    assert decomposed != "Hợp tác xã Tả Van"
    assert cells.clean_text(decomposed) == "Hợp tác xã Tả Van"


@pytest.mark.parametrize(
    ("typed", "value"), [("Có", True), ("x", True), ("không", False), ("", False)]
)
def test_yes_and_no(typed, value):
    assert cells.parse_yes_no(typed) is value


def test_a_yes_no_cell_with_something_else_is_refused():
    with pytest.raises(ValueError):
        cells.parse_yes_no("có lẽ")
