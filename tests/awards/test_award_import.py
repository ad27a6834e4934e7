"""Importing a provincial federation's register of past awards (2023 – 9/2024) through the shared import flow.

The generator below writes the file a federation keeps: a title above the header, an STT column, awards
spelled the clerks' ways ("Bằng khen" with "LĐLĐ tỉnh" as the issuing body, the catalogue's full names,
"Cờ thi đua TLĐ"), CCCDs typed as text or as numbers, members without CCCD found by name and date of
birth, unions by name or code, bonuses as "1.800.000", "1,800,000" or 1800000.
"""

import datetime
import io
import itertools
import random
import time
from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from awards.award_names import Catalogue, Issuers
from awards.models import Award, AwardType, Decision
from awards.services.register import PastAward, awards_import
from core.text import fold
from reports import figures
from reports.periods import Period
from tests.factories import UserFactory, add_org, role
from unions.models import ImportBatch, Member, Organization
from unions.services import import_batches
from unions.services.members import allocate_member_codes

D = datetime.date
HEADER = [
    "STT",
    "Đối tượng",
    "Họ và tên",
    "Ngày sinh",
    "Số CCCD",
    "Đơn vị",
    "Hình thức khen thưởng",
    "Cấp khen",
    "Số QĐ",
    "Ngày QĐ",
    "Năm thành tích",
    "Tiền thưởng",
]
BONUS = {
    "CO_LDLD": 4_680_000,
    "BK_LDLD_TT": 3_600_000,
    "BK_LDLD_CN": 1_800_000,
    "CO_TLD": 5_400_000,
    "BK_TLD_TT": 3_600_000,
    "BK_TLD_CN": 1_800_000,
}
OWN, TLD = "own", "tld"
# (issuer, number, signed on, year of the achievement or None when the file leaves it empty, awards):
# awards are (award code, first, last) slices of the unions (collective codes) or the members.
DECISIONS = [
    (OWN, "15/QĐ-LĐLĐ", D(2023, 1, 16), 2022, [("CO_LDLD", 0, 2), ("BK_LDLD_TT", 0, 30), ("BK_LDLD_CN", 0, 70)]),
    (TLD, "6521/QĐ-TLĐ", D(2023, 3, 20), 2022, [("CO_TLD", 5, 6), ("BK_TLD_TT", 8, 13), ("BK_TLD_CN", 100, 112)]),
    (OWN, "210/QĐ-LĐLĐ", D(2023, 4, 28), None, [("BK_LDLD_TT", 0, 10), ("BK_LDLD_CN", 0, 40)]),
    (OWN, "455/QĐ-LĐLĐ", D(2023, 8, 25), None, [("BK_LDLD_CN", 40, 67)]),
    (OWN, "12/QĐ-LĐLĐ", D(2024, 1, 10), 2023, [("CO_LDLD", 2, 5), ("BK_LDLD_TT", 10, 44), ("BK_LDLD_CN", 67, 122)]),
    (TLD, "8932/QĐ-TLĐ", D(2024, 3, 15), 2023, [("CO_TLD", 6, 8), ("BK_TLD_TT", 13, 20), ("BK_TLD_CN", 122, 139)]),
    (OWN, "398/QĐ-LĐLĐ", D(2024, 7, 20), None, [("BK_LDLD_TT", 20, 40), ("BK_LDLD_CN", 0, 25)]),
]
# How clerks write each award: (award, issuing body); "" leaves the body to the award.
SPELLINGS = {
    "CO_LDLD": [("Cờ thi đua", "LĐLĐ tỉnh"), ("Cờ thi đua của Liên đoàn Lao động tỉnh, thành phố", "")],
    "BK_LDLD_TT": [
        ("Bằng khen", "Liên đoàn Lao động tỉnh Nghệ An"),
        ("Bằng khen của LĐLĐ tỉnh", ""),
        ("Bằng khen", "Ban Thường vụ LĐLĐ tỉnh Nghệ An"),
    ],
    "BK_LDLD_CN": [
        ("Bằng khen", "LĐLĐ tỉnh"),
        ("Bằng khen của Liên đoàn Lao động tỉnh, thành phố (cá nhân)", ""),
        ("bằng khen", "liên đoàn lao động tỉnh nghệ an"),
    ],
    "CO_TLD": [("Cờ thi đua", "Tổng Liên đoàn"), ("Cờ thi đua TLĐ", "TLĐ")],
    "BK_TLD_TT": [("Bằng khen", "Tổng Liên đoàn Lao động Việt Nam"), ("Bằng khen của Tổng LĐLĐ VN", "")],
    "BK_TLD_CN": [("Bằng khen của Tổng Liên đoàn Lao động Việt Nam (cá nhân)", "TLĐ"), ("Bằng khen", "TLĐ")],
}
COLLECTIVE = {"CO_LDLD", "BK_LDLD_TT", "CO_TLD", "BK_TLD_TT"}
FAMILIES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ"]
MIDDLES = ["Văn", "Thị", "Hữu", "Đức", "Minh"]
GIVENS = [
    "An",
    "Bình",
    "Cường",
    "Dung",
    "Giang",
    "Hà",
    "Hải",
    "Hoa",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Oanh",
    "Phúc",
]
WORKPLACES = [
    "Trường Tiểu học",
    "Trường THCS",
    "Trường Mầm non",
    "Công ty Cổ phần May",
    "Bệnh viện Đa khoa",
    "Công ty TNHH Thủy sản",
    "Trạm Y tế",
]
PLACES = ["Hưng Bình", "Hưng Dũng", "Nghi Phú", "Nghi Thu", "Nghi Hương", "Cửa Lò", "Bến Thủy", "Quán Bàu"]


def _bonus(value, i):
    """The same bonus as clerks type it: Vietnamese dots, English commas, or a number."""
    return [f"{value:,}".replace(",", "."), f"{value:,}", value][i % 3]


@pytest.fixture
def province(world):
    """Liên đoàn Lao động tỉnh Nghệ An: 3 districts, 50 grassroots unions, 150 members with CCCDs, its staff."""
    na = add_org(world.root, "provincial_federation", "Liên đoàn Lao động tỉnh Nghệ An", code="NA")
    districts = [
        add_org(na, "district_federation", name, code=code)
        for name, code in (
            ("Liên đoàn Lao động thành phố Vinh", "NA-VIN"),
            ("Liên đoàn Lao động huyện Nghi Lộc", "NA-NL"),
            ("Liên đoàn Lao động thị xã Cửa Lò", "NA-CL"),
        )
    ]
    names = [f"Công đoàn {w} {p}" for p, w in itertools.product(PLACES, WORKPLACES)][:50]
    unions = [add_org(districts[i % 3], "grassroots", name, code=f"NA-{i + 1:03d}") for i, name in enumerate(names)]
    people = random.Random(7).sample(list(itertools.product(FAMILIES, MIDDLES, GIVENS)), 150)
    codes = allocate_member_codes(len(people))
    Member.objects.bulk_create(
        Member(
            organization=unions[i % len(unions)],
            member_code=codes[i],
            full_name=" ".join(p),
            search_name=fold(" ".join(p)),
            gender="female" if p[1] == "Thị" else "male",
            birth_date=D(1970 + i % 30, 1 + i % 12, 1 + i % 28),
            national_id=f"040{i % 2}{70 + i % 30:02d}{i:06d}",
        )
        for i, p in enumerate(people)
    )
    members = list(Member.objects.filter(member_code__in=codes).select_related("organization").order_by("member_code"))
    staff = UserFactory(username="staff_province")
    role(staff, na, "federation_staff")
    return type(
        "Province", (), {"na": na, "districts": districts, "unions": unions, "members": members, "staff": staff}
    )


def register_rows(province):
    """The rows of the register: one list of cells (after STT) per award, in decision order."""
    rows, n = [], itertools.count()
    for _by, number, signed_on, year, awards in DECISIONS:
        for code, first, last in awards:
            subjects = province.unions if code in COLLECTIVE else province.members
            for subject in subjects[first:last]:
                i = next(n)
                award, body = SPELLINGS[code][i % len(SPELLINGS[code])]
                date = signed_on if i % 2 else signed_on.strftime("%d/%m/%Y")
                kind = ["", "Tập thể" if code in COLLECTIVE else "Cá nhân"][i % 2]
                rows.append(
                    [kind, *_subject_cells(subject, code, i), award, body, number, date, year, _bonus(BONUS[code], i)]
                )
    return rows


def _subject_cells(subject, code, i):
    """Họ và tên, Ngày sinh, Số CCCD, Đơn vị: a union by name or code; a member by CCCD (text or number) or by
    name, date of birth and union."""
    if code in COLLECTIVE:
        return ["", "", "", subject.name if i % 2 else subject.code]
    mode = i % 3
    if mode == 0:
        return [subject.full_name, "", subject.national_id, subject.organization.name]
    if mode == 1:
        return [subject.full_name.upper(), "", int(subject.national_id), ""]  # Excel drops the leading zero
    return [subject.full_name, subject.birth_date, "", subject.organization.name]


def workbook(rows, *, title="DANH SÁCH KHEN THƯỞNG NĂM 2023 – THÁNG 9/2024", header=HEADER):
    wb = Workbook()
    ws = wb.active
    ws.title = "Khen thưởng"
    ws.append(["LIÊN ĐOÀN LAO ĐỘNG TỈNH NGHỆ AN"])
    ws.append([title])
    ws.append([])
    ws.append(header)
    for number, row in enumerate(rows, start=1):
        ws.append([number, *row])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def upload(client, org, content, name="khen-thuong.xlsx"):
    f = io.BytesIO(content)
    f.name = name
    response = client.post(reverse("awards:award_import"), {"organization": org.pk, "file": f})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportBatch.objects.get(pk=int(response.url.rstrip("/").split("/")[-1]))


def confirm(batch, user):
    import_batches.batch_confirm(actor=user, batch=batch)
    return import_batches.batch_run(batch.pk)


def test_a_province_register_of_360_awards(client, province, capsys):
    rows = register_rows(province)
    assert len(rows) == 360
    client.force_login(province.staff)
    started = time.perf_counter()
    batch = upload(client, province.na, workbook(rows))
    checked = time.perf_counter()
    assert batch.status == ImportBatch.Status.PREVIEWED, batch.errors[:5] or batch.message
    assert (batch.counts["new"], batch.total_rows) == (360, 360)
    assert not Award.objects.exists()  # nothing before confirming
    done = confirm(batch, province.staff)
    finished = time.perf_counter()
    assert (done.status, done.created_count) == (ImportBatch.Status.DONE, 360), done.message
    with capsys.disabled():
        print(
            f"\n360 awards: upload and check {checked - started:.2f} s, confirm (check again and write) "
            f"{finished - checked:.2f} s"
        )

    awards = Award.objects.filter(org_path__startswith=province.na.path)
    assert awards.count() == Award.objects.count() == 360
    split = Counter(
        (
            a.award_type.category,
            a.award_type.issuing_level,
            a.award_type.subject_kind,
            a.decision.issuer.code,
            a.external,
        )
        for a in awards.select_related("award_type", "decision__issuer")
    )
    assert split == {
        ("title", "provincial", "collective", "NA", False): 5,  # Cờ thi đua of the federation
        ("form", "provincial", "collective", "NA", False): 94,  # its Bằng khen to collectives
        ("form", "provincial", "individual", "NA", False): 217,  # … and to individuals: 311 Bằng khen
        ("title", "confederation", "collective", "TLD", False): 3,  # Cờ thi đua received from the confederation
        ("form", "confederation", "collective", "TLD", False): 12,  # Bằng khen from the confederation: 12 + 29 = 41
        ("form", "confederation", "individual", "TLD", False): 29,
    }
    assert not awards.filter(external=True).exists()
    decisions = Decision.objects.filter(awards__in=awards).distinct()
    assert decisions.count() == 7
    assert Counter(d.issuer.code for d in decisions) == {"NA": 5, "TLD": 2}
    assert all(not d.external and d.issuer_name == d.issuer.name for d in decisions)
    assert sum(a.bonus_amount for a in awards) == 864_000_000
    assert sum(a.bonus_amount for a in awards.filter(decision__issuer=province.na)) == 752_400_000
    member = province.members[1]
    assert awards.get(member=member, award_type__code="BK_LDLD_CN", year=2022).decision.number == "15/QĐ-LĐLĐ"
    assert (
        awards.get(member=member, award_type__code="BK_LDLD_CN", year=2024).history.first().history_user
        == province.staff
    )

    # The dashboard of the federation states the subjects, the bonuses and the split by award type, counted by the
    # year of the achievement (2022 achievements were decided in 2023); the report counts the own decisions.
    response = client.get(reverse("reports:dashboard"), {"org": province.na.pk, "period": "range:20220101-20241231"})
    shown = {f["code"]: f["value"] for f in response.context["figures"]}
    assert (shown["awards_individual"], shown["awards_collective"], shown["bonuses"]) == (246, 114, 864_000_000)
    chart = response.context["charts"]["awards_by_type"]
    assert sorted(chart["values"], reverse=True) == [217, 94, 29, 12, 5, 3]
    span = Period("range", D(2023, 1, 1), D(2024, 9, 30))
    assert figures.values(province.na, span, ["decisions"]) == {"decisions": 5}
    _the_federation_states_the_figures_of_its_report(client, province, span)


# (issued by, form of award) -> (collectives, individuals), as the federation's báo cáo states them.
STATED = {
    ("own", "co thi dua"): (5, 0),
    ("own", "bang khen"): (94, 217),  # 311 Bằng khen of its own
    ("above", "co thi dua"): (3, 0),
    ("above", "bang khen"): (12, 29),  # 41 Bằng khen received from the confederation
}


def _the_federation_states_the_figures_of_its_report(client, province, span):
    """Counted by the decisions' dates (01/2023 – 09/2024), in the dashboard, the report's workbook and its PDF."""
    from reports import builder, services
    from reports.award_totals import award_totals
    from tests.reports.test_reports import pdf_text

    totals = {(t.issuer, t.form): (t.collective, t.individual) for t in award_totals(province.na, span)}
    assert totals == STATED
    response = client.get(reverse("reports:dashboard"), {"org": province.na.pk, "period": "range:20230101-20240930"})
    shown = {(t.issuer, t.form): (t.collective, t.individual, t.total) for t in response.context["award_totals"]}
    assert shown[("own", "bang khen")] == (94, 217, 311) and shown[("above", "bang khen")] == (12, 29, 41)
    html = response.content.decode()
    assert "Bằng khen" in html and ">311<" in html.replace("<strong>", "").replace("</strong>", "")
    run = builder.build(services.report_request(actor=province.staff, organization=province.na, period=span).pk)
    with run.excel.open("rb") as f:
        sheet = load_workbook(io.BytesIO(f.read()))["Theo hình thức và cấp khen"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[2:] for r in rows] == [(5, 0, 5), (94, 217, 311), (3, 0, 3), (12, 29, 41)]
    text = pdf_text(run.pdf)
    assert "Bằng khen 94 217 311" in text and "Bằng khen 12 29 41" in text


def test_the_same_awards_again_add_nothing(client, province):
    rows = register_rows(province)[:60]
    client.force_login(province.staff)
    content = workbook(rows)
    confirm(upload(client, province.na, content), province.staff)
    assert Award.objects.count() == 60
    again = upload(client, province.na, content)  # the very same file
    assert again.status == ImportBatch.Status.INVALID and again.message
    resaved = upload(client, province.na, workbook(rows, title="DANH SÁCH KHEN THƯỞNG (bản gửi lại)"))
    assert resaved.status == ImportBatch.Status.PREVIEWED, resaved.errors[:3]
    assert (resaved.counts["unchanged"], resaved.counts["new"], resaved.error_count) == (60, 0, 0)
    assert confirm(resaved, province.staff).created_count == 0
    assert (Award.objects.count(), Decision.objects.count()) == (60, 1)


def test_one_bad_row_stores_nothing_and_names_row_and_column(client, province, world):
    rows = register_rows(province)[:20]
    rows[3][5] = "Bằng khen hạng Nhất"  # no such award (row 8: 4 title/header rows, then the 4th award)
    rows[4][1:5] = ["Hồ Văn Vắng", D(1980, 2, 3), "", ""]  # nobody of that name and birth date
    rows[5][4] = world.union_a1.code  # a union of Hà Nội, outside the province
    client.force_login(province.staff)
    batch = upload(client, province.na, workbook(rows))
    assert batch.status == ImportBatch.Status.INVALID
    errors = {e["row"]: " ".join(e["errors"]) for e in batch.errors}
    assert sorted(errors) == [8, 9, 10]
    assert "Hình thức khen thưởng (G)" in errors[8] and '"Bằng khen hạng Nhất"' in errors[8]
    assert "Họ và tên (C)" in errors[9] and "Hồ Văn Vắng" in errors[9]
    assert "Đơn vị (F)" in errors[10] and world.union_a1.code in errors[10] and province.na.name in errors[10]
    page = client.get(reverse("unions:import_detail", args=[batch.pk])).content.decode()
    assert "Bằng khen hạng Nhất" in page and world.union_a1.code in page
    with pytest.raises(Exception):  # noqa: B017 - a batch with errors cannot be confirmed
        import_batches.batch_confirm(actor=province.staff, batch=batch)
    assert not Award.objects.exists() and not Decision.objects.exists()


def test_awards_from_outside_the_union_are_external(client, province):
    member, union = province.members[0], province.unions[0]
    rows = [
        [
            "Cá nhân",
            member.full_name,
            "",
            member.national_id,
            "",
            "Bằng khen",
            "UBND tỉnh Nghệ An",
            "1234/QĐ-UBND",
            "12/06/2024",
            2023,
            "1.800.000",
        ],
        [
            "",
            member.full_name,
            member.birth_date,
            "",
            union.code,
            "Bằng khen của Thủ tướng Chính phủ",
            "Thủ tướng Chính phủ",
            "876/QĐ-TTg",
            D(2024, 9, 2),
            2024,
            5_400_000,
        ],
        ["", "", "", "", union.name, "Cờ thi đua", "Ban Thường vụ LĐLĐ tỉnh", "398/QĐ-LĐLĐ", D(2024, 7, 20), 2024, ""],
    ]
    client.force_login(province.staff)
    batch = upload(client, province.na, workbook(rows))
    assert batch.status == ImportBatch.Status.PREVIEWED, batch.errors
    confirm(batch, province.staff)
    stored = {a.award_type.code: a for a in Award.objects.select_related("award_type", "decision")}
    assert set(stored) == {"BK_UBND", "BK_TTG", "CO_LDLD"}
    assert stored["BK_UBND"].external and stored["BK_UBND"].decision.issuer is None
    assert stored["BK_UBND"].decision.issuer_name == "UBND tỉnh Nghệ An" and stored["BK_UBND"].decision.external
    assert stored["BK_TTG"].external and stored["BK_TTG"].bonus_amount == 5_400_000
    assert not stored["CO_LDLD"].external and stored["CO_LDLD"].decision.issuer == province.na


@pytest.mark.parametrize(
    ("cells", "column", "fragment"),
    [
        # The register form's rules hold for the import: a collective award goes to a unit of the federation.
        ({5: "TLD", 6: "Bằng khen", 7: "LĐLĐ tỉnh"}, "Đơn vị (F)", "TLD"),
        # The award and the issuing body must agree.
        ({6: "Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam", 7: "LĐLĐ tỉnh"}, "Cấp khen (H)", "Tổng Liên đoàn"),
        # Another union's awards are imported by that union.
        ({7: "LĐLĐ huyện Nghi Lộc"}, "Cấp khen (H)", "LĐLĐ huyện Nghi Lộc"),
        # A decision not yet signed.
        ({9: "01/01/2099", 10: ""}, "Ngày QĐ (J)", "01/01/2099"),
        # A bonus with decimals.
        ({11: "1,5"}, "Tiền thưởng (L)", '"1,5"'),
        # No date of the decision (and so no year to check the award against).
        ({9: "", 10: ""}, "Ngày QĐ (J)", "Ngày QĐ (J)"),
    ],
)
def test_row_errors_name_the_column(client, province, cells, column, fragment):
    row = [
        "",
        "",
        "",
        "",
        province.unions[0].code,
        "Bằng khen",
        "LĐLĐ tỉnh",
        "7/QĐ-LĐLĐ",
        "05/01/2024",
        2023,
        "3.600.000",
    ]
    for index, value in cells.items():
        row[index - 1] = value
    client.force_login(province.staff)
    batch = upload(client, province.na, workbook([row]))
    assert batch.status == ImportBatch.Status.INVALID, batch.preview
    message = " ".join(batch.errors[0]["errors"])
    assert column in message and fragment in message, message


def test_one_decision_on_two_dates_is_pointed_out(client, province):
    rows = [
        ["", "", "", "", union.code, "Bằng khen", "LĐLĐ tỉnh", "7/QĐ-LĐLĐ", date, 2023, ""]
        for union, date in ((province.unions[0], "05/01/2024"), (province.unions[1], "15/01/2024"))
    ]
    client.force_login(province.staff)
    batch = upload(client, province.na, workbook(rows))
    assert batch.status == ImportBatch.Status.PREVIEWED
    assert any("7/QĐ-LĐLĐ" in w and "05/01/2024, 15/01/2024" in w for w in batch.warnings), batch.warnings


def test_a_union_name_used_twice_asks_for_the_code(client, province):
    twin = add_org(province.districts[1], "grassroots", province.unions[0].name, code="NA-TWIN")
    row = ["", "", "", "", twin.name, "Bằng khen", "LĐLĐ tỉnh", "7/QĐ-LĐLĐ", "05/01/2024", 2023, ""]
    client.force_login(province.staff)
    batch = upload(client, province.na, workbook([row]))
    message = " ".join(batch.errors[0]["errors"])
    assert "Đơn vị (F)" in message and "NA-TWIN" in message and province.unions[0].code in message


def test_a_stored_award_with_another_bonus_is_not_changed(client, province):
    rows = register_rows(province)[:1]
    client.force_login(province.staff)
    confirm(upload(client, province.na, workbook(rows)), province.staff)
    rows[0][-1] = 2_000_000
    batch = upload(client, province.na, workbook(rows))
    assert batch.status == ImportBatch.Status.INVALID
    message = " ".join(batch.errors[0]["errors"])
    assert "Tiền thưởng (L)" in message and "4.680.000" in message
    assert Award.objects.get().bonus_amount == 4_680_000


def test_a_row_twice_in_the_file_and_an_award_of_another_decision(client, province):
    rows = register_rows(province)[:1]  # Cờ thi đua to the first union for 2022, decision 15/QĐ-LĐLĐ
    client.force_login(province.staff)
    confirm(upload(client, province.na, workbook(rows)), province.staff)
    other = [*rows[0][:7], "99/QĐ-LĐLĐ", "20/02/2023", *rows[0][9:]]
    batch = upload(client, province.na, workbook([other, other]))
    assert [e["row"] for e in batch.errors] == [5, 6]
    first, second = (" ".join(e["errors"]) for e in batch.errors)
    assert "15/QĐ-LĐLĐ" in first and "Hình thức khen thưởng (G)" in first  # stored from another decision
    assert "15/QĐ-LĐLĐ" not in second and " 5" in second  # the same award already on row 5
    assert Award.objects.count() == 1


def test_the_unique_constraints_are_the_last_guard(province):
    """Two writers between check and write: the second gets a ValidationError and stores nothing."""
    union = province.unions[0]
    past = PastAward(
        award_type=AwardType.objects.get(code="BK_LDLD_TT"),
        year=2023,
        organization=union,
        number="7/QĐ-LĐLĐ",
        signed_on=D(2024, 1, 5),
        issuer=province.na,
        issuer_name=province.na.name,
    )
    with pytest.raises(ValidationError):
        awards_import(actor=province.staff, organization=province.na, rows=[past, past])
    assert not Award.objects.exists() and not Decision.objects.exists()


def test_the_template_round_trip(client, province):
    client.force_login(province.staff)
    response = client.get(reverse("awards:award_import_template"))
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.getvalue()))
    ws, guide = wb.worksheets
    header = [c.value for c in ws[1]]
    award_column = next(i for i, title in enumerate(header) if title.startswith("Hình thức khen thưởng")) + 1
    validation = next(v for v in ws.data_validations.dataValidation if v.type == "list" and guide.title in v.formula1)
    assert ws.cell(row=2, column=award_column).coordinate in validation.sqref
    names = {row[0] for row in guide.iter_rows(values_only=True)}
    assert "Cờ thi đua của Liên đoàn Lao động tỉnh, thành phố" in names
    member = province.members[3]
    values = {
        "Họ và tên": member.full_name,
        "Số CCCD": member.national_id,
        "Hình thức khen thưởng *": "Bằng khen của Liên đoàn Lao động tỉnh, thành phố (cá nhân)",
        "Số quyết định *": "77/QĐ-LĐLĐ",
        "Ngày ký *": "30/09/2024",
        "Tiền thưởng (đồng)": "1.800.000",
    }
    for title, value in values.items():
        ws.cell(row=2, column=header.index(title) + 1, value=value)
    buffer = io.BytesIO()
    wb.save(buffer)
    batch = upload(client, province.na, buffer.getvalue())
    assert batch.status == ImportBatch.Status.PREVIEWED, batch.errors or batch.message
    confirm(batch, province.staff)
    award = Award.objects.get()
    assert (award.member, award.year, award.decision.issuer, award.bonus_amount) == (
        member,
        2024,
        province.na,
        1_800_000,
    )


def test_who_may_import(client, province, world):
    url = reverse("awards:award_import")
    assert client.get(url).url.startswith(reverse("login"))
    client.force_login(world.officer_union_a1)  # a grassroots officer has no federation to import into
    assert client.get(url).status_code == 403
    assert client.get(reverse("awards:award_import_template")).status_code == 403
    client.force_login(world.staff_district_a)  # staff of a district of Hà Nội: the province is not offered
    response = client.get(url)
    offered = list(response.context["form"].fields["organization"].queryset)
    assert world.district_a in offered and province.na not in offered
    f = io.BytesIO(workbook(register_rows(province)[:2]))
    f.name = "khen-thuong.xlsx"
    response = client.post(url, {"organization": province.na.pk, "file": f})
    assert response.status_code == 200 and response.context["form"].errors["organization"]
    assert not ImportBatch.objects.exists()
    f.seek(0)
    with pytest.raises(PermissionDenied):
        import_batches.batch_create(actor=world.staff_district_a, organization=province.na, upload=f, kind="awards")
    client.force_login(province.staff)
    page = client.get(reverse("awards:award_list")).content.decode()
    assert url in page  # the register links to the import


@pytest.mark.parametrize(
    ("text", "level", "subject", "code"),
    [
        ("BK_TLD_CN", None, None, "BK_TLD_CN"),
        ("bằng khen của liên đoàn lao động tỉnh, thành phố (tập thể)", None, None, "BK_LDLD_TT"),
        ("Bằng khen LĐLĐ tỉnh", None, "individual", "BK_LDLD_CN"),
        ("Bằng khen", "confederation", "collective", "BK_TLD_TT"),
        ("Bằng khen UBND tỉnh", None, "individual", "BK_UBND"),
        ("BK Thủ tướng Chính phủ", None, None, "BK_TTG"),
        ("Cờ thi đua", "provincial", None, "CO_LDLD"),
        ("Cờ thi đua Tổng LĐ", None, None, "CO_TLD"),
        ("Giấy khen", "upper", "individual", "GK_CD_CN"),
        ("Lao động tiên tiến", None, None, "LDTT"),
        ("Bằng khen hạng Nhất", "provincial", "individual", None),  # other words name another award
        ("Bằng khen", None, "individual", None),  # no body given: which Bằng khen is unknown
    ],
)
def test_award_names_clerks_write(award_catalogue, text, level, subject, code):
    found = Catalogue(AwardType.objects.filter(active=True)).find(text, level=level, subject=subject)
    assert [t.code for t in found] == ([code] if code else [])


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("LĐLĐ tỉnh", "NA"),
        ("Ban Thường vụ Liên đoàn Lao động tỉnh Nghệ An", "NA"),
        ("LĐLĐ Nghệ An", "NA"),
        ("TLĐ", "TLD"),
        ("Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam", "TLD"),
        ("UBND tỉnh", None),
        ("Chủ tịch nước", None),
        ("LĐLĐ huyện Nghi Lộc", None),
    ],
)
def test_issuing_bodies_clerks_write(province, text, found):
    org = Issuers(province.na, Organization.objects.get_ancestors(province.na)).find(text)
    assert (org.code if org else None) == found


def test_collectives_of_every_level_receive_awards(client, province):
    """A district federation, the federation itself and a division are collectives too (Cờ thi đua of the
    confederation to the provincial federation; Bằng khen of the province to a district federation)."""
    rows = [
        ["", "", "", "", "NA-VIN", "Bằng khen", "LĐLĐ tỉnh", "7/QĐ-LĐLĐ", "05/01/2024", 2023, "3.600.000"],
        ["", "", "", "", "NA", "Cờ thi đua", "Tổng Liên đoàn", "9/QĐ-TLĐ", "05/02/2024", 2023, "5.400.000"],
    ]
    client.force_login(province.staff)
    batch = upload(client, province.na, workbook(rows))
    assert batch.status == ImportBatch.Status.PREVIEWED, batch.errors
    confirm(batch, province.staff)
    assert set(Award.objects.values_list("organization__code", "award_type__code")) == {
        ("NA-VIN", "BK_LDLD_TT"),
        ("NA", "CO_TLD"),
    }
