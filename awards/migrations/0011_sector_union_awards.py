"""Cờ thi đua and Bằng khen of a sector union (Công đoàn ngành Trung ương và tương đương).

A sector union (Công đoàn Giáo dục Việt Nam, Công đoàn Y tế Việt Nam, a province's Công đoàn ngành) confers
its own flag and certificates of merit at the level of a provincial federation (QĐ 999/QĐ-TLĐ). The catalogue
had only the federation's (BK_LDLD_*, CO_LDLD), so a sector union's register could only record its awards
as a federation's. These are the federation's types in shape, rules, bonus coefficient and rank, told apart
by the body their name states ("của Công đoàn ngành …"): see awards/catalogue.py.
"""

import datetime

from django.db import migrations

LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15"
ND98 = "Nghị định 98/2023/NĐ-CP"
ND152 = "Nghị định 152/2025/NĐ-CP"
QC = "Quy chế khen thưởng của tổ chức Công đoàn (QĐ 999/QĐ-TLĐ ngày 29/5/2024)"
BODY = "Công đoàn ngành Trung ương và tương đương"
OPEN = {"rule": "no_open_case"}
PLAIN = [{"rule": "no_discipline_in_year", "params": {"min_level": "reprimand"}}, OPEN]

# code, name, category, subject, coefficient, ballot %, rank, rules: as CO_LDLD (0009), BK_LDLD_* (0002)
CATALOGUE = [
    ("CO_CDN", f"Cờ thi đua của {BODY}", "title", "collective", "1.5", 80, 27, [
        {"rule": "one_of", "params": {"rules": [
            {"rule": "first_in_cluster"},
            {"rule": "led_long_campaign", "params": {"min_years": 3}},
        ]}},
        OPEN,
        {"rule": "vote_threshold", "params": {"percent": 80}},
    ]),
    ("BK_CDN_CN", f"Bằng khen của {BODY} (cá nhân)", "form", "individual", "1.0", None, 25, [
        {"rule": "one_of", "params": {"rules": [
            {"rule": "title_in_consecutive_years", "params": {"awards": "CSTDCS", "years": 2}},
            {"rule": "rating_in_consecutive_years",
             "params": {"min": "HTXS", "years": 2, "initiatives": 2, "initiative_scope": "grassroots"}},
        ]}}] + PLAIN),
    ("BK_CDN_TT", f"Bằng khen của {BODY} (tập thể)", "form", "collective", "2.0", None, 25, [
        {"rule": "one_of", "params": {"rules": [
            {"rule": "rating_in_consecutive_years", "params": {"min": "HTXS", "years": 2}},
            {"rule": "title_in_consecutive_years", "params": {"awards": "TTLDXS", "years": 2}},
        ]}}, OPEN]),
]


def load(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    RuleSet = apps.get_model("awards", "RuleSet")
    for code, name, category, subject, coef, ballot, rank, rules in CATALOGUE:
        award_type, _created = AwardType.objects.update_or_create(code=code, defaults={
            "name": name, "category": category, "subject_kind": subject, "issuing_level": "provincial",
            "bonus_coefficient": coef, "secret_ballot": ballot is not None, "vote_threshold": ballot,
            "is_thematic": False, "annual_quota": None, "rank": rank, "legal_basis": f"{LAW}; {QC}",
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
    dependencies = [("awards", "0010_award_decided_on")]
    operations = [migrations.RunPython(load, unload)]
