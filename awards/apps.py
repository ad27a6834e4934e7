from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Commendation")

    def ready(self):
        from unions.inputs import inputs_changed

        from .eligibility import rules  # noqa: F401  (registers the eligibility rules)
        from .services import eligibility_refresh

        # The lower apps' changes of what the rules read mark the lines in the writing transaction.
        inputs_changed.connect(eligibility_refresh.on_inputs_changed, dispatch_uid="awards-eligibility-stale")
