"""`load_demo`: the small demonstration data set, with an account for every role."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cooperatives.models import Cooperative, OcopProduct
from followup import comparison, figures
from followup.access import difficulties_for, supports_for
from followup.models import Difficulty, Support, SupportKind
from org.models import Unit, User
from reporting import services
from reporting.models import Submission
from showcase.models import LeaderConsent, ProductPhoto, Publication, SalesPoint, slug_of
from tests.factories import unit
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


def follow_up() -> dict:
    """The demo's follow-up records by content."""
    return {
        "supports": sorted(
            Support.objects.values_list(
                "cooperative__name", "kind__name", "given_on", "body__code", "batch", "amount"
            )
        ),
        "difficulties": sorted(
            Difficulty.objects.values_list(
                "cooperative__name", "category", "raised_on", "body__code", "state", "answer"
            )
        ),
    }


def test_demo_data_loads_twice_with_one_account_per_role():
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    first = follow_up()
    call_command("load_demo", stdout=io.StringIO())
    # A second run adds no follow-up record and changes none.
    assert follow_up() == first
    assert (Support.objects.count(), Difficulty.objects.count()) == (37, 6)
    assert "sct      Sct@Plan294" in output.getvalue()
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


SCT = {"body__code_set": Unit.CodeSet.AGENCY, "body__code": "SCT"}
ADVICE = {
    "Tư vấn xây dựng phương án sản xuất, kinh doanh",
    "Đăng ký nhãn hiệu, nhãn mác",
    "Hỗ trợ hồ sơ OCOP",
    "Tham gia bảo hiểm xã hội cho thành viên",
    "Hỗ trợ máy móc, thiết bị",
}


# One load of the demo per test below: each takes seconds (its photos).


def test_the_demo_shows_each_kind_of_support_and_what_the_reports_count_from_them():
    call_command("load_demo", stdout=io.StringIO())
    # A trade fair entered for several cooperatives at once: one batch, by Sở Công Thương.
    fair = Support.objects.filter(occasion="Hội chợ OCOP tỉnh Lào Cai 2026")
    assert fair.count() >= 3
    assert len({support.batch for support in fair}) == 1 and fair.first().batch
    assert set(fair.values_list("body__code", "funding_source")) == {("SCT", "state_budget")}
    assert all(support.amount > 0 for support in fair)
    assert fair.first().kind.counts_as == SupportKind.CountsAs.TRADE_PROMOTION
    # An e-commerce connection event too, among several events over the years.
    assert Support.objects.filter(occasion__contains="thương mại điện tử", batch__isnull=False)
    assert Support.objects.exclude(batch=None).values("batch").distinct().count() >= 3
    # Loans from the Social Policy Bank and the support fund; advice of every kind.
    loans = Support.objects.filter(kind__counts_as=SupportKind.CountsAs.LOAN)
    bank = loans.filter(lender="social_policy_bank", body__code="NHCSXH")
    assert bank.exists()
    assert all(loan.loan_amount > 0 and loan.loan_term_months == 36 for loan in bank)
    assert loans.filter(lender="support_fund").exists()
    assert ADVICE <= set(Support.objects.values_list("kind__name", flat=True))
    years = {day.year for day in Support.objects.values_list("given_on", flat=True)}
    assert years == {2024, 2025, 2026}
    for support in Support.objects.all():
        support.full_clean()
    # The 2026 round's figures for Tả Van, counted from its cooperatives' supports.
    counted = figures.counted(unit("03037"), datetime.date(2026, 1, 1), datetime.date(2026, 11, 14))
    assert counted == {
        "trade_promotion_events": 2,  # the fair and the connection event, each once
        "loans_count": 2,
        "loans_amount": 300_000_000,
        "funding_state_budget": 14_500_000,
        "funding_credit": 0,
        "funding_mobilised": 36_000_000,
        "funding_cooperatives": 5_000_000,
    }
    # This year's draft holds what its page pre-fills; the accepted report, its own count.
    for submission in Submission.objects.filter(round__year=timezone.localdate().year):
        counted = services.counted_figures(submission)
        assert {name: getattr(submission, name) for name in counted} == counted
    # Before and after: the cooperatives that went to a fair in 2024 or 2025, and others.
    kind = SupportKind.objects.get(counts_as=SupportKind.CountsAs.TRADE_PROMOTION)
    for year in (2024, 2025):
        result = comparison.compare(Cooperative.objects.all(), kind, year, timezone.localdate())
        assert result.possible
        assert all(group.cooperatives > 0 for group in result.groups), year
        assert all(measure.before > 0 for group in result.groups for measure in group.measures)


def test_the_demo_shows_a_difficulty_in_each_state_and_what_sct_sees(client):
    call_command("load_demo", stdout=io.StringIO())
    today = timezone.localdate()
    overdue = Difficulty.objects.overdue(today)
    assert overdue.filter(**SCT, state="open", channel="dialogue").count() == 1
    assert overdue.get().raised_on <= today - datetime.timedelta(days=91)
    waiting = Difficulty.objects.get(state="in_progress")
    assert waiting.body.code == "NHCSXH" and not waiting.is_overdue(today)
    resolved = Difficulty.objects.get(state="resolved", body__kind=Unit.Kind.COMMUNE)
    assert resolved.answer and resolved.answered_on
    forwarded = Difficulty.objects.get(state="forwarded")
    assert forwarded.answer and forwarded.answered_on
    for difficulty in Difficulty.objects.all():
        difficulty.full_clean()
    # Sở Công Thương's officer sees exactly what names the body.
    sct = User.objects.get(username="sct")
    assert sct.check_password("Sct@Plan294")
    assert (sct.role, sct.unit.code, sct.get_full_name()) == (
        User.Role.UNIT_OFFICER,
        "SCT",
        "Phạm Thị Thu",
    )
    assigned = Difficulty.objects.filter(**SCT)
    assert assigned.count() == 2
    assert set(difficulties_for(sct)) == set(assigned)
    assert set(supports_for(sct)) == set(Support.objects.filter(**SCT))
    client.force_login(sct)
    page = client.get(reverse("followup:difficulty_list")).content.decode()
    assert "Hợp tác xã Dệt thổ cẩm Tả Van" in page
    assert "Hợp tác xã Chè Shan tuyết Bản Xèo" not in page  # NHCSXH's
    # Every write names a demo account: Tả Van's officer entered her commune's own support,
    # Sở Công Thương's officer answered its difficulty.
    for model in (Support, Difficulty):
        writers = set(model.history.values_list("history_user__username", flat=True))
        assert writers <= {"tinh", "tavan", "sct"}, model
    assert "tavan" in set(Support.history.values_list("history_user__username", flat=True))
    answered = Difficulty.objects.get(**SCT, state="resolved")
    assert answered.history.first().history_user.username == "sct"
    assert answered.history.last().history_user.username == "tinh"


def test_the_overdue_difficulty_stays_overdue_whatever_day_the_demo_is_loaded(monkeypatch):
    for day in (datetime.date(2027, 3, 1), datetime.date(2030, 1, 31)):
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
        monkeypatch.setattr(timezone, "now", lambda moment=moment: moment)
        call_command("load_demo", stdout=io.StringIO())
        assert Difficulty.objects.overdue(day).filter(**SCT).count() == 1, day
        assert not Difficulty.objects.filter(raised_on__gt=day)
        # Loaded on another day, the same records (their dates moved), none added.
        assert (Support.objects.count(), Difficulty.objects.count()) == (37, 6)
