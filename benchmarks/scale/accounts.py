"""Accounts for benchmark runs: officers of the largest unions, leaders of provinces, staff, an administrator."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from unions.access import RoleKind
from unions.models import Organization, Role

OFFICERS, STAFF = 200, 40


def create(cursor, password):
    """Usernames bench-officer-NNN, bench-staff-NN, bench-leader-NN (provinces), bench-national, bench-admin."""
    User = get_user_model()
    hashed = make_password(password)  # once: hashing per account would dominate the load time
    cursor.execute("SELECT org_id FROM scale_unions ORDER BY size DESC, org_id LIMIT %s", [OFFICERS])
    officer_orgs = [r[0] for r in cursor.fetchall()]
    staff_orgs = list(Organization.objects.filter(depth=3).order_by("?").values_list("pk", flat=True)[:STAFF])
    province_orgs = list(Organization.objects.filter(depth=2).order_by("path").values_list("pk", flat=True))
    root = Organization.objects.get(depth=1)
    plan = (
        [(f"bench-officer-{i + 1:03d}", org, RoleKind.UNION_OFFICER) for i, org in enumerate(officer_orgs)]
        + [(f"bench-staff-{i + 1:02d}", org, RoleKind.FEDERATION_STAFF) for i, org in enumerate(staff_orgs)]
        + [(f"bench-leader-{i + 1:02d}", org, RoleKind.LEADER) for i, org in enumerate(province_orgs)]
        + [("bench-national", root.pk, RoleKind.LEADER)]
    )
    users = User.objects.bulk_create([User(username=name, password=hashed) for name, _org, _kind in plan])
    Role.objects.bulk_create(
        [Role(user=u, organization_id=org, kind=kind) for u, (_name, org, kind) in zip(users, plan, strict=True)]
    )
    User.objects.create(username="bench-admin", password=hashed, is_superuser=True, is_staff=True)
    return len(users) + 1
