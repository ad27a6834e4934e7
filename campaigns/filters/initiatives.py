"""List filters of the initiative register, works and research; organisation choices narrowed by access."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import LISTED_LEVELS
from core.text import fold
from unions import selectors as union_selectors
from unions.filters import OrganizationSubtreeFilter, date_filter
from unions.forms import top_depth
from unions.models import Organization

from ..models import Initiative, InitiativeKind, RecognitionScope, ResearchProject, WorkProduct


def _year_filter():
    return django_filters.NumberFilter(
        label=_("Year"),
        field_name="year",
        widget=forms.NumberInput(attrs={"min": 2000, "max": 2100, "inputmode": "numeric"}),
    )


def _organization_filter():
    return OrganizationSubtreeFilter(
        label=_("Organisation"), queryset=Organization.objects.none(), empty_label=_("All in my reach")
    )


class ScopedFilterSet(django_filters.FilterSet):
    default_order = ("-year", "id")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.form.fields["organization"]
        field.narrow(
            union_selectors.organization_list_for(user).order_by("path"),
            top_depth(user),
            listed_levels=LISTED_LEVELS,
            selected=self.data.get("organization"),
        )

    @property
    def qs(self):
        qs = super().qs
        if not self.form.cleaned_data.get("sort"):
            qs = qs.order_by(*self.default_order)
        return qs


class InitiativeFilter(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Initiative title"), method="search")
    organization = _organization_filter()
    year = _year_filter()
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Initiative.Status.choices, empty_label=_("All"))
    scope = django_filters.ChoiceFilter(
        label=_("Recognised at"), choices=RecognitionScope.choices, empty_label=_("All")
    )
    # Recognised in a period, as the dashboard counts them: recognised or applied, by the recognition date.
    recognised_from = date_filter("recognised_on", "gte", _("Recognised from"), method="recognised_from_on")
    recognised_to = date_filter("recognised_on", "lte", _("Recognised until"), method="recognised_until")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=InitiativeKind.choices, empty_label=_("All"))
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("search_title", "title"),
            ("year", "year"),
            ("estimated_benefit", "estimated"),
            ("verified_benefit", "verified"),
            ("recognised_on", "recognised_on"),
        ),
        field_labels={
            "search_title": _("Initiative title"),
            "year": _("Year"),
            "estimated_benefit": _("Estimated benefit"),
            "verified_benefit": _("Verified benefit"),
            "recognised_on": _("Recognised on"),
        },
    )
    default_order = ("-year", "search_title", "id")
    RECOGNISED = [Initiative.Status.RECOGNISED, Initiative.Status.APPLIED]

    class Meta:
        model = Initiative
        fields = []

    def search(self, qs, name, value):
        folded = fold(value)
        return qs.filter(search_title__contains=folded) if folded else qs

    def recognised_from_on(self, qs, name, value):
        return qs.filter(status__in=self.RECOGNISED, recognised_on__gte=value)

    def recognised_until(self, qs, name, value):
        return qs.filter(status__in=self.RECOGNISED, recognised_on__lte=value)


class WorkFilter(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Work or product"), field_name="name", lookup_expr="icontains")
    organization = _organization_filter()
    year = _year_filter()
    plaque = django_filters.BooleanFilter(
        label=_("Plaque attached"),
        field_name="plaque_on",
        lookup_expr="isnull",
        exclude=True,
        widget=forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))]),
    )
    default_order = ("-year", "name", "id")

    class Meta:
        model = WorkProduct
        fields = []


class ResearchFilter(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("Project title"), field_name="title", lookup_expr="icontains")
    organization = _organization_filter()
    year = _year_filter()
    level = django_filters.ChoiceFilter(label=_("Level"), choices=RecognitionScope.choices, empty_label=_("All"))
    accepted = django_filters.BooleanFilter(
        label=_("Accepted"),
        field_name="accepted_on",
        lookup_expr="isnull",
        exclude=True,
        widget=forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))]),
    )
    default_order = ("-year", "title", "id")

    class Meta:
        model = ResearchProject
        fields = []
