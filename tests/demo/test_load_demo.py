"""`load_demo`: the small demonstration data set, with an account for every role."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from cooperatives.models import Cooperative, OcopProduct
from org.models import User
from showcase.models import LeaderConsent, ProductPhoto, Publication, SalesPoint, slug_of
from training.models import Participant

pytestmark = pytest.mark.django_db
PUBLISHED = [
    "Hợp tác xã Dệt thổ cẩm Tả Van",
    "Hợp tác xã Chè Shan tuyết Bản Xèo",
    "Hợp tác xã Nông nghiệp Mường Hum",
    "Hợp tác xã Quế hồi Bảo Yên",
]
PROPOSED = "Tổ hợp tác Du lịch cộng đồng Lao Chải"
TAKEN_DOWN = "Tổ hợp tác Thêu thổ cẩm Bát Xát"
PHOTO = re.compile(r'src="(/public/anh/[0-9a-f]{32}/\d+\.jpg)"')


def test_demo_data_loads_twice_with_one_account_per_role():
    for _ in range(2):
        call_command("load_demo", stdout=io.StringIO())
    assert Cooperative.objects.count() == 10
    assert Participant.objects.count() == 10
    assert set(User.objects.values_list("role", flat=True)) == set(User.Role.values)
    assert User.objects.get(username="tavan").check_password("TaVan@Plan294")
    # A second run adds no second page, photo or sales point.
    assert Publication.objects.count() == 6
    assert ProductPhoto.objects.count() == 20
    assert SalesPoint.objects.count() == 7


def product_url(name):
    product = OcopProduct.objects.get(name=name)
    return reverse("showcase:product", args=[product.pk, slug_of(name)])


def test_the_public_site_shows_the_demos_published_cooperatives_as_chosen(client):
    call_command("load_demo", stdout=io.StringIO())
    home = client.get(reverse("showcase:home")).content.decode()
    assert "Hợp tác xã Dệt thổ cẩm Tả Van" in home  # featured
    directory = client.get(reverse("showcase:directory")).content.decode()
    assert all(name in directory for name in PUBLISHED)
    assert PROPOSED not in directory
    assert TAKEN_DOWN not in directory
    states = dict(Publication.objects.values_list("cooperative__name", "state"))
    assert (states[PROPOSED], states[TAKEN_DOWN]) == ("proposed", "unpublished")
    tea = Publication.objects.get(cooperative__name="Hợp tác xã Chè Shan tuyết Bản Xèo")
    page = client.get(tea.public_url()).content.decode()
    assert "Chảo Thị Lở" in page
    assert "Tẩn Thị Chiêm" not in page  # no consent recorded
    assert "0983 217 546" in page  # contacts shown
    assert 'class="expired"' in client.get(product_url("Gạo Séng Cù Mường Hum")).content.decode()
    assert 'class="expired"' not in client.get(product_url("Khăn thổ cẩm Tả Van")).content.decode()
    assert client.get(product_url("Váy lanh nhuộm chàm")).status_code == 404  # not shown


def test_the_demos_photos_are_served_while_their_product_is_public(client):
    call_command("load_demo", stdout=io.StringIO())
    page = client.get(product_url("Chè Shan tuyết Bản Xèo")).content.decode()
    sources = PHOTO.findall(page)
    assert len(sources) == 3
    response = client.get(sources[0])
    assert (response.status_code, response["Content-Type"]) == (200, "image/jpeg")
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")  # a JPEG
    taken_down = ProductPhoto.objects.get(product__cooperative__name=TAKEN_DOWN)
    hidden = reverse("showcase:photo", args=[taken_down.folder, taken_down.width_list[0]])
    assert client.get(hidden).status_code == 404


def test_every_showcase_write_of_the_demo_names_a_demo_account():
    call_command("load_demo", stdout=io.StringIO())
    for model in (Publication, OcopProduct, ProductPhoto, SalesPoint, LeaderConsent):
        writers = set(model.history.values_list("history_user__username", flat=True))
        assert writers <= {"tinh", "tavan"}, model
    # The unit's officer proposed the Tả Van pages; province staff approved them.
    steps = Publication.history.filter(cooperative__name="Hợp tác xã Dệt thổ cẩm Tả Van")
    assert list(steps.order_by("history_date").values_list("state", "history_user__username")) == [
        ("draft", "tinh"),
        ("proposed", "tavan"),
        ("published", "tinh"),
    ]
