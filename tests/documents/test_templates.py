"""Templates a federation replaces: checked on upload with sample values, versioned, one in use per kind."""

import io

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents import builtin, render, selectors, services
from documents.kinds import Kind, sample_context
from documents.models import DocumentTemplate
from tests.documents.helpers import docx_text, with_paragraph


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _upload(actor, org, content, kind=Kind.DECISION, name="mau.docx"):
    return services.template_upload(actor=actor, organization=org, kind=kind, upload=SimpleUploadedFile(name, content))


def _template_with(text):
    """A Word file whose only paragraph is `text` (its tags in one run, as a clerk's would be after retyping)."""
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_every_built_in_template_fills_with_its_sample_values():
    for kind in Kind.values:
        text = docx_text(render.fill_docx(builtin.template_bytes(kind), sample_context(kind)))
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Nơi nhận:" in text
        assert "{{" not in text and "{%" not in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"%PDF-1.7 not a Word file", "không phải văn bản Word", id="not-a-docx"),
        pytest.param(_template_with("Số: {{ number }"), "lỗi cú pháp", id="jinja-syntax"),
        pytest.param(_template_with("{% for x in lines %}"), "lỗi cú pháp", id="unclosed-block"),
        pytest.param(_template_with("{{ chu_ky|upper }}"), "trường thay thế không có", id="unknown-with-filter"),
        pytest.param(_template_with("{{ nguoi_ky }}"), "trường thay thế không có", id="unknown"),
        pytest.param(_template_with("{{ lines|round }}"), "Không điền được mẫu", id="filter-on-wrong-shape"),
        pytest.param(
            _template_with("{{ number.__class__.__mro__ }}"), "thứ khác ngoài các trường thay thế", id="sandbox"
        ),
    ],
)
def test_a_bad_template_is_refused_with_its_reason(world, content, message):
    with pytest.raises(ValidationError) as caught:
        _upload(world.staff_district_a, world.district_a, content)
    assert message in caught.value.messages[0]
    assert not DocumentTemplate.objects.exists()


def test_the_upload_page_shows_the_reason(client, world):
    client.force_login(world.staff_district_a)
    response = client.post(
        reverse("documents:template_upload"),
        {
            "organization": world.district_a.pk,
            "kind": Kind.NOTICE,
            "file": SimpleUploadedFile("mau.docx", _template_with("{{ nguoi_ky }}")),
        },
    )
    assert response.status_code == 200
    assert "trường thay thế không có" in response.content.decode()


def test_versions_are_kept_and_one_is_in_use(world):
    staff = world.staff_district_a
    first = _upload(staff, world.district_a, with_paragraph(builtin.template_bytes(Kind.DECISION), "v1"))
    second = _upload(staff, world.district_a, with_paragraph(builtin.template_bytes(Kind.DECISION), "v2"))
    assert (first.version, second.version) == (1, 2)
    assert list(DocumentTemplate.objects.filter(active=True)) == [second]
    assert "v2" in docx_text(selectors.template_for(world.union_a1, Kind.DECISION).content)
    services.template_activate(actor=staff, template=first)
    assert "v1" in docx_text(selectors.template_for(world.union_a1, Kind.DECISION).content)
    services.template_activate(actor=staff, template=first, active=False)
    assert selectors.template_for(world.union_a1, Kind.DECISION).template is None  # back to the built-in one


def _owner(org):
    template = selectors.template_for(org, Kind.NOTICE).template
    return template and template.organization


def test_the_parent_template_applies_below_until_the_unit_has_its_own(world):
    _upload(world.admin, world.city, with_paragraph(builtin.template_bytes(Kind.NOTICE), "thành phố"), Kind.NOTICE)
    assert _owner(world.union_b1) == world.city
    _upload(world.admin, world.district_b, with_paragraph(builtin.template_bytes(Kind.NOTICE), "Tây Hồ"), Kind.NOTICE)
    assert _owner(world.union_b1) == world.district_b
    assert _owner(world.union_a1) == world.city


def test_only_federation_staff_in_reach_replace_templates(world):
    content = builtin.template_bytes(Kind.DECISION)
    with pytest.raises(PermissionDenied):  # a grassroots union drafts with its federation's templates
        _upload(world.officer_union_a1, world.union_a1, content)
    with pytest.raises(PermissionDenied):  # another district
        _upload(world.staff_district_a, world.district_b, content)


def test_the_templates_page_lists_versions_in_reach_and_the_placeholders(client, world):
    _upload(world.admin, world.district_b, builtin.template_bytes(Kind.DECISION), name="mau-tay-ho.docx")
    mine = _upload(world.staff_district_a, world.district_a, builtin.template_bytes(Kind.DECISION), name="mau-btl.docx")
    client.force_login(world.staff_district_a)
    html = client.get(reverse("documents:template_list")).content.decode()
    assert "mau-btl.docx" in html and "mau-tay-ho.docx" not in html
    assert "total_words" in html and "line.bonus" in html
    response = client.get(reverse("documents:template_file", args=[mine.pk]))
    assert response.getvalue() == builtin.template_bytes(Kind.DECISION)
    response = client.get(reverse("documents:template_builtin", args=[Kind.REPORT]))
    assert "I. ĐẶC ĐIỂM TÌNH HÌNH" in docx_text(response.getvalue())
