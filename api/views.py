"""/api/v1/: the site's objects for other systems, through the same scoped selectors and services as the pages.

Outside the caller's reach an object does not exist (404), exactly as on the site; lists hold only what is
within reach. Personal data read through the API is audited like the pages that show it.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import SAFE_METHODS
from rest_framework.response import Response

from audit.services import record
from awards.models import Decision
from awards.selectors import awards as award_selectors
from awards.selectors import proposals as proposal_selectors
from campaigns.selectors import campaigns as campaign_selectors
from campaigns.selectors import initiatives as initiative_selectors
from campaigns.services import initiatives as initiative_services
from campaigns.services import registrations as registration_services
from unions import access
from unions import selectors as union_selectors
from unions.services import members as member_services

from . import serializers


def _as_api_error(error: DjangoValidationError) -> ValidationError:
    return ValidationError(error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages})


class ScopedViewSet(viewsets.GenericViewSet):
    """A read-only view set over `scoped(user)`: the selector of the site's own list page."""

    action_required = access.READ

    def scoped(self, user):
        raise NotImplementedError

    def get_queryset(self):
        return self.scoped(self.request.user)


class WritingViewSet(ScopedViewSet):
    """Writes need the token's (and the roles') member.write somewhere; reach is checked by the services."""

    def check_permissions(self, request):
        super().check_permissions(request)
        if request.method not in SAFE_METHODS and access.reach(request.user, access.MEMBER_WRITE) == []:
            self.permission_denied(request, message=_("This token may only read."))


class OrganizationViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    serializer_class = serializers.OrganizationSerializer
    filterset_fields = ["kind", "depth"]

    def scoped(self, user):
        return union_selectors.organization_list_for(user)

    def get_serializer(self, instance=None, *args, **kwargs):
        # The page's (or the one organisation's) member counts in one query, as the tree page reads them.
        if instance is not None:
            orgs = instance if isinstance(instance, list) else [instance]
            counts = union_selectors.subtree_member_counts(orgs)
            for org in orgs:
                org.member_count = counts[org.pk]
        return super().get_serializer(instance, *args, **kwargs)


class MemberViewSet(
    WritingViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
):
    serializer_class = serializers.MemberSerializer
    filterset_fields = ["organization", "status", "gender"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def scoped(self, user):
        return union_selectors.member_list_for(user)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        record(actor=request.user, action="export", request=request, label=f"API: {len(response.data['results'])}")
        return response

    def retrieve(self, request, *args, **kwargs):
        member = self.get_object()
        record(actor=request.user, action="view", request=request, obj=member, organization=member.organization)
        return super().retrieve(request, *args, **kwargs)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        try:
            with transaction.atomic():
                serializer.instance = member_services.member_create(
                    actor=self.request.user, organization=data.pop("organization"), **data
                )
        except DjangoValidationError as error:
            raise _as_api_error(error) from None

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        organization = data.pop("organization", None)
        if organization is not None and organization != serializer.instance.organization:
            raise ValidationError({"organization": [_("Move a member to another union with a transfer.")]})
        try:
            serializer.instance = member_services.member_update(
                actor=self.request.user, member=serializer.instance, **data
            )
        except DjangoValidationError as error:
            raise _as_api_error(error) from None


class CampaignViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    serializer_class = serializers.CampaignSerializer
    filterset_fields = ["year", "kind", "status"]

    def scoped(self, user):
        return campaign_selectors.campaign_list_for(user)


class RegistrationViewSet(WritingViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    serializer_class = serializers.RegistrationSerializer
    filterset_fields = ["campaign", "year", "status"]

    def scoped(self, user):
        return campaign_selectors.registration_list_for(user)

    @extend_schema(
        request=serializers.RegistrationCreateSerializer, responses=serializers.RegistrationSerializer(many=True)
    )
    def create(self, request):
        """Register members of a union for a title (as the registration form), or the union itself."""
        incoming = serializers.RegistrationCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        members = data.pop("members", None)
        try:
            with transaction.atomic():
                if members:
                    made = registration_services.register_members(actor=request.user, members=members, **data)
                else:
                    made = [registration_services.register_union(actor=request.user, **data)]
        except DjangoValidationError as error:
            raise _as_api_error(error) from None
        return Response(serializers.RegistrationSerializer(made, many=True).data, status=status.HTTP_201_CREATED)


class InitiativeViewSet(WritingViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin):
    serializer_class = serializers.InitiativeSerializer
    filterset_fields = ["year", "status"]

    def scoped(self, user):
        return initiative_selectors.initiative_list_for(user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        authors = [(row["member"], row["share"]) for row in data.pop("authors")]
        try:
            with transaction.atomic():
                serializer.instance = initiative_services.initiative_create(
                    actor=self.request.user, organization=data.pop("organization"), authors=authors, **data
                )
        except DjangoValidationError as error:
            raise _as_api_error(error) from None


class AwardViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    serializer_class = serializers.AwardSerializer
    filterset_fields = ["year", "status"]

    def scoped(self, user):
        return award_selectors.award_list_for(user)


class ProposalViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    serializer_class = serializers.ProposalSerializer
    filterset_fields = ["year", "status"]

    def scoped(self, user):
        return proposal_selectors.proposal_list_for(user).prefetch_related("lines__award_type")


class DecisionViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    serializer_class = serializers.DecisionSerializer

    def scoped(self, user):
        return Decision.objects.visible_to(user).order_by("-signed_on", "-id")
