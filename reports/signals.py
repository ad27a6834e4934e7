"""Writes that change a metric mark their branch of the rollup table for a refresh (see rollups.touch)."""

from django.db.models.signals import post_delete, post_save

from . import rollups


def _path_of(instance):
    if hasattr(instance, "org_path"):
        return instance.org_path
    for field in ("organization", "issuer", "to_org"):
        org_id = getattr(instance, f"{field}_id", None)
        if org_id:
            return getattr(instance, field).path
    return getattr(instance, "path", "")


def _changed(sender, instance, **kwargs):
    rollups.touch(_path_of(instance))


def _tree_changed(sender, paths, **kwargs):
    rollups.touch(*paths)


def connect():
    from awards.models import Award, Decision, Proposal
    from campaigns.models import CampaignLaunch, Initiative, Registration, WorkProduct
    from unions.ancestry import tree_changed
    from unions.models import Member, Organization

    tree_changed.connect(_tree_changed, dispatch_uid="rollups-tree")
    for model in (Member, Organization, Award, Decision, Proposal, CampaignLaunch, Initiative, Registration,
                  WorkProduct):
        post_save.connect(_changed, sender=model, dispatch_uid=f"rollups-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"rollups-delete-{model.__name__}")
