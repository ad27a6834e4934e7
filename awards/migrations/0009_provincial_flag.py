"""Cờ thi đua của Liên đoàn Lao động tỉnh, thành phố: the flag a provincial federation gives its collectives.

The catalogue of 0002 had the confederation's flag (CO_TLD) only, so a federation could neither propose
nor record the flag it confers itself. The rules are those of the confederation's flag (0005): first in
its emulation cluster or leader of a long campaign, no open case, 80 % of the council. The bonus
coefficient mirrors CO_TLD until the federation's own regulation says otherwise.
"""

import datetime

from django.db import migrations

LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15"
ND98 = "Nghị định 98/2023/NĐ-CP"
ND152 = "Nghị định 152/2025/NĐ-CP"
QC = "Quy chế khen thưởng của tổ chức Công đoàn (QĐ 999/QĐ-TLĐ ngày 29/5/2024)"
CODE = "CO_LDLD"
RULES = [
    {"rule": "one_of", "params": {"rules": [
        {"rule": "first_in_cluster"},
        {"rule": "led_long_campaign", "params": {"min_years": 3}},
    ]}},
    {"rule": "no_open_case"},
    {"rule": "vote_threshold", "params": {"percent": 80}},
]


def load(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    RuleSet = apps.get_model("awards", "RuleSet")
    award_type, _created = AwardType.objects.update_or_create(code=CODE, defaults={
        "name": "Cờ thi đua của Liên đoàn Lao động tỉnh, thành phố", "category": "title",
        "subject_kind": "collective", "issuing_level": "provincial", "bonus_coefficient": "1.5",
        "secret_ballot": True, "vote_threshold": 80, "is_thematic": False, "annual_quota": None, "rank": 27,
        "legal_basis": f"{LAW}; {QC}",
    })
    RuleSet.objects.update_or_create(
        award_type=award_type, valid_from=datetime.date(2024, 1, 1),
        defaults={"valid_to": datetime.date(2025, 6, 30), "rules": RULES, "legal_basis": f"{LAW}; {ND98}"})
    RuleSet.objects.update_or_create(
        award_type=award_type, valid_from=datetime.date(2025, 7, 1),
        defaults={"valid_to": None, "rules": RULES, "legal_basis": f"{LAW}; {ND152}"})


def unload(apps, schema_editor):
    apps.get_model("awards", "AwardType").objects.filter(code=CODE).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0008_decimal_absent_days")]
    operations = [migrations.RunPython(load, unload)]
