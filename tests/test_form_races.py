"""Two people sending the same guarded form at the same moment, through the real views: one wins, the other sees
the form's message, nobody sees a 500 and nothing is stored twice.

These run on PostgreSQL with the suite, and again on the embedded SQLite default (`make test` runs the
`both_databases` tests a second time on a SQLite file), where a second writer used to get "database is locked".
"""

import datetime
import threading
from typing import cast

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from awards.models import AwardType, CouncilSession, Decision, Proposal, ProposalLine
from campaigns.models import Campaign, Registration
from tests.factories import MemberFactory
from unions.models import Member

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.both_databases,
    pytest.mark.usefixtures("award_catalogue"),
]
Y = 2025


def at_once(user, url, data, n=2):
    """POST `data` to `url` as `user` from n clients released together; their responses."""
    barrier, responses, errors = threading.Barrier(n), [], []

    def go():
        client = Client(raise_request_exception=False)
        try:
            client.force_login(user)
            barrier.wait(timeout=20)
            responses.append(client.post(url, data))
        except Exception as exc:  # noqa: BLE001 -- reported below, with the thread's error
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=go) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    assert len(responses) == n, "a request hung"
    assert [r.status_code for r in responses if r.status_code >= 500] == []
    return responses


def winner_and_loser(responses):
    redirects = [r for r in responses if r.status_code == 302]
    shown = [r for r in responses if r.status_code == 200]
    assert (len(redirects), len(shown)) == (1, 1), [r.status_code for r in responses]
    return redirects[0], shown[0].content.decode()


def test_the_same_cccd_saved_twice_at_once(world):
    data = {
        "organization": world.union_a1.pk,
        "full_name": "Hà Thị Một",
        "gender": "female",
        "national_id": "001199123456",
    }
    _, page = winner_and_loser(at_once(world.officer_union_a1, reverse("unions:member_create"), data))
    assert "Đã có đoàn viên mang số CCCD này." in page
    assert Member.objects.filter(national_id="001199123456").count() == 1


def _proposal(world, status, line_status=ProposalLine.Status.PROPOSED):
    proposal = Proposal.objects.create(
        title="Đề nghị", from_org=world.union_a1, to_org=world.district_a, year=Y, status=status
    )
    ProposalLine.objects.create(
        proposal=proposal,
        organization=world.union_a1,
        member=cast(Member, MemberFactory(organization=world.union_a1)),
        award_type=AwardType.objects.get(code="CNG_Q"),
        status=line_status,
    )
    return proposal


def test_the_same_member_added_to_a_proposal_twice_at_once(world):
    proposal = _proposal(world, Proposal.Status.DRAFT)
    line = proposal.lines.get()
    member = cast(Member, MemberFactory(organization=world.union_a1))
    data = {"member": member.pk, "award_type": line.award_type_id, "achievement": ""}
    url = reverse("awards:line_add", args=[proposal.pk])
    _, page = winner_and_loser(at_once(world.officer_union_a1, url, data))
    assert "Đối tượng đã có trong hồ sơ với hình thức khen thưởng này." in page
    assert proposal.lines.filter(member=member).count() == 1


def test_the_council_recorded_twice_at_once(world):
    proposal = _proposal(world, Proposal.Status.UNDER_REVIEW)
    line = proposal.lines.get()
    data = {
        "held_on": "20/12/2025",
        "members_total": 9,
        "members_present": 9,
        "chair": "Nguyễn Thùy Chi",
        f"yes_{line.pk}": 9,
        f"no_{line.pk}": 0,
    }
    url = reverse("awards:council_record", args=[proposal.pk])
    _, page = winner_and_loser(at_once(world.staff_district_a, url, data))
    assert "Không thực hiện được khi hồ sơ đang ở trạng thái" in page
    assert CouncilSession.objects.count() == 1


def test_the_decision_issued_twice_at_once(world):
    proposal = _proposal(world, Proposal.Status.COUNCIL, ProposalLine.Status.APPROVED)
    data = {
        "number": "12/QĐ-LĐLĐ",
        "signed_on": "22/12/2025",
        "signer_name": "Nguyễn Đình Khang",
        "signer_title": "Chủ tịch",
        "legal_basis": "",
    }
    url = reverse("awards:decision_issue", args=[proposal.pk])
    _, page = winner_and_loser(at_once(world.staff_district_a, url, data))
    assert "Không thực hiện được khi hồ sơ đang ở trạng thái" in page
    assert Decision.objects.count() == 1
    assert ProposalLine.objects.get().status == ProposalLine.Status.AWARDED


def test_the_same_union_registered_twice_at_once(world):
    campaign = Campaign.objects.create(
        code="HN-LDG",
        name="Lao động giỏi",
        kind="annual",
        organizer=world.city,
        year=Y,
        start_on=datetime.date(Y, 1, 1),
        end_on=datetime.date(Y, 12, 31),
        registration_deadline=datetime.date(2099, 12, 31),
        titles=["Tập thể lao động tiên tiến"],
        status=Campaign.Status.LAUNCHED,
        launched_on=datetime.date(Y, 1, 1),
    )
    data = {"organization": world.union_a1.pk, "title": "Tập thể lao động tiên tiến", "year": Y, "commitment": ""}
    url = reverse("campaigns:register_union", args=[campaign.pk])
    _, page = winner_and_loser(at_once(world.officer_union_a1, url, data))
    assert "Công đoàn này đã đăng ký danh hiệu này trong phong trào và năm này." in page
    assert Registration.objects.filter(campaign=campaign, member__isnull=True).count() == 1


def test_a_second_writer_waits_instead_of_failing_on_sqlite(settings):
    """The setting that makes the above hold on SQLite: every transaction takes the write lock when it begins,
    so a second writer waits (up to the timeout) instead of failing when it upgrades a read to a write."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] >= 10
