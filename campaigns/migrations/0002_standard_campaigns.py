"""The recurring campaigns of the union movement, offered when a federation creates one."""

from django.db import migrations

STANDARD = [
    ("LDG-LDST", "Lao động giỏi, lao động sáng tạo", "annual",
     "Phát huy sáng kiến, cải tiến kỹ thuật, nâng cao năng suất lao động", "", "all",
     ["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Tập thể lao động tiên tiến", "Tập thể lao động xuất sắc"]),
    ("CNG", "Công nhân giỏi", "annual", "Thi đua lao động giỏi, phấn đấu đạt danh hiệu Công nhân giỏi",
     ",fdi_enterprise,private_enterprise,state_enterprise,", "all", ["Công nhân giỏi quận", "Công nhân giỏi Thủ đô"]),
    ("SKST", "Sáng kiến, sáng tạo", "annual", "Mỗi đoàn viên một sáng kiến", "", "all",
     ["Sáng kiến cấp cơ sở", "Sáng kiến cấp Thành phố"]),
    ("GVN-DVN", "Giỏi việc nước – Đảm việc nhà", "thematic",
     "Nữ CNVCLĐ giỏi việc nước, đảm việc nhà", "", "women", ["Giỏi việc nước – Đảm việc nhà"]),
    ("DTHT", "Dạy tốt – Học tốt", "annual", "Dạy tốt, học tốt, đổi mới căn bản toàn diện giáo dục",
     ",education,", "all", ["Giáo viên dạy giỏi", "Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"]),
    ("XSD-ATVSLD", "Xanh – Sạch – Đẹp, bảo đảm an toàn vệ sinh lao động", "thematic",
     "Nơi làm việc xanh, sạch, đẹp, an toàn", "", "all", ["Đơn vị Xanh – Sạch – Đẹp"]),
    ("NTVT", "Người tốt, việc tốt", "thematic", "Nhân rộng điển hình người tốt, việc tốt", "", "all",
     ["Gương người tốt, việc tốt"]),
]


def load(apps, schema_editor):
    StandardCampaign = apps.get_model("campaigns", "StandardCampaign")
    for code, name, kind, slogan, sectors, group, titles in STANDARD:
        StandardCampaign.objects.update_or_create(
            code=code,
            defaults={"name": name, "kind": kind, "slogan": slogan, "target_sectors": sectors,
                      "target_group": group, "titles": titles},
        )


def unload(apps, schema_editor):
    apps.get_model("campaigns", "StandardCampaign").objects.filter(code__in=[s[0] for s in STANDARD]).delete()


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
