"""Every GET page of the permission matrix costs the same number of queries with 5 rows and with 200.

The pages come from `tests/test_permissions.py` (MATRIX, extension modules included): every row whose
method is GET and that some persona opens with 200 (plus QUERY pages, and minus EXCLUDED ones, each with
its reason). Each page is opened, on the matrix's own target object, by the most privileged persona that
gets 200 (it sees the most rows) and by the least privileged one inside union_a1 (pages work out per-row
permissions for it).

One dataset is shared by all pages (building it per page would make the module slow): the targets
are created once, `grow()` adds ~5 rows of everything the pages list or show (in union_a1, on member_a1
and on the target objects), every page is counted, `grow()` then brings that to ~200 rows, and every page
is counted again. A failure names each page and persona whose count grew or went over the ceiling.
BUDGET_SQL_DIR=/tmp/sql writes every page's SQL there, to see what grew.
"""

import datetime
import itertools
import os
import pathlib
from decimal import Decimal
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.text import fold
from reports import rollups
from tests import test_permissions as perm
from tests.factories import add_org, bulk_members

# Most privileged first: the viewer of a page is the first of these that gets 200.
VIEWER_ORDER = (perm.ADM, perm.S, perm.L, perm.A, perm.B, perm.OUT)

# GET rows of the matrix that are not measured, with the reason.
EXCLUDED = {
    "otp_verify": "not a page here: redirects to the authenticator set-up (302) until one exists",
    "reports:report_excel": "streams the file the report builder stored (no rows read per request); "
                            "the matrix's run has none, so it is 404 for everyone",
    "reports:report_pdf": "streams the stored PDF, like report_excel",
}
# GET pages the matrix opens without the parameters they need (so nobody gets 200 there): the query
# string that opens them on union_a1.
QUERY = {
    "awards:ratings_template": lambda world: {"organization": world.union_a1.pk, "year": 2025},
}
PAGES = sorted(
    name for name, (method, _target, _action, statuses) in perm.MATRIX.items()
    if method == "get" and (200 in statuses.values() or name in QUERY)
)

# Absolute ceiling on the queries of one page, at 200 rows.
CEILING = 40
# Pages allowed more than CEILING, with the reason.
CEILING_EXCEPTIONS = {
    # Below settings.ROLLUP_MAX_DEPTH (a district) the dashboard counts live: one query per metric for the
    # period and the previous one, two per year of the five-year trend, one per initiative scope. That is
    # fixed by the metric registry, not by rows (48 today); scopes above read the rollup table (~31).
    "reports:dashboard": (60, "live metrics below the rollup depth: a fixed number per metric and year"),
}
# Pages whose first visit costs more than the next ones (the budget is for the steady state), with the
# reason. Every other page costs the same on its first visit (checked when this module was written).
WARM_UP = {
    "otp_setup": "the first visit stores a new secret in the session (3 queries)",
}
# Pages allowed one query more at 200 rows than at 5, with the reason.
GROWTH_ALLOWANCE = {}

# How many rows of each kind; organisations are costlier to add (tree inserts), so fewer of them.
SMALL, LARGE = 5, 200
ORGS_SMALL, ORGS_LARGE = 3, 40
# Bounded by the forms or too slow to render at 200 (see grow()).
MAX_AUTHORS, PDF_AWARDS = 15, 15
# Edits are saved one by one (history rows come from save()); fewer keep the module fast.
HISTORY_EDITS = 30


# Each page is opened by the most privileged persona that gets 200 (it sees the most rows) and by the
# least privileged one inside union_a1 that gets 200 (pages compute per-row permissions for it).
LEAST_PRIVILEGED_ORDER = (perm.A, perm.L, perm.S)
# Pages opened by other personas, with the reason.
VIEWER_OVERRIDE = {
    # The admin's dashboard is the confederation's, whose one child is the city; the city's lists the
    # districts, which grow.
    "reports:dashboard": (perm.L, perm.S),
    # 403 for everyone in the matrix (no organisation and year given); writers of union_a1 get it.
    "awards:ratings_template": (perm.ADM, perm.A),
}


def viewers(name):
    if name in VIEWER_OVERRIDE:
        return VIEWER_OVERRIDE[name]
    statuses = perm.MATRIX[name][3]
    most = next(p for p in VIEWER_ORDER if statuses.get(p) == 200)
    least = next((p for p in LEAST_PRIVILEGED_ORDER if statuses.get(p) == 200), most)
    return (most,) if least == most else (most, least)


_seq = itertools.count(1)
_years = itertools.count(1500)  # past years for member_a1's record, clear of the years the targets use


def _members(org, count):
    from unions.models import Member

    before = set(Member.objects.filter(organization=org).values_list("pk", flat=True))
    bulk_members(org, count, prefix=f"Trần Thị Hoa {next(_seq)}")
    return list(Member.objects.filter(organization=org).exclude(pk__in=before).order_by("pk"))


def grow(world, targets, count, org_count):  # noqa: PLR0915 - one place that knows every kind of row
    """Add `count` rows of every kind the pages list or show, in union_a1 and on the target objects."""
    from audit.models import AuditEntry
    from awards.models import (
        Award,
        AwardType,
        Complaint,
        DisciplineRecord,
        NoticeComment,
        PerformanceRating,
        Proposal,
        ProposalAttachment,
        ProposalLine,
        PublicNotice,
    )
    from campaigns.models import (
        Campaign,
        CampaignDocument,
        CampaignLaunch,
        Cluster,
        ClusterMember,
        Contest,
        ContestResult,
        EmulationPact,
        Initiative,
        InitiativeAuthor,
        Registration,
        ResearchProject,
        WorkProduct,
    )
    from notifications.models import Notification
    from privacy.models import DataSubjectRequest, MemberConsent
    from reports.models import MetricSnapshot, ReportRun
    from tests.awards import helpers as h
    from unions.models import ImportBatch, Role

    a1 = world.union_a1
    path = a1.path
    batch = next(_seq)
    members = _members(a1, count)
    # New grassroots unions in district A, divisions in union_a1, districts in the city (the dashboard's rows).
    orgs = [add_org(world.district_a, "grassroots", f"Công đoàn Công ty số {batch}-{i}") for i in range(org_count)]
    for i in range(max(org_count // 4, 1)):
        add_org(a1, "division", f"Công đoàn bộ phận {batch}-{i}")
        add_org(world.city, "district_federation", f"Liên đoàn Lao động huyện {batch}-{i}")
    bulk_members_each = 2
    for org in orgs:
        bulk_members(org, bulk_members_each, prefix=f"Lê Văn Nam {batch}")
    ldtt = AwardType.objects.get(code="LDTT")
    # The target decision (awards:decision_*) gets a few awards: its certificates page renders one PDF page
    # per award, which takes seconds at 200; the other awards go to a decision of their own.
    decision = h.decision(a1, 2025)
    other = h.decision(world.union_a2, 2025)
    Award.objects.bulk_create(
        Award(award_type=ldtt, organization=a1, org_path=path, member=m, year=2025,
              decision=decision if i < PDF_AWARDS else other, gold_book_number=f"SV-{m.pk}")
        for i, m in enumerate(members))
    PerformanceRating.objects.bulk_create(
        PerformanceRating(organization=a1, member=m, year=2025, rating="HTT") for m in members)
    DisciplineRecord.objects.bulk_create(
        DisciplineRecord(organization=a1, member=m, level="reprimand", opened_on=datetime.date(2025, 3, 1),
                         reason="Vi phạm") for m in members)
    Complaint.objects.bulk_create(
        Complaint(organization=a1, member=m, kind="complaint", received_on=datetime.date(2025, 5, 1),
                  summary="Đơn khiếu nại") for m in members)

    # Initiatives, each with an author; more authors on the target initiatives.
    initiatives = Initiative.objects.bulk_create(
        Initiative(title=f"Sáng kiến {batch}-{i}", search_title=fold(f"Sáng kiến {batch}-{i}"), kind="technical",
                   organization=a1, org_path=path, year=2025, estimated_benefit=1_000_000)
        for i in range(count))
    InitiativeAuthor.objects.bulk_create(
        InitiativeAuthor(initiative=i, member=m, share=Decimal(100)) for i, m in zip(initiatives, members, strict=True))
    for pk in targets.get("initiative", ()):
        # The author formset takes at most 20 lines (AuthorFormSet.max_num).
        InitiativeAuthor.objects.bulk_create(
            InitiativeAuthor(initiative_id=pk, member=m, share=Decimal("0.1")) for m in members[:MAX_AUTHORS])
    WorkProduct.objects.bulk_create(
        WorkProduct(name=f"Công trình {batch}-{i}", organization=a1, year=2025, value=1_000_000) for i in range(count))
    ResearchProject.objects.bulk_create(
        ResearchProject(title=f"Đề tài {batch}-{i}", organization=a1, year=2025, lead=m)
        for i, m in enumerate(members))

    # Campaigns, registrations, launches, clusters, contests.
    day = datetime.date(2026, 1, 1)
    Campaign.objects.bulk_create(
        Campaign(code=f"C-{batch}-{i}", name=f"Phong trào {batch}-{i}", kind="annual", organizer=world.district_a,
                 year=2026, start_on=day, end_on=datetime.date(2026, 12, 31),
                 registration_deadline=datetime.date(2099, 12, 31), titles=["Lao động tiên tiến"],
                 status=Campaign.Status.LAUNCHED, launched_on=day) for i in range(count))
    for campaign in Campaign.objects.filter(pk__in=targets.get("campaign", ())):
        CampaignDocument.objects.bulk_create(
            CampaignDocument(campaign=campaign, kind="plan", title=f"Kế hoạch {batch}-{i}", file=f"campaigns/{i}.pdf",
                             uploaded_by=world.staff_district_a) for i in range(count))
        Registration.objects.bulk_create(
            Registration(campaign=campaign, year=2026, organization=a1, org_path=path, member=m,
                         title="Lao động tiên tiến") for m in members)
        CampaignLaunch.objects.bulk_create(
            CampaignLaunch(campaign=campaign, organization=o, launched_on=day, participants=10) for o in orgs)
    Cluster.objects.bulk_create(
        Cluster(name=f"Cụm {batch}-{i}", organizer=world.district_a, year=2026) for i in range(count))
    for pk in targets.get("cluster", ()):
        ClusterMember.objects.bulk_create(ClusterMember(cluster_id=pk, organization=o) for o in orgs)
        EmulationPact.objects.bulk_create(
            EmulationPact(cluster_id=pk, signed_on=day, targets="Hoàn thành kế hoạch") for _ in range(count))
    Contest.objects.bulk_create(
        Contest(name=f"Hội thi {batch}-{i}", organizer=world.district_a, year=2026, held_on=day)
        for i in range(count))
    for pk in targets.get("contest", ()):
        ContestResult.objects.bulk_create(
            ContestResult(contest_id=pk, member=m, rank=i + 1) for i, m in enumerate(members))

    # Proposals, lines on the target proposals, comments on the notices.
    statuses = ("draft", "submitted", "returned")  # the home page lists the last two
    Proposal.objects.bulk_create(
        Proposal(title=f"Đề nghị {batch}-{i}", from_org=a1, to_org=world.district_a, year=2025,
                 status=statuses[i % 3], submitted_at=timezone.now() if i % 3 else None)
        for i in range(count))
    for pk in targets.get("proposal", ()):
        ProposalLine.objects.bulk_create(
            ProposalLine(proposal_id=pk, organization=a1, member=m, award_type=ldtt, eligibility_status="pass")
            for m in members)
        ProposalAttachment.objects.bulk_create(
            ProposalAttachment(proposal_id=pk, kind="evidence", title=f"Minh chứng {batch}-{i}",
                               file=f"proposals/{i}.pdf", uploaded_by=world.officer_union_a1) for i in range(count))
    for notice in PublicNotice.objects.filter(proposal_id__in=targets.get("proposal", ())):
        NoticeComment.objects.bulk_create(
            NoticeComment(notice=notice, author=f"Người góp ý {i}", received_on=datetime.date(2025, 12, 2),
                          content="Ý kiến") for i in range(count))

    # Privacy, audit, notifications, users, reports, imports.
    received = datetime.date(2026, 1, 5)
    DataSubjectRequest.objects.bulk_create(
        DataSubjectRequest(member=m, kind="access", received_on=received, acknowledge_due=received, due_on=received)
        for m in members)
    MemberConsent.objects.bulk_create(
        MemberConsent(member=world.member_a1, basis="consent", given_on=received) for _ in range(count))
    AuditEntry.objects.bulk_create(
        AuditEntry(actor=world.officer_union_a1, action="update", object_type="unions.member", object_id=str(m.pk),
                   label=m.member_code, organization=a1) for m in members)
    for persona in VIEWER_ORDER:
        user = getattr(world, persona)
        Notification.objects.bulk_create(
            Notification(user=user, key=f"k-{batch}-{i}", title=f"Nhắc việc {i}", link="/") for i in range(count))
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"u-{batch}-{i}") for i in range(count))
    Role.objects.bulk_create(Role(user=u, organization=a1, kind="union_officer") for u in users)
    ReportRun.objects.bulk_create(
        ReportRun(organization=world.district_a, kind="range", period_start=start, period_end=start)
        for start in (datetime.date(2000, 1, 1) + datetime.timedelta(days=next(_seq)) for _ in range(count)))
    ReportRun.objects.filter(pk__in=targets.get("run", ())).update(status=ReportRun.Status.DONE)
    for pk in targets.get("run", ()):
        MetricSnapshot.objects.bulk_create(
            MetricSnapshot(run_id=pk, code=f"m{batch}-{i}", value=i) for i in range(count))
    ImportBatch.objects.bulk_create(
        ImportBatch(organization=a1, actor=world.officer_union_a1, filename=f"{batch}-{i}.xlsx", sha256="0" * 64,
                    content=b"", status=ImportBatch.Status.INVALID) for i in range(count))
    for b in ImportBatch.objects.filter(pk__in=targets.get("batch", ())):
        b.errors = b.errors + [{"row": len(b.errors) + i + 2, "errors": ["x"]} for i in range(count)]
        b.error_count = b.total_rows = len(b.errors)
        b.save()

    # The record of member_a1, union_a1 and user_a2 (the member, organisation and user detail pages).
    me = world.member_a1
    years = [next(_years) for _ in range(count)]
    Award.objects.bulk_create(
        Award(award_type=ldtt, organization=a1, org_path=path, member=me, year=y, decision=other) for y in years)
    Award.objects.bulk_create(
        Award(award_type=ldtt, organization=a1, org_path=path, year=y, decision=other) for y in years)
    PerformanceRating.objects.bulk_create(
        PerformanceRating(organization=a1, member=me, year=y, rating="HTT") for y in years)
    PerformanceRating.objects.bulk_create(PerformanceRating(organization=a1, year=y, rating="HTT") for y in years)
    DisciplineRecord.objects.bulk_create(
        DisciplineRecord(organization=a1, member=me, level="reprimand", opened_on=datetime.date(2025, 3, 1),
                         reason="Vi phạm") for _ in range(count))
    InitiativeAuthor.objects.bulk_create(
        InitiativeAuthor(initiative=i, member=me, share=Decimal(0)) for i in initiatives)
    new_campaigns = Campaign.objects.filter(code__startswith=f"C-{batch}-")
    Registration.objects.bulk_create(
        Registration(campaign=c, year=2026, organization=a1, org_path=path, member=me, title="Lao động tiên tiến")
        for c in new_campaigns)
    new_contests = Contest.objects.filter(name__startswith=f"Hội thi {batch}-")
    ContestResult.objects.bulk_create(ContestResult(contest=c, member=me, rank=1) for c in new_contests)
    Role.objects.bulk_create(Role(user=world.officer_union_a2, organization=o, kind="union_officer") for o in orgs)

    # History rows: edits of the member and the initiatives the detail pages show.
    member = world.member_a1
    for i in range(min(count, HISTORY_EDITS)):
        member.job_title = f"Giáo viên {batch}-{i}"
        member.save()
    for initiative in Initiative.objects.filter(pk__in=targets.get("initiative", ())):
        for i in range(min(count, HISTORY_EDITS)):
            initiative.description = f"Mô tả {batch}-{i}"
            initiative.save()


TARGET_KIND = {
    "initiative_a1": "initiative", "initiative_a1_recognised": "initiative",
    "campaign_a": "campaign", "cluster_a": "cluster", "contest_a": "contest",
    "proposal_a1": "proposal", "proposal_notice": "proposal",
    "run_a": "run", "batch_a1": "batch",
}


CASES = [(name, persona) for name in PAGES for persona in viewers(name)]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response.status_code, [q["sql"] for q in ctx.captured_queries]


def _dump(name, persona, stage, sql):
    """BUDGET_SQL_DIR=/tmp/sql make test PYTEST_ARGS=tests/test_budget_matrix.py writes each page's SQL there."""
    directory = os.environ.get("BUDGET_SQL_DIR")
    if directory:
        out = pathlib.Path(directory) / f"{name.replace(':', '.')}.{persona}.{stage}.sql"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(";\n".join(sql) + "\n")


def test_every_get_page_is_measured_or_excluded():
    gets = {name for name, (method, _target, _action, _statuses) in perm.MATRIX.items() if method == "get"}
    assert not set(PAGES) & set(EXCLUDED)
    assert gets == set(PAGES) | set(EXCLUDED), f"measure or exclude: {sorted(gets - set(PAGES) - set(EXCLUDED))}"


def test_every_get_page_has_a_flat_query_budget(world):
    kwargs_of = {}  # target name -> url kwargs, each target created once
    targets = {}  # kind -> pks of the target objects that grow() enlarges
    urls = {}
    for name in PAGES:
        target = perm.MATRIX[name][1]
        if target not in kwargs_of:
            kwargs_of[target] = perm.target_kwargs(world, target)
            if target in TARGET_KIND:
                targets.setdefault(TARGET_KIND[target], []).append(kwargs_of[target]["pk"])
        urls[name] = reverse(name, kwargs=kwargs_of[target])
        if name in QUERY:
            urls[name] += "?" + urlencode(QUERY[name](world))
    clients = {}  # persona -> a client logged in once, kept for both counts

    def measure(stage):
        counts = {}
        for name, persona in CASES:
            if persona not in clients:
                clients[persona] = Client()
                clients[persona].force_login(getattr(world, persona))
            client = clients[persona]
            if stage == "small" and name in WARM_UP:
                client.get(urls[name])
            status, sql = count_queries(client, urls[name])
            assert status == 200, f"{name}: {persona} got {status} on {urls[name]}"
            counts[name, persona] = len(sql)
            _dump(name, persona, stage, sql)
        return counts

    # The dashboard reads the rollup table, rebuilt at night and refreshed after each commit; tests
    # run inside a transaction, so it is rebuilt by hand.
    grow(world, targets, SMALL, ORGS_SMALL)
    rollups.rebuild()
    small = measure("small")
    grow(world, targets, LARGE - SMALL, ORGS_LARGE - ORGS_SMALL)
    rollups.rebuild()
    large = measure("large")

    problems = []
    for name, persona in CASES:
        n_small, n_large = small[name, persona], large[name, persona]
        if n_large > n_small + (1 if name in GROWTH_ALLOWANCE else 0):
            problems.append(f"{name} ({urls[name]}) as {persona}: {n_small} queries with {SMALL} rows, "
                            f"{n_large} with {LARGE}")
        ceiling = CEILING_EXCEPTIONS.get(name, (CEILING,))[0]
        if n_large > ceiling:
            problems.append(f"{name} as {persona}: {n_large} queries, over the ceiling of {ceiling}")
    assert not problems, "\n".join(problems)
