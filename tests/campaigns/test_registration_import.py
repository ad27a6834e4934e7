"""Registrations from Excel go through the shared import flow: upload → preview → confirm → registered."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from campaigns.importers import registrations as importers
from campaigns.models import Registration
from campaigns.services import registrations
from tests.factories import MemberFactory
from tests.xlsx_files import member_file
from unions.models import ImportBatch, MemberStatus
from unions.services import import_batches, members

HEADER = ["Mã đoàn viên hoặc CCCD *", "Họ và tên", "Danh hiệu đăng ký *", "Nội dung cam kết"]
LDTT, CSTD = "Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"


def upload(client, campaign, org, rows, header=HEADER, content=None):
    """Through the upload page, as the officer does: the batch it redirects to."""
    f = io.BytesIO(content or member_file(rows, header=header))
    f.name = "dang-ky.xlsx"
    response = client.post(
        reverse("campaigns:registration_import", args=[campaign.pk]), {"organization": org.pk, "year": 2026, "file": f}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert response.url == reverse("unions:import_detail", args=[int(response.url.rstrip("/").split("/")[-1])])
    return ImportBatch.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))


def checked(world, campaign, rows, header=HEADER, org=None):
    """The same flow called directly, in English: messages are compared with their msgids."""
    content = member_file(rows, header=header)
    with translation.override("en"):
        return import_batches.batch_create(
            actor=world.officer_union_a1,
            organization=org or world.union_a1,
            upload=SimpleUploadedFile("dang-ky.xlsx", content),
            kind="registrations",
            options={"campaign": campaign.pk, "year": 2026},
        )


def confirm(batch, user):
    import_batches.batch_confirm(actor=user, batch=batch)
    return import_batches.batch_run(batch.pk)


def errors_of(batch):
    return {e["row"]: " ".join(e["errors"]) for e in batch.errors}


def test_template_lists_the_unions_members(client, world, campaign):
    client.force_login(world.officer_union_a1)
    response = client.get(reverse("campaigns:registration_import_template", args=[campaign.pk]))
    rows = list(load_workbook(io.BytesIO(response.getvalue())).active.iter_rows(values_only=True))
    assert rows[0] == tuple(HEADER)
    assert rows[1][:3] == (world.member_a1.member_code, "Nguyễn Văn An", LDTT)
    assert len(rows) == 2  # only the officer's own union


def test_the_template_comes_back_as_a_valid_file(client, world, campaign):
    client.force_login(world.officer_union_a1)
    template = client.get(reverse("campaigns:registration_import_template", args=[campaign.pk])).getvalue()
    batch = upload(client, campaign, world.union_a1, None, content=template)
    assert batch.status == ImportBatch.Status.PREVIEWED, (batch.message, batch.errors)
    assert batch.counts["new"] == 1


def test_valid_file_registers_everyone_after_confirm_with_history(client, world, campaign):
    client.force_login(world.officer_union_a1)
    batch = upload(
        client,
        campaign,
        world.union_a1,
        [
            [world.member_a1.member_code, "", LDTT, "Hoàn thành xuất sắc"],
            [world.member_a1.national_id, "", CSTD, ""],
        ],
    )
    assert batch.status == ImportBatch.Status.PREVIEWED, batch.errors
    assert batch.counts["new"] == 2
    assert batch.preview[0]["values"] == [world.member_a1.member_code, "Nguyễn Văn An", LDTT, "Hoàn thành xuất sắc"]
    page = client.get(reverse("unions:import_detail", args=[batch.pk])).content.decode()
    assert "Nguyễn Văn An" in page and "import-confirm" in page
    assert not Registration.objects.exists()  # nothing before confirming

    done = confirm(batch, world.officer_union_a1)
    assert done.status == ImportBatch.Status.DONE, done.message
    assert done.created_count == 2
    regs = Registration.objects.filter(member=world.member_a1, campaign=campaign, year=2026)
    assert set(regs.values_list("title", flat=True)) == {LDTT, CSTD}
    assert set(regs.values_list("organization", "created_by")) == {(world.union_a1.pk, world.officer_union_a1.pk)}
    assert regs.get(title=LDTT).commitment == "Hoàn thành xuất sắc"
    history = Registration.history.filter(member=world.member_a1)
    assert history.count() == 2 and {h.history_user_id for h in history} == {world.officer_union_a1.pk}
    assert Registration.objects.visible_to(world.staff_district_a).count() == 2  # org_path set by save()
    page = client.get(reverse("unions:import_detail", args=[batch.pk])).content.decode()
    assert f"{reverse('campaigns:registration_list')}?campaign={campaign.pk}&amp;year=2026" in page


def test_one_bad_row_registers_nobody_and_each_message_says_what_is_true(world, campaign):
    batch = checked(
        world,
        campaign,
        [
            [world.member_a1.member_code, "", LDTT, ""],  # 2: fine alone
            [world.member_a2.member_code, "Lê Thị Bích", LDTT, ""],  # 3: another union
            [world.member_a1.member_code, "", LDTT, ""],  # 4: repeats row 2
            [world.member_a1.member_code, "", "Huân chương", ""],  # 5: title not offered
            ["DV99999999", "", LDTT, ""],  # 6: nobody has this code
            [world.member_a1.member_code, "", CSTD, ""],  # 7: fine
        ],
    )
    assert batch.status == ImportBatch.Status.INVALID
    errors = errors_of(batch)
    assert sorted(errors) == [3, 4, 5, 6]
    assert f"{world.member_a2.member_code} belongs to another union, not to this one" in errors[3]
    assert "Lê Thị Bích" not in errors[3]  # a member of another union is named by the code typed, not by name
    assert "is already on row 2 for Lao động tiên tiến" in errors[4]
    assert 'the campaign does not offer the title "Huân chương". Write one of: Lao động tiên tiến; ' in errors[5]
    assert "no member has the member code DV99999999 in this union" in errors[6]
    assert errors[6].startswith("Mã đoàn viên hoặc CCCD * (A):")  # the clerk's own column, with its letter
    assert batch.counts["new"] == 2 and batch.counts["error"] == 4
    with pytest.raises(ValidationError):
        import_batches.batch_confirm(actor=world.officer_union_a1, batch=batch)
    assert not Registration.objects.exists()


def test_the_page_shows_the_errors_in_vietnamese(client, world, campaign):
    client.force_login(world.officer_union_a1)
    batch = upload(client, campaign, world.union_a1, [[world.member_a1.member_code, "", "Huân chương", ""]])
    html = client.get(reverse("unions:import_detail", args=[batch.pk])).content.decode()
    assert html.count('class="import-error"') == 1
    assert "&quot;Huân chương&quot;" in html


def test_a_cccd_typed_as_a_number_is_found(world, campaign):
    assert world.member_a1.national_id == "001090012345"
    batch = checked(
        world,
        campaign,
        [[1090012345, "", LDTT, ""], [" 001 090 012 345 ", "", CSTD, ""]],
        header=["Số CCCD", "Họ tên", "Danh hiệu", "Cam kết"],
    )
    assert batch.status == ImportBatch.Status.PREVIEWED, batch.errors
    confirm(batch, world.officer_union_a1)
    assert set(Registration.objects.filter(member=world.member_a1).values_list("title", flat=True)) == {LDTT, CSTD}


def test_a_member_who_left_is_told_so_not_that_there_is_no_member(world, campaign):
    members.member_mark_left(actor=world.officer_union_a1, member=world.member_a1, left_on=datetime.date(2026, 3, 1))
    gone = MemberFactory(organization=world.union_a1, full_name="Trần Văn Bình", search_name="tran van binh")
    members.member_transfer(
        actor=world.staff_district_a,
        member=gone,
        to_organization=world.union_a2,
        transferred_on=datetime.date(2026, 4, 1),
    )
    batch = checked(
        world,
        campaign,
        [
            [world.member_a1.member_code, "", LDTT, ""],
            ["", "Nguyễn Văn An", LDTT, ""],  # by name: the only member of that name, who left
            [gone.member_code, "", LDTT, ""],
        ],
    )
    errors = errors_of(batch)
    assert "Nguyễn Văn An has left the union (not an active member)." in errors[2]
    assert "Nguyễn Văn An has left the union (not an active member)." in errors[3]
    assert "Trần Văn Bình was transferred out of this union on 01/04/2026" in errors[4]
    assert not any("no member" in e.lower() or "No active member" in e for e in errors.values())
    assert not Registration.objects.exists()


def test_the_old_message_only_when_it_is_true(world, campaign):
    MemberFactory(
        organization=world.union_a1,
        full_name="Hoàng Thị Lan",
        search_name="hoang thi lan",
        status=MemberStatus.LEFT,
        left_on=datetime.date(2026, 1, 1),
    )
    MemberFactory(
        organization=world.union_a1,
        full_name="Hoàng Thị Lan",
        search_name="hoang thi lan",
        status=MemberStatus.LEFT,
        left_on=datetime.date(2026, 2, 1),
    )
    batch = checked(world, campaign, [["", "Không Có Ai", LDTT, ""], ["", "Hoàng Thị Lan", LDTT, ""]])
    errors = errors_of(batch)
    assert errors[2] == "No active member named Không Có Ai in this union. Write the member code or CCCD."
    assert errors[3].startswith("No active member named Hoàng Thị Lan")  # two who left: none active is true


def test_same_file_twice_registers_nothing_the_second_time(client, world, campaign):
    client.force_login(world.officer_union_a1)
    rows = [[world.member_a1.member_code, "", LDTT, ""]]
    # The same bytes twice: openpyxl stamps the time in each file it writes, so a file built again a second
    # later is another file.
    content = member_file(rows, header=HEADER)
    assert (
        confirm(upload(client, campaign, world.union_a1, rows, content=content), world.officer_union_a1).status
        == "done"
    )
    again = upload(client, campaign, world.union_a1, rows, content=content)
    assert again.status == ImportBatch.Status.INVALID
    # The job of the first import is still on record (done or queued): the same bytes are refused whole.
    assert again.message.startswith(("Tệp này đã được nhập vào công đoàn này", "Tệp này đang được nhập"))
    with pytest.raises(ValidationError):
        import_batches.batch_confirm(actor=world.officer_union_a1, batch=again)
    # The same registration in another file (own columns, an STT): the row says it is already registered.
    other = checked(world, campaign, [[1, *rows[0][:3]]], header=["STT", *HEADER[:3]])
    assert other.status == ImportBatch.Status.INVALID
    assert "Nguyễn Văn An is already registered for Lao động tiên tiến in this campaign and year" in errors_of(other)[2]
    assert Registration.objects.count() == 1


def test_the_same_file_may_serve_another_campaign(world, campaign, district_campaign):
    district_campaign.titles = [LDTT]
    district_campaign.status = "launched"
    district_campaign.target_sectors = ""
    district_campaign.save()
    rows = [[world.member_a1.member_code, "", LDTT, ""]]
    confirm(checked(world, campaign, rows), world.officer_union_a1)
    content = member_file(rows, header=HEADER)
    batch = import_batches.batch_create(
        actor=world.officer_union_a1,
        organization=world.union_a1,
        upload=SimpleUploadedFile("dang-ky.xlsx", content),
        kind="registrations",
        options={"campaign": district_campaign.pk, "year": 2026},
    )
    assert batch.status == ImportBatch.Status.PREVIEWED, (batch.message, batch.errors)
    assert confirm(batch, world.officer_union_a1).status == ImportBatch.Status.DONE
    assert Registration.objects.filter(member=world.member_a1).count() == 2


def test_a_clerks_own_list_with_title_rows_and_stt(client, world, campaign):
    campaign.titles = [LDTT]
    campaign.save()
    wb = Workbook()
    ws = wb.active
    ws.append(["LIÊN ĐOÀN LAO ĐỘNG QUẬN BẮC TỪ LIÊM"])
    ws.append(["DANH SÁCH ĐOÀN VIÊN ĐĂNG KÝ THI ĐUA NĂM 2026"])
    ws.append([])
    ws.append(["STT", "Họ tên", "Mã ĐV", "Danh hiệu", "Cam kết"])
    ws.append([1, "NGUYỄN VĂN AN", world.member_a1.member_code.lower(), "lao dong tien tien", "Đi làm đủ ngày công"])
    ws.append([2, "Hoàng Văn Cường", "", "", ""])  # by name only, blank title: the campaign's only title
    ws.append([3, None, None, None, None])
    buffer = io.BytesIO()
    wb.save(buffer)
    cuong = MemberFactory(organization=world.division_a1, full_name="Hoàng Văn Cường", search_name="hoang van cuong")
    client.force_login(world.officer_union_a1)
    batch = upload(client, campaign, world.union_a1, None, content=buffer.getvalue())
    assert batch.status == ImportBatch.Status.PREVIEWED, (batch.message, batch.errors)
    assert batch.total_rows == 2
    assert batch.parsed["sheets"][0]["header_row"] == 4  # the rows above are titles, and said not imported
    confirm(batch, world.officer_union_a1)
    saved = dict(Registration.objects.values_list("member_id", "title"))
    assert saved == {world.member_a1.pk: LDTT, cuong.pk: LDTT}
    assert Registration.objects.get(member=world.member_a1).commitment == "Đi làm đủ ngày công"


def test_blank_title_needs_a_choice_when_the_campaign_offers_several(world, campaign):
    batch = checked(world, campaign, [[world.member_a1.member_code, "", "", ""]])
    assert (
        "no title is written, and the campaign offers several. Write one of: Lao động tiên tiến; Chiến sĩ"
        in errors_of(batch)[2]
    )


def test_names_must_say_which_member(world, campaign):
    MemberFactory(organization=world.union_a1, full_name="Đỗ Minh Hà", search_name="do minh ha")
    MemberFactory(organization=world.union_a1, full_name="Đỗ Minh Hà", search_name="do minh ha")
    batch = checked(
        world, campaign, [["", "Đỗ Minh Hà", LDTT, ""], [world.member_a1.member_code, "Lê Văn Sai", LDTT, ""]]
    )
    errors = errors_of(batch)
    assert errors[2].startswith("2 members are named Đỗ Minh Hà")
    assert f"{world.member_a1.member_code} is Nguyễn Văn An, not Lê Văn Sai" in errors[3]


def test_a_too_long_commitment_is_an_error_never_cut(world, campaign, monkeypatch):
    monkeypatch.setattr(importers, "commitment_limit", lambda: 20)
    batch = checked(world, campaign, [[world.member_a1.member_code, "", LDTT, "x" * 21]])
    assert "has 21 characters; at most 20 fit" in errors_of(batch)[2]


def test_women_only_campaign_uses_the_shared_check(world, campaign):
    campaign.target_group = "women"
    campaign.save()
    batch = checked(world, campaign, [[world.member_a1.member_code, "", LDTT, ""]])
    assert errors_of(batch)[2] == "Nguyễn Văn An cannot register: the campaign is for women members."


def test_a_deadline_passed_between_preview_and_confirm_registers_nobody(world, campaign):
    batch = checked(world, campaign, [[world.member_a1.member_code, "", LDTT, ""]])
    assert batch.status == ImportBatch.Status.PREVIEWED
    import_batches.batch_confirm(actor=world.officer_union_a1, batch=batch)
    campaign.registration_deadline = datetime.date(2026, 1, 31)
    campaign.save()
    done = import_batches.batch_run(batch.pk)
    assert done.status == ImportBatch.Status.INVALID
    assert "31/01/2026" in " ".join(done.errors[0]["errors"])
    assert not Registration.objects.exists()


def test_the_service_turns_a_concurrent_duplicate_into_a_clear_error(world, campaign, monkeypatch):
    save = Registration.save

    def racing_save(self, *args, **kwargs):
        # Someone else registers the same member and title between the check and the write.
        Registration.objects.bulk_create(
            [
                Registration(
                    campaign=self.campaign,
                    year=self.year,
                    title=self.title,
                    organization=self.organization,
                    member=self.member,
                )
            ]
        )
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Registration, "save", racing_save)
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        registrations.registrations_import(
            actor=world.officer_union_a1,
            campaign=campaign,
            organization=world.union_a1,
            year=2026,
            rows=[(world.member_a1, LDTT, "")],
        )
    assert exc.value.messages[0].startswith("Some of these members were registered for the same title by someone")
    assert not Registration.objects.exists()


def test_the_service_refuses_what_the_picker_refuses(world, campaign):
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        registrations.registrations_import(
            actor=world.officer_union_a1,
            campaign=campaign,
            organization=world.union_a1,
            year=2026,
            rows=[(world.member_a1, LDTT, ""), (world.member_a1, LDTT, ""), (world.member_b1, LDTT, "")],
        )
    assert exc.value.messages == [
        "Phạm Đức Cường belongs to another union, not to this one: each union registers its own members.",
        "Nguyễn Văn An is listed twice for Lao động tiên tiến.",
    ]
    with pytest.raises(ValidationError):
        registrations.registrations_import(
            actor=world.officer_union_a1,
            campaign=campaign,
            organization=world.union_a1,
            year=2026,
            rows=[(world.member_a1, "X", "")],
        )
    assert not Registration.objects.exists()
