"""The member import from Excel; importing the module registers it with the shared flow.

core.imports.importer autodiscovers `<app>.importers`. `members` parses and checks the rows;
`member_files` builds the template and the error workbook and is the entry of the upload pages.
"""

from . import members  # noqa: F401
