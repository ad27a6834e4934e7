import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, OrganizationChoiceField
from unions import access

from .models import Action


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("User name"), required=False)
    action = forms.ChoiceField(label=_("Action"), required=False, choices=[("", _("All"))] + Action.choices)
    organization = OrganizationChoiceField(queryset=None, label=_("Organisation"), required=False, empty_label=_("All"))
    date_from = DateField(label=_("From"), required=False)
    date_to = DateField(label=_("To"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].narrow(access.orgs_for(user, access.AUDIT_READ).order_by("path"), 1)

    def filter(self, queryset):
        data = self.cleaned_data
        if data.get("actor"):
            users = get_user_model().objects.filter(username__icontains=data["actor"].strip())
            queryset = queryset.filter(actor__in=users)
        if data.get("action"):
            queryset = queryset.filter(action=data["action"])
        if data.get("organization"):
            queryset = queryset.filter(organization__path__startswith=data["organization"].path)
        tz = timezone.get_current_timezone()
        if data.get("date_from"):
            start = datetime.datetime.combine(data["date_from"], datetime.time.min, tzinfo=tz)
            queryset = queryset.filter(created_at__gte=start)
        if data.get("date_to"):
            end = datetime.datetime.combine(data["date_to"] + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
            queryset = queryset.filter(created_at__lt=end)
        return queryset
