import io

from django.contrib.auth import get_user_model
from django.core.management import call_command

from campaigns.models import Campaign
from core.validators import file_name_code
from unions import access
from unions.models import Member, Organization, OrganizationEvent


def snapshot():
    return (
        Organization.objects.count(),
        Member.objects.count(),
        OrganizationEvent.objects.count(),
        get_user_model().objects.count(),
        sorted(Member.objects.values_list("national_id", flat=True).exclude(national_id=None)),
    )


def test_seed_demo_is_idempotent_and_matches_the_readme(db, settings, tmp_path):
    call_command("seed_demo", stdout=io.StringIO())
    first = snapshot()
    call_command("seed_demo", stdout=io.StringIO())
    assert snapshot() == first
    _states_the_figures_of_the_seed_articles(settings, tmp_path)
    assert 2500 <= first[1] <= 3000  # the demo unions plus the Phú Thọ history
    User = get_user_model()
    btl = Organization.objects.get(code="HN-BTL")
    assert btl.name == "Liên đoàn Lao động quận Bắc Từ Liêm"
    cdcs1 = User.objects.get(username="btl.cdcs1")
    assert cdcs1.check_password("thidua2025")
    union = access.root_orgs(cdcs1).get()
    assert union.kind == "grassroots" and union.path.startswith(btl.path)
    xuanla = access.root_orgs(User.objects.get(username="tayho.xuanla")).get()
    assert xuanla.name == "Công đoàn Trường THCS Xuân La"
    px = Organization.objects.get(code="HN-PX")
    assert px.dissolved_on and px.successor.kind == "commune_union"
    assert Organization.objects.get(code="HN-PX-001").path.startswith(px.successor.path)
    assert Organization.objects.get(code="PT-LT-001").name == "Công đoàn Trường Mầm non thị trấn Lâm Thao"
    # Codes end up in file names: every demo code is one the validator accepts (no data migration needed).
    codes = [*Organization.objects.values_list("code", flat=True), *Campaign.objects.values_list("code", flat=True)]
    assert codes
    for code in codes:
        file_name_code(code)


def _states_the_figures_of_the_seed_articles(settings, tmp_path):
    """The reports of the demo federations say what the federations' own reports said."""
    from reports import builder, periods, services

    settings.MEDIA_ROOT = tmp_path
    btl = Organization.objects.get(code="HN-BTL")
    run = builder.build(services.report_request(actor=None, organization=btl, period=periods.term(2018, 2023)).pk)
    assert run.narrative.startswith("Trong nhiệm kỳ 2018–2023, toàn quận có")
    assert "16 lượt công nhân đạt danh hiệu “Công nhân giỏi Thủ đô”" in run.narrative
    assert "247 lượt công nhân đạt danh hiệu “Công nhân giỏi quận”" in run.narrative
    phu_tho = Organization.objects.get(code="PT")
    run = builder.build(services.report_request(actor=None, organization=phu_tho, period=periods.term(2016, 2020)).pk)
    assert "10.354 lượt tập thể và 29.325 lượt cá nhân được các cấp công đoàn biểu dương khen thưởng." in run.narrative
    assert "45.023 sáng kiến được công nhận" in run.narrative


def test_seed_demo_announces_what_it_loaded(db, django_capture_on_commit_callbacks):
    """The loaders write in bulk, past the services: the command announces the tree, so a federation whose rollups
    were built before the load shows the demo figures without the nightly rebuild."""
    from django.utils import timezone

    from reports import metrics as m
    from reports import periods, rollups

    rollups.rebuild()  # an empty table, already in use
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())
    year = periods.year(timezone.localdate().year)
    for code in ("HN", "PT"):
        province = Organization.objects.get(code=code)
        assert rollups.covers(province, year)
        stored = rollups.values(province, year, ["members", "grassroots"])
        assert stored == {c: m.REGISTRY[c].value(province, year) for c in stored}
        assert stored["members"] > 0
