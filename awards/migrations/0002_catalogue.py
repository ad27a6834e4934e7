"""The award catalogue and its rules, as in force from 1/1/2024 (Law 06/2022/QH15), with the 1/7/2025 decree."""

import datetime

from django.db import migrations

LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15"
ND98 = "Nghị định 98/2023/NĐ-CP"
ND152 = "Nghị định 152/2025/NĐ-CP"
QC = "Quy chế khen thưởng của tổ chức Công đoàn (QĐ 999/QĐ-TLĐ ngày 29/5/2024)"

OPEN = {"rule": "no_open_case"}
LDTT_RULES = [
    {"rule": "rating_at_least", "params": {"min": "HTT"}},
    {"rule": "min_months_worked", "params": {"months": 10}},
    {"rule": "max_absent_days", "params": {"days": 40}},
    {"rule": "no_discipline_in_year", "params": {"min_level": "reprimand"}},
    OPEN,
]
CSTDCS_RULES = LDTT_RULES + [
    {"rule": "one_of", "params": {"rules": [
        {"rule": "rating_at_least", "params": {"min": "HTXS"}},
        {"rule": "initiative_recognised", "params": {"scope": "grassroots"}},
        {"rule": "research_accepted"},
    ]}},
    {"rule": "vote_threshold", "params": {"percent": 80}},
]
CSTD_PROVINCIAL_RULES = [
    {"rule": "title_in_consecutive_years", "params": {"awards": "CSTDCS", "years": 3}},
    {"rule": "initiative_recognised", "params": {"scope": "provincial", "years": 3}},
    {"rule": "no_discipline_in_year", "params": {"min_level": "reprimand"}},
    OPEN,
    {"rule": "vote_threshold", "params": {"percent": 90}},
]
PLAIN = [{"rule": "no_discipline_in_year", "params": {"min_level": "reprimand"}}, OPEN]

# code, name, category, subject, level, coefficient, ballot %, thematic, quota, rank, rules
CATALOGUE = [
    ("LDTT", "Lao động tiên tiến", "title", "individual", "grassroots", "0.3", None, False, None, 10, LDTT_RULES),
    ("CSTDCS", "Chiến sĩ thi đua cơ sở", "title", "individual", "grassroots", "1.0", 80, False, None, 20,
     CSTDCS_RULES),
    ("CSTD_TINH", "Chiến sĩ thi đua cấp tỉnh", "title", "individual", "province_gov", "3.0", 90, False, None, 40,
     CSTD_PROVINCIAL_RULES),
    ("CSTD_TLD", "Chiến sĩ thi đua cấp Tổng Liên đoàn", "title", "individual", "confederation", "3.0", 90, False,
     None, 40, CSTD_PROVINCIAL_RULES),
    ("CSTD_TQ", "Chiến sĩ thi đua toàn quốc", "title", "individual", "state", "4.5", 90, False, None, 50, [
        {"rule": "title_in_consecutive_years", "params": {"awards": ["CSTD_TINH", "CSTD_TLD"], "years": 2}},
        {"rule": "initiative_recognised", "params": {"scope": "national", "years": 6}},
        OPEN, {"rule": "vote_threshold", "params": {"percent": 90}}]),
    ("TTLDTT", "Tập thể lao động tiên tiến", "title", "collective", "upper", "0.8", None, False, None, 10, [
        {"rule": "rating_at_least", "params": {"min": "HTT"}},
        {"rule": "share_of_members_with_title", "params": {"award": "LDTT", "share": 70}},
        {"rule": "nobody_disciplined", "params": {"min_level": "warning"}}, OPEN]),
    ("TTLDXS", "Tập thể lao động xuất sắc", "title", "collective", "provincial", "1.5", None, False, None, 20, [
        {"rule": "rating_at_least", "params": {"min": "HTXS"}},
        {"rule": "all_members_rating_at_least", "params": {"min": "HT"}},
        {"rule": "share_of_members_with_title", "params": {"award": "LDTT", "share": 70}},
        {"rule": "members_with_title_at_least", "params": {"award": "CSTDCS", "count": 1}},
        {"rule": "nobody_disciplined", "params": {"min_level": "warning"}}, OPEN]),
    ("CO_TLD", "Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam", "title", "collective", "confederation", "1.5", 80,
     False, None, 30, [{"rule": "first_in_cluster"}, OPEN, {"rule": "vote_threshold", "params": {"percent": 80}}]),
    ("GK_CD_CN", "Giấy khen của Công đoàn cấp trên trực tiếp cơ sở (cá nhân)", "form", "individual", "upper",
     "0.15", None, False, None, 5, PLAIN),
    ("GK_CD_TT", "Giấy khen của Công đoàn cấp trên trực tiếp cơ sở (tập thể)", "form", "collective", "upper",
     "0.3", None, False, None, 5, [OPEN]),
    ("BK_LDLD_CN", "Bằng khen của Liên đoàn Lao động tỉnh, thành phố (cá nhân)", "form", "individual",
     "provincial", "1.0", None, False, None, 25, [
         {"rule": "one_of", "params": {"rules": [
             {"rule": "title_in_consecutive_years", "params": {"awards": "CSTDCS", "years": 2}},
             {"rule": "rating_in_consecutive_years",
              "params": {"min": "HTXS", "years": 2, "initiatives": 2, "initiative_scope": "grassroots"}},
         ]}}] + PLAIN),
    ("BK_LDLD_TT", "Bằng khen của Liên đoàn Lao động tỉnh, thành phố (tập thể)", "form", "collective",
     "provincial", "2.0", None, False, None, 25, [
         {"rule": "one_of", "params": {"rules": [
             {"rule": "rating_in_consecutive_years", "params": {"min": "HTXS", "years": 2}},
             {"rule": "title_in_consecutive_years", "params": {"awards": "TTLDXS", "years": 2}},
         ]}}, OPEN]),
    ("BK_TLD_CN", "Bằng khen của Tổng Liên đoàn Lao động Việt Nam (cá nhân)", "form", "individual",
     "confederation", "1.0", None, False, None, 30, [{"rule": "no_same_level_conflict"}] + PLAIN),
    ("BK_TLD_TT", "Bằng khen của Tổng Liên đoàn Lao động Việt Nam (tập thể)", "form", "collective",
     "confederation", "2.0", None, False, None, 30, [{"rule": "no_same_level_conflict"}, OPEN]),
    ("BK_TLD_GVN", "Bằng khen của Tổng Liên đoàn – chuyên đề \"Giỏi việc nước – Đảm việc nhà\"", "form",
     "individual", "confederation", "1.0", None, True, 20, 30, [
         {"rule": "member_is_woman"}, {"rule": "no_same_level_conflict"},
         {"rule": "quota", "params": {"per_year": 20}}] + PLAIN),
    ("BK_TLD_XSD", "Bằng khen của Tổng Liên đoàn – chuyên đề \"Xanh – Sạch – Đẹp\"", "form", "collective",
     "confederation", "2.0", None, True, 10, 30, [
         {"rule": "no_same_level_conflict"}, {"rule": "quota", "params": {"per_year": 10}}, OPEN]),
    ("BK_UBND", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh, thành phố", "form", "individual", "province_gov",
     "1.0", None, False, None, 28, PLAIN),
    ("BK_TTG", "Bằng khen của Thủ tướng Chính phủ", "form", "individual", "state", "3.0", None, False, None, 45,
     PLAIN),
    ("KNC_CD", "Kỷ niệm chương \"Vì sự nghiệp xây dựng tổ chức Công đoàn\"", "form", "individual",
     "confederation", "0", None, False, None, 3, [
         {"rule": "once_per_person"}, {"rule": "min_service_years", "params": {"years": 20}}] + PLAIN),
    ("BLDST", "Bằng Lao động sáng tạo", "form", "individual", "confederation", "1.0", None, False, None, 32, [
        {"rule": "initiative_recognised", "params": {"scope": "provincial", "years": 2}}] + PLAIN),
    ("HCLD3", "Huân chương Lao động hạng Ba", "form", "individual", "state", "4.5", None, False, None, 60, PLAIN),
    ("CNG_TD", "Công nhân giỏi Thủ đô", "campaign", "individual", "provincial", "0", None, True, None, 15, PLAIN),
    ("CNG_Q", "Công nhân giỏi quận", "campaign", "individual", "upper", "0", None, True, None, 8, PLAIN),
    ("GVN_DVN", "Giỏi việc nước – Đảm việc nhà", "campaign", "individual", "upper", "0", None, True, None, 8,
     [{"rule": "member_is_woman"}] + PLAIN),
]


def load(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    RuleSet = apps.get_model("awards", "RuleSet")
    for code, name, category, subject, level, coef, ballot, thematic, quota, rank, rules in CATALOGUE:
        award_type, _created = AwardType.objects.update_or_create(code=code, defaults={
            "name": name, "category": category, "subject_kind": subject, "issuing_level": level,
            "bonus_coefficient": coef, "secret_ballot": ballot is not None, "vote_threshold": ballot,
            "is_thematic": thematic, "annual_quota": quota, "rank": rank, "legal_basis": f"{LAW}; {QC}",
        })
        RuleSet.objects.update_or_create(
            award_type=award_type, valid_from=datetime.date(2024, 1, 1),
            defaults={"valid_to": datetime.date(2025, 6, 30), "rules": rules, "legal_basis": f"{LAW}; {ND98}"})
        RuleSet.objects.update_or_create(
            award_type=award_type, valid_from=datetime.date(2025, 7, 1),
            defaults={"valid_to": None, "rules": rules, "legal_basis": f"{LAW}; {ND152}"})


def unload(apps, schema_editor):
    apps.get_model("awards", "AwardType").objects.filter(code__in=[c[0] for c in CATALOGUE]).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
