"""Corrections (issue 14.2): withdrawing a proposal, undoing a ballot, correcting and cancelling a decision.
Figures are read through the metric registry, the award totals and the rollup table, as the dashboards do."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from awards.models import Award, Decision, Proposal, ProposalLine
from awards.selectors.timeline import decision_timeline, proposal_timeline
from awards.services import corrections, proposals
from reports import award_totals, periods, rollups
from reports import metrics as m
from tests.awards import helpers as h
from tests.awards.certificate_pdf import page_words
from tests.awards.test_proposals import DAY, Y, build, issue, through_council
from tests.factories import MemberFactory

S = Proposal.Status


@pytest.fixture
def good(world):
    """Two members of union A1 who qualify, for LĐTT and for CSTĐCS."""
    a = MemberFactory(organization=world.union_a1, full_name="Đỗ Thị Hằng", search_name="do thi hang")
    b = MemberFactory(organization=world.union_a1, full_name="Vũ Văn Long", search_name="vu van long")
    h.rate(a, Y, "HTT")
    h.rate(b, Y, "HTXS")
    return a, b


def submitted(world, good):
    p = build(world, good)
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=p)
    return p


# -- withdraw ----------------------------------------------------------------------------------------------------


def test_the_sender_withdraws_a_submitted_proposal_to_draft_with_a_reason(world, good):
    p = submitted(world, good)
    corrections.proposal_withdraw(actor=world.officer_union_a1, proposal=p, reason="Thiếu biên bản bình xét")
    p.refresh_from_db()
    assert (p.status, p.submitted_at) == (S.DRAFT, None)
    last = proposal_timeline(p)[-1]
    assert (last.state, last.user, last.reason) == (S.DRAFT, world.officer_union_a1, "Thiếu biên bản bình xét")
    # A draft again: the union edits and submits it once more.
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=p)


def test_withdrawing_needs_no_reason_and_stops_once_the_review_started(world, good):
    p = submitted(world, good)
    proposals.proposal_start_review(actor=world.staff_district_a, proposal=p)
    with pytest.raises(ValidationError):
        corrections.proposal_withdraw(actor=world.officer_union_a1, proposal=p)
    q = proposals.proposal_create(actor=world.officer_union_a1, from_org=world.union_a1, year=Y, title="Bổ sung")
    proposals.line_add(actor=world.officer_union_a1, proposal=q, award_type=p.lines.first().award_type, member=good[0])
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=q)
    corrections.proposal_withdraw(actor=world.officer_union_a1, proposal=q)
    assert proposal_timeline(q)[-1].reason == ""


@pytest.mark.parametrize("persona", ["officer_union_a2", "officer_union_b1", "leader_city", "outsider"])
def test_only_the_senders_side_withdraws(world, good, persona):
    p = submitted(world, good)
    with pytest.raises(PermissionDenied):
        corrections.proposal_withdraw(actor=getattr(world, persona), proposal=p)
    p.refresh_from_db()
    assert p.status == S.SUBMITTED


# -- undo the ballot ---------------------------------------------------------------------------------------------


def test_the_reviewer_undoes_the_ballot_before_the_decision(world, good):
    p = build(world, good)
    through_council(world, p)
    corrections.proposal_undo_approval(actor=world.staff_district_a, proposal=p, reason="Nhập nhầm số phiếu")
    p.refresh_from_db()
    assert p.status == S.PUBLIC_NOTICE  # the state the ballot was taken in
    assert p.council_session is None
    assert set(p.lines.values_list("status", "votes_yes", "votes_no")) == {(ProposalLine.Status.PROPOSED, None, None)}
    assert proposal_timeline(p)[-1].reason == "Nhập nhầm số phiếu"
    # Voted again, now with the right tally.
    votes = {line.pk: (9, 0) for line in p.lines.all()}
    proposals.council_record(
        actor=world.staff_district_a,
        proposal=p,
        held_on=DAY,
        members_total=9,
        members_present=9,
        chair="B",
        votes=votes,
    )
    assert p.lines.filter(status=ProposalLine.Status.APPROVED).count() == 3


def test_a_ballot_is_not_undone_after_the_decision_nor_by_the_union(world, good):
    p = build(world, good)
    through_council(world, p)
    with pytest.raises(PermissionDenied):
        corrections.proposal_undo_approval(actor=world.officer_union_a1, proposal=p, reason="x")
    with pytest.raises(ValidationError):
        corrections.proposal_undo_approval(actor=world.staff_district_a, proposal=p, reason=" ")
    issue(world, p)
    with pytest.raises(ValidationError):
        corrections.proposal_undo_approval(actor=world.staff_district_a, proposal=p, reason="Sai")


# -- correct a decision ------------------------------------------------------------------------------------------


@pytest.fixture
def decided(world, good):
    p = build(world, good)
    through_council(world, p)
    decision, _child = issue(world, p)
    return p, decision


def test_correcting_a_decision_logs_old_and_new_values_and_moves_the_awards_date(world, decided):
    _p, decision = decided
    new_day = DAY + datetime.timedelta(days=2)
    corrections.decision_correct(
        actor=world.staff_district_a,
        decision=decision,
        number="216/QĐ-LĐLĐ",
        signed_on=new_day,
        signer_name="Nguyễn Thùy Chi",
        signer_title="Chủ tịch",
        reason="Gõ nhầm số và ngày",
    )
    decision.refresh_from_db()
    assert (decision.number, decision.signed_on, decision.signer_title) == ("216/QĐ-LĐLĐ", new_day, "Chủ tịch")
    assert set(decision.awards.values_list("decided_on", flat=True)) == {new_day}
    labels = list(
        AuditEntry.objects.filter(object_type="awards.decision", object_id=str(decision.pk)).values_list(
            "label", "actor"
        )
    )
    assert ("215/QĐ-LĐLĐ → 216/QĐ-LĐLĐ", world.staff_district_a.pk) in [(label[-25:], a) for label, a in labels]
    assert any("20/12/2025 → 22/12/2025" in label for label, _actor in labels)
    assert any("Phó Chủ tịch → Chủ tịch" in label for label, _actor in labels)
    step = decision_timeline(decision)[-1]
    assert step.reason == "Gõ nhầm số và ngày"
    assert [(old, new) for _field, old, new in step.changes] == [
        ("215/QĐ-LĐLĐ", "216/QĐ-LĐLĐ"),
        ("20/12/2025", "22/12/2025"),
        ("Phó Chủ tịch", "Chủ tịch"),
    ]


def test_the_certificate_prints_the_corrected_values(client, world, decided):
    _p, decision = decided
    corrections.decision_correct(
        actor=world.staff_district_a,
        decision=decision,
        number="216/QĐ-LĐLĐ",
        signed_on=decision.signed_on,
        signer_name="Trần Văn Bình",
        signer_title="Phó Chủ tịch",
        reason="Sai người ký",
    )
    award = decision.awards.first()
    client.force_login(world.staff_district_a)
    pdf = client.get(reverse("awards:certificate", args=[award.pk])).getvalue()
    text = " ".join(w["text"] for w in page_words(pdf))
    assert "216/QĐ-LĐLĐ" in text and "215/QĐ-LĐLĐ" not in text
    assert "Bình" in text


def test_a_correction_is_refused_outside_authority_or_without_change(world, decided):
    _p, decision = decided
    same = {
        "number": decision.number,
        "signed_on": decision.signed_on,
        "signer_name": decision.signer_name,
        "signer_title": decision.signer_title,
    }
    with pytest.raises(ValidationError):
        corrections.decision_correct(actor=world.staff_district_a, decision=decision, reason="x", **same)
    for persona in ("officer_union_a1", "leader_city", "officer_union_b1"):
        with pytest.raises(PermissionDenied):
            corrections.decision_correct(
                actor=getattr(world, persona), decision=decision, reason="x", **{**same, "number": "1/QĐ"}
            )


# -- cancel a decision -------------------------------------------------------------------------------------------


def _figures(world):
    year = periods.year(2025)
    live = {
        code: m.REGISTRY[code].value(world.district_a, year) for code in ("awards_individual", "bonuses", "decisions")
    }
    received = sum(c + i for _t, _issuer, c, i in award_totals.received_live(world.union_a1, year))
    return live, received


def test_cancelling_a_decision_takes_its_awards_out_of_every_figure(world, decided, django_capture_on_commit_callbacks):
    p, decision = decided
    rollups.rebuild()
    year = periods.year(2025)
    before, received_before = _figures(world)
    awards = list(decision.awards.order_by("pk"))
    paid = {a.pk: a.bonus_amount for a in awards}
    assert before["awards_individual"] == len(awards) == received_before > 0
    assert before["decisions"] == 1
    assert rollups.values(world.city, year)["awards_individual"] == len(awards)
    with django_capture_on_commit_callbacks(execute=True):
        corrections.decision_cancel(actor=world.staff_district_a, decision=decision, reason="Ban hành sai thẩm quyền")
    after, received_after = _figures(world)
    assert after == {"awards_individual": 0, "bonuses": 0, "decisions": 0}
    assert received_after == 0
    # The rollup table, refreshed through the change signal after commit, agrees with the live figures.
    stored = rollups.values(world.city, year)
    assert stored.get("awards_individual", 0) == 0 and stored.get("decisions", 0) == 0
    for award in Award.objects.filter(pk__in=paid):
        assert award.status == Award.Status.CANCELLED
        assert award.bonus_to_recover == paid[award.pk]
        assert award.gold_book_number  # kept, shown void
    decision.refresh_from_db()
    assert (decision.status, decision.cancel_reason) == (Decision.Status.CANCELLED, "Ban hành sai thẩm quyền")
    entry = AuditEntry.objects.filter(object_type="awards.decision", object_id=str(decision.pk)).latest("id")
    assert entry.actor == world.staff_district_a and "Ban hành sai thẩm quyền" in entry.label
    assert decision_timeline(decision)[-1].state == Decision.Status.CANCELLED
    # The same subjects can be awarded again by the decision that replaces it.
    assert not Award.objects.filter(decision=decision, status=Award.Status.VALID).exists()
    assert p.lines.filter(award__status=Award.Status.CANCELLED).count() == len(awards)


def test_cancel_needs_a_reason_the_issuer_and_happens_once(world, decided):
    _p, decision = decided
    with pytest.raises(ValidationError):
        corrections.decision_cancel(actor=world.staff_district_a, decision=decision, reason="")
    for persona in ("officer_union_a1", "leader_city", "officer_union_b1", "outsider"):
        with pytest.raises(PermissionDenied):
            corrections.decision_cancel(actor=getattr(world, persona), decision=decision, reason="x")
    corrections.decision_cancel(actor=world.staff_district_a, decision=decision, reason="Sai")
    with pytest.raises(ValidationError):
        corrections.decision_cancel(actor=world.staff_district_a, decision=decision, reason="Sai")
    with pytest.raises(ValidationError):
        corrections.decision_correct(
            actor=world.staff_district_a,
            decision=decision,
            number="9/QĐ",
            signed_on=decision.signed_on,
            signer_name="A",
            signer_title="B",
            reason="x",
        )


def test_pages_show_the_void_awards_and_the_timeline(client, world, decided):
    p, decision = decided
    corrections.decision_cancel(actor=world.staff_district_a, decision=decision, reason="Ban hành sai thẩm quyền")
    client.force_login(world.staff_district_a)
    page = client.get(reverse("awards:decision_detail", args=[decision.pk])).content.decode()
    assert page.count('data-award-status="cancelled"') == decision.awards.count()
    assert "Ban hành sai thẩm quyền" in page and 'data-state="cancelled"' in page
    client.force_login(world.officer_union_a1)
    page = client.get(reverse("awards:proposal_detail", args=[p.pk])).content.decode()
    assert 'id="decision-cancelled"' in page and page.count('data-award-status="cancelled"') == decision.awards.count()
    award = decision.awards.first()
    assert client.get(reverse("awards:certificate", args=[award.pk])).status_code == 403
    client.logout()  # anyone scanning the printed certificate learns it is void
    page = client.get(reverse("verify:certificate", args=[award.verification_token])).content.decode()
    assert 'id="status" data-status="cancelled"' in page
