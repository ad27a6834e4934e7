from django.apps import AppConfig


class EmulationConfig(AppConfig):
    """The project shell: settings, urls, the Celery app, middleware (sign-in safeguards), health checks, home."""

    name = "emulation"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import remember_login

        user_logged_in.connect(remember_login, dispatch_uid="emulation.remember_login")
