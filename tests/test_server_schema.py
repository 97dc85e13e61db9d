"""The API against its own OpenAPI schema: requests generated from it (valid and
not) never make the server fail, and every answer has the documented shape.

Operations are read from the live server's schema and each is tried with a few
generated cases (schemathesis strategies driven by hypothesis)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

if TYPE_CHECKING:
    from server_fixtures import LiveServer

pytest_plugins = ["server_fixtures"]
EXAMPLES = 10  # per operation: the whole run stays well under a minute
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


def test_no_generated_request_makes_the_server_fail(server: LiveServer):
    schema = schemathesis.openapi.from_url(server.url + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def answers_well(case: schemathesis.Case) -> None:
            response = case.call(timeout=60)
            case.validate_response(response, checks=CHECKS)

        try:
            answers_well()
        except Exception as error:
            error.add_note(f"operation: {operation.method.upper()} {operation.path}")
            raise
