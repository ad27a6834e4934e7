"""Amounts in Vietnamese words, as a decision writes them under the figures ("Bằng chữ: …").

Written here rather than taken from num2words: its Vietnamese reads 21 as "hai mươi một" and 105 as
"một trăm năm", where a decision needs the forms clerks write and accountants check: "hai mươi mốt",
"mười lăm", "một trăm linh năm", and "không trăm" inside a larger number ("một triệu không trăm năm mươi nghìn").
These words are the language of the document, not of the interface: they are never translated.
"""

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def _tens_and_units(tens: int, units: int, *, after_hundreds: bool) -> list[str]:
    words: list[str] = []
    if tens == 0:
        if units:
            if after_hundreds:
                words.append("linh")
            words.append(DIGITS[units])
        return words
    words.append("mười" if tens == 1 else f"{DIGITS[tens]} mươi")
    if units == 1 and tens > 1:
        words.append("mốt")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words


def _group(number: int, *, leading: bool) -> list[str]:
    """A group of three digits; inside a larger number its hundreds are always said ("không trăm")."""
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or not leading:
        words.append(f"{DIGITS[hundreds]} trăm")
    words += _tens_and_units(tens, units, after_hundreds=bool(words))
    return words


def _below_a_billion(number: int, *, leading: bool) -> list[str]:
    words: list[str] = []
    for group, scale in ((number // 1_000_000, "triệu"), (number // 1000 % 1000, "nghìn"), (number % 1000, "")):
        if group:
            words += _group(group, leading=leading and not words)
            words += [scale] if scale else []
    return words


def number_in_words(number: int) -> str:
    """1250000 -> "một triệu hai trăm năm mươi nghìn"; above a billion the count of billions is itself
    read as a number ("một nghìn tỷ")."""
    if number < 0:
        return "âm " + number_in_words(-number)
    if number == 0:
        return DIGITS[0]
    billions, rest = divmod(number, 1_000_000_000)
    words = [number_in_words(billions), "tỷ"] if billions else []
    if rest:
        words += _below_a_billion(rest, leading=not billions)
    return " ".join(words)


def amount_in_words(amount: int) -> str:
    """The sentence form: "Hai triệu ba trăm bốn mươi nghìn đồng"."""
    text = number_in_words(int(amount)) + " đồng"
    return text[0].upper() + text[1:]
