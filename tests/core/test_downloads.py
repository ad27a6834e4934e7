"""Every download and export answers one well-formed Content-Disposition, whatever a code or a title holds.

Codes and titles are typed by users (and older rows were never validated): a campaign code
`X";filename=evil.exe;x="` once became a second file name. Here every export of the permission matrix runs on
a tree whose organisation and campaign codes hold quotes, semicolons, a line break and Vietnamese letters.
"""

import pathlib
import re
from email.message import Message

import pytest
from django.http import Http404
from django.urls import reverse

from campaigns.models import Campaign, CampaignDocument
from core.downloads import download
from reports import builder, periods, services
from tests import test_budget_matrix as budgets
from tests import test_permissions as perm
from unions.models import Organization

ROOT = pathlib.Path(__file__).resolve().parents[2]
ASCII_TRAP = 'a";filename=evil.exe;x=".pdf'
VIETNAMESE_TRAP = 'Kế hoạch";filename=evil.exe;\r\nSet-Cookie: x=1.pdf'


def disposition(response):
    """(kind, file name) of the response's only Content-Disposition, parsed as a mail client would."""
    values = [value for name, value in response.items() if name.lower() == "content-disposition"]
    assert len(values) == 1, values
    assert "\r" not in values[0] and "\n" not in values[0]
    message = Message()
    message["Content-Disposition"] = values[0]
    params = message.get_params(header="content-disposition") or []
    assert len(params) == 2, f"one disposition and one file name, not {params}"
    assert params[1][0] in ("filename", "filename*")
    return params[0][0], message.get_filename()


def test_a_hostile_ascii_name_stays_one_quoted_file_name():
    response = download(b"%PDF-1.4", ASCII_TRAP)
    assert disposition(response) == ("attachment", ASCII_TRAP)
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_a_vietnamese_name_with_a_line_break_is_one_rfc5987_file_name():
    response = download(b"x", VIETNAMESE_TRAP, inline=True)
    assert "filename*=utf-8''" in response["Content-Disposition"]
    kind, name = disposition(response)
    assert (kind, name) == ("inline", 'Kế hoạch";filename=evil.exe;Set-Cookie: x=1.pdf')
    assert response.getvalue() == b"x"


def test_folders_never_reach_the_file_name_and_types_come_from_the_name():
    response = download(b"PK", "../../etc/bao-cao.xlsx")
    assert disposition(response) == ("attachment", "-..-etc-bao-cao.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert download(b"<svg/>", "a.svg")["Content-Type"] == "image/svg+xml"
    assert download(b"?", "no-extension")["Content-Type"] == "application/octet-stream"


def test_a_stored_file_the_storage_lost_is_404(world):
    document = CampaignDocument(title="x")
    document.file.name = "campaigns/2026/never-written.pdf"
    with pytest.raises(Http404):
        download(document.file, "x.pdf")


# Every view of the matrix that hands out a file (exports, templates, certificates, stored files).
DOWNLOADS = [
    "unions:member_export",
    "unions:member_import_template",
    "unions:import_errors",
    "campaigns:registration_export",
    "campaigns:registration_import_template",
    "campaigns:document_download",
    "initiatives:initiative_export",
    "initiatives:initiative_attachment",
    "initiatives:work_export",
    "initiatives:research_export",
    "awards:award_export",
    "awards:award_import_template",
    "awards:ratings_template",
    "awards:proposal_lines_template",
    "awards:proposal_attachment",
    "awards:decision_file",
    "awards:decision_certificates",
    "awards:certificate",
]


def _hostile_codes():
    """Codes as an old row or an import might hold them: the validators of today never saw these."""
    for org in Organization.objects.all():
        Organization.objects.filter(pk=org.pk).update(code=f'{org.pk}";f=x.exe;\r\nĐ')
    for campaign in Campaign.objects.all():
        Campaign.objects.filter(pk=campaign.pk).update(code=f'{campaign.pk}";f=x.exe;\r\nĐoàn')


@pytest.mark.parametrize("name", DOWNLOADS)
def test_every_download_has_one_well_formed_content_disposition(client, world, award_catalogue, name):
    _method, target, _action, statuses = perm.MATRIX[name]
    url = reverse(name, kwargs=perm.target_kwargs(world, target))
    if name in budgets.QUERY:
        url += "?" + "&".join(f"{k}={v}" for k, v in budgets.QUERY[name](world).items())
    _hostile_codes()
    # Pages opened with a query string (budgets.QUERY) answer 200 to the officer of union_a1 with it.
    viewer = next((p for p in budgets.VIEWER_ORDER if statuses.get(p) == 200), perm.A)
    client.force_login(getattr(world, viewer))
    response = client.get(url)
    assert response.status_code == 200, url
    kind, filename = disposition(response)
    assert kind in ("attachment", "inline") and filename and "\n" not in filename
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_report_files_have_one_well_formed_content_disposition(client, world, award_catalogue):
    run = services.report_request(
        actor=world.staff_district_a, organization=world.district_a, period=periods.year(2025)
    )
    builder.build(run.pk)
    client.force_login(world.staff_district_a)
    for name in ("reports:report_excel", "reports:report_pdf"):
        response = client.get(reverse(name, args=[run.pk]))
        assert disposition(response)[0] == "attachment"


def test_no_download_builds_its_own_headers():
    """The headers are written in core/downloads.py only: a new export cannot interpolate a name again."""
    offenders = []
    apps = [d for d in ROOT.iterdir() if (d / "__init__.py").exists() and d.name not in ("tests", "benchmarks")]
    for path in (path for app in apps for path in app.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative == "core/downloads.py":
            continue
        text = path.read_text()
        if "Content-Disposition" in text or re.search(r"HttpResponse\([^)]*content_type=", text):
            offenders.append(relative)
    assert offenders == []
