"""Reading spreadsheet cells the way a Vietnamese clerk means them.

Cells arrive as openpyxl gives them with ``data_only=True``: None, str, int, float,
bool, datetime, date or time. Excel silently changes what clerks type (it drops
leading zeros of IDs and phones, turns long numbers into floats, keeps text dates
as text), so every reader here repairs what can be repaired without guessing and
otherwise raises :class:`CellError` whose message says what is wrong and how to
fix it. No models, no database: the import pipeline decides what a value means
for a member, these functions only decide what the clerk typed.
"""

import datetime
import decimal
import re
import unicodedata
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_SEP = r"\s*[/.\-]\s*"
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DMY = re.compile(rf"^(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}}|\d{{2}}){_TIME}$")
_ISO = re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}}){_TIME}$")
_VN_DATE = re.compile(r"^(?:ngay\s*)?(\d{1,2})\s*thang\s*(\d{1,2})\s*(?:nam\s*)?(\d{4})$")
_VN_YEAR = re.compile(r"^(?:nam\s*)?(\d{4})$")
# Excel serials 10000..80000 are 1927..2119; smaller numbers in a date cell are years or typos, not dates.
_FIRST_SERIAL, _LAST_SERIAL = 10_000, 80_000
_DIGITS = re.compile(r"[0-9]+")
_PHONE_SPLIT = re.compile(r"\s*(?:[/;,\n]|\s-\s|\s(?:hoặc|hoac|or)\s)\s*", re.IGNORECASE)
_PHONE_JUNK = re.compile(r"[\s.\-()]")
_MOBILE = re.compile(r"^0[35789]\d{8}$")
_LANDLINE = re.compile(r"^02\d{9}$")
# Province-of-birth codes that begin a CCCD (the 63 provinces before the 2025 merger; codes do not change).
_PROVINCES = frozenset(
    re.findall(
        r"\d{3}",
        "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 038 040 "
        "042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 080 082 083 084 "
        "086 087 089 091 092 093 094 095 096",
    )
)
_GENDERS = {
    "nam": "male",
    "namgioi": "male",
    "male": "male",
    "m": "male",
    "nu": "female",
    "nugioi": "female",
    "female": "female",
    "f": "female",
}
_RATINGS = {
    "htxs": "HTXS",
    "hoanthanhxuatsac": "HTXS",
    "excellent": "HTXS",
    "htt": "HTT",
    "hoanthanhtot": "HTT",
    "good": "HTT",
    "ht": "HT",
    "hoanthanh": "HT",
    "completed": "HT",
    "kht": "KHT",
    "khonghoanthanh": "KHT",
    "notcompleted": "KHT",
}
_THOUSANDS = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")
# "1.250.000 đ", "1,250,000 VNĐ", "1 250 000 đồng": the unit is dropped, the groups of three joined.
_CURRENCY = re.compile(r"\s*(?:vn[dđ]|đồng|dong|đ|d)\.?$", re.IGNORECASE)
_AMOUNT = re.compile(
    r"^(?P<whole>\d{1,3}(?P<sep>[., ])\d{3}(?:(?P=sep)\d{3})*|\d+)"
    r"(?:(?P<point>[.,])(?P<cents>\d{1,2}))?$"
)


class CellError(ValueError):
    """A cell that cannot be read; str(error) is the message for the clerk (already translated)."""


def _is_number(value: object) -> bool:
    """int or float but not bool: openpyxl gives TRUE/FALSE cells as bool, a subclass of int."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _whole(value: int | float) -> int | None:
    """The exact integer a number cell holds (8.4255728e+11 included), None if it has a fraction."""
    return None if isinstance(value, float) and not value.is_integer() else int(value)


def _plain(text: str) -> str:
    """Lower case without diacritics, đ -> d: how clerks' spellings of the same word compare equal."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("đ", "d").replace("Đ", "D").lower()


def _shown(value: object) -> str:
    """The value as quoted in a message, shortened so a pasted paragraph does not flood the error list."""
    text = cell_text(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _error(message: str, value: object, **extra: object) -> CellError:
    return CellError(message % {"value": _shown(value), **extra})


def is_blank(value: object) -> bool:
    """True for an empty cell, including cells holding only spaces, non-breaking or zero-width spaces."""
    return value is None or (isinstance(value, str) and not value.translate(_INVISIBLE).strip())


def cell_text(value: object) -> str:
    """The cell as the clerk sees it, for display and matching.

    Number cells lose the '.0' Excel never showed, dates read dd/mm/yyyy, text is
    NFC (some Vietnamese keyboards type decomposed letters) with single spaces.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        whole = _whole(value)
        return str(whole) if whole is not None else repr(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.time):
        return value.isoformat(timespec="minutes")
    text = unicodedata.normalize("NFC", str(value).translate(_INVISIBLE))
    return " ".join(text.split())


def fold_header(text: object) -> str:
    """Comparison key of a column header: 'Họ và tên *' -> 'hovaten'; synonyms are listed folded."""
    return re.sub(r"[^a-z0-9]", "", _plain(cell_text(text).rstrip("*")))


def date_order_of(values: Iterable[object]) -> str:
    """'mdy' when the text dates of one column only make sense month first, else 'dmy'.

    Each value alone is ambiguous (01/02/2001); the column decides. If no value has a
    first part above 12 but one has a second part above 12, the clerk's computer wrote
    US dates, and reading the others day first would silently swap day and month.
    """
    matches = [_DMY.match(cell_text(value)) for value in values if isinstance(value, str)]
    pairs = [(int(match[1]), int(match[2])) for match in matches if match]
    month_first = not any(first > 12 for first, _second in pairs) and any(second > 12 for _first, second in pairs)
    return "mdy" if month_first else "dmy"


def _make_date(value: object, year: int, month: int, day: int) -> datetime.date:
    try:
        result = datetime.date(year, month, day)
    except ValueError:
        raise _error(
            _(
                '"%(value)s" is not a date that exists (day %(day)s, month %(month)s). '
                "Write it as dd/mm/yyyy, for example 05/09/1988."
            ),
            value,
            day=day,
            month=month,
        ) from None
    if not 1900 <= year <= 2100:
        raise _error(
            _('"%(value)s": the year %(year)s looks mistyped. Write the date as dd/mm/yyyy, for example 05/09/1988.'),
            value,
            year=year,
        )
    return result


def parse_date(value: object, *, order: str = "dmy") -> datetime.date | None:
    """The date a cell holds, None for blank.

    Real Excel dates, Excel serial numbers (a date cell later formatted as a number)
    and text in the usual Vietnamese shapes are read. Text in a column that
    :func:`date_order_of` found month first is refused rather than guessed.
    """
    if is_blank(value):
        return None
    if isinstance(value, datetime.date):  # datetime.datetime included
        return _make_date(value, value.year, value.month, value.day)
    if _is_number(value) and _FIRST_SERIAL <= value <= _LAST_SERIAL:
        return from_excel(value).date()
    text = cell_text(value)  # other numbers fall through to the year / not-a-date errors
    if match := _ISO.match(text):
        return _make_date(value, int(match[1]), int(match[2]), int(match[3]))
    if match := _DMY.match(text):
        if order == "mdy":
            raise _error(
                _(
                    '"%(value)s": the dates of this column look written month first (US format, '
                    "08/16/2000). Write them as dd/mm/yyyy (16/08/2000) or as Excel dates and upload again."
                ),
                value,
            )
        year = int(match[3])
        if len(match[3]) == 2:
            year += 2000 if year <= datetime.date.today().year % 100 else 1900
        return _make_date(value, year, int(match[2]), int(match[1]))
    if match := _VN_DATE.match(_plain(text)):
        return _make_date(value, int(match[3]), int(match[2]), int(match[1]))
    if _VN_YEAR.match(_plain(text)):
        raise _error(
            _(
                '"%(value)s" is only a year; this column needs the full date. '
                "Write it as dd/mm/yyyy, for example 05/09/1988."
            ),
            value,
        )
    raise _error(_('"%(value)s" is not a date. Write it as dd/mm/yyyy, for example 05/09/1988.'), value)


def parse_birth(value: object, *, order: str = "dmy") -> tuple[datetime.date | None, int | None]:
    """(date, year) of birth: many records only know the year, so a year alone is accepted."""
    if is_blank(value):
        return None, None
    if match := _VN_YEAR.match(_plain(cell_text(value))):  # 1985, 1985.0, '1985', 'năm 1985'
        born, year = None, int(match[1])
    else:
        born = parse_date(value, order=order)
        year = born.year
    this_year = datetime.date.today().year
    if born and born > datetime.date.today():
        raise _error(
            _(
                '"%(value)s" is in the future, so it cannot be a date of birth. '
                "Check the year and write it as dd/mm/yyyy, for example 05/09/1988."
            ),
            value,
        )
    if not 1900 <= year <= this_year:
        raise _error(
            _('"%(value)s": a year of birth must be between 1900 and %(this_year)s. Check the year and type it again.'),
            value,
            this_year=this_year,
        )
    return born, year


def _cccd(value: object, digits: str) -> str:
    if not "001" <= digits[:3] <= "096":
        raise _error(
            _(
                '"%(value)s" cannot be a CCCD: it must begin with the 3-digit province code 001 to 096, '
                "not %(code)s. Check the number against the card and type it again."
            ),
            value,
            code=digits[:3],
        )
    return digits


def parse_national_id(value: object) -> tuple[str | None, str | None]:
    """(cccd, cmnd): a 12-digit citizen ID or a 9-digit old ID, one of them or neither.

    A number cell lost the leading zero, so 11 digits become a CCCD and 8 a CMND again.
    Text with 11 digits is repaired only when the result begins with a real province
    code, because there a missing digit in the middle is as likely as a lost zero.
    """
    if is_blank(value):
        return None, None
    digits = ""
    if _is_number(value):
        digits = str(_whole(value)) if _whole(value) is not None and value >= 0 else ""
        if len(digits) in (8, 11):
            digits = "0" + digits
        elif len(digits) == 10 and "00" + digits[0] in _PROVINCES:
            # Hà Nội (001) and four northern provinces (002–008) begin with two zeros: a number cell loses both.
            digits = "00" + digits
    elif isinstance(value, str):
        digits = re.sub(r"[\s.\-]", "", cell_text(value)).lstrip("'’‘`")
        if len(digits) == 11 and _DIGITS.fullmatch(digits) and "0" + digits[:2] in _PROVINCES:
            digits = "0" + digits
    if _DIGITS.fullmatch(digits) and len(digits) == 12:
        return _cccd(value, digits), None
    if _DIGITS.fullmatch(digits) and len(digits) == 9:
        return None, digits
    raise _error(
        _(
            '"%(value)s" is not an ID number: a CCCD has 12 digits, an old CMND 9. Check it, and type the '
            "number as text (start with ') so Excel keeps the leading zero."
        ),
        value,
    )


def _phone(part: object) -> str:
    if _is_number(part):
        digits = str(_whole(part)) if _whole(part) is not None and part > 0 else ""
    else:
        digits = _PHONE_JUNK.sub("", str(part)).removeprefix("+")
    if _DIGITS.fullmatch(digits) and digits.startswith("84") and len(digits) in (11, 12):
        digits = digits[2:]
    if _DIGITS.fullmatch(digits) and not digits.startswith("0") and len(digits) in (9, 10):
        digits = "0" + digits  # the leading zero Excel drops from a number cell
    if _MOBILE.match(digits) or _LANDLINE.match(digits):
        return digits
    raise _error(
        _(
            '"%(value)s" is not a Vietnamese phone number. Write 10 digits starting with 0, e.g. '
            "0912 345 678 (a landline has 11 digits starting with 02, e.g. 024 3826 1234)."
        ),
        part,
    )


def parse_phones(value: object) -> tuple[str, str]:
    """(phone, second_phone), '' when absent: clerks put both numbers of a member in one cell."""
    if is_blank(value):
        return "", ""
    text = unicodedata.normalize("NFC", str(value))  # not cell_text: a newline separates two numbers
    parts = [value] if _is_number(value) else [p for p in _PHONE_SPLIT.split(text.strip()) if p.strip()]
    phones = list(dict.fromkeys(_phone(part) for part in parts))
    if len(phones) > 2:
        raise _error(
            _(
                '"%(value)s" holds %(count)s phone numbers, but only two can be stored. '
                "Keep the two to call first and delete the others."
            ),
            value,
            count=len(phones),
        )
    return phones[0], phones[1] if len(phones) > 1 else ""


def parse_name(value: object) -> tuple[str, bool]:
    """(name, recased): a name typed ALL CAPS or all lower case gets Vietnamese capitals.

    Mixed case is kept as typed, the clerk chose it. Parts after a hyphen or apostrophe
    are capitalised too, as in the Ê Đê name H'Hen Niê. ('', False) for blank.
    """
    text = cell_text(value)
    if any(ch.isdigit() for ch in text):
        raise _error(
            _(
                '"%(value)s" has digits in it, and a name has only letters. '
                "Remove the digits (a member code or ID goes in its own column)."
            ),
            value,
        )
    if text in (text.upper(), text.lower()):
        recased = re.sub(r"[^\s\-'’]+", lambda word: word[0][:1].upper() + word[0][1:].lower(), text)
        return recased, recased != text
    return text, False


def join_name_parts(family_and_middle: object, given: object) -> str:
    """The full name from the two columns some templates use: 'Nguyễn Thị' + 'Lan' -> 'Nguyễn Thị Lan'."""
    return cell_text(f"{cell_text(family_and_middle)} {cell_text(given)}")


def parse_gender(value: object) -> str | None:
    """'male' or 'female' from Nam/Nữ in any case or accent, English words or M/F; None for blank."""
    if is_blank(value):
        return None
    gender = _GENDERS.get(fold_header(value))
    if gender is None:
        raise _error(_('"%(value)s" is not a gender. Write Nam or Nữ.'), value)
    return gender


def _rating_of(text: str) -> str | None:
    key = fold_header(text)
    codes = (_RATINGS.get(key.removesuffix(suffix)) for suffix in ("", "nhiemvu", "nv"))
    return next((code for code in codes if code), None)


def parse_rating(value: object) -> str | None:
    """Code HTXS, HTT, HT or KHT from a code, the Vietnamese wording or English; None for blank.

    'Excellent (HTXS)' is read from either half; halves that disagree are refused.
    """
    if is_blank(value):
        return None
    text = cell_text(value)
    codes = {_rating_of(text)}
    if match := re.fullmatch(r"(.*?)\s*\((.*)\)", text):
        codes = {_rating_of(match[1]), _rating_of(match[2])} - {None}
    codes.discard(None)
    if len(codes) != 1:
        raise _error(
            _(
                '"%(value)s" is not a rating. Write one of HTXS (Hoàn thành xuất sắc nhiệm vụ), HTT (Hoàn '
                "thành tốt nhiệm vụ), HT (Hoàn thành nhiệm vụ), KHT (Không hoàn thành nhiệm vụ), or in English "
                "Excellent, Good, Completed, Not completed."
            ),
            value,
        )
    return codes.pop()


def parse_decimal(value: object, *, places: int = 1) -> decimal.Decimal | None:
    """A non-negative number with at most ``places`` decimals, as Decimal; None for blank.

    A lone comma is the Vietnamese decimal separator ('2,5'). Grouped thousands
    ('1.000') and extra decimals are refused instead of silently rounded.
    """
    if is_blank(value):
        return None
    text = cell_text(value).replace(" ", "")
    if isinstance(value, str) and text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        number = decimal.Decimal(repr(value) if isinstance(value, float) else text)
        rounded = number.quantize(decimal.Decimal(1).scaleb(-places))
    except decimal.InvalidOperation:
        number = rounded = None
    if isinstance(value, bool) or rounded is None:
        raise _error(_('"%(value)s" is not a number. Write digits only, e.g. 8.5 (a comma also works: 8,5).'), value)
    if number < 0:
        raise _error(_('"%(value)s" is negative. Write a number of 0 or more, e.g. 8.5.'), value)
    noise = isinstance(value, float) and abs(rounded - number) < decimal.Decimal("1e-9")  # 0.1 + 0.2 in a formula
    grouped = isinstance(value, str) and places < 3 and _THOUSANDS.match(cell_text(value))
    if grouped or (rounded != number and not noise):
        raise _error(
            _(
                '"%(value)s" has too many digits after the decimal point (at most %(places)s). '
                "Round it, e.g. 8.5, and do not group thousands with dots or commas."
            ),
            value,
            places=places,
        )
    return rounded


def parse_integer(value: object) -> int | None:
    """A whole number of 0 or more; 12.0 from a number cell is 12. None for blank."""
    if is_blank(value):
        return None
    text = cell_text(value).replace(" ", "")
    if isinstance(value, bool) or not _DIGITS.fullmatch(text):
        raise _error(_('"%(value)s" is not a whole number. Write digits only, e.g. 12.'), value)
    return int(text)


def parse_text(value: object, *, max_length: int) -> str:
    """Cleaned text; too long is an error, never cut, so nothing the clerk wrote is lost unseen."""
    text = cell_text(value)
    if len(text) > max_length:
        raise _error(
            _('"%(value)s" has %(n)s characters; at most %(max)s fit. Shorten it.'), value, n=len(text), max=max_length
        )
    return text


def parse_email(value: object) -> str:
    """One e-mail address, '' for blank."""
    text = cell_text(value).removeprefix("mailto:")
    if not text:
        return ""
    try:
        validate_email(text)
    except ValidationError:
        raise _error(
            _('"%(value)s" is not an e-mail address. Write one address like ten@example.com.'), value
        ) from None
    return text


def parse_amount(value: object) -> int | None:
    """A sum of money in whole đồng: 1250000, "1.250.000", "1,250,000", "1 250 000 đ"; None for blank.

    Clerks group thousands with dots (Vietnamese) or commas (English Excel); both are read, as is a
    decimal part of zeros ("1.250.000,00"). Anything with real decimals or a bare decimal comma ("1,5")
    is refused: đồng have no fractions, and "1,5" may mean 1.5 million as easily as 15.
    """
    if is_blank(value):
        return None
    if _is_number(value):
        amount = _whole(value)
        if amount is None or amount < 0:
            raise _error(
                _('"%(value)s" is not an amount in đồng. Write a whole number of đồng, e.g. 1250000 or 1.250.000.'),
                value,
            )
        return amount
    text = _CURRENCY.sub("", cell_text(value)).strip()
    match = _AMOUNT.match(text) if not isinstance(value, bool) else None
    if match and match["point"] and match["point"] == match["sep"]:
        match = None  # "1.250.00": the same mark cannot group thousands and start the decimals
    if match is None or (match["cents"] and int(match["cents"])):
        raise _error(
            _('"%(value)s" is not an amount in đồng. Write a whole number of đồng, e.g. 1250000 or 1.250.000.'), value
        )
    return int(re.sub(r"\D", "", match["whole"]))
