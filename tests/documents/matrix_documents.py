"""Permission-matrix rows for the templates of drafted documents."""

from django.core.files.base import ContentFile

from documents import builtin
from documents.kinds import Kind
from documents.models import DocumentTemplate
from tests.personas import ADM, OUT, A, B, L, S

# Only federation staff replace templates; a grassroots union drafts with its federation's.
FEDERATION = {A: 403, S: 200, L: 403, B: 403, OUT: 403, ADM: 200}
# A version uploaded by district_a: out of reach below it and in the other district.
VERSION = {A: 404, S: 200, L: 403, B: 404, OUT: 404, ADM: 200}

MATRIX = {
    "documents:template_list": ("get", None, "document.template", FEDERATION),
    "documents:template_upload": ("get", None, "document.template", FEDERATION),
    "documents:template_builtin": ("get", "kind_decision", "document.template", FEDERATION),
    "documents:template_file": ("get", "template_a", "document.template", VERSION),
    "documents:template_activate": (
        "post",
        "template_a",
        "document.template",
        {**VERSION, S: 302, ADM: 302},
    ),
}


def make_target(world, target):
    if target == "kind_decision":
        return {"kind": Kind.DECISION.value}
    if target == "template_a":
        template = DocumentTemplate(
            organization=world.district_a, kind=Kind.DECISION, version=1, original_name="mau.docx"
        )
        template.file.save("matrix.docx", ContentFile(builtin.template_bytes(Kind.DECISION)), save=False)
        template.save()
        return {"pk": template.pk}
    return None
