"""Money, counts and shares read as Vietnamese officers write them."""

import pytest
from django.utils import translation

from cooperatives.templatetags.registry import grouped, percent
from tests.factories import CooperativeFactory, FiguresFactory


def test_money_is_grouped_by_thousands_in_each_language():
    with translation.override("vi"):
        assert grouped(1234500) == "1.234.500"
        assert grouped(-2000000) == "-2.000.000"
    with translation.override("en"):
        assert grouped(1234500) == "1,234,500"


def test_share_without_data_says_so():
    with translation.override("vi"):
        assert percent(None) == "chưa có số liệu"
        assert percent(0.75) == "75,0%"


@pytest.mark.django_db
def test_counts_of_people_are_grouped_like_money(staff_client):
    """ "1.234 (1.000)" members, not "1234 (1000)" beside "1.500.000.000" of revenue."""
    cooperative = CooperativeFactory()
    FiguresFactory(
        cooperative=cooperative, members_total=1234, members_female=1000, revenue=1_500_000_000
    )
    page = staff_client.get(cooperative.get_absolute_url()).content.decode()
    assert "1.234 (1.000)" in page
    assert "1.500.000.000" in page
