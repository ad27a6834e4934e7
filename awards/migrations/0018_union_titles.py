"""The titles the union confers every year, and the Nguyễn Đức Cảnh prize (issue 14, point 7).

The union's regulation (Quy chế khen thưởng của tổ chức Công đoàn: QĐ 1689/QĐ-TLĐ of 12/11/2019, replaced by
QĐ 999/QĐ-TLĐ of 29/5/2024) has titles of its own besides the State's: Đoàn viên công đoàn xuất sắc for a
member, Công đoàn cơ sở vững mạnh and Tổ công đoàn vững mạnh for a union and a union group, and the Giải
thưởng Nguyễn Đức Cảnh of the confederation (once per person, every five years, in the year of the
confederation's congress: 2008, 2013, 2018, 2023). The flags and certificates of merit of the confederation
and of a provincial federation were already in the catalogue (CO_TLD, BK_TLD_*, CO_LDLD, BK_LDLD_*).

What the regulation's text says in detail was not at hand when this was written. Every rule below is either
one the product knows from a stated source (the yearly quality rating the level above gives a grassroots
union, the prize's cycle and once-per-person, no discipline and no open case as for every title), or a
`configured_criteria` rule: it names the text that sets the criteria and where a federation types them in
(the rule set's parameters), and asks for a check by hand until then. Nothing is invented: the class a
"vững mạnh" union needs is a parameter (`min`), set to "Hoàn thành tốt nhiệm vụ", which a federation
changes in the rule set if its guidance says otherwise. Bonus coefficients are 0 until a federation enters
its own (the amounts are set by its spending rules). See docs/union-titles.md.

Each type has two rule sets: under QĐ 1689 (12/11/2019 – 28/5/2024) and under QĐ 999 (from 29/5/2024).
"""

import datetime

from django.db import migrations

LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15"
QC1689 = "Quy chế khen thưởng của tổ chức Công đoàn (QĐ 1689/QĐ-TLĐ ngày 12/11/2019)"
QC999 = "Quy chế khen thưởng của tổ chức Công đoàn (QĐ 999/QĐ-TLĐ ngày 29/5/2024)"
WHERE = "trang quản trị › Khen thưởng › Hình thức khen thưởng › bộ tiêu chuẩn của danh hiệu"
GUIDANCE = "hướng dẫn thi đua, khen thưởng hằng năm của Liên đoàn Lao động tỉnh, thành phố"
OPEN = {"rule": "no_open_case"}
PLAIN = [{"rule": "no_discipline_in_year", "params": {"min_level": "reprimand"}}, OPEN]


def criteria(source, *known):
    """What the product cannot check; `known`: what the regulation is known to say, listed to check by hand."""
    return {"rule": "configured_criteria", "params": {"source": source, "where": WHERE, "criteria": list(known)}}


# code, name, category, subject, level, rank, rules (both rule sets), the regulation's words for the source
CATALOGUE = [
    ("CDCS_VM", "Công đoàn cơ sở vững mạnh", "title", "collective", "upper", 9, [
        {"rule": "union_quality_at_least", "params": {"min": "HTT"}},
        criteria(f"Quy chế khen thưởng của tổ chức Công đoàn và {GUIDANCE}"),
        OPEN,
    ]),
    ("TO_CD_VM", "Tổ công đoàn vững mạnh", "title", "collective", "grassroots", 4, [
        criteria(f"Quy chế khen thưởng của tổ chức Công đoàn và {GUIDANCE}"),
        OPEN,
    ]),
    ("DVCD_XS", "Đoàn viên công đoàn xuất sắc", "title", "individual", "grassroots", 6, [
        criteria(f"Quy chế khen thưởng của tổ chức Công đoàn và {GUIDANCE}"),
        *PLAIN,
    ]),
    ("GT_NDC", "Giải thưởng Nguyễn Đức Cảnh", "form", "individual", "confederation", 35, [
        {"rule": "once_per_person"},
        {"rule": "held_in_cycle", "params": {"every": 5, "first": 2008}},
        criteria(
            "hướng dẫn riêng của Đoàn Chủ tịch Tổng Liên đoàn trong năm trao tặng",
            # The subject the regulation names (QĐ 1689/QĐ-TLĐ, Điều 18), which no field of a member records.
            "Là công nhân, người lao động trực tiếp sản xuất tại doanh nghiệp (mọi thành phần kinh tế)",
        ),
        *PLAIN,
    ]),
]
PERIODS = [
    (datetime.date(2019, 11, 12), datetime.date(2024, 5, 28), QC1689),
    (datetime.date(2024, 5, 29), None, QC999),
]


def load(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    RuleSet = apps.get_model("awards", "RuleSet")
    for code, name, category, subject, level, rank, rules in CATALOGUE:
        award_type, _created = AwardType.objects.update_or_create(code=code, defaults={
            "name": name, "category": category, "subject_kind": subject, "issuing_level": level,
            "bonus_coefficient": "0", "secret_ballot": False, "vote_threshold": None, "is_thematic": False,
            "annual_quota": None, "rank": rank, "legal_basis": f"{LAW}; {QC999}",
        })
        for valid_from, valid_to, basis in PERIODS:
            RuleSet.objects.update_or_create(
                award_type=award_type, valid_from=valid_from,
                defaults={"valid_to": valid_to, "rules": rules, "legal_basis": basis})


def unload(apps, schema_editor):
    apps.get_model("awards", "AwardType").objects.filter(code__in=[c[0] for c in CATALOGUE]).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0017_union_quality_ratings")]
    operations = [migrations.RunPython(load, unload)]
