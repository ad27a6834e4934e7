"""Writes of works and products (công trình, sản phẩm) and research projects (đề tài khoa học)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.text import clean_name
from unions import access
from unions.inputs import inputs_changed_send
from unions.models import Member, MemberStatus, Organization
from unions.signals import announce

from ..models import ResearchProject, WorkProduct
from .initiatives import check_campaign, check_owner_organization

WORK_FIELDS = ("name", "campaign", "occasion", "year", "value", "completed_on", "plaque_on")
RESEARCH_FIELDS = ("title", "lead", "level", "year", "accepted_on")


def _check_work(work):
    work.name = clean_name(work.name)
    work.occasion = clean_name(work.occasion)
    if work.value is None:
        work.value = 0
    if work.plaque_on and work.completed_on and work.plaque_on < work.completed_on:
        raise ValidationError({"plaque_on": _("The plaque cannot be attached before the work is completed.")})
    work.full_clean(exclude=["created_by"])


def _set_organization(actor, obj, organization):
    if organization is not None and organization.pk != obj.organization_id:
        organization = Organization.objects.get(pk=organization.pk)
        check_owner_organization(actor, organization)
        obj.organization = organization


def _apply(obj, data, allowed):
    for field, value in data.items():
        if field not in allowed:
            raise ValueError(f"{field} is not editable here")
        setattr(obj, field, value)


@transaction.atomic
def work_create(*, actor, organization, **data):
    organization = Organization.objects.get(pk=organization.pk)
    check_owner_organization(actor, organization)
    check_campaign(actor, data.get("campaign"))
    work = WorkProduct(organization=organization, created_by=actor)
    _apply(work, data, WORK_FIELDS)
    _check_work(work)
    work.save()
    announce([organization.path])
    return work


@transaction.atomic
def work_update(*, actor, work, organization=None, **data):
    work = WorkProduct.objects.select_for_update().get(pk=work.pk)
    access.require(actor, access.MEMBER_WRITE, work.organization)
    before = work.organization.path
    _set_organization(actor, work, organization)
    campaign = data.get("campaign")
    if campaign is not None and campaign.pk != work.campaign_id:
        check_campaign(actor, campaign)
    _apply(work, data, WORK_FIELDS)
    _check_work(work)
    work.save()
    announce([before, work.organization.path])
    return work


def _check_research(actor, project, *, check_lead=True):
    project.title = clean_name(project.title)
    if check_lead and project.lead_id:
        visible = Member.objects.visible_to(actor).filter(pk=project.lead_id, status=MemberStatus.ACTIVE)
        if not visible.exists():
            raise ValidationError({"lead": _("The lead researcher must be an active member in your reach.")})
    project.full_clean(exclude=["created_by"])


@transaction.atomic
def research_create(*, actor, organization, **data):
    organization = Organization.objects.get(pk=organization.pk)
    check_owner_organization(actor, organization)
    project = ResearchProject(organization=organization, created_by=actor)
    _apply(project, data, RESEARCH_FIELDS)
    _check_research(actor, project)
    project.save()
    inputs_changed_send(members=[project.lead_id])
    return project


@transaction.atomic
def research_update(*, actor, project, organization=None, **data):
    project = ResearchProject.objects.select_for_update().get(pk=project.pk)
    access.require(actor, access.MEMBER_WRITE, project.organization)
    _set_organization(actor, project, organization)
    old_lead = project.lead_id
    _apply(project, data, RESEARCH_FIELDS)
    _check_research(actor, project, check_lead=project.lead_id != old_lead)
    project.save()
    inputs_changed_send(members=[project.lead_id, old_lead])
    return project
