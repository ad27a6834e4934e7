"""Validators shared by the apps' models."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# Codes end up in file names (exports, templates, report files) and URLs: nothing there needs quoting.
file_name_code = RegexValidator(
    r"\A[A-Za-z0-9_-]+\Z",
    _("Use only letters without diacritics, digits, hyphens (-) and underscores (_)."),
    code="invalid_code",
)
