"""History behind the seed articles' figures, so that reports of past terms state them exactly.

- LĐLĐ quận Bắc Từ Liêm, term 2018–2023: 16 "Công nhân giỏi Thủ đô" and 247 "Công nhân giỏi quận".
- LĐLĐ tỉnh Phú Thọ, 2016–2020: 10.354 collective and 29.325 individual conferrals, 45.023 initiatives.
"""

import datetime
import random

from awards.models import Award, AwardType, Decision
from campaigns.models import Initiative
from core.text import fold
from unions.models import Member, Organization, OrgKind
from unions.services.members import allocate_member_codes

BTL_TERM = range(2018, 2024)
PT_YEARS = range(2016, 2021)
PT_TARGETS = {"collective": 10_354, "individual": 29_325, "initiatives": 45_023}
PT_DISTRICTS = [
    "Thanh Ba",
    "Hạ Hòa",
    "Cẩm Khê",
    "Yên Lập",
    "Tam Nông",
    "Thanh Sơn",
    "Thanh Thủy",
    "Phù Ninh",
    "Đoan Hùng",
    "Tân Sơn",
    "Việt Trì",
    "thị xã Phú Thọ",
]
PT_UNION_KINDS = [
    "Trường Tiểu học",
    "Trường THCS",
    "Trường Mầm non",
    "Trạm Y tế",
    "Công ty TNHH May",
    "Công ty Cổ phần Chè",
    "Hợp tác xã",
    "Công ty Cổ phần Gạch",
]


class Loader:
    def __init__(self):
        self.rng = random.Random(2016)
        self.types = {t.code: t for t in AwardType.objects.all()}

    def run(self):
        if Organization.objects.filter(code="PT-TB").exists() or not self.types:
            return "already loaded"
        btl = self._btl()
        pt = self._phu_tho()
        return f"{btl} historical awards in Bắc Từ Liêm, {pt} historical records in Phú Thọ"

    def _decision(self, issuer, year, number):
        return Decision.objects.create(
            number=number,
            signed_on=datetime.date(year, 12, 26),
            issuer=issuer,
            issuer_name=issuer.name,
            signer_name="Ban Thường vụ",
            signer_title="TM. Ban Thường vụ",
        )

    def _btl(self):
        btl, hanoi = Organization.objects.get(code="HN-BTL"), Organization.objects.get(code="HN")
        members = list(Member.objects.filter(organization__path__startswith=btl.path).order_by("pk"))
        awards = []
        for code, issuer, total in (("CNG_TD", hanoi, 16), ("CNG_Q", btl, 247)):
            slots = [(y, m) for y in BTL_TERM for m in members]
            self.rng.shuffle(slots)
            decisions = {y: self._decision(issuer, y, f"{self.rng.randint(100, 999)}/QĐ-{code}") for y in BTL_TERM}
            awards += [
                Award(award_type=self.types[code], organization=m.organization, member=m, year=y, decision=decisions[y])
                for y, m in slots[:total]
            ]
        Award.objects.bulk_create(awards)
        return len(awards)

    def _phu_tho(self):
        province = Organization.objects.get(code="PT")
        unions = self._pt_unions(province)
        members = self._pt_members(unions)
        decisions = {y: self._decision(province, y, f"{y}/QĐ-LĐLĐ-TK") for y in PT_YEARS}
        collective_types = ["TTLDTT", "GK_CD_TT", "TTLDXS", "BK_LDLD_TT", "BK_TLD_TT"]
        individual_types = ["LDTT", "GK_CD_CN", "CSTDCS"]
        rows = []
        for i, (y, code, union) in enumerate((y, c, u) for y in PT_YEARS for c in collective_types for u in unions):
            if i == PT_TARGETS["collective"]:
                break
            rows.append(Award(award_type=self.types[code], organization=union, year=y, decision=decisions[y]))
        for i, (y, code, m) in enumerate((y, c, m) for y in PT_YEARS for c in individual_types for m in members):
            if i == PT_TARGETS["individual"]:
                break
            rows.append(
                Award(award_type=self.types[code], organization=m.organization, member=m, year=y, decision=decisions[y])
            )
        Award.objects.bulk_create(rows, batch_size=2000)
        initiatives = []
        for i in range(PT_TARGETS["initiatives"]):
            union, y = unions[i % len(unions)], PT_YEARS[i % len(PT_YEARS)]
            title = f"Sáng kiến cải tiến số {i + 1:05d} của {union.short_name}"
            initiatives.append(
                Initiative(
                    title=title,
                    search_title=fold(title),
                    kind="technical" if i % 3 else "experience",
                    organization=union,
                    year=y,
                    status=Initiative.Status.RECOGNISED,
                    scope="provincial" if i % 25 == 0 else "grassroots",
                    recognised_on=datetime.date(y, 11, 20),
                    recognised_by="Hội đồng sáng kiến",
                    estimated_benefit=self.rng.randrange(2, 60) * 1_000_000,
                )
            )
        Initiative.objects.bulk_create(initiatives, batch_size=2000)
        return len(rows) + len(initiatives)

    def _pt_unions(self, province):
        unions = []
        for d, district_name in enumerate(PT_DISTRICTS):
            label = district_name if district_name.startswith("thị xã") else f"huyện {district_name}"
            if district_name == "Việt Trì":
                label = "thành phố Việt Trì"
            code = "PT-TB" if d == 0 else f"PT-H{d:02d}"
            district = Organization.objects.add_child(
                Organization.objects.get(pk=province.pk),
                create_kwargs={
                    "code": code,
                    "name": f"Liên đoàn Lao động {label}",
                    "short_name": f"LĐLĐ {label}",
                    "kind": OrgKind.DISTRICT_FEDERATION,
                    "founded_on": datetime.date(2000, 1, 1),
                },
            )
            for u in range(35):
                kind = PT_UNION_KINDS[(d + u) % len(PT_UNION_KINDS)]
                name = f"Công đoàn {kind} số {u + 1} {district_name}"
                sector = (
                    "education"
                    if kind.startswith("Trường")
                    else "health"
                    if kind.startswith("Trạm")
                    else "private_enterprise"
                )
                unions.append(
                    Organization.objects.add_child(
                        Organization.objects.get(pk=district.pk),
                        create_kwargs={
                            "code": f"{code}-{u + 1:03d}",
                            "name": name,
                            "short_name": f"CĐ {kind} {u + 1}",
                            "kind": OrgKind.GRASSROOTS,
                            "sector": sector,
                            "founded_on": datetime.date(2005, 1, 1),
                        },
                    )
                )
        return unions

    def _pt_members(self, unions):
        from unions import demo as union_demo

        people = list(union_demo.people(self.rng, 2000, "education", "PT"))
        codes = allocate_member_codes(len(people))
        members = []
        for i, (person, code) in enumerate(zip(people, codes, strict=True)):
            person = {**person, "national_id": None}
            members.append(
                Member(
                    organization=unions[i % len(unions)],
                    member_code=code,
                    search_name=fold(person["full_name"]),
                    **person,
                )
            )
        return Member.objects.bulk_create(members, batch_size=1000)
