"""The periodic report as a báo cáo: the administrative layout, sections I–IV and an appendix of tables.

Section II is the figures and the sentences the report builder wrote (the same snapshots as the Excel and the
dashboard); sections I, III and IV are the text staff keep on the run, and until they write one, section I
states the size of the organisation from the figures. The words are the document's, Vietnamese whatever the
interface language, like the other drafted papers (awards/drafts.py).
"""

from django.utils import translation

from core.templatetags.vn import group, vnd
from documents import layout
from documents.selectors import letterhead_for

from . import builder
from .models import ReportRun

GAP = "…"


def _paragraphs(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def default_situation(run, figures):
    return (
        f"Tính đến ngày {run.period_end:%d/%m/%Y}, {run.organization.name} có "
        f"{group(figures.get('grassroots', 0))} công đoàn cơ sở với {group(figures.get('members', 0))} đoàn viên."
    )


def letterhead(run: ReportRun, today):
    with translation.override("vi"):
        period = str(run.period.label)
    return letterhead_for(
        run.organization,
        number="…/BC-CĐ",
        date=today,
        title="Báo cáo",
        subject=f"Kết quả phong trào thi đua và công tác khen thưởng {period}",
        recipients=["Ban Thường vụ", "Lưu: VT"],
        authority=layout.ON_BEHALF,
        on_behalf_of="Ban Thường vụ",
        signer_title="Chủ tịch",
    )


def values(run: ReportRun) -> dict:
    snapshots = list(run.snapshots.all())
    with translation.override("vi"):
        content = builder.report_content(run, snapshots)
        figures = {metric.code: value for metric, value in content["figures"]}
        return {
            "period_label": str(content["period"].label),
            "situation": _paragraphs(run.situation) or [default_situation(run, figures)],
            "results": _paragraphs(run.narrative),
            "figures": [
                {"label": str(metric.label), "value": vnd(value) if metric.unit == "vnd" else group(value)}
                for metric, value in content["figures"]
            ],
            "assessment": _paragraphs(run.assessment) or [GAP],
            "direction": _paragraphs(run.direction) or [GAP],
            "by_award": [{"award": name, "count": group(count)} for _code, name, _kind, count in content["by_type"]],
            "by_form": [
                {
                    "issuer": str(t.issuer_label),
                    "form": str(t.label),
                    "collective": group(t.collective),
                    "individual": group(t.individual),
                    "total": group(t.total),
                }
                for t in content["award_totals"]
            ],
        }
