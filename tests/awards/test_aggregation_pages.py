"""The pages of aggregation upward: approving on the proposal page, the district's send-up page (its own
grassroots unions only), the grouped dossier at the city and a line returned from there."""

from django.urls import reverse

from awards.models import Proposal, ProposalLine
from awards.services import aggregation
from tests.awards import aggregation_scene as sc
from tests.factories import UserFactory, role


def test_the_district_approves_and_sends_three_proposals_up_as_one(client, world):
    s = sc.scene(world)
    client.force_login(world.staff_district_a)
    page = client.get(reverse("awards:proposal_detail", kwargs={"pk": s.p2.pk})).content.decode()
    assert reverse("awards:proposal_approve", kwargs={"pk": s.p2.pk}) in page
    for p in (s.p1, s.p2, s.p3):
        client.post(reverse("awards:proposal_approve", kwargs={"pk": p.pk}))
    url = reverse("awards:proposal_aggregate", kwargs={"pk": world.district_a.pk})
    listed = client.get(url)
    assert [p.pk for p in listed.context["candidates"]] == [s.p1.pk, s.p2.pk, s.p3.pk]
    response = client.post(url, {"proposals": [s.p1.pk, s.p2.pk, s.p3.pk], "title": "Đề nghị khen CNG Thủ đô"})
    up = Proposal.objects.get(from_org=world.district_a)
    assert response.url == reverse("awards:proposal_detail", kwargs={"pk": up.pk})
    client.force_login(s.staff_city)
    dossier = client.get(response.url).content.decode()
    assert dossier.count("data-origin=") == 3 and dossier.count("data-subtotal=") == 3
    assert "Đề nghị khen thưởng HN-BTL-003" in dossier


def test_the_send_up_page_is_the_districts_own(client, world):
    s = sc.scene(world)
    staff_b = UserFactory(username="staff_district_b")
    role(staff_b, world.district_b, "federation_staff")
    client.force_login(staff_b)
    assert client.get(reverse("awards:proposal_aggregate", kwargs={"pk": world.district_a.pk})).status_code == 404
    # District B's own approved proposal cannot be slipped into district A's.
    theirs = sc.submitted(world, world.union_b1, world.officer_union_b1, "Phạm Thị Lan")
    aggregation.proposal_approve(actor=staff_b, proposal=theirs)
    aggregation.proposal_approve(actor=world.staff_district_a, proposal=s.p1)
    client.force_login(world.staff_district_a)
    url = reverse("awards:proposal_aggregate", kwargs={"pk": world.district_a.pk})
    response = client.post(url, {"proposals": [s.p1.pk, theirs.pk]})
    assert response.status_code == 200 and response.context["form"].errors
    assert not Proposal.objects.filter(from_org__in=[world.district_a, world.district_b]).exists()
    assert client.get(reverse("awards:proposal_aggregate", kwargs={"pk": world.district_b.pk})).status_code == 404


def test_a_line_returned_by_the_city_shows_on_the_unions_proposal(client, world):
    s = sc.scene(world)
    up = sc.aggregated(world, s)
    line = up.lines.get(origin__proposal=s.p2)
    client.force_login(world.staff_district_a)
    assert client.post(reverse("awards:line_return", kwargs={"pk": line.pk}), {"reason": "x"}).status_code == 403
    client.force_login(s.staff_city)
    client.post(reverse("awards:line_return", kwargs={"pk": line.pk}), {"reason": "Thiếu xác nhận của đơn vị"})
    assert ProposalLine.objects.get(pk=line.origin_id).status == "returned"
    client.force_login(world.officer_union_a2)
    page = client.get(reverse("awards:proposal_detail", kwargs={"pk": s.p2.pk})).content.decode()
    assert 'id="lines-returned"' in page and "Thiếu xác nhận của đơn vị" in page
    # Union A1's line is still on its way: its officer reads where it is.
    client.force_login(world.officer_union_a1)
    page = client.get(reverse("awards:proposal_detail", kwargs={"pk": s.p1.pk})).content.decode()
    assert 'data-outcome="proposed"' in page and world.city.name in page
