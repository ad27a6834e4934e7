"""The product's settings with the floor's URLs beside its own: only the bench's gunicorn runs with these
(benchmarks/serve.py), so production never serves /_floor/."""

from emulation.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
