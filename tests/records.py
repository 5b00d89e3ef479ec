"""One record of every kind in a unit: what the scope tests, the backup test and the browser's
policy test walk, each kind in two units."""

from django.core.files.base import ContentFile

from imports.models import ImportBatch
from org.models import User
from tests.factories import (
    ConsentFactory,
    CooperativeFactory,
    DifficultyFactory,
    EventFactory,
    FiguresFactory,
    HeadCountFactory,
    OfficerFactory,
    ParticipantFactory,
    PersonFactory,
    ProductFactory,
    PublicationFactory,
    RoleFactory,
    SalesPointFactory,
    SubmissionFactory,
    SupportFactory,
    UserFactory,
    photo_of,
)
from tests.spreadsheets import xlsx


def records(unit):
    """Return {kind: record} of one record of every kind in `unit`, named after it; the
    draft submission is the unit's in the 2026 annual round (one round for every unit)."""
    coop = CooperativeFactory(unit=unit, name=f"Hợp tác xã {unit.name}", union_supported=True)
    person = PersonFactory(unit=unit, full_name=f"Người {unit.name}")
    event = EventFactory(unit=unit, title=f"Tập huấn {unit.name}")
    officer = OfficerFactory(unit=unit, full_name=f"Cán bộ {unit.name}")
    HeadCountFactory(event=event, cooperative=coop)
    submission = SubmissionFactory(unit=unit)
    attachment = submission.attachments.create(
        file=ContentFile(b"%PDF-1.4 test", name="ke-hoach.pdf"),
        name="ke-hoach.pdf",
        uploaded_by=UserFactory(),
    )
    batch = ImportBatch.objects.create(
        uploaded_by=UserFactory(role=User.Role.UNIT_OFFICER, unit=unit),
        name="danh-sach.xlsx",
        file=ContentFile(xlsx({"HTX và THT": [["Tên"], [coop.name]]}), name="danh-sach.xlsx"),
    )
    product = ProductFactory(cooperative=coop, shown_publicly=True)
    role = RoleFactory(cooperative=coop, person=person)
    return {
        "publication": PublicationFactory(cooperative=coop),
        "photo": photo_of(product),
        "sales_point": SalesPointFactory(cooperative=coop),
        "consent": ConsentFactory(person=person),
        "batch": batch,
        "submission": submission,
        "attachment": attachment,
        "coop": coop,
        "person": person,
        "figures": FiguresFactory(cooperative=coop),
        "product": product,
        "role": role,
        "event": event,
        "officer": officer,
        "participant": ParticipantFactory(event=event, person=person),
        "support": SupportFactory(cooperative=coop, occasion=f"Hội chợ {unit.name}"),
        "difficulty": DifficultyFactory(cooperative=coop, description=f"Khó khăn {unit.name}"),
    }
