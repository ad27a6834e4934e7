"""Stored files of proposals and decisions, handed out through the owner's scoped selector (never /media/).

Both carry personal data (achievement reports, minutes with names, the list of a decision): every download is
audited."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext as _

from audit.decorators import about, audited
from core.downloads import download, stored_name
from unions import access

from ..selectors import proposals as selectors


@login_required
@access.declares(access.READ)
@audited("export")
def proposal_attachment(request, pk, attachment_pk):
    proposal = access.get_for(request.user, selectors.proposal_get_for, pk)
    # The selector prefetched the attachments: picking one costs no query.
    attachment = next((a for a in proposal.attachments.all() if a.pk == attachment_pk), None)
    if attachment is None:
        raise Http404
    about(
        request,
        obj=proposal,
        organization=proposal.from_org,
        label=_("%(document)s of proposal %(proposal)s") % {"document": attachment.title, "proposal": proposal.title},
    )
    return download(attachment.file, stored_name(attachment.file, attachment.title))


@login_required
@access.declares(access.READ)
@audited("export")
def decision_file(request, pk):
    decision = access.get_for(request.user, selectors.decision_get_for, pk)
    if not decision.file:
        raise Http404
    about(
        request,
        obj=decision,
        organization=decision.issuer,
        label=_("Scan of decision %(number)s") % {"number": decision.number},
    )
    return download(decision.file, stored_name(decision.file, _("Decision %(number)s") % {"number": decision.number}))
