"""One query budget per page: every GET page of the permission matrix, and a few variants of some, costs an
exact, named number of queries, the same with 5 rows as with 200.

The pages come from `tests/test_permissions.py` (MATRIX, extension modules included): every row whose method
is GET and that some persona opens with 200 (plus QUERY pages, and minus EXCLUDED ones, each with its reason).
Each page is opened, on the matrix's own target object, by the most privileged persona that gets 200 (it sees
the most rows) and by the least privileged one inside union_a1 (pages work out per-row permissions for it).
VARIANTS adds measured variants of some pages: query strings (search, sort, filters), another target or
other viewers, each with the growth it exercises.

One dataset is shared by all pages (building it per page would make the module slow): the targets are
created once, `grow()` adds ~5 rows of everything the pages list or show (in union_a1, on member_a1 and on
the target objects), every page is counted, `grow()` then brings that to ~200 rows, and every page is counted
again. Every page must cost the same at both sizes, and exactly its BUDGETS entry at 200 rows.

Updating a budget (a view gained or lost a query, or a new page): run

    BUDGET_SQL_DIR=/tmp/sql make test PYTEST_ARGS=tests/test_budget_matrix.py

which writes each page's SQL (`<page>.<persona>.<small|large>.sql`) and `budgets.txt`, the measured count of
every page with a one-line summary of each query (its main table and what it does). Check that the new query
is meant, then change the number and the comment in BUDGETS. A failure prints the same summary.

The comments of BUDGETS name the queries in the order they run. Signed-in pages start with the same three,
written "base": the session, its user and the user's roles (which the access module reads); "scope" is the
organisations of those roles, which most pages read to limit their rows (some pages read it more than once:
"scope ×3"); "badge" is the count of unread notifications that the layout shows (once per template rendered
with the request). "Choices" are the options of a form's select, read when the form renders.
"""

import datetime
import itertools
import os
import pathlib
import re
import sys
import time
import traceback
from decimal import Decimal
from types import FrameType
from typing import NamedTuple
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards.models import ProposalLine
from core.text import fold
from emulation.middleware import SEEN_AT
from reports import rollups
from tests import test_permissions as perm
from tests.awards import matrix_aggregation
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
    "awards:union_quality_export": lambda world: {"organization": world.district_a.pk, "year": 2025},
}
PAGES = sorted(
    name
    for name, (method, _target, _action, statuses) in perm.MATRIX.items()
    if method == "get" and (200 in statuses.values() or name in QUERY)
)

# Pages whose first visit costs more than the next ones (the budget is for the steady state), with the
# reason. Every other page costs the same on its first visit (checked when this module was written).
WARM_UP = {
    "otp_setup": "the first visit stores a new secret in the session (3 queries)",
}
# Pages allowed one query more at 200 rows than at 5, with the reason.
GROWTH_ALLOWANCE = {}
# Known defects: pages whose count still changes with rows, with the cause. Their budget is the count once the
# cause is fixed; the test fails when one stops changing, so that its entry is removed here.
KNOWN_GROWTH = {}

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
    # Each role has a home of its own: the administrator's and staff's work lists, the leader's dashboard,
    # the officer's next steps.
    "home": (perm.ADM, perm.S, perm.L, perm.A),
    # The admin's dashboard is the confederation's, whose one child is the city; the city's lists the
    # districts, which grow.
    "reports:dashboard": (perm.L, perm.S),
    # 403 for everyone in the matrix (no organisation and year given); writers of union_a1 get it.
    "awards:ratings_template": (perm.ADM, perm.A),
    # 403 for everyone in the matrix (no organisation and year given); those who rate district A get it.
    "awards:union_quality_export": (perm.ADM, perm.S),
}


def viewers(name):
    if name in VIEWER_OVERRIDE:
        return VIEWER_OVERRIDE[name]
    statuses = perm.MATRIX[name][3]
    most = next(p for p in VIEWER_ORDER if statuses.get(p) == 200)
    least = next((p for p in LEAST_PRIVILEGED_ORDER if statuses.get(p) == 200), most)
    return (most,) if least == most else (most, least)


class Variant(NamedTuple):
    """Another measured request of a page: its budget is BUDGETS[f"{page}[{label}]"]."""

    label: str
    params: object  # the query string: a dict, or a function of the world that returns one
    reason: str  # what the variant exercises that the plain page does not
    target: str | None = None  # another target than the matrix row's (a name perm.target_kwargs knows)
    viewers: tuple = ()  # other viewers than the page's


def _award_type(code):
    from awards.models import AwardType

    return AwardType.objects.get(code=code).pk


def _campaign_with_registrations(world):
    """The campaign whose registrations grow() marks achieved (the matrix's target campaign)."""
    from django.db.models import Count, Q

    from campaigns.models import Campaign

    achieved = Count("registrations", filter=Q(registrations__status="achieved"))
    return Campaign.objects.annotate(n=achieved).order_by("-n", "pk").values_list("pk", flat=True)[0]


# Variants of a page, each with what it exercises; grow() adds the rows each one needs to grow.
VARIANTS = {
    "unions:member_list": [
        Variant(
            "search",
            {"q": "tran thi", "sort": "-birth_date"},
            "a folded-name search in another order than the default (the members grown are Trần Thị …)",
        ),
        Variant(
            "after",
            lambda world: {"after": world.member_a1.pk},
            "a later page of the default order, which continues after an anchor row",
        ),
    ],
    "unions:organization_detail": [
        Variant(
            "district",
            {},
            "a district's node, whose grassroots unions grow to 40",
            target="district_a",
            viewers=(perm.ADM, perm.S),
        ),
    ],
    "unions:organization_children": [
        Variant(
            "district", {}, "a district's children, which grow to 40", target="district_a", viewers=(perm.ADM, perm.S)
        ),
    ],
    "initiatives:initiative_list": [
        Variant(
            "search",
            {"q": "sang kien", "scope": "grassroots", "sort": "-estimated"},
            "search, scope filter and another order over the initiatives grown",
        ),
    ],
    "awards:ratings": [
        Variant(
            "grid",
            lambda world: {"organization": world.union_a1.pk, "year": 2025},
            "union_a1's grid: every member with the rating, the leave by kind and the months and days computed",
            viewers=(perm.A,),
        ),
    ],
    "awards:candidates": [
        Variant(
            "LDTT",
            lambda world: {"organization": world.union_a1.pk, "year": 2025, "award_type": _award_type("LDTT")},
            "union_a1's members, rated in 2025, each evaluated against the individual rules",
        ),
        Variant(
            "TTLDTT",
            lambda world: {"organization": world.district_a.pk, "year": 2025, "award_type": _award_type("TTLDTT")},
            "district A's grassroots unions, rated in 2025, each evaluated against the collective rules",
            viewers=(perm.ADM, perm.S),
        ),
    ],
    "awards:registrations_add": [
        Variant(
            "rows",
            lambda world: {
                "organization": world.union_a1.pk,
                "campaign": _campaign_with_registrations(world),
                "year": 2026,
                "award_type": _award_type("LDTT"),
            },
            "union_a1's registrations marked achieved in the target campaign, to tick into a proposal",
        ),
    ],
    "reports:dashboard": [
        Variant(
            "2025",
            {"period": "year:2025"},
            "the year grow() fills with awards, ratings and initiatives (the default is this year)",
        ),
    ],
    # Aggregation upward (tests/awards/matrix_aggregation.py): one dossier of many grassroots proposals, and a
    # grassroots proposal whose lines went up.
    "awards:proposal_detail": [
        Variant(
            "aggregated",
            {},
            "district A's proposal to the city: its lines grouped by the grassroots proposals they came from",
            target="proposal_aggregate",
            viewers=(perm.ADM, perm.S),
        ),
        Variant(
            "sent_up",
            {},
            "union A1's proposal whose lines went up: each line's outcome at the level above",
            target="proposal_sent_up",
            viewers=(perm.ADM, perm.A),
        ),
    ],
    "awards:union_quality": [
        Variant(
            "grid",
            lambda world: {"organization": world.district_a.pk, "year": 2025},
            "district A's grassroots unions, which grow to 40, each with its quality rating of 2025",
            viewers=(perm.ADM, perm.S),
        ),
    ],
}

# The exact number of queries of each page and variant at 200 rows, and what they are (see the module's
# docstring for "base", "scope" and "badge"). A dict gives the number per viewer where the page differs by
# viewer, and the comment says why.
# Pages that still run queries from inside their templates, with how many. None since 12/2026: views read their
# page rows, panels and the options of the selects they draw (`core.forms.read_choices`) before rendering. A page
# listed here may only go down; a new page runs none.
FROM_TEMPLATES: dict[str, int] = {}

BUDGETS = {
    "home": (
        {perm.ADM: 14, perm.S: 14, perm.L: 16, perm.A: 16},
        "base, scope, member totals, scope again, the date of the latest change of parent (the tree of that "
        "time), then by role: the administrator's figures from the rollup "
        "(state, this year's rollup), scope again, badge, proposals to review and sent back, own imports; "
        "staff and officer count members (all and women in one query) and unions live, scope again "
        "(the officer: roles again and "
        "campaigns to launch), badge, the same three lists; the leader's home is the dashboard (see there)",
    ),
    "otp_setup": (4, "base, badge"),
    "password_change": (4, "base, badge"),
    "notifications:list": (6, "session, user, notification count (paging), roles, badge, page of notifications"),
    "jobs:export": (5, "session, user, the job, roles (menu), badge"),
    "jobs:export_download": (4, "session, user, the job, audit row"),
    # --- unions
    "unions:organization_tree": (6, "base, scope, member totals per root, badge"),
    "unions:organization_detail": (
        14,
        "base, the org, its ancestors, its children, member totals for the "
        "children and the org, history page, badge, panels: awards, parent, badge, "
        "events (the badge again because panels render with the request)",
    ),
    "unions:organization_detail[district]": (14, "as unions:organization_detail"),
    "unions:organization_children": (7, "base, the org, its children, their member totals, badge"),
    "unions:organization_children[district]": (7, "as unions:organization_children"),
    "unions:organization_create": (5, "base, the parent, badge"),
    "unions:organization_edit": (6, "base, the org, its parent, badge"),
    "unions:organization_move": (
        7,
        "base, the org, its parent, whether any new parent is in reach (the parent is searched, not listed), badge",
    ),
    "unions:organization_merge": (8, "base, the org, its parent, scope, badge, target choices"),
    "unions:organization_dissolve": (8, "base, the org, its parent, scope, badge, successor choices"),
    "unions:member_list": (
        8,
        "base, scope, member count (capped), page of members, badge, organisation filter choices",
    ),
    "unions:member_list[search]": (8, "as unions:member_list"),
    "unions:member_list[after]": (9, "as unions:member_list, with the anchor row before the page"),
    "unions:member_export": (
        7,
        "base, scope, member count (capped: in the request or a job), members by cursor, audit row",
    ),
    "unions:member_create": (7, "base, scope, scope again, badge, organisation choices"),
    "unions:member_detail": (
        15,
        "base, the member, its open transfer request, audit row (view), history page, badge, panels: awards, "
        "anonymised?, badge, consents, requests, badge; transfers (the badge per panel "
        "rendered with the request)",
    ),
    "unions:member_edit": (6, "base, the member, scope, badge"),
    "unions:member_transfer": (5, "base, the member, badge (the destination is searched, not listed)"),
    "unions:member_leave": (5, "base, the member, badge"),
    "unions:member_import": (8, "base, scope, scope again, badge, organisation choices, recent imports"),
    "unions:member_import_template": (4, "base, organisation kinds for the sample"),
    "unions:import_detail": (
        {perm.ADM: 6, perm.A: 7},
        "base, the batch, (the officer: its latest state), the user's latest batch, badge",
    ),
    "unions:import_errors": (6, "base, the batch, the batch's rows, audit row (export)"),
    "unions:user_list": (7, "base, user count, badge, page of users, their roles"),
    "unions:user_create": (4, "base, badge"),
    "unions:user_detail": (
        8,
        "base, the user, their roles, badge, roles again (the role form), role history page "
        "(the organisation is searched, not listed)",
    ),
    "unions:user_edit": (6, "base, the user, their roles, badge"),
    # --- campaigns (the campaign pages read the roles a second time: campaign access goes through them)
    "campaigns:campaign_list": (
        {perm.ADM: 9, perm.A: 8},
        "base, roles, campaign count, page of campaigns, their launches, badge, "
        "(the organiser: standard campaigns for the create menu)",
    ),
    "campaigns:campaign_create": (
        8,
        "base, the standard campaign to start from (none chosen), scope ×2, badge, organiser choices",
    ),
    "campaigns:campaign_detail": (
        {perm.ADM: 14, perm.A: 12},
        "base, roles, the campaign, registration totals, any union to launch?, "
        "(the organiser: the unions, their launches, the districts), scope, badge, "
        "unions, documents, latest launches",
    ),
    "campaigns:campaign_edit": (6, "base, roles, the campaign, badge"),
    "campaigns:campaign_launch": (6, "base, roles, the campaign, badge"),
    "campaigns:campaign_coverage": (
        12,
        "base, roles, the campaign, unions, launches, districts, unions and "
        "launches again (coverage is counted twice), badge, the rows' "
        "organisations",
    ),
    "campaigns:document_add": (6, "base, roles, the campaign, badge"),
    "campaigns:document_download": (6, "base, roles, the campaign, the document (streamed from storage)"),
    "campaigns:launch_create": (10, "base, roles, the campaign, scope ×2, any union?, badge, union choices"),
    "campaigns:register_members": (
        {perm.ADM: 11, perm.A: 15},
        "base, roles, the campaign, scope, (the officer: their union's divisions and groups, its members already "
        "registered), scope ×2, any union?, (the officer: members of their union, their job titles), badge, "
        "union choices",
    ),
    "campaigns:register_union": (10, "base, roles, the campaign, scope ×2, any union?, badge, union choices"),
    "campaigns:registration_list": (
        10,
        "base, roles, scope, registration count, badge, campaign and organisation choices, page of registrations",
    ),
    "campaigns:registration_export": (8, "base, roles, scope, capped count, registrations by cursor, audit row"),
    "campaigns:registration_import": (
        11,
        "base, roles, the campaign, scope ×2, any union?, badge, recent imports, union choices",
    ),
    "campaigns:registration_import_template": (
        {perm.ADM: 8, perm.A: 7},
        "base, roles, the campaign, scope, (the administrator: the first union), its members",
    ),
    "campaigns:cluster_list": (6, "base, cluster count, badge, page of clusters with their unit counts"),
    "campaigns:cluster_create": (
        10,
        "base, scope, roles, badge, organiser choices, union choices for two fields, campaign choices",
    ),
    "campaigns:cluster_detail": (7, "base, the cluster with counts, its units, its pacts, badge"),
    "campaigns:contest_list": (7, "base, roles, contest count, badge, page of contests with result counts"),
    "campaigns:contest_create": (8, "base, scope, roles, badge, organiser and campaign choices"),
    "campaigns:contest_detail": (7, "base, roles, the contest with counts, its results, badge"),
    # --- initiatives, works, research
    "initiatives:initiative_list": (
        10,
        "base, scope, count, totals, badge, organisation filter choices, page of initiatives, their authors",
    ),
    "initiatives:initiative_list[search]": (10, "as initiatives:initiative_list"),
    "initiatives:initiative_create": (
        9,
        "base, scope ×2, roles, badge, organisation and campaign choices (authors are searched, not listed)",
    ),
    "initiatives:initiative_detail": (
        9,
        "base, the initiative, its authors, history page, similar titles, the parent organisation, badge",
    ),
    "initiatives:initiative_edit": (
        10,
        "base, the initiative, its authors with their unions (the pickers' labels), scope, roles, badge, "
        "organisation and campaign choices",
    ),
    "initiatives:initiative_attachment": (6, "base, the initiative, its authors, audit row (export)"),
    "initiatives:initiative_export": (8, "base, scope, capped count, initiatives by cursor, their authors, audit row"),
    "initiatives:initiative_recognise": (7, "base, the initiative, its authors, the recognising organisation, badge"),
    "initiatives:initiative_reject": (6, "base, the initiative, its authors, badge"),
    "initiatives:initiative_apply": (6, "base, the initiative, its authors, badge"),
    "initiatives:work_list": (9, "base, scope, count, totals, badge, organisation filter choices, page of works"),
    "initiatives:work_create": (9, "base, scope ×2, roles, badge, organisation and campaign choices"),
    "initiatives:work_detail": (5, "base, the work, badge"),
    "initiatives:work_edit": (9, "base, the work, scope, roles, badge, organisation and campaign choices"),
    "initiatives:work_export": (6, "base, scope, capped count, works by cursor"),
    "initiatives:research_list": (
        9,
        "base, scope, count, totals, badge, organisation filter choices, page of projects",
    ),
    "initiatives:research_create": (7, "base, scope ×2, badge, organisation choices (the lead is searched)"),
    "initiatives:research_detail": (5, "base, the project, badge"),
    "initiatives:research_edit": (
        7,
        "base, the project with its lead and the lead's union (the picker's label), scope, badge, organisation choices",
    ),
    "initiatives:research_export": (7, "base, scope, capped count, projects by cursor, audit row"),
    # --- awards (a proposal page reads the proposal with its lines and attachments; its notice, processing,
    # the receiving body's settings and the proposals forwarded from it only when they exist)
    "awards:award_list": (10, "base, scope, count, totals, badge, award type and organisation choices, page of awards"),
    "awards:award_export": (7, "base, scope, capped count, awards by cursor, audit row"),
    "awards:award_import": (9, "base, may issue?, scope ×2, badge, issuer choices, recent imports"),
    "awards:award_import_template": (5, "base, may issue?, award types"),
    "awards:award_revoke": (5, "base, the award with its organisation and issuer, badge"),
    "awards:certificate_reissue": (5, "base, the award with its decision and issuer, badge"),
    "awards:layout_list": (5, "base, badge, blank layouts in reach"),
    "awards:layout_create": (6, "base, scope, badge, issuer choices"),
    "awards:layout_edit": (7, "base, the layout, scope, badge, issuer choices"),
    "awards:layout_test_print": (4, "base, the layout"),
    "awards:external_award_create": (
        7,
        "base, scope, badge, award type and issuer choices (member and union searched)",
    ),
    "awards:certificate": (6, "base, the award with its decision and issuer, the issuer's parent, blank layouts"),
    "awards:candidates": (9, "base, scope ×3, badge, organisation and award type choices (no list without them)"),
    "awards:candidates[LDTT]": (
        25,
        "base, scope ×3, the organisation, the award type, member count, page of "
        "members, their ratings, awards, initiatives, research, discipline and open "
        "complaints, award type names, the type, its rule sets, their leave of the year "
        "(months and days rules), the proposing organisation (the organisation or the nearest above it), badge, "
        "organisation and award type choices, open proposals to add to",
    ),
    "awards:candidates[TTLDTT]": (
        27,
        "base, scope ×3, the organisation, the award type, union count, page of "
        "unions, their ratings, awards, discipline, open complaints, cluster ranks, "
        "member totals, member rating totals, member award totals, members' "
        "discipline, award type names, the type, its rule sets, the proposing organisation, badge, "
        "organisation and award type choices, open proposals to add to",
    ),
    "awards:ratings": (8, "base, scope ×3, badge, organisation choices"),
    "awards:ratings[grid]": (
        13,
        "base, scope ×3, the organisation, its members, their ratings, their leave, the union's rating, badge, "
        "organisation choices",
    ),
    "awards:ratings_import": (7, "base, scope ×3, badge"),
    "awards:ratings_template": (10, "base, scope ×3, the organisation, its ratings, its members, audit row"),
    "awards:discipline_list": (7, "base, case count, badge, page of discipline cases, page of complaints"),
    "awards:discipline_create": (
        5,
        "base, scope (the officer's own union preselected), badge; member and union searched",
    ),
    "awards:complaint_create": (
        5,
        "base, scope (the officer's own union preselected), badge; member and union searched",
    ),
    "awards:proposal_list": (6, "base, proposal count, badge, page of proposals with line counts"),
    "awards:proposal_create": (
        {perm.ADM: 10, perm.A: 9},
        "base, scope ×2, (the administrator: the recipients), roles, badge, recipient and campaign choices",
    ),
    "awards:proposal_detail": (
        12,
        "base, the proposal, the lines counted by verdict, a page of lines, their units and award types, attachments, "
        "its history (the timeline), badge, initiative choices of the bulk line form",
    ),
    "awards:registrations_add": (11, "base, scope ×3, roles, badge, organisation, campaign and award type choices"),
    "awards:registrations_add[rows]": (
        17,
        "base, scope ×3, roles, the organisation, the campaign, the award type, the proposing organisation, "
        "the achieved registrations with their members, badge, organisation, campaign and award type choices, "
        "open proposals to add to",
    ),
    "awards:line_add": (
        9,
        "base, the proposal, lines, attachments, badge, award type and initiative choices "
        "(member and union searched, not listed)",
    ),
    "awards:attachment_add": (7, "base, the proposal, lines, attachments, badge"),
    "awards:proposal_attachment": (7, "base, the proposal, lines, attachments, audit row"),
    "awards:proposal_lines_import": (7, "base, the proposal, lines, attachments, badge"),
    "awards:proposal_lines_template": (
        8,
        "base, the proposal, lines, attachments, members, award types",
    ),
    "awards:council_record": (7, "base, the proposal, lines, attachments, badge"),
    "awards:notice_publish": (7, "base, the proposal, lines, attachments, badge"),
    "awards:notice_view": (9, "base, the proposal, its notice, lines, attachments, badge, comments"),
    "awards:decision_issue": (7, "base, the proposal, lines, attachments, badge"),
    "awards:decision_detail": (7, "base, the decision, its awards, its history (the timeline), badge"),
    "awards:decision_draft": (7, "base, the decision, its awards, the issuer's ancestors (letterhead), badge"),
    "awards:proposal_draft": (8, "base, the proposal, lines, attachments, ancestors, badge"),
    "awards:notice_draft": (9, "base, the proposal, its notice, lines, attachments, ancestors, badge"),
    "awards:minutes_draft": (
        10,
        "base, the proposal, its council session, lines, attachments, the council's organisation, ancestors, badge",
    ),
    "documents:template_list": (5, "base, the versions in reach with their organisations and uploaders, badge"),
    "documents:template_upload": (6, "base, scope (the picker's top), badge, organisation choices"),
    "documents:template_file": (4, "base, the version (the file is read from storage)"),
    "documents:template_builtin": (3, "base (the built-in template is built in memory)"),
    "awards:decision_certificates": (
        7,
        "base, the decision, its awards, the issuer's parent, the issuer's blank layouts",
    ),
    "awards:decision_file": (6, "base, the decision, its awards, audit row (export)"),
    # --- privacy, audit, reports
    "privacy:request_list": (6, "base, request count, page of requests, badge"),
    "privacy:request_create": (5, "base, the member, badge"),
    "privacy:request_detail": (5, "base, the request, badge"),
    "privacy:consent_create": (5, "base, the member, badge"),
    "privacy:member_anonymise": (5, "base, the member, badge"),
    "audit:entry_list": (8, "base, scope, entry count, badge, organisation choices, page of entries"),
    "reports:dashboard": (
        {perm.L: 16, perm.S: 18},
        "base, the scope organisation, the date of the latest change of parent, its children; at or above "
        "settings.ROLLUP_MAX_DEPTH (the leader's city) from the rollup table: rollup state, every figure of "
        "the page ahead in one read (reports.figures.count_ahead), the children again, their rollups, "
        "ancestors, report runs of this and last year in one read, award types (once for the page), "
        "awards received by type and issuer (once for the page, also the chart by type), proposals by state, "
        "badge; below it (the staff's district) counted live, one query per table grouped by child "
        "(reports.metrics.live_values: the scope's figures are the sums of its children's) ×5 (members, unions, "
        "launches, awards, initiatives), the children, ancestors, report runs and their snapshots, award types, "
        "received by type and issuer, proposals by state, badge",
    ),
    "reports:dashboard[2025]": (
        {perm.L: 16, perm.S: 18},
        "as reports:dashboard (a past year with awards: the chart by type is drawn from the awards received)",
    ),
    "reports:report_list": (
        {perm.ADM: 8, perm.A: 7},
        "base, run count, scope, badge, organisation choices, page of runs (none read when "
        "the count is 0: the officer's union has no runs)",
    ),
    "reports:report_detail": (5, "base, the run, badge"),
    "reports:report_document": (6, "base, the run, the organisation's ancestors (letterhead), badge"),
    "unions:transfer_list": (6, "base, incoming requests, outgoing requests, badge"),
    "unions:transfer_detail": (5, "base, the request with its member and unions, badge"),
    # Aggregation upward (tests/awards/matrix_aggregation.py).
    "awards:proposal_aggregate": (
        7,
        "base, the organisation, the proposals approved for sending up with their counts, the level above "
        "(ancestors), badge",
    ),
    "awards:proposal_detail[aggregated]": (
        12,
        "base, the proposal, the lines counted by verdict, a page of lines, the lines sent up from below, their units "
        "and award types, attachments, the lines' origins with their proposals, the timeline, badge",
    ),
    "awards:proposal_detail[sent_up]": (
        12,
        "base, the proposal, the lines counted by verdict, a page of lines, the lines sent up, their units and award "
        "types, attachments, the copies of the lines sent up, the timeline, badge",
    ),
    "campaigns:registration_review": (6, "base, registration count, the page of pending registrations, badge"),
    "awards:union_quality": (7, "base, scope ×2, organisation choices, badge"),
    "awards:union_quality_export": (
        8,
        "base, scope ×2, the organisation, the grassroots unions it rates, their ratings (no page rendered)",
    ),
    "awards:union_quality[grid]": (
        10,
        "base, scope ×2, organisation choices, the organisation, the grassroots unions it rates, their ratings, badge",
    ),
    # Processing inside the receiving body (issue 14.3).
    "awards:proposals_received": (
        {perm.ADM: 7, perm.A: 6},
        "base, proposal count, page of proposals with line counts, assignees and rounds (none read when the count "
        "is 0: the officer's union receives nothing), the rounds of the filter, badge",
    ),
    "awards:proposal_assign": (
        8,
        "base, the proposal, lines, attachments, the reviewers at the receiving body, badge",
    ),
    "awards:round_list": (6, "base, rounds with their proposal counts, the bodies whose settings are linked, badge"),
    "awards:round_create": (6, "base, scope, the receiving bodies to choose from, badge"),
    "awards:round_edit": (5, "base, the round, badge"),
    "awards:processing_settings": (6, "base, the organisation, its settings, badge"),
    "notifications:preferences": (5, "base, the user's choices, badge"),
    "api_tokens:list": (5, "base, the user's API tokens, badge"),
    "awards:decision_correct": (6, "base, the decision, its awards, badge"),
    "awards:decision_cancel": (6, "base, the decision, its awards (how many are cancelled with it), badge"),
    "campaigns:registration_detail": (6, "base, the registration, its history (the timeline), badge"),
    "campaigns:launch_edit": (6, "base, the launch, its history (earlier values), badge"),
    "unions:member_reinstate": (5, "base, the member, badge"),
}

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
        LeaveRecord,
        NoticeComment,
        PerformanceRating,
        Proposal,
        ProposalAttachment,
        ProposalLine,
        PublicNotice,
        UnionQualityRating,
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
    from unions.models import ImportBatch, Role, TransferRequest

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
        Award(
            award_type=ldtt,
            organization=a1,
            org_path=path,
            member=m,
            year=2025,
            decision=decision if i < PDF_AWARDS else other,
            gold_book_number=f"SV-{m.pk}",
        )
        for i, m in enumerate(members)
    )
    PerformanceRating.objects.bulk_create(
        PerformanceRating(organization=a1, member=m, year=2025, rating="HTT") for m in members
    )
    # Leave by kind in the year: the ratings grid shows it and the LĐTT candidates are evaluated on it.
    LeaveRecord.objects.bulk_create(
        LeaveRecord(member=m, year=2025, kind=kind, days=Decimal(3)) for m in members for kind in ("sick", "maternity")
    )
    # The new unions' own ratings: the collective candidates (VARIANTS) are evaluated on them.
    PerformanceRating.objects.bulk_create(PerformanceRating(organization=o, year=2025, rating="HTT") for o in orgs)
    # Their quality ratings given by the district: the quality grid (VARIANTS) lists them.
    UnionQualityRating.objects.bulk_create(UnionQualityRating(organization=o, year=2025, grade="HTT") for o in orgs)
    DisciplineRecord.objects.bulk_create(
        DisciplineRecord(
            organization=a1, member=m, level="reprimand", opened_on=datetime.date(2025, 3, 1), reason="Vi phạm"
        )
        for m in members
    )
    Complaint.objects.bulk_create(
        Complaint(
            organization=a1, member=m, kind="complaint", received_on=datetime.date(2025, 5, 1), summary="Đơn khiếu nại"
        )
        for m in members
    )

    # Initiatives, each with an author; more authors on the target initiatives.
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            title=f"Sáng kiến {batch}-{i}",
            search_title=fold(f"Sáng kiến {batch}-{i}"),
            kind="technical",
            organization=a1,
            org_path=path,
            year=2025,
            estimated_benefit=1_000_000 + i,
            # Half recognised at grassroots: the register's scope filter (VARIANTS) lists them.
            **({"status": "recognised", "scope": "grassroots", "verified_benefit": i} if i % 2 else {}),
        )
        for i in range(count)
    )
    InitiativeAuthor.objects.bulk_create(
        InitiativeAuthor(initiative=i, member=m, share=Decimal(100)) for i, m in zip(initiatives, members, strict=True)
    )
    for pk in targets.get("initiative", ()):
        # The author formset takes at most 20 lines (AuthorFormSet.max_num).
        InitiativeAuthor.objects.bulk_create(
            InitiativeAuthor(initiative_id=pk, member=m, share=Decimal("0.1")) for m in members[:MAX_AUTHORS]
        )
    WorkProduct.objects.bulk_create(
        WorkProduct(name=f"Công trình {batch}-{i}", organization=a1, year=2025, value=1_000_000) for i in range(count)
    )
    ResearchProject.objects.bulk_create(
        ResearchProject(title=f"Đề tài {batch}-{i}", organization=a1, year=2025, lead=m) for i, m in enumerate(members)
    )

    # Campaigns, registrations, launches, clusters, contests.
    day = datetime.date(2026, 1, 1)
    Campaign.objects.bulk_create(
        Campaign(
            code=f"C-{batch}-{i}",
            name=f"Phong trào {batch}-{i}",
            kind="annual",
            organizer=world.district_a,
            year=2026,
            start_on=day,
            end_on=datetime.date(2026, 12, 31),
            registration_deadline=datetime.date(2099, 12, 31),
            titles=["Lao động tiên tiến"],
            status=Campaign.Status.LAUNCHED,
            launched_on=day,
        )
        for i in range(count)
    )
    for campaign in Campaign.objects.filter(pk__in=targets.get("campaign", ())):
        CampaignDocument.objects.bulk_create(
            CampaignDocument(
                campaign=campaign,
                kind="plan",
                title=f"Kế hoạch {batch}-{i}",
                file=f"campaigns/{i}.pdf",
                uploaded_by=world.staff_district_a,
            )
            for i in range(count)
        )
        # Half marked achieved: the proposal from achieved registrations (VARIANTS) lists them.
        Registration.objects.bulk_create(
            Registration(
                campaign=campaign,
                year=2026,
                organization=a1,
                org_path=path,
                member=m,
                title="Lao động tiên tiến",
                status=Registration.Status.ACHIEVED if i % 2 else Registration.Status.REGISTERED,
            )
            for i, m in enumerate(members)
        )
        CampaignLaunch.objects.bulk_create(
            CampaignLaunch(campaign=campaign, organization=o, launched_on=day, participants=10) for o in orgs
        )
    clusters = Cluster.objects.bulk_create(
        Cluster(name=f"Cụm {batch}-{i}", organizer=world.district_a, year=2026) for i in range(count)
    )
    # Each cluster has two units (the list shows them).
    ClusterMember.objects.bulk_create(
        ClusterMember(cluster=c, organization=unit)
        for i, c in enumerate(clusters)
        for unit in (a1, orgs[i % len(orgs)])
    )
    for pk in targets.get("cluster", ()):
        ClusterMember.objects.bulk_create(ClusterMember(cluster_id=pk, organization=o) for o in orgs)
        EmulationPact.objects.bulk_create(
            EmulationPact(cluster_id=pk, signed_on=day, targets="Hoàn thành kế hoạch") for _ in range(count)
        )
    Contest.objects.bulk_create(
        Contest(name=f"Hội thi {batch}-{i}", organizer=world.district_a, year=2026, held_on=day) for i in range(count)
    )
    for pk in targets.get("contest", ()):
        ContestResult.objects.bulk_create(
            ContestResult(contest_id=pk, member=m, rank=i + 1) for i, m in enumerate(members)
        )

    # Proposals, lines on the target proposals, comments on the notices.
    statuses = ("draft", "submitted", "returned")  # the home page lists the last two
    Proposal.objects.bulk_create(
        Proposal(
            title=f"Đề nghị {batch}-{i}",
            from_org=a1,
            to_org=world.district_a,
            year=2025,
            status=statuses[i % 3],
            submitted_at=timezone.now() if i % 3 else None,
        )
        for i in range(count)
    )
    for pk in targets.get("proposal", ()):
        ProposalLine.objects.bulk_create(
            ProposalLine(
                proposal_id=pk,
                organization=a1,
                member=m,
                award_type=ldtt,
                eligibility_status="pass",
                eligibility_checked_at=timezone.now(),  # checked: a stale line is re-checked on the first visit
            )
            for m in members
        )
        ProposalAttachment.objects.bulk_create(
            ProposalAttachment(
                proposal_id=pk,
                kind="evidence",
                title=f"Minh chứng {batch}-{i}",
                file=f"proposals/{i}.pdf",
                uploaded_by=world.officer_union_a1,
            )
            for i in range(count)
        )
    matrix_aggregation.grow(world, targets, members, orgs)
    for notice in PublicNotice.objects.filter(proposal_id__in=targets.get("proposal", ())):
        NoticeComment.objects.bulk_create(
            NoticeComment(
                notice=notice, author=f"Người góp ý {i}", received_on=datetime.date(2025, 12, 2), content="Ý kiến"
            )
            for i in range(count)
        )

    # Privacy, audit, notifications, users, reports, imports.
    received = datetime.date(2026, 1, 5)
    DataSubjectRequest.objects.bulk_create(
        DataSubjectRequest(member=m, kind="access", received_on=received, acknowledge_due=received, due_on=received)
        for m in members
    )
    MemberConsent.objects.bulk_create(
        MemberConsent(member=world.member_a1, basis="consent", given_on=received) for _ in range(count)
    )
    # Transfer requests: open ones out of union_a1, answered ones into it (the officers' two lists).
    TransferRequest.objects.bulk_create(
        TransferRequest(member=m, from_organization=a1, to_organization=world.union_b1, transferred_on=received)
        for m in members
    )
    TransferRequest.objects.bulk_create(
        TransferRequest(
            member=m,
            from_organization=world.union_b1,
            to_organization=a1,
            transferred_on=received,
            status="refused",
            reason="Không",
            requested_by=world.officer_union_b1,
            decided_by=world.officer_union_a1,
        )
        for m in members
    )
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=world.officer_union_a1,
            action="update",
            object_type="unions.member",
            object_id=str(m.pk),
            label=m.member_code,
            organization=a1,
        )
        for m in members
    )
    for persona in VIEWER_ORDER:
        user = getattr(world, persona)
        Notification.objects.bulk_create(
            Notification(user=user, key=f"k-{batch}-{i}", title=f"Nhắc việc {i}", link="/") for i in range(count)
        )
    users = get_user_model().objects.bulk_create(get_user_model()(username=f"u-{batch}-{i}") for i in range(count))
    Role.objects.bulk_create(Role(user=u, organization=a1, kind="union_officer") for u in users)
    ReportRun.objects.bulk_create(
        ReportRun(organization=world.district_a, kind="range", period_start=start, period_end=start)
        for start in (datetime.date(2000, 1, 1) + datetime.timedelta(days=next(_seq)) for _ in range(count))
    )
    ReportRun.objects.filter(pk__in=targets.get("run", ())).update(status=ReportRun.Status.DONE)
    for pk in targets.get("run", ()):
        MetricSnapshot.objects.bulk_create(
            MetricSnapshot(run_id=pk, code=f"m{batch}-{i}", value=i) for i in range(count)
        )
    ImportBatch.objects.bulk_create(
        ImportBatch(
            organization=a1,
            actor=world.officer_union_a1,
            filename=f"{batch}-{i}.xlsx",
            sha256="0" * 64,
            content=b"",
            status=ImportBatch.Status.INVALID,
        )
        for i in range(count)
    )
    for b in ImportBatch.objects.filter(pk__in=targets.get("batch", ())):
        b.errors = b.errors + [{"row": len(b.errors) + i + 2, "errors": ["x"]} for i in range(count)]
        b.error_count = b.total_rows = len(b.errors)
        b.save()

    # The record of member_a1, union_a1 and user_a2 (the member, organisation and user detail pages).
    me = world.member_a1
    years = [next(_years) for _ in range(count)]
    Award.objects.bulk_create(
        Award(award_type=ldtt, organization=a1, org_path=path, member=me, year=y, decision=other) for y in years
    )
    Award.objects.bulk_create(
        Award(award_type=ldtt, organization=a1, org_path=path, year=y, decision=other) for y in years
    )
    PerformanceRating.objects.bulk_create(
        PerformanceRating(organization=a1, member=me, year=y, rating="HTT") for y in years
    )
    PerformanceRating.objects.bulk_create(PerformanceRating(organization=a1, year=y, rating="HTT") for y in years)
    DisciplineRecord.objects.bulk_create(
        DisciplineRecord(
            organization=a1, member=me, level="reprimand", opened_on=datetime.date(2025, 3, 1), reason="Vi phạm"
        )
        for _ in range(count)
    )
    InitiativeAuthor.objects.bulk_create(
        InitiativeAuthor(initiative=i, member=me, share=Decimal(0)) for i in initiatives
    )
    new_campaigns = Campaign.objects.filter(code__startswith=f"C-{batch}-")
    Registration.objects.bulk_create(
        Registration(campaign=c, year=2026, organization=a1, org_path=path, member=me, title="Lao động tiên tiến")
        for c in new_campaigns
    )
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
    "initiative_a1": "initiative",
    "initiative_a1_recognised": "initiative",
    "campaign_a": "campaign",
    "cluster_a": "cluster",
    "contest_a": "contest",
    "proposal_a1": "proposal",
    "proposal_notice": "proposal",
    "proposal_council": "proposal",
    "run_a": "run",
    "run_done": "run",
    "batch_a1": "batch",
}
TARGET_KIND.update(matrix_aggregation.TARGET_KIND)


class Case(NamedTuple):
    key: str  # the BUDGETS key: the url name, with "[label]" for a variant
    name: str  # the url name
    target: str | None
    params: object
    persona: str

    @property
    def id(self):
        return self.key, self.persona


def _cases():
    cases = []
    for name in PAGES:
        target = perm.MATRIX[name][1]
        params = QUERY.get(name, {})
        cases += [Case(name, name, target, params, persona) for persona in viewers(name)]
        for v in VARIANTS.get(name, ()):
            cases += [
                Case(f"{name}[{v.label}]", name, v.target or target, v.params, persona)
                for persona in v.viewers or viewers(name)
            ]
    return cases


CASES = _cases()


# ---- what a query is for: its main table and its shape ----


def _outside_parentheses(sql):
    """The SQL with everything inside parentheses blanked, so that a search finds the outer query's clauses."""
    depth, out = 0, []
    for ch in sql:
        depth -= ch == ")"
        out.append(ch if depth == 0 or ch in "()" else " ")
        depth += ch == "("
    return "".join(out)


def summarise(sql):
    """One query in a few words: its main table and what it does (get, count, exists, totals, page, prefetch…)."""
    sql = sql.strip()
    if re.match(r"(RELEASE |ROLLBACK TO )?SAVEPOINT", sql):
        return "savepoint"
    write = re.match(r'(INSERT INTO|UPDATE|DELETE FROM) "(\w+)"', sql)
    if write:
        return f"{write[2]} {write[1].split()[0].lower()}"
    cursor = sql.startswith("DECLARE")  # a queryset read with .iterator(), e.g. a form's choices
    if cursor:
        sql = sql[sql.index(" FOR SELECT") + 5 :]
    outer = _outside_parentheses(sql)
    table = re.search(r'\bFROM "(\w+)"', outer) or re.search(r'\bFROM \(.*?\bFROM "(\w+)"', sql)
    table = table[1] if table else "?"
    columns = outer[: outer.find(" FROM ")]
    where = sql[len(columns) :]
    prefetch = re.search(r'"\w+"\."(\w+_id|id|path)" IN \((?!SELECT)', where) or re.search(
        r'"\w+"\."(\w+)" IN \((?!SELECT)', where
    )
    limit = re.search(r"LIMIT (\d+)\s*$", outer)
    if cursor:
        purpose = "rows, by cursor"
    elif re.search(r"\b(SUM|AVG|MAX|MIN)\(", columns) or "GROUP BY" in outer:
        purpose = "totals by group" if "GROUP BY" in outer else "totals"
    elif re.search(r"\bCOUNT\(", columns):
        purpose = "count"
    elif columns.startswith(('SELECT 1 AS "a"', 'SELECT (1) AS "a"')):
        purpose = "exists"
    elif limit and limit[1] == "21":
        purpose = "get"  # Django's .get() fetches up to 21 rows to report "more than one"
    elif limit:
        purpose = f"first {limit[1]}"
    elif prefetch and " WHERE " in outer:
        purpose = f"by {prefetch[1]} list"
    else:
        purpose = "rows"
    return f"{table} {purpose}"


def describe(sql):
    return "\n".join(f"    {i:2}. {summarise(q)}" for i, q in enumerate(sql, 1))


def _from_a_template():
    """Whether the query running now was started while a template rendered (a lazy queryset or a form's
    choices read by the template), not by the view, a selector or a context processor."""
    files = [frame.filename for frame in traceback.extract_stack()]
    return any("/django/template/" in f for f in files) and not any("context_processors" in f for f in files)


def _template_lines():
    """The template lines being drawn when the query ran, innermost first: where to look for its cause."""
    lines: list[str] = []
    frame: FrameType | None = sys._getframe()
    while frame is not None:
        node = frame.f_locals.get("self") if frame.f_code.co_name == "render_annotated" else None
        token, origin = getattr(node, "token", None), getattr(node, "origin", None)
        if token is not None and origin is not None:
            place = f"{origin.template_name}:{token.lineno}"
            if place not in lines:
                lines.append(place)
        frame = frame.f_back
    return lines


def count_queries(client, url, places=None):
    """(status, SQL of every query, SQL of those run from inside a template); `places` receives, for each of the
    latter, the template lines that ran it."""
    from_templates = []

    def watch(execute, sql, params, many, context):
        if _from_a_template():
            from_templates.append(sql)
            if places is not None:
                places.append(_template_lines())
        return execute(sql, params, many, context)

    # The session's "last seen" is written at most once a minute whatever the page (emulation/middleware.py): on a
    # slow machine the minute can pass between the small and the large run, which is not the page's cost.
    session = client.session
    session[SEEN_AT] = int(time.time())
    session.save()
    # Lines written by the scene's own services (aggregation, forwarding) are stale until a page re-checks them:
    # a one-time cost of the first visit, measured in tests/awards/test_eligibility_refresh.py, not here.
    ProposalLine.objects.filter(eligibility_checked_at__isnull=True).update(eligibility_checked_at=timezone.now())
    with connection.execute_wrapper(watch), CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response.status_code, [q["sql"] for q in ctx.captured_queries], from_templates


def _sql_dir():
    directory = os.environ.get("BUDGET_SQL_DIR")
    return pathlib.Path(directory) if directory else None


def _dump(case, stage, sql):
    """BUDGET_SQL_DIR=/tmp/sql make test PYTEST_ARGS=tests/test_budget_matrix.py writes each page's SQL there."""
    if directory := _sql_dir():
        out = directory / f"{case.key.replace(':', '.')}.{case.persona}.{stage}.sql"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(";\n".join(sql) + "\n")


def _dump_templates(case, stage, sql, places):
    """Beside the SQL, the queries run from inside templates with the template lines that ran them."""
    if (directory := _sql_dir()) and sql:
        out = directory / f"{case.key.replace(':', '.')}.{case.persona}.{stage}.templates.txt"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(
            "\n\n".join(f"{summarise(q)}  <- {' <- '.join(p)}\n{q}" for q, p in zip(sql, places, strict=True))
        )


def _dump_budgets(large_sql):
    """budgets.txt beside the SQL: every page's measured count with the summary of its queries."""
    if directory := _sql_dir():
        lines = []
        for case in CASES:
            sql = large_sql[case.id]
            lines += [f'"{case.key}" as {case.persona}: {len(sql)}', describe(sql), ""]
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "budgets.txt").write_text("\n".join(lines))


def _budget(key, persona):
    number = BUDGETS[key][0]
    return number[persona] if isinstance(number, dict) else number


HOW_TO_ADD = (
    'add it to BUDGETS in tests/test_budget_matrix.py: "{key}": (N, "base, scope, … what each query '
    'is for"); BUDGET_SQL_DIR=/tmp/sql make test PYTEST_ARGS=tests/test_budget_matrix.py writes the '
    "measured N and a summary of the queries to /tmp/sql/budgets.txt"
)


def test_every_get_page_is_measured_or_excluded():
    gets = {name for name, (method, _target, _action, _statuses) in perm.MATRIX.items() if method == "get"}
    assert not set(PAGES) & set(EXCLUDED)
    assert gets == set(PAGES) | set(EXCLUDED), f"measure or exclude: {sorted(gets - set(PAGES) - set(EXCLUDED))}"
    assert set(VARIANTS) <= set(PAGES), "variants of pages that are not measured"


def test_every_measured_page_has_a_budget_and_every_budget_a_page():
    keys = {case.key for case in CASES}
    missing = sorted(keys - set(BUDGETS))
    assert not missing, f"no query budget for {', '.join(missing)}: " + HOW_TO_ADD.format(key=missing[0])
    assert not set(BUDGETS) - keys, f"budgets of pages no longer measured: {sorted(set(BUDGETS) - keys)}"
    assert set(KNOWN_GROWTH) <= keys
    for case in CASES:
        number, comment = BUDGETS[case.key]
        assert comment.strip(), f"{case.key}: name the queries of its budget"
        if isinstance(number, dict):
            assert case.persona in number, f"{case.key}: no budget for {case.persona}"


def test_every_page_costs_its_budget_and_no_more_with_more_rows(world):
    kwargs_of = {}  # target name -> url kwargs, each target created once
    targets = {}  # kind -> pks of the target objects that grow() enlarges
    for case in CASES:
        if case.target not in kwargs_of:
            kwargs_of[case.target] = perm.target_kwargs(world, case.target)
            if case.target in TARGET_KIND:
                targets.setdefault(TARGET_KIND[case.target], []).append(kwargs_of[case.target]["pk"])
    clients = {}  # persona -> a client logged in once, kept for both counts
    in_templates: dict[str, dict] = {"small": {}, "large": {}}  # stage -> case -> SQL run from inside a template
    urls = {}  # case -> url, built after the first grow() (some parameters name rows it creates)

    def measure(stage):
        found = {}
        for case in CASES:
            if case.id not in urls:
                params = case.params(world) if callable(case.params) else case.params
                urls[case.id] = reverse(case.name, kwargs=kwargs_of[case.target])
                urls[case.id] += "?" + urlencode(params) if params else ""
            if case.persona not in clients:
                clients[case.persona] = Client()
                clients[case.persona].force_login(getattr(world, case.persona))
            client = clients[case.persona]
            if stage == "small" and case.name in WARM_UP:
                client.get(urls[case.id])
            places: list[list[str]] = []
            status, sql, from_templates = count_queries(client, urls[case.id], places)
            _dump_templates(case, stage, from_templates, places)
            in_templates[stage][case.id] = from_templates
            assert status == 200, f"{case.key}: {case.persona} got {status} on {urls[case.id]}"
            found[case.id] = sql
            _dump(case, stage, sql)
        return found

    # The dashboard reads the rollup table, rebuilt at night and refreshed after each commit; tests
    # run inside a transaction, so it is rebuilt by hand.
    grow(world, targets, SMALL, ORGS_SMALL)
    rollups.rebuild()
    small = measure("small")
    grow(world, targets, LARGE - SMALL, ORGS_LARGE - ORGS_SMALL)
    rollups.rebuild()
    large = measure("large")
    _dump_budgets(large)

    problems = []
    for case in CASES:
        n_small, n_large = len(small[case.id]), len(large[case.id])
        where = f"{case.key} ({urls[case.id]}) as {case.persona}"
        if case.key in KNOWN_GROWTH:
            if n_small == n_large:
                problems.append(
                    f"{where}: {n_large} queries with {SMALL} and {LARGE} rows: the known growth is "
                    f"fixed; remove it from KNOWN_GROWTH (the budget is then checked)"
                )
        elif n_large not in ({n_small, n_small + 1} if case.name in GROWTH_ALLOWANCE else {n_small}):
            problems.append(
                f"{where}: {n_small} queries with {SMALL} rows, {n_large} with {LARGE}; "
                f"with {SMALL}:\n{describe(small[case.id])}\n  with {LARGE}:\n{describe(large[case.id])}"
            )
        elif case.key not in BUDGETS:
            problems.append(
                f"{where}: {n_large} queries, no budget; {HOW_TO_ADD.format(key=case.key)}\n{describe(large[case.id])}"
            )
        elif n_large != _budget(case.key, case.persona):
            problems.append(
                f"{where}: {n_large} queries, the budget is {_budget(case.key, case.persona)} "
                f"({BUDGETS[case.key][1]}); measured:\n{describe(large[case.id])}"
            )
    problems += _template_problems(in_templates["large"])
    assert not problems, "\n".join(problems)


def _template_problems(in_templates):
    """Queries run from inside templates may only go: a page at 0 stays at 0, a page in FROM_TEMPLATES holds
    exactly its number (lower it when a page improves)."""
    problems = []
    measured: dict[str, int] = {}
    for case in CASES:
        measured[case.key] = max(measured.get(case.key, 0), len(in_templates[case.id]))
    for key, count in sorted(measured.items()):
        known = FROM_TEMPLATES.get(key, 0)
        if count != known:
            sql = next(in_templates[c.id] for c in CASES if c.key == key and len(in_templates[c.id]) == count)
            problems.append(
                f"{key}: {count} queries from inside templates, {known} known in FROM_TEMPLATES "
                f"(evaluate them in the view or selector; lower the number when it goes down):\n{describe(sql)}"
            )
    return problems
