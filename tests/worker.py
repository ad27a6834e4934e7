"""The Celery app as the fault tests start their workers (`celery -A tests.worker worker`): the project's own,
with the checkpoint gates the test put in the environment (tests/checkpoints.py)."""

from emulation.celery import app
from tests.checkpoints import install_from_environment

install_from_environment()

__all__ = ["app"]
