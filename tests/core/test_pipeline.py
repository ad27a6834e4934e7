"""The pipeline finds the clerk's header and columns without a database: titles, notes, two-row headers."""

import io

from django.utils import translation
from openpyxl import Workbook

from core.imports.pipeline import parse_workbook
from unions.importers.members import SPEC


def _content(rows, merges=()):
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for cells in merges:
        ws.merge_cells(cells)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _fields(parsed):
    return {c.title: c.field for c in parsed.sheets[0].columns}


def test_a_note_in_brackets_does_not_hide_a_known_title():
    parsed = parse_workbook(
        _content(
            [
                ["Họ và tên (*)", "Giới tính", "Ngày sinh (dd/mm/yyyy)", "Số CCCD [12 số]"],
                ["Trần Thị Hoa", "Nữ", "02/09/1991", "001191000123"],
            ]
        ),
        SPEC,
    )
    assert _fields(parsed) == {
        "Họ và tên (*)": "full_name",
        "Giới tính": "gender",
        "Ngày sinh (dd/mm/yyyy)": "birth_date",
        "Số CCCD [12 số]": "national_id",
    }
    assert not parsed.needs_mapping


def test_a_header_merged_over_two_rows_under_title_rows():
    parsed = parse_workbook(
        _content(
            [
                ["DANH SÁCH ĐOÀN VIÊN"],
                [],
                ["STT", "Họ và tên", None, "Giới tính", None, "Ngày sinh"],
                [None, "Họ đệm", "Tên", "Nam", "Nữ", None],
                [1, "Nguyễn Thị", "Lan", None, "x", "01/01/1990"],
            ],
            merges=["A3:A4", "B3:C3", "D3:E3", "F3:F4"],
        ),
        SPEC,
    )
    sheet = parsed.sheets[0]
    assert (sheet.header_row, sheet.first_data_row) == (3, 5)
    assert [c.field for c in sheet.columns] == [
        "",
        "family_name",
        "given_name",
        "gender_male",
        "gender_female",
        "birth_date",
    ]
    [row] = parsed.rows
    assert row.cells["given_name"] == "Lan" and row.cells["gender_female"] == "x"


def test_a_sheet_without_a_header_is_not_read_and_said_so():
    wb = Workbook()
    wb.active.title = "Hướng dẫn"
    wb.active.append(["Ghi mỗi đoàn viên một dòng"])
    ws = wb.create_sheet("Tổ 1")
    ws.append(["Họ tên", "Phái"])
    ws.append(["Lê Văn Tư", "Nam"])
    buffer = io.BytesIO()
    wb.save(buffer)
    parsed = parse_workbook(buffer.getvalue(), SPEC)
    assert [s.read for s in parsed.sheets] == [False, True]
    assert any("Hướng dẫn" in w for w in parsed.warnings)


def test_a_cell_merged_down_over_rows_gives_its_value_to_each_row_and_says_so():
    with translation.override("en"):
        parsed = _merged_job_titles()
    assert [r.cells["job_title"] for r in parsed.rows] == ["Công nhân"] * 3
    assert any("merged over several rows" in w for w in parsed.warnings)


def _merged_job_titles():
    return parse_workbook(
        _content(
            [
                ["Họ và tên", "Giới tính", "Chức vụ"],
                ["Lê Văn Tư", "Nam", "Công nhân"],
                ["Lê Thị Năm", "Nữ", None],
                ["Lê Văn Sáu", "Nam", None],
            ],
            merges=["C2:C4"],
        ),
        SPEC,
    )
