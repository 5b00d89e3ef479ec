"""The sheets an import workbook may hold, their columns, and what each column means.

This is the one description of the file format: the template, the instructions sheet and
the reading of an uploaded file all come from it. Headers are Vietnamese, as the province's
files are; they are matched without regard to case, accents or a trailing "*".
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import translation
from django.utils.text import capfirst

from config.text import fold
from cooperatives.models import Cooperative, ManagementRole, Person, YearlyFigures
from followup.models import Difficulty, Funding, Lender, SupportKind
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
    # The values the column accepts (called when the template is made, in Vietnamese): listed
    # in the instructions and as a list of the sheet "Danh mục" under the column's header.
    values: Callable[[], list] | None = None
    # What an empty cell stands for (a choice's label), said in the instructions.
    default: object = ""

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
    # What the instructions say of the sheet as a whole.
    note: str = ""

    def column_for(self, header: str):
        wanted = fold(header).rstrip("* ").strip()
        return next((column for column in self.columns if column.key == wanted), None)

    def column_of_error(self, attribute: str):
        attribute = dict(self.aliases).get(attribute, attribute)
        return next((c for c in self.columns if c.attribute == attribute), None)


YES_NO = "Có / Không (để trống là Không)"
LISTED = "xem trang “Danh mục”"
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

BODY = (
    "Mã hoặc tên đầy đủ của cấp Hội (xã, phường, đặc khu) hoặc cơ quan cấp tỉnh, ví dụ: Xã Tả "
    "Van, Hội Liên hiệp Phụ nữ tỉnh, Sở Công Thương (mã SCT); " + LISTED
)
DAY = "Ngày/tháng/năm, ví dụ 06/07/2025; không được sau ngày hôm nay"
MONEY = "Số tiền (đồng), số nguyên; để trống là 0"


def labels(choices) -> Callable[[], list]:
    """The labels of `choices`, in the language active when called."""
    return lambda: [str(label) for _code, label in choices]


def offered_kinds() -> list:
    """The names of the kinds of support offered for new records."""
    return list(SupportKind.objects.filter(active=True).values_list("name", flat=True))


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
    SheetSpec(
        key="supports",
        title="Hỗ trợ",
        resources=(resources.SupportResource,),
        note="Mỗi dòng là một lần hỗ trợ cho một HTX/THT. Một sự kiện cho nhiều HTX/THT (một "
        "hội chợ chẳng hạn) ghi mỗi HTX/THT một dòng, cùng loại hỗ trợ, ngày, đơn vị hỗ trợ và "
        "sự kiện: các dòng đó là một sự kiện. Dòng trùng HTX/THT, loại hỗ trợ, ngày và sự kiện "
        "với một lần hỗ trợ đã có thì sửa lần hỗ trợ đó, không thêm mới.",
        columns=(
            COOPERATIVE,
            Column(
                "kind",
                required=True,
                header_text="Loại hỗ trợ",
                note="Tên loại hỗ trợ theo danh mục, không phân biệt chữ hoa, chữ thường, dấu",
                values=offered_kinds,
            ),
            Column("given_on", required=True, header_text="Ngày hỗ trợ", note=DAY),
            Column("body", required=True, header_text="Đơn vị hỗ trợ", note=BODY),
            Column(
                "occasion",
                header_text="Sự kiện, chương trình",
                note="Ví dụ: tên hội chợ, tên chương trình, dự án",
            ),
            Column(
                "funding_source",
                header_text="Nguồn kinh phí",
                note="Bắt buộc nếu có kinh phí hỗ trợ",
                values=labels(Funding.choices),
            ),
            Column("amount", header_text="Kinh phí hỗ trợ (đồng)", note=MONEY),
            Column(
                "lender",
                header_text="Tổ chức cho vay",
                note="Chỉ ghi với loại hỗ trợ là khoản vay, và khi đó bắt buộc",
                values=labels(Lender.choices),
            ),
            Column(
                "loan_amount",
                header_text="Số tiền vay (đồng)",
                note="Số tiền (đồng), số nguyên; bắt buộc với khoản vay",
            ),
            Column(
                "loan_term_months",
                header_text="Thời hạn vay (tháng)",
                note="Số tháng, ví dụ 36; bắt buộc với khoản vay",
            ),
            Column("note", header_text="Ghi chú"),
        ),
    ),
    SheetSpec(
        key="difficulties",
        title="Khó khăn",
        resources=(resources.DifficultyResource,),
        note="Mỗi dòng là một khó khăn, kiến nghị HTX/THT nêu. Dòng trùng HTX/THT, ngày nêu và "
        "nội dung với một khó khăn đã có thì sửa khó khăn đó (ghi thêm kết quả giải quyết "
        "chẳng hạn), không thêm mới.",
        columns=(
            COOPERATIVE,
            Column(
                "category",
                required=True,
                header_text="Nhóm khó khăn",
                values=labels(Difficulty.Category.choices),
            ),
            Column(
                "description",
                required=True,
                header_text="Nội dung khó khăn, kiến nghị",
                note="Điều HTX/THT nêu, ghi rõ để cơ quan giải quyết hiểu được",
            ),
            Column("raised_on", required=True, header_text="Ngày nêu", note=DAY),
            Column(
                "channel",
                header_text="Hình thức nêu",
                values=labels(Difficulty.Channel.choices),
                default=Difficulty.Channel.DIALOGUE.label,
            ),
            Column("body", required=True, header_text="Cơ quan, đơn vị giải quyết", note=BODY),
            Column(
                "state",
                header_text="Tình trạng giải quyết",
                note="Đã giải quyết hoặc đã chuyển cấp khác thì phải có nội dung và ngày trả lời",
                values=labels(Difficulty.State.choices),
                default=Difficulty.State.OPEN.label,
            ),
            Column("answer", header_text="Nội dung trả lời"),
            Column(
                "answered_on",
                header_text="Ngày trả lời",
                note="Ngày/tháng/năm; không được trước ngày nêu",
            ),
        ),
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
