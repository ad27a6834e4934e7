"""The owning organisation's path copied onto the large tables (members, awards, initiatives, registrations).

Scoping a row is then a prefix test on its own indexed column instead of a join to the organisation
tree, which is what keeps province- and nation-wide lists fast. The copy is set on every save and bulk
insert and repaired after the tree changes shape (move, merge, dissolve), the only events that
change a path.
"""

from django.db import models
from django.db.models import OuterRef, Q, Subquery

from .access import OrgScopedQuerySet
from .signals import announce

PATH_MAX = 255


def _paths_of(org_ids):
    from .models import Organization

    return dict(Organization.objects.filter(pk__in=set(org_ids)).values_list("pk", "path"))


class OrgPathQuerySet(OrgScopedQuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        missing = [o for o in objs if o.organization_id and not o.org_path]
        if missing:
            paths = _paths_of(o.organization_id for o in missing)
            for obj in missing:
                obj.org_path = paths[obj.organization_id]
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if "organization" in fields or "organization_id" in fields:
            paths = _paths_of(o.organization_id for o in objs)
            for obj in objs:
                obj.org_path = paths[obj.organization_id]
            fields = [*fields, "org_path"]
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs):
        result = super().update(**kwargs)
        if "organization" in kwargs or "organization_id" in kwargs:
            refresh(self.model)
        return result


class OrgPathModel(models.Model):
    """Abstract: rows owned by `organization` that carry a copy of its path."""

    org_field = "organization"
    org_path_field = "org_path"

    org_path = models.CharField(max_length=PATH_MAX, editable=False, default="")

    objects = OrgPathQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.organization_id:
            cached = self._state.fields_cache.get("organization")
            if cached is not None and cached.pk == self.organization_id:
                self.org_path = cached.path
            else:
                self.org_path = _paths_of([self.organization_id])[self.organization_id]
            update_fields = kwargs.get("update_fields")
            if update_fields is not None and "organization" in update_fields:
                kwargs["update_fields"] = {*update_fields, "org_path"}
        super().save(*args, **kwargs)


def models_with_paths():
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, OrgPathModel)]


def refresh(model=None, *prefixes):
    """Rewrite stale copies, under the given path prefixes (all rows when none): returns rows fixed."""
    from .models import Organization

    fixed = 0
    for m in [model] if model else models_with_paths():
        current = Subquery(Organization.objects.filter(pk=OuterRef("organization_id")).values("path")[:1])
        qs = m._base_manager.all()
        if prefixes:
            scope = Q()
            for prefix in prefixes:
                scope |= Q(organization__path__startswith=prefix)
            qs = qs.filter(scope)
        fixed += qs.exclude(
            org_path=Subquery(Organization.objects.filter(pk=OuterRef("organization_id")).values("path")[:1])
        ).update(org_path=current)
    return fixed


def refresh_under(*orgs, old_paths=()):
    """After a move, merge or dissolution: fix the rows now under these organisations."""
    fixed = refresh(None, *[o.path for o in orgs if o is not None])
    # Rows left the old paths and arrived under the new ones: both sides' figures change.
    announce([*old_paths, *[o.path for o in orgs if o is not None]])
    return fixed
