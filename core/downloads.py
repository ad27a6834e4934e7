"""Every file the product hands out, stored or built on the fly, leaves through `download()`.

One place decides the headers, so that no export can get them wrong: the name goes through Django's
`content_disposition_header` (quoted when plain ASCII, RFC 5987 `filename*=` otherwise), so quotes, semicolons
or line breaks in a code or a title can never start a second parameter or a second header; the type is
guessed from the name and never sniffed by the browser; and no cache, shared or private, keeps a copy of a
file that may carry personal data.

Stored files are opened through their storage (`FieldFile.open`), never through a path on disk, so the same
code serves the file system and S3-compatible object storage.
"""

import io
import mimetypes
import os
import unicodedata

from django.core.files import File
from django.http import FileResponse, Http404
from django.utils.http import content_disposition_header

# The types the product writes; mimetypes may not know the Office ones on a bare system.
KNOWN_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".csv": "text/csv",
}
FALLBACK_TYPE = "application/octet-stream"


def clean_filename(name: str) -> str:
    """The name as the user will see it: no folders, no control characters (line breaks included)."""
    name = unicodedata.normalize("NFC", str(name)).replace("/", "-").replace("\\", "-")
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    return name or "tep"


def content_type_for(name: str) -> str:
    extension = os.path.splitext(name)[1].lower()
    return KNOWN_TYPES.get(extension) or mimetypes.guess_type(name)[0] or FALLBACK_TYPE


def download(source: bytes | File, filename: str, *, inline: bool = False) -> FileResponse:
    """A response handing out `source` (bytes, or a stored file such as a model's FieldFile) as `filename`.

    `inline` lets the browser show it (PDFs built by the product); everything else, uploads above all, is an
    attachment, so a stored HTML or SVG file never runs as a page of this site."""
    name = clean_filename(filename)
    stream: io.BytesIO | File
    if isinstance(source, bytes | bytearray):
        stream = io.BytesIO(source)
    else:
        try:
            source.open("rb")
        except FileNotFoundError:
            # The row names a file the storage no longer has (lost volume, restored database only).
            raise Http404 from None
        stream = source
    response = FileResponse(stream, content_type=content_type_for(name))
    # Set here rather than by FileResponse, which takes its name from the stored file when given none.
    response["Content-Disposition"] = content_disposition_header(not inline, name) or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def stored_name(field_file: File, title: str = "") -> str:
    """The name to hand a stored file out under: its title (when it has one) with the stored extension."""
    stored = os.path.basename(field_file.name or "")
    if not title:
        return stored
    extension = os.path.splitext(stored)[1]
    return title if title.lower().endswith(extension.lower()) else f"{title}{extension}"
