"""`python -m benchmarks.scale --tier T1 [--reset] [--password …]`: load a tier into the database of DATABASE_URL.

Not a manage.py command: only the benchmarks and the EXPLAIN tests use the generator, so it lives beside
them and the product's apps never import it.
"""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
# Like manage.py: typed on a developer's machine, it runs in development mode.
os.environ.setdefault("DEBUG", "1")
django.setup()

from benchmarks.scale.generate import Command  # noqa: E402 (the models load after setup)

Command().run_from_argv(["python -m", "benchmarks.scale", *sys.argv[1:]])
