import datetime

import pytest

from documents.layout import date_text
from documents.words import amount_in_words, number_in_words


@pytest.mark.parametrize(
    ("number", "words"),
    [
        pytest.param(0, "không", id="zero"),
        pytest.param(10, "mười", id="ten"),
        pytest.param(11, "mười một", id="eleven-mot-not-after-muoi"),
        pytest.param(15, "mười lăm", id="lam"),
        pytest.param(21, "hai mươi mốt", id="mot"),
        pytest.param(24, "hai mươi bốn", id="bon"),
        pytest.param(25, "hai mươi lăm", id="lam-after-muoi"),
        pytest.param(30, "ba mươi", id="muoi"),
        pytest.param(101, "một trăm linh một", id="linh-one"),
        pytest.param(105, "một trăm linh năm", id="linh-five-stays-nam"),
        pytest.param(115, "một trăm mười lăm", id="hundred-fifteen"),
        pytest.param(1_005, "một nghìn không trăm linh năm", id="khong-tram-inside"),
        pytest.param(21_000, "hai mươi mốt nghìn", id="mot-nghin"),
        pytest.param(710_000, "bảy trăm mười nghìn", id="bonus-ldtt"),
        pytest.param(1_000_500, "một triệu năm trăm", id="empty-thousands"),
        pytest.param(1_050_000, "một triệu không trăm năm mươi nghìn", id="khong-tram-thousands"),
        pytest.param(1_250_000, "một triệu hai trăm năm mươi nghìn", id="brief-figures"),
        pytest.param(2_340_000, "hai triệu ba trăm bốn mươi nghìn", id="base-salary"),
        pytest.param(1_000_000_000, "một tỷ", id="billion"),
        pytest.param(2_000_001_000, "hai tỷ không trăm linh một nghìn", id="billion-and-thousand"),
        pytest.param(1_000_000_000_000, "một nghìn tỷ", id="thousand-billions"),
    ],
)
def test_number_in_words(number, words):
    assert number_in_words(number) == words


def test_amount_in_words_is_a_sentence_in_dong():
    assert amount_in_words(2_340_000) == "Hai triệu ba trăm bốn mươi nghìn đồng"


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (datetime.date(2025, 12, 20), "ngày 20 tháng 12 năm 2025"),
        (datetime.date(2025, 2, 5), "ngày 05 tháng 02 năm 2025"),  # day < 10 and January/February: leading zero
        (datetime.date(2025, 3, 9), "ngày 09 tháng 3 năm 2025"),
    ],
)
def test_dates_are_written_as_the_decree_says(day, text):
    assert date_text(day) == text
