"""What a notification is about, and how each kind reaches a user unless they choose otherwise.

A kind is chosen per user on the preferences page (`Preference`); the default is e-mail at once for what is
addressed to the person (their proposal came back, their decision was issued, a transfer waits for them) and
in-app only for what is news to them rather than work (a notice was published, a council voted).

Who receives each kind is computed by the app that owns the object, in its `notices.py`, through
`unions.access` (see `notifications/dispatch.py`). The transfer kinds are sent by unions/notices.py
(requested: the receiving union's officers; accepted, or refused with its reason: the officer who asked).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    CAMPAIGN_LAUNCHED = "campaign_launched", _("A campaign was launched to your union")
    LAUNCH_REMINDER = "launch_reminder", _("Reminder to launch a campaign")
    REGISTRATION_DEADLINE = "registration_deadline", _("Registration deadline in 7 days and in 1 day")
    PROPOSAL_SUBMITTED = "proposal_submitted", _("A proposal was submitted to your organisation")
    PROPOSAL_RETURNED = "proposal_returned", _("Your proposal was returned with a reason")
    PROPOSAL_RESUBMITTED = "proposal_resubmitted", _("A returned proposal was submitted again")
    NOTICE_PUBLISHED = "notice_published", _("The public notice of your proposal was published")
    COUNCIL_RECORDED = "council_recorded", _("The council recorded its vote on a proposal")
    DECISION_ISSUED = "decision_issued", _("A decision was issued on your proposal")
    REPORT_READY = "report_ready", _("A report is ready")
    TRANSFER_REQUESTED = "transfer_requested", _("A member transfer waits for your acceptance")
    TRANSFER_ACCEPTED = "transfer_accepted", _("Your member transfer was accepted")
    OTHER = "other", _("Other messages")


class Delivery(models.TextChoices):
    APP = "app", _("In the app only")
    EMAIL = "email", _("In the app and by e-mail at once")
    DIGEST = "digest", _("In the app and in a daily e-mail digest")
    OFF = "off", _("Off")


# What a user gets without having chosen: e-mail at once for what asks something of them.
DEFAULTS = {
    Kind.CAMPAIGN_LAUNCHED: Delivery.EMAIL,
    Kind.LAUNCH_REMINDER: Delivery.EMAIL,
    Kind.REGISTRATION_DEADLINE: Delivery.EMAIL,
    Kind.PROPOSAL_SUBMITTED: Delivery.EMAIL,
    Kind.PROPOSAL_RETURNED: Delivery.EMAIL,
    Kind.PROPOSAL_RESUBMITTED: Delivery.EMAIL,
    Kind.NOTICE_PUBLISHED: Delivery.APP,
    Kind.COUNCIL_RECORDED: Delivery.APP,
    Kind.DECISION_ISSUED: Delivery.EMAIL,
    Kind.REPORT_READY: Delivery.EMAIL,
    Kind.TRANSFER_REQUESTED: Delivery.EMAIL,
    Kind.TRANSFER_ACCEPTED: Delivery.EMAIL,
    Kind.OTHER: Delivery.EMAIL,
}
