import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from campaigns.models import Initiative
from unions.access import OrgScopedQuerySet
from unions.ancestry import OrgPathModel, OrgPathQuerySet
from unions.models import Member, Organization


class SubjectKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")


class AwardCategory(models.TextChoices):
    TITLE = "title", _("Emulation title")
    FORM = "form", _("Form of commendation")
    CAMPAIGN = "campaign", _("Campaign title")


class IssuingLevel(models.TextChoices):
    """Ordered from the bottom up: `rank` compares authority."""

    GRASSROOTS = "grassroots", _("Grassroots union")
    UPPER = "upper", _("Upper-level union")
    PROVINCIAL = "provincial", _("Provincial federation")
    CONFEDERATION = "confederation", _("Confederation")
    PROVINCE_GOV = "province_gov", _("Provincial People's Committee")
    STATE = "state", _("State (Prime Minister, President)")


LEVEL_RANK = {level: i for i, level in enumerate(IssuingLevel.values)}


class AwardType(models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    category = models.CharField(_("category"), max_length=16, choices=AwardCategory.choices)
    subject_kind = models.CharField(_("for"), max_length=16, choices=SubjectKind.choices)
    issuing_level = models.CharField(_("issued by"), max_length=16, choices=IssuingLevel.choices)
    bonus_coefficient = models.DecimalField(_("bonus coefficient"), max_digits=4, decimal_places=2, default=0)
    secret_ballot = models.BooleanField(_("secret ballot"), default=False)
    vote_threshold = models.PositiveSmallIntegerField(
        _("ballot threshold (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Share of all council members, absent members included."),
    )
    is_thematic = models.BooleanField(_("thematic"), default=False)
    annual_quota = models.PositiveIntegerField(_("yearly quota per federation"), null=True, blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    rank = models.PositiveSmallIntegerField(
        _("rank"), default=0, help_text=_("Higher ranks are higher awards; one period pays only the highest bonus.")
    )
    active = models.BooleanField(_("in use"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["subject_kind", "-rank", "name"]
        verbose_name = _("award type")
        verbose_name_plural = _("award types")

    def __str__(self):
        return self.name

    def rule_set_on(self, day):
        """The rules in force on `day` (the law changed in 2024 and 2025)."""
        for rule_set in self.rule_sets.all():
            if rule_set.valid_from <= day and (rule_set.valid_to is None or day <= rule_set.valid_to):
                return rule_set
        return None


class RuleSet(models.Model):
    award_type = models.ForeignKey(AwardType, on_delete=models.CASCADE, related_name="rule_sets")
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    rules = models.JSONField(
        _("rules"), default=list, help_text=_('A list of {"rule": name, "params": {...}} from the rule registry.')
    )
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        ordering = ["award_type", "-valid_from"]
        verbose_name = _("rule set")
        verbose_name_plural = _("rule sets")

    def __str__(self):
        return f"{self.award_type} · {self.valid_from:%d/%m/%Y}"


class Rating(models.TextChoices):
    """Yearly performance rating, best first."""

    HTXS = "HTXS", _("Excellent (HTXS)")
    HTT = "HTT", _("Good (HTT)")
    HT = "HT", _("Completed (HT)")
    KHT = "KHT", _("Not completed (KHT)")


RATING_ORDER = {"HTXS": 3, "HTT": 2, "HT": 1, "KHT": 0}


class LeaveKind(models.TextChoices):
    SICK = "sick", _("Sick leave")
    MATERNITY = "maternity", _("Maternity leave")
    PERSONAL = "personal", _("Personal leave")
    UNPAID = "unpaid", _("Unpaid leave")
    OTHER = "other", _("Other absence")


class LeaveRecord(models.Model):
    """Working days a member was absent in a year, by kind: one row per kind, the days added up by the clerk."""

    org_field = "member__organization"

    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="leaves")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind of leave"), max_length=16, choices=LeaveKind.choices)
    days = models.DecimalField(
        _("working days"), max_digits=5, decimal_places=1, validators=[MinValueValidator(0), MaxValueValidator(366)]
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("leave record")
        verbose_name_plural = _("leave records")
        constraints = [
            models.UniqueConstraint(fields=["member", "year", "kind"], name="one_leave_row_per_member_year_kind"),
            models.CheckConstraint(condition=Q(days__gte=0), name="leave_days_not_negative"),
        ]

    def __str__(self):
        return f"{self.member} {self.year}: {self.get_kind_display()} {self.days}"


class PerformanceRating(models.Model):
    """A member's or a union's rating for a year; `member` empty means the union itself."""

    org_field = "organization"

    organization = models.ForeignKey(
        Organization, verbose_name=_("union"), on_delete=models.PROTECT, related_name="ratings"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), null=True, blank=True, on_delete=models.PROTECT, related_name="ratings"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=4, choices=Rating.choices)
    months_worked = models.PositiveSmallIntegerField(
        _("months worked in the year"), default=12, validators=[MaxValueValidator(12)]
    )
    absent_days = models.DecimalField(
        _("days absent (maternity leave excluded)"),
        max_digits=5,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0)],
    )
    # Off: the rules count months from the member's employment dates and days from the leave records, when
    # there are any. On: the two numbers above were typed for an unusual case and win over what is computed.
    time_override = models.BooleanField(_("months and days typed by hand"), default=False, db_default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("performance rating")
        verbose_name_plural = _("performance ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "year"], condition=Q(member__isnull=False), name="one_rating_per_member_year"
            ),
            models.UniqueConstraint(
                fields=["organization", "year"], condition=Q(member__isnull=True), name="one_rating_per_union_year"
            ),
        ]

    def __str__(self):
        return f"{self.member or self.organization} · {self.year} · {self.rating}"


class DisciplineLevel(models.TextChoices):
    """From the lightest; rules compare by order."""

    REPRIMAND = "reprimand", _("Reprimand")
    WARNING = "warning", _("Warning")
    DEMOTION = "demotion", _("Demotion or removal from post")
    DISMISSAL = "dismissal", _("Dismissal")


DISCIPLINE_ORDER = {level: i for i, level in enumerate(DisciplineLevel.values)}


class DisciplineRecord(models.Model):
    """A disciplinary case; while `decided_on` is empty the case is open and proposals are deferred."""

    org_field = "organization"

    organization = models.ForeignKey(
        Organization, verbose_name=_("union"), on_delete=models.PROTECT, related_name="discipline_records"
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="discipline_records",
    )
    level = models.CharField(_("level"), max_length=16, choices=DisciplineLevel.choices)
    opened_on = models.DateField(_("opened on"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    reason = models.CharField(_("reason"), max_length=255)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    history = HistoricalRecords()

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on"]
        verbose_name = _("discipline record")
        verbose_name_plural = _("discipline records")

    def __str__(self):
        return f"{self.member or self.organization} · {self.get_level_display()}"


class Complaint(models.Model):
    """An open complaint, denunciation or inspection defers proposals about its subject."""

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint")
        DENUNCIATION = "denunciation", _("Denunciation")
        INSPECTION = "inspection", _("Inspection")

    org_field = "organization"

    organization = models.ForeignKey(
        Organization, verbose_name=_("union"), on_delete=models.PROTECT, related_name="complaints"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    received_on = models.DateField(_("received on"))
    summary = models.CharField(_("summary"), max_length=255)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on"]
        verbose_name = _("complaint or inspection")
        verbose_name_plural = _("complaints and inspections")

    def __str__(self):
        return f"{self.member or self.organization} · {self.get_kind_display()}"


class Decision(models.Model):
    """A signed commendation decision; awards hang from it."""

    class Status(models.TextChoices):
        VALID = "valid", _("In force")
        CANCELLED = "cancelled", _("Cancelled")

    org_field = "issuer"

    number = models.CharField(_("decision number"), max_length=64)
    signed_on = models.DateField(_("signed on"))
    issuer = models.ForeignKey(
        Organization,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        help_text=_("Empty for a decision of a body outside the union."),
    )
    issuer_name = models.CharField(_("issuing body"), max_length=255)
    signer_name = models.CharField(_("signed by"), max_length=150)
    signer_title = models.CharField(_("signer's title"), max_length=150)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    external = models.BooleanField(_("outside the union"), default=False)
    file = models.FileField(_("scanned decision"), upload_to="decisions/%Y/", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Cancelled as a whole (a wrong decision withdrawn by its issuer): its awards are cancelled with it.
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.VALID, db_default=Status.VALID
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True, default="", db_default="")
    # The reason of a correction or a cancellation is longer than the default 100 characters of a change reason.
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(fields=["issuer_name", "number", "signed_on"], name="unique_decision_number"),
        ]

    def __str__(self):
        return f"{self.number} ({self.signed_on:%d/%m/%Y})"


# Crockford's base-32 alphabet: no I, L, O or U, so a code read off paper and typed by hand is not misread.
TOKEN_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TOKEN_LENGTH = 12  # 60 random bits: guessing one at the page's rate limit would take longer than the universe.


def new_verification_token():
    """The random code a certificate prints (QR and text) to open its public verification page."""
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


class AwardQuerySet(OrgPathQuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Fills each award's decision date from its decision, as save() does (one query for the uncached)."""
        objs = list(objs)
        missing = [o for o in objs if o.decided_on is None and o.decision_id]
        uncached = {o.decision_id for o in missing if "decision" not in o._state.fields_cache}
        dates = dict(Decision.objects.filter(pk__in=uncached).values_list("pk", "signed_on")) if uncached else {}
        for obj in missing:
            cached = obj._state.fields_cache.get("decision")
            obj.decided_on = cached.signed_on if cached is not None else dates[obj.decision_id]
        return super().bulk_create(objs, *args, **kwargs)


class Award(OrgPathModel):
    """One conferral (một lượt khen thưởng) of an award type to a member or a union."""

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")
        # Its decision was cancelled: counted nowhere, the gold-book number kept and shown void.
        CANCELLED = "cancelled", _("Cancelled with its decision")

    award_type = models.ForeignKey(AwardType, verbose_name=_("award"), on_delete=models.PROTECT, related_name="awards")
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("union"),
        on_delete=models.PROTECT,
        related_name="awards",
        help_text=_("The awarded union, or the union of the awarded member at the time."),
    )
    member = models.ForeignKey(
        Member, verbose_name=_("member"), null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    decision = models.ForeignKey(Decision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="awards")
    # The decision's date, copied: figures count conferrals by it (reports/metrics.py), and a copy on the row
    # keeps a province's counts on the path index instead of a join per award. Set on every save and bulk
    # insert from the decision; a corrected decision date is copied again (awards/services/corrections.py).
    decided_on = models.DateField(_("decided on"), editable=False)
    achievement = models.TextField(_("achievement"), blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=32, blank=True)
    gold_book_number = models.CharField(_("gold book number"), max_length=32, blank=True)
    bonus_amount = models.PositiveBigIntegerField(_("bonus (VND)"), default=0)
    # Set when the decision is cancelled: the bonus paid that the unit must now recover.
    bonus_to_recover = models.PositiveBigIntegerField(_("bonus to recover (VND)"), default=0, db_default=0)
    initiative = models.OneToOneField(
        Initiative,
        verbose_name=_("initiative used"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award",
    )
    external = models.BooleanField(_("conferred outside the union"), default=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.VALID)
    # Printed on the certificate; the public page is found by it, never by the id (ids can be counted through).
    verification_token = models.CharField(
        _("verification code"), max_length=16, unique=True, default=new_verification_token, editable=False
    )
    # Counted with F() by the public page: a row lock per scan would be too much for a number nobody edits.
    verification_views = models.PositiveIntegerField(_("verification page views"), default=0, editable=False)
    # How many times a lost certificate was issued again ("Cấp lại lần N"); kept in the award's history.
    reissue_count = models.PositiveSmallIntegerField(_("reissues"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["org_path", "decided_on", "verification_token", "verification_views"])

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "award_type__name"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            models.UniqueConstraint(
                fields=["award_type", "year", "member"],
                condition=Q(member__isnull=False) & Q(status="valid"),
                name="one_award_type_per_member_year",
                violation_error_message=_("This member already has this award for this year."),
            ),
            models.UniqueConstraint(
                fields=["award_type", "year", "organization"],
                condition=Q(member__isnull=True) & Q(status="valid"),
                name="one_award_type_per_union_year",
                violation_error_message=_("This union already has this award for this year."),
            ),
        ]
        indexes = [
            # The register, newest first within a year, without sorting a province's year of awards.
            models.Index(fields=["year", "id"], name="award_year_id"),
            models.Index(
                fields=["org_path"],
                opclasses=["varchar_pattern_ops"],
                name="award_org_path",
                include=["year", "decided_on", "status", "member", "award_type", "bonus_amount"],
            ),
            models.Index(fields=["organization", "year"]),
            models.Index(fields=["member", "year"]),
            # A province's or the country's awards of one period (totals by form, issuer and level): the period's
            # rows by date, not the whole table, when the path prefix covers most of it.
            models.Index(
                fields=["decided_on", "org_path"],
                opclasses=["date_ops", "varchar_pattern_ops"],
                name="award_decided_path",
                include=["status", "member", "award_type", "decision"],
            ),
        ]

    def __str__(self):
        return f"{self.subject_name} · {self.award_type} · {self.year}"

    def save(self, *args, **kwargs):
        if self.decision_id and self.decided_on is None:
            self.decided_on = self.decision.signed_on
        super().save(*args, **kwargs)

    @property
    def subject_name(self):
        return self.member.full_name if self.member_id else self.organization.name


class Revocation(models.Model):
    class Ground(models.TextChoices):
        A = "a", _("a) Fraudulent declaration of achievements")
        B = "b", _("b) Proposed in breach of the rules")
        C = "c", _("c) Awarded beyond authority or wrongly")
        D = "d", _("d) Other ground set by law")

    award = models.OneToOneField(Award, on_delete=models.PROTECT, related_name="revocation")
    ground = models.CharField(_("legal ground"), max_length=1, choices=Ground.choices)
    decision_number = models.CharField(_("revoking decision"), max_length=64)
    decided_on = models.DateField(_("decided on"))
    bonus_recovered = models.PositiveBigIntegerField(_("bonus recovered (VND)"), default=0)
    note = models.CharField(_("note"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("revocation")
        verbose_name_plural = _("revocations")

    def __str__(self):
        return f"{self.award} · {self.decision_number}"


class BaseSalary(models.Model):
    """Lương cơ sở: bonuses are a coefficient of the amount in force on the decision date."""

    valid_from = models.DateField(_("valid from"), unique=True)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")

    def __str__(self):
        return f"{self.amount} ({self.valid_from:%d/%m/%Y})"


class CouncilSession(models.Model):
    """A sitting of the commendation council (Hội đồng Thi đua – Khen thưởng) of a federation."""

    org_field = "organization"

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="council_sessions"
    )
    held_on = models.DateField(_("held on"))
    members_total = models.PositiveSmallIntegerField(_("council members"), validators=[MinValueValidator(1)])
    members_present = models.PositiveSmallIntegerField(_("members present"))
    chair = models.CharField(_("chaired by"), max_length=150)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")

    def __str__(self):
        return f"{self.organization} · {self.held_on:%d/%m/%Y}"


class Proposal(models.Model):
    """A dossier a lower level sends up (hồ sơ đề nghị khen thưởng)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        RETURNED = "returned", _("Returned for completion")
        PUBLIC_NOTICE = "public_notice", _("Public notice")
        COUNCIL = "council", _("Voted by the council")
        DECIDED = "decided", _("Decided")
        FORWARDED = "forwarded", _("Forwarded to the level above")
        REJECTED = "rejected", _("Rejected")

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Year-end")
        THEMATIC = "thematic", _("Thematic")
        AD_HOC = "ad_hoc", _("Ad hoc")
        LONG_SERVICE = "long_service", _("Long service")

    org_field = "from_org"

    title = models.CharField(_("title"), max_length=255)
    from_org = models.ForeignKey(
        Organization, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="proposals_sent"
    )
    to_org = models.ForeignKey(
        Organization, verbose_name=_("sent to"), on_delete=models.PROTECT, related_name="proposals_received"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ANNUAL)
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("forwarded from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forwarded",
    )
    council_session = models.ForeignKey(
        CouncilSession, null=True, blank=True, on_delete=models.PROTECT, related_name="proposals"
    )
    decision = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="proposals")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The timeline shows each step's reason (a withdrawal, an undone ballot): longer than the default 100 characters.
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self):
        return self.title


class ProposalLine(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        DEFERRED = "deferred", _("Deferred")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")
        AWARDED = "awarded", _("Awarded")
        FORWARDED = "forwarded", _("Forwarded")
        RETURNED = "returned", _("Returned by the level above")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="lines")
    # The line of the lower level's proposal this one was sent up from (forwarded or aggregated): a return or a
    # decision up here is read back down through it.
    origin = models.ForeignKey(
        "self",
        verbose_name=_("sent up from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="copies",
    )
    return_reason = models.TextField(_("reason for returning"), blank=True)
    organization = models.ForeignKey(Organization, verbose_name=_("union"), on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(
        Member, verbose_name=_("member"), null=True, blank=True, on_delete=models.PROTECT, related_name="proposal_lines"
    )
    award_type = models.ForeignKey(AwardType, verbose_name=_("award"), on_delete=models.PROTECT, related_name="+")
    achievement = models.TextField(_("achievement summary"), blank=True)
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative as evidence"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposal_lines",
    )
    eligibility = models.JSONField(default=list, blank=True)
    eligibility_status = models.CharField(max_length=8, blank=True)
    # When the rules were last run on the line; None: an input they read changed since (eligibility_refresh.py).
    eligibility_checked_at = models.DateTimeField(null=True, blank=True)
    override_reason = models.TextField(_("reason for overriding the rules"), blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED)
    votes_yes = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_no = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    award = models.OneToOneField(Award, null=True, blank=True, on_delete=models.PROTECT, related_name="line")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "member", "award_type"],
                condition=Q(member__isnull=False),
                name="one_line_per_member_award",
            ),
            models.UniqueConstraint(
                fields=["proposal", "organization", "award_type"],
                condition=Q(member__isnull=True),
                name="one_line_per_union_award",
            ),
        ]

    def __str__(self):
        return f"{self.subject_name} · {self.award_type}"

    @property
    def subject_name(self):
        return self.member.full_name if self.member_id else self.organization.name

    @property
    def blocked(self):
        return self.eligibility_status == "fail" and not self.override_reason


class ProposalAttachment(models.Model):
    class Kind(models.TextChoices):
        COVER_LETTER = "cover_letter", _("Cover letter")
        ACHIEVEMENT_REPORT = "achievement_report", _("Achievement report")
        MINUTES = "minutes", _("Minutes with ballot results")
        EVIDENCE = "evidence", _("Evidence")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("document type"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to="proposals/%Y/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "uploaded_at"]

    def __str__(self):
        return self.title


class PublicNotice(models.Model):
    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="notice")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self):
        return f"{self.proposal} · {self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y}"


class NoticeComment(models.Model):
    notice = models.ForeignKey(PublicNotice, on_delete=models.CASCADE, related_name="comments")
    author = models.CharField(_("from"), max_length=150)
    received_on = models.DateField(_("received on"))
    content = models.TextField(_("comment"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["received_on", "id"]

    def __str__(self):
        return f"{self.author} · {self.received_on:%d/%m/%Y}"


class CertificateReissue(models.Model):
    """A lost certificate issued again: the new paper says "Cấp lại lần N"."""

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="reissues")
    number = models.PositiveSmallIntegerField(_("reissue number"))
    reissued_on = models.DateField(_("reissued on"))
    reason = models.CharField(_("reason"), max_length=255)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["award", "number"]
        verbose_name = _("certificate reissue")
        verbose_name_plural = _("certificate reissues")
        constraints = [models.UniqueConstraint(fields=["award", "number"], name="one_reissue_number_per_award")]

    def __str__(self):
        return f"{self.award} · {self.number}"


class CertificateKind(models.TextChoices):
    """The pre-printed paper (phôi) an award is printed on: one per kind of document, not per award type."""

    TITLE = "title", _("Certificate of an emulation title")
    MERIT = "merit", _("Certificate of merit (Bằng khen)")
    COMMENDATION = "commendation", _("Certificate of commendation (Giấy khen)")
    OTHER = "other", _("Other form of commendation")


class CertificateLayout(models.Model):
    """Where each field is printed on an issuer's pre-printed blank, in millimetres from the top-left corner.

    `positions` maps a field name of `awards.certificates.blank.FIELDS` to {"x", "y", "w", "size"} (mm, mm, mm,
    pt). `offset_x`/`offset_y` shift every field: printers feed paper a little off, and one calibration fixes all.
    """

    org_field = "issuer"

    issuer = models.ForeignKey(
        Organization, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="certificate_layouts"
    )
    kind = models.CharField(_("document"), max_length=16, choices=CertificateKind.choices)
    subject_kind = models.CharField(_("for"), max_length=16, choices=SubjectKind.choices)
    page_width = models.PositiveSmallIntegerField(_("paper width (mm)"), default=297)
    page_height = models.PositiveSmallIntegerField(_("paper height (mm)"), default=210)
    offset_x = models.DecimalField(_("shift right (mm)"), max_digits=4, decimal_places=1, default=0)
    offset_y = models.DecimalField(_("shift down (mm)"), max_digits=4, decimal_places=1, default=0)
    positions = models.JSONField(_("field positions"), default=dict)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["issuer__path", "kind", "subject_kind"]
        verbose_name = _("certificate blank layout")
        verbose_name_plural = _("certificate blank layouts")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "kind", "subject_kind"], name="one_layout_per_blank"),
        ]

    def __str__(self):
        return f"{self.issuer} · {self.get_kind_display()} · {self.get_subject_kind_display()}"


class UnionQualityRating(models.Model):
    """The yearly rating of a grassroots union's work (đánh giá, xếp loại chất lượng hoạt động CĐCS).

    Not the union's own rating of itself (a `PerformanceRating` without a member, entered with its members'
    grid): this one is given by the level above (the district or commune union), with the score of its
    marking sheet, and the union titles read it (CĐCS vững mạnh). The class uses the four words of the
    confederation's guidance, which are those of `Rating`; the class is chosen by the rater, never derived
    from the score here, because the bands of the score are the guidance's and a federation's to set.
    """

    org_field = "organization"

    organization = models.ForeignKey(
        Organization, verbose_name=_("grassroots union"), on_delete=models.PROTECT, related_name="quality_ratings"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    grade = models.CharField(_("class"), max_length=4, choices=Rating.choices)
    score = models.DecimalField(
        _("score"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    rated_at = models.DateTimeField(_("rated at"), auto_now=True)
    history = HistoricalRecords()

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "organization__path"]
        verbose_name = _("quality rating of a grassroots union")
        verbose_name_plural = _("quality ratings of grassroots unions")
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="one_quality_rating_per_union_year"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=0) & Q(score__lte=100)), name="quality_score_0_100"
            ),
        ]

    def __str__(self):
        return f"{self.organization} · {self.year} · {self.grade}"


# -- Processing inside the receiving body (issue 14.3) --------------------------------------------------------


class ProcessingSettings(models.Model):
    """How a body processes the proposals it receives; without a row, as before: no sign-off step."""

    org_field = "organization"

    organization = models.OneToOneField(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="processing_settings"
    )
    sign_off_required = models.BooleanField(_("decisions only after a leader's sign-off"), default=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("processing settings")
        verbose_name_plural = _("processing settings")

    def __str__(self):
        return str(self.organization)


class SubmissionRound(models.Model):
    """A round (đợt xét) of a receiving body: proposals to it for the year belong to a round and are locked
    for their senders after its deadline, unless the body reopens the round or the one proposal."""

    org_field = "organization"

    organization = models.ForeignKey(
        Organization, verbose_name=_("receiving body"), on_delete=models.PROTECT, related_name="submission_rounds"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=255)
    # Empty: proposals of every kind.
    kind = models.CharField(_("kind of proposals"), max_length=16, choices=Proposal.Kind.choices, blank=True)
    deadline = models.DateField(_("deadline"))
    reopened_until = models.DateField(_("reopened until"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "deadline", "pk"]
        verbose_name = _("submission round")
        verbose_name_plural = _("submission rounds")

    def __str__(self):
        return self.title

    @property
    def closes_on(self):
        """The last day senders may change and submit: the deadline, or the day the round is reopened until."""
        return max(self.deadline, self.reopened_until or self.deadline)


class ProposalProcessing(models.Model):
    """The receiving body's handling of one proposal: its round, the specialist it is assigned to, the head's
    approval of the review and the leader's sign-off. Approvals older than the last submission do not count
    (a returned and resubmitted dossier is approved again)."""

    org_field = "proposal__from_org"

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="processing")
    round = models.ForeignKey(
        SubmissionRound,
        verbose_name=_("submission round"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="processings",
    )
    reopened_until = models.DateField(_("reopened until"), null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_proposals",
    )
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(null=True, blank=True)
    review_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_approved_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    signed_off_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("processing of a proposal")
        verbose_name_plural = _("processing of proposals")

    def __str__(self):
        return str(self.proposal)

    def _current(self, moment):
        submitted = self.proposal.submitted_at
        return moment is not None and (submitted is None or moment >= submitted)

    @property
    def review_approved(self):
        return self._current(self.review_approved_at)

    @property
    def signed_off(self):
        return self._current(self.signed_off_at)

    @property
    def closes_on(self):
        if self.round is None:
            return None
        return max(self.round.closes_on, self.reopened_until or self.round.closes_on)
