"""Text that users type is shown as text everywhere: escaped in pages, and kept as plain
text (never a formula) in Excel files."""

import pytest
from django.urls import reverse

from tests.factories import CooperativeFactory, EventFactory, OfficerFactory, PersonFactory
from tests.hostile_text import FORMULAS, XSS
from tests.spreadsheets import open_xlsx, table

pytestmark = pytest.mark.django_db


def test_a_name_with_markup_is_shown_escaped_on_the_list_and_the_detail_page(staff_client):
    cooperative = CooperativeFactory(name=XSS)
    for url in [reverse("cooperatives:list"), cooperative.get_absolute_url()]:
        page = staff_client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in page, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;=HYPERLINK(&quot;http://x&quot;" in page, url


@pytest.mark.parametrize(
    "url_name, factory, field, header",
    [
        ("cooperatives:list_xlsx", CooperativeFactory, "name", "Tên"),
        ("cooperatives:person_list_xlsx", PersonFactory, "full_name", "Họ và tên"),
        ("training:event_list_xlsx", EventFactory, "title", "Tên lớp"),
        ("training:officer_list_xlsx", OfficerFactory, "full_name", "Họ và tên"),
    ],
)
def test_exported_text_that_looks_like_a_formula_stays_text(
    staff_client, url_name, factory, field, header
):
    for text in [XSS, *FORMULAS]:
        factory(**{field: text})
    headers, rows = table(open_xlsx(staff_client.get(reverse(url_name))))
    cells = [row[headers.index(header)] for row in rows]
    assert sorted(c.value for c in cells) == sorted([XSS, *FORMULAS])
    assert all(c.data_type == "s" for c in cells)


def test_a_filter_that_looks_like_a_formula_stays_text_in_the_title_rows(staff_client):
    sheet = open_xlsx(staff_client.get(reverse("cooperatives:list_xlsx"), {"q": "=1+1"}))
    assert "Tìm kiếm: =1+1" in sheet["A2"].value and sheet["A2"].data_type == "s"
