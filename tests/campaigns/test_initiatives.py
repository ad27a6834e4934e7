"""Services and selectors of the initiative register, works and research projects."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import Initiative, RecognitionScope
from campaigns.selectors import initiatives as selectors
from campaigns.services import initiatives as services
from campaigns.services import works as work_services
from tests.campaigns.matrix_initiatives import initiative_in
from tests.factories import MemberFactory
from unions.models import MemberStatus

TITLE = "Giải pháp tiết kiệm điện trong trường học"
DAY = datetime.date(2025, 11, 20)


def create(world, actor=None, *, authors=None, organization=None, **data):
    data = {"title": TITLE, "kind": "technical", "year": 2025, "estimated_benefit": 12_000_000, **data}
    return services.initiative_create(
        actor=actor or world.officer_union_a1,
        organization=organization or world.union_a1,
        authors=authors if authors is not None else [(world.member_a1, Decimal(100))],
        **data,
    )


def recognise(actor, initiative, scope=RecognitionScope.GRASSROOTS):
    return services.initiative_recognise(
        actor=actor,
        initiative=initiative,
        scope=scope,
        recognised_by="Hội đồng sáng kiến cơ sở",
        recognition_decision="45/QĐ-CĐCS",
        recognised_on=DAY,
    )


def test_create_normalises_and_folds_the_title(world):
    initiative = create(world, title="  Giải   pháp tiết kiệm  điện trong trường học ")
    assert initiative.title == TITLE
    assert initiative.search_title == "giai phap tiet kiem dien trong truong hoc"
    assert initiative.status == Initiative.Status.REGISTERED
    assert initiative.created_by == world.officer_union_a1
    assert initiative.history.first().history_user == world.officer_union_a1
    assert [(a.member, a.share) for a in initiative.authors.all()] == [(world.member_a1, Decimal(100))]


def test_shares_split_between_authors(world):
    second = MemberFactory(organization=world.union_a1, full_name="Trần Thị Mai")
    initiative = create(world, authors=[(world.member_a1, Decimal("66.67")), (second, Decimal("33.33"))])
    assert sorted(a.share for a in initiative.authors.all()) == [Decimal("33.33"), Decimal("66.67")]


def test_shares_must_add_up_to_100(world):
    second = MemberFactory(organization=world.union_a1)
    with pytest.raises(ValidationError) as exc:
        create(world, authors=[(world.member_a1, Decimal(60)), (second, Decimal(30))])
    assert exc.value.message_dict["authors"] == ["Tổng tỷ lệ đóng góp của các tác giả phải bằng 100% (hiện là 90%)."]
    assert not Initiative.objects.exists()


def test_at_least_one_author(world):
    with pytest.raises(ValidationError) as exc:
        create(world, authors=[])
    assert exc.value.message_dict["authors"] == ["Sáng kiến phải có ít nhất một tác giả."]


def test_authors_must_be_active_members_in_reach(world):
    with pytest.raises(ValidationError):
        create(world, authors=[(world.member_b1, Decimal(100))])
    world.member_a1.status = MemberStatus.LEFT
    world.member_a1.left_on = DAY
    world.member_a1.save()
    with pytest.raises(ValidationError):
        create(world)


def test_the_same_author_cannot_be_listed_twice(world):
    with pytest.raises(ValidationError):
        create(world, authors=[(world.member_a1, Decimal(50)), (world.member_a1, Decimal(50))])


def test_only_writers_of_the_union_may_register(world):
    with pytest.raises(PermissionDenied):
        create(world, world.officer_union_b1)
    with pytest.raises(PermissionDenied):
        create(world, world.leader_city)
    with pytest.raises(PermissionDenied):
        create(world, world.officer_union_a1, organization=world.union_a2, authors=[(world.member_a2, 100)])


def test_initiatives_belong_to_a_grassroots_union_or_division(world):
    assert create(world, organization=world.division_a1).organization == world.division_a1
    with pytest.raises(ValidationError) as exc:
        create(world, world.staff_district_a, organization=world.district_a)
    assert "organization" in exc.value.message_dict


def test_update_replaces_authors_and_keeps_history(world):
    initiative = create(world)
    second = MemberFactory(organization=world.union_a1)
    services.initiative_update(
        actor=world.officer_union_a1,
        initiative=initiative,
        title="Giải pháp tiết kiệm nước",
        authors=[(world.member_a1, 50), (second, 50)],
    )
    initiative.refresh_from_db()
    assert initiative.search_title == "giai phap tiet kiem nuoc"
    assert initiative.authors.count() == 2
    assert initiative.history.count() == 2


def test_workflow_registered_to_applied(world):
    initiative = create(world)
    services.initiative_start_evaluation(actor=world.officer_union_a1, initiative=initiative)
    initiative = recognise(world.officer_union_a1, initiative)
    assert (initiative.status, initiative.scope) == ("recognised", "grassroots")
    initiative = services.initiative_apply(
        actor=world.officer_union_a1,
        initiative=initiative,
        verified_benefit=15_000_000,
        verified_by="Ban Giám hiệu",
        verified_on=DAY,
    )
    assert (initiative.status, initiative.verified_benefit) == ("applied", 15_000_000)


def test_invalid_transitions_are_refused_in_vietnamese(world):
    initiative = create(world)
    with pytest.raises(ValidationError) as exc:
        services.initiative_apply(
            actor=world.officer_union_a1, initiative=initiative, verified_benefit=1, verified_by="X", verified_on=DAY
        )
    assert exc.value.messages == ["Chỉ sáng kiến đã được công nhận mới có thể ghi nhận áp dụng."]
    services.initiative_reject(actor=world.officer_union_a1, initiative=initiative, reason="Trùng lặp")
    with pytest.raises(ValidationError) as exc:
        recognise(world.officer_union_a1, initiative)
    assert exc.value.messages == ["Không thể công nhận sáng kiến đã bị từ chối."]
    with pytest.raises(ValidationError):
        services.initiative_start_evaluation(actor=world.officer_union_a1, initiative=initiative)


def test_rejection_needs_a_reason(world):
    initiative = create(world)
    with pytest.raises(ValidationError):
        services.initiative_reject(actor=world.officer_union_a1, initiative=initiative, reason="  ")
    services.initiative_reject(actor=world.officer_union_a1, initiative=initiative, reason="Chưa có tính mới")
    initiative.refresh_from_db()
    assert (initiative.status, initiative.rejection_reason) == ("rejected", "Chưa có tính mới")


def test_recognised_initiative_is_locked_for_edits(world):
    initiative = recognise(world.officer_union_a1, create(world))
    with pytest.raises(ValidationError):
        services.initiative_update(actor=world.officer_union_a1, initiative=initiative, title="Khác")


class TestScopePermissions:
    def test_union_officer_recognises_at_grassroots_only(self, world):
        initiative = create(world)
        for scope in (RecognitionScope.PROVINCIAL, RecognitionScope.NATIONAL):
            with pytest.raises(PermissionDenied):
                recognise(world.officer_union_a1, initiative, scope)
        assert recognise(world.officer_union_a1, initiative).scope == "grassroots"

    def test_an_officer_cannot_recognise_a_division_initiative_at_provincial_scope(self, world):
        """Managing the grassroots union is not a federation above the division."""
        initiative = create(world, organization=world.division_a1)
        with pytest.raises(PermissionDenied):
            recognise(world.officer_union_a1, initiative, RecognitionScope.PROVINCIAL)

    def test_federation_staff_record_provincial_and_national_scope(self, world):
        initiative = create(world)
        assert recognise(world.staff_district_a, initiative, RecognitionScope.PROVINCIAL).scope == "provincial"
        other = create(world, title="Phần mềm quản lý thư viện")
        assert recognise(world.admin, other, RecognitionScope.NATIONAL).scope == "national"

    def test_leader_and_other_unions_cannot_recognise(self, world):
        initiative = create(world)
        with pytest.raises(PermissionDenied):
            recognise(world.leader_city, initiative)
        with pytest.raises(PermissionDenied):
            recognise(world.officer_union_b1, initiative)
        with pytest.raises(PermissionDenied):
            recognise(world.officer_union_a2, initiative)

    def test_a_recognised_initiative_may_be_raised_to_a_higher_scope_only(self, world):
        initiative = recognise(world.officer_union_a1, create(world))
        with pytest.raises(ValidationError):
            recognise(world.officer_union_a1, initiative)
        raised = recognise(world.staff_district_a, initiative, RecognitionScope.PROVINCIAL)
        assert (raised.status, raised.scope) == ("recognised", "provincial")
        with pytest.raises(ValidationError):
            recognise(world.staff_district_a, raised, RecognitionScope.GRASSROOTS)

    def test_recognisable_scopes(self, world):
        initiative = create(world)
        assert services.recognisable_scopes(world.officer_union_a1, initiative) == ["grassroots"]
        assert services.recognisable_scopes(world.staff_district_a, initiative) == [
            "grassroots",
            "provincial",
            "national",
        ]
        assert services.recognisable_scopes(world.leader_city, initiative) == []


def test_recognised_at_grassroots_appears_in_the_register_with_its_value(world):
    initiative = recognise(world.officer_union_a1, create(world, estimated_benefit=12_500_000))
    rows = selectors.initiative_list_for(world.leader_city).filter(scope=RecognitionScope.GRASSROOTS)
    assert [(i.pk, i.estimated_benefit, i.get_scope_display()) for i in rows] == [
        (initiative.pk, 12_500_000, "Cấp cơ sở")
    ]
    assert not selectors.initiative_list_for(world.officer_union_b1).exists()


def test_register_totals_equal_the_sum_of_its_rows(world):
    initiative_in(world, world.union_a1, estimated=1_250_000, verified=2_000_000, status="applied", scope="grassroots")
    initiative_in(world, world.union_a1, title="Sổ điểm điện tử", estimated=3_000_000)
    initiative_in(world, world.union_a2, title="Cải tiến máy tiện", estimated=40_000_000, author=world.member_a2)
    initiative_in(world, world.union_b1, title="Ngoài phạm vi", estimated=999_000_000, author=world.member_b1)
    queryset = selectors.initiative_list_for(world.staff_district_a)
    with CaptureQueriesContext(connection) as ctx:
        totals = selectors.initiative_totals(queryset)
    assert len(ctx.captured_queries) == 1
    rows = list(queryset)
    assert totals == {
        "count": len(rows),
        "estimated": sum(i.estimated_benefit for i in rows),
        "verified": sum(i.verified_benefit or 0 for i in rows),
    }
    assert totals == {"count": 3, "estimated": 44_250_000, "verified": 2_000_000}
    assert selectors.initiative_totals(queryset.none()) == {"count": 0, "estimated": 0, "verified": 0}


def test_similar_titles_in_the_same_union_and_year_are_flagged(world):
    existing = create(world)
    found = selectors.similar_initiatives(world.union_a1, 2025, "Giải pháp tiết kiệm điện năng trong trường học")
    assert found == [existing]
    shouted = "GIAI PHAP TIET KIEM DIEN TRONG TRUONG HOC"
    assert selectors.similar_initiatives(world.union_a1, 2025, shouted) == [existing]
    assert selectors.similar_initiatives(world.union_a1, 2025, TITLE, exclude_pk=existing.pk) == []
    assert selectors.similar_initiatives(world.union_a1, 2024, TITLE) == []
    assert selectors.similar_initiatives(world.union_a2, 2025, TITLE) == []
    assert selectors.similar_initiatives(world.union_a1, 2025, "Giải pháp nâng cao chất lượng dạy học") == []


def test_a_duplicate_is_warned_about_not_blocked(world):
    create(world)
    assert create(world).pk  # the service saves it; the form asks for confirmation first
    assert Initiative.objects.filter(search_title="giai phap tiet kiem dien trong truong hoc").count() == 2


class TestWorksAndResearch:
    def test_work_create_and_update(self, world):
        work = work_services.work_create(
            actor=world.officer_union_a1,
            organization=world.union_a1,
            name="  Sân chơi  cho học sinh ",
            year=2025,
            value=120_000_000,
            occasion="Chào mừng Đại hội",
            completed_on=DAY,
        )
        assert work.name == "Sân chơi cho học sinh"
        work = work_services.work_update(actor=world.staff_district_a, work=work, plaque_on=DAY)
        assert work.plaque_on == DAY

    def test_plaque_not_before_completion(self, world):
        with pytest.raises(ValidationError) as exc:
            work_services.work_create(
                actor=world.officer_union_a1,
                organization=world.union_a1,
                name="Nhà xe",
                year=2025,
                completed_on=DAY,
                plaque_on=DAY - datetime.timedelta(days=1),
            )
        assert "plaque_on" in exc.value.message_dict

    def test_work_access(self, world):
        with pytest.raises(PermissionDenied):
            work_services.work_create(actor=world.officer_union_b1, organization=world.union_a1, name="X", year=2025)
        work = work_services.work_create(actor=world.officer_union_a1, organization=world.union_a1, name="X", year=2025)
        with pytest.raises(PermissionDenied):
            work_services.work_update(actor=world.leader_city, work=work, name="Y")

    def test_research_lead_must_be_in_reach(self, world):
        project = work_services.research_create(
            actor=world.officer_union_a1,
            organization=world.union_a1,
            title="Đổi mới dạy học",
            year=2025,
            lead=world.member_a1,
            level="grassroots",
        )
        assert project.lead == world.member_a1
        with pytest.raises(ValidationError):
            work_services.research_update(actor=world.officer_union_a1, project=project, lead=world.member_b1)
        project = work_services.research_update(actor=world.officer_union_a1, project=project, accepted_on=DAY)
        assert project.accepted_on == DAY
        with pytest.raises(PermissionDenied):
            work_services.research_create(
                actor=world.officer_union_b1, organization=world.union_a1, title="X", year=2025
            )
