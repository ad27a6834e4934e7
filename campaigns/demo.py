"""Demo campaigns of the seed federations for 2024–2026: launches, registrations, initiatives, works."""

import datetime
import random
from decimal import Decimal

from django.db.models import Count

from unions.models import Member, MemberStatus, Organization, OrgKind

from .models import (
    Campaign,
    CampaignLaunch,
    Cluster,
    ClusterMember,
    Contest,
    ContestResult,
    EmulationPact,
    Initiative,
    InitiativeAuthor,
    Registration,
    ResearchProject,
    StandardCampaign,
    WorkProduct,
)

# (organiser code, standard code, years)
PLAN = [
    ("HN", "LDG-LDST", (2024, 2025, 2026)),
    ("HN", "GVN-DVN", (2025, 2026)),
    ("HN-BTL", "CNG", (2024, 2025, 2026)),
    ("HN-TH", "DTHT", (2025, 2026)),
    ("PT", "LDG-LDST", (2024, 2025, 2026)),
]
# Unions that have not launched the 2026 campaigns yet (they get reminders).
LATE = {"HN-BTL-002", "HN-TT-003", "PT-LT-003"}
INITIATIVES = [
    ("technical", "Cải tiến đồ gá kẹp phôi trên máy phay CNC"),
    ("technical", "Hệ thống thu hồi nhiệt thải lò sấy"),
    ("management", "Quản lý lịch trực và chấm công bằng phần mềm dùng chung"),
    ("operational", "Quy trình kiểm tra chất lượng sản phẩm theo ca"),
    ("tech_application", "Ứng dụng cảm biến tự động tắt đèn khu vực kho"),
    ("experience", "Tổ chức hoạt động trải nghiệm cho trẻ mầm non bằng vật liệu tái chế"),
    ("experience", "Nâng cao kỹ năng đọc hiểu cho học sinh lớp 4 qua thư viện lớp học"),
    ("management", "Số hóa hồ sơ đoàn viên công đoàn cơ sở"),
]


class Loader:
    def __init__(self):
        self.rng = random.Random(2026)

    def run(self):
        if not Organization.objects.filter(code="HN").exists():
            return "skipped (load the unions demo first)"
        campaigns = [self._campaign(org, std, year) for org, std, years in PLAN for year in years]
        launches = sum(self._launches(c) for c in campaigns if c.status != Campaign.Status.DRAFT)
        registrations = sum(self._registrations(c) for c in campaigns if c.status != Campaign.Status.DRAFT)
        initiatives = self._initiatives()
        works = self._works()
        clusters = self._clusters()
        return (
            f"{len(campaigns)} campaigns, {launches} new launches, {registrations} new registrations, "
            f"{initiatives} new initiatives, {works} new works and research projects, "
            f"{clusters} new clusters and contests"
        )

    def _campaign(self, organizer_code, standard_code, year):
        organizer = Organization.objects.get(code=organizer_code)
        standard = StandardCampaign.objects.get(code=standard_code)
        closed = year < 2026
        campaign, _created = Campaign.objects.get_or_create(
            code=f"{organizer_code}-{standard_code}-{year}",
            defaults={
                "name": f"{standard.name} năm {year}",
                "kind": standard.kind,
                "slogan": standard.slogan,
                "organizer": organizer,
                "standard": standard,
                "year": year,
                "start_on": datetime.date(year, 1, 1),
                "end_on": datetime.date(year, 12, 31),
                "registration_deadline": datetime.date(year, 3, 31) if closed else datetime.date(year, 12, 31),
                "midterm_review_on": datetime.date(year, 6, 15),
                "final_review_on": datetime.date(year, 12, 15),
                "target_sectors": standard.target_sectors,
                "target_group": standard.target_group,
                "titles": standard.titles + (["Tập thể lao động tiên tiến"] if standard.code == "CNG" else []),
                "status": Campaign.Status.CLOSED if closed else Campaign.Status.LAUNCHED,
                "launched_on": datetime.date(year, 1, 15),
                "launch_document": f"{year % 100:02d}/KH-LĐLĐ",
            },
        )
        return campaign

    def _targets(self, campaign):
        unions = Organization.objects.filter(
            kind=OrgKind.GRASSROOTS, dissolved_on__isnull=True, path__startswith=campaign.organizer.path
        ).order_by("code")
        return [u for u in unions if campaign.targets(u)]

    def _launches(self, campaign):
        if campaign.launches.exists():
            return 0  # loaded before: later demo unions (the Phú Thọ history) did not take part
        targets = [u for u in self._targets(campaign) if not (campaign.year == 2026 and u.code in LATE)]
        sizes = dict(
            Member.objects.filter(organization__in=targets)
            .values_list("organization")
            .annotate(n=Count("id"))
            .order_by()
        )
        CampaignLaunch.objects.bulk_create(
            CampaignLaunch(
                campaign=campaign,
                organization=union,
                launched_on=campaign.launched_on + datetime.timedelta(days=self.rng.randint(3, 20)),
                participants=max(sizes.get(union.pk, 0), 1),
                document_number=f"{self.rng.randint(1, 30):02d}/KH-CĐCS",
            )
            for union in targets
        )
        return len(targets)

    def _registrations(self, campaign):
        if campaign.registrations.exists():
            return 0
        rows = []
        launched = CampaignLaunch.objects.filter(campaign=campaign).values_list("organization", flat=True)
        for union in Organization.objects.filter(pk__in=launched).order_by("code"):
            members = list(
                Member.objects.filter(organization__path__startswith=union.path, status=MemberStatus.ACTIVE).order_by(
                    "pk"
                )
            )
            if campaign.target_group == "women":
                members = [m for m in members if m.gender == "female"]
            individual = [t for t in campaign.titles if not t.startswith(("Tập thể", "Đơn vị"))]
            for member in members:
                if self.rng.random() < 0.45 and individual:
                    rows.append(self._registration(campaign, union, member, individual[0]))
                if len(individual) > 1 and self.rng.random() < 0.08:
                    rows.append(self._registration(campaign, union, member, individual[1]))
            collective = [t for t in campaign.titles if t.startswith(("Tập thể", "Đơn vị"))]
            if collective:
                rows.append(self._registration(campaign, union, None, collective[0]))
        Registration.objects.bulk_create(rows)
        return len(rows)

    def _registration(self, campaign, union, member, title):
        status = Registration.Status.REGISTERED
        if campaign.status == Campaign.Status.CLOSED:
            status = Registration.Status.ACHIEVED if self.rng.random() < 0.8 else Registration.Status.NOT_ACHIEVED
        return Registration(
            campaign=campaign,
            year=campaign.year,
            organization=union,
            member=member,
            title=title,
            status=status,
            commitment="Phấn đấu hoàn thành xuất sắc nhiệm vụ được giao",
        )

    def _initiatives(self):
        created = 0
        for union in Organization.objects.filter(kind=OrgKind.GRASSROOTS, dissolved_on__isnull=True):
            if Initiative.objects.filter(organization=union).exists():
                continue
            members = list(
                Member.objects.filter(organization__path__startswith=union.path, status=MemberStatus.ACTIVE).order_by(
                    "pk"
                )
            )
            for i in range(max(1, len(members) // 12)):
                kind, title = self.rng.choice(INITIATIVES)
                year = self.rng.choice((2024, 2025, 2026))
                initiative = self._initiative(union, kind, f"{title} ({union.short_name or union.name}, {i + 1})", year)
                authors = self.rng.sample(members, k=min(len(members), self.rng.randint(1, 3)))
                shares = {1: [100], 2: [60, 40], 3: [50, 30, 20]}[len(authors)]
                InitiativeAuthor.objects.bulk_create(
                    InitiativeAuthor(initiative=initiative, member=m, share=Decimal(s))
                    for m, s in zip(authors, shares, strict=True)
                )
                created += 1
        return created

    def _initiative(self, union, kind, title, year):
        from core.text import fold

        estimated = self.rng.randrange(5, 400) * 1_000_000
        roll = self.rng.random()
        data = {"status": Initiative.Status.REGISTERED, "scope": ""}
        if year < 2026 or roll < 0.5:
            scope = "national" if roll < 0.03 else "provincial" if roll < 0.2 else "grassroots"
            data = {
                "status": Initiative.Status.RECOGNISED,
                "scope": scope,
                "recognised_by": "Hội đồng sáng kiến " + (union.name if scope == "grassroots" else "cấp trên"),
                "recognition_decision": f"{self.rng.randint(10, 99)}/QĐ-HĐSK",
                "recognised_on": datetime.date(year, self.rng.randint(5, 11), self.rng.randint(1, 28)),
            }
            if year < 2026 and self.rng.random() < 0.6:
                data.update(
                    status=Initiative.Status.APPLIED,
                    verified_by="Phòng Kế toán",
                    verified_benefit=estimated * self.rng.randint(70, 120) // 100,
                    verified_on=datetime.date(year, 12, 20),
                )
        return Initiative.objects.create(
            title=title,
            search_title=fold(title),
            kind=kind,
            organization=union,
            year=year,
            estimated_benefit=estimated,
            applied_from=datetime.date(year, 3, 1),
            **data,
        )

    def _works(self):
        created = 0
        specs = [
            ("PT-LT-001", "Vườn trải nghiệm của bé", "Chào mừng Đại hội Công đoàn tỉnh Phú Thọ", 2023, 85_000_000),
            (
                "HN-BTL-002",
                "Nhà xưởng gia công cơ khí chính xác",
                "Chào mừng Đại hội Công đoàn Thủ đô",
                2025,
                1_250_000_000,
            ),
            (
                "HN-TH-003",
                "Phòng khám sàng lọc cho người lao động",
                "Kỷ niệm Ngày Thầy thuốc Việt Nam",
                2025,
                320_000_000,
            ),
        ]
        for code, name, occasion, year, value in specs:
            union = Organization.objects.filter(code=code).first()
            if union and not WorkProduct.objects.filter(organization=union, name=name).exists():
                WorkProduct.objects.create(
                    name=name,
                    organization=union,
                    occasion=occasion,
                    year=year,
                    value=value,
                    completed_on=datetime.date(year, 6, 30),
                    plaque_on=datetime.date(year, 7, 15),
                )
                created += 1
        union = Organization.objects.filter(code="HN-TT-002").first()
        if union and not ResearchProject.objects.filter(organization=union).exists():
            ResearchProject.objects.create(
                title="Đổi mới phương pháp dạy học môn Toán theo định hướng phát triển năng lực",
                organization=union,
                level="grassroots",
                year=2025,
                accepted_on=datetime.date(2025, 11, 20),
            )
            created += 1
        return created

    def _clusters(self):
        district = Organization.objects.filter(code="HN-BTL").first()
        if district is None or Cluster.objects.filter(organizer=district).exists():
            return 0
        units = list(
            Organization.objects.filter(
                kind=OrgKind.GRASSROOTS, path__startswith=district.path, dissolved_on__isnull=True
            ).order_by("code")
        )
        cluster = Cluster.objects.create(
            name="Cụm thi đua số 1 – quận Bắc Từ Liêm", organizer=district, year=2025, leader=units[0]
        )
        order = list(range(1, len(units) + 1))
        self.rng.shuffle(order)
        ClusterMember.objects.bulk_create(
            ClusterMember(cluster=cluster, organization=u, rank=r) for u, r in zip(units, order, strict=True)
        )
        EmulationPact.objects.create(
            cluster=cluster,
            signed_on=datetime.date(2025, 2, 20),
            document_number="03/GƯTĐ",
            targets="100% đoàn viên đăng ký thi đua; mỗi đơn vị ít nhất 2 sáng kiến cấp cơ sở; "
            "không có tai nạn lao động nghiêm trọng.",
        )
        contest = Contest.objects.create(
            name="Hội thi thợ giỏi ngành cơ khí quận Bắc Từ Liêm năm 2025",
            organizer=district,
            year=2025,
            held_on=datetime.date(2025, 9, 12),
            trade="Tiện, phay",
            campaign=Campaign.objects.filter(code="HN-BTL-CNG-2025").first(),
        )
        workers = list(
            Member.objects.filter(
                organization__code__in=["HN-BTL-002", "HN-BTL-005"], gender="male", status=MemberStatus.ACTIVE
            ).order_by("pk")[:8]
        )
        prizes = ["first", "second", "third", "consolation", "consolation"]
        ContestResult.objects.bulk_create(
            ContestResult(
                contest=contest,
                member=m,
                rank=i + 1,
                prize=prizes[i] if i < len(prizes) else "none",
                score=Decimal(95 - i * 3),
            )
            for i, m in enumerate(workers)
        )
        return 2
