from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared helpers with no models: the bottom layer every app may import."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from . import choice_labels

        choice_labels.install()
