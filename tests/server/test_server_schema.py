"""The API against its own OpenAPI schema: requests generated from it (valid and
not) never make the server fail, and every answer has the documented shape.

Operations are read from the live server's schema and each is tried with generated
cases (schemathesis strategies driven by hypothesis). A pattern says only what a
value looks like, so the values a pattern lets through that are still not dates
("2000-02-31", year "0000") are also sent on purpose, to every date parameter the
schema lists."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

if TYPE_CHECKING:
    from tests.server_fixtures import LiveServer

pytest_plugins = ["tests.server_fixtures"]
# Generated cases per operation, bounded so the run takes 15-20 s on a busy 2-core
# machine (100 took 31 s); coding posted text is the slow part. Schemathesis draws
# values that match each pattern, and with this many some of them fit the pattern
# without being dates: 20 were enough to find the 500 a posted "0000-01-01" gave.
EXAMPLES = 60
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
# Strings of date shape that name no day: each is sent wherever a parameter's
# pattern lets it through.
NOT_DATES = ("0000", "0000-06", "2000-00", "2000-02-30", "2001-02-29", "1999-04-31",
             "1999-11-31", "0000-01-01", "2000-13-01")


@pytest.mark.slow
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


def date_fields(schema: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    """(method, path, where, name, pattern) of every parameter or body field whose
    pattern admits a date like 2000-06-13 (the schema's way of saying "a date")."""
    def resolve(ref: str) -> dict[str, Any]:
        found: Any = schema
        for part in ref.removeprefix("#/").split("/"):
            found = found[part]
        return found

    def patterns(field: dict[str, Any]) -> list[str]:
        if "$ref" in field:
            return patterns(resolve(field["$ref"]))
        own = [field["pattern"]] if "pattern" in field else []
        return own + [p for option in field.get("anyOf", []) for p in patterns(option)]

    def date_pattern(field: dict[str, Any]) -> str | None:
        return next((p for p in patterns(field) if re.fullmatch(p, "2000-06-13")), None)

    fields = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                if pattern := date_pattern(parameter["schema"]):
                    fields.append((method, path, parameter["in"], parameter["name"], pattern))
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                for name, field in resolve(body["schema"]["$ref"])["properties"].items():
                    if pattern := date_pattern(field):
                        fields.append((method, path, "body", name, pattern))
    return fields


@pytest.mark.parametrize("text", NOT_DATES)
def test_each_string_sent_as_no_date_is_indeed_no_date(text: str):
    with pytest.raises(ValueError):
        date.fromisoformat((text + "-01-01")[:10])


@pytest.mark.slow
def test_strings_of_date_shape_that_name_no_day_are_refused_with_422(server: LiveServer):
    schema = server.get("/openapi.json").json()
    fields = date_fields(schema)
    # the events filters, both series, the network window and the posted text's date
    assert {(path, name) for _, path, _, name, _ in fields} >= {
        ("/api/events", "start"), ("/api/events", "end"),
        ("/api/dyads/{side_a}/{side_b}/series", "start"),
        ("/api/actors/{side}/series", "end"), ("/api/network", "start"),
        ("/api/extract", "pub_date"), ("/extract", "pub_date")}
    tried = 0
    for method, path, where, name, pattern in fields:
        url = server.url + path.format(side_a="PRK", side_b="USA", side="PRK")
        for text in (t for t in NOT_DATES if re.fullmatch(pattern, t)):
            if where == "body":
                response = httpx.post(url, json={"text": "Putin visited Pyongyang.",
                                                 name: text}, timeout=60)
            else:
                response = httpx.request(method, url, params={name: text}, timeout=60)
            assert response.status_code == 422, (method, path, name, text, response.text)
            assert text in response.text and "date" in response.text
            tried += 1
    assert tried >= 30
