from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.validators import file_name_code
from unions.access import OrgScopedQuerySet
from unions.ancestry import OrgPathModel, OrgPathQuerySet
from unions.models import Member, Organization, Sector


class CampaignKind(models.TextChoices):
    ANNUAL = "annual", _("Annual")
    THEMATIC = "thematic", _("Thematic")
    PHASED = "phased", _("Phased over a term")


class TargetGroup(models.TextChoices):
    ALL = "all", _("All members")
    WOMEN = "women", _("Women members")


def join_codes(codes):
    """Sectors are stored as ",education,health," so that one LIKE finds a sector on any database."""
    return f",{','.join(sorted(codes))}," if codes else ""


class StandardCampaign(models.Model):
    """The recurring campaigns of the union movement, offered when a federation creates one."""

    code = models.CharField(max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=CampaignKind.choices)
    slogan = models.CharField(_("slogan"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    target_sectors = models.CharField(max_length=255, blank=True)
    target_group = models.CharField(max_length=16, choices=TargetGroup.choices, default=TargetGroup.ALL)
    titles = models.JSONField(default=list)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Campaign(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        LAUNCHED = "launched", _("Launched")
        CLOSED = "closed", _("Closed")

    org_field = "organizer"

    code = models.CharField(_("code"), max_length=40, unique=True, validators=[file_name_code])
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=CampaignKind.choices)
    slogan = models.CharField(_("slogan"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    organizer = models.ForeignKey(
        Organization, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="campaigns"
    )
    standard = models.ForeignKey(StandardCampaign, null=True, blank=True, on_delete=models.SET_NULL)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    start_on = models.DateField(_("starts on"))
    end_on = models.DateField(_("ends on"))
    registration_deadline = models.DateField(_("registration deadline"))
    midterm_review_on = models.DateField(_("mid-term review"), null=True, blank=True)
    final_review_on = models.DateField(_("final review"), null=True, blank=True)
    target_sectors = models.CharField(_("target sectors"), max_length=255, blank=True)
    target_group = models.CharField(
        _("target group"), max_length=16, choices=TargetGroup.choices, default=TargetGroup.ALL
    )
    titles = models.JSONField(_("titles sought"), default=list, blank=True)
    criteria = models.TextField(_("criteria and targets"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    launched_on = models.DateField(_("launched on"), null=True, blank=True)
    launch_document = models.CharField(_("launch document number"), max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(condition=Q(end_on__gte=models.F("start_on")), name="campaign_ends_after_start"),
        ]

    def __str__(self):
        return self.name

    @property
    def sectors(self):
        return [s for s in self.target_sectors.split(",") if s]

    def sector_labels(self):
        return [Sector(s).label for s in self.sectors]

    def targets(self, org):
        return not self.sectors or org.sector in self.sectors


class CampaignDocument(models.Model):
    class Kind(models.TextChoices):
        PLAN = "plan", _("Plan")
        LAUNCH_DECISION = "launch_decision", _("Launch decision")
        GUIDANCE = "guidance", _("Guidance")
        OTHER = "other", _("Other")

    org_field = "campaign__organizer"

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to="campaigns/%Y/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "uploaded_at"]

    def __str__(self):
        return self.title


class CampaignLaunch(models.Model):
    """A union launching the campaign for its own members (phát động)."""

    org_field = "organization"

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="launches")
    organization = models.ForeignKey(
        Organization, verbose_name=_("union"), on_delete=models.PROTECT, related_name="campaign_launches"
    )
    launched_on = models.DateField(_("launched on"))
    document_number = models.CharField(_("document number"), max_length=64, blank=True)
    participants = models.PositiveIntegerField(_("participants"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-launched_on"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organization"], name="one_launch_per_union"),
        ]

    def __str__(self):
        return f"{self.campaign} · {self.organization}"


class Registration(OrgPathModel):
    """A member or a union registering for a title in a campaign year."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        ACHIEVED = "achieved", _("Achieved")
        NOT_ACHIEVED = "not_achieved", _("Not achieved")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Review(models.TextChoices):
        """The level above the union approves its registrations or returns them with a reason."""

        PENDING = "", _("Not reviewed")
        APPROVED = "approved", _("Approved by the level above")
        RETURNED = "returned", _("Returned by the level above")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.PROTECT, related_name="registrations"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("union"),
        on_delete=models.PROTECT,
        related_name="registrations",
        help_text=_("The union that registers: the subject union itself or the member's union."),
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    title = models.CharField(_("title sought"), max_length=255)
    commitment = models.TextField(_("commitment"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.REGISTERED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    review = models.CharField(_("review"), max_length=16, choices=Review.choices, default=Review.PENDING, blank=True)
    review_reason = models.TextField(_("reason for returning"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["org_path"])

    objects = OrgPathQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "organization__path", "member__search_name"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "year", "title", "member"],
                condition=Q(member__isnull=False),
                name="one_registration_per_member_title",
                violation_error_message=_(
                    "This member is already registered for this title in this campaign and year."
                ),
            ),
            models.UniqueConstraint(
                fields=["campaign", "year", "title", "organization"],
                condition=Q(member__isnull=True),
                name="one_registration_per_union_title",
                violation_error_message=_("This union is already registered for this title in this campaign and year."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["org_path"],
                opclasses=["varchar_pattern_ops"],
                name="registration_org_path",
                include=["year", "status"],
            ),
            models.Index(fields=["campaign", "year", "status"]),
        ]

    def __str__(self):
        return f"{self.subject_name} · {self.title}"

    @property
    def subject_name(self):
        return self.member.full_name if self.member_id else self.organization.name

    @property
    def is_collective(self):
        return self.member_id is None


class InitiativeKind(models.TextChoices):
    TECHNICAL = "technical", _("Technical solution")
    MANAGEMENT = "management", _("Management solution")
    OPERATIONAL = "operational", _("Operational solution")
    TECH_APPLICATION = "tech_application", _("Application of technical progress")
    EXPERIENCE = "experience", _("Teaching experience")


class RecognitionScope(models.TextChoices):
    GRASSROOTS = "grassroots", _("Grassroots")
    PROVINCIAL = "provincial", _("Provincial or confederation")
    NATIONAL = "national", _("National")


class Initiative(OrgPathModel):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        UNDER_EVALUATION = "under_evaluation", _("Under evaluation")
        RECOGNISED = "recognised", _("Recognised")
        REJECTED = "rejected", _("Rejected")
        APPLIED = "applied", _("Applied")

    title = models.CharField(_("title"), max_length=300)
    search_title = models.CharField(max_length=300, editable=False, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=InitiativeKind.choices)
    organization = models.ForeignKey(
        Organization, verbose_name=_("union"), on_delete=models.PROTECT, related_name="initiatives"
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="initiatives",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    description = models.TextField(_("description"), blank=True)
    applied_from = models.DateField(_("applied from"), null=True, blank=True)
    estimated_benefit = models.PositiveBigIntegerField(_("estimated benefit (VND)"), default=0)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED)
    scope = models.CharField(_("recognised at"), max_length=16, choices=RecognitionScope.choices, blank=True)
    recognised_by = models.CharField(_("recognising body"), max_length=255, blank=True)
    recognition_decision = models.CharField(_("recognition decision"), max_length=64, blank=True)
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    rejection_reason = models.CharField(_("reason for rejection"), max_length=255, blank=True)
    verified_benefit = models.PositiveBigIntegerField(_("verified benefit (VND)"), null=True, blank=True)
    verified_by = models.CharField(_("verified by"), max_length=255, blank=True)
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    attachment = models.FileField(_("attachment"), upload_to="initiatives/%Y/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["search_title", "org_path"])

    objects = OrgPathQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        indexes = [
            models.Index(
                fields=["org_path"],
                opclasses=["varchar_pattern_ops"],
                name="initiative_org_path",
                include=["status", "scope", "recognised_on", "estimated_benefit"],
            ),
            models.Index(fields=["organization", "year", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["recognised", "applied"]) | ~Q(scope=""),
                name="recognised_initiative_has_scope",
            ),
        ]

    def __str__(self):
        return self.title


class InitiativeAuthor(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="authors")
    member = models.ForeignKey(
        Member, verbose_name=_("author"), on_delete=models.PROTECT, related_name="initiative_authorships"
    )
    share = models.DecimalField(
        _("share (%)"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0.01), MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["-share", "id"]
        constraints = [models.UniqueConstraint(fields=["initiative", "member"], name="one_share_per_author")]

    def __str__(self):
        return f"{self.member} ({self.share}%)"


class WorkProduct(models.Model):
    """A work or product dedicated to an occasion (công trình, sản phẩm), possibly given a plaque."""

    org_field = "organization"

    name = models.CharField(_("name"), max_length=300)
    organization = models.ForeignKey(
        Organization, verbose_name=_("union"), on_delete=models.PROTECT, related_name="works"
    )
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), null=True, blank=True, on_delete=models.SET_NULL, related_name="works"
    )
    occasion = models.CharField(_("occasion"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.PositiveBigIntegerField(_("value (VND)"), default=0)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    plaque_on = models.DateField(_("plaque attached on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("work or product")
        verbose_name_plural = _("works and products")

    def __str__(self):
        return self.name


class ResearchProject(models.Model):
    org_field = "organization"

    title = models.CharField(_("title"), max_length=300)
    organization = models.ForeignKey(
        Organization, verbose_name=_("union"), on_delete=models.PROTECT, related_name="research_projects"
    )
    lead = models.ForeignKey(
        Member,
        verbose_name=_("lead researcher"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="research_projects",
    )
    level = models.CharField(
        _("level"), max_length=16, choices=RecognitionScope.choices, default=RecognitionScope.GRASSROOTS
    )
    year = models.PositiveSmallIntegerField(_("year"))
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("research project")
        verbose_name_plural = _("research projects")

    def __str__(self):
        return self.title


class Cluster(models.Model):
    """A group of peer organisations that emulate and rank each other in a year (cụm, khối thi đua)."""

    org_field = "organizer"

    name = models.CharField(_("name"), max_length=255)
    organizer = models.ForeignKey(
        Organization, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="clusters"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    leader = models.ForeignKey(
        Organization,
        verbose_name=_("cluster leader"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clusters",
        help_text=_("For a ranking at the final review of a campaign."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("emulation cluster")
        verbose_name_plural = _("emulation clusters")
        constraints = [models.UniqueConstraint(fields=["organizer", "year", "name"], name="unique_cluster_name")]

    def __str__(self):
        return f"{self.name} ({self.year})"


class ClusterMember(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization, verbose_name=_("member unit"), on_delete=models.PROTECT, related_name="cluster_memberships"
    )
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["rank", "organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "organization"], name="one_membership_per_cluster"),
            models.UniqueConstraint(fields=["cluster", "rank"], name="one_unit_per_rank"),
        ]

    def __str__(self):
        return f"{self.cluster} · {self.organization}"


class EmulationPact(models.Model):
    """The mutual commitment signed by the units of a cluster (giao ước thi đua)."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="pacts")
    signed_on = models.DateField(_("signed on"))
    document_number = models.CharField(_("document number"), max_length=64, blank=True)
    targets = models.TextField(_("commitments and targets"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on"]

    def __str__(self):
        return f"{self.cluster} · {self.signed_on:%d/%m/%Y}"


class Contest(models.Model):
    """A skills contest (hội thi thợ giỏi) held under a campaign."""

    org_field = "organizer"

    name = models.CharField(_("name"), max_length=255)
    organizer = models.ForeignKey(
        Organization, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="contests"
    )
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), null=True, blank=True, on_delete=models.SET_NULL, related_name="contests"
    )
    trade = models.CharField(_("trade"), max_length=150, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    held_on = models.DateField(_("held on"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "name"]
        verbose_name = _("skills contest")
        verbose_name_plural = _("skills contests")

    def __str__(self):
        return self.name


class Prize(models.TextChoices):
    FIRST = "first", _("First prize")
    SECOND = "second", _("Second prize")
    THIRD = "third", _("Third prize")
    CONSOLATION = "consolation", _("Consolation prize")
    NONE = "none", _("No prize")


class ContestResult(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="results")
    member = models.ForeignKey(
        Member, verbose_name=_("contestant"), on_delete=models.PROTECT, related_name="contest_results"
    )
    rank = models.PositiveSmallIntegerField(_("rank"), validators=[MinValueValidator(1)])
    prize = models.CharField(_("prize"), max_length=16, choices=Prize.choices, default=Prize.NONE)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["rank", "member__search_name"]
        constraints = [models.UniqueConstraint(fields=["contest", "member"], name="one_result_per_contestant")]

    def __str__(self):
        return f"{self.contest} · {self.member} · {self.rank}"
