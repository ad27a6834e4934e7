import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from campaigns.models import ClusterMember, ContestResult
from campaigns.selectors import clusters as selectors
from campaigns.services import clusters as services

DAY = datetime.date(2026, 5, 19)


@pytest.fixture
def cluster(world):
    return services.cluster_create(
        actor=world.staff_district_a,
        organizer=world.district_a,
        name="Cụm số 1",
        year=2026,
        units=[world.union_a1, world.union_a2],
        leader=world.union_a1,
    )


def test_cluster_units_must_be_below_the_organiser(world):
    with pytest.raises(ValidationError) as exc:
        services.cluster_create(
            actor=world.staff_district_a,
            organizer=world.district_a,
            name="Cụm sai",
            year=2026,
            units=[world.union_a1, world.union_b1],
        )
    assert "Công đoàn Trường THCS Xuân La" in exc.value.message_dict["units"][0]


def test_ranking_must_be_complete_and_without_ties(world, cluster):
    a1, a2 = world.union_a1.pk, world.union_a2.pk
    with pytest.raises(ValidationError) as exc:
        services.cluster_rank(actor=world.staff_district_a, cluster=cluster, ranks={a1: 1, a2: 1})
    assert exc.value.messages == ["Thứ hạng phải từ 1 đến 2, mỗi thứ hạng một đơn vị."]
    services.cluster_rank(actor=world.staff_district_a, cluster=cluster, ranks={a1: 2, a2: 1})
    services.cluster_rank(actor=world.staff_district_a, cluster=cluster, ranks={a1: 1, a2: 2})
    assert dict(ClusterMember.objects.values_list("organization_id", "rank")) == {a1: 1, a2: 2}
    with pytest.raises(PermissionDenied):
        services.cluster_rank(actor=world.officer_union_a1, cluster=cluster, ranks={a1: 2, a2: 1})


def test_members_of_a_cluster_see_it(world, cluster):
    assert list(selectors.cluster_list_for(world.officer_union_a1)) == [cluster]
    assert list(selectors.cluster_list_for(world.officer_union_b1)) == []
    assert selectors.cluster_list_for(world.officer_union_a1).get().units == 2


def test_pact(world, cluster):
    pact = services.pact_sign(
        actor=world.staff_district_a, cluster=cluster, signed_on=DAY, targets="100% đoàn viên đăng ký thi đua"
    )
    assert cluster.pacts.get() == pact


def test_contest_results(world):
    contest = services.contest_create(
        actor=world.staff_district_a,
        organizer=world.district_a,
        name="Hội thi thợ giỏi ngành cơ khí",
        year=2026,
        held_on=DAY,
        trade="Tiện",
    )
    services.contest_result_add(
        actor=world.staff_district_a, contest=contest, member=world.member_a2, rank=1, prize="first"
    )
    with pytest.raises(ValidationError) as exc:
        services.contest_result_add(
            actor=world.staff_district_a, contest=contest, member=world.member_a2, rank=2, prize="second"
        )
    assert exc.value.message_dict["member"] == ["Lê Thị Bích đã có kết quả trong hội thi này."]
    with pytest.raises(ValidationError):
        services.contest_result_add(actor=world.admin, contest=contest, member=world.member_b1, rank=2, prize="second")
    assert ContestResult.objects.count() == 1
    assert list(selectors.contest_list_for(world.officer_union_a2)) == [contest]


def test_result_entered_by_member_code(client, world):
    contest = services.contest_create(
        actor=world.staff_district_a, organizer=world.district_a, name="Hội thi", year=2026, held_on=DAY
    )
    client.force_login(world.staff_district_a)
    url = reverse("campaigns:contest_detail", args=[contest.pk])
    response = client.post(url, {"member": world.member_a1.member_code.lower(), "rank": 1, "prize": "first"})
    assert response.status_code == 302
    response = client.post(url, {"member": world.member_b1.member_code, "rank": 2, "prize": "second"})
    assert "Không có đoàn viên đang sinh hoạt" in response.content.decode()
    client.force_login(world.officer_union_a1)
    assert client.post(url, {"member": world.member_a1.member_code, "rank": 3, "prize": "third"}).status_code == 403
