"""Build member files the way an officer fills the template."""

import io

from openpyxl import Workbook

HEADER = [
    "Họ và tên *",
    "Giới tính *",
    "Ngày sinh",
    "Số CCCD",
    "Mã công đoàn",
    "Số thẻ đoàn viên",
    "Ngày vào công đoàn",
    "Dân tộc",
    "Chức danh, nghề nghiệp",
    "Trình độ",
    "Điện thoại",
    "Email",
]


def member_file(rows, header=HEADER):
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
