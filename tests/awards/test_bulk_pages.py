"""The pages of bulk proposal lines: tick candidates or achieved registrants into a proposal in one post, change
many lines at once, and the council's tally form with one row per line."""

import datetime
from typing import cast

import pytest
from django.urls import reverse

from awards.models import AwardType, Proposal, ProposalLine
from awards.services import bulk_lines, proposals
from campaigns.models import Campaign, Registration
from tests.awards import helpers as h
from tests.factories import MemberFactory
from unions.models import Member, MemberStatus

Y = 2025


def member(**fields) -> Member:
    return cast(Member, MemberFactory(**fields))


def t(code):
    return AwardType.objects.get(code=code)


@pytest.fixture
def people(world):
    """Three members of union A1 who qualify for LĐTT in 2025 and one who does not."""
    good = [
        member(organization=world.union_a1, full_name=name, search_name=name.lower())
        for name in ("Bùi Thị Mai", "Bùi Văn Nam", "Bùi Thị Lan")
    ]
    for person in good:
        h.rate(person, Y, "HTT")
    weak = member(organization=world.union_a1, full_name="Bùi Văn Kém", search_name="bui van kem")
    h.rate(weak, Y, "HT")
    return good, weak


def filters(world):
    return {"organization": world.union_a1.pk, "year": Y, "award_type": t("LDTT").pk}


def test_candidates_page_offers_ticks_for_those_who_qualify_and_the_open_drafts(client, world, people):
    good, weak = people
    draft = proposals.proposal_create(actor=world.officer_union_a1, from_org=world.union_a1, year=Y, title="Năm 2025")
    proposals.proposal_create(actor=world.officer_union_a1, from_org=world.union_a1, year=Y - 1, title="Năm 2024")
    client.force_login(world.officer_union_a1)
    page = client.get(reverse("awards:candidates"), filters(world))
    html = page.content.decode()
    for person in good:
        assert f'name="subject" value="{person.pk}"' in html
    assert f'name="subject" value="{weak.pk}"' not in html
    assert list(page.context["add_form"].fields["proposal"].queryset) == [draft]
    assert page.context["proposer"] == world.union_a1


def test_a_leader_sees_the_candidates_without_ticks(client, world, people):
    client.force_login(world.leader_city)
    page = client.get(reverse("awards:candidates"), filters(world))
    assert page.status_code == 200 and page.context["add_form"] is None
    assert 'name="subject"' not in page.content.decode()


def test_one_post_puts_the_ticked_candidates_into_a_new_proposal(client, world, people):
    good, _weak = people
    client.force_login(world.officer_union_a1)
    response = client.post(
        reverse("awards:candidates_add"),
        {**filters(world), "subject": [p.pk for p in good], "proposal": "", "title": "Tổng kết năm 2025"},
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response.url == reverse("awards:proposal_detail", args=[proposal.pk])
    assert proposal.title == "Tổng kết năm 2025" and proposal.from_org == world.union_a1
    assert {line.member for line in proposal.lines.all()} == set(good)


def test_a_refused_post_writes_nothing_names_each_and_keeps_the_ticks(client, world, people):
    good, _weak = people
    gone = member(organization=world.union_a1, full_name="Vũ Văn Đi", status=MemberStatus.LEFT)
    client.force_login(world.officer_union_a1)
    response = client.post(
        reverse("awards:candidates_add"),
        {**filters(world), "subject": [good[0].pk, gone.pk], "proposal": "", "title": "Tổng kết"},
    )
    assert response.status_code == 200
    assert not Proposal.objects.exists()
    errors = response.context["add_form"].non_field_errors()
    assert len(errors) == 1 and errors[0].startswith("Vũ Văn Đi: ")
    html = response.content.decode()
    assert f'value="{good[0].pk}" id="subject-{good[0].pk}" checked' in html
    assert f'value="{good[1].pk}" id="subject-{good[1].pk}">' in html


def test_subjects_outside_the_proposing_union_are_not_accepted(client, world, people):
    client.force_login(world.officer_union_a1)
    response = client.post(
        reverse("awards:candidates_add"), {**filters(world), "subject": [world.member_b1.pk], "title": "Tổng kết"}
    )
    assert response.status_code == 200 and not Proposal.objects.exists()
    assert response.context["add_form"].errors["subject"]


@pytest.fixture
def achieved(world, people):
    good, weak = people
    campaign = Campaign.objects.create(
        code="LDG-2025",
        name="Lao động giỏi, lao động sáng tạo",
        kind="annual",
        organizer=world.district_a,
        year=Y,
        start_on=datetime.date(Y, 1, 1),
        end_on=datetime.date(Y, 12, 31),
        registration_deadline=datetime.date(Y, 3, 31),
        titles=["Lao động tiên tiến"],
        status=Campaign.Status.LAUNCHED,
        launched_on=datetime.date(Y, 1, 5),
    )
    status = {good[0]: "achieved", good[1]: "achieved", good[2]: "not_achieved", weak: "registered"}
    for member, value in status.items():
        Registration.objects.create(
            campaign=campaign,
            year=Y,
            organization=world.union_a1,
            member=member,
            title="Lao động tiên tiến",
            status=value,
        )
    Registration.objects.create(
        campaign=campaign, year=Y, organization=world.union_a1, member=weak, title="Chiến sĩ thi đua", status="achieved"
    )
    return campaign


def test_registrations_marked_achieved_go_into_a_proposal(client, world, people, achieved):
    good, weak = people
    client.force_login(world.officer_union_a1)
    query = {**filters(world), "campaign": achieved.pk}
    page = client.get(reverse("awards:registrations_add"), query)
    rows = page.context["rows"]
    assert sorted(r.name for r in rows) == ["Bùi Thị Mai", "Bùi Văn Kém", "Bùi Văn Nam"]
    # Ticked at first: those who registered for this very award.
    assert page.context["ticked"] == {str(good[0].pk), str(good[1].pk)}
    response = client.post(
        reverse("awards:registrations_add"),
        {**query, "subject": sorted(page.context["ticked"]), "title": "Theo phong trào"},
    )
    proposal = Proposal.objects.get()
    assert response.url == reverse("awards:proposal_detail", args=[proposal.pk])
    assert {line.member for line in proposal.lines.all()} == {good[0], good[1]}
    assert weak not in {line.member for line in proposal.lines.all()}


def test_ticked_lines_change_in_one_post(client, world, people):
    good, _weak = people
    proposal, lines, _ = bulk_lines.lines_add_to(
        actor=world.officer_union_a1, award_type=t("LDTT"), subjects=good, from_org=world.union_a1, year=Y, title="N"
    )
    client.force_login(world.officer_union_a1)
    detail = client.get(reverse("awards:proposal_detail", args=[proposal.pk]))
    assert f'name="line" value="{lines[0].pk}" form="lines-bulk"' in detail.content.decode()
    url = reverse("awards:lines_bulk", args=[proposal.pk])
    client.post(url, {"line": [lines[0].pk, lines[1].pk], "action": "achievement", "achievement": "Hoàn thành tốt"})
    assert list(proposal.lines.order_by("pk").values_list("achievement", flat=True)) == [
        "Hoàn thành tốt",
        "Hoàn thành tốt",
        "",
    ]
    client.post(url, {"line": [lines[2].pk], "action": "remove"})
    assert proposal.lines.count() == 2
    # Lines of someone else's proposal are not among the choices.
    other = ProposalLine.objects.create(
        proposal=Proposal.objects.create(title="B", from_org=world.union_b1, to_org=world.district_b, year=Y),
        organization=world.union_b1,
        member=world.member_b1,
        award_type=t("LDTT"),
    )
    client.post(url, {"line": [other.pk], "action": "remove"})
    assert ProposalLine.objects.filter(pk=other.pk).exists()


def test_the_council_form_names_each_line_and_its_required_share(client, world, people):
    good, _weak = people
    best = member(organization=world.union_a1, full_name="Phan Văn Giỏi")
    h.rate(best, Y, "HTXS")
    proposal = proposals.proposal_create(actor=world.officer_union_a1, from_org=world.union_a1, year=Y, title="N")
    for code, subjects in (("LDTT", good[:1]), ("CSTDCS", [best])):
        bulk_lines.lines_add_to(actor=world.officer_union_a1, award_type=t(code), subjects=subjects, proposal=proposal)
    proposals.proposal_submit(actor=world.officer_union_a1, proposal=proposal)
    proposals.proposal_start_review(actor=world.staff_district_a, proposal=proposal)
    client.force_login(world.staff_district_a)
    page = client.get(reverse("awards:council_record", args=[proposal.pk]))
    rows = {line.subject_name: (line.award_type.code, share) for line, share, _y, _n in page.context["form"].rows()}
    assert rows == {"Bùi Thị Mai": ("LDTT", None), "Phan Văn Giỏi": ("CSTDCS", 80)}
    html = page.content.decode()
    assert "Phan Văn Giỏi" in html and "≥ 80%" in html
    cstd = proposal.lines.get(member=best)
    ldtt = proposal.lines.get(member=good[0])
    response = client.post(
        reverse("awards:council_record", args=[proposal.pk]),
        {
            "held_on": "15/12/2025",
            "members_total": 9,
            "members_present": 9,
            "chair": "Nguyễn Thùy Chi",
            f"yes_{cstd.pk}": 8,
            f"no_{cstd.pk}": 1,
            f"yes_{ldtt.pk}": 9,
            f"no_{ldtt.pk}": 0,
        },
    )
    assert response.status_code == 302
    assert set(proposal.lines.values_list("status", flat=True)) == {"approved"}
    assert proposal.lines.get(pk=ldtt.pk).votes_yes == 9


def test_the_initiative_choices_are_those_of_the_lines_subjects_in_reach(client, world, people):
    good, _weak = people
    proposal, _lines, _ = bulk_lines.lines_add_to(
        actor=world.officer_union_a1,
        award_type=t("LDTT"),
        subjects=good[:1],
        from_org=world.union_a1,
        year=Y,
        title="N",
    )
    own = h.initiative(good[0], Y)
    not_proposed = h.initiative(world.member_a1, Y)  # same union, but its author has no line here
    elsewhere = h.initiative(world.member_b1, Y)
    client.force_login(world.officer_union_a1)
    page = client.get(reverse("awards:proposal_detail", args=[proposal.pk]))
    choices = set(page.context["bulk_form"].fields["initiative"].queryset)
    assert own in choices
    assert not_proposed not in choices and elsewhere not in choices
