"""Permission-matrix rows for the initiative, work and research URLs.

MATRIX: url name -> (method, target, action, {persona: status}); make_target(world, target) -> url kwargs
or None when the target is not one of this module's.
"""

import datetime
from decimal import Decimal

from tests.personas import ADM, ALL, OUT, A, B, L, S


def everyone(status):
    return dict.fromkeys(ALL, status)


def reach(ok, *, leader=None):
    """Object in union_a1: officer_b1 and the outsider must get 404."""
    return {A: ok, S: ok, L: leader or ok, B: 404, OUT: 404, ADM: ok}


READ = reach(200)
WRITE = reach(200, leader=403)
CREATE = {A: 200, S: 200, L: 403, B: 200, OUT: 403, ADM: 200}

MATRIX = {
    "initiatives:initiative_list": ("get", None, "read", everyone(200)),
    "initiatives:initiative_export": ("get", None, "read", everyone(200)),
    "initiatives:initiative_create": ("get", None, "member.write", CREATE),
    "initiatives:initiative_detail": ("get", "initiative_a1", "read", READ),
    "initiatives:initiative_edit": ("get", "initiative_a1", "member.write", WRITE),
    "initiatives:initiative_attachment": ("get", "initiative_a1_attached", "read", READ),
    "initiatives:initiative_start_evaluation": ("post", "initiative_a1", "member.write", reach(302, leader=403)),
    "initiatives:initiative_recognise": ("get", "initiative_a1", "initiative.recognise_provincial", WRITE),
    "initiatives:initiative_reject": ("get", "initiative_a1", "member.write", WRITE),
    "initiatives:initiative_apply": ("get", "initiative_a1_recognised", "member.write", WRITE),
    "initiatives:work_list": ("get", None, "read", everyone(200)),
    "initiatives:work_export": ("get", None, "read", everyone(200)),
    "initiatives:work_create": ("get", None, "member.write", CREATE),
    "initiatives:work_detail": ("get", "work_a1", "read", READ),
    "initiatives:work_edit": ("get", "work_a1", "member.write", WRITE),
    "initiatives:research_list": ("get", None, "read", everyone(200)),
    "initiatives:research_export": ("get", None, "read", everyone(200)),
    "initiatives:research_create": ("get", None, "member.write", CREATE),
    "initiatives:research_detail": ("get", "research_a1", "read", READ),
    "initiatives:research_edit": ("get", "research_a1", "member.write", WRITE),
}


def initiative_in(
    world,
    organization,
    *,
    title="Giải pháp tiết kiệm điện trong trường học",
    status="registered",
    scope="",
    estimated=5_000_000,
    verified=None,
    year=2025,
    author=None,
):
    """An initiative written straight to the database, with one author holding 100%."""
    from campaigns.models import Initiative, InitiativeAuthor
    from core.text import fold

    initiative = Initiative.objects.create(
        title=title,
        search_title=fold(title),
        kind="technical",
        organization=organization,
        year=year,
        estimated_benefit=estimated,
        status=status,
        scope=scope,
        verified_benefit=verified,
        recognised_on=datetime.date(year, 12, 1) if scope else None,
    )
    InitiativeAuthor.objects.create(initiative=initiative, member=author or world.member_a1, share=Decimal(100))
    return initiative


def make_target(world, target):
    from campaigns.models import ResearchProject, WorkProduct

    if target == "initiative_a1":
        return {"pk": initiative_in(world, world.union_a1).pk}
    if target == "initiative_a1_attached":
        from django.core.files.base import ContentFile

        initiative = initiative_in(world, world.union_a1)
        initiative.attachment.save("thuyet-minh.pdf", ContentFile(b"%PDF-1.4 initiative"))
        return {"pk": initiative.pk}
    if target == "initiative_a1_recognised":
        return {"pk": initiative_in(world, world.union_a1, status="recognised", scope="grassroots").pk}
    if target == "work_a1":
        work = WorkProduct.objects.create(
            name="Sân chơi cho học sinh", organization=world.union_a1, year=2025, value=120_000_000
        )
        return {"pk": work.pk}
    if target == "research_a1":
        project = ResearchProject.objects.create(
            title="Đề tài đổi mới dạy học", organization=world.union_a1, year=2025, lead=world.member_a1
        )
        return {"pk": project.pk}
    return None
