"""Fresh after every write: each service that writes a counted row announces the owner paths through the one
change signal (unions/signals.py), once per transaction and after commit, and the province and national rollups
follow without the nightly rebuild. Real rollup tables on PostgreSQL; nothing is rebuilt after the write."""

import datetime
import importlib
import inspect
import pkgutil
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from awards.models import AwardType
from awards.services import aggregation, bulk_lines, corrections, decisions, proposals, register, revocations
from campaigns.models import Campaign, Initiative, Registration, WorkProduct
from campaigns.services import initiatives, launch_corrections, launches, registrations, works
from reports import metrics as m
from reports import periods, rollups
from tests.awards import helpers as h
from tests.factories import MemberFactory, UserFactory
from tests.reports.test_rollups import _assert_agree
from unions import signals
from unions.models import Organization
from unions.services import leaving, members, organizations, transfers

TODAY = timezone.localdate()
Y = TODAY.year
EARLY = datetime.date(Y, 1, 1)
PERIOD = periods.year(Y)
TITLE = "Lao động tiên tiến"


# -- every writing service is classified ---------------------------------------------------------------------


def _service_functions():
    """Dotted names of the public functions of every `services` module of the project's apps."""
    found = set()
    for config in apps.get_app_configs():
        if not config.path.startswith(str(settings.BASE_DIR)):
            continue
        try:
            package = importlib.import_module(f"{config.name}.services")
        except ModuleNotFoundError:
            continue
        modules = [package]
        if hasattr(package, "__path__"):
            modules += [
                importlib.import_module(f"{package.__name__}.{info.name}")
                for info in pkgutil.iter_modules(package.__path__)
            ]
        for module in modules:
            found |= {
                f"{module.__name__}.{name}"
                for name, obj in vars(module).items()
                if inspect.isfunction(obj) and obj.__module__ == module.__name__ and not name.startswith("_")
            }
    return found


# Services that write rows the registry counts: each has a case below.
ANNOUNCING = {
    "unions.services.members.member_create",
    "unions.services.members.member_update",
    "unions.services.members.member_transfer",
    "unions.services.members.member_mark_left",
    "unions.services.members.member_import_create",
    "unions.services.members.member_import_update",
    "unions.services.organizations.organization_create",
    "unions.services.organizations.organization_update",
    "unions.services.organizations.organization_move",
    "unions.services.organizations.organization_dissolve",
    "unions.services.organizations.organization_merge",
    "campaigns.services.launches.launch_record",
    "campaigns.services.registrations.register_members",
    "campaigns.services.registrations.registrations_import",
    "campaigns.services.registrations.register_union",
    "campaigns.services.registrations.registration_decide",
    "campaigns.services.initiatives.initiative_create",
    "campaigns.services.initiatives.initiative_update",
    "campaigns.services.initiatives.initiative_start_evaluation",
    "campaigns.services.initiatives.initiative_recognise",
    "campaigns.services.initiatives.initiative_reject",
    "campaigns.services.initiatives.initiative_apply",
    "campaigns.services.works.work_create",
    "campaigns.services.works.work_update",
    "awards.services.register.external_award_record",
    "awards.services.register.awards_import",
    "awards.services.proposals.proposal_create",
    "awards.services.bulk_lines.lines_add_to",
    "awards.services.proposals.proposal_submit",
    "awards.services.proposals.proposal_start_review",
    "awards.services.proposals.proposal_return",
    "awards.services.proposals.proposal_reject",
    "awards.services.proposals.notice_publish",
    "awards.services.proposals.council_record",
    "awards.services.decisions.decision_issue",
    "awards.services.revocations.award_revoke",
    "unions.services.transfers.transfer_accept",
    "awards.services.aggregation.proposal_approve",
    "awards.services.aggregation.proposal_aggregate",
    "awards.services.corrections.proposal_withdraw",
    "awards.services.corrections.proposal_undo_approval",
    "awards.services.corrections.decision_correct",
    "awards.services.corrections.decision_cancel",
    "campaigns.services.launch_corrections.launch_update",
    "unions.services.leaving.member_reinstate",
}

# Services that write only rows no figure counts, with the reason; and helpers that write nothing.
QUIET = {
    "personal API tokens": ["api.services.token_create", "api.services.token_revoke"],
    "accounts and roles": [
        "unions.services.users.user_create",
        "unions.services.users.user_update",
        "unions.services.users.second_factor_set",
        "unions.services.users.role_add",
        "unions.services.users.role_remove",
        "unions.services.accounts.user_password_reset",
    ],
    "import batches (the rows themselves are written by the announcing import services)": [
        "unions.services.import_batches.batch_create",
        "unions.services.import_batches.batch_map",
        "unions.services.import_batches.batch_confirm",
        "unions.services.import_batches.batch_run",
        "unions.services.import_batches.batches_forget_files",
    ],
    "a member code sequence": ["unions.services.members.allocate_member_codes"],
    "campaigns, their documents, clusters, pacts and contests": [
        "campaigns.services.campaigns.campaign_create",
        "campaigns.services.campaigns.campaign_update",
        "campaigns.services.campaigns.campaign_launch",
        "campaigns.services.campaigns.campaign_close",
        "campaigns.services.campaigns.document_add",
        "campaigns.services.clusters.cluster_create",
        "campaigns.services.clusters.cluster_rank",
        "campaigns.services.clusters.pact_sign",
        "campaigns.services.clusters.contest_create",
        "campaigns.services.clusters.contest_result_add",
        "campaigns.services.reminders.send_launch_reminders",
        "campaigns.services.reminders.send_due_launch_reminders",
        "campaigns.services.deadline_reminders.send_deadline_reminders_of",
        "campaigns.services.deadline_reminders.send_deadline_reminders",
    ],
    "failures of jobs: the batch or report row's own state": [
        "unions.services.import_batches.batch_fail",
        "reports.services.report_run_fail",
    ],
    "research projects": ["campaigns.services.works.research_create", "campaigns.services.works.research_update"],
    "proposal lines, attachments and notice comments (the figures count proposals, not lines)": [
        "awards.services.proposals.line_add",
        "awards.services.proposals.lines_add",
        "awards.services.bulk_lines.lines_remove",
        "awards.services.bulk_lines.lines_set_achievement",
        "awards.services.bulk_lines.lines_set_initiative",
        "awards.services.proposals.line_remove",
        "awards.services.proposals.line_override",
        "awards.services.proposals.attachment_add",
        "awards.services.proposals.notice_comment",
    ],
    "certificates: reissues (a counter and log no figure reads), blank layouts, verification page views": [
        "awards.services.certificates.certificate_reissue",
        "awards.services.certificates.layout_save",
        "awards.services.certificates.verification_count",
    ],
    "the evidence of the rules (ratings, discipline, complaints) and the quota lock": [
        "awards.services.inputs.ratings_save",
        "awards.services.inputs.discipline_record",
        "awards.services.inputs.complaint_record",
        "awards.services.decisions.lock_quota",
    ],
    "reports' own runs and snapshots": [
        "reports.services.report_request",
        "reports.services.build_enqueue",
        "reports.services.report_rebuild",
        "reports.services.reports_schedule",
        "reports.services.report_texts_save",
    ],
    "templates of drafted documents (no report counts them)": [
        "documents.services.template_upload",
        "documents.services.template_activate",
    ],
    "audit, notifications, jobs": [
        "audit.services.record",
        "notifications.services.notify",
        "notifications.services.notification_mark_read",
        "notifications.services.mark_all_read",
        "notifications.services.preferences_set",
        "notifications.services.digest_send",
        "jobs.services.send",
        "jobs.services.job_enqueue",
        "jobs.services.sweep_stale",
        "jobs.services.export_request",  # a job writing a file of rows it reads
        "jobs.services.exports_forget",  # deletes export files, no counted row
    ],
    "privacy: requests, consents, and erasure of personal fields (a member's counted fields are kept)": [
        "privacy.services.data_request_create",
        "privacy.services.data_request_update",
        "privacy.services.consent_record",
        "privacy.services.consent_withdraw",
        "privacy.services.anonymise_member",
    ],
    "member transfer requests: the member moves (and is announced) only when the request is accepted": [
        "unions.services.transfers.transfer_request",
        "unions.services.transfers.transfer_refuse",
        "unions.services.transfers.transfer_withdraw",
    ],
    "aggregation upward: lines returned to their origin and copied up (the figures count proposals, not lines)": [
        "awards.services.aggregation.line_return",
        "awards.services.decisions.relay_lines",
        "awards.services.decisions.relay_attachments",
    ],
    "the level above's review of registrations: a mark beside the registration that no figure reads": [
        "campaigns.services.registration_review.registrations_approve",
        "campaigns.services.registration_review.registration_return",
    ],
    "reads and checks, no writes": [
        "notifications.services.delivery_for",
        "unions.services.import_batches.sha256",
        "unions.services.import_batches.import_key",
        "unions.services.import_batches.importer_of",
        "unions.services.members.check_can_hold_members",
        "unions.services.organizations.suggested_code",
        "unions.services.members.check_member",
        "unions.services.members.save_unique",
        "unions.services.members.prepare",
        "campaigns.services.initiatives.check_owner_organization",
        "campaigns.services.initiatives.check_campaign",
        "campaigns.services.initiatives.clean_authors",
        "campaigns.services.initiatives.recognisable_scopes",
        "campaigns.services.registrations.registration_closed_problems",
        "campaigns.services.registrations.member_registration_problems",
        "awards.services.decisions.within_authority",
        "awards.services.decisions.confers",
        "awards.services.decisions.base_salary_on",
        "awards.services.decisions.bonus_for",
        "awards.services.decisions.quota_used",
        "awards.services.proposals.receiving_org",
        "awards.services.proposals.line_passes_ballot",
        "awards.services.proposals.required_share",
        "awards.services.bulk_lines.proposer_for",
        "awards.services.register.collective_subjects",
        "awards.services.register.issuers_for",
        "awards.services.register.individual_subjects",
        "awards.services.register.check_award",
        "awards.services.revocations.authority_for",
        "reports.services.build_key",
        "jobs.services.live_job",
        "privacy.services.anonymised_name",
    ],
    "a step of decision_issue, which announces the decision and every awarded unit": [
        "awards.services.collective_decisions.confer_in_order",
    ],
    "eligibility results stored on proposal lines, kept fresh (the figures count proposals, not lines)": [
        "awards.services.eligibility_refresh.inputs_changed",
        "awards.services.eligibility_refresh.on_inputs_changed",
        "awards.services.eligibility_refresh.record",
        "awards.services.eligibility_refresh.lines_refresh",
        "awards.services.eligibility_refresh.proposal_refresh_stale",
        "awards.services.eligibility_refresh.proposal_recheck",
        "awards.services.eligibility_refresh.stale_refresh",
    ],
    "the yearly quality rating of grassroots unions (evidence of the union titles; no figure counts it)": [
        "awards.services.union_quality.union_quality_save",
    ],
    "the receiving body's processing (issue 14.3): assignment, approval, sign-off, rounds and their reopening, "
    "settings, the proposal's place in a round, and the checks that read them; no figure counts them": [
        "awards.services.processing.processing_settings_set",
        "awards.services.processing.proposal_assign",
        "awards.services.processing.review_approve",
        "awards.services.processing.proposal_sign_off",
        "awards.services.processing.sign_off_required",
        "awards.services.processing.specialists_for",
        "awards.services.processing.require_sign_off",
        "awards.services.rounds.round_create",
        "awards.services.rounds.round_update",
        "awards.services.rounds.round_reopen",
        "awards.services.rounds.proposal_reopen",
        "awards.services.rounds.place",
        "awards.services.rounds.require_open",
        "awards.services.rounds.round_for",
        "awards.services.rounds.is_locked",
    ],
}


def test_every_service_function_is_classified():
    """A new service must say whether it announces (and get a case below) or why it need not."""
    quiet = {name for names in QUIET.values() for name in names}
    assert not ANNOUNCING & quiet
    assert _service_functions() == ANNOUNCING | quiet
    assert set(CASES) == ANNOUNCING


# -- each announcing service, through the rollups ----------------------------------------------------------------


@pytest.fixture
def heard():
    """The paths of every change signal sent, one list per signal."""
    calls = []

    def listen(sender, paths, **kwargs):
        calls.append(set(paths))

    signals.owned_rows_changed.connect(listen, weak=False, dispatch_uid="test-heard")
    yield calls
    signals.owned_rows_changed.disconnect(dispatch_uid="test-heard")


@pytest.fixture
def scene(world, award_catalogue):
    w = world
    w.campaign = Campaign.objects.create(
        code="HN-LDG",
        name="Lao động giỏi",
        kind="annual",
        organizer=w.city,
        year=Y,
        start_on=EARLY,
        end_on=datetime.date(Y, 12, 31),
        registration_deadline=datetime.date(2099, 12, 31),
        titles=[TITLE],
        status=Campaign.Status.LAUNCHED,
        launched_on=EARLY,
    )
    h.rate(w.member_a1, Y, "HTT")
    return w


def _registration(w):
    return Registration.objects.create(
        campaign=w.campaign, year=Y, organization=w.union_a1, member=w.member_a1, title=TITLE
    )


def _initiative(w, status="registered", **fields):
    initiative = initiatives.initiative_create(
        actor=w.officer_union_a1,
        organization=w.union_a1,
        authors=[(w.member_a1, Decimal(100))],
        title="Tiết kiệm điện",
        kind="technical",
        year=Y,
        estimated_benefit=5_000_000,
    )
    Initiative.objects.filter(pk=initiative.pk).update(status=status, **fields)
    return Initiative.objects.get(pk=initiative.pk)


def _proposal(w, *steps):
    """A proposal of union A1 for the member's LĐTT, taken through the given steps."""
    p = proposals.proposal_create(actor=w.officer_union_a1, from_org=w.union_a1, year=Y, title="Đề nghị năm")
    proposals.line_add(
        actor=w.officer_union_a1, proposal=p, award_type=AwardType.objects.get(code="LDTT"), member=w.member_a1
    )
    staff = w.staff_district_a
    for step in steps:
        if step == "submit":
            proposals.proposal_submit(actor=w.officer_union_a1, proposal=p)
        elif step == "review":
            proposals.proposal_start_review(actor=staff, proposal=p)
        elif step == "council":
            proposals.council_record(
                actor=staff,
                proposal=p,
                held_on=TODAY,
                members_total=9,
                members_present=9,
                chair="Nguyễn Thùy Chi",
                votes={line.pk: (9, 0) for line in p.lines.all()},
            )
    return p


EXTERNAL = {
    "number": "125/QĐ-UBND",
    "signed_on": TODAY,
    "issuer_name": "Ủy ban nhân dân thành phố Hà Nội",
    "signer_name": "Trần Sỹ Thanh",
    "signer_title": "Chủ tịch",
}


def _external_award(w):
    return register.external_award_record(
        actor=w.officer_union_a1,
        award_type=AwardType.objects.get(code="BK_UBND"),
        year=Y,
        member=w.member_a1,
        **EXTERNAL,
    )


CASES = {}


def case(service, changes=True):
    """Register the case of one announcing service: `setup(w)` prepares what the write needs and returns
    (the write, the organisations or paths it must announce). `changes`: a figure of the city moves."""

    def decorate(setup):
        CASES[service] = (setup, changes)
        return setup

    return decorate


@case("unions.services.members.member_create")
def _(w):
    return lambda: members.member_create(
        actor=w.officer_union_a1, organization=w.union_a1, full_name="Đỗ Thị Hà", gender="female", joined_on=TODAY
    ), [w.union_a1]


@case("unions.services.members.member_update")
def _(w):
    return lambda: members.member_update(actor=w.officer_union_a1, member=w.member_a1, gender="female"), [w.union_a1]


@case("unions.services.members.member_transfer")
def _(w):
    return (
        lambda: members.member_transfer(
            actor=w.admin, member=w.member_a1, to_organization=w.union_b1, transferred_on=TODAY
        ),
        [w.union_a1, w.union_b1],
    )


@case("unions.services.transfers.transfer_accept")
def _(w):
    req = transfers.transfer_request(
        actor=w.officer_union_a1, member=w.member_a1, to_organization=w.union_b1, transferred_on=TODAY
    )
    return lambda: transfers.transfer_accept(actor=w.officer_union_b1, transfer_request=req), [w.union_a1, w.union_b1]


@case("unions.services.members.member_mark_left")
def _(w):
    return lambda: members.member_mark_left(actor=w.officer_union_a1, member=w.member_a1, left_on=TODAY), [w.union_a1]


@case("unions.services.members.member_import_create")
def _(w):
    rows = [
        {"organization": w.union_a1, "full_name": "Vũ Văn Long", "joined_on": TODAY},
        {"organization": w.division_a1, "full_name": "Vũ Thị Lan", "joined_on": TODAY},
    ]
    return lambda: members.member_import_create(actor=w.officer_union_a1, rows=rows), [w.union_a1, w.division_a1]


@case("unions.services.members.member_import_update")
def _(w):
    changes = [(w.member_a1, {"gender": "female"})]
    return lambda: members.member_import_update(actor=w.officer_union_a1, changes=changes), [w.union_a1]


@case("unions.services.organizations.organization_create")
def _(w):
    def write():
        w.created = organizations.organization_create(
            actor=w.admin,
            parent=w.district_b,
            kind="grassroots",
            name="Công đoàn Trường Mầm non Tây Hồ",
            code="HN-TH-NEW",
            happened_on=TODAY,
            sector="education",
        )

    return write, lambda: [w.created]


@case("unions.services.organizations.organization_update", changes=False)
def _(w):
    return (
        lambda: organizations.organization_update(
            actor=w.admin, organization=w.union_a2, happened_on=TODAY, name="Công đoàn Công ty Cơ khí Phú Diễn mới"
        ),
        [w.union_a2],
    )


@case("unions.services.organizations.organization_move")
def _(w):
    old = w.union_a2.path
    return (
        lambda: organizations.organization_move(
            actor=w.admin, organization=w.union_a2, new_parent=w.district_b, happened_on=TODAY, decision_number="5/QĐ"
        ),
        lambda: [old, Organization.objects.get(pk=w.union_a2.pk)],
    )


@case("unions.services.organizations.organization_dissolve")
def _(w):
    return (
        lambda: organizations.organization_dissolve(
            actor=w.admin, organization=w.union_a2, happened_on=TODAY, decision_number="7/QĐ", successor=w.union_b1
        ),
        [w.union_a2, w.union_b1],
    )


@case("unions.services.organizations.organization_merge")
def _(w):
    return (
        lambda: organizations.organization_merge(
            actor=w.admin, organization=w.union_a2, into=w.union_a1, happened_on=TODAY, decision_number="8/QĐ"
        ),
        [w.union_a2, w.union_a1],
    )


@case("campaigns.services.launches.launch_record")
def _(w):
    return (
        lambda: launches.launch_record(
            actor=w.officer_union_a1, campaign=w.campaign, organization=w.union_a1, launched_on=TODAY, participants=30
        ),
        [w.union_a1],
    )


@case("campaigns.services.registrations.register_members")
def _(w):
    return (
        lambda: registrations.register_members(
            actor=w.officer_union_a1,
            campaign=w.campaign,
            organization=w.union_a1,
            year=Y,
            title=TITLE,
            members=[w.member_a1],
        ),
        [w.union_a1],
    )


@case("campaigns.services.registrations.registrations_import")
def _(w):
    return (
        lambda: registrations.registrations_import(
            actor=w.officer_union_a1,
            campaign=w.campaign,
            organization=w.union_a1,
            year=Y,
            rows=[(w.member_a1, TITLE, "")],
        ),
        [w.union_a1],
    )


@case("campaigns.services.registrations.register_union")
def _(w):
    return (
        lambda: registrations.register_union(
            actor=w.officer_union_a1, campaign=w.campaign, organization=w.union_a1, year=Y, title=TITLE
        ),
        [w.union_a1],
    )


@case("campaigns.services.registrations.registration_decide")
def _(w):
    registration = _registration(w)
    return (
        lambda: registrations.registration_decide(
            actor=w.officer_union_a1, registration=registration, status="achieved"
        ),
        [w.union_a1],
    )


@case("campaigns.services.initiatives.initiative_create", changes=False)
def _(w):
    return lambda: _initiative(w), [w.union_a1]


@case("campaigns.services.initiatives.initiative_update", changes=False)
def _(w):
    initiative = _initiative(w)
    return (
        lambda: initiatives.initiative_update(
            actor=w.officer_union_a1, initiative=initiative, organization=w.division_a1
        ),
        [w.union_a1, w.division_a1],
    )


@case("campaigns.services.initiatives.initiative_start_evaluation", changes=False)
def _(w):
    initiative = _initiative(w)
    return (
        lambda: initiatives.initiative_start_evaluation(actor=w.officer_union_a1, initiative=initiative),
        [w.union_a1],
    )


@case("campaigns.services.initiatives.initiative_recognise")
def _(w):
    initiative = _initiative(w)
    return (
        lambda: initiatives.initiative_recognise(
            actor=w.officer_union_a1,
            initiative=initiative,
            scope="grassroots",
            recognised_by="Công đoàn trường",
            recognition_decision="2/QĐ",
            recognised_on=TODAY,
        ),
        [w.union_a1],
    )


@case("campaigns.services.initiatives.initiative_reject", changes=False)
def _(w):
    initiative = _initiative(w)
    return (
        lambda: initiatives.initiative_reject(actor=w.officer_union_a1, initiative=initiative, reason="Trùng lặp"),
        [w.union_a1],
    )


@case("campaigns.services.initiatives.initiative_apply")
def _(w):
    initiative = _initiative(
        w,
        "recognised",
        scope="grassroots",
        recognised_by="Công đoàn trường",
        recognition_decision="1/QĐ",
        recognised_on=EARLY,
    )
    return (
        lambda: initiatives.initiative_apply(
            actor=w.officer_union_a1,
            initiative=initiative,
            verified_benefit=9_000_000,
            verified_by="Phòng Kế toán",
            verified_on=TODAY,
        ),
        [w.union_a1],
    )


@case("campaigns.services.works.work_create")
def _(w):
    return (
        lambda: works.work_create(
            actor=w.officer_union_a1,
            organization=w.union_a1,
            name="Nhà đa năng",
            occasion="Chào mừng Đại hội",
            year=Y,
            plaque_on=TODAY,
        ),
        [w.union_a1],
    )


@case("campaigns.services.works.work_update")
def _(w):
    work = WorkProduct.objects.create(name="Nhà đa năng", organization=w.union_a1, year=Y)
    return (
        lambda: works.work_update(actor=w.officer_union_a1, work=work, organization=w.division_a1, plaque_on=TODAY),
        [w.union_a1, w.division_a1],
    )


@case("awards.services.register.external_award_record")
def _(w):
    return lambda: _external_award(w), [w.union_a1]


@case("awards.services.register.awards_import")
def _(w):
    row = register.PastAward(
        award_type=AwardType.objects.get(code="TTLDTT"),
        year=Y,
        organization=w.union_a2,
        number="9/QĐ-LĐLĐ",
        signed_on=TODAY,
        issuer=w.district_a,
        issuer_name=w.district_a.name,
    )
    return (
        lambda: register.awards_import(actor=w.staff_district_a, organization=w.district_a, rows=[row]),
        [w.union_a2, w.district_a],
    )


@case("awards.services.proposals.proposal_create", changes=False)
def _(w):
    return lambda: _proposal(w), [w.union_a1, w.district_a]


@case("awards.services.bulk_lines.lines_add_to", changes=False)
def _(w):
    return (
        lambda: bulk_lines.lines_add_to(
            actor=w.officer_union_a1,
            award_type=AwardType.objects.get(code="LDTT"),
            subjects=[w.member_a1],
            from_org=w.union_a1,
            year=Y,
            title="Đề nghị khen thưởng",
        ),
        [w.union_a1, w.district_a],
    )


@case("awards.services.proposals.proposal_submit")
def _(w):
    p = _proposal(w)
    return lambda: proposals.proposal_submit(actor=w.officer_union_a1, proposal=p), [w.union_a1, w.district_a]


@case("awards.services.proposals.proposal_start_review", changes=False)
def _(w):
    p = _proposal(w, "submit")
    return lambda: proposals.proposal_start_review(actor=w.staff_district_a, proposal=p), [w.union_a1, w.district_a]


@case("awards.services.proposals.proposal_return")
def _(w):
    p = _proposal(w, "submit")
    return (
        lambda: proposals.proposal_return(actor=w.staff_district_a, proposal=p, reason="Thiếu biên bản"),
        [w.union_a1, w.district_a],
    )


@case("awards.services.proposals.proposal_reject")
def _(w):
    p = _proposal(w, "submit")
    return (
        lambda: proposals.proposal_reject(actor=w.staff_district_a, proposal=p, reason="Không đủ điều kiện"),
        [w.union_a1, w.district_a],
    )


@case("awards.services.proposals.notice_publish", changes=False)
def _(w):
    p = _proposal(w, "submit", "review")
    return (
        lambda: proposals.notice_publish(actor=w.staff_district_a, proposal=p, starts_on=TODAY, ends_on=TODAY),
        [w.union_a1, w.district_a],
    )


@case("awards.services.proposals.council_record", changes=False)
def _(w):
    p = _proposal(w, "submit", "review")
    votes = {line.pk: (9, 0) for line in p.lines.all()}
    return (
        lambda: proposals.council_record(
            actor=w.staff_district_a,
            proposal=p,
            held_on=TODAY,
            members_total=9,
            members_present=9,
            chair="Nguyễn Thùy Chi",
            votes=votes,
        ),
        [w.union_a1, w.district_a],
    )


@case("awards.services.decisions.decision_issue")
def _(w):
    p = _proposal(w, "submit", "review", "council")
    return (
        lambda: decisions.decision_issue(
            actor=w.staff_district_a,
            proposal=p,
            number="215/QĐ-LĐLĐ",
            signed_on=TODAY,
            signer_name="Nguyễn Thùy Chi",
            signer_title="Phó Chủ tịch",
        ),
        [w.union_a1, w.district_a],
    )


@case("awards.services.revocations.award_revoke")
def _(w):
    award = _external_award(w)
    return (
        lambda: revocations.award_revoke(
            actor=w.staff_district_a, award=award, ground="a", decision_number="9/QĐ-TH", decided_on=TODAY
        ),
        [w.union_a1],
    )


@case("awards.services.aggregation.proposal_approve", changes=False)
def _(w):
    p = _proposal(w, "submit")
    p.lines.update(award_type=AwardType.objects.get(code="CNG_TD"))
    return lambda: aggregation.proposal_approve(actor=w.staff_district_a, proposal=p), [w.union_a1, w.district_a]


@case("awards.services.aggregation.proposal_aggregate", changes=False)
def _(w):
    p = _proposal(w, "submit")
    p.lines.update(award_type=AwardType.objects.get(code="CNG_TD"))
    aggregation.proposal_approve(actor=w.staff_district_a, proposal=p)
    return (
        lambda: aggregation.proposal_aggregate(actor=w.staff_district_a, organization=w.district_a, proposals=[p]),
        [w.union_a1, w.district_a, w.city],
    )


@case("awards.services.corrections.proposal_withdraw")
def _(w):
    p = _proposal(w, "submit")
    return lambda: corrections.proposal_withdraw(actor=w.officer_union_a1, proposal=p), [w.union_a1, w.district_a]


@case("awards.services.corrections.proposal_undo_approval", changes=False)
def _(w):
    p = _proposal(w, "submit", "review", "council")
    return (
        lambda: corrections.proposal_undo_approval(actor=w.staff_district_a, proposal=p, reason="Nhầm phiếu"),
        [w.union_a1, w.district_a],
    )


def _decided(w):
    p = _proposal(w, "submit", "review", "council")
    decision, _child = decisions.decision_issue(
        actor=w.staff_district_a,
        proposal=p,
        number="215/QĐ-LĐLĐ",
        signed_on=EARLY,
        signer_name="Nguyễn Thùy Chi",
        signer_title="Phó Chủ tịch",
    )
    return decision


@case("awards.services.corrections.decision_correct", changes=False)
def _(w):
    decision = _decided(w)
    return (
        lambda: corrections.decision_correct(
            actor=w.staff_district_a,
            decision=decision,
            number=decision.number,
            signed_on=EARLY + datetime.timedelta(days=1),
            signer_name=decision.signer_name,
            signer_title=decision.signer_title,
            reason="Sai ngày",
        ),
        [w.union_a1, w.district_a],
    )


@case("awards.services.corrections.decision_cancel")
def _(w):
    decision = _decided(w)
    return (
        lambda: corrections.decision_cancel(actor=w.staff_district_a, decision=decision, reason="Sai thẩm quyền"),
        [w.union_a1, w.district_a],
    )


@case("campaigns.services.launch_corrections.launch_update", changes=False)
def _(w):
    launch = launches.launch_record(
        actor=w.officer_union_a1, campaign=w.campaign, organization=w.union_a1, launched_on=EARLY, participants=30
    )
    return (
        lambda: launch_corrections.launch_update(
            actor=w.officer_union_a1, launch=launch, launched_on=EARLY, participants=31, reason="Đếm lại"
        ),
        [w.union_a1],
    )


@case("unions.services.leaving.member_reinstate")
def _(w):
    members.member_mark_left(actor=w.officer_union_a1, member=w.member_a1, left_on=TODAY, reason="retired")
    return lambda: leaving.member_reinstate(actor=w.officer_union_a1, member=w.member_a1), [w.union_a1]


def _paths(owners):
    owners = owners() if callable(owners) else owners
    return {owner if isinstance(owner, str) else owner.path for owner in owners}


def _figures(w):
    """What the province and national dashboards read from the table for this year."""
    return (
        rollups.values(w.root, PERIOD),
        rollups.values(w.city, PERIOD),
        rollups.children_values(w.city, PERIOD, m.CHILD_COLUMNS),
        rollups.awards_by_type(w.city, PERIOD),
    )


@pytest.mark.parametrize("service", sorted(ANNOUNCING))
def test_each_write_announces_its_owners_once_and_the_rollups_follow(
    service, scene, heard, django_capture_on_commit_callbacks
):
    setup, changes = CASES[service]
    write, owners = setup(scene)  # before the rebuild: only the write itself is left to announce
    rollups.rebuild()
    before = _figures(scene)
    signals._pending.paths = None  # what earlier setup writes of this test left pending (never committed)
    heard.clear()
    with django_capture_on_commit_callbacks(execute=True):
        write()
    assert heard == [_paths(owners)], "one signal for the service's transaction, naming exactly the owners"
    if changes:
        assert _figures(scene) != before
    _assert_agree([scene.root, scene.city], [PERIOD])


def test_one_signal_per_transaction_and_none_for_a_rollback(scene, heard, django_capture_on_commit_callbacks):
    w = scene
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            for name in ("Đỗ Văn Một", "Đỗ Văn Hai"):
                members.member_create(actor=w.officer_union_a1, organization=w.union_a1, full_name=name, gender="male")
            members.member_transfer(actor=w.admin, member=w.member_a2, to_organization=w.union_b1, transferred_on=TODAY)
        assert heard == [], "nothing is heard before the commit"
    assert heard == [{w.union_a1.path, w.union_a2.path, w.union_b1.path}]
    heard.clear()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        members.member_create(actor=w.officer_union_a1, organization=w.union_a1, full_name="Đỗ Văn Ba", gender="male")
        raise RuntimeError
    assert callbacks == [] and heard == []


# -- the admin ------------------------------------------------------------------------------------------------


@pytest.fixture
def superuser_client(client, scene):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def _admin_form_data(model_admin, obj, rf, user):
    request = rf.get("/")
    request.user = user
    form = model_admin.get_form(request, obj)(instance=obj)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            value = ""
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        data[name] = value
    return data


def test_the_member_admin_writes_nothing(superuser_client, scene, heard, django_capture_on_commit_callbacks):
    """Members are written through their services only (rules, history, audit, announcement): the admin reads."""
    from unions.models import Member

    w = scene
    member = MemberFactory(organization=w.union_a1, joined_on=EARLY)
    signals._pending.paths = None
    with django_capture_on_commit_callbacks(execute=True):
        change = superuser_client.post(
            reverse("admin:unions_member_change", args=[member.pk]), {"organization": w.union_b1.pk}
        )
        delete = superuser_client.post(reverse("admin:unions_member_delete", args=[member.pk]), {"post": "yes"})
    assert change.status_code == 403 and delete.status_code == 403
    assert Member.objects.get(pk=member.pk).organization_id == w.union_a1.pk
    assert heard == []


def test_an_admin_change_of_an_award_type_refreshes_its_awards(
    superuser_client, scene, heard, django_capture_on_commit_callbacks
):
    from django.contrib import admin

    w = scene
    award = register.external_award_record(
        actor=w.officer_union_a1,
        award_type=AwardType.objects.get(code="BK_UBND"),
        year=Y,
        member=w.member_a1,
        **EXTERNAL,
    )
    award_type = award.award_type
    signals._pending.paths = None
    with django_capture_on_commit_callbacks(execute=True):
        admin.site._registry[AwardType].save_model(SimpleNamespace(user=None), award_type, None, change=True)
    assert heard == [{w.union_a1.path}]


def test_a_tree_move_in_the_admin_repairs_the_copies_and_announces(
    superuser_client, scene, heard, django_capture_on_commit_callbacks
):
    """The changelist's drag and drop moves a union past organization_move: the path copies of its rows are
    repaired and both the old and the new place are announced."""
    from unions.models import Member

    w = scene
    rollups.rebuild()
    old = w.union_a2.path
    signals._pending.paths = None
    url = reverse("admin:unions_organization_changelist") + "move/"
    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(url, {"node": w.union_a2.pk, "target": w.district_b.pk, "relation": "child"})
    assert response.status_code == 200
    moved = Organization.objects.get(pk=w.union_a2.pk)
    assert moved.path.startswith(w.district_b.path)
    assert heard == [{old, moved.path}]
    assert Member.objects.get(pk=w.member_a2.pk).org_path == moved.path
    _assert_agree([w.root, w.city], [PERIOD])
