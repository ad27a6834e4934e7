"""Stored files of campaigns and initiatives, handed out through the owner's scoped selector (never /media/)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from audit.decorators import about, audited
from core.downloads import download, stored_name
from unions import access

from ..selectors import campaigns as campaign_selectors
from ..selectors import initiatives as initiative_selectors


@login_required
@access.declares(access.READ)
def document_download(request, pk, document_pk):
    campaign = access.get_for(request.user, campaign_selectors.campaign_get_for, pk)
    document = get_object_or_404(campaign.documents, pk=document_pk)
    return download(document.file, stored_name(document.file, document.title))


@login_required
@access.declares(access.READ)
@audited("export")
def initiative_attachment(request, pk):
    initiative = access.get_for(request.user, initiative_selectors.initiative_get_for, pk)
    if not initiative.attachment:
        raise Http404
    about(request, obj=initiative, label=_("Attachment of initiative %(title)s") % {"title": initiative.title})
    return download(initiative.attachment, stored_name(initiative.attachment))
