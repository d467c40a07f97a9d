"""graphql/schema.graphql is the exported schema; CI fails when it is stale."""

from pathlib import Path

from api.schema import schema
from graphql import print_schema

SDL = Path(__file__).resolve().parents[2] / "graphql" / "schema.graphql"


def test_the_checked_in_sdl_matches_the_code():
    assert SDL.read_text(encoding="utf-8").strip() == print_schema(schema.graphql_schema).strip(), (
        "The schema changed: run `python manage.py graphql_schema --out graphql/schema.graphql`."
    )
