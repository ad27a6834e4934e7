from django.apps import AppConfig


class EmulationConfig(AppConfig):
    """The project package holds shared templatetags, the home page and the sign-in safeguards."""

    name = "emulation"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import remember_login

        user_logged_in.connect(remember_login, dispatch_uid="emulation.remember_login")
