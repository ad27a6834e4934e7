"""/api/v1/: personal tokens, reach exactly as on the site, writes through the site's services."""

import datetime
import io
from typing import cast

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from api import services
from api.models import ApiToken
from api.tokens import digest
from awards.models import Proposal, ProposalLine
from campaigns.models import Campaign, Registration
from tests.awards import helpers as h
from tests.factories import MemberFactory
from unions import access
from unions.models import Member

pytestmark = pytest.mark.django_db
Y = 2025


def api(user, actions=(access.READ,), **token_fields):
    row, token = services.token_create(actor=user, name="HRM", actions=actions)
    if token_fields:
        ApiToken.objects.filter(pk=row.pk).update(**token_fields)
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE="vi")


@pytest.fixture
def objects(world, award_catalogue):
    """One of each kind of object in union A1 (district A), none elsewhere."""
    award = h.award(world.member_a1, code="LDTT", year=Y)
    campaign = Campaign.objects.create(
        code="BTL-LDG",
        name="Lao động giỏi",
        kind="annual",
        organizer=world.district_a,
        year=Y,
        start_on=datetime.date(Y, 1, 1),
        end_on=datetime.date(Y, 12, 31),
        registration_deadline=datetime.date(Y, 3, 31),
        titles=["Lao động tiên tiến"],
        status=Campaign.Status.LAUNCHED,
    )
    registration = Registration.objects.create(
        campaign=campaign, year=Y, organization=world.union_a1, member=world.member_a1, title="Lao động tiên tiến"
    )
    proposal = Proposal.objects.create(title="Đề nghị", from_org=world.union_a1, to_org=world.district_a, year=Y)
    ProposalLine.objects.create(
        proposal=proposal, organization=world.union_a1, member=world.member_a1, award_type=award.award_type
    )
    return {
        "organizations": world.union_a1,
        "members": world.member_a1,
        "campaigns": campaign,
        "registrations": registration,
        "initiatives": h.initiative(world.member_a1, Y),
        "proposals": proposal,
        "decisions": award.decision,
        "awards": award,
    }


@pytest.mark.parametrize(
    "endpoint",
    ["organizations", "members", "campaigns", "registrations", "initiatives", "proposals", "decisions", "awards"],
)
def test_each_endpoint_shows_what_is_in_reach_and_404_outside_it(world, objects, endpoint):
    obj = objects[endpoint]
    inside = api(world.officer_union_a1)
    listed = inside.get(f"/api/v1/{endpoint}/")
    assert listed.status_code == 200
    assert obj.pk in [row["id"] for row in listed.json()["results"]]
    assert inside.get(f"/api/v1/{endpoint}/{obj.pk}/").json()["id"] == obj.pk
    outside = api(world.officer_union_b1)
    assert outside.get(f"/api/v1/{endpoint}/{obj.pk}/").status_code == 404
    assert obj.pk not in [row["id"] for row in outside.get(f"/api/v1/{endpoint}/").json()["results"]]
    assert Client().get(f"/api/v1/{endpoint}/").status_code == 401


@pytest.mark.parametrize(
    "fields",
    [
        {"expires_at": timezone.now() - datetime.timedelta(minutes=1)},
        {"revoked_at": timezone.now()},
    ],
)
def test_an_expired_or_revoked_token_gets_401(world, fields):
    response = api(world.officer_union_a1, **fields).get("/api/v1/members/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi."


def test_a_made_up_token_gets_the_same_401(world):
    api(world.officer_union_a1)
    row = ApiToken.objects.get()
    forged = Client(HTTP_AUTHORIZATION=f"Bearer td_{row.prefix}_not-the-secret")
    assert forged.get("/api/v1/members/").status_code == 401


def test_only_the_digest_is_stored(world):
    row, token = services.token_create(actor=world.officer_union_a1, name="HRM")
    assert token not in str(ApiToken.objects.filter(pk=row.pk).values().get())
    assert row.digest == digest(token)


def _new_member(world, **fields):
    return {"organization": world.union_a1.pk, "full_name": "Trần Thị Lan", "gender": "female", **fields}


def test_creating_a_member_runs_the_forms_validation_in_vietnamese_or_english(world):
    client = api(world.officer_union_a1, actions=services.TOKEN_ACTIONS)
    bad = client.post("/api/v1/members/", _new_member(world, national_id="12345"), content_type="application/json")
    assert bad.status_code == 400
    assert "CCCD" in bad.json()["national_id"][0] or "12 chữ số" in bad.json()["national_id"][0]
    english = client.post(
        "/api/v1/members/",
        _new_member(world, national_id="12345"),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert english.json()["national_id"] != bad.json()["national_id"]
    assert not Member.objects.filter(full_name="Trần Thị Lan").exists()
    good = client.post(
        "/api/v1/members/", _new_member(world, national_id="001190000123"), content_type="application/json"
    )
    assert good.status_code == 201, good.json()
    member = Member.objects.get(full_name="Trần Thị Lan")
    assert good.json()["member_code"] == member.member_code  # allocated by the same service as the form's


def test_a_read_token_cannot_write_and_nobody_writes_outside_reach(world):
    reader = api(world.officer_union_a1)
    assert reader.post("/api/v1/members/", _new_member(world), content_type="application/json").status_code == 403
    writer = api(world.officer_union_b1, actions=services.TOKEN_ACTIONS)
    refused = writer.post("/api/v1/members/", _new_member(world), content_type="application/json")
    assert refused.status_code == 400 and "organization" in refused.json()
    assert (
        writer.patch(
            f"/api/v1/members/{world.member_a1.pk}/", {"phone": "0912345678"}, content_type="application/json"
        ).status_code
        == 404
    )


def test_the_member_list_costs_the_same_for_5_or_40_rows(world):
    client = api(world.officer_union_a1)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/members/").status_code == 200
        return len(captured)

    MemberFactory.create_batch(4, organization=world.union_a1)
    few = queries()
    MemberFactory.create_batch(35, organization=world.union_a1)
    assert queries() == few


def test_reading_members_through_the_api_is_audited(world):
    from audit.models import AuditEntry

    api(world.officer_union_a1).get(f"/api/v1/members/{world.member_a1.pk}/")
    entry = AuditEntry.objects.filter(action="view").latest("id")
    assert entry.actor == world.officer_union_a1 and entry.object_id == str(world.member_a1.pk)


def test_requests_per_token_are_limited(world, settings):
    from django.core.cache import cache
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    cache.clear()
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "token": "3/min"}
    SimpleRateThrottle.THROTTLE_RATES = rates
    try:
        client = api(world.officer_union_a1)
        codes = [client.get("/api/v1/organizations/").status_code for _ in range(4)]
    finally:
        SimpleRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
        cache.clear()
    assert codes == [200, 200, 200, 429]


def test_the_schema_and_its_docs_are_served_without_a_cdn(world, client):
    client.force_login(world.officer_union_a1)
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/members/" in schema.content.decode()
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    page = docs.content.decode()
    assert "cdn" not in page.lower() and "/static/drf_spectacular_sidecar/" in page


def test_the_command_prints_a_token_once(world):
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token", "create", "officer_union_a1", "--days", "7", stdout=out, stderr=err)
    token = out.getvalue().strip()
    row = ApiToken.objects.get()
    assert token.startswith(f"td_{row.prefix}_") and row.digest == digest(token)
    assert (row.expires_at - timezone.now()).days == 6
    assert Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/members/").status_code == 200


@pytest.mark.parametrize("url", ["/api/v1/", "/api/v1/schema/", "/api/v1/docs/"])
def test_the_root_schema_and_docs_need_a_user_or_a_token(client, world, url):
    assert client.get(url).status_code == 401
    assert api(world.officer_union_a1).get(url).status_code == 200


def test_registering_through_the_api_runs_the_forms_rules(world, objects):
    client = api(world.officer_union_a1, actions=services.TOKEN_ACTIONS)
    campaign = objects["campaigns"]
    campaign.registration_deadline = datetime.date(2099, 12, 31)
    campaign.titles = ["Lao động tiên tiến", "Tập thể lao động tiên tiến"]
    campaign.save()
    union = {
        "campaign": campaign.pk,
        "organization": world.union_a1.pk,
        "year": Y,
        "title": "Tập thể lao động tiên tiến",
    }
    made = client.post("/api/v1/registrations/", union, content_type="application/json")
    assert made.status_code == 201, made.json()
    assert Registration.objects.filter(campaign=campaign, member__isnull=True, organization=world.union_a1).count() == 1
    again = client.post("/api/v1/registrations/", union, content_type="application/json")
    assert again.status_code == 400
    assert "đã đăng ký" in str(again.json())
    member = cast(Member, MemberFactory(organization=world.union_a1))
    members = {**union, "title": "Lao động tiên tiến", "members": [member.pk]}
    assert client.post("/api/v1/registrations/", members, content_type="application/json").status_code == 201
    assert Registration.objects.filter(campaign=campaign, member=member).exists()


def test_an_initiative_through_the_api_needs_shares_adding_to_100(world):
    client = api(world.officer_union_a1, actions=services.TOKEN_ACTIONS)
    other = cast(Member, MemberFactory(organization=world.union_a1))
    data = {
        "title": "Cải tiến quy trình chấm công",
        "kind": "technical",
        "organization": world.union_a1.pk,
        "year": Y,
        "authors": [{"member": world.member_a1.pk, "share": "60"}, {"member": other.pk, "share": "30"}],
    }
    refused = client.post("/api/v1/initiatives/", data, content_type="application/json")
    assert refused.status_code == 400 and "100%" in str(refused.json()["authors"])
    data["authors"][1]["share"] = "40"
    made = client.post("/api/v1/initiatives/", data, content_type="application/json")
    assert made.status_code == 201, made.json()
    outsider = api(world.officer_union_b1, actions=services.TOKEN_ACTIONS)
    assert outsider.get(f"/api/v1/initiatives/{made.json()['id']}/").status_code == 404


def test_figures_of_a_scope_in_reach_and_404_outside(world, objects):
    inside = api(world.staff_district_a).get("/api/v1/figures/", {"org": world.district_a.pk, "period": f"year:{Y}"})
    assert inside.status_code == 200
    body = inside.json()
    assert body["organization"] == world.district_a.pk and body["headline"]
    assert sum(t["individual"] for t in body["award_totals"]) == 1  # the LĐTT of member A1
    outside = api(world.officer_union_b1).get("/api/v1/figures/", {"org": world.district_a.pk})
    assert outside.status_code == 404


def test_organisations_come_with_their_units_and_members_counted(world):
    MemberFactory(organization=world.division_a1)
    body = api(world.officer_union_a1).get(f"/api/v1/organizations/{world.union_a1.pk}/").json()
    assert body["children"] == 1  # its division
    assert body["member_count"] == 2  # member A1 and the division's member
    listed = {row["id"]: row for row in api(world.officer_union_a1).get("/api/v1/organizations/").json()["results"]}
    assert listed[world.division_a1.pk]["member_count"] == 1
