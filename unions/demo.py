"""The demo tree: the federations of the seed articles, their unions and members."""

import datetime
import random

# (code, name, short name, kind, sector, children)
TREE = (
    "TLD",
    "Tổng Liên đoàn Lao động Việt Nam",
    "Tổng LĐLĐ Việt Nam",
    "confederation",
    "",
    [
        (
            "HN",
            "Liên đoàn Lao động thành phố Hà Nội",
            "LĐLĐ TP Hà Nội",
            "provincial_federation",
            "",
            [
                (
                    "HN-BTL",
                    "Liên đoàn Lao động quận Bắc Từ Liêm",
                    "LĐLĐ quận Bắc Từ Liêm",
                    "district_federation",
                    "",
                    [
                        (
                            "HN-BTL-001",
                            "Công đoàn Trường Tiểu học Xuân Đỉnh",
                            "CĐ TH Xuân Đỉnh",
                            "grassroots",
                            "education",
                            [
                                ("HN-BTL-001-T1", "Tổ công đoàn khối 1–2", "", "group", "", []),
                                ("HN-BTL-001-T2", "Tổ công đoàn khối 3–5", "", "group", "", []),
                            ],
                        ),
                        (
                            "HN-BTL-002",
                            "Công đoàn Công ty Cổ phần Cơ khí Phú Diễn",
                            "CĐ Cơ khí Phú Diễn",
                            "grassroots",
                            "private_enterprise",
                            [
                                ("HN-BTL-002-PX1", "Công đoàn bộ phận Phân xưởng Gia công", "", "division", "", []),
                                ("HN-BTL-002-PX2", "Công đoàn bộ phận Phân xưởng Lắp ráp", "", "division", "", []),
                            ],
                        ),
                        (
                            "HN-BTL-003",
                            "Công đoàn Trường Mầm non Đông Ngạc",
                            "CĐ MN Đông Ngạc",
                            "grassroots",
                            "education",
                            [],
                        ),
                        (
                            "HN-BTL-004",
                            "Công đoàn Cơ quan UBND quận Bắc Từ Liêm",
                            "CĐ CQ UBND quận",
                            "grassroots",
                            "administrative",
                            [],
                        ),
                        (
                            "HN-BTL-005",
                            "Công đoàn Công ty TNHH Điện tử Minh Khai",
                            "CĐ Điện tử Minh Khai",
                            "grassroots",
                            "fdi_enterprise",
                            [],
                        ),
                    ],
                ),
                (
                    "HN-TH",
                    "Liên đoàn Lao động quận Tây Hồ",
                    "LĐLĐ quận Tây Hồ",
                    "district_federation",
                    "",
                    [
                        (
                            "HN-TH-001",
                            "Công đoàn Trường THCS Xuân La",
                            "CĐ THCS Xuân La",
                            "grassroots",
                            "education",
                            [],
                        ),
                        (
                            "HN-TH-002",
                            "Công đoàn Trường Tiểu học Nhật Tân",
                            "CĐ TH Nhật Tân",
                            "grassroots",
                            "education",
                            [],
                        ),
                        (
                            "HN-TH-003",
                            "Công đoàn Trung tâm Y tế quận Tây Hồ",
                            "CĐ TTYT Tây Hồ",
                            "grassroots",
                            "health",
                            [],
                        ),
                        (
                            "HN-TH-004",
                            "Công đoàn Công ty Cổ phần Du lịch Hồ Tây",
                            "CĐ Du lịch Hồ Tây",
                            "grassroots",
                            "private_enterprise",
                            [],
                        ),
                    ],
                ),
                (
                    "HN-TT",
                    "Liên đoàn Lao động huyện Thường Tín",
                    "LĐLĐ huyện Thường Tín",
                    "district_federation",
                    "",
                    [
                        (
                            "HN-TT-001",
                            "Công đoàn Công ty TNHH May Thường Tín",
                            "CĐ May Thường Tín",
                            "grassroots",
                            "private_enterprise",
                            [],
                        ),
                        (
                            "HN-TT-002",
                            "Công đoàn Trường THPT Thường Tín",
                            "CĐ THPT Thường Tín",
                            "grassroots",
                            "education",
                            [],
                        ),
                        (
                            "HN-TT-003",
                            "Công đoàn Bệnh viện Đa khoa huyện Thường Tín",
                            "CĐ BVĐK Thường Tín",
                            "grassroots",
                            "health",
                            [],
                        ),
                    ],
                ),
                (
                    "HN-PX",
                    "Liên đoàn Lao động huyện Phú Xuyên",
                    "LĐLĐ huyện Phú Xuyên",
                    "district_federation",
                    "",
                    [
                        (
                            "HN-PX-001",
                            "Công đoàn Trường THCS Phú Xuyên",
                            "CĐ THCS Phú Xuyên",
                            "grassroots",
                            "education",
                            [],
                        ),
                        (
                            "HN-PX-002",
                            "Công đoàn Công ty Cổ phần Gạch ngói Phú Xuyên",
                            "CĐ Gạch ngói Phú Xuyên",
                            "grassroots",
                            "private_enterprise",
                            [],
                        ),
                    ],
                ),
                ("HN-XPX", "Công đoàn xã Phú Xuyên", "CĐ xã Phú Xuyên", "commune_union", "", []),
            ],
        ),
        (
            "PT",
            "Liên đoàn Lao động tỉnh Phú Thọ",
            "LĐLĐ tỉnh Phú Thọ",
            "provincial_federation",
            "",
            [
                (
                    "PT-LT",
                    "Liên đoàn Lao động huyện Lâm Thao",
                    "LĐLĐ huyện Lâm Thao",
                    "district_federation",
                    "",
                    [
                        (
                            "PT-LT-001",
                            "Công đoàn Trường Mầm non thị trấn Lâm Thao",
                            "CĐ MN TT Lâm Thao",
                            "grassroots",
                            "education",
                            [],
                        ),
                        (
                            "PT-LT-002",
                            "Công đoàn Công ty Cổ phần Supe Phốt phát và Hóa chất Lâm Thao",
                            "CĐ Supe Lâm Thao",
                            "grassroots",
                            "state_enterprise",
                            [],
                        ),
                        (
                            "PT-LT-003",
                            "Công đoàn Cơ quan UBND huyện Lâm Thao",
                            "CĐ CQ UBND huyện",
                            "grassroots",
                            "administrative",
                            [],
                        ),
                    ],
                ),
            ],
        ),
    ],
)

# The 2025 reorganisation: the district federation is dissolved and the commune union takes over.
DISSOLUTION = {
    "code": "HN-PX",
    "successor": "HN-XPX",
    "happened_on": datetime.date(2025, 7, 1),
    "decision_number": "1520/QĐ-LĐLĐ",
}

# username, first, last, role kind, organisation code (password for all: thidua2025)
ACCOUNTS = [
    ("admin", "Quản trị", "", "admin", "TLD"),
    ("hanoi.leader", "Hùng", "Phạm Quang", "leader", "HN"),
    ("btl.staff", "Chi", "Nguyễn Thùy", "federation_staff", "HN-BTL"),
    ("tayho.staff", "Vinh", "Nguyễn Văn", "federation_staff", "HN-TH"),
    ("btl.cdcs1", "Lan", "Trần Thị", "union_officer", "HN-BTL-001"),
    ("btl.cdcs2", "Minh", "Lê Đức", "union_officer", "HN-BTL-002"),
    ("tayho.xuanla", "Hương", "Đỗ Thu", "union_officer", "HN-TH-001"),
    ("phutho.staff", "Thảo", "Trịnh Thị Phương", "federation_staff", "PT"),
]
PASSWORD = "thidua2025"

SURNAMES = (
    ["Nguyễn"] * 8
    + ["Trần"] * 3
    + ["Lê"] * 3
    + ["Phạm"] * 2
    + ["Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh"]
)
MIDDLE_MALE = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thành", "Xuân", "Tiến", "Mạnh"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thu", "Thanh", "Ngọc", "Phương", "Hồng", "Thùy", "Minh", "Kim"]
GIVEN_MALE = [
    "Anh",
    "Bình",
    "Cường",
    "Dũng",
    "Đức",
    "Hải",
    "Hiếu",
    "Hoàng",
    "Hùng",
    "Huy",
    "Khánh",
    "Long",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Thắng",
    "Trung",
    "Tuấn",
    "Việt",
    "Vinh",
    "A",
]
GIVEN_FEMALE = [
    "Anh",
    "Châu",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phương",
    "Quỳnh",
    "Thảo",
    "Trang",
    "Tuyết",
    "Vân",
    "Yến",
]
JOBS = {
    "education": ["Giáo viên", "Giáo viên", "Giáo viên chủ nhiệm", "Nhân viên văn thư", "Kế toán", "Nhân viên y tế"],
    "health": ["Bác sĩ", "Điều dưỡng", "Điều dưỡng", "Kỹ thuật viên xét nghiệm", "Dược sĩ"],
    "administrative": ["Chuyên viên", "Chuyên viên", "Cán sự", "Văn thư"],
    "default": ["Công nhân", "Công nhân", "Công nhân", "Tổ trưởng sản xuất", "Kỹ sư", "Nhân viên kho", "Kế toán"],
}
PROVINCE_CCCD = {"HN": "001", "PT": "025"}


def people(rng, count, sector, province):
    """Plausible members: names, dates, 12-digit CCCD starting with the province code."""
    women_share = 0.75 if sector in ("education", "health") else 0.45
    for _ in range(count):
        female = rng.random() < women_share
        name = " ".join(
            [
                rng.choice(SURNAMES),
                rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE),
                rng.choice(GIVEN_FEMALE if female else GIVEN_MALE),
            ]
        )
        birth = datetime.date(rng.randint(1966, 2003), rng.randint(1, 12), rng.randint(1, 28))
        joined = datetime.date(max(birth.year + 20, rng.randint(2000, 2025)), rng.randint(1, 12), rng.randint(1, 28))
        joined = min(joined, datetime.date(2025, 10, 31))
        century = 3 if birth.year >= 2000 else 1
        gender_digit = century - (0 if female else 1)
        nid = f"{PROVINCE_CCCD[province]}{gender_digit}{birth.year % 100:02d}{rng.randint(0, 999999):06d}"
        yield {
            "full_name": name,
            "gender": "female" if female else "male",
            "birth_date": birth,
            "national_id": nid if rng.random() < 0.9 else None,
            "joined_on": joined,
            "ethnicity": "Kinh" if rng.random() < 0.95 else rng.choice(["Mường", "Tày", "Dao"]),
            "job_title": rng.choice(JOBS.get(sector, JOBS["default"])),
            "education": rng.choice(["university", "university", "college", "vocational", "upper_secondary"]),
            "phone": f"09{rng.randint(0, 99999999):08d}",
        }


def make_rng():
    return random.Random(2025)
