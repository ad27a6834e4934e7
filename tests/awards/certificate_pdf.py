"""Reading a rendered certificate back: its lines of words with their positions, and its QR code."""

import io
import unicodedata

import pdfplumber
import pypdfium2
import zxingcpp

PT_PER_MM = 72 / 25.4


def page_words(content, page=0):
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        words = pdf.pages[page].extract_words(keep_blank_chars=False, x_tolerance=2, y_tolerance=2)
    return [{**w, "text": unicodedata.normalize("NFC", w["text"])} for w in words]


def text_lines(words):
    """Words on one baseline and close together (less than two em apart) form a line; the header's two columns,
    side by side on the same baseline but far apart, are two lines."""
    rows: dict[int, list[dict]] = {}
    for word in sorted(words, key=lambda w: (round(w["bottom"]), w["x0"])):
        rows.setdefault(round(word["bottom"]), []).append(word)
    lines = []
    for bottom, row in sorted(rows.items()):
        current = [row[0]]
        for word in row[1:]:
            if word["x0"] - current[-1]["x1"] > 2 * (word["bottom"] - word["top"]):
                lines.append((bottom, current))
                current = []
            current.append(word)
        lines.append((bottom, current))
    return [{"top": min(w["top"] for w in ws), "x0": ws[0]["x0"], "words": [w["text"] for w in ws]} for _b, ws in lines]


def qr_texts(content, page=0, dpi=150):
    """Decode every QR code on a page the way a phone would: from a raster image of the printed page."""
    image = pypdfium2.PdfDocument(content)[page].render(scale=dpi / 72).to_pil()
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]
