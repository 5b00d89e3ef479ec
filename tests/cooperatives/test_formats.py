"""Money and shares read as Vietnamese officers write them."""

from django.utils import translation

from cooperatives.templatetags.registry import percent, vnd


def test_money_is_grouped_by_thousands_in_each_language():
    with translation.override("vi"):
        assert vnd(1234500) == "1.234.500"
        assert vnd(-2000000) == "-2.000.000"
    with translation.override("en"):
        assert vnd(1234500) == "1,234,500"


def test_share_without_data_says_so():
    with translation.override("vi"):
        assert percent(None) == "chưa có số liệu"
        assert percent(0.75) == "75,0%"
