import datetime

from awards.models import Award, AwardType, Complaint, Decision, DisciplineRecord, PerformanceRating
from campaigns.models import Cluster, ClusterMember, Initiative, InitiativeAuthor, ResearchProject


def rate(member, year, rating="HTT", months=12, absent=0):
    return PerformanceRating.objects.create(
        organization=member.organization,
        member=member,
        year=year,
        rating=rating,
        months_worked=months,
        absent_days=absent,
    )


def rate_union(org, year, rating):
    return PerformanceRating.objects.create(organization=org, year=year, rating=rating)


_decisions = {}


def decision(org, year):
    key = (org.pk, year)
    if key not in _decisions or not Decision.objects.filter(pk=_decisions[key]).exists():
        d = Decision.objects.create(
            number=f"{year}/QĐ-{org.pk}",
            signed_on=datetime.date(year, 12, 20),
            issuer=org,
            issuer_name=org.name,
            signer_name="Nguyễn Văn Vinh",
            signer_title="Chủ tịch",
        )
        _decisions[key] = d.pk
    return Decision.objects.get(pk=_decisions[key])


def award(subject_member=None, *, org=None, code, year):
    org = org or subject_member.organization
    return Award.objects.create(
        award_type=AwardType.objects.get(code=code),
        organization=org,
        member=subject_member,
        year=year,
        decision=decision(org, year),
    )


def initiative(member, year, scope="grassroots", status="recognised"):
    i = Initiative.objects.create(
        title=f"Sáng kiến {member.pk}-{year}-{scope}",
        search_title="x",
        kind="technical",
        organization=member.organization,
        year=year,
        status=status,
        scope=scope,
        recognised_on=datetime.date(year, 10, 1),
    )
    InitiativeAuthor.objects.create(initiative=i, member=member, share=100)
    return i


def discipline(member, year, level="reprimand", decided=True):
    return DisciplineRecord.objects.create(
        organization=member.organization,
        member=member,
        level=level,
        opened_on=datetime.date(year, 3, 1),
        decided_on=datetime.date(year, 4, 1) if decided else None,
        decision_number="01/QĐ-KL",
        reason="Vi phạm",
    )


def complaint(member, year):
    return Complaint.objects.create(
        organization=member.organization,
        member=member,
        kind="complaint",
        received_on=datetime.date(year, 5, 1),
        summary="Đơn khiếu nại",
    )


def research(member, year):
    return ResearchProject.objects.create(
        title="Đề tài", organization=member.organization, lead=member, year=year, accepted_on=datetime.date(year, 11, 1)
    )


def first_in_cluster(org, year, other):
    cluster = Cluster.objects.create(name=f"Cụm {year}", organizer=other, year=year)
    ClusterMember.objects.create(cluster=cluster, organization=org, rank=1)
    return cluster
