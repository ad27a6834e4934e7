"""Member lists shaped the way grassroots-union clerks keep them, each paired with the outcome the import must reach.

Every Case holds the bytes of one .xlsx file and either the members the import must store (in file order, sheet
after sheet) or the refusal it must give (nothing stored). The files are written with openpyxl, so formula cells
carry no cached value. Everything is deterministic: one seeded generator hands out names, dates and IDs, and no
national ID repeats anywhere in the corpus.

Write the files to a folder to open them in Excel:  python -m tests.imports.corpus /tmp/corpus
"""

import datetime
import io
import random
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.datavalidation import DataValidation

date = datetime.date


@dataclass(frozen=True)
class Expected:
    """One member as it must be stored."""

    full_name: str
    gender: str  # 'male' | 'female'
    birth_date: datetime.date | None = None
    birth_year: int | None = None  # set when only a year is known, or = birth_date.year when a date is known
    national_id: str | None = None  # 12-digit CCCD
    old_id_number: str = ""  # 9-digit CMND
    phone: str = ""
    phone2: str = ""
    joined_on: datetime.date | None = None
    job_title: str = ""
    ethnicity: str = ""
    card_number: str = ""
    email: str = ""
    division: str = ""  # sheet name (tổ công đoàn), informational only; set only in files with several member sheets


@dataclass(frozen=True)
class Refusal:
    """The file must be refused (nothing stored) with a message that names row, column and fix."""

    row: int | None  # Excel row number of the first offending row (None for a file-level refusal)
    column_contains: str  # text the message must contain naming the column, e.g. 'Ngày sinh'
    message_contains: tuple[str, ...]  # English key words of the message, e.g. ('month first',) or ('12 digits',)


@dataclass(frozen=True)
class Case:
    name: str  # slug, e.g. 'title_rows_and_stt'
    habit: str  # one English sentence: the clerk habit it reproduces
    content: bytes  # the .xlsx file
    members: tuple[Expected, ...] = ()
    refusal: Refusal | None = None
    warnings: tuple[str, ...] = ()  # English key words that must appear among the import's warnings
    # Column title -> field key the clerk picks in the mapping step ('' = do not import), for the columns the
    # pipeline cannot map alone. Where a title occurs more than once in the header the key is the column letter.
    mapping: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------------------------
# People

FAMILY = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
    "Lương",
    "Mai",
    "Cao",
    "Lâm",
    "Tạ",
    "Kiều",
    "Quách",
    "Chu",
    "Đoàn",
    "Vương",
)
MIDDLE = {
    "male": (
        "Văn",
        "Đức",
        "Minh",
        "Quốc",
        "Hữu",
        "Thành",
        "Công",
        "Xuân",
        "Đình",
        "Ngọc",
        "Anh",
        "Trọng",
        "Quang",
        "Mạnh",
        "Văn Đức",
        "Tiến",
    ),
    "female": (
        "Thị",
        "Thị Thu",
        "Thị Minh",
        "Ngọc",
        "Thu",
        "Thanh",
        "Thị Hồng",
        "Hoài",
        "Bích",
        "Diệu",
        "Khánh",
        "Thị Kim",
        "Phương",
        "Mỹ",
        "Thị Thanh",
        "Hải",
    ),
}
GIVEN = {
    "male": (
        "Hùng",
        "Dũng",
        "Tuấn",
        "Long",
        "Quân",
        "Hải",
        "Sơn",
        "Thắng",
        "Đạt",
        "Khoa",
        "Phúc",
        "Nghĩa",
        "Trường",
        "Huy",
        "Lộc",
        "Kiên",
        "Thịnh",
        "Việt",
        "Toàn",
        "Hiếu",
        "Cường",
        "Bảo",
        "Khánh",
        "Tùng",
        "Nam",
        "Đông",
    ),
    "female": (
        "Hoà",
        "Lan",
        "Hương",
        "Hằng",
        "Ngọc",
        "Trang",
        "Thảo",
        "Linh",
        "Phương",
        "Yến",
        "Nhung",
        "Huyền",
        "Oanh",
        "Thuỷ",
        "Giang",
        "Loan",
        "Duyên",
        "Hạnh",
        "Vân",
        "Quyên",
        "Ánh",
        "Mai",
        "Nga",
        "Tuyết",
    ),
}
# CCCD province codes: Hà Nội, Thái Nguyên, Quảng Ninh, Bắc Ninh, Vĩnh Phúc, Hải Dương, Hải Phòng, Thái Bình,
# Nam Định, Ninh Bình, Thanh Hoá, Nghệ An, Đà Nẵng, TP Hồ Chí Minh, Cần Thơ.
PROVINCES = ("001", "019", "022", "027", "026", "030", "031", "034", "036", "037", "038", "040", "048", "079", "092")
CMND_PREFIXES = ("01", "03", "16", "17", "02", "18", "14")
MOBILE = (
    "090",
    "091",
    "093",
    "094",
    "096",
    "097",
    "098",
    "032",
    "033",
    "034",
    "035",
    "036",
    "037",
    "038",
    "039",
    "086",
    "088",
    "070",
    "076",
    "077",
    "079",
    "081",
    "083",
    "085",
    "056",
    "058",
)
ETHNICITIES = (("Kinh", 40), ("Tày", 3), ("Mường", 2), ("Thái", 2), ("Nùng", 2), ("Hoa", 1), ("Khmer", 1), ("Dao", 1))
JOBS = {
    "school": (
        "Giáo viên",
        "Giáo viên chủ nhiệm",
        "Tổ trưởng chuyên môn",
        "Phó Hiệu trưởng",
        "Kế toán",
        "Nhân viên thư viện",
        "Nhân viên y tế học đường",
        "Bảo vệ",
        "Nhân viên văn thư",
        "Giáo viên Tiếng Anh",
    ),
    "factory": (
        "Công nhân may",
        "Công nhân cắt",
        "Tổ trưởng sản xuất",
        "Kỹ thuật viên bảo trì",
        "Thủ kho",
        "Nhân viên KCS",
        "Công nhân là",
        "Lái xe nâng",
        "Công nhân đóng gói",
    ),
    "hospital": ("Bác sĩ", "Điều dưỡng", "Hộ sinh", "Dược sĩ", "Kỹ thuật viên xét nghiệm", "Hộ lý", "Trưởng khoa"),
    "commune": (
        "Công chức Địa chính - Xây dựng",
        "Công chức Văn phòng - Thống kê",
        "Công chức Tư pháp - Hộ tịch",
        "Công chức Văn hoá - Xã hội",
        "Kế toán ngân sách",
        "Phó Chủ tịch UBND",
    ),
}
DOMAINS = {"school": "thxuandinh.edu.vn", "factory": "gmail.com", "hospital": "bvdkhadong.vn", "commune": "gmail.com"}
EDUCATION_VI = ("Đại học", "Cao đẳng", "Thạc sĩ", "Trung cấp", "Đại học", "Trung học phổ thông")
BIRTH_RANGE = (date(1968, 1, 1).toordinal(), date(2002, 12, 28).toordinal())
LAST_JOIN = date(2025, 9, 30)


def ascii_fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


class People:
    """A deterministic supply of distinct members with coherent data (the CCCD encodes gender and birth year)."""

    def __init__(self, seed: int = 2026):
        self.rng = random.Random(seed)
        self.serial = 0
        self.names: set[str] = set()

    def __call__(self, count: int, workplace: str = "school", **fixed) -> list[Expected]:
        return [self.one(workplace, **fixed) for _ in range(count)]

    def one(self, workplace: str = "school", gender: str | None = None, born: date | None = None, **fixed) -> Expected:
        rng = self.rng
        self.serial += 1
        gender = gender or rng.choice(("male", "female", "female"))
        while True:
            words = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}".split()
            name = " ".join(words)
            if len(set(words)) == len(words) and name not in self.names:
                break
        self.names.add(name)
        born = born or date.fromordinal(rng.randint(*BIRTH_RANGE))
        joined = min(date(born.year + rng.randint(21, 30), rng.randint(1, 12), rng.randint(1, 28)), LAST_JOIN)
        sex_century = (gender == "female") + (2 if born.year >= 2000 else 0)
        cccd = f"{rng.choice(PROVINCES)}{sex_century}{born.year % 100:02d}{(self.serial * 7919 + 104729) % 10**6:06d}"
        initials = "".join(w[0] for w in ascii_fold(name).lower().split()[:-1])
        member = Expected(
            full_name=name,
            gender=gender,
            birth_date=born,
            birth_year=born.year,
            national_id=cccd,
            phone=f"{rng.choice(MOBILE)}{rng.randint(0, 9_999_999):07d}",
            joined_on=joined,
            job_title=rng.choice(JOBS[workplace]),
            ethnicity=rng.choices([e for e, _ in ETHNICITIES], [w for _, w in ETHNICITIES])[0],
            card_number=f"0{rng.randint(1, 9)}{self.serial:06d}",
            email=f"{ascii_fold(words[-1]).lower()}{initials}{born.year % 100:02d}@{DOMAINS[workplace]}",
        )
        return replace(member, **fixed)

    def cmnd(self, member: Expected, prefix: str | None = None) -> Expected:
        """The same member known only by the old 9-digit CMND."""
        self.serial += 1
        number = f"{prefix or self.rng.choice(CMND_PREFIXES)}{(self.serial * 7919 + 3571) % 10**7:07d}"
        return replace(member, national_id=None, old_id_number=number)


# ---------------------------------------------------------------------------------------------------------------
# Columns and sheets

TEXT, DATE = "@", "dd/mm/yyyy"
COMPANIONS = {"birth_date": ("birth_year",), "national_id": ("old_id_number",), "phone": ("phone2",)}
FORMATS = {"birth_date": DATE, "joined_on": DATE, "national_id": TEXT, "phone": TEXT, "card_number": TEXT}
WIDTHS = {"full_name": 26, "job_title": 24, "email": 28, "gender": 9, "": 12}
Value = Callable[[Expected, int], object]


@dataclass(frozen=True)
class Col:
    title: str
    keys: tuple[str, ...]  # Expected fields this column fills
    value: Value  # cell value for the i-th member of the sheet
    fmt: str
    width: int
    group: str = ""  # title of a merged cell above this one: the header then takes two rows


def col(title: str, key: str = "", value: Value | None = None, *, fmt: str | None = None, group: str = "") -> Col:
    if value is None:
        value = (lambda m, i: getattr(m, key) or None) if key else (lambda m, i: None)
    keys = (key, *COMPANIONS.get(key, ())) if key else ()
    return Col(title, keys, value, fmt or FORMATS.get(key, "General"), WIDTHS.get(key, 14), group)


def vi_gender(m: Expected, i: int) -> str:
    return "Nam" if m.gender == "male" else "Nữ"


STT = col("STT", value=lambda m, i: i + 1)
NAME, GENDER = col("Họ và tên", "full_name"), col("Giới tính", "gender", vi_gender)
BIRTH, CCCD = col("Ngày sinh", "birth_date"), col("Số CCCD", "national_id")
JOINED, JOB = col("Ngày vào công đoàn", "joined_on"), col("Chức danh, nghề nghiệp", "job_title")
ETHNIC, PHONE = col("Dân tộc", "ethnicity"), col("Điện thoại", "phone")
CARD, EMAIL = col("Số thẻ đoàn viên", "card_number"), col("Email", "email")
BASIC = [STT, NAME, BIRTH, GENDER, CCCD, JOB, PHONE]

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(name="Times New Roman", bold=True, size=12)
PLAIN = Font(name="Times New Roman", size=12)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def heading(parent: str, union: str, title: str, *more: str) -> tuple:
    """The usual title block: the unions on the left, the national motto on the right, then the list's title."""
    return (
        (parent, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (union, "Độc lập - Tự do - Hạnh phúc"),
        "",
        title,
        *more,
        "",
    )


SCHOOL = ("LĐLĐ QUẬN BẮC TỪ LIÊM", "CĐCS TRƯỜNG TIỂU HỌC XUÂN ĐỈNH")
FACTORY = ("CÔNG ĐOÀN KCN QUẾ VÕ", "CĐCS CÔNG TY TNHH MAY MẶC ĐỨC GIANG")
HOSPITAL = ("CÔNG ĐOÀN NGÀNH Y TẾ HÀ NỘI", "CĐCS BỆNH VIỆN ĐA KHOA HÀ ĐÔNG")
COMMUNE = ("LĐLĐ HUYỆN GIA LÂM", "CĐCS CƠ QUAN UBND XÃ ĐA TỐN")
LIST_TITLE = "DANH SÁCH ĐOÀN VIÊN NĂM 2026"


def write_table(ws, cols: list[Col], members: list[Expected], *, title=(), tall: bool = False) -> int:
    """A title block, the header (two rows when tall or grouped), one row per member; returns the first data row."""
    width = len(cols)
    for r, line in enumerate(title, start=1):
        parts = (
            [(line[0], 1, width // 2), (line[1], width // 2 + 1, width)]
            if isinstance(line, tuple)
            else ([(line, 1, width)] if line else [])
        )
        for text, first, last in parts:
            cell = ws.cell(r, first, text)
            cell.font, cell.alignment = BOLD, CENTER
            if last > first:
                ws.merge_cells(start_row=r, start_column=first, end_row=r, end_column=last)
    head = len(title) + 1
    two = tall or any(c.group for c in cols)
    merges = []
    for j, c in enumerate(cols, start=1):
        if c.group:
            ws.cell(head + 1, j, c.title)
            if j == 1 or cols[j - 2].group != c.group:
                ws.cell(head, j, c.group)
                last = j + sum(1 for _ in _same_group(cols, j - 1)) - 1
                merges.append((head, j, head, last))
        else:
            ws.cell(head, j, c.title)
            if two:
                merges.append((head, j, head + 1, j))
        for r in range(head, head + (2 if two else 1)):
            ws.cell(r, j).font, ws.cell(r, j).alignment, ws.cell(r, j).border = BOLD, CENTER, BOX
        ws.column_dimensions[ws.cell(head, j).column_letter].width = c.width
    for merge in merges:
        ws.merge_cells(start_row=merge[0], start_column=merge[1], end_row=merge[2], end_column=merge[3])
    first = head + (2 if two else 1)
    for i, m in enumerate(members):
        for j, c in enumerate(cols, start=1):
            cell = ws.cell(first + i, j, c.value(m, i))
            cell.number_format, cell.border, cell.font = c.fmt, BOX, PLAIN
    ws.freeze_panes = ws.cell(first, 1)
    return first


def _same_group(cols: list[Col], start: int):
    for c in cols[start:]:
        if c.group != cols[start].group:
            return
        yield c


def expected(cols: list[Col], members: list[Expected], division: str = "") -> list[Expected]:
    """The members reduced to what the file's columns carry."""
    kept = {"full_name", "gender", *(k for c in cols for k in c.keys)}
    blank = {f.name: f.default for f in fields(Expected) if f.name not in kept and f.name != "division"}
    return [replace(m, **blank, division=division) for m in members]


def save(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def single(
    name: str,
    habit: str,
    cols: list[Col],
    members: list[Expected],
    *,
    title=(),
    tall=False,
    sheet="Danh sách",
    setup: Callable | None = None,
    refuse: tuple | None = None,
    **kwargs,
) -> Case:
    """A one-sheet file. `refuse` is (index of the offending member, column text, message words)."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    first = write_table(ws, cols, members, title=title, tall=tall)
    if setup:
        setup(ws, first)
    if refuse:
        index, column, words = refuse
        return Case(name, habit, save(wb), refusal=Refusal(first + index, column, words), **kwargs)
    return Case(name, habit, save(wb), members=tuple(expected(cols, members)), **kwargs)


def guide_sheet(wb: Workbook, title: str = "Hướng dẫn") -> None:
    ws = wb.create_sheet(title)
    ws["A1"] = "Cách điền tệp này"
    ws["A1"].font = BOLD
    for line in (
        "Mỗi đoàn viên một dòng, bắt đầu từ dòng 2. Cột có dấu * là bắt buộc.",
        "Ngày ghi theo dạng dd/mm/yyyy, ví dụ 05/09/1988.",
        "Số CCCD gồm 12 chữ số; giữ nguyên số 0 ở đầu.",
        "Giới tính: Nam hoặc Nữ.",
    ):
        ws.append([line])
    ws.column_dimensions["A"].width = 80


def cycle(*values) -> Value:
    return lambda m, i: values[i % len(values)]


def nfd(text):
    return unicodedata.normalize("NFD", text) if isinstance(text, str) else text


# ---------------------------------------------------------------------------------------------------------------
# Cases


def template_shaped(p: People) -> Case:
    cols = [
        col("Họ và tên *", "full_name"),
        col("Giới tính *", "gender", vi_gender),
        BIRTH,
        CCCD,
        col("Mã công đoàn", fmt=TEXT),
        CARD,
        JOINED,
        ETHNIC,
        JOB,
        col("Trình độ", value=cycle(*EDUCATION_VI)),
        PHONE,
        EMAIL,
    ]
    people = p(12)
    wb = Workbook()
    ws = wb.active
    ws.title = "Đoàn viên"
    write_table(ws, cols, people)
    genders = DataValidation(type="list", formula1='"Nam,Nữ"')
    ws.add_data_validation(genders)
    genders.add("B2:B2001")
    guide_sheet(wb)
    return Case(
        "template_shaped",
        "The clerk downloads the app's template and fills it in as instructed.",
        save(wb),
        members=tuple(expected(cols, people)),
    )


def title_rows_and_stt(p: People) -> Case:
    return single(
        "title_rows_and_stt",
        "A title block with the unions' names and the national motto sits above "
        "a header that starts with an STT column.",
        BASIC,
        p(15),
        title=heading(*SCHOOL, LIST_TITLE),
    )


def merged_two_row_header(p: People) -> Case:
    cols = [
        STT,
        NAME,
        col("Ngày, tháng,\nnăm sinh", "birth_date"),
        col("Giới\ntính", "gender", vi_gender),
        col("Số\nCCCD", "national_id"),
        col("Ngày vào\ncông đoàn", "joined_on"),
        col("Chức vụ", "job_title"),
        col("Điện thoại", "phone", group="Thông tin liên hệ"),
        col("Email", "email", group="Thông tin liên hệ"),
    ]
    return single(
        "merged_two_row_header",
        "Header cells are merged over two rows, titles wrap with Alt+Enter, and "
        "'Thông tin liên hệ' is merged above 'Điện thoại' | 'Email'.",
        cols,
        p(10, "hospital"),
        title=heading(*HOSPITAL, LIST_TITLE),
    )


def synonyms_a(p: People) -> Case:
    cols = [
        STT,
        col("Họ tên", "full_name"),
        col(
            "Nam/Nữ",
            "gender",
            lambda m, i: ("Nam", "nam", "NAM")[i % 3] if m.gender == "male" else ("Nữ", "nữ", "NỮ", "Nu")[i % 4],
        ),
        col("Ngày tháng năm sinh", "birth_date"),
        col("CCCD", "national_id"),
        col("SĐT", "phone"),
        col("Ngày kết nạp", "joined_on"),
        col("Chức vụ", "job_title"),
        ETHNIC,
    ]
    return single(
        "synonyms_a",
        "The clerk's own titles (Họ tên, Nam/Nữ, Ngày tháng năm sinh, CCCD, SĐT, Ngày kết "
        "nạp, Chức vụ) and gender typed as nam / NỮ / Nu without diacritics.",
        cols,
        p(9, "commune"),
        title=heading(*COMMUNE, LIST_TITLE),
    )


def synonyms_b(p: People) -> Case:
    cols = [
        STT,
        col("Họ, tên", "full_name"),
        GENDER,
        col("Ngày sinh", "birth_date"),
        col("Số định danh cá nhân", "national_id"),
        col("Số điện thoại", "phone"),
        col("Ngày vào CĐ", "joined_on"),
        col("Chức danh", "job_title"),
        col("Số thẻ", "card_number"),
        EMAIL,
    ]
    return single(
        "synonyms_b",
        "Titles copied from another federation's form: Họ, tên; Số định danh cá nhân; Số điện "
        "thoại; Ngày vào CĐ; Chức danh; Số thẻ.",
        cols,
        p(11, "factory"),
        title=heading(*FACTORY, LIST_TITLE),
    )


def columns_shuffled(p: People) -> Case:
    cols = [
        STT,
        col("Số CCCD/CMND", "national_id"),
        EMAIL,
        col("Họ và tên đoàn viên", "full_name"),
        JOINED,
        ETHNIC,
        GENDER,
        PHONE,
        BIRTH,
        JOB,
        CARD,
    ]
    return single(
        "columns_shuffled",
        "Columns in the order of an older report: the ID first, the name in the middle, gender after ethnicity.",
        cols,
        p(13),
    )


def name_merged_header(p: People) -> Case:
    cols = [
        STT,
        col("Họ đệm", "full_name", lambda m, i: m.full_name.rsplit(" ", 1)[0], group="Họ và tên"),
        col("Tên", "full_name", lambda m, i: m.full_name.rsplit(" ", 1)[1], group="Họ và tên"),
        BIRTH,
        GENDER,
        CCCD,
        col("Chức vụ", "job_title"),
    ]
    return single(
        "name_merged_header",
        "'Họ và tên' is merged over two columns with sub-headers 'Họ đệm' | 'Tên' so "
        "the list can be sorted by given name.",
        cols,
        p(14),
        title=heading(*SCHOOL, LIST_TITLE),
    )


def name_two_plain_columns(p: People) -> Case:
    cols = [
        STT,
        col("Họ và tên đệm", "full_name", lambda m, i: m.full_name.rsplit(" ", 1)[0]),
        col("Tên", "full_name", lambda m, i: m.full_name.rsplit(" ", 1)[1]),
        GENDER,
        BIRTH,
        CCCD,
        PHONE,
    ]
    return single(
        "name_two_plain_columns", "Two plain columns 'Họ và tên đệm' | 'Tên' on one header row.", cols, p(8, "hospital")
    )


def gender_x_columns(p: People) -> Case:
    def tick(gender):
        return lambda m, i: ("x" if i % 3 else "X") if m.gender == gender else None

    cols = [
        STT,
        NAME,
        col("Nam", "gender", tick("male"), group="Giới tính"),
        col("Nữ", "gender", tick("female"), group="Giới tính"),
        BIRTH,
        CCCD,
        JOB,
    ]
    return single(
        "gender_x_columns",
        "Gender as two sub-columns 'Nam' | 'Nữ' under a merged 'Giới tính', ticked with x.",
        cols,
        p(12, "factory"),
        title=heading(*FACTORY, LIST_TITLE),
    )


def sheets_per_division(p: People) -> Case:
    cols, wb, members = [STT, NAME, BIRTH, GENDER, CCCD, JOB, PHONE], Workbook(), []
    wb.remove(wb.active)
    for division, count in (("Tổ Văn phòng", 5), ("Tổ Toán - Tin", 7), ("Tổ Ngữ văn", 6)):
        people = p(count)
        write_table(
            wb.create_sheet(division), cols, people, title=heading(*SCHOOL, f"DANH SÁCH ĐOÀN VIÊN {division.upper()}")
        )
        members += expected(cols, people, division)
    guide_sheet(wb)
    return Case(
        "sheets_per_division",
        "One sheet per tổ công đoàn with the same header, plus a 'Hướng dẫn' sheet.",
        save(wb),
        members=tuple(members),
        warnings=("not read", "Hướng dẫn"),
    )


def sheets_with_summary_first(p: People) -> Case:
    cols, wb, members = [STT, NAME, GENDER, BIRTH, CCCD, JOB, JOINED], Workbook(), []
    summary = wb.active
    summary.title = "Tổng hợp"
    summary.append(["TỔNG HỢP SỐ LƯỢNG ĐOÀN VIÊN"])
    summary.append(["Tổ công đoàn", "Số đoàn viên", "Trong đó nữ"])
    for division, count in (("Tổ Cắt", 8), ("Tổ May 1", 12)):
        people = p(count, "factory")
        write_table(wb.create_sheet(division), cols, people, title=heading(*FACTORY, LIST_TITLE))
        members += expected(cols, people, division)
        summary.append([division, count, sum(m.gender == "female" for m in people)])
    return Case(
        "sheets_with_summary_first",
        "A 'Tổng hợp' summary sheet comes first, then one sheet per tổ.",
        save(wb),
        members=tuple(members),
        warnings=("not read", "Tổng hợp"),
    )


def hidden_note_column(p: People) -> Case:
    notes = cycle(None, "Chuyển đến từ Trường THCS Cổ Nhuế", None, "Nghỉ thai sản đến 6/2026", None, None)
    cols = [*BASIC, col("Ghi chú", value=notes)]

    def hide(ws, first):
        ws.column_dimensions["H"].hidden = True

    return single(
        "hidden_note_column",
        "A 'Ghi chú' column the clerk hid before sending the file.",
        cols,
        p(9),
        title=heading(*SCHOOL, LIST_TITLE),
        setup=hide,
        warnings=("hidden", "Ghi chú"),
    )


def hidden_duplicate_column(p: People) -> Case:
    cols = [STT, NAME, col("Ngày sinh", value=lambda m, i: m.birth_date.year), BIRTH, GENDER, CCCD, PHONE]

    def hide(ws, first):
        ws.column_dimensions["C"].hidden = True

    return single(
        "hidden_duplicate_column",
        "An older 'Ngày sinh' column holding only years was hidden instead of deleted next to the corrected one.",
        cols,
        p(7, "commune"),
        setup=hide,
        warnings=("hidden",),
        mapping={"C": "", "D": "birth_date"},
    )


def duplicate_phone_columns(p: People) -> Case:
    office = cycle("024 3754 1201", None, "024 3754 1288", None, None)
    cols = [STT, NAME, GENDER, BIRTH, PHONE, col("Điện thoại", value=office, fmt=TEXT), JOB]
    return single(
        "duplicate_phone_columns",
        "Two columns titled 'Điện thoại', mobile and office line; the clerk maps "
        "the first to phone and drops the second.",
        cols,
        p(8, "hospital"),
        mapping={"E": "phone", "F": ""},
    )


def us_dates_refused(p: People) -> Case:
    people = [p.one(born=date(1986, 4, 23)), *p(9)]
    us = col("Ngày sinh", "birth_date", lambda m, i: m.birth_date.strftime("%m/%d/%Y"), fmt=TEXT)
    return single(
        "us_dates_refused",
        "Dates pasted as text from software set to English (US), month first.",
        [STT, NAME, us, GENDER, CCCD],
        people,
        refuse=(0, "Ngày sinh", ("month first",)),
    )


def mixed_text_dates(p: People) -> Case:
    def text_date(m, i):
        d = m.birth_date
        if i % 5 == 2 and 1970 <= d.year <= 1999:
            return f"{d.day}/{d.month}/{d.year % 100:02d}"
        return (d.strftime("%d-%m-%Y"), d.strftime("%d.%m.%Y"), d.strftime("%d/%m/%Y"), d.isoformat(), d)[i % 5]

    people = [p.one(born=date(1979, 3, 25)), *p(14)]
    return single(
        "mixed_text_dates",
        "Dates typed by several people as dd-mm-yyyy, dd.mm.yyyy, d/m/yy, ISO and real dates in one column.",
        [STT, NAME, GENDER, col("Ngày sinh", "birth_date", text_date), CCCD, JOINED],
        people,
    )


def year_only_birth(p: People) -> Case:
    people = [replace(m, birth_date=None) for m in p(10, "commune")]
    years = col("Năm sinh", "birth_date", lambda m, i: str(m.birth_year) if i % 4 == 3 else m.birth_year, fmt="General")
    return single(
        "year_only_birth",
        "Only the year of birth is recorded, in a 'Năm sinh' column (numbers, a few typed as text).",
        [STT, NAME, years, GENDER, CCCD, JOB],
        people,
        title=heading(*COMMUNE, LIST_TITLE),
    )


def dates_with_some_years(p: People) -> Case:
    people = [replace(m, birth_date=None) if i in (2, 6, 7) else m for i, m in enumerate(p(11))]
    birth = col("Ngày sinh", "birth_date", lambda m, i: m.birth_date or m.birth_year)

    def general(ws, first):  # a year typed into a date-formatted cell would show as 1905: those cells are General
        for i in (2, 6, 7):
            ws.cell(first + i, 4).number_format = "General"

    return single(
        "dates_with_some_years",
        "Full dates of birth, except for older members whose date is unknown and only the year was typed.",
        [STT, NAME, GENDER, birth, CCCD],
        people,
        setup=general,
    )


def cccd_as_numbers(p: People) -> Case:
    cccd = col("Số CCCD", "national_id", lambda m, i: int(m.national_id), fmt="General")

    def formats(ws, first):
        for r in range(first, ws.max_row + 1, 2):
            ws.cell(r, 5).number_format = "000000000000"

    return single(
        "cccd_as_numbers",
        "CCCD typed into number cells, so the leading 0 is lost (some cells shown with a 000000000000 format).",
        [STT, NAME, BIRTH, GENDER, cccd, PHONE],
        p(12),
        setup=formats,
    )


def cmnd_nine_digits_text(p: People) -> Case:
    people = [p.cmnd(m) if i % 3 == 1 else m for i, m in enumerate(p(12, "factory"))]
    ids = col("Số CCCD/CMND", "national_id", lambda m, i: m.national_id or m.old_id_number, fmt=TEXT)
    return single(
        "cmnd_nine_digits_text",
        "Older workers still have a 9-digit CMND, typed as text in the CCCD/CMND column.",
        [STT, NAME, GENDER, BIRTH, ids, JOB],
        people,
        title=heading(*FACTORY, LIST_TITLE),
    )


def cmnd_as_number(p: People) -> Case:
    people = [p.cmnd(m, ("01", "16", "03")[i % 3]) if i % 2 == 0 else m for i, m in enumerate(p(10, "factory"))]
    ids = col("CMND", "national_id", lambda m, i: int(m.national_id or m.old_id_number), fmt="General")
    return single(
        "cmnd_as_number",
        "CMND and CCCD typed as numbers: a CMND starting with 0 shrinks to 8 digits, a CCCD to 11.",
        [STT, NAME, GENDER, BIRTH, ids],
        people,
    )


def cccd_spaces_dots(p: People) -> Case:
    def spaced(m, i):
        n = m.national_id
        return (
            f"{n[:3]} {n[3:6]} {n[6:]}",
            f"{n[:3]}.{n[3:6]}.{n[6:9]}.{n[9:]}",
            f" {n} ",
            n,
            f"{n[:4]} {n[4:8]} {n[8:]}",
        )[i % 5]

    return single(
        "cccd_spaces_dots",
        "CCCD copied from the chip card app with spaces or dots between digit groups.",
        [STT, NAME, BIRTH, GENDER, col("Số CCCD", "national_id", spaced)],
        p(10, "hospital"),
    )


def bad_cccd_length_refused(p: People) -> Case:
    people = p(14)
    people[5] = replace(people[5], national_id=people[5].national_id[:10])
    return single(
        "bad_cccd_length_refused",
        "One CCCD was typed with two digits missing.",
        BASIC,
        people,
        title=heading(*SCHOOL, LIST_TITLE),
        refuse=(5, "CCCD", ("12 digits",)),
    )


def phones_as_numbers(p: People) -> Case:
    phone = col("Điện thoại", "phone", lambda m, i: int(m.phone), fmt="General")

    def formats(ws, first):
        for r in range(first + 1, ws.max_row + 1, 3):
            ws.cell(r, 6).number_format = "0000000000"

    return single(
        "phones_as_numbers",
        "Phone numbers typed into number cells, so the leading 0 is lost (some cells shown with a 0000000000 format).",
        [STT, NAME, GENDER, BIRTH, CCCD, phone],
        p(16, "factory"),
        setup=formats,
    )


def two_phones_in_one_cell(p: People) -> Case:
    people = [replace(m, phone2=p.one().phone) if i % 2 == 0 else m for i, m in enumerate(p(10))]

    def phones(m, i):
        a, b = m.phone, m.phone2
        if b:
            return (f"{a[:4]} {a[4:7]} {a[7:]} / {b[:4]} {b[4:7]} {b[7:]}", f"{a}/{b}", f"{a} / {b}")[i // 2 % 3]
        return (f"{a[:4]}.{a[4:7]}.{a[7:]}", f"{a[:4]}-{a[4:7]}-{a[7:]}", a)[i // 2 % 3]

    return single(
        "two_phones_in_one_cell",
        "A second phone number written into the same cell after a slash; others grouped with dots or dashes.",
        [STT, NAME, GENDER, BIRTH, col("Điện thoại", "phone", phones)],
        people,
    )


def all_caps_names(p: People) -> Case:
    cols = [
        col("STT", value=lambda m, i: i + 1),
        col("HỌ VÀ TÊN", "full_name", lambda m, i: m.full_name.upper()),
        col("NGÀY SINH", "birth_date"),
        col("GIỚI TÍNH", "gender", lambda m, i: vi_gender(m, i).upper()),
        col("SỐ CCCD", "national_id"),
    ]
    return single(
        "all_caps_names",
        "Names and titles typed with Caps Lock on.",
        cols,
        p(9, "commune"),
        warnings=("capitalisation",),
    )


def lower_case_names(p: People) -> Case:
    cols = [
        STT,
        col("Họ và tên", "full_name", lambda m, i: m.full_name.lower()),
        col("Giới tính", "gender", lambda m, i: vi_gender(m, i).lower()),
        BIRTH,
        PHONE,
    ]
    return single(
        "lower_case_names",
        "Names typed quickly on a phone, all lower case.",
        cols,
        p(6, "factory"),
        warnings=("capitalisation",),
    )


def nfd_text(p: People) -> Case:
    cols = [
        col(nfd(c.title), c.keys[0] if c.keys else "", (lambda f: lambda m, i: nfd(f(m, i)))(c.value))
        for c in (STT, NAME, GENDER, BIRTH, CCCD, ETHNIC, JOB)
    ]
    return single(
        "nfd_text",
        "Text typed with a keyboard set to decomposed Unicode (tone marks as separate characters), headers included.",
        cols,
        p(8),
        title=tuple(nfd(t) for t in ("", LIST_TITLE, "")),
    )


def extra_spaces_in_names(p: People) -> Case:
    def messy(m, i):
        words = m.full_name.split()
        return ("  " + "  ".join(words), " ".join(words) + "   ", "\u00a0".join(words), " ".join(words))[i % 4]

    cols = [
        STT,
        col("Họ và tên", "full_name", messy),
        col("Giới tính", "gender", lambda m, i: f" {vi_gender(m, i)} "),
        BIRTH,
        CCCD,
    ]
    return single(
        "extra_spaces_in_names",
        "Names pasted from a web page with double, trailing and non-breaking spaces.",
        cols,
        p(8),
    )


def trailing_blank_and_stt_rows(p: People) -> Case:
    people = p(18)

    def pad(ws, first):
        for r in range(first + len(people), first + 30):
            ws.cell(r, 1, r - first + 1 if r < first + 25 else None)
            for c in range(1, 8):
                ws.cell(r, c).border = BOX

    return single(
        "trailing_blank_and_stt_rows",
        "The clerk numbered 25 rows in advance, filled 18, and left bordered empty rows below.",
        BASIC,
        people,
        title=heading(*SCHOOL, LIST_TITLE),
        setup=pad,
    )


def stt_formula(p: People) -> Case:
    people = p(7, "hospital")
    title = ("BỆNH VIỆN ĐA KHOA HÀ ĐÔNG", "", "DANH SÁCH ĐOÀN VIÊN KHOA NỘI", "")

    def formulas(ws, first):
        for r in range(first, first + 20):
            ws.cell(r, 1, "=ROW()-5")

    return single(
        "stt_formula",
        "STT filled with =ROW()-5 down 20 rows, further than the list goes.",
        [STT, NAME, GENDER, BIRTH, CCCD, JOB],
        people,
        title=title,
        setup=formulas,
    )


def unknown_extra_columns(p: People) -> Case:
    cols = [
        STT,
        NAME,
        GENDER,
        BIRTH,
        col("Quê quán", value=cycle("Nam Định", "Thái Bình", "Hà Nam", "Nghệ An")),
        CCCD,
        col("Đơn vị công tác", value=cycle("Phòng Kế toán", "Phòng Hành chính", "Khoa Nội")),
        col("Ghi chú", value=cycle(None, "Đảng viên", None)),
    ]
    return single(
        "unknown_extra_columns",
        "Extra columns the app does not keep: Quê quán, Đơn vị công tác, Ghi chú.",
        cols,
        p(10, "hospital"),
        warnings=("not imported", "Quê quán", "Đơn vị công tác", "Ghi chú"),
    )


def hidden_row(p: People) -> Case:
    def hide(ws, first):
        ws.row_dimensions[first + 4].hidden = True

    return single(
        "hidden_row",
        "A row hidden while filtering is still in the file.",
        BASIC,
        p(12),
        title=heading(*SCHOOL, LIST_TITLE),
        setup=hide,
        warnings=("hidden",),
    )


def job_title_too_long_refused(p: People) -> Case:
    people = p(9)
    people[3] = replace(
        people[3],
        job_title="Giáo viên dạy Toán lớp 5, kiêm Tổ trưởng chuyên môn Khối 5, kiêm Thư "
        "ký Hội đồng trường, kiêm Phụ trách công tác Đội Thiếu niên Tiền phong Hồ Chí Minh của nhà "
        "trường năm học 2025-2026",
    )
    assert len(people[3].job_title) > 150
    return single(
        "job_title_too_long_refused",
        "Every duty of one teacher was written into the job title cell.",
        BASIC,
        people,
        refuse=(3, "Chức danh", ("150", "characters")),
    )


def missing_gender_refused(p: People) -> Case:
    gender = col("Giới tính", "gender", lambda m, i: None if i == 6 else vi_gender(m, i))
    return single(
        "missing_gender_refused",
        "The clerk left one member's gender empty.",
        [STT, NAME, BIRTH, gender, CCCD, PHONE],
        p(11, "commune"),
        title=heading(*COMMUNE, LIST_TITLE),
        refuse=(6, "Giới tính", ("Gender",)),
    )


def header_on_row_9(p: People) -> Case:
    title = (
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC NINH",
        "CÔNG ĐOÀN CÁC KHU CÔNG NGHIỆP",
        "CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH ĐIỆN TỬ QUẾ VÕ",
        "",
        "DANH SÁCH ĐOÀN VIÊN CÔNG ĐOÀN NĂM 2026",
        "(Kèm theo Báo cáo số 03/BC-CĐCS ngày 05/01/2026)",
        "Tổng số: 30 đoàn viên",
        "",
    )
    cols = [STT, NAME, GENDER, BIRTH, CCCD, ETHNIC, JOB, JOINED, PHONE]

    def filters(ws, first):
        ws.auto_filter.ref = f"A{first - 1}:I{first + 29}"

    return single(
        "header_on_row_9",
        "A long title block merged across all columns pushes the header down to row 9.",
        cols,
        p(30, "factory"),
        title=title,
        setup=filters,
    )


def english_headers(p: People) -> Case:
    cols = [
        col("No.", value=lambda m, i: i + 1),
        col("Full name", "full_name"),
        col("Gender", "gender", lambda m, i: m.gender.capitalize()),
        col("Date of birth", "birth_date"),
        col("Citizen ID (CCCD)", "national_id"),
        col("Job title", "job_title"),
        col("Phone", "phone"),
        col("E-mail", "email"),
        col("Joined the union on", "joined_on"),
    ]
    return single(
        "english_headers",
        "An export from the foreign-owned company's HR system with English titles.",
        cols,
        p(12, "factory"),
        sheet="Employees",
    )


CASES = (
    template_shaped,
    title_rows_and_stt,
    merged_two_row_header,
    synonyms_a,
    synonyms_b,
    columns_shuffled,
    name_merged_header,
    name_two_plain_columns,
    gender_x_columns,
    sheets_per_division,
    sheets_with_summary_first,
    hidden_note_column,
    hidden_duplicate_column,
    duplicate_phone_columns,
    us_dates_refused,
    mixed_text_dates,
    year_only_birth,
    dates_with_some_years,
    cccd_as_numbers,
    cmnd_nine_digits_text,
    cmnd_as_number,
    cccd_spaces_dots,
    bad_cccd_length_refused,
    phones_as_numbers,
    two_phones_in_one_cell,
    all_caps_names,
    lower_case_names,
    nfd_text,
    extra_spaces_in_names,
    trailing_blank_and_stt_rows,
    stt_formula,
    unknown_extra_columns,
    hidden_row,
    job_title_too_long_refused,
    missing_gender_refused,
    header_on_row_9,
    english_headers,
)


def build_corpus() -> list[Case]:
    people = People()
    return [build(people) for build in CASES]


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")
    out.mkdir(parents=True, exist_ok=True)
    for case in build_corpus():
        (out / f"{case.name}.xlsx").write_bytes(case.content)
        print(f"{case.name}.xlsx  {len(case.members)} members  {case.refusal or ''}")
