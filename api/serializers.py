"""What the API shows of each object. Writes go through the same services as the site's forms."""

from rest_framework import serializers

from awards.models import Award, Decision, Proposal, ProposalLine
from campaigns.models import Campaign, Initiative, Registration
from unions.models import Member, Organization
from unions.services.members import MEMBER_FIELDS


class OrganizationSerializer(serializers.ModelSerializer):
    """`path` places the organisation in the tree: its parent's path is the path without its last 4 characters;
    `children` counts its direct units, `member_count` the active members of its whole subtree."""

    children = serializers.IntegerField(source="numchild", read_only=True)
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Organization
        fields = [
            "id", "code", "name", "short_name", "kind", "sector", "path", "depth", "children", "member_count",
            "dissolved_on",
        ]  # fmt: skip


class MemberSerializer(serializers.ModelSerializer):
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.none())

    class Meta:
        model = Member
        fields = ["id", "member_code", "organization", *MEMBER_FIELDS, "status", "left_on", "updated_at"]
        read_only_fields = ["member_code", "status", "left_on", "updated_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            from unions import selectors

            self.fields["organization"].queryset = selectors.member_holding_orgs_for(request.user)


class CampaignSerializer(serializers.ModelSerializer):
    organizer = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Campaign
        fields = [
            "id", "code", "name", "kind", "organizer", "year", "start_on", "end_on",
            "registration_deadline", "titles", "status",
        ]  # fmt: skip


class RegistrationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Registration
        fields = ["id", "campaign", "year", "organization", "member", "title", "status"]


class RegistrationCreateSerializer(serializers.Serializer):
    """Members of one union for a title (`members` given), or the union itself (no `members`)."""

    campaign = serializers.PrimaryKeyRelatedField(queryset=Campaign.objects.all())
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    title = serializers.CharField(max_length=255)
    members = serializers.PrimaryKeyRelatedField(queryset=Member.objects.all(), many=True, required=False)
    commitment = serializers.CharField(required=False, allow_blank=True, default="")


class AuthorSerializer(serializers.Serializer):
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.all())
    share = serializers.DecimalField(max_digits=5, decimal_places=2)


class InitiativeSerializer(serializers.ModelSerializer):
    authors = AuthorSerializer(many=True, write_only=True)
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())

    class Meta:
        model = Initiative
        fields = [
            "id", "title", "kind", "organization", "campaign", "year", "description", "estimated_benefit",
            "status", "authors",
        ]  # fmt: skip
        read_only_fields = ["status"]


class AwardSerializer(serializers.ModelSerializer):
    award_type = serializers.CharField(source="award_type.code")
    award_name = serializers.CharField(source="award_type.name")
    decision_number = serializers.CharField(source="decision.number")

    class Meta:
        model = Award
        fields = [
            "id", "award_type", "award_name", "organization", "member", "year", "decision", "decision_number",
            "decided_on", "gold_book_number", "bonus_amount", "status",
        ]  # fmt: skip


class LineSerializer(serializers.ModelSerializer):
    award_type = serializers.CharField(source="award_type.code")

    class Meta:
        model = ProposalLine
        fields = ["id", "organization", "member", "award_type", "status", "eligibility_status", "votes_yes", "votes_no"]


class ProposalSerializer(serializers.ModelSerializer):
    lines = LineSerializer(many=True, read_only=True)

    class Meta:
        model = Proposal
        fields = ["id", "title", "from_org", "to_org", "year", "kind", "campaign", "status", "submitted_at", "lines"]


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["id", "number", "signed_on", "issuer", "issuer_name", "signer_name", "signer_title"]
