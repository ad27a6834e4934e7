"""Reads of document templates: the lists of the templates page, and which template a unit drafts with."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from unions import access
from unions.models import Organization

from . import builtin
from .layout import Letterhead, place_of
from .models import DocumentTemplate
from .render import TemplateProblem


@dataclass(frozen=True)
class Source:
    """The template a document is drafted from: an uploaded version, or the built-in one (template None)."""

    content: bytes
    template: DocumentTemplate | None

    @property
    def label(self) -> str:
        return str(self.template) if self.template else ""


def _ancestor_paths(org: Organization) -> list[str]:
    step = Organization.steplen
    return [org.path[:end] for end in range(step, len(org.path) + 1, step)]


def template_for(org: Organization | None, kind: str) -> Source:
    """The template in use for `org`: its own, else the nearest ancestor's, else the built-in one (one query)."""
    found = None
    if org is not None:
        found = (
            DocumentTemplate.objects.filter(kind=kind, active=True, organization__path__in=_ancestor_paths(org))
            .select_related("organization")
            .order_by("-organization__depth")
            .first()
        )
    if found is None:
        return Source(builtin.template_bytes(kind), None)
    try:
        with found.file.open("rb") as handle:
            return Source(handle.read(), found)
    except OSError as error:  # the row names a file the storage no longer has
        raise TemplateProblem(_("The file of the template in use is missing from storage.")) from error


def template_list_for(user: Any) -> QuerySet[DocumentTemplate]:
    """Every version uploaded in the organisations where the user may replace templates."""
    return access.restrict(
        DocumentTemplate.objects.select_related("organization", "uploaded_by"),
        user,
        access.DOCUMENT_TEMPLATE,
        "organization",
    ).order_by("kind", "organization__path", "-version")


def template_get_for(user: Any, pk: Any) -> DocumentTemplate:
    return DocumentTemplate.objects.visible_to(user).select_related("organization").get(pk=pk)


def letterhead_for(org: Organization, **fields: Any) -> Letterhead:
    """The letterhead of a document `org` issues: its name, its parent's (cơ quan chủ quản) and the place name
    of its province, from its ancestors (one query)."""
    ancestors = list(Organization.objects.filter(path__in=_ancestor_paths(org)[:-1]).order_by("depth"))
    parent = ancestors[-1].name if ancestors else ""
    return Letterhead(
        issuer_name=org.name,
        parent_name=parent,
        place=place_of([a.name for a in ancestors] + [org.name]),
        **fields,
    )
