import pytest


@pytest.fixture(autouse=True)
def _catalogue(award_catalogue):
    """Every awards test sees the catalogue, transactional ones included."""
