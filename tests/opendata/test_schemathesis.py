"""Fuzzing the API from its own OpenAPI description with schemathesis, data in the database.

Each operation gets valid input (the examples first: the project ``vag``) and invalid input
(page numbers below 1, ids that are not numbers); every answer must be a documented status
(no 500) with a body that matches the schema of that status. Through the WSGI application in
the test's thread, so it sees the test's rows without committing them.
"""

from contextlib import contextmanager

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from samarbeid.wsgi import application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 15  # per operation and mode: about 30 s for the whole API


@contextmanager
def kept_connection():
    """Django's test client keeps the test's connection open across requests; the bare WSGI
    application would close it when each answer is done, and the test's rows with it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def schema(published):
    with kept_connection():
        loaded = schemathesis.openapi.from_wsgi("/api/oparl/v1/openapi.json", application)
    # A NUL in the query string is turned away before the API, by the portal's
    # ProblemMiddleware (400, its own page; PostgreSQL cannot take one): tested below.
    loaded.config.generation.update(allow_x00=False)
    return loaded


def operations(schema):
    found = [result.ok() for result in schema.get_all_operations()]
    assert len(found) >= 12
    return found


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_operation_answers_500_or_off_schema(world, schema, mode):
    for operation in operations(schema):
        if mode is GenerationMode.NEGATIVE and not list(operation.iter_parameters()):
            continue  # nothing to send wrong

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def check(case):
            case.call_and_validate(checks=CHECKS)

        with kept_connection():
            check()


def test_the_real_objects_conform_too(world, client_for, schema, published):
    """Random ids find nothing; the ids the crawl finds are checked against the schema too."""
    from tests.opendata.helpers import crawl, path_of

    by_path = {}
    for address in crawl(client_for(None)):
        path = path_of(address).split("?")[0]
        case = _case_for(schema, path)
        if case is not None:
            by_path[path] = case
    assert len(by_path) >= 10
    with kept_connection():
        for case in by_path.values():
            case.call_and_validate(checks=CHECKS)


def _case_for(schema, path):
    """A schemathesis case for a concrete path, through the operation whose pattern it fits."""
    import re

    for operation in operations(schema):
        pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", operation.path)
        match = re.fullmatch(pattern, path)
        if match:
            values = {k: int(v) if v.isdigit() else v for k, v in match.groupdict().items()}
            return operation.Case(path_parameters=values)
    return None


def test_a_nul_in_the_query_is_turned_away_before_the_api(db, client_for):
    response = client_for(None).get("/api/oparl/v1/body", {"page": "1\x00"})
    assert response.status_code == 400
