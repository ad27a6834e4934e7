"""Leaving reasons from a list, the old free text mapped onto it, and reinstating a member who left."""

import datetime
import importlib
import pathlib
from typing import cast

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from privacy.services import anonymise_member
from tests.factories import MemberFactory
from unions.models import LeftReason, Member, MemberStatus
from unions.services import leaving, members

DAY = datetime.date(2026, 6, 30)


def test_leaving_takes_a_reason_from_the_list_and_words_for_other(world):
    with pytest.raises(ValidationError) as error:
        members.member_mark_left(actor=world.officer_union_a1, member=world.member_a1, left_on=DAY, reason="other")
    assert "reason_text" in error.value.message_dict
    with pytest.raises(ValidationError):
        members.member_mark_left(actor=world.officer_union_a1, member=world.member_a1, left_on=DAY, reason="bored")
    members.member_mark_left(
        actor=world.officer_union_a1, member=world.member_a1, left_on=DAY, reason="other", reason_text="Đi du học"
    )
    member = Member.objects.get(pk=world.member_a1.pk)
    assert (member.status, member.left_reason, member.left_reason_text) == ("left", "other", "Đi du học")
    assert member.history.latest().left_reason_text == "Đi du học"


def test_anonymising_a_member_who_left_erases_the_words_of_the_reason(world):
    members.member_mark_left(
        actor=world.officer_union_a1, member=world.member_a1, left_on=DAY, reason="other", reason_text="Bị bệnh nặng"
    )
    anonymise_member(actor=world.officer_union_a1, member=world.member_a1)
    member = Member.objects.get(pk=world.member_a1.pk)
    assert (member.left_reason, member.left_reason_text) == ("other", "")
    assert not member.history.filter(left_reason_text="Bị bệnh nặng").exists()
    assert not member.history.filter(history_change_reason__contains="Bị bệnh").exists()


def test_a_member_who_left_is_reinstated_and_the_leaving_stays_in_the_history(world):
    members.member_mark_left(actor=world.officer_union_a1, member=world.member_a1, left_on=DAY, reason="retired")
    leaving.member_reinstate(actor=world.officer_union_a1, member=world.member_a1, reason="Nhập nhầm")
    member = Member.objects.get(pk=world.member_a1.pk)
    assert (member.status, member.left_on, member.left_reason) == (MemberStatus.ACTIVE, None, "")
    assert [h.status for h in member.history.order_by("history_date", "history_id")][-2:] == ["left", "active"]
    assert member.history.latest().history_change_reason == "Nhập nhầm"
    entry = AuditEntry.objects.filter(object_type="unions.member", object_id=str(member.pk)).latest("id")
    assert entry.actor == world.officer_union_a1
    with pytest.raises(ValidationError):  # active again: nothing to reinstate
        leaving.member_reinstate(actor=world.officer_union_a1, member=member)


@pytest.mark.parametrize("persona", ["officer_union_a2", "officer_union_b1", "leader_city", "outsider"])
def test_only_writers_of_the_union_reinstate(world, persona):
    members.member_mark_left(actor=world.officer_union_a1, member=world.member_a1, left_on=DAY, reason="resigned")
    with pytest.raises(PermissionDenied):
        leaving.member_reinstate(actor=getattr(world, persona), member=world.member_a1)
    assert Member.objects.get(pk=world.member_a1.pk).status == MemberStatus.LEFT


def test_reinstating_through_the_page(client, world):
    members.member_mark_left(actor=world.officer_union_a1, member=world.member_a1, left_on=DAY, reason="deceased")
    client.force_login(world.officer_union_a1)
    page = client.get(reverse("unions:member_detail", args=[world.member_a1.pk])).content.decode()
    assert reverse("unions:member_reinstate", args=[world.member_a1.pk]) in page and 'id="left-reason"' in page
    response = client.post(reverse("unions:member_reinstate", args=[world.member_a1.pk]), {"reason": "Nhầm người"})
    assert response.status_code == 302
    assert Member.objects.get(pk=world.member_a1.pk).status == MemberStatus.ACTIVE
    client.force_login(world.officer_union_b1)
    assert client.get(reverse("unions:member_reinstate", args=[world.member_a1.pk])).status_code == 404


def _migration():
    """The data migration, found by its name (the lead renumbers migrations at merge)."""
    path = next(pathlib.Path(apps.get_app_config("unions").path, "migrations").glob("*_leaving_reasons_from_text.py"))
    return importlib.import_module(f"unions.migrations.{path.stem}")


@pytest.mark.parametrize(
    ("text", "reason", "kept"),
    [
        ("Nghỉ hưu theo chế độ", LeftReason.RETIRED, ""),
        ("nghi huu", LeftReason.RETIRED, ""),
        ("Chuyển công tác sang Sở Y tế", LeftReason.TRANSFERRED, ""),
        ("Thôi việc", LeftReason.RESIGNED, ""),
        ("Đã nghỉ việc từ tháng 3", LeftReason.RESIGNED, ""),
        ("Bị khai trừ", LeftReason.EXPELLED, ""),
        ("Mất", LeftReason.DECEASED, ""),
        ("Từ trần", LeftReason.DECEASED, ""),
        ("Đi xuất khẩu lao động", LeftReason.OTHER, "Đi xuất khẩu lao động"),
        ("", LeftReason.OTHER, ""),
    ],
    ids=[
        "retired",
        "retired-no-marks",
        "transferred",
        "resigned",
        "quit",
        "expelled",
        "died",
        "passed",
        "other",
        "none",
    ],
)
def test_old_free_text_reasons_map_onto_the_list(world, text, reason, kept):
    member = cast(
        Member, MemberFactory(organization=world.union_a1, full_name="Cao Văn Bảy", search_name="cao van bay")
    )
    member.status, member.left_on = MemberStatus.LEFT, DAY
    member._change_reason = text or None  # type: ignore[attr-defined]  # read by simple_history
    member.save()  # as the old service did: the reason only in the history row
    _migration().forwards(apps, None)
    member.refresh_from_db()
    assert (member.left_reason, member.left_reason_text) == (reason, kept)
    # Members still active are left alone.
    assert Member.objects.get(pk=world.member_a1.pk).left_reason == ""
