"""The rows of the awards register, drawn in Python with the template's markup (templates/awards/award_list.html).

A page of 30 awards of seven cells, each through the template's variable and filter lookups, was about 2 ms of the
register's time at T3 (some 550 lookups a page). Values go through `core.escape.esc`, the decision date through the
locale's short format like the `date` filter, the bonus through `vnd`, and labels are translated once per page.
"""

from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.escape import esc
from core.row_urls import row_url
from core.templatetags.vn import vnd

LABELS = ("Year", "Award", "Awarded", "Union", "Decision", "Bonus (VND)", "Status")
CLASSES = ("", "", "", "", "", ' class="text-end"', "")


def award_rows(awards) -> SafeString:
    """The `<tr>` of every award, as the register's `{{ award_rows }}`."""
    labels = [esc(_(text)) for text in LABELS]
    outside = f' <span class="badge text-bg-light border">{esc(_("outside the union"))}</span>'
    out = []
    for a in awards:
        decision = a.decision
        number = esc(decision.number)
        if decision.issuer_id:
            number = f'<a href="{row_url("awards:decision_detail", a.decision_id)}">{number}</a>'
        signed = esc(date_format(decision.signed_on, "SHORT_DATE_FORMAT")) if decision.signed_on else ""
        cells = (
            esc(a.year),
            esc(a.award_type.name) + (outside if a.external else ""),
            f'<a href="{row_url("unions:member_detail", a.member_id)}">{esc(a.member.full_name)}</a>'
            if a.member_id
            else f'<i class="bi bi-building"></i> {esc(a.organization.name)}',
            esc(a.organization.display_name),
            f'{number} · {signed}<div class="small text-muted">{esc(decision.issuer_name)}</div>',
            esc(vnd(a.bonus_amount)),
            esc(a.get_status_display()),
        )
        struck = ' class="text-decoration-line-through text-muted"' if a.status != "valid" else ""
        out.append(
            f"<tr{struck}>"
            + "".join(
                f'<td data-label="{label}"{css}>{cell}</td>'
                for label, css, cell in zip(labels, CLASSES, cells, strict=True)
            )
            + "</tr>"
        )
    return mark_safe("".join(out))  # every value is escaped above
