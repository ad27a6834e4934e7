from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from unions.admin import AnnounceChangesMixin

from .models import Award, AwardType, BaseSalary, RuleSet


class RuleSetInline(admin.StackedInline):
    model = RuleSet
    extra = 0


@admin.register(AwardType)
class AwardTypeAdmin(AnnounceChangesMixin, SimpleHistoryAdmin):
    """Administrators keep the catalogue: names, coefficients, thresholds and dated rule sets."""

    list_display = [
        "name",
        "code",
        "category",
        "subject_kind",
        "issuing_level",
        "bonus_coefficient",
        "vote_threshold",
        "active",
    ]
    list_filter = ["category", "subject_kind", "issuing_level", "active"]
    search_fields = ["name", "code"]
    inlines = [RuleSetInline]

    def owner_paths(self, obj):
        # The figures break awards down by type (code, form, level): a change of the type re-files its awards.
        if obj.pk is None:
            return []
        return list(Award.objects.filter(award_type=obj).order_by().values_list("org_path", flat=True).distinct())


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "amount"]
