"""The officers' side of the showcase: propose → approve → take down, consents, photos and
sales points, each through the one door (role, scope, version, history with who)."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from cooperatives.models import Person
from org import writes
from showcase import photos, services
from showcase.models import LeaderConsent, ProductPhoto, Publication, SalesPoint
from tests.factories import (
    CooperativeFactory,
    PersonFactory,
    ProductFactory,
    PublicationFactory,
    RoleFactory,
    photo_of,
)

pytestmark = pytest.mark.django_db

State = Publication.State


@pytest.fixture
def coop(ta_van):
    """A women-managed cooperative of Tả Van, not proposed yet."""
    coop = CooperativeFactory(unit=ta_van, name="Hợp tác xã Chè Tả Van")
    RoleFactory(cooperative=coop, person=PersonFactory(unit=ta_van))
    return coop


def public_status(client, coop):
    client.logout()
    return client.get(reverse("showcase:cooperative", args=[coop.pk, "x"]), follow=True).status_code


def step(client, coop, name):
    publication = Publication.objects.filter(cooperative=coop).first()
    version = publication.updated_at.isoformat() if publication else ""
    return client.post(reverse("showcase:step", args=[coop.pk, name]), {"version": version})


def test_the_unit_proposes_province_staff_approve_and_either_takes_it_down(
    client, coop, officer, province_staff
):
    client.force_login(officer)
    step(client, coop, "propose")
    assert coop.publication.state == State.PROPOSED
    # The unit's officer cannot publish: the website is the Union's voice.
    assert step(client, coop, "approve").status_code == 403
    assert public_status(client, coop) == 404

    client.force_login(province_staff)
    step(client, coop, "approve")
    coop.publication.refresh_from_db()
    assert coop.publication.state == State.PUBLISHED and coop.publication.published_at
    assert public_status(client, coop) == 200

    client.force_login(officer)
    step(client, coop, "unpublish")
    assert public_status(client, coop) == 404
    history = Publication.history.filter(cooperative_id=coop.pk).order_by("history_date")
    assert [(h.state, h.history_user) for h in history] == [
        (State.PROPOSED, officer),
        (State.PUBLISHED, province_staff),
        (State.UNPUBLISHED, officer),
    ]
    assert history.last().history_change_reason == "Đã gỡ xuống khỏi trang giới thiệu công khai"


def test_a_cooperative_without_a_woman_manager_is_not_proposed(client, ta_van, officer):
    coop = CooperativeFactory(unit=ta_van)
    client.force_login(officer)
    response = step(client, coop, "propose")
    assert not Publication.objects.filter(cooperative=coop).exists()
    page = client.get(response.url).content.decode()
    assert "phụ nữ" in page  # the reason, in Vietnamese


def test_a_step_from_a_stale_page_is_refused(client, coop, officer, province_staff):
    PublicationFactory(cooperative=coop, state=State.PROPOSED)
    seen = coop.publication.updated_at.isoformat()
    services.unpublish(cooperative=coop, by=officer)
    services.propose(cooperative=Publication.objects.get().cooperative, by=officer)
    client.force_login(province_staff)
    client.post(reverse("showcase:step", args=[coop.pk, "approve"]), {"version": seen})
    assert Publication.objects.get().state == State.PROPOSED


def test_a_leader_and_another_units_officer_change_nothing(coop, leader, bat_xat):
    from org.models import User
    from tests.factories import UserFactory

    stranger = UserFactory(role=User.Role.UNIT_OFFICER, unit=bat_xat)
    for user in (leader, stranger):
        with pytest.raises(writes.Refused):
            services.propose(cooperative=coop, by=user)
    assert not Publication.objects.exists()


def test_the_content_form_saves_through_the_door_and_only_staff_feature(
    client, coop, officer, province_staff
):
    url = reverse("showcase:manage", args=[coop.pk])
    client.force_login(officer)
    assert "featured" not in client.get(url).context["form"].fields
    response = client.post(
        url,
        {"story": "Chị em trồng chè cổ thụ.", "show_leaders": "on", "website": "htx-che.vn"},
    )
    assert response.status_code == 302
    publication = Publication.objects.get(cooperative=coop)
    assert publication.state == State.DRAFT and publication.website == "https://htx-che.vn"
    assert publication.history.get().history_user == officer
    bad = client.post(url, {"story": "x", "email": "không-phải-thư", "version": ""})
    assert "email" in bad.context["form"].errors
    client.force_login(province_staff)
    assert "featured" in client.get(url).context["form"].fields


def test_a_consent_names_who_recorded_it_and_its_withdrawal_is_kept(client, ta_van, officer):
    person = PersonFactory(unit=ta_van)
    client.force_login(officer)
    url = reverse("showcase:consent", args=[person.pk])
    response = client.post(url, {"given_on": "08/03/2026", "how": "Phiếu có chữ ký"})
    assert response.status_code == 302
    consent = LeaderConsent.objects.get(person=person)
    assert consent.recorded_by == officer and consent.given_on.isoformat() == "2026-03-08"
    future = client.post(url, {"given_on": "01/01/2099", "how": "x", "version": ""})
    assert "given_on" in future.context["form"].errors
    client.post(reverse("showcase:consent_withdraw", args=[person.pk]))
    assert not LeaderConsent.objects.filter(person=person).exists()
    reasons = [h.history_type for h in LeaderConsent.history.filter(person_id=person.pk)]
    assert sorted(reasons) == ["+", "-"]
    assert Person.objects.filter(pk=person.pk).exists()


def jpeg(size=(900, 600)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_photo_is_checked_stored_in_sizes_and_named_in_history(client, coop, officer):
    product = ProductFactory(cooperative=coop)
    url = reverse("showcase:photos", args=[coop.pk, product.pk])
    client.force_login(officer)
    fake = SimpleUploadedFile("anh.jpg", b"not a photo at all", content_type="image/jpeg")
    refused = client.post(url, {"image": fake, "caption": "x", "position": 0})
    assert refused.status_code == 200 and "image" in refused.context["form"].errors
    assert ProductPhoto.objects.count() == 0 and not default_storage.exists(photos.FOLDER)

    upload = SimpleUploadedFile("anh.jpg", jpeg(), content_type="image/jpeg")
    client.post(url, {"image": upload, "caption": "Đồi chè", "position": 1})
    photo = ProductPhoto.objects.get()
    assert photo.width_list == [320, 640] and (photo.width, photo.height) == (640, 427)
    assert all(default_storage.exists(photos.name_of(photo.folder, w)) for w in photo.width_list)
    assert photo.history.get().history_user == officer


def test_a_deleted_photo_leaves_the_public_site_and_its_files_go(
    client, coop, officer, django_capture_on_commit_callbacks
):
    product = ProductFactory(cooperative=coop)
    photo = photo_of(product)
    client.force_login(officer)
    delete = reverse("showcase:photo_delete", args=[coop.pk, product.pk, photo.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(delete)
    assert not ProductPhoto.objects.exists()
    assert not any(default_storage.exists(photos.name_of(photo.folder, w)) for w in (320, 640))


def test_a_photo_upload_refused_by_the_door_stores_nothing(coop, leader):
    product = ProductFactory(cooperative=coop)
    upload = SimpleUploadedFile("anh.jpg", jpeg(), content_type="image/jpeg")
    with pytest.raises(writes.Refused):
        services.add_photo(photo=ProductPhoto(product=product), upload=upload, by=leader)
    assert not default_storage.exists(photos.FOLDER)


def test_a_sales_point_needs_a_link_or_an_address(client, coop, officer):
    client.force_login(officer)
    url = reverse("showcase:sales_point_create", args=[coop.pk])
    online = client.post(url, {"kind": "online", "label": "Shopee"})
    assert "url" in online.context["form"].errors
    script = client.post(url, {"kind": "online", "label": "x", "url": "javascript:alert(1)"})
    assert "url" in script.context["form"].errors
    place = client.post(url, {"kind": "place", "label": "Cửa hàng OCOP"})
    assert "address" in place.context["form"].errors
    client.post(url, {"kind": "place", "label": "Cửa hàng OCOP", "address": "Sa Pa"})
    assert SalesPoint.objects.get().history.get().history_user == officer


def test_the_preview_shows_the_page_before_approval_to_those_who_see_the_cooperative(
    client, coop, leader, officer
):
    PublicationFactory(cooperative=coop, state=State.PROPOSED, story="Câu chuyện chờ duyệt")
    product = ProductFactory(cooperative=coop, shown_publicly=True)
    photo = photo_of(product)
    for user in (officer, leader):
        client.force_login(user)
        page = client.get(reverse("showcase:preview", args=[coop.pk]))
        text = page.content.decode()
        assert "Câu chuyện chờ duyệt" in text and 'name="robots" content="noindex"' in text
        assert page["Cache-Control"] == "private, no-store"
        preview_photo = reverse("showcase:preview_photo", args=[photo.folder, 320])
        assert preview_photo in text and client.get(preview_photo).status_code == 200
    client.logout()
    assert client.get(reverse("showcase:photo", args=[photo.folder, 320])).status_code == 404


def form_data(form):
    """What a browser posts for `form` as it was opened."""
    data = {}
    for field in form:
        value = field.value()
        if value not in (None, False):
            data[field.html_name] = "on" if value is True else getattr(value, "pk", value)
    return data


@pytest.mark.parametrize(
    ("kind", "field", "mine", "theirs"),
    [
        ("publication", "story", "Của tôi", "Của người kia"),
        ("sales_point", "label", "Của tôi", "Của người kia"),
        ("consent", "how", "Của tôi", "Của người kia"),
    ],
)
def test_a_save_from_a_stale_form_is_refused_and_the_other_kept(
    client, ta_van, officer, kind, field, mine, theirs
):
    from tests.factories import ConsentFactory, SalesPointFactory

    coop = CooperativeFactory(unit=ta_van)
    person = PersonFactory(unit=ta_van)
    record, url = {
        "publication": lambda: (
            PublicationFactory(cooperative=coop),
            reverse("showcase:manage", args=[coop.pk]),
        ),
        "sales_point": lambda: (
            point := SalesPointFactory(cooperative=coop),
            reverse("showcase:sales_point_edit", args=[coop.pk, point.pk]),
        ),
        "consent": lambda: (
            ConsentFactory(person=person),
            reverse("showcase:consent", args=[person.pk]),
        ),
    }[kind]()
    client.force_login(officer)
    data = form_data(client.get(url).context["form"])
    other = type(record).objects.get(pk=record.pk)
    setattr(other, field, theirs)
    writes.save(record=other, by=officer)
    data[field] = mine
    response = client.post(url, data)
    assert response.status_code == 200 and response.context["form"].errors
    assert getattr(type(record).objects.get(pk=record.pk), field) == theirs
