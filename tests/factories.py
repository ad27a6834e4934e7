import datetime
import itertools

import factory
from django.contrib.auth import get_user_model

from core.text import fold
from unions.models import Member, Organization, Role
from unions.services.members import allocate_member_codes

_codes = itertools.count(1)


def add_org(parent, kind, name, *, code=None, sector=""):
    code = code or f"T-{next(_codes):04d}"
    if kind == "grassroots" and not sector:
        sector = "education"
    fields = {"kind": kind, "name": name, "code": code, "sector": sector}
    if parent is None:
        return Organization.objects.add_root(create_kwargs=fields)
    return Organization.objects.add_child(Organization.objects.get(pk=parent.pk), create_kwargs=fields)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "thidua2025")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


def role(user, org, kind):
    return Role.objects.create(user=user, organization=org, kind=kind)


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thành {n}")
    search_name = factory.LazyAttribute(lambda m: fold(m.full_name))
    member_code = factory.LazyFunction(lambda: allocate_member_codes(1)[0])
    gender = "male"
    birth_date = datetime.date(1990, 5, 17)
    birth_year = factory.LazyAttribute(lambda m: m.birth_date.year if m.birth_date else None)
    joined_on = datetime.date(2015, 9, 1)


def bulk_members(org, count, prefix="Trần Thị Hoa"):
    codes = allocate_member_codes(count)
    Member.objects.bulk_create(
        Member(
            organization=org,
            full_name=f"{prefix} {i}",
            search_name=fold(f"{prefix} {i}"),
            member_code=code,
            gender="female",
            birth_date=datetime.date(1985, 1, 1),
        )
        for i, code in enumerate(codes)
    )
