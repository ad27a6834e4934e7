import django_filters
from django.utils.translation import gettext_lazy as _

from core.forms import LISTED_LEVELS
from core.text import fold
from unions import selectors as union_selectors
from unions.filters import OrganizationSubtreeFilter
from unions.forms import top_depth
from unions.models import Organization

from ..models import Campaign, Registration
from ..selectors import campaigns as selectors

SUBJECTS = [("member", _("Individuals")), ("union", _("Collectives"))]
COUNTED = "counted"


class RegistrationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name"), method="search")
    campaign = django_filters.ModelChoiceFilter(
        label=_("Campaign"), queryset=Campaign.objects.none(), empty_label=_("All")
    )
    year = django_filters.NumberFilter(label=_("Year"))
    # The years of a period, as the dashboard counts registrations (by the title's year).
    year_from = django_filters.NumberFilter(label=_("From year"), field_name="year", lookup_expr="gte")
    year_to = django_filters.NumberFilter(label=_("Until year"), field_name="year", lookup_expr="lte")
    title = django_filters.CharFilter(label=_("Title sought"), lookup_expr="icontains")
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        method="filter_status",
        empty_label=_("All"),
        choices=[*Registration.Status.choices, (COUNTED, _("All but withdrawn"))],
    )
    subject = django_filters.ChoiceFilter(
        label=_("Subject"), choices=SUBJECTS, method="filter_subject", empty_label=_("All")
    )
    organization = OrganizationSubtreeFilter(
        label=_("Organisation"), queryset=Organization.objects.none(), empty_label=_("All in my reach")
    )

    class Meta:
        model = Registration
        fields = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["campaign"].queryset = selectors.campaign_list_for(user)
        field = self.form.fields["organization"]
        field.narrow(
            union_selectors.organization_list_for(user).order_by("path"),
            top_depth(user),
            listed_levels=LISTED_LEVELS,
            selected=self.data.get("organization"),
        )

    def search(self, qs, name, value):
        folded = fold(value)
        return qs.filter(member__search_name__contains=folded) if folded else qs

    def filter_status(self, qs, name, value):
        if value == COUNTED:
            return qs.exclude(status=Registration.Status.WITHDRAWN)
        return qs.filter(status=value)

    def filter_subject(self, qs, name, value):
        return qs.filter(member__isnull=(value == "union"))
