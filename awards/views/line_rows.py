"""The rows of the proposal page's table of lines, drawn in Python with the template's markup.

A proposal of a grassroots union or a district holds hundreds of lines. Through the template engine each row cost
about 100 µs (some 40 tags and lookups), 20 ms of a 46 ms page for 200 lines at T3; drawn here it is a tenth of
that. The table around the rows stays in templates/awards/proposal_detail.html. Every value goes through
`core.escape.esc`; labels are translated once per page.
"""

from django.middleware.csrf import get_token
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.escape import esc
from core.row_urls import row_url

from ..models import Proposal

# The badge of a line's verdict: (its colour, its label's msgid); a pass is the default. The page's summary of
# verdicts uses the same (verdict_badges).
BADGES = {
    "fail": ("text-bg-danger", gettext_noop("Does not qualify")),
    "defer": ("text-bg-secondary", gettext_noop("Deferred")),
    "cond": ("text-bg-info", gettext_noop("Qualifies if the members in this file are approved")),
    "warn": ("text-bg-warning", gettext_noop("Qualifies, check the notes")),
    "pass": ("text-bg-success", gettext_noop("Qualifies")),
}
REASON_ICONS = {
    "fail": '<i class="bi bi-x-circle text-danger"></i>',
    "defer": '<i class="bi bi-pause-circle"></i>',
    "cond": '<i class="bi bi-hourglass-split text-info"></i>',
    "warn": '<i class="bi bi-exclamation-triangle text-warning"></i>',
}
INFO_ICON = '<i class="bi bi-info-circle text-info"></i>'
# Where a reviewer may still override a failed rule.
OVERRIDABLE = {Proposal.Status.DRAFT, Proposal.Status.RETURNED, Proposal.Status.SUBMITTED, Proposal.Status.UNDER_REVIEW}


def line_rows(request, proposal, lines, *, can_edit, reviews, reason_form) -> SafeString:
    """The `<tr>` of every line, as the page's `{{ line_rows }}`."""
    if not lines:
        return SafeString("")
    page = _Page(request, proposal, can_edit=can_edit, reviews=reviews, reason_form=reason_form)
    return mark_safe("".join([page.row(line) for line in lines]))  # every value is escaped in row()


def verdict_badges(by_verdict):
    """[{verdict, colour, label, n}] of the page's summary ({verdict: lines}), in the summary's order."""
    return [
        {
            "verdict": verdict,
            "colour": BADGES.get(verdict, BADGES["pass"])[0],
            "label": _(BADGES.get(verdict, BADGES["pass"])[1]),
            "n": n,
        }
        for verdict, n in by_verdict.items()
    ]


class _Page:
    def __init__(self, request, proposal, *, can_edit, reviews, reason_form):
        self.can_edit = can_edit
        self.can_override = reviews and proposal.status in OVERRIDABLE
        csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{esc(get_token(request))}">'
        self.badges = {
            status: f'<span class="badge {colour}">{esc(_(msgid))}</span>' for status, (colour, msgid) in BADGES.items()
        }
        self.enter = f"{esc(_('Enter the data'))} "
        self.initiative = esc(_("Initiative:"))
        self.overridden = esc(_("Overridden:"))
        self.certificate = esc(_("Certificate"))
        self.ballot = _("Ballot: %(yes)s for, %(no)s against")
        self.remove = (
            f'<form method="post" action="%s">{csrf}<button class="btn btn-sm btn-outline-danger" type="submit" '
            f'data-confirm="{esc(_("Remove this line?"))}">{esc(_("Remove"))}</button></form>'
        )
        self.override = (
            f'<details><summary class="small">{esc(_("Override"))}</summary><form method="post" action="%s">{csrf}'
            f'{reason_form["reason"]}<button class="btn btn-sm btn-outline-warning mt-1" type="submit">'
            f"{esc(_('Override the rules'))}</button></form></details>"
        )

    def row(self, line):
        pk = line.pk
        status = line.eligibility_status
        award_type = esc(line.award_type.name)
        out = [f'<tr data-eligibility="{esc(status)}">']
        if self.can_edit:
            out.append(
                f'<td><input class="form-check-input" type="checkbox" name="line" value="{pk}" form="lines-bulk" '
                f'id="line-{pk}" aria-label="{esc(line.subject_name)} · {award_type}"></td>'
            )
        out.append(self._subject(line))
        out.append(f"<td>{award_type}</td>")
        out.append(self._rules(line))
        out.append(self._status(line))
        out.append("<td>")
        if self.can_edit:
            out.append(self.remove % row_url("awards:line_remove", pk))
        if self.can_override and status == "fail" and not line.override_reason:
            out.append(self.override % row_url("awards:line_override", pk))
        out.append("</td></tr>")
        return "".join(out)

    def _subject(self, line):
        if line.member_id:
            out = [
                f'<td><a href="{row_url("unions:member_detail", line.member_id)}">{esc(line.member.full_name)}</a>'
                f'<div class="small text-muted">{esc(line.organization.display_name)}</div>'
            ]
        else:
            out = [f'<td><i class="bi bi-building"></i> {esc(line.organization.name)}']
        if line.achievement:
            out.append(f'<div class="small">{esc(Truncator(line.achievement).words(30, truncate=" …"))}</div>')
        if line.initiative_id:
            out.append(f'<div class="small text-muted">{self.initiative} {esc(line.initiative.title)}</div>')
        out.append("</td>")
        return "".join(out)

    def _rules(self, line):
        out = ['<td class="small">', self.badges.get(line.eligibility_status, self.badges["pass"])]
        out.append('<ul class="list-unstyled mb-0 mt-1 line-reasons">')
        for reason in line.reasons:
            out.append(
                f'<li data-rule="{esc(reason["rule"])}">{REASON_ICONS.get(reason["status"], INFO_ICON)} '
                f"{esc(reason['message'])}"
            )
            if reason["url"]:
                out.append(
                    f' <a class="rule-link text-nowrap" href="{esc(reason["url"])}">{self.enter}'
                    '<i class="bi bi-arrow-right-short"></i></a>'
                )
            out.append("</li>")
        out.append("</ul>")
        if line.override_reason:
            out.append(
                f'<div class="mt-1"><i class="bi bi-shield-check"></i> {self.overridden} {esc(line.override_reason)} '
                f"({esc(line.overridden_by.username if line.overridden_by_id else '')})</div>"
            )
        if line.votes_yes is not None:
            out.append(f'<div class="mt-1">{esc(self.ballot % {"yes": line.votes_yes, "no": line.votes_no})}</div>')
        out.append("</td>")
        return "".join(out)

    def _status(self, line):
        out = [f"<td>{esc(line.get_status_display())}"]
        if line.award_id:
            award = line.award
            if award.status == "valid":
                out.append(
                    f'<div><a class="small" href="{row_url("awards:certificate", award.pk)}">'
                    f'<i class="bi bi-file-earmark-pdf"></i> {self.certificate}</a></div>'
                )
            else:
                out.append(
                    f'<div><span class="badge text-bg-danger" data-award-status="{esc(award.status)}">'
                    f"{esc(award.get_status_display())}</span></div>"
                )
        out.append("</td>")
        return "".join(out)
