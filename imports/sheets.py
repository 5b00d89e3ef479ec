"""The sheets an import workbook may hold, their columns, and what each column means.

This is the one description of the file format: the template, the instructions sheet and
the reading of an uploaded file all come from it. Headers are Vietnamese, as the province's
files are; they are matched without regard to case, accents or a trailing "*".
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.text import capfirst

from config.text import fold
from cooperatives.models import Cooperative, ManagementRole, Person, YearlyFigures
from training.models import Participant

from . import resources

# Sheets of the template that are read by people, not imported.
REFERENCE_SHEETS = ("Hướng dẫn", "Danh mục")


@dataclass(frozen=True)
class Column:
    attribute: str
    required: bool = False
    note: str = ""
    model: type | None = None
    header_text: str = ""

    @property
    def header(self) -> str:
        if self.header_text:
            return self.header_text
        with translation.override("vi"):
            return capfirst(str(self.model._meta.get_field(self.attribute).verbose_name))

    @property
    def key(self) -> str:
        return fold(self.header)


@dataclass(frozen=True)
class SheetSpec:
    key: str
    title: str
    resources: tuple
    columns: tuple
    # Errors a model puts on a field that is not a column go to this column instead.
    aliases: tuple = ()

    def column_for(self, header: str):
        wanted = fold(header).rstrip("* ").strip()
        return next((column for column in self.columns if column.key == wanted), None)

    def column_of_error(self, attribute: str):
        attribute = dict(self.aliases).get(attribute, attribute)
        return next((c for c in self.columns if c.attribute == attribute), None)


YES_NO = "Có / Không (để trống là Không)"
UNIT = "Mã hoặc tên đầy đủ của xã, phường, đặc khu (ví dụ: Xã Tả Van)"
COOPERATIVE = Column(
    "cooperative",
    required=True,
    header_text="Mã số đăng ký HTX/THT",
    note="Mã số đăng ký của HTX/THT đã có trong hệ thống hoặc ở trang “HTX và THT”",
)


def _cooperative(attribute, **kwargs):
    return Column(attribute, model=Cooperative, **kwargs)


def _person(attribute, **kwargs):
    return Column(attribute, model=Person, **kwargs)


PERSON_COLUMNS = (
    _person("full_name", required=True),
    _person("sex", required=True, note="Nữ hoặc Nam"),
    _person("birth_year", note="Ví dụ: 1985. Cùng họ tên và đơn vị dùng để nhận ra người"),
    # The official name, as the forms show it; Lào Cai's everyday "Mông" is read as HMông.
    _person(
        "ethnicity",
        note="Tên dân tộc theo danh mục 54 dân tộc, ví dụ: Kinh, Tày, HMông (ghi “Mông” cũng "
        "được), Dao",
    ),
    _person("phone", note="Ví dụ: 0912 345 678"),
    _person("unit", required=True, note=UNIT),
)

SHEETS = (
    SheetSpec(
        key="cooperatives",
        title="HTX và THT",
        resources=(resources.CooperativeResource,),
        columns=(
            _cooperative("kind", required=True, note="HTX hoặc THT"),
            _cooperative("name", required=True),
            _cooperative(
                "registration_code",
                note="Dùng để nhận ra HTX/THT khi nhập lại; không có mã thì dùng loại hình, "
                "đơn vị và tên",
            ),
            _cooperative("unit", required=True, note=UNIT),
            _cooperative("address"),
            _cooperative("sectors", note="Tên lĩnh vực theo danh mục, cách nhau bằng dấu “;”"),
            _cooperative("founded_on", note="Ngày/tháng/năm, ví dụ 06/07/2023"),
            _cooperative(
                "status",
                note="Đang hoạt động (mặc định), Hoạt động không hiệu quả, Tạm ngừng hoạt "
                "động, Chờ giải thể, Đã giải thể",
            ),
            _cooperative("status_since", note="Bắt buộc nếu không còn đang hoạt động"),
            _cooperative("union_supported", note=YES_NO),
            _cooperative("established_under_plan", note=YES_NO),
            _cooperative("sells_online", note=YES_NO),
            _cooperative("online_channels", note="Ví dụ: Shopee, Postmart, Voso"),
            _cooperative("members_insured", note=YES_NO),
        ),
    ),
    SheetSpec(
        key="figures",
        title="Số liệu năm",
        resources=(resources.FiguresResource,),
        columns=(
            COOPERATIVE,
            Column("year", required=True, model=YearlyFigures, note="Ví dụ: 2026"),
            *(
                Column(name, model=YearlyFigures, note="Số nguyên; để trống là 0")
                for name in resources.FIGURES
            ),
        ),
    ),
    SheetSpec(
        key="roles",
        title="Người quản lý",
        resources=(resources.PersonResource, resources.RoleResource),
        columns=(
            *PERSON_COLUMNS,
            COOPERATIVE,
            Column(
                "role",
                required=True,
                model=ManagementRole,
                note="Ví dụ: Giám đốc, Chủ tịch Hội đồng quản trị, Tổ trưởng",
            ),
            Column("start_date", required=True, model=ManagementRole, note="Ngày/tháng/năm"),
            Column("end_date", model=ManagementRole, note="Để trống nếu còn giữ chức"),
        ),
        aliases=(("person", "full_name"),),
    ),
    SheetSpec(
        key="participants",
        title="Học viên tập huấn",
        resources=(resources.PersonResource, resources.ParticipantResource),
        columns=(
            Column(
                "event",
                required=True,
                header_text="Số hiệu lớp tập huấn",
                note="Số hiệu ghi trên trang của lớp tập huấn",
            ),
            *PERSON_COLUMNS,
            Column("certificate_issued", model=Participant, note=YES_NO),
            Column("certificate_kind", model=Participant),
        ),
        aliases=(("person", "full_name"),),
    ),
)


def spec_for(title: str, headers: list[str]):
    """The sheet spec a worksheet is for: by its title, else by its headers."""
    for spec in SHEETS:
        if fold(spec.title) == fold(title):
            return spec
    for spec in SHEETS:
        required = {column.key for column in spec.columns if column.required}
        found = {column.key for header in headers if (column := spec.column_for(header))}
        if required <= found and all(spec.column_for(header) for header in headers if header):
            return spec
    return None
