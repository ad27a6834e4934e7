"""What a certificate says, by kind: the document's name, the recipient, where they work, and the citation.

Certificates are always in Vietnamese (the legal document), so the wording is written here in Vietnamese rather
than through gettext: an English interface must not print an English certificate.
"""

import re
import unicodedata

from unions.models import OrgKind

from ..models import AwardCategory, CertificateKind

# "Công đoàn cơ sở Trường …", "Công đoàn Công ty …", "CĐCS …": the union's name is its employer's after this.
_UNION_PREFIX = re.compile(r"^(công đoàn cơ sở|công đoàn|cđcs|cđ)\s+", re.IGNORECASE)
_ALREADY_CITED = re.compile(r"^\s*đã có thành tích\s*", re.IGNORECASE)


def kind_of(award_type):
    """The pre-printed paper an award is printed on."""
    if award_type.category in (AwardCategory.TITLE, AwardCategory.CAMPAIGN):
        return CertificateKind.TITLE
    name = unicodedata.normalize("NFC", award_type.name).casefold()
    if name.startswith("bằng khen"):
        return CertificateKind.MERIT
    if name.startswith("giấy khen"):
        return CertificateKind.COMMENDATION
    return CertificateKind.OTHER


def document_title(award_type):
    """The big title: "Bằng khen" of "Bằng khen của Liên đoàn Lao động tỉnh…", the title's own name otherwise."""
    return unicodedata.normalize("NFC", award_type.name).split(" của ")[0]


def employer_name(union):
    """The workplace of a grassroots union's members: its employer, which the union's name carries after
    "Công đoàn"; a name that does not follow the pattern is printed as it is."""
    stripped = _UNION_PREFIX.sub("", union.name, count=1)
    return stripped[:1].upper() + stripped[1:] if stripped != union.name else union.name


def workplace(member_org, grassroots):
    """Where an awarded member works: the employer of their grassroots union, with the division or group first
    ("Phân xưởng Gia công, Công ty Cổ phần Cơ khí Phú Diễn")."""
    if grassroots is None:
        return member_org.name
    employer = employer_name(grassroots)
    if member_org.pk != grassroots.pk and member_org.kind in (OrgKind.DIVISION, OrgKind.GROUP):
        unit = re.sub(r"^(công đoàn bộ phận|tổ công đoàn)\s+", "", member_org.name, flags=re.IGNORECASE)
        return f"{unit[:1].upper()}{unit[1:]}, {employer}"
    return employer


def recipient(award):
    """The line after "Tặng": the person with their honorific, or the collective's own name."""
    if award.member_id:
        honorific = "Bà" if award.member.gender == "female" else "Ông"
        return f"{honorific} {award.member.full_name}"
    return award.organization.name


def citation(award):
    """The sentence under the recipient: a title is attained, a Bằng khen or Giấy khen rewards achievements."""
    if kind_of(award.award_type) == CertificateKind.TITLE:
        return f"Đạt danh hiệu “{award.award_type.name}” năm {award.year}"
    achievement = _ALREADY_CITED.sub("", (award.achievement or "").strip()).rstrip(".")
    if not achievement:
        achievement = f"xuất sắc trong phong trào thi đua năm {award.year}"
    return f"Đã có thành tích {achievement}"
