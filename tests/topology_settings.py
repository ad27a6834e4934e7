"""The production settings for the web and worker processes of tests/test_topology.py, but for static files:
collecting and compressing them takes a minute of CPU and has nothing to do with running on several machines.
The pages still name their static files; nothing here fetches them."""

from emulation.settings import *  # noqa: F403

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
