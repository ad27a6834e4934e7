"""Malicious .xlsx files, built in code: a zip bomb, a fake .xlsx, an XML bomb, too many entries."""

import io
import zipfile

from tests.xlsx_files import member_file

CHUNK = bytes(1024 * 1024)


def _copy(source, target, skip=()):
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        for info in archive.infolist():
            if info.filename not in skip:
                target.writestr(info, archive.read(info.filename))


def zip_bomb(megabytes=1024):
    """A valid member file plus one entry that inflates to `megabytes` MB of zeros (streamed in chunks)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        _copy(member_file([["Nguyễn Văn Bom", "Nam"]]), target)
        with target.open("xl/media/zeros.bin", "w", force_zip64=True) as entry:
            for _ in range(megabytes):
                entry.write(CHUNK)
    return buffer.getvalue()


def many_entries(count):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        _copy(member_file([["Nguyễn Văn Nhiều", "Nam"]]), target)
        for index in range(count):
            target.writestr(f"xl/media/x{index}.txt", b"x")
    return buffer.getvalue()


LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10))
    + "]>\n"
)


def xml_bomb(part="xl/worksheets/sheet1.xml"):
    """A member file whose `part` declares the billion-laughs entities and uses the largest one."""
    source = member_file([["Nguyễn Văn Cười", "Nam"]])
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        original = archive.read(part).decode()
    body = original.split("?>", 1)[1] if original.startswith("<?xml") else original
    # The entity sits inside the first inline string, so any parser that expands it explodes.
    body = body.replace("Nguyễn Văn Cười", "&lol9;", 1)
    if "&lol9;" not in body:
        body = body.replace("</", "&lol9;</", 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        _copy(source, target, skip={part})
        target.writestr(part, LAUGHS + body)
    return buffer.getvalue()


def text_renamed():
    return "Họ và tên,Giới tính\nNguyễn Văn A,Nam\n".encode()


def zip_without_workbook():
    """A real zip, but not a workbook (for example a zipped folder renamed to .xlsx)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        target.writestr("readme.txt", "không phải Excel")
    return buffer.getvalue()
