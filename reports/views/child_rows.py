"""The rows of the dashboard's table by unit, drawn in Python with the template's markup.

The confederation's table holds its 64 provinces, a province's its communes and districts: seven cells a row,
each through a filter, were a fifth of the dashboard's time at T3. Values go through `core.escape.esc`, numbers
through the same grouping as the `num` filter, labels are translated once per page.
"""

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.escape import esc
from core.templatetags.vn import num

COLUMNS = ("members", "grassroots", "coverage", "awards_individual", "awards_collective", "initiatives")


def child_rows(rows, period) -> SafeString:
    """The `<tr>` of every child, as the dashboard's `{{ child_rows }}`."""
    labels = [
        esc(_(text))
        for text in (
            "Unit",
            "Members",
            "Grassroots unions",
            "Launched (%)",
            "Individual awards",
            "Collective awards",
            "Initiatives recognised",
        )
    ]
    dissolved = f' <span class="badge text-bg-secondary">{esc(_("dissolved"))}</span>'
    period_code = esc(period.code)
    out = []
    for row in rows:
        org = row["org"]
        cells = [
            f'<tr><td data-label="{labels[0]}"><a href="?org={org.pk}&period={period_code}">{esc(org.name)}</a>'
            f"{'' if org.is_active else dissolved}</td>"
        ]
        for label, code in zip(labels[1:], COLUMNS, strict=True):
            cells.append(f'<td data-label="{label}" class="text-end">{_value(code, row[code])}</td>')
        cells.append("</tr>")
        out.append("".join(cells))
    return mark_safe("".join(out))  # every value is escaped above


def _value(code, value):
    if code == "coverage":
        return "—" if value is None else f"{esc(number_format(value, 1))}%"
    return esc(num(value))
