import re

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import LISTED_LEVELS, DateInput, OrganizationChoiceField
from core.text import fold

from . import access, name_search, selectors
from .forms import top_depth
from .models import Gender, Member, MemberStatus, Organization

AGE_BANDS = [
    ("-30", _("Under 30")),
    ("30-39", _("30 to 39")),
    ("40-49", _("40 to 49")),
    ("50-", _("50 and over")),
]


def looks_like_national_id(value):
    value = (value or "").strip()
    return value.isdigit() and len(value) == 12


class OrganizationSubtreeFilter(django_filters.ModelChoiceFilter):
    field_class = OrganizationChoiceField

    def __init__(self, *args, **kwargs):
        from .pickers import SearchableSelect  # the pickers import this module's code rules

        kwargs.setdefault("widget", SearchableSelect)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(organization__path__startswith=value.path)


def date_filter(field_name, lookup_expr, label, **kwargs):
    """A dd/mm/yyyy date box; also reads yyyy-mm-dd, the form the dashboard's links carry."""
    return django_filters.DateFilter(
        field_name=field_name,
        lookup_expr=lookup_expr,
        label=label,
        widget=DateInput,
        input_formats=["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"],
        **kwargs,
    )


MEMBER_CODE = re.compile(r"^[A-Za-z]{1,4}\d{4,}$")


class MemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or member code"), method="search")
    organization = OrganizationSubtreeFilter(
        label=_("Organisation"), queryset=Organization.objects.none(), empty_label=_("All in my reach")
    )
    gender = django_filters.ChoiceFilter(label=_("Gender"), choices=Gender.choices, empty_label=_("All"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MemberStatus.choices, empty_label=_("All"))
    age_band = django_filters.ChoiceFilter(label=_("Age"), choices=AGE_BANDS, method="filter_age", empty_label=_("All"))
    on = date_filter("joined_on", "lte", _("Members on"), method="filter_on")
    joined_year = django_filters.NumberFilter(
        label=_("Joined in year"),
        field_name="joined_on",
        lookup_expr="year",
        widget=forms.NumberInput(attrs={"min": 1950, "max": 2100, "inputmode": "numeric"}),
    )
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("search_name", "name"),
            ("member_code", "code"),
            ("birth_date", "birth_date"),
            ("joined_on", "joined_on"),
            ("organization__name", "organization"),
        ),
        field_labels={
            "search_name": _("Name"),
            "member_code": _("Member code"),
            "birth_date": _("Date of birth"),
            "joined_on": _("Joined on"),
            "organization__name": _("Union"),
        },
    )

    class Meta:
        model = Member
        fields = []

    def __init__(self, *args, user, by_national_id=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.name: str | None = None
        self.loose_qs = None
        # A CCCD is searched only when it came by POST (the header search): never from a URL.
        self.by_national_id = by_national_id
        field = self.form.fields["organization"]
        field.narrow(
            selectors.organization_list_for(user).order_by("path"),
            top_depth(user),
            listed_levels=LISTED_LEVELS,
            selected=self.data.get("organization"),
        )

    def search(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        if looks_like_national_id(value):
            return qs.filter(national_id=value) if self.by_national_id else qs.none()
        if MEMBER_CODE.match(value):
            return qs.filter(member_code__iexact=value)
        if name_search.available():
            self.name = fold(value)  # searched by its words once every filter is applied: see `qs`
            return qs
        # Name only: an OR with the code would keep the trigram index from being used.
        return qs.filter(search_name__contains=fold(value))

    def filter_on(self, qs, name, value):
        """Members of the union on that day, as the dashboard counts them: joined by then (or no date known),
        not left by then, transferred rows left out (the member counts in the new union)."""
        return (
            qs.exclude(status=MemberStatus.TRANSFERRED)
            .filter(Q(joined_on__isnull=True) | Q(joined_on__lte=value))
            .filter(Q(left_on__isnull=True) | Q(left_on__gt=value))
        )

    def filter_age(self, qs, name, value):
        today = timezone.localdate()

        def born_before(years):
            try:
                return today.replace(year=today.year - years)
            except ValueError:  # 29 February
                return today.replace(year=today.year - years, day=28)

        # Members whose list gave only the year of birth are placed by that year.
        year_only = Q(birth_date__isnull=True)
        low, _sep, high = value.partition("-")
        if low:
            qs = qs.filter(
                Q(birth_date__lte=born_before(int(low))) | (year_only & Q(birth_year__lte=today.year - int(low)))
            )
        if high:
            qs = qs.filter(
                Q(birth_date__gt=born_before(int(high) + 1))
                | (year_only & Q(birth_year__gt=today.year - int(high) - 1))
            )
        return qs

    @property
    def qs(self):
        qs = super().qs
        if not self.form.cleaned_data.get("sort"):
            qs = qs.order_by("search_name", "id")
        if self.name is not None and self.loose_qs is None:
            # The whole words first; the text anywhere in the name when they find nobody (`loose_qs`).
            self.loose_qs = qs.filter(search_name__contains=self.name)
            self._qs = name_search.by_words(qs, self.name, self._search_paths())
            return self._qs
        return qs

    def _search_paths(self):
        org = self.form.cleaned_data.get("organization")
        return [org.path] if org else access.reach(self.user)
