from django.apps import AppConfig


class EmulationConfig(AppConfig):
    """The project package holds shared templatetags and the home page."""

    name = "emulation"
