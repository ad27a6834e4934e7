"""Reading drafted documents back as text, as a clerk opening them would see it."""

import io
import re
import unicodedata

import docx
from docx.oxml.ns import qn
from docx.table import Table
from pypdf import PdfReader


def _table_text(table):
    for row in table.rows:
        for cell in row.cells:
            yield from (p.text for p in cell.paragraphs)
            for inner in cell.tables:
                yield from _table_text(inner)


def docx_text(content: bytes) -> str:
    """Every paragraph of the body and of its tables, in order, whitespace collapsed."""
    document = docx.Document(io.BytesIO(content))
    parts = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append("".join(t.text or "" for t in block.iter(qn("w:t"))))
        elif tag == "tbl":
            parts += _table_text(Table(block, document))
    return _clean(" ".join(parts))


def pdf_text(content: bytes) -> str:
    return _clean(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).replace("\u00a0", " ")).strip()


def with_paragraph(content: bytes, text: str) -> bytes:
    """A copy of a .docx template with one more paragraph at the start: a federation's own wording."""
    document = docx.Document(io.BytesIO(content))
    document.paragraphs[0].insert_paragraph_before(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_lines(content: bytes, page: int = 0) -> list[str]:
    """The text lines of a PDF page, top first, with the pieces that share a baseline joined."""
    lines: dict[float, list[str]] = {}

    def visit(text, _cm, tm, _font, _size):
        if text.strip():
            lines.setdefault(round(tm[5]), []).append(text.strip())

    PdfReader(io.BytesIO(content)).pages[page].extract_text(visitor_text=visit)
    return [_clean(" ".join(lines[y])) for y in sorted(lines)]
