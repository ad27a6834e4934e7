"""Issuing a decision: awards for the approved lines, bonuses, gold-book numbers, forwarding the rest."""

import math
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from unions import access
from unions.models import CodeSequence, Organization, OrgKind
from unions.signals import announce

from .. import notices
from ..catalogue import body_of, conferred_by
from ..models import LEVEL_RANK, Award, BaseSalary, Decision, IssuingLevel, Proposal, ProposalLine
from . import eligibility_refresh, processing
from .collective_decisions import confer_in_order
from .proposals import _lock, _require_status, receiving_org

AUTHORITY = {
    OrgKind.GRASSROOTS: IssuingLevel.GRASSROOTS,
    OrgKind.DISTRICT_FEDERATION: IssuingLevel.UPPER,
    OrgKind.COMMUNE_UNION: IssuingLevel.UPPER,
    OrgKind.ZONE_UNION: IssuingLevel.UPPER,
    OrgKind.PROVINCIAL_FEDERATION: IssuingLevel.PROVINCIAL,
    OrgKind.SECTOR_UNION: IssuingLevel.PROVINCIAL,
    OrgKind.CONFEDERATION: IssuingLevel.CONFEDERATION,
}


def within_authority(org, award_type):
    level = AUTHORITY.get(org.kind)
    return level is not None and LEVEL_RANK[award_type.issuing_level] <= LEVEL_RANK[level]


def confers(org, award_type):
    """Whether a decision of this body gives the award: within its level and, where a level holds the awards
    of several bodies (a federation's and a sector union's Bằng khen), its own."""
    return within_authority(org, award_type) and conferred_by(award_type, org.kind)


def _require_someone_confers(issuer, lines):
    """Another body's award of this level goes up only when the level above is that body (a provincial sector
    union forwards its federation's Bằng khen to the federation); else nobody above would give it as its own."""
    upper = None
    for line in lines:
        if not within_authority(issuer, line.award_type):
            continue
        upper = upper or receiving_org(issuer)
        if upper is None or not confers(upper, line.award_type):
            raise ValidationError(
                _(
                    "%(award)s (%(subject)s) is the award of another body (%(kind)s): neither %(issuer)s nor "
                    "the level above it gives it. Return the proposal so that the line is removed. Nothing was "
                    "issued."
                )
                % {
                    "award": line.award_type.name,
                    "subject": line.subject_name,
                    "kind": dict(OrgKind.choices).get(body_of(line.award_type) or "", ""),
                    "issuer": issuer.name,
                }
            )


def base_salary_on(day):
    salary = BaseSalary.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    if salary is None:
        raise ValidationError(_("No base salary is recorded for %(date)s.") % {"date": day.strftime("%d/%m/%Y")})
    return salary.amount


def bonus_for(coefficient, base):
    """Coefficient × base salary, rounded up to 10.000 đ."""
    return int(math.ceil(float(coefficient) * base / 10_000) * 10_000)


def _numbers(issuer, year, count):
    name = f"goldbook:{issuer.pk}:{year}"[:32]
    CodeSequence.objects.get_or_create(name=name)
    seq = CodeSequence.objects.select_for_update().get(name=name)
    first = seq.value + 1
    seq.value += count
    seq.save(update_fields=["value"])
    return list(range(first, first + count))


def _paid_in_year(members, year):
    """{member_id: (highest rank, bonus already paid)} from earlier valid awards of the year."""
    paid = {}
    for award in Award.objects.filter(member__in=members, year=year, status=Award.Status.VALID).select_related(
        "award_type"
    ):
        rank, amount = paid.get(award.member_id, (-1, 0))
        paid[award.member_id] = (max(rank, award.award_type.rank), amount + award.bonus_amount)
    return paid


PROVINCE_PATH = 2 * 4  # confederation + provincial federation steps of the materialised path (rule 9)


def lock_quota(award_type, province_path, year):
    """Serialises every decision that counts one federation's quota of one award type in one year."""
    name = f"quota:{award_type.pk}:{province_path}:{year}"
    CodeSequence.objects.get_or_create(name=name)
    CodeSequence.objects.select_for_update().get(name=name)


def quota_used(award_type, province_path, year):
    return Award.objects.filter(
        award_type=award_type, year=year, status=Award.Status.VALID, organization__path__startswith=province_path
    ).count()


def _check_quotas(year, lines):
    """Rule 9: a decision may not take a federation past its yearly quota of a thematic award."""
    wanted = Counter(
        (line.award_type, line.organization.path[:PROVINCE_PATH])
        for line in lines
        if line.award_type.annual_quota is not None
    )
    for (award_type, province), count in sorted(wanted.items(), key=lambda item: (item[0][0].pk, item[0][1])):
        lock_quota(award_type, province, year)
        used = quota_used(award_type, province, year)
        if used + count > award_type.annual_quota:
            federation = Organization.objects.filter(path=province).first()
            raise ValidationError(
                _(
                    "%(federation)s has %(left)s of its %(quota)s places of %(award)s left in %(year)s; this "
                    "decision needs %(count)s. Nothing was issued."
                )
                % {
                    "federation": federation or province,
                    "left": max(award_type.annual_quota - used, 0),
                    "quota": award_type.annual_quota,
                    "award": award_type.name,
                    "year": year,
                    "count": count,
                }
            )


@transaction.atomic
def decision_issue(*, actor, proposal, number, signed_on, signer_name, signer_title, legal_basis=""):
    proposal = _lock(proposal)
    access.require(actor, access.DECISION_ISSUE, proposal.to_org)
    _require_status(proposal, Proposal.Status.COUNCIL)
    processing.require_sign_off(proposal)
    issuer = proposal.to_org
    approved = list(
        proposal.lines.filter(status=ProposalLine.Status.APPROVED).select_related(
            "award_type", "member", "organization", "initiative"
        )
    )
    mine = [line for line in approved if confers(issuer, line.award_type)]
    above = [line for line in approved if not confers(issuer, line.award_type)]
    if not approved:
        raise ValidationError(_("No line was approved by the council: reject the proposal instead."))
    _require_someone_confers(issuer, above)
    decision = None
    if mine:
        _check_quotas(proposal.year, mine)
        try:
            with transaction.atomic():
                decision = Decision(
                    number=number.strip(),
                    signed_on=signed_on,
                    issuer=issuer,
                    issuer_name=issuer.name,
                    signer_name=signer_name,
                    signer_title=signer_title,
                    legal_basis=legal_basis,
                    created_by=actor,
                )
                decision._history_user = actor  # type: ignore[attr-defined]  # the first step of its timeline
                decision.save()
        except IntegrityError:
            raise ValidationError(
                {
                    "number": _("Decision %(number)s of %(date)s already exists.")
                    % {"number": number, "date": signed_on.strftime("%d/%m/%Y")}
                }
            ) from None
        # Individuals first: a collective conditional on its members is checked against what was conferred.
        refused = confer_in_order(actor=actor, decision=decision, year=proposal.year, lines=mine, confer=_confer)
        mine = [line for line in mine if line not in refused]
        eligibility_refresh.inputs_changed(
            members=[x.member_id for x in mine], paths=[x.organization.path for x in mine]
        )
    child = _forward(actor, proposal, above) if above else None
    status = Proposal.Status.DECIDED if mine else Proposal.Status.FORWARDED
    proposal.status, proposal.decision = status, decision
    proposal._history_user = actor
    proposal.save()
    # The issuer's decisions, the awarded units' awards, the proposals waiting at this level and the next one.
    announce(
        [
            issuer.path,
            proposal.from_org.path,
            *(line.organization.path for line in mine),
            *([child.to_org.path] if child else []),
        ]
    )
    notices.decision_issued(decision, proposal, child, actor)
    return decision, child


def _confer(actor, decision, year, lines):
    base = base_salary_on(decision.signed_on)
    paid = _paid_in_year([line.member_id for line in lines if line.member_id], year)
    best = {}
    for line in lines:
        if line.member_id and line.award_type.rank > best.get(line.member_id, (-1, None))[0]:
            best[line.member_id] = (line.award_type.rank, line.pk)
    numbers = _numbers(decision.issuer, year, len(lines))
    try:
        with transaction.atomic():
            for line, n in zip(lines, numbers, strict=True):
                amount = bonus_for(line.award_type.bonus_coefficient, base)
                if line.member_id:
                    rank, already = paid.get(line.member_id, (-1, 0))
                    if best[line.member_id][1] != line.pk or rank >= line.award_type.rank:
                        amount = 0  # one period pays only the highest title
                    else:
                        amount = max(amount - already, 0)
                award = Award(
                    award_type=line.award_type,
                    organization=line.organization,
                    member=line.member,
                    year=year,
                    decision=decision,
                    achievement=line.achievement,
                    certificate_number=f"{n:05d}/{year}",
                    gold_book_number=f"SV-{year}-{n:05d}",
                    bonus_amount=amount,
                    initiative=line.initiative,
                )
                award._history_user = actor
                award.save()
                line.award, line.status = award, ProposalLine.Status.AWARDED
                line.save(update_fields=["award", "status"])
    except IntegrityError:
        raise ValidationError(
            _(
                "An award in this decision already exists (same subject, award and year) or an "
                "initiative is already used by another award. Nothing was issued."
            )
        ) from None


def _forward(actor, proposal, lines):
    """Lines beyond this level's authority go up as a new proposal with the same evidence."""
    upper = receiving_org(proposal.to_org)
    if upper is None:
        raise ValidationError(_("There is no level above %(org)s to forward to.") % {"org": proposal.to_org})
    child = Proposal(
        title=_("%(title)s (forwarded by %(org)s)") % {"title": proposal.title, "org": proposal.to_org.display_name},
        from_org=proposal.to_org,
        to_org=upper,
        year=proposal.year,
        kind=proposal.kind,
        campaign=proposal.campaign,
        parent=proposal,
        status=Proposal.Status.SUBMITTED,
        created_by=actor,
    )
    child._history_user = actor  # type: ignore[attr-defined]  # the first step of its timeline
    child.save()
    relay_lines(child, lines)
    relay_attachments(child, proposal)
    return child


def relay_lines(child, lines):
    """Copies lines into a proposal of the level above, each keeping its origin: a return or a decision up
    there is read back down to the line it came from (forwarded here, aggregated in aggregation.py)."""
    for line in lines:
        ProposalLine.objects.create(
            proposal=child,
            origin=line,
            organization=line.organization,
            member=line.member,
            award_type=line.award_type,
            achievement=line.achievement,
            initiative=line.initiative,
            eligibility=line.eligibility,
            eligibility_status=line.eligibility_status,
            override_reason=line.override_reason,
            overridden_by=line.overridden_by,
        )
        line.status = ProposalLine.Status.FORWARDED
        line.save(update_fields=["status"])


def relay_attachments(child, proposal):
    """The lower level's evidence goes up with its lines."""
    for attachment in proposal.attachments.all():
        child.attachments.create(
            kind=attachment.kind, title=attachment.title, file=attachment.file, uploaded_by=attachment.uploaded_by
        )
