"""The GraphQL documents the tests send are the allow-listed operations the
app and the hotline send (graphql/operations/): a test of the API is then
a test of the contract, and an operation that stops working fails here."""

from functools import cache
from pathlib import Path

OPERATIONS = Path(__file__).resolve().parents[2] / "graphql" / "operations"


@cache
def operation(name):
    return (OPERATIONS / f"{name}.graphql").read_text(encoding="utf-8")
