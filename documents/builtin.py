"""The built-in Word templates, one per kind, in the layout of Nghị định 30/2020 (Phụ lục I).

They are built here with python-docx, not kept as binary files, so that a change to the layout is a readable
diff; the result is an ordinary docxtpl template (Jinja tags in the text), the same thing a federation uploads,
and staff download it from the templates page as the starting point of their own. The fixed words are the
form's (quốc hiệu, tiêu ngữ, "Nơi nhận:"): a document is Vietnamese whatever the interface language.
"""

import io
from collections.abc import Callable
from functools import cache

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .kinds import Kind

FONT = "Times New Roman"
CENTER, LEFT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.JUSTIFY


def _new_document() -> DocumentObject:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    # Word takes the font of Vietnamese letters from the East Asian slot when it is set elsewhere.
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    return doc


def _para(container, text="", *, bold=False, italic=False, underline=False, align=JUSTIFY, size=13, indent=False):
    """One paragraph of one run, so that a Jinja tag is never split across runs."""
    cell_first = getattr(container, "_tc", None) is not None and len(container.paragraphs) == 1
    paragraph = container.paragraphs[0] if cell_first and not container.paragraphs[0].text else None
    if paragraph is None:
        paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(3)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    return paragraph


HEADER_WIDTHS = (Mm(78), Mm(87))  # the 165 mm between the margins: issuer left, quốc hiệu right
FOOTER_WIDTHS = (Mm(75), Mm(90))


def _two_columns(doc, widths=HEADER_WIDTHS):
    """A table without borders (the default table style has none) holding two blocks side by side."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, width in zip(table.rows[0].cells, widths, strict=True):
        cell.width = width
    return table.rows[0].cells


def _header(doc):
    left, right = _two_columns(doc)
    _para(left, "{{ parent_name }}", align=CENTER, size=12)
    _para(left, "{{ issuer_name }}", bold=True, align=CENTER, size=12)
    _para(left, "Số: {{ number }}", align=CENTER)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, align=CENTER, size=12)
    _para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, underline=True, align=CENTER)
    _para(right, "{{ place }}, {{ date_text }}", italic=True, align=CENTER)
    _para(doc)
    _para(doc, "{{ title }}", bold=True, align=CENTER, size=14)
    _para(doc, "{{ subject }}", bold=True, align=CENTER)
    _para(doc)


def _paragraphs(doc, items, text="{{ item }}", **style):
    """A paragraph per item of a list placeholder ({%p %} tags remove their own paragraphs)."""
    _para(doc, f"{{%p for item in {items} %}}")
    _para(doc, text, **style)
    _para(doc, "{%p endfor %}")


def _list_table(doc, columns, items="lines"):
    """A bordered table: a header row, then one row per item ({%tr %} rows are replaced by the loop)."""
    table = doc.add_table(rows=4, cols=len(columns))
    table.style = doc.styles["Table Grid"]
    for cell, (heading, _value) in zip(table.rows[0].cells, columns, strict=True):
        _para(cell, heading, bold=True, align=CENTER, size=12)
    _para(table.rows[1].cells[0], f"{{%tr for line in {items} %}}")
    for cell, (_heading, value) in zip(table.rows[2].cells, columns, strict=True):
        _para(cell, f"{{{{ line.{value} }}}}", align=LEFT, size=12)
    _para(table.rows[3].cells[0], "{%tr endfor %}")
    return table


def _footer(doc):
    _para(doc)
    left, right = _two_columns(doc, FOOTER_WIDTHS)
    _para(left, "Nơi nhận:", bold=True, italic=True, align=LEFT, size=12)
    _para(left, "{%p for item in recipients %}")
    _para(left, "- {{ item }};", align=LEFT, size=11)
    _para(left, "{%p endfor %}")
    _para(right, "{{ sign_authority }}", bold=True, align=CENTER)
    _para(right, "{{ signer_title }}", bold=True, align=CENTER)
    for _blank in range(3):
        _para(right, align=CENTER)
    _para(right, "{{ signer_name }}", bold=True, align=CENTER)


PERSON = [("STT", "no"), ("Tập thể, cá nhân", "name"), ("Đơn vị", "unit"), ("Danh hiệu, hình thức", "award")]


def _proposal(doc):
    _para(doc, "Kính gửi: {{ to_name }}", align=CENTER)
    _para(doc)
    _para(
        doc,
        "Căn cứ kết quả thực hiện phong trào thi đua năm {{ year }} và kết quả bình xét tại đơn vị, kính đề nghị "
        "{{ to_name }} xem xét, khen thưởng cho {{ line_count }} tập thể, cá nhân có thành tích xuất sắc, "
        "cụ thể như sau:",
        indent=True,
    )
    _list_table(doc, [*PERSON, ("Thành tích", "achievement")])
    _para(doc)
    _para(doc, "Kính đề nghị {{ to_name }} xem xét, quyết định./.", indent=True)


def _minutes(doc):
    _para(
        doc,
        "Hôm nay, {{ held_text }}, Hội đồng Thi đua – Khen thưởng họp xét đề nghị khen thưởng của {{ from_name }}.",
        indent=True,
    )
    _para(doc, "Chủ trì: {{ chair }}.", indent=True)
    _para(
        doc,
        "Thành phần: {{ members_present }}/{{ members_total }} thành viên Hội đồng có mặt, "
        "vắng {{ members_absent }} thành viên.",
        indent=True,
    )
    _para(doc, "Hội đồng đã bỏ phiếu kín; kết quả từng trường hợp như sau:", indent=True)
    _list_table(
        doc,
        [
            *PERSON,
            ("Đồng ý", "votes_yes"),
            ("Không đồng ý", "votes_no"),
            ("Tỷ lệ đồng ý", "percent"),
            ("Kết quả", "result"),
        ],
    )
    _para(doc)
    _para(doc, "Biên bản đã được đọc lại và thông qua trước Hội đồng./.", indent=True)


def _notice(doc):
    _para(
        doc,
        "Thực hiện quy định về công khai danh sách đề nghị khen thưởng, Thường trực Hội đồng Thi đua – Khen thưởng "
        "thông báo danh sách {{ line_count }} tập thể, cá nhân do {{ from_name }} đề nghị khen thưởng:",
        indent=True,
    )
    _list_table(doc, PERSON)
    _para(doc)
    _para(
        doc,
        "Thời gian công khai: từ ngày {{ starts_text }} đến hết ngày {{ ends_text }}. Ý kiến về danh sách trên "
        "xin gửi về Thường trực Hội đồng Thi đua – Khen thưởng trong thời gian công khai./.",
        indent=True,
    )


def _decision(doc):
    _para(doc, "{{ issuer_name }}", bold=True, align=CENTER)
    _para(doc)
    _paragraphs(doc, "legal_basis", "{{ item }};", italic=True, indent=True)
    _para(doc)
    _para(doc, "QUYẾT ĐỊNH:", bold=True, align=CENTER)
    _para(
        doc,
        "Điều 1. Khen thưởng {{ line_count }} tập thể, cá nhân đã có thành tích xuất sắc năm {{ year }} "
        "(danh sách kèm theo):",
        indent=True,
    )
    _list_table(doc, [*PERSON, ("Tiền thưởng", "bonus")])
    _para(doc)
    _para(doc, "Điều 2. Tổng số tiền thưởng: {{ total }}.", indent=True)
    _para(doc, "Bằng chữ: {{ total_words }}.", italic=True, indent=True)
    _para(
        doc,
        "Điều 3. Các tập thể, cá nhân có tên tại Điều 1 và các bộ phận liên quan chịu trách nhiệm thi hành "
        "Quyết định này./.",
        indent=True,
    )


def _report(doc):
    _para(doc, "I. ĐẶC ĐIỂM TÌNH HÌNH", bold=True)
    _paragraphs(doc, "situation", indent=True)
    _para(doc, "II. KẾT QUẢ THỰC HIỆN", bold=True)
    _paragraphs(doc, "results", indent=True)
    _para(doc, "Các chỉ tiêu chủ yếu:", italic=True, indent=True)
    _paragraphs(doc, "figures", "- {{ item.label }}: {{ item.value }}", indent=True)
    _para(doc, "III. ĐÁNH GIÁ CHUNG", bold=True)
    _paragraphs(doc, "assessment", indent=True)
    _para(doc, "IV. PHƯƠNG HƯỚNG", bold=True)
    _paragraphs(doc, "direction", indent=True)


def _report_appendix(doc):
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _para(doc, "PHỤ LỤC", bold=True, align=CENTER, size=14)
    _para(doc, "Số liệu khen thưởng {{ period_label }}", italic=True, align=CENTER)
    _para(doc)
    _para(doc, "1. Khen thưởng theo danh hiệu, hình thức", bold=True)
    _list_table(doc, [("Danh hiệu, hình thức", "award"), ("Số lượt", "count")], items="by_award")
    _para(doc)
    _para(doc, "2. Khen thưởng theo hình thức và cấp khen", bold=True)
    _list_table(
        doc,
        [
            ("Cấp khen", "issuer"),
            ("Hình thức", "form"),
            ("Tập thể", "collective"),
            ("Cá nhân", "individual"),
            ("Tổng", "total"),
        ],
        items="by_form",
    )


BODIES: dict[str, Callable] = {
    Kind.PROPOSAL: _proposal,
    Kind.MINUTES: _minutes,
    Kind.NOTICE: _notice,
    Kind.DECISION: _decision,
    Kind.REPORT: _report,
}
APPENDICES: dict[str, Callable] = {Kind.REPORT: _report_appendix}


@cache
def template_bytes(kind: str) -> bytes:
    """The built-in template of a kind, as the bytes of a .docx file."""
    doc = _new_document()
    _header(doc)
    BODIES[kind](doc)
    _footer(doc)
    if kind in APPENDICES:
        APPENDICES[kind](doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
