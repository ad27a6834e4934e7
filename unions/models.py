from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from core.validators import file_name_code

from .access import OrgScopedQuerySet, RoleKind
from .ancestry import OrgPathModel, OrgPathQuerySet


class OrgKind(models.TextChoices):
    CONFEDERATION = "confederation", _("Confederation")
    PROVINCIAL_FEDERATION = "provincial_federation", _("Provincial federation")
    SECTOR_UNION = "sector_union", _("Sector union")
    DISTRICT_FEDERATION = "district_federation", _("District federation")
    COMMUNE_UNION = "commune_union", _("Commune/ward union")
    ZONE_UNION = "zone_union", _("Industrial-zone union")
    GRASSROOTS = "grassroots", _("Grassroots union")
    DIVISION = "division", _("Union division")
    GROUP = "group", _("Union group")


# Which kinds may sit directly under which (None: a root).
ALLOWED_PARENT_KINDS = {
    OrgKind.CONFEDERATION: {None},
    OrgKind.PROVINCIAL_FEDERATION: {OrgKind.CONFEDERATION},
    OrgKind.SECTOR_UNION: {OrgKind.CONFEDERATION, OrgKind.PROVINCIAL_FEDERATION},
    OrgKind.DISTRICT_FEDERATION: {OrgKind.PROVINCIAL_FEDERATION},
    OrgKind.COMMUNE_UNION: {OrgKind.PROVINCIAL_FEDERATION},
    OrgKind.ZONE_UNION: {OrgKind.PROVINCIAL_FEDERATION},
    OrgKind.GRASSROOTS: {
        OrgKind.PROVINCIAL_FEDERATION,
        OrgKind.SECTOR_UNION,
        OrgKind.DISTRICT_FEDERATION,
        OrgKind.COMMUNE_UNION,
        OrgKind.ZONE_UNION,
    },
    OrgKind.DIVISION: {OrgKind.GRASSROOTS},
    OrgKind.GROUP: {OrgKind.GRASSROOTS, OrgKind.DIVISION},
}
MEMBER_HOLDING_KINDS = {OrgKind.GRASSROOTS, OrgKind.DIVISION, OrgKind.GROUP}


def child_kinds(parent_kind):
    return [kind for kind, parents in ALLOWED_PARENT_KINDS.items() if parent_kind in parents]


class Sector(models.TextChoices):
    ADMINISTRATIVE = "administrative", _("State administrative agency")
    PUBLIC_SERVICE = "public_service", _("Public service unit")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health")
    STATE_ENTERPRISE = "state_enterprise", _("State-owned enterprise")
    PRIVATE_ENTERPRISE = "private_enterprise", _("Private enterprise")
    FDI_ENTERPRISE = "fdi_enterprise", _("Foreign-invested enterprise")
    COOPERATIVE = "cooperative", _("Cooperative")
    OTHER = "other", _("Other")


class OrganizationQuerySet(MP_NodeQuerySet, OrgScopedQuerySet):
    def active(self):
        return self.filter(dissolved_on__isnull=True)


class OrganizationManager(MP_NodeManager.from_queryset(OrganizationQuerySet)):
    def get_queryset(self):
        return OrganizationQuerySet(self.model, using=self._db).order_by("path")


class Organization(MP_Node):
    org_field = ""
    steplen = 4

    code = models.CharField(_("code"), max_length=32, unique=True, validators=[file_name_code])
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrgKind.choices)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["path", "depth", "numchild"])

    objects = OrganizationManager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        # Subtree queries are path prefixes (LIKE 'p%'): usable by an index in any database collation.
        indexes = [
            models.Index(fields=["path"], opclasses=["varchar_pattern_ops"], name="organization_path_prefix"),
            # Children of a node: depth = d + 1 within its prefix.
            models.Index(
                fields=["depth", "path"], opclasses=["int4_ops", "varchar_pattern_ops"], name="organization_depth_path"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="grassroots") | ~models.Q(sector=""),
                name="grassroots_has_sector",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_active(self):
        return self.dissolved_on is None

    @property
    def holds_members(self):
        return self.kind in MEMBER_HOLDING_KINDS

    @property
    def display_name(self):
        return self.short_name or self.name


class OrganizationEvent(models.Model):
    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        RENAMED = "renamed", _("Renamed")
        MOVED = "moved", _("Moved")
        MERGED = "merged", _("Merged into another organisation")
        ABSORBED = "absorbed", _("Took over another organisation")
        DISSOLVED = "dissolved", _("Dissolved")

    org_field = "organization"

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("event"), max_length=16, choices=Kind.choices)
    happened_on = models.DateField(_("date"))
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    other = models.ForeignKey(
        Organization,
        verbose_name=_("related organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    details = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name = _("organisation event")
        verbose_name_plural = _("organisation events")

    def __str__(self):
        return f"{self.organization} · {self.get_kind_display()} · {self.happened_on:%d/%m/%Y}"


class ParentChange(models.Model):
    """A unit placed under another parent on a date (a move, or a hand-over at a merger or dissolution).

    The tree keeps only the current parents; these rows give each unit its parent over time, so a figure of
    a past period can count a unit where it was then (unions/placement.py)."""

    org_field = "organization"

    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="parent_changes"
    )
    old_parent = models.ForeignKey(
        Organization,
        verbose_name=_("previous parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    new_parent = models.ForeignKey(
        Organization,
        verbose_name=_("new parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    happened_on = models.DateField(_("date"), db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["happened_on", "created_at", "id"]
        verbose_name = _("change of parent")
        verbose_name_plural = _("changes of parent")

    def __str__(self):
        return f"{self.organization} · {self.old_parent} → {self.new_parent} · {self.happened_on:%d/%m/%Y}"


national_id_validator = RegexValidator(r"^\d{12}$", _("The citizen ID (CCCD) must have exactly 12 digits."))


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Education(models.TextChoices):
    LOWER_SECONDARY = "lower_secondary", _("Lower secondary")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary")
    VOCATIONAL = "vocational", _("Vocational")
    COLLEGE = "college", _("College")
    UNIVERSITY = "university", _("University")
    MASTER = "master", _("Master")
    DOCTORATE = "doctorate", _("Doctorate")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("Active member")
    TRANSFERRED = "transferred", _("Transferred out")
    LEFT = "left", _("Left the union")


class LeftReason(models.TextChoices):
    RETIRED = "retired", _("Retired")
    TRANSFERRED = "transferred", _("Moved to another workplace")
    RESIGNED = "resigned", _("Left the job")
    EXPELLED = "expelled", _("Expelled")
    DECEASED = "deceased", _("Deceased")
    OTHER = "other", _("Other")


class Member(OrgPathModel):
    organization = models.ForeignKey(
        Organization, verbose_name=_("union"), on_delete=models.PROTECT, related_name="members"
    )
    member_code = models.CharField(_("member code"), max_length=16, unique=True, editable=False)
    full_name = models.CharField(_("full name"), max_length=150)
    search_name = models.CharField(max_length=150, db_index=True, editable=False)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    # Kept alone when only the year is known (old lists write "Năm sinh"); equals birth_date's year otherwise.
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    national_id = models.CharField(
        _("citizen ID (CCCD)"),
        max_length=12,
        null=True,
        blank=True,
        unique=True,
        validators=[national_id_validator],
        error_messages={"unique": _("A member with this citizen ID (CCCD) already exists.")},
    )
    # The 9-digit identity card (CMND) of members who have no CCCD yet: never turned into a CCCD.
    old_id_number = models.CharField(
        _("old identity card (CMND)"),
        max_length=9,
        blank=True,
        db_default="",
        validators=[RegexValidator(r"^\d{9}$", _("The old identity card (CMND) has exactly 9 digits."))],
    )
    card_number = models.CharField(_("member card number"), max_length=32, blank=True)
    joined_on = models.DateField(_("joined the union on"), null=True, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=50, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    education = models.CharField(_("education level"), max_length=20, choices=Education.choices, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    phone2 = models.CharField(_("second phone"), max_length=20, blank=True, db_default="")
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=MemberStatus.choices, default=MemberStatus.ACTIVE)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    left_reason = models.CharField(
        _("reason for leaving"), max_length=16, choices=LeftReason.choices, blank=True, default="", db_default=""
    )
    # The words of "other" (khác), and the free text of reasons recorded before the list existed.
    left_reason_text = models.CharField(_("reason, in words"), max_length=255, blank=True, default="", db_default="")
    # Employment by the union's employer (not union membership): the months worked of a year come from these.
    employed_from = models.DateField(_("employed from"), null=True, blank=True)
    employed_until = models.DateField(_("employed until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_name", "org_path"])

    objects = OrgPathQuerySet.as_manager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        indexes = [
            models.Index(
                fields=["org_path"],
                opclasses=["varchar_pattern_ops"],
                name="member_org_path",
                include=["status", "gender", "joined_on", "left_on"],
            ),
            models.Index(fields=["organization", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="active", left_on__isnull=True) | ~models.Q(status="active"),
                name="active_member_has_no_left_on",
            ),
        ]

    def __str__(self):
        return self.full_name


class MemberTransfer(models.Model):
    org_field = "member__organization"

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="transfers")
    from_organization = models.ForeignKey(
        Organization, verbose_name=_("from"), on_delete=models.PROTECT, related_name="+"
    )
    to_organization = models.ForeignKey(Organization, verbose_name=_("to"), on_delete=models.PROTECT, related_name="+")
    transferred_on = models.DateField(_("transferred on"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-transferred_on", "-id"]
        verbose_name = _("member transfer")
        verbose_name_plural = _("member transfers")

    def __str__(self):
        return f"{self.member} · {self.from_organization} → {self.to_organization}"


class Role(models.Model):
    org_field = "organization"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="roles"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="roles"
    )
    kind = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization", "kind"], name="unique_role"),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_kind_display()} · {self.organization}"


class CodeSequence(models.Model):
    """Counters for generated codes, allocated in blocks under a row lock."""

    name = models.CharField(max_length=32, primary_key=True)
    value = models.BigIntegerField(default=0)

    def __str__(self):
        return f"{self.name}={self.value}"


class ImportBatch(models.Model):
    """One uploaded file of any import kind: read once, mapped, previewed, then imported whole or not at all."""

    class Status(models.TextChoices):
        MAPPING = "mapping", _("Waiting for the columns to be matched")
        PREVIEWED = "previewed", _("Checked, waiting for confirmation")
        INVALID = "invalid", _("Has errors")
        QUEUED = "queued", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    org_field = "organization"

    kind = models.CharField(max_length=32, default="members")
    organization = models.ForeignKey(Organization, verbose_name=_("union"), on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    content = models.BinaryField()
    # What the upload form chose (update existing members, year, campaign…), the parsed file, the clerk's
    # column choices and sheets, and the checked rows: the file is read once, at upload.
    options = models.JSONField(default=dict, blank=True)
    parsed = models.JSONField(null=True, blank=True)
    choices = models.JSONField(default=dict, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    preview = models.JSONField(default=list, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices)
    total_rows = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename


class ImportColumnChoice(models.Model):
    """A union's answer to "which field is this column?", used again for its next files of the same kind."""

    org_field = "organization"

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=32)
    key = models.CharField(max_length=120)  # the folded column title
    field = models.CharField(max_length=40, blank=True)  # "" = do not import this column
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind", "key"], name="unique_import_column_choice"),
        ]

    def __str__(self):
        return f"{self.kind}:{self.key}->{self.field}"


class TransferRequest(models.Model):
    """A member's move to a union outside the sender's reach: asked by the sending union, decided by the receiving one.

    The member stays in the sending union (and out of the receiving union's sight) until the request is accepted;
    accepting it makes the move through the same path as a direct transfer (a `MemberTransfer` row)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for the receiving union")
        ACCEPTED = "accepted", _("Accepted")
        REFUSED = "refused", _("Refused")
        CANCELLED = "cancelled", _("Withdrawn")

    # Scoped by the sending union; the receiving union reaches its requests through unions/selectors_transfers.py.
    org_field = "from_organization"

    member = models.ForeignKey(Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+")
    from_organization = models.ForeignKey(
        Organization, verbose_name=_("from"), on_delete=models.PROTECT, related_name="+"
    )
    to_organization = models.ForeignKey(Organization, verbose_name=_("to"), on_delete=models.PROTECT, related_name="+")
    transferred_on = models.DateField(_("transfer date"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    transfer = models.OneToOneField(
        MemberTransfer, null=True, blank=True, on_delete=models.PROTECT, related_name="request"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrgScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("transfer request")
        verbose_name_plural = _("transfer requests")
        constraints = [
            # Two officers asking at once: the second insert fails here, whatever the timing.
            models.UniqueConstraint(
                fields=["member"], condition=models.Q(status="open"), name="one_open_transfer_request_per_member"
            ),
        ]

    def __str__(self):
        return f"{self.member} · {self.from_organization} → {self.to_organization}"
