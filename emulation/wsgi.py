import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
application = get_wsgi_application()

from emulation.memory import freeze_after_start  # noqa: E402 (after Django is set up)

freeze_after_start()
