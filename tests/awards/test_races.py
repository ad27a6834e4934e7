"""Races on approval and on quotas, on PostgreSQL with real threads, and guards proving the tests would
catch a missing lock: with the locking helper switched off, the same race leaves duplicates."""

import contextlib
import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from awards.models import Award, AwardType, CouncilSession, Proposal, ProposalLine
from awards.services import decisions, proposals
from tests.factories import MemberFactory
from tests.waiting import wait_until

pytestmark = pytest.mark.django_db(transaction=True)
Y = 2025
DAY = datetime.date(2025, 12, 20)


@pytest.fixture(autouse=True)
def _postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database for real concurrency")


def race(calls, timeout=30):
    """Run the callables at the same moment on separate connections; their outcomes, in any order."""
    barrier, outcomes = threading.Barrier(len(calls)), []

    def go(call):
        try:
            barrier.wait(timeout=10)
            call()
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(exc.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=go, args=(c,)) for c in calls]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout)
    assert len(outcomes) == len(calls), "a racing thread hung"
    return outcomes


def another_session_waits_for_a_lock():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE NOT l.granted AND a.datname = current_database() AND l.pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0] > 0


def slowed(real):
    """The real locking helper; the first thread to take the lock keeps it until the other thread is seen
    waiting for it, so the race surely happens (a helper that locks nothing times out here)."""
    first, guard = [], threading.Lock()

    def locked(*args, **kwargs):
        result = real(*args, **kwargs)
        with guard:
            leading = not first
            first.append(True)
        if leading:
            wait_until(another_session_waits_for_a_lock, 10, "the other thread to wait for the lock")
        return result

    return locked


def side_by_side(n=2):
    """A stand-in for a locking helper that locks nothing and lets both threads read before either writes."""
    barrier = threading.Barrier(n)

    def wait(*_args, **_kwargs):
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=5)

    return wait


# ---- approval: the council's vote is recorded once ---------------------------------------------------


@pytest.fixture
def under_review(world):
    member = MemberFactory(organization=world.union_a1)
    p = Proposal.objects.create(
        title="Đề nghị", from_org=world.union_a1, to_org=world.district_a, year=Y, status=Proposal.Status.UNDER_REVIEW
    )
    ProposalLine.objects.create(
        proposal=p, organization=world.union_a1, member=member, award_type=AwardType.objects.get(code="CNG_Q")
    )
    return p


def record_council(world, p):
    return lambda: proposals.council_record(
        actor=world.staff_district_a,
        proposal=p,
        held_on=DAY,
        members_total=9,
        members_present=9,
        chair="Nguyễn Thùy Chi",
        votes={},
    )


def test_two_staff_recording_the_council_at_once_record_it_once(world, under_review, monkeypatch):
    monkeypatch.setattr(proposals, "_lock", slowed(proposals._lock))
    outcomes = race([record_council(world, under_review), record_council(world, under_review)])
    assert outcomes.count("ok") == 1
    assert CouncilSession.objects.count() == 1
    assert ProposalLine.objects.get().status == ProposalLine.Status.APPROVED


def test_guard_without_the_proposal_lock_the_council_is_recorded_twice(world, under_review, monkeypatch):
    real_get, meet = Proposal.objects.select_related("from_org", "to_org").get, side_by_side()

    def no_lock(proposal):
        fresh = real_get(pk=proposal.pk)
        meet()
        return fresh

    monkeypatch.setattr(proposals, "_lock", no_lock)
    outcomes = race([record_council(world, under_review), record_council(world, under_review)])
    assert outcomes == ["ok", "ok"]
    assert CouncilSession.objects.count() == 2  # the duplicate the lock prevents


# ---- quota: a federation's yearly places of a thematic award are never exceeded ---------------------


@pytest.fixture
def at_council(world):
    """Two proposals at the confederation's council, each with one approved line of a 1-place award."""
    award_type = AwardType.objects.get(code="BK_TLD_GVN")
    award_type.annual_quota = 1
    award_type.save(update_fields=["annual_quota"])
    made = []
    for union in (world.union_a1, world.union_b1):
        member = MemberFactory(organization=union, gender="female")
        p = Proposal.objects.create(
            title="Đề nghị chuyên đề", from_org=world.city, to_org=world.root, year=Y, status=Proposal.Status.COUNCIL
        )
        ProposalLine.objects.create(
            proposal=p, organization=union, member=member, award_type=award_type, status=ProposalLine.Status.APPROVED
        )
        made.append(p)
    return made


def issue(world, p, number):
    return lambda: decisions.decision_issue(
        actor=world.admin,
        proposal=p,
        number=number,
        signed_on=DAY,
        signer_name="Nguyễn Đình Khang",
        signer_title="Chủ tịch",
    )


def test_the_quota_is_enforced_at_decision(world, at_council):
    from django.utils import translation

    issue(world, at_council[0], "1/QĐ-TLĐ")()
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        issue(world, at_council[1], "2/QĐ-TLĐ")()
    assert "Nothing was issued" in refused.value.messages[0]
    assert Award.objects.count() == 1


def test_two_decisions_at_once_do_not_exceed_the_quota(world, at_council, monkeypatch):
    monkeypatch.setattr(decisions, "lock_quota", slowed(decisions.lock_quota))
    outcomes = race([issue(world, at_council[0], "1/QĐ-TLĐ"), issue(world, at_council[1], "2/QĐ-TLĐ")])
    assert outcomes.count("ok") == 1
    assert Award.objects.filter(award_type__code="BK_TLD_GVN").count() == 1


def test_guard_without_the_quota_lock_both_decisions_pass(world, at_council, monkeypatch):
    real_used, meet = decisions.quota_used, side_by_side()

    def counted_side_by_side(*args):
        used = real_used(*args)
        meet()  # both have counted before either writes
        return used

    monkeypatch.setattr(decisions, "lock_quota", lambda *args: None)
    monkeypatch.setattr(decisions, "quota_used", counted_side_by_side)
    outcomes = race([issue(world, at_council[0], "1/QĐ-TLĐ"), issue(world, at_council[1], "2/QĐ-TLĐ")])
    assert outcomes == ["ok", "ok"]
    assert Award.objects.filter(award_type__code="BK_TLD_GVN").count() == 2  # one place, two awards
