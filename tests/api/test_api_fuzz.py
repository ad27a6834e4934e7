"""Property-based run over the API's own OpenAPI schema (schemathesis): with a grassroots officer's read-and-write
token, generated requests to every operation never get a 5xx, and every documented response matches the schema."""

import io

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from api import services

TOKEN = {}


@pytest.fixture
def api_schema(world, award_catalogue):
    from tests.awards import helpers as h

    h.award(world.member_a1, code="LDTT", year=2025)
    _, TOKEN["value"] = services.token_create(
        actor=world.officer_union_a1, name="schemathesis", actions=services.TOKEN_ACTIONS
    )
    yield from _wsgi_schema()


def _wsgi_schema():
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    # As Django's test client does: a request must not close the connection holding the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi(
            "/api/v1/schema/?format=json",
            get_wsgi_application(),
            headers={"Authorization": f"Bearer {TOKEN['value']}"},
        )
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _demo_schema():
    """The demo data of `make run` and a read-write token of its grassroots officer btl.cdcs1."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("seed_demo", stdout=io.StringIO())
    _, TOKEN["value"] = services.token_create(
        actor=get_user_model().objects.get(username="btl.cdcs1"), name="schemathesis", actions=services.TOKEN_ACTIONS
    )


@pytest.fixture
def demo_schema(db):
    _demo_schema()
    yield from _wsgi_schema()


@pytest.mark.django_db
def test_no_server_error_and_responses_match_the_schema(api_schema):
    _fuzz(api_schema)


def test_the_demo_officer_btl_cdcs1_finds_no_server_error_either(demo_schema):
    _fuzz(demo_schema, examples=8)


def _fuzz(api_schema, examples=15):
    headers = {"Authorization": f"Bearer {TOKEN['value']}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 18

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def call(case):
            case.call_and_validate(headers=headers, checks=[not_a_server_error, response_schema_conformance])

        call()
