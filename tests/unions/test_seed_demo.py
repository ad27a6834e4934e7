import io

from django.contrib.auth import get_user_model
from django.core.management import call_command

from unions import access
from unions.models import Member, Organization, OrganizationEvent


def snapshot():
    return (Organization.objects.count(), Member.objects.count(), OrganizationEvent.objects.count(),
            get_user_model().objects.count(), sorted(Member.objects.values_list("national_id", flat=True)
                                                     .exclude(national_id=None)))


def test_seed_demo_is_idempotent_and_matches_the_readme(db):
    call_command("seed_demo", stdout=io.StringIO())
    first = snapshot()
    call_command("seed_demo", stdout=io.StringIO())
    assert snapshot() == first
    assert 300 <= first[1] <= 1000
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
