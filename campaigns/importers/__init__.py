"""The campaigns' Excel imports; importing the modules registers them with the shared flow.

core.imports.importer autodiscovers `<app>.importers`. `*_template.py` builds the workbook a clerk
downloads to fill in.
"""

from . import registrations  # noqa: F401
