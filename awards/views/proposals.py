from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import paging
from core.forms import read_choices
from core.views import add_service_errors
from unions import access

from ..forms.proposals import (
    AttachmentForm,
    CommentForm,
    CouncilForm,
    DecisionForm,
    LineForm,
    NoticeForm,
    ProposalForm,
    ReasonForm,
)
from ..models import Proposal, ProposalLine
from ..selectors import processing as processing_selectors
from ..selectors import proposals as selectors
from ..selectors.collective import lines_refused_at_decision
from ..services import decisions, eligibility_refresh, proposals
from . import corrections
from .actions import post_action as _post_action
from .proposal_lines import lines_context


@login_required
@access.declares(access.READ)
def proposal_list(request):
    items = selectors.proposal_list_for(request.user)
    status = request.GET.get("status", "")
    if status in Proposal.Status.values:
        items = items.filter(status=status)
    page = paging.read(Paginator(items, 30).get_page(request.GET.get("page")))
    return render(
        request,
        "awards/proposal_list.html",
        {
            "page": page,
            "status": status,
            "statuses": Proposal.Status.choices,
            "query": f"status={status}" if status else "",
            "can_create": access.can(request.user, access.PROPOSAL_SUBMIT),
        },
    )


@login_required
@access.declares(access.PROPOSAL_SUBMIT, required=True)
def proposal_create(request):
    form = ProposalForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = proposals.proposal_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The proposal was created. Add its lines."))
            return redirect("awards:proposal_detail", pk=proposal.pk)
    read_choices(form)
    return render(request, "awards/form.html", {"form": form, "title": _("New proposal")})


@login_required
@access.declares(access.READ)
def proposal_detail(request, pk):
    proposal = access.get_for(request.user, selectors.proposal_page_for, pk)
    user = request.user
    can_edit = proposal.status in proposals.EDITABLE and access.can(user, access.PROPOSAL_SUBMIT, proposal.from_org)
    reviews = access.can(user, access.PROPOSAL_REVIEW, proposal.to_org)
    can_send = access.can(user, access.PROPOSAL_SUBMIT, proposal.from_org)
    context = {
        "proposal": proposal,
        "can_edit": can_edit,
        "can_review": reviews,
        "can_send": can_send,
        "can_recheck": proposal.status in eligibility_refresh.OPEN and (can_send or reviews),
        "comment_form": CommentForm(),
        "notice": getattr(proposal, "notice", None),
        "processing": processing_selectors.panel_for(user, proposal),
        **lines_context(request, proposal, can_edit=can_edit, reviews=reviews),
        **corrections.proposal_extras(user, proposal),
    }
    return render(request, "awards/proposal_detail.html", context)


def _sender(user, proposal):
    access.require(user, access.PROPOSAL_SUBMIT, proposal.from_org)


def _reviewer(user, proposal):
    access.require(user, access.PROPOSAL_REVIEW, proposal.to_org)


def _proposal_form_view(
    request, pk, form_factory, title, run, success, check=_reviewer, template="awards/proposal_form.html"
):
    proposal = access.get_for(request.user, selectors.proposal_get_for, pk)
    check(request.user, proposal)
    form = form_factory(request, proposal)
    if request.method == "POST" and form.is_valid():
        try:
            run(request.user, proposal, form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("awards:proposal_detail", pk=proposal.pk)
    read_choices(form)
    return render(
        request,
        template,
        {"form": form, "title": title, "proposal": proposal, "multipart": form.is_multipart()},
    )


@login_required
@access.declares(access.PROPOSAL_SUBMIT)
def line_add(request, pk):
    def run(user, proposal, form):
        proposals.line_add(actor=user, proposal=proposal, **form.cleaned_data)

    factory = lambda r, p: LineForm(r.POST or None, user=r.user, proposal=p)  # noqa: E731
    return _proposal_form_view(request, pk, factory, _("Add a line"), run, _("The line was added."), check=_sender)


@login_required
@access.declares(access.PROPOSAL_SUBMIT)
def attachment_add(request, pk):
    def run(user, proposal, form):
        proposals.attachment_add(actor=user, proposal=proposal, **form.cleaned_data)

    factory = lambda r, p: AttachmentForm(r.POST or None, r.FILES or None)  # noqa: E731
    return _proposal_form_view(
        request, pk, factory, _("Attach a document"), run, _("The document was attached."), check=_sender
    )


@login_required
@access.declares(access.PROPOSAL_REVIEW)
def notice_publish(request, pk):
    def run(user, proposal, form):
        proposals.notice_publish(actor=user, proposal=proposal, **form.cleaned_data)

    factory = lambda r, p: NoticeForm(r.POST or None)  # noqa: E731
    return _proposal_form_view(request, pk, factory, _("Publish for comment"), run, _("The list was published."))


def _issuer(user, proposal):
    access.require(user, access.DECISION_ISSUE, proposal.to_org)


def _secretary(user, proposal):
    access.require(user, access.COUNCIL_RECORD, proposal.to_org)


@login_required
@access.declares(access.COUNCIL_RECORD)
def council_record(request, pk):
    def run(user, proposal, form):
        data = dict(form.cleaned_data)
        votes = form.votes()
        proposals.council_record(
            actor=user,
            proposal=proposal,
            votes=votes,
            held_on=data["held_on"],
            members_total=data["members_total"],
            members_present=data["members_present"],
            chair=data["chair"],
        )

    def factory(r, p):
        lines = [line for line in p.lines.all() if line.status == ProposalLine.Status.PROPOSED]
        return CouncilForm(r.POST or None, lines=lines)

    return _proposal_form_view(
        request,
        pk,
        factory,
        _("Record the council's ballot"),
        run,
        _("The ballot was recorded."),
        check=_secretary,
        template="awards/council_form.html",
    )


@login_required
@access.declares(access.DECISION_ISSUE)
def decision_issue(request, pk):
    def run(user, proposal, form):
        decision, child = decisions.decision_issue(actor=user, proposal=proposal, **form.cleaned_data)
        refused = lines_refused_at_decision(proposal)
        if refused:
            messages.warning(
                request,
                _("Not conferred, their members' titles were not all approved: %(lines)s.")
                % {"lines": ", ".join(refused)},
            )
        if child:
            messages.info(
                request,
                _("Lines beyond this level's authority were forwarded to %(org)s.") % {"org": child.to_org.name},
            )

    def factory(r, p):
        return DecisionForm(r.POST or None)

    return _proposal_form_view(
        request, pk, factory, _("Issue the decision"), run, _("The decision was issued."), check=_issuer
    )


def _reason(request):
    form = ReasonForm(request.POST)
    return form.cleaned_data["reason"] if form.is_valid() else ""


@login_required
@require_POST
@access.declares(access.PROPOSAL_SUBMIT)
def proposal_submit(request, pk):
    return _post_action(
        request, pk, lambda u, p: proposals.proposal_submit(actor=u, proposal=p), _("The proposal was submitted.")
    )


@login_required
@require_POST
@access.declares(access.PROPOSAL_REVIEW)
def proposal_review(request, pk):
    return _post_action(
        request, pk, lambda u, p: proposals.proposal_start_review(actor=u, proposal=p), _("The review has started.")
    )


@login_required
@require_POST
@access.declares(access.PROPOSAL_REVIEW)
def proposal_return(request, pk):
    reason = _reason(request)
    return _post_action(
        request,
        pk,
        lambda u, p: proposals.proposal_return(actor=u, proposal=p, reason=reason),
        _("The proposal was returned to the union."),
    )


@login_required
@require_POST
@access.declares(access.PROPOSAL_REVIEW)
def proposal_reject(request, pk):
    reason = _reason(request)
    return _post_action(
        request,
        pk,
        lambda u, p: proposals.proposal_reject(actor=u, proposal=p, reason=reason),
        _("The proposal was rejected."),
    )


@login_required
@require_POST
@access.declares(access.PROPOSAL_REVIEW)
def notice_comment(request, pk):
    form = CommentForm(request.POST)

    def run(user, proposal):
        _reviewer(user, proposal)
        if not form.is_valid():
            raise ValidationError(_("Fill in who commented, when and what."))
        proposals.notice_comment(actor=user, proposal=proposal, **form.cleaned_data)

    return _post_action(request, pk, run, _("The comment was recorded."))


def _line(request, pk):
    return access.get_for(request.user, selectors.line_get_for, pk)


@login_required
@require_POST
@access.declares(access.PROPOSAL_SUBMIT)
def line_remove(request, pk):
    line = _line(request, pk)
    return _post_action(
        request, line.proposal_id, lambda u, p: proposals.line_remove(actor=u, line=line), _("The line was removed.")
    )


@login_required
@require_POST
@access.declares(access.PROPOSAL_REVIEW)
def line_override(request, pk):
    line = _line(request, pk)
    reason = _reason(request)
    return _post_action(
        request,
        line.proposal_id,
        lambda u, p: proposals.line_override(actor=u, line=line, reason=reason),
        _("The override was recorded."),
    )


@login_required
@access.declares(access.READ)
def notice_view(request, pk):
    """The printable list published for comment."""
    proposal = access.get_for(request.user, selectors.proposal_get_for, pk)
    notice = getattr(proposal, "notice", None)
    if notice is None:
        raise PermissionDenied
    lines = [line for line in proposal.lines.all() if line.status != ProposalLine.Status.DEFERRED]
    return render(
        request,
        "awards/notice.html",
        {"proposal": proposal, "notice": notice, "lines": lines, "comments": list(notice.comments.all())},
    )
