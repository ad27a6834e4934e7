"""A sector union's own Cờ thi đua and Bằng khen (CO_CDN, BK_CDN_*), told apart from a provincial federation's.

Both confer their own at the provincial level (QĐ 999/QĐ-TLĐ). A register that says only "Bằng khen" means
the award of the body that gave it: the sector union's in a sector union, the federation's in a federation;
a decision confers only its issuer's own, and a report counts either under "Bằng khen".
"""

import datetime
import itertools
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from awards.award_names import Catalogue
from awards.models import Award, AwardType, Decision, Proposal
from awards.services import decisions, proposals
from reports.award_totals import award_totals
from reports.periods import Period
from tests.awards.test_award_import import confirm, upload, workbook
from tests.factories import MemberFactory, UserFactory, add_org, role
from unions.models import ImportBatch

D = datetime.date
Y = 2025
DAY = D(2025, 12, 20)
_ids = itertools.count(1)
GIVEN = ["Hằng", "Lan", "Mai", "Hùng", "Nam", "Oanh", "Phúc"]


def t(code):
    return AwardType.objects.get(code=code)


def _body(parent, kind, name, code):
    """A body that confers awards, two grassroots unions with a member each, and its staff."""
    body = add_org(parent, kind, name, code=code)
    unions = [add_org(body, "grassroots", f"Công đoàn Trường {n} ({code})", code=f"{code}-{n}") for n in (1, 2)]
    members = [
        MemberFactory(
            organization=u, full_name=f"Phạm Thị {GIVEN[next(_ids) % len(GIVEN)]}", national_id=f"0011{next(_ids):08d}"
        )
        for i, u in enumerate(unions)
    ]
    staff = UserFactory(username=f"staff_{code.lower()}")
    role(staff, body, "federation_staff")
    officer = UserFactory(username=f"officer_{code.lower()}")
    role(officer, unions[0], "union_officer")
    return SimpleNamespace(org=body, unions=unions, members=members, staff=staff, officer=officer)


@pytest.fixture
def education(world):
    """Công đoàn Giáo dục Việt Nam: a sector union under the confederation."""
    return _body(world.root, "sector_union", "Công đoàn Giáo dục Việt Nam", "CDGD")


@pytest.fixture
def city(world):
    """Hà Nội's provincial federation, with two grassroots unions of its own."""
    unions = [add_org(world.city, "grassroots", f"Công đoàn Bệnh viện {n}", code=f"HN-BV{n}") for n in (1, 2)]
    members = [
        MemberFactory(organization=u, full_name=f"Đỗ Văn {GIVEN[i]}", national_id=f"00109100{i:04d}")
        for i, u in enumerate(unions)
    ]
    staff = UserFactory(username="staff_city")
    role(staff, world.city, "federation_staff")
    officer = UserFactory(username="officer_hn_bv1")
    role(officer, unions[0], "union_officer")
    return SimpleNamespace(org=world.city, unions=unions, members=members, staff=staff, officer=officer)


def _rows(body, issuer):
    """A register that names its awards as clerks do: "Bằng khen" with the body in its own column."""
    collective, individual = body.unions[0], body.members[1]
    return [
        ["Tập thể", "", "", "", collective.code, "Bằng khen", issuer, "5/QĐ", "10/01/2024", 2023, ""],
        [
            "Cá nhân",
            individual.full_name,
            "",
            individual.national_id,
            "",
            "Bằng khen",
            issuer,
            "5/QĐ",
            "10/01/2024",
            2023,
            "",
        ],
        ["Tập thể", "", "", "", body.unions[1].code, "Cờ thi đua", issuer, "5/QĐ", "10/01/2024", 2023, ""],
    ]


def _imported(client, body, rows):
    client.force_login(body.staff)
    batch = upload(client, body.org, workbook(rows))
    assert batch.status == ImportBatch.Status.PREVIEWED, batch.errors
    confirm(batch, body.staff)
    return set(Award.objects.values_list("award_type__code", "decision__issuer__code"))


def test_a_sector_unions_bang_khen_is_its_own(client, education):
    awarded = _imported(client, education, _rows(education, "Công đoàn Giáo dục Việt Nam"))
    assert awarded == {("BK_CDN_TT", "CDGD"), ("BK_CDN_CN", "CDGD"), ("CO_CDN", "CDGD")}


def test_the_award_named_with_the_sector_union_and_no_body(client, education):
    """'Bằng khen Công đoàn ngành Giáo dục' with the issuing body left empty: the sector union gave it."""
    rows = [[*row[:5], "Bằng khen Công đoàn ngành Giáo dục", "", *row[7:]] for row in _rows(education, "")[:2]]
    assert _imported(client, education, rows) == {("BK_CDN_TT", "CDGD"), ("BK_CDN_CN", "CDGD")}


def test_the_same_file_in_a_provincial_federation_means_its_bang_khen(client, city):
    awarded = _imported(client, city, _rows(city, "Liên đoàn Lao động thành phố Hà Nội"))
    assert awarded == {("BK_LDLD_TT", "HN"), ("BK_LDLD_CN", "HN"), ("CO_LDLD", "HN")}


def test_a_federation_does_not_import_a_sector_unions_award_as_its_own(client, city):
    rows = [[*row[:5], "Bằng khen Công đoàn ngành Giáo dục", "", *row[7:]] for row in _rows(city, "")[:1]]
    rows.append([*_rows(city, "")[1][:5], "Bằng khen Công đoàn ngành Giáo dục", "LĐLĐ thành phố", *rows[0][7:]])
    client.force_login(city.staff)
    batch = upload(client, city.org, workbook(rows))
    assert batch.status == ImportBatch.Status.INVALID
    assert [e["row"] for e in batch.errors] == [5, 6]
    assert all("Cấp khen (H)" in " ".join(e["errors"]) for e in batch.errors), batch.errors
    assert not Award.objects.exists()


@pytest.mark.parametrize(
    ("text", "level", "subject", "body", "code"),
    [
        ("Bằng khen", "provincial", "individual", "sector_union", "BK_CDN_CN"),
        ("Bằng khen", "provincial", "collective", "provincial_federation", "BK_LDLD_TT"),
        ("Bằng khen", "provincial", "collective", None, "BK_LDLD_TT"),  # no body said: the federation's
        ("Cờ thi đua", "provincial", None, "sector_union", "CO_CDN"),
        ("Bằng khen CĐ ngành Y tế", None, "collective", None, "BK_CDN_TT"),
        ("Cờ thi đua Công đoàn ngành Giáo dục", None, None, "provincial_federation", "CO_CDN"),  # the name wins
        ("Bằng khen LĐLĐ tỉnh", None, "individual", "sector_union", "BK_LDLD_CN"),
        ("Bằng khen của Công đoàn ngành Trung ương và tương đương (cá nhân)", None, None, None, "BK_CDN_CN"),
        ("Bằng khen", "confederation", "individual", "sector_union", "BK_TLD_CN"),  # another level: no kind
        # A central sector union by its own name, without "ngành" and with no issuer column.
        ("Bằng khen Công đoàn Giáo dục Việt Nam", None, "individual", None, "BK_CDN_CN"),
        ("Cờ thi đua CĐ Y tế VN", None, None, None, "CO_CDN"),
        ("Bằng khen Công đoàn Công an nhân dân", None, "collective", None, "BK_CDN_TT"),
        # ... but a company's grassroots union stays a grassroots union, and the Confederation itself.
        ("Bằng khen Tổng Liên đoàn Lao động Việt Nam", None, "individual", None, "BK_TLD_CN"),
        ("Giấy khen Công đoàn Công ty TNHH Samsung Việt Nam", "grassroots", "individual", None, None),
    ],
)
def test_award_names_by_body(text, level, subject, body, code):
    found = Catalogue(AwardType.objects.filter(active=True)).find(text, level=level, subject=subject, body=body)
    assert [a.code for a in found] == ([code] if code else [])


def _propose(officer, union, lines):
    p = proposals.proposal_create(actor=officer, from_org=union, year=Y, title="Đề nghị khen thưởng năm 2025")
    for subject, code in lines:
        kind = {"member": subject} if hasattr(subject, "full_name") else {"organization": subject}
        proposals.line_add(actor=officer, proposal=p, award_type=t(code), **kind)
    return p


def _through_council(staff, officer, p):
    for line in p.lines.all():
        proposals.line_override(actor=staff, line=line, reason="Thành tích xuất sắc, được Ban Thường vụ thống nhất")
    proposals.proposal_submit(actor=officer, proposal=p)
    proposals.proposal_start_review(actor=staff, proposal=p)
    proposals.notice_publish(actor=staff, proposal=p, starts_on=DAY, ends_on=DAY + datetime.timedelta(days=5))
    proposals.council_record(
        actor=staff,
        proposal=p,
        held_on=DAY,
        members_total=9,
        members_present=9,
        chair="Nguyễn Thùy Chi",
        votes={line.pk: (9, 0) for line in p.lines.all()},
    )


def _issue(staff, p, number):
    return decisions.decision_issue(
        actor=staff, proposal=p, number=number, signed_on=DAY, signer_name="Nguyễn Ngọc Ân", signer_title="Chủ tịch"
    )


def test_a_sector_unions_decision_confers_its_flag_and_bang_khen(education):
    union, member = education.unions[0], education.members[0]
    p = _propose(education.officer, union, [(union, "CO_CDN"), (member, "BK_CDN_CN")])
    _through_council(education.staff, education.officer, p)
    decision, child = _issue(education.staff, p, "45/QĐ-CĐGD")
    assert child is None and decision.issuer == education.org
    awards = {a.award_type.code: a for a in Award.objects.filter(decision=decision).select_related("award_type")}
    assert set(awards) == {"CO_CDN", "BK_CDN_CN"}
    assert awards["CO_CDN"].organization == union and awards["BK_CDN_CN"].member == member
    # The coefficients of the federation's equivalents (1.5 and 1.0 × the base salary, rounded up).
    base = decisions.base_salary_on(DAY)
    assert awards["CO_CDN"].bonus_amount == decisions.bonus_for("1.5", base)
    assert awards["BK_CDN_CN"].bonus_amount == decisions.bonus_for("1.0", base)


def test_a_provincial_sector_union_forwards_its_federations_bang_khen(world):
    """Công đoàn ngành Giáo dục Hà Nội gives its own Bằng khen and sends the federation's up to the federation."""
    sector = _body(world.city, "sector_union", "Công đoàn ngành Giáo dục thành phố Hà Nội", "HN-GD")
    member = sector.members[0]
    p = _propose(sector.officer, sector.unions[0], [(member, "BK_CDN_CN"), (member, "BK_LDLD_CN")])
    _through_council(sector.staff, sector.officer, p)
    decision, child = _issue(sector.staff, p, "12/QĐ-CĐN")
    assert list(Award.objects.filter(decision=decision).values_list("award_type__code", flat=True)) == ["BK_CDN_CN"]
    assert child.to_org == world.city
    assert list(child.lines.values_list("award_type__code", "member")) == [("BK_LDLD_CN", member.pk)]


def test_a_federation_does_not_confer_a_sector_unions_award(city):
    """Nor does it forward it to the confederation, which would give it as nobody's own."""
    union = city.unions[0]
    p = _propose(city.officer, union, [(union, "BK_CDN_TT"), (city.members[0], "BK_LDLD_CN")])
    _through_council(city.staff, city.officer, p)
    with pytest.raises(ValidationError) as refused:
        _issue(city.staff, p, "3/QĐ-LĐLĐ")
    assert "Bằng khen của Công đoàn ngành" in str(refused.value) and union.name in str(refused.value)
    assert not Decision.objects.exists() and not Award.objects.exists()
    assert Proposal.objects.get(pk=p.pk).status == Proposal.Status.COUNCIL


def test_the_report_counts_a_sector_unions_bang_khen_as_bang_khen(client, education):
    _imported(client, education, _rows(education, "CĐ Giáo dục Việt Nam"))
    totals = {
        (x.issuer, x.form): (x.collective, x.individual)
        for x in award_totals(education.org, Period("year", D(2024, 1, 1), D(2024, 12, 31)))
    }
    assert totals == {("own", "bang khen"): (1, 1), ("own", "co thi dua"): (1, 0)}
