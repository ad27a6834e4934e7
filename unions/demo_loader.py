import datetime

from django.contrib.auth import get_user_model

from unions import demo, services
from unions.models import Member, Organization, OrganizationEvent, Role

FOUNDED = datetime.date(2010, 1, 1)


class Loader:
    """Loads the demo federations, unions, members and accounts; safe to run again."""

    def run(self):
        admin = self._account(*demo.ACCOUNTS[0][:3], superuser=True)
        root = self._root(admin)
        created_orgs = self._children(admin, root, demo.TREE[5])
        created_members = self._members(admin)
        self._dissolution(admin)
        for username, first, last, kind, code in demo.ACCOUNTS:
            user = admin if username == "admin" else self._account(username, first, last)
            Role.objects.get_or_create(user=user, organization=Organization.objects.get(code=code), kind=kind)
        return (
            f"{created_orgs} new organisations, {created_members} new members, "
            f"{len(demo.ACCOUNTS)} accounts (password {demo.PASSWORD})"
        )

    def _account(self, username, first, last, superuser=False):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "is_staff": superuser, "is_superuser": superuser},
        )
        if created:
            user.set_password(demo.PASSWORD)
            user.save()
        return user

    def _root(self, admin):
        code, name, short, kind, sector, _children = demo.TREE
        root = Organization.objects.filter(code=code).first()
        if root is None:
            root = Organization.objects.add_root(
                create_kwargs={"code": code, "name": name, "short_name": short, "kind": kind, "founded_on": FOUNDED}
            )
            OrganizationEvent.objects.create(
                organization=root, kind=OrganizationEvent.Kind.CREATED, happened_on=FOUNDED, actor=admin
            )
        return root

    def _children(self, admin, parent, children):
        created = 0
        for code, name, short, kind, sector, grandchildren in children:
            org = Organization.objects.filter(code=code).first()
            if org is None:
                org = services.organization_create(
                    actor=admin,
                    parent=Organization.objects.get(pk=parent.pk),
                    kind=kind,
                    name=name,
                    code=code,
                    short_name=short,
                    sector=sector,
                    founded_on=FOUNDED,
                    happened_on=FOUNDED,
                )
                created += 1
            created += self._children(admin, org, grandchildren)
        return created

    def _members(self, admin):
        rng = demo.make_rng()
        created = 0
        holders = Organization.objects.filter(kind__in=["grassroots", "division", "group"]).order_by("code")
        for org in holders:
            # Every union draws its members even when it already has them, so reruns stay deterministic.
            province = org.code.split("-")[0]
            count = 6 if org.kind != "grassroots" else rng.randint(18, 45)
            batch = list(demo.people(rng, count, org.sector or Organization.objects.get_parent(org).sector, province))
            if Member.objects.filter(organization=org).exists() or org.dissolved_on:
                continue
            for data in batch:
                if data["national_id"] and Member.objects.filter(national_id=data["national_id"]).exists():
                    data["national_id"] = None
                services.member_create(actor=admin, organization=org, **data)
                created += 1
        return created

    def _dissolution(self, admin):
        spec = demo.DISSOLUTION
        org = Organization.objects.get(code=spec["code"])
        if org.dissolved_on:
            return
        services.organization_dissolve(
            actor=admin,
            organization=org,
            successor=Organization.objects.get(code=spec["successor"]),
            happened_on=spec["happened_on"],
            decision_number=spec["decision_number"],
        )
