"""Demo ratings 2023–2025, awards decided by the demo federations, an external award and discipline cases."""

import datetime
import math
import random

from unions.models import Member, MemberStatus, Organization, OrgKind

from .models import Award, AwardType, Decision, DisciplineRecord, PerformanceRating

BASE_SALARY = 2_340_000  # since 1/7/2024
DISTRICTS = ["HN-BTL", "HN-TH", "HN-TT", "PT-LT"]
YEARS = (2023, 2024, 2025)
SIGNERS = {
    "HN-BTL": ("Nguyễn Thùy Chi", "Phó Chủ tịch"),
    "HN-TH": ("Nguyễn Văn Vinh", "Chủ tịch"),
    "HN-TT": ("Trịnh Thị Phương Thảo", "Chủ tịch"),
    "PT-LT": ("Nguyễn Văn Hùng", "Chủ tịch"),
}


def bonus(award_type):
    """Coefficient × base salary, rounded up to 10.000 đ."""
    return int(math.ceil(float(award_type.bonus_coefficient) * BASE_SALARY / 10_000) * 10_000)


class Loader:
    def __init__(self):
        self.rng = random.Random(2025)

    def run(self):
        if PerformanceRating.objects.exists():
            return "already loaded"
        types = {t.code: t for t in AwardType.objects.all()}
        ratings = awards = 0
        for code in DISTRICTS:
            district = Organization.objects.filter(code=code).first()
            if district is None:
                continue
            unions = list(
                Organization.objects.filter(
                    kind=OrgKind.GRASSROOTS, path__startswith=district.path, dissolved_on__isnull=True
                ).order_by("code")
            )
            for year in YEARS:
                rows = self._ratings(unions, year)
                ratings += len(rows)
                if year > 2023:
                    awards += self._decide(district, unions, year, rows, types)
        self._extras(types)
        proposals = self._proposals(types)
        return f"{ratings} ratings, {awards} awards, {proposals} proposals"

    def _ratings(self, unions, year):
        rows = []
        for union in unions:
            for member in Member.objects.filter(
                organization__path__startswith=union.path, status=MemberStatus.ACTIVE
            ).order_by("pk"):
                roll = self.rng.random()
                rating = "HTXS" if roll < 0.15 else "HTT" if roll < 0.75 else "HT" if roll < 0.97 else "KHT"
                rows.append(
                    PerformanceRating(
                        organization=member.organization,
                        member=member,
                        year=year,
                        rating=rating,
                        months_worked=12 if self.rng.random() > 0.03 else 8,
                    )
                )
            rows.append(
                PerformanceRating(organization=union, year=year, rating="HTXS" if self.rng.random() < 0.3 else "HTT")
            )
        PerformanceRating.objects.bulk_create(rows)
        return rows

    def _decide(self, district, unions, year, rows, types):
        signer, title = SIGNERS[district.code]
        decision = Decision.objects.create(
            number=f"{self.rng.randint(100, 400)}/QĐ-LĐLĐ",
            signed_on=datetime.date(year, 12, 22),
            issuer=district,
            issuer_name=district.name,
            signer_name=signer,
            signer_title=title,
            legal_basis="Luật Thi đua, khen thưởng số 06/2022/QH15; Quy chế khen thưởng của tổ chức Công đoàn",
        )
        awards, number = [], 0
        for r in rows:
            if r.member_id and r.rating in ("HTXS", "HTT") and r.months_worked >= 10:
                code = "CSTDCS" if r.rating == "HTXS" and self.rng.random() < 0.5 else "LDTT"
            elif r.member_id is None and r.rating in ("HTXS", "HTT"):
                code = "TTLDTT"
            else:
                continue
            number += 1
            awards.append(
                Award(
                    award_type=types[code],
                    organization=r.organization,
                    member_id=r.member_id,
                    year=year,
                    decision=decision,
                    bonus_amount=bonus(types[code]),
                    certificate_number=f"{year}-{number:04d}",
                    gold_book_number=f"SV-{district.code}-{year}-{number:04d}",
                )
            )
        Award.objects.bulk_create(awards)
        return len(awards)

    def _extras(self, types):
        member = Member.objects.filter(organization__code="HN-BTL-001").order_by("pk").first()
        if member:
            decision = Decision.objects.create(
                number="2150/QĐ-UBND",
                signed_on=datetime.date(2024, 4, 28),
                issuer_name="Ủy ban nhân dân thành phố Hà Nội",
                signer_name="Trần Sỹ Thanh",
                signer_title="Chủ tịch",
                external=True,
            )
            Award.objects.create(
                award_type=types["BK_UBND"],
                organization=member.organization,
                member=member,
                year=2024,
                decision=decision,
                external=True,
                certificate_number="UB-2150-17",
                achievement="Có thành tích xuất sắc trong phong trào thi đua yêu nước",
            )
        culprits = list(Member.objects.filter(organization__code="HN-BTL-002").order_by("-pk")[:2])
        if len(culprits) == 2:
            DisciplineRecord.objects.create(
                organization=culprits[0].organization,
                member=culprits[0],
                level="reprimand",
                opened_on=datetime.date(2025, 3, 3),
                decided_on=datetime.date(2025, 4, 10),
                decision_number="12/QĐ-KL",
                reason="Vi phạm nội quy an toàn lao động",
            )
            DisciplineRecord.objects.create(
                organization=culprits[1].organization,
                member=culprits[1],
                level="warning",
                opened_on=datetime.date(2026, 10, 2),
                reason="Đang xem xét vi phạm quy trình kiểm tra chất lượng",
            )

    def _proposals(self, types):
        """One proposal in each state for 2026 under Bắc Từ Liêm, so every page has content."""
        from .models import CouncilSession, Proposal, ProposalLine, PublicNotice, Revocation

        district = Organization.objects.filter(code="HN-BTL").first()
        if district is None:
            return 0
        unions = list(
            Organization.objects.filter(kind=OrgKind.GRASSROOTS, path__startswith=district.path).order_by("code")
        )
        states = ["draft", "submitted", "under_review", "returned", "public_notice", "council", "decided", "rejected"]
        council = CouncilSession.objects.create(
            organization=district,
            held_on=datetime.date(2026, 11, 10),
            members_total=9,
            members_present=8,
            chair="Nguyễn Thùy Chi",
        )
        for i, status in enumerate(states):
            union = unions[i % len(unions)]
            proposal = Proposal.objects.create(
                title=f"Đề nghị khen thưởng đợt {i + 1} năm 2026 – {union.short_name or union.name}",
                from_org=union,
                to_org=district,
                year=2026,
                status=status,
                return_reason="Bổ sung biên bản họp bình xét" if status == "returned" else "",
                council_session=council if status in ("council", "decided") else None,
                decision=Decision.objects.filter(issuer=district).order_by("-signed_on").first()
                if status == "decided"
                else None,
            )
            members = Member.objects.filter(
                organization__path__startswith=union.path, status=MemberStatus.ACTIVE
            ).order_by("pk")[:3]
            line_status = {"council": "approved", "decided": "awarded", "rejected": "rejected"}.get(status, "proposed")
            for member in members:
                ProposalLine.objects.create(
                    proposal=proposal,
                    organization=member.organization,
                    member=member,
                    award_type=types["LDTT"],
                    achievement="Hoàn thành xuất sắc nhiệm vụ, tích cực tham gia phong trào thi đua",
                    eligibility_status="pass",
                    status=line_status,
                    votes_yes=8 if status in ("council", "decided") else None,
                    votes_no=1 if status in ("council", "decided") else None,
                )
            if status in ("public_notice", "council", "decided"):
                PublicNotice.objects.create(
                    proposal=proposal, starts_on=datetime.date(2026, 11, 1), ends_on=datetime.date(2026, 11, 7)
                )
        revoked = Award.objects.filter(award_type__code="LDTT", year=2024, member__isnull=False).order_by("pk").first()
        if revoked:
            revoked.status = Award.Status.REVOKED
            revoked.save(update_fields=["status"])
            Revocation.objects.create(
                award=revoked,
                ground="a",
                decision_number="45/QĐ-LĐLĐ",
                decided_on=datetime.date(2025, 5, 12),
                bonus_recovered=revoked.bonus_amount,
                note="Kê khai không đúng thời gian công tác",
            )
        return len(states)
