"""Reading cells the way the clerk meant them: good values, repaired values, and errors that name the value."""

import datetime
import unicodedata
from decimal import Decimal

import pytest
from django.utils import translation

from core.imports.values import (
    CellError,
    cell_text,
    date_order_of,
    fold_header,
    is_blank,
    join_name_parts,
    parse_amount,
    parse_birth,
    parse_date,
    parse_decimal,
    parse_email,
    parse_gender,
    parse_integer,
    parse_name,
    parse_national_id,
    parse_phones,
    parse_rating,
    parse_text,
)

D = datetime.date
THIS_YEAR = datetime.date.today().year


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English; the Vietnamese catalogue is someone else's."""
    with translation.override("en"):
        yield


def raises(func, value, shown, *fragments, **kwargs):
    """Call func(value) and check the CellError names the value and says what to do."""
    with pytest.raises(CellError) as caught:
        func(value, **kwargs)
    message = str(caught.value)
    assert f'"{shown}"' in message, message
    for fragment in fragments:
        assert fragment in message, message
    return message


# Blank and text ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "blank"),
    [
        pytest.param(None, True, id="none"),
        pytest.param("", True, id="empty"),
        pytest.param("   \t", True, id="spaces"),
        pytest.param("\xa0 \xa0", True, id="non-breaking"),
        pytest.param("\u200b", True, id="zero-width"),
        pytest.param(0, False, id="zero"),
        pytest.param(False, False, id="false"),
        pytest.param(" x ", False, id="text"),
    ],
)
def test_is_blank(value, blank):
    assert is_blank(value) is blank


@pytest.mark.parametrize(
    ("value", "text"),
    [
        pytest.param(None, "", id="none"),
        pytest.param(12.0, "12", id="float-whole"),
        pytest.param(2.5, "2.5", id="float-fraction"),
        pytest.param(8.4255728e11, "842557280000", id="scientific"),
        pytest.param(12, "12", id="int"),
        pytest.param(True, "TRUE", id="bool"),
        pytest.param("  Nguyễn\xa0\xa0Văn \n An ", "Nguyễn Văn An", id="collapse-nbsp-newline"),
        pytest.param(unicodedata.normalize("NFD", "Hoà"), "Hoà", id="nfd-to-nfc"),
        pytest.param(datetime.datetime(1988, 9, 5, 0, 0), "05/09/1988", id="datetime"),
        pytest.param(D(2000, 8, 16), "16/08/2000", id="date"),
        pytest.param(datetime.time(8, 30), "08:30", id="time"),
    ],
)
def test_cell_text(value, text):
    assert cell_text(value) == text


def test_cell_text_is_nfc():
    assert unicodedata.is_normalized("NFC", cell_text(unicodedata.normalize("NFD", "Nguyễn Thị Hoà")))


@pytest.mark.parametrize(
    ("header", "key"),
    [
        pytest.param("Họ và tên", "hovaten", id="vietnamese"),
        pytest.param("HỌ VÀ TÊN *", "hovaten", id="caps-star"),
        pytest.param("Họ, tên", "hoten", id="comma"),
        pytest.param("Số ĐT", "sodt", id="d-bar"),
        pytest.param(unicodedata.normalize("NFD", "Ngày sinh"), "ngaysinh", id="nfd"),
        pytest.param("Citizen ID (CCCD)", "citizenidcccd", id="english"),
        pytest.param(None, "", id="none"),
    ],
)
def test_fold_header(header, key):
    assert fold_header(header) == key


# Dates ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "order"),
    [
        pytest.param(["08/16/2000", "12/25/1999", "01/02/2001"], "mdy", id="us-column"),
        pytest.param(["16/08/2000", "01/02/2001"], "dmy", id="vietnamese-column"),
        pytest.param(["01/02/2001"], "dmy", id="undecided"),
        pytest.param([], "dmy", id="empty"),
        pytest.param(["16/08/2000", "08/16/2000"], "dmy", id="mixed-stays-dmy"),
        pytest.param([datetime.datetime(2000, 8, 16), None, 36754, "1/13/99"], "mdy", id="real-dates-ignored"),
        pytest.param(["2000-08-16", "2000-12-25"], "dmy", id="iso-ignored"),
    ],
)
def test_date_order_of(values, order):
    assert date_order_of(values) == order


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(None, None, id="blank"),
        pytest.param("  ", None, id="spaces"),
        pytest.param(datetime.datetime(1988, 9, 5, 14, 0), D(1988, 9, 5), id="datetime"),
        pytest.param(D(1988, 9, 5), D(1988, 9, 5), id="date"),
        pytest.param(36754, D(2000, 8, 16), id="serial-int"),
        pytest.param(36754.75, D(2000, 8, 16), id="serial-with-time"),
        pytest.param("05/09/1988", D(1988, 9, 5), id="dd/mm/yyyy"),
        pytest.param("5/9/1988", D(1988, 9, 5), id="d/m/yyyy"),
        pytest.param("5/9/88", D(1988, 9, 5), id="d/m/yy-1900s"),
        pytest.param("5/9/05", D(2005, 9, 5), id="d/m/yy-2000s"),
        pytest.param("05-09-1988", D(1988, 9, 5), id="dashes"),
        pytest.param("05.09.1988", D(1988, 9, 5), id="dots"),
        pytest.param(" 05 / 09 / 1988 ", D(1988, 9, 5), id="spaced"),
        pytest.param("1988-09-05", D(1988, 9, 5), id="iso"),
        pytest.param("1988-09-05 00:00:00", D(1988, 9, 5), id="iso-with-time"),
        pytest.param("ngày 05 tháng 9 năm 1988", D(1988, 9, 5), id="vietnamese-words"),
        pytest.param("Ngày 5 THÁNG 09 NĂM 1988", D(1988, 9, 5), id="vietnamese-words-caps"),
        pytest.param("29/02/2000", D(2000, 2, 29), id="leap-day"),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "shown", "fragment"),
    [
        pytest.param("31/02/2000", "31/02/2000", "dd/mm/yyyy", id="no-such-day"),
        pytest.param("16/13/2000", "16/13/2000", "month 13", id="month-13"),
        pytest.param("29/02/2001", "29/02/2001", "05/09/1988", id="not-leap"),
        pytest.param("hôm qua", "hôm qua", "dd/mm/yyyy", id="words"),
        pytest.param("1988", "1988", "only a year", id="year-text"),
        pytest.param(1988, "1988", "only a year", id="year-number"),
        pytest.param(123, "123", "not a date", id="small-number"),
        pytest.param("05/09/0988", "05/09/0988", "0988", id="year-typo"),
        pytest.param(True, "TRUE", "dd/mm/yyyy", id="bool"),
    ],
)
def test_parse_date_errors(value, shown, fragment):
    raises(parse_date, value, shown, fragment)


def test_parse_date_refuses_text_of_a_month_first_column():
    message = raises(parse_date, "01/02/2001", "01/02/2001", "month first", "16/08/2000", order="mdy")
    assert "upload again" in message


def test_parse_date_month_first_column_still_reads_real_dates():
    assert parse_date(datetime.datetime(2000, 8, 16), order="mdy") == D(2000, 8, 16)
    assert parse_date("2000-08-16", order="mdy") == D(2000, 8, 16)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(None, (None, None), id="blank"),
        pytest.param(1985, (None, 1985), id="year-int"),
        pytest.param(1985.0, (None, 1985), id="year-float"),
        pytest.param("1985", (None, 1985), id="year-text"),
        pytest.param("năm 1985", (None, 1985), id="nam-1985"),
        pytest.param("05/09/1988", (D(1988, 9, 5), 1988), id="full-date"),
        pytest.param(datetime.datetime(1988, 9, 5), (D(1988, 9, 5), 1988), id="real-date"),
        pytest.param(32391, (D(1988, 9, 5), 1988), id="serial"),
    ],
)
def test_parse_birth(value, expected):
    assert parse_birth(value) == expected


@pytest.mark.parametrize(
    ("value", "shown", "fragment"),
    [
        pytest.param(1899, "1899", "1900", id="year-too-old"),
        pytest.param(str(THIS_YEAR + 1), str(THIS_YEAR + 1), str(THIS_YEAR), id="year-future"),
        pytest.param(f"01/01/{THIS_YEAR + 1}", f"01/01/{THIS_YEAR + 1}", "future", id="date-future"),
        pytest.param("31/02/1988", "31/02/1988", "dd/mm/yyyy", id="impossible"),
        pytest.param("khoảng 1985", "khoảng 1985", "dd/mm/yyyy", id="about"),
    ],
)
def test_parse_birth_errors(value, shown, fragment):
    raises(parse_birth, value, shown, fragment)


# IDs --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(None, (None, None), id="blank"),
        pytest.param("079085001234", ("079085001234", None), id="cccd-text"),
        pytest.param(79085001234, ("079085001234", None), id="cccd-int-lost-zero"),
        pytest.param(79085001234.0, ("079085001234", None), id="cccd-float-lost-zero"),
        pytest.param(9.6085001234e10, ("096085001234", None), id="cccd-scientific"),
        pytest.param("079 085 001 234", ("079085001234", None), id="spaces"),
        pytest.param("079.085.001.234", ("079085001234", None), id="dots"),
        pytest.param("079-085-001-234", ("079085001234", None), id="dashes"),
        pytest.param("'079085001234", ("079085001234", None), id="apostrophe"),
        pytest.param("79085001234", ("079085001234", None), id="text-11-lost-zero"),
        pytest.param("001090012345", ("001090012345", None), id="hanoi"),
        pytest.param(1090012345, ("001090012345", None), id="hanoi-number-lost-two-zeros"),
        pytest.param(8190012345.0, ("008190012345", None), id="tuyen-quang-number-lost-two-zeros"),
        pytest.param("096185001234", ("096185001234", None), id="highest-province"),
        pytest.param("084255728", (None, "084255728"), id="cmnd-text"),
        pytest.param(84255728, (None, "084255728"), id="cmnd-int-lost-zero"),
        pytest.param(8.4255728e7, (None, "084255728"), id="cmnd-float-lost-zero"),
        pytest.param(184255728, (None, "184255728"), id="cmnd-int-9"),
    ],
)
def test_parse_national_id(value, expected):
    assert parse_national_id(value) == expected


@pytest.mark.parametrize(
    ("value", "shown", "fragment"),
    [
        pytest.param("12345", "12345", "12 digits", id="too-short"),
        pytest.param(5234567890.0, "5234567890", "start with '", id="number-10-digits-not-00-province"),
        pytest.param("84255728", "84255728", "9", id="text-8-digits"),
        pytest.param("07908500123", "07908500123", "12 digits", id="text-11-not-a-province"),
        pytest.param("97085001234", "97085001234", "12 digits", id="text-11-province-97"),
        pytest.param(99085001234, "99085001234", "001 to 096", id="number-11-province-099"),
        pytest.param("000085001234", "000085001234", "001 to 096", id="province-000"),
        pytest.param("123456789012", "123456789012", "001 to 096", id="province-123"),
        pytest.param("0790850012345", "0790850012345", "CMND 9", id="too-long"),
        pytest.param("07908500123A", "07908500123A", "12 digits", id="letter"),
        pytest.param("7.90850E+10", "7.90850E+10", "12 digits", id="scientific-text"),
        pytest.param(84255728.5, "84255728.5", "12 digits", id="fraction"),
        pytest.param(-84255728, "-84255728", "12 digits", id="negative"),
    ],
)
def test_parse_national_id_errors(value, shown, fragment):
    raises(parse_national_id, value, shown, fragment)


# Phones -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(None, ("", ""), id="blank"),
        pytest.param("0912345678", ("0912345678", ""), id="mobile"),
        pytest.param("0912.345.678", ("0912345678", ""), id="dots"),
        pytest.param("(0912) 345-678", ("0912345678", ""), id="parentheses"),
        pytest.param(912345678, ("0912345678", ""), id="number-lost-zero"),
        pytest.param(912345678.0, ("0912345678", ""), id="float-lost-zero"),
        pytest.param("912345678", ("0912345678", ""), id="text-lost-zero"),
        pytest.param("+84 912 345 678", ("0912345678", ""), id="plus-84"),
        pytest.param("84912345678", ("0912345678", ""), id="84-prefix"),
        pytest.param("+84 (0) 912 345 678", ("0912345678", ""), id="plus-84-zero"),
        pytest.param(84912345678, ("0912345678", ""), id="number-84"),
        pytest.param("024 3826 1234", ("02438261234", ""), id="landline"),
        pytest.param(2438261234, ("02438261234", ""), id="landline-number"),
        pytest.param("0912.345.678 / 0987 654 321", ("0912345678", "0987654321"), id="two-slash"),
        pytest.param("0912345678; 0987654321", ("0912345678", "0987654321"), id="two-semicolon"),
        pytest.param("0912345678,0987654321", ("0912345678", "0987654321"), id="two-comma"),
        pytest.param("0912-345-678 - 0987-654-321", ("0912345678", "0987654321"), id="two-spaced-dash"),
        pytest.param("0912345678\n0987654321", ("0912345678", "0987654321"), id="two-newline"),
        pytest.param("0912345678 hoặc 0987654321", ("0912345678", "0987654321"), id="two-hoac"),
        pytest.param("0912345678 or 024 3826 1234", ("0912345678", "02438261234"), id="two-or"),
        pytest.param("0912345678 / 0912 345 678", ("0912345678", ""), id="same-twice"),
    ],
)
def test_parse_phones(value, expected):
    assert parse_phones(value) == expected


@pytest.mark.parametrize(
    ("value", "shown", "fragment"),
    [
        pytest.param(
            "0912345678 / 0987654321 / 0901234567",
            "0912345678 / 0987654321 / 0901234567",
            "only two",
            id="three-numbers",
        ),
        pytest.param("12345", "12345", "0912 345 678", id="too-short"),
        pytest.param("0112345678", "0112345678", "10 digits", id="bad-prefix"),
        pytest.param("0912 345 678 ext 12", "0912 345 678 ext 12", "0912 345 678", id="extension"),
        pytest.param("0912345678 / 123", "123", "10 digits", id="second-invalid"),
        pytest.param(12345, "12345", "10 digits", id="short-number"),
    ],
)
def test_parse_phones_errors(value, shown, fragment):
    raises(parse_phones, value, shown, fragment)


# Names ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("NGUYỄN THỊ HOÀ", ("Nguyễn Thị Hoà", True), id="caps"),
        pytest.param("trần văn đức", ("Trần Văn Đức", True), id="lower-d-bar"),
        pytest.param("ĐẶNG VĂN ĐẠT", ("Đặng Văn Đạt", True), id="caps-d-bar"),
        pytest.param("Nguyễn Thị Hoà", ("Nguyễn Thị Hoà", False), id="proper"),
        pytest.param("Lê thị Bích", ("Lê thị Bích", False), id="mixed-kept"),
        pytest.param("  Nguyễn\xa0 Văn   An ", ("Nguyễn Văn An", False), id="spaces"),
        pytest.param(unicodedata.normalize("NFD", "Nguyễn Thị Hoà"), ("Nguyễn Thị Hoà", False), id="nfd"),
        pytest.param(unicodedata.normalize("NFD", "NGUYỄN THỊ HOÀ"), ("Nguyễn Thị Hoà", True), id="nfd-caps"),
        pytest.param("H'HEN NIÊ", ("H'Hen Niê", True), id="apostrophe"),
        pytest.param(None, ("", False), id="blank"),
    ],
)
def test_parse_name(value, expected):
    name, recased = parse_name(value)
    assert (name, recased) == expected
    assert unicodedata.is_normalized("NFC", name)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("Nguyễn Văn An 2", id="digit"),
        pytest.param("NGUYEN VAN 4N", id="digit-inside"),
        pytest.param(12, id="number"),
    ],
)
def test_parse_name_errors(value):
    raises(parse_name, value, cell_text(value), "digits")


@pytest.mark.parametrize(
    ("family", "given", "expected"),
    [
        pytest.param("Nguyễn Thị", "Lan", "Nguyễn Thị Lan", id="plain"),
        pytest.param(" Nguyễn\xa0 Thị ", " Lan ", "Nguyễn Thị Lan", id="spaces"),
        pytest.param("Nguyễn Thị", None, "Nguyễn Thị", id="no-given"),
        pytest.param(unicodedata.normalize("NFD", "Lê"), "Hoà", "Lê Hoà", id="nfd"),
    ],
)
def test_join_name_parts(family, given, expected):
    assert join_name_parts(family, given) == expected


# Choices ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("Nam", "male", id="Nam"),
        pytest.param("nam", "male", id="nam"),
        pytest.param("NAM", "male", id="NAM"),
        pytest.param("Nữ", "female", id="Nữ"),
        pytest.param("nu", "female", id="nu"),
        pytest.param("NỮ", "female", id="NỮ"),
        pytest.param(unicodedata.normalize("NFD", "Nữ"), "female", id="nfd"),
        pytest.param("Male", "male", id="Male"),
        pytest.param("Female", "female", id="Female"),
        pytest.param("M", "male", id="M"),
        pytest.param("f", "female", id="f"),
        pytest.param(" ", None, id="blank"),
    ],
)
def test_parse_gender(value, expected):
    assert parse_gender(value) == expected


@pytest.mark.parametrize("value", ["x", "Khác", "1"])
def test_parse_gender_errors(value):
    raises(parse_gender, value, value, "Nam or Nữ")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("HTXS", "HTXS", id="HTXS"),
        pytest.param("htt", "HTT", id="htt"),
        pytest.param("H.T", "HT", id="dotted"),
        pytest.param("KHT", "KHT", id="KHT"),
        pytest.param("HTXSNV", "HTXS", id="HTXSNV"),
        pytest.param("HTTNV", "HTT", id="HTTNV"),
        pytest.param("HTNV", "HT", id="HTNV"),
        pytest.param("KHTNV", "KHT", id="KHTNV"),
        pytest.param("Hoàn thành xuất sắc nhiệm vụ", "HTXS", id="vi-excellent"),
        pytest.param("Hoàn thành tốt nhiệm vụ", "HTT", id="vi-good"),
        pytest.param("Hoàn thành nhiệm vụ", "HT", id="vi-completed"),
        pytest.param("Không hoàn thành nhiệm vụ", "KHT", id="vi-not-completed"),
        pytest.param("hoàn thành xuất sắc", "HTXS", id="vi-without-nhiem-vu"),
        pytest.param("KHÔNG HOÀN THÀNH", "KHT", id="vi-caps-short"),
        pytest.param("Excellent", "HTXS", id="en-excellent"),
        pytest.param("good", "HTT", id="en-good"),
        pytest.param("Completed", "HT", id="en-completed"),
        pytest.param("Not completed", "KHT", id="en-not-completed"),
        pytest.param("Excellent (HTXS)", "HTXS", id="en-with-code"),
        pytest.param("Hoàn thành tốt nhiệm vụ (HTT)", "HTT", id="vi-with-code"),
        pytest.param(None, None, id="blank"),
    ],
)
def test_parse_rating(value, expected):
    assert parse_rating(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("Tốt", id="unknown"),
        pytest.param("Excellent (HT)", id="halves-disagree"),
        pytest.param("Khá", id="other-scale"),
    ],
)
def test_parse_rating_errors(value):
    raises(parse_rating, value, value, "HTXS", "Not completed")


# Numbers and text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        pytest.param("2,5", {}, Decimal("2.5"), id="comma"),
        pytest.param("2.5", {}, Decimal("2.5"), id="dot"),
        pytest.param(2.5, {}, Decimal("2.5"), id="float"),
        pytest.param(3, {}, Decimal("3"), id="int"),
        pytest.param(" 8 ", {}, Decimal("8"), id="text-int"),
        pytest.param(0.1 + 0.2, {}, Decimal("0.3"), id="float-noise"),
        pytest.param("1,25", {"places": 2}, Decimal("1.25"), id="two-places"),
        pytest.param(None, {}, None, id="blank"),
    ],
)
def test_parse_decimal(value, kwargs, expected):
    assert parse_decimal(value, **kwargs) == expected


@pytest.mark.parametrize(
    ("value", "shown", "fragment"),
    [
        pytest.param("-1", "-1", "negative", id="negative"),
        pytest.param(-0.5, "-0.5", "0 or more", id="negative-float"),
        pytest.param("abc", "abc", "8,5", id="text"),
        pytest.param("1,2,3", "1,2,3", "not a number", id="commas"),
        pytest.param("2.55", "2.55", "Round it", id="too-precise"),
        pytest.param("1.000", "1.000", "group thousands", id="thousands-dot"),
        pytest.param("2,500", "2,500", "group thousands", id="thousands-comma"),
        pytest.param(True, "TRUE", "not a number", id="bool"),
    ],
)
def test_parse_decimal_errors(value, shown, fragment):
    raises(parse_decimal, value, shown, fragment)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(1250000, 1_250_000, id="int"),
        pytest.param(1250000.0, 1_250_000, id="float"),
        pytest.param("1250000", 1_250_000, id="digits"),
        pytest.param("1.250.000", 1_250_000, id="dots"),
        pytest.param("1,250,000", 1_250_000, id="commas"),
        pytest.param("1 250 000", 1_250_000, id="spaces"),
        pytest.param("12.500", 12_500, id="one-group"),
        pytest.param("1.250.000 đ", 1_250_000, id="dong-sign"),
        pytest.param("1.250.000 VNĐ", 1_250_000, id="vnd"),
        pytest.param("2.000.000đồng", 2_000_000, id="dong-word"),
        pytest.param("1.250.000,00", 1_250_000, id="zero-decimals-vn"),
        pytest.param("1,250,000.00", 1_250_000, id="zero-decimals-en"),
        pytest.param("0", 0, id="zero"),
        pytest.param(" ", None, id="blank"),
    ],
)
def test_parse_amount(value, expected):
    assert parse_amount(value) == expected


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        pytest.param("1,5", "1,5", id="decimal-comma"),
        pytest.param("1.25", "1.25", id="decimal-dot"),
        pytest.param(1250.5, "1250.5", id="fraction"),
        pytest.param(-5, "-5", id="negative"),
        pytest.param("-1.000", "-1.000", id="negative-text"),
        pytest.param("1.250,000", "1.250,000", id="mixed-groups"),
        pytest.param("1.250.00", "1.250.00", id="same-mark-for-decimals"),
        pytest.param("1,5 triệu", "1,5 triệu", id="words"),
        pytest.param(True, "TRUE", id="bool"),
    ],
)
def test_parse_amount_errors(value, shown):
    raises(parse_amount, value, shown, "whole number of đồng", "1.250.000")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(12, 12, id="int"),
        pytest.param(12.0, 12, id="float"),
        pytest.param("12", 12, id="text"),
        pytest.param(" 1 200 ", 1200, id="spaced"),
        pytest.param("", None, id="blank"),
    ],
)
def test_parse_integer(value, expected):
    assert parse_integer(value) == expected


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        pytest.param(12.5, "12.5", id="fraction"),
        pytest.param("abc", "abc", id="text"),
        pytest.param("-3", "-3", id="negative"),
        pytest.param(False, "FALSE", id="bool"),
    ],
)
def test_parse_integer_errors(value, shown):
    raises(parse_integer, value, shown, "whole number")


def test_parse_text_cleans():
    assert parse_text("  Giáo\xa0 viên  ", max_length=20) == "Giáo viên"
    assert parse_text(12.0, max_length=2) == "12"
    assert parse_text(None, max_length=5) == ""


def test_parse_text_never_truncates():
    raises(
        parse_text, "Giáo viên dạy giỏi", "Giáo viên dạy giỏi", "18 characters", "at most 10", "Shorten", max_length=10
    )


def test_long_values_are_shortened_in_messages():
    with pytest.raises(CellError) as caught:
        parse_text("x" * 500, max_length=100)
    assert "x" * 57 + "…" in str(caught.value) and "500 characters" in str(caught.value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(" an.nguyen@example.com ", "an.nguyen@example.com", id="spaces"),
        pytest.param("mailto:an@example.vn", "an@example.vn", id="mailto"),
        pytest.param(None, "", id="blank"),
    ],
)
def test_parse_email(value, expected):
    assert parse_email(value) == expected


@pytest.mark.parametrize("value", ["an.nguyen", "an@", "a@x.com; b@y.com", "an nguyen@example.com"])
def test_parse_email_errors(value):
    raises(parse_email, value, value, "ten@example.com")


def test_cell_error_is_a_value_error():
    """Callers that already catch ValueError around conversions keep working."""
    with pytest.raises(ValueError, match='"x"'):
        parse_gender("x")
