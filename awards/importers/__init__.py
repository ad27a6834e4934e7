"""The awards' Excel imports, one module per kind; importing them registers them with the shared flow.

core.imports.importer autodiscovers `<app>.importers`: ratings, past awards (the register) and proposal
lines. `*_template.py` builds the workbook a clerk downloads to fill in.
"""

from . import proposal_lines, ratings, register  # noqa: F401
