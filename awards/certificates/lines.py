"""Breaking the certificate's names and titles into lines that read well, before the browser engine sees them.

A printed certificate may not wrap "CHỦ / NGHĨA" or leave "CƠ SỞ" or a lone word on a line of its own, and
WeasyPrint breaks wherever the width runs out. So the header and title block are laid out here: text is
measured with the same DejaVu font the PDF embeds, broken only between words, preferably where the meaning
breaks (before "CÔNG ĐOÀN", "LIÊN ĐOÀN LAO ĐỘNG", a place or a level), never leaving one word alone, and shrunk
until it fits. The template prints each line with `white-space: nowrap`.
"""

import functools
import itertools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

PT_PER_MM = 72 / 25.4

_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
_FONT_FILES = {False: "DejaVuSerif.ttf", True: "DejaVuSerif-Bold.ttf"}
# Average advance of DejaVu Serif capitals and lower case, in em, when the font file cannot be read.
_FALLBACK_EM = {False: 0.62, True: 0.72}

# Where a line may break by meaning: before these words (upper-cased, NFC). The first group starts the name of
# a body; the second a place, a level or a qualifier that follows the body it belongs to.
_BODY_STARTS = (
    "CÔNG ĐOÀN",
    "LIÊN ĐOÀN LAO ĐỘNG",
    "CÔNG TY",
    "TỔNG CÔNG TY",
    "TRƯỜNG",
    "BỆNH VIỆN",
    "TRUNG TÂM",
    "CƠ QUAN",
    "BAN",
    "ỦY BAN",
)
_QUALIFIERS = (
    "THÀNH PHỐ",
    "TỈNH",
    "QUẬN",
    "HUYỆN",
    "THỊ XÃ",
    "THỊ TRẤN",
    "XÃ",
    "PHƯỜNG",
    "VIỆT NAM",
    "CÁC KHU",
    "NGÀNH",
    "CẤP",
    "CƠ SỞ",
    "TOÀN QUỐC",
    "TIÊN TIẾN",
    "XUẤT SẮC",
    "THI ĐUA",
    "CHUYÊN ĐỀ",
    "–",
    "(",
)
# A line should not end on a word that binds to the next one.
_BINDING = {"VÀ", "CỦA", "–", "-", "CHO", "VỀ"}


def _upper(text):
    return unicodedata.normalize("NFC", text).upper()


@functools.cache
def _font(bold):
    try:
        from PIL import ImageFont

        for folder in _FONT_DIRS:
            path = folder / _FONT_FILES[bold]
            if path.exists():
                return ImageFont.truetype(str(path), 1000)
    except (ImportError, OSError):
        return None
    return None


@functools.lru_cache(maxsize=65536)
def width_pt(text, size_pt, *, bold=False):
    """Advance width of `text` set in DejaVu Serif at `size_pt`, in points."""
    font = _font(bold)
    if font is None:
        return len(text) * _FALLBACK_EM[bold] * size_pt
    return font.getlength(text) / 1000 * size_pt


@dataclass(frozen=True)
class Block:
    lines: tuple[str, ...]
    size: float  # pt

    @property
    def single_words(self):
        return [line for line in self.lines if len(line.split()) == 1]


def _boundary_score(words, i):
    """How well a line break before words[i] follows the meaning: 2 before a body, 1 before a qualifier."""
    rest = _upper(" ".join(words[i:]))
    if _upper(words[i - 1]) in _BINDING:
        return -2
    if rest[:1] in '"“':  # a quoted name starts: "KỶ NIỆM CHƯƠNG / “VÌ SỰ NGHIỆP …”"
        return 2
    if any(rest.startswith(p + " ") or rest == p for p in _BODY_STARTS):
        # "TỔNG / LIÊN ĐOÀN" is not a boundary: the word before belongs to the body's name.
        return -1 if _upper(words[i - 1]) == "TỔNG" else 2
    if any(rest.startswith(p + " ") or rest == p or (p in "–(" and rest.startswith(p)) for p in _QUALIFIERS):
        return 1
    return 0


def _splits(words, n):
    """Every way to cut `words` into `n` lines of at least two words each (a lone word reads as a wrap)."""
    if n == 1:
        yield (" ".join(words),), 0
        return
    for cuts in itertools.combinations(range(2, len(words) - 1), n - 1):
        bounds = (0, *cuts, len(words))
        if any(b - a < 2 for a, b in itertools.pairwise(bounds)):
            continue
        score = sum(_boundary_score(words, c) for c in cuts)
        yield tuple(" ".join(words[a:b]) for a, b in itertools.pairwise(bounds)), score


@functools.lru_cache(maxsize=4096)  # a decision's certificates repeat their issuer, title and citation
def fit(text, width_mm, *, max_size, min_size, max_lines=2, bold=True, step=0.5, fewer_lines=True):
    """Lines and font size for `text` in a box `width_mm` wide, broken where the meaning breaks (then as evenly as
    possible). `fewer_lines`: as few lines as fit at or above `min_size`, each as large as fits (titles, names);
    otherwise the largest size that fits in at most `max_lines` (a citation)."""
    words = unicodedata.normalize("NFC", text).split()
    if not words:
        return Block((), max_size)
    width = width_mm * PT_PER_MM
    most = min(max_lines, max(1, len(words) // 2))
    candidates = {n: list(_splits(words, n)) for n in range(1, most + 1)}
    sizes = []
    size = max_size
    while size >= min_size - 1e-9:
        sizes.append(size)
        size -= step
    order = [(n, s) for n in candidates for s in sizes] if fewer_lines else [(n, s) for s in sizes for n in candidates]
    for n, size in order:
        fitting = []
        for found, score in candidates[n]:
            widths = [width_pt(line, size, bold=bold) for line in found]
            if max(widths) <= width:
                fitting.append((score, -(max(widths) - min(widths)), found))
        if fitting:
            return Block(max(fitting)[2], size)
    # Nothing fits even at the smallest size: the most lines allowed, the widest line as narrow as possible.
    lines = min(
        (c for c, _s in _splits(words, most)), key=lambda ls: max(width_pt(line, min_size, bold=bold) for line in ls)
    )
    widest = max(width_pt(line, 1, bold=bold) for line in lines)
    return Block(lines, round(min(min_size, width / widest), 2))
