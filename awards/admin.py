from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AwardType, BaseSalary, RuleSet


class RuleSetInline(admin.StackedInline):
    model = RuleSet
    extra = 0


@admin.register(AwardType)
class AwardTypeAdmin(SimpleHistoryAdmin):
    """Administrators keep the catalogue: names, coefficients, thresholds and dated rule sets."""

    list_display = ["name", "code", "category", "subject_kind", "issuing_level", "bonus_coefficient",
                    "vote_threshold", "active"]
    list_filter = ["category", "subject_kind", "issuing_level", "active"]
    search_fields = ["name", "code"]
    inlines = [RuleSetInline]


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "amount"]
