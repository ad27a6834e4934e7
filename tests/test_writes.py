"""Every model write outside migrations and tests goes through a service function (issue 11).

Every module of every app is read as a syntax tree and the calls that write rows are listed: `create`,
`get_or_create`, `update_or_create`, `bulk_create`, `bulk_update`, `save(...)`, `delete()` and a queryset's
`update(field=…)`. Services are where writes belong (they check the rules, keep history, write the audit entry
and announce the change), so their modules are not listed; nor are migrations, `core/` (it has no models) and
the demo data loaders (`demo*.py`, run only by `seed_demo`). What is left must be exactly ALLOWED, each entry
with its reason: a new direct write either moves into a service or is named here and justified.
"""

import ast

from django.apps import apps

from tests.test_architecture import LAYER_OF, ROOT

WRITES = {"create", "get_or_create", "update_or_create", "bulk_create", "bulk_update", "save", "delete", "update"}

# (module path, enclosing function, method) -> why this write is not in a service.
ALLOWED = {
    ("api/authentication.py", "TokenAuthentication.authenticate", "update"): (
        "the token's own row: when it was last used (shown to its owner on the tokens page)"
    ),
    ("jobs/runner.py", "Heartbeat.run", "update"): "the job runner keeps its own state row: the heartbeat",
    ("jobs/runner.py", "_claim", "save"): "the job runner keeps its own state row: claimed by a worker",
    ("jobs/runner.py", "_after_error", "save"): "the job runner keeps its own state row: an attempt failed",
    ("jobs/runner.py", "_give_up", "save"): "the job runner keeps its own state row: given up",
    ("jobs/runner.py", "_record", "update"): "the job runner keeps its own state row: the outcome",
    ("jobs/exports.py", "run", "save"): "the export file saved to the storage (no model row: the job records it)",
    ("reports/builder.py", "build", "save"): "a report run's own status, written by the job that builds it",
    ("reports/builder.py", "build", "delete"): "a report run's own snapshots, replaced when the run is rebuilt",
    ("reports/builder.py", "build", "bulk_create"): "a report run's own snapshots (figures frozen at build time)",
    ("documents/builtin.py", "template_bytes", "save"): "python-docx writing a Word file into memory, no model",
    ("documents/render.py", "fill_docx", "save"): "docxtpl writing the filled Word file into memory, no model",
    ("unions/ancestry.py", "refresh", "update"): (
        "the path copies (org_path) of organisation-owned rows: derived data, rewritten by the tree machinery "
        "that the organisation services call after a move, merge or dissolution"
    ),
    ("unions/views/members.py", "member_create", "save"): (
        "the extra forms other apps add to the member form (settings.MEMBER_CREATE_FORMS): their save() calls "
        "their own app's service (privacy.forms.ConsentForm → privacy.services.consent_record)"
    ),
}

# Whole modules that own derived tables and write nothing else.
ALLOWED_MODULES = {
    "reports/rollups.py": "the rollup tables and their state row: counts derived from the rows, rebuilt from them",
}

# Receivers named like a mapping: their `update(key=…)` is a dict's, not a queryset's.
MAPPINGS = {"attrs", "context", "values", "data", "kwargs"}


def _exempt(path):
    parts = path.relative_to(ROOT).parts
    return (
        parts[0] == "core"
        or "migrations" in parts
        or "services" in parts
        or path.stem == "services"
        or path.stem.startswith("demo")
    )


def _is_write(call):
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr not in WRITES:
        return False
    receiver = func.value
    if isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Name) and receiver.func.id == "super":
        return False  # a model or queryset overriding the primitive itself, not a place that writes
    if func.attr == "update":
        # QuerySet.update takes fields by keyword; dict.update and set.update mostly take a mapping or an
        # iterable, and a dict updated by keyword is named like one (`context.update(page=…)`).
        name = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", "")
        return not call.args and bool(call.keywords) and name not in MAPPINGS
    if func.attr == "delete":
        return not call.args  # storage.delete(name) removes a file; Model/QuerySet.delete() take no name
    if func.attr == "save":
        # FieldFile.save(name, content, save=False) stores a file and leaves the row to its owner's save.
        return not any(
            k.arg == "save" and isinstance(k.value, ast.Constant) and k.value.value is False for k in call.keywords
        )
    return True


def _writes(path, name):
    found = set()

    def visit(node, where):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                visit(child, f"{where}.{child.name}" if where else child.name)
                continue
            if isinstance(child, ast.Call) and _is_write(child):
                found.add((name, where, child.func.attr))
            visit(child, where)

    visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)), "")
    return found


def direct_writes():
    found = set()
    for app in LAYER_OF:
        for path in sorted((ROOT / app).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if not _exempt(path) and name not in ALLOWED_MODULES:
                found |= _writes(path, name)
    return found


def test_core_has_no_models_to_write():
    assert not list(apps.get_app_config("core").get_models())


def test_every_write_outside_services_is_named_and_justified():
    found = direct_writes()
    assert found - ALLOWED.keys() == set(), "write through a service, or add the call to ALLOWED with its reason"
    assert ALLOWED.keys() - found == set(), "no longer written there: remove from ALLOWED"


def test_allowed_modules_exist():
    assert all((ROOT / name).exists() for name in ALLOWED_MODULES)


def test_the_detector_sees_the_writes_it_claims_to(tmp_path):
    """The walk must find each kind of write, or the allowlist above would hold trivially."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f(qs, obj, form, context, run):\n"
        "    qs.filter(a=1).update(b=2)\n    obj.save()\n    qs.delete()\n    M.objects.create(a=1)\n"
        "    M.objects.bulk_create([])\n    M.objects.get_or_create(a=1)\n"
        "class A:\n    def g(self, qs):\n        qs.update(x=1)\n"
        # Not writes: a dict, widget attributes, a file removed from storage, a file stored for a later save,
        # the primitive overridden by a model.
        "def h(d, form, context, storage, run):\n"
        "    d.update({'a': 1})\n    form.widget.attrs.update(x=1)\n    context.update(page=1)\n"
        "    storage.delete('name')\n    run.pdf.save('a.pdf', b'', save=False)\n    super().save()\n",
        encoding="utf-8",
    )
    assert _writes(sample, "sample.py") == {
        ("sample.py", "f", "update"),
        ("sample.py", "f", "save"),
        ("sample.py", "f", "delete"),
        ("sample.py", "f", "create"),
        ("sample.py", "f", "bulk_create"),
        ("sample.py", "f", "get_or_create"),
        ("sample.py", "A.g", "update"),
    }
