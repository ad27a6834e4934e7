import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from awards.models import Award, AwardType, PerformanceRating
from awards.services import inputs, register
from tests.awards import helpers as h

DECISION = {
    "number": "125/QĐ-UBND",
    "signed_on": datetime.date(2024, 4, 28),
    "issuer_name": "Ủy ban nhân dân thành phố Hà Nội",
    "signer_name": "Trần Sỹ Thanh",
    "signer_title": "Chủ tịch",
}


def test_external_award_is_kept_once(world):
    bk = AwardType.objects.get(code="BK_UBND")
    register.external_award_record(
        actor=world.officer_union_a1, award_type=bk, year=2024, member=world.member_a1, **DECISION
    )
    with pytest.raises(ValidationError) as exc:
        register.external_award_record(
            actor=world.officer_union_a1, award_type=bk, year=2024, member=world.member_a1, **DECISION
        )
    assert exc.value.messages == ["Đối tượng đã có hình thức khen thưởng này trong năm."]
    with pytest.raises(PermissionDenied):
        register.external_award_record(
            actor=world.officer_union_a1, award_type=bk, year=2024, member=world.member_b1, **DECISION
        )
    award = Award.objects.get()
    assert award.external and award.decision.external and award.organization == world.union_a1


def test_register_is_scoped_and_filtered(client, world):
    h.award(world.member_a1, code="LDTT", year=2025)
    h.award(world.member_b1, code="LDTT", year=2025)
    h.award(world.member_a2, code="CSTDCS", year=2024)
    client.force_login(world.staff_district_a)
    response = client.get(reverse("awards:award_list"))
    assert {a.member for a in response.context["page"].object_list} == {world.member_a1, world.member_a2}
    response = client.get(reverse("awards:award_list"), {"q": "nguyen van an"})
    assert [a.member for a in response.context["page"].object_list] == [world.member_a1]
    response = client.get(reverse("awards:award_list"), {"year": 2024})
    assert response.context["totals"]["count"] == 1


def test_award_history_on_the_member_page(client, world):
    h.award(world.member_a1, code="LDTT", year=2024)
    h.award(world.member_a1, code="CSTDCS", year=2025)
    client.force_login(world.officer_union_a1)
    html = client.get(reverse("unions:member_detail", args=[world.member_a1.pk])).content.decode()
    assert "Khen thưởng theo năm" in html
    assert html.index("Chiến sĩ thi đua cơ sở") < html.index("Lao động tiên tiến")


def test_ratings_page_saves_every_member(client, world):
    client.force_login(world.officer_union_a1)
    url = reverse("awards:ratings") + f"?organization={world.union_a1.pk}&year=2025"
    response = client.get(url)
    assert response.status_code == 200
    prefix = f"m{world.member_a1.pk}"
    response = client.post(
        url,
        {f"{prefix}-rating": "HTXS", f"{prefix}-months_worked": 12, f"{prefix}-absent_days": 3, "union_rating": "HTT"},
    )
    assert response.status_code == 302
    rating = PerformanceRating.objects.get(member=world.member_a1, year=2025)
    assert (rating.rating, rating.absent_days) == ("HTXS", 3)
    assert PerformanceRating.objects.get(member=None, organization=world.union_a1).rating == "HTT"


def test_ratings_of_another_union_are_refused(world):
    with pytest.raises(PermissionDenied):
        inputs.ratings_save(
            actor=world.officer_union_a1, organization=world.union_b1, year=2025, rows=[(world.member_b1, "HTT", 12, 0)]
        )
    with pytest.raises(ValidationError):
        inputs.ratings_save(
            actor=world.officer_union_a1, organization=world.union_a1, year=2025, rows=[(world.member_b1, "HTT", 12, 0)]
        )


def test_candidates_page_explains_each_member(client, world):
    h.rate(world.member_a1, 2025, "HTT")
    client.force_login(world.staff_district_a)
    ldtt = AwardType.objects.get(code="LDTT")
    response = client.get(
        reverse("awards:candidates"), {"organization": world.district_a.pk, "year": 2025, "award_type": ldtt.pk}
    )
    rows = {s.full_name: v.status for s, v in response.context["rows"]}
    assert rows == {"Nguyễn Văn An": "pass", "Lê Thị Bích": "fail"}
    assert "Chưa có kết quả xếp loại năm 2025." in response.content.decode()


def test_candidates_outside_reach_show_nothing(client, world):
    client.force_login(world.officer_union_a1)
    ldtt = AwardType.objects.get(code="LDTT")
    response = client.get(
        reverse("awards:candidates"), {"organization": world.union_b1.pk, "year": 2025, "award_type": ldtt.pk}
    )
    assert "rows" not in response.context


def test_a_recorded_award_carries_the_union_that_issued_it(client, world):
    """The district's own Bằng khen typed into the register counts among the decisions the district issued;
    a union outside the awarded unit's line cannot be named as its issuer."""
    from reports import metrics, periods

    client.force_login(world.staff_district_a)
    form = {
        "organization": world.union_a1.pk,
        "award_type": AwardType.objects.get(code="GK_CD_TT").pk,
        "year": 2024,
        "issuer": world.district_a.pk,
        "number": "88/QĐ-LĐLĐ",
        "signed_on": "15/11/2024",
        "signer_name": "Nguyễn Văn Vinh",
        "signer_title": "Chủ tịch",
    }
    assert client.post(reverse("awards:external_award_create"), form).status_code == 302
    award = Award.objects.get()
    assert award.decision.issuer == world.district_a and award.decision.issuer_name == world.district_a.name
    assert not award.external and award.decided_on == datetime.date(2024, 11, 15)
    decisions = metrics.REGISTRY["decisions"]
    assert decisions.value(world.district_a, periods.half(2024, 2)) == 1
    assert decisions.value(world.district_a, periods.half(2024, 1)) == 0
    # The other district is not in union_a1's line; a body outside the union still needs its name.
    response = client.post(reverse("awards:external_award_create"), {**form, "issuer": world.district_b.pk})
    assert "issuer" in response.context["form"].errors
    response = client.post(reverse("awards:external_award_create"), {**form, "issuer": "", "number": "89"})
    assert "issuer_name" in response.context["form"].errors
    with pytest.raises(ValidationError):
        register.external_award_record(
            actor=world.staff_district_a,
            award_type=award.award_type,
            year=2023,
            organization=world.union_a1,
            issuer=world.district_b,
            **DECISION,
        )
    assert Award.objects.count() == 1
